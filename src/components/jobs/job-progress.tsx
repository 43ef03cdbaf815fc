"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { JobStatus } from "@/server/jobs/status";

const POLL_MS = 1500;
const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * A background job's state and progress, kept current by polling its status
 * URL while it is queued or running; the page is refreshed once it ends (to
 * show the result). The work goes on if the page is closed.
 */
export function JobProgress({ initial, statusUrl, label }: { initial: JobStatus; statusUrl: string; label: string }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const ended = useRef(false);
  const active = job.status === "QUEUED" || job.status === "RUNNING";
  useEffect(() => {
    if (!active) return;
    let stop = false;
    const tick = async () => {
      try {
        const res = await fetch(statusUrl, { cache: "no-store" });
        if (res.ok) {
          const body = (await res.json()) as { job: JobStatus | null };
          if (!stop && body.job) setJob(body.job);
          if (body.job && body.job.status !== "QUEUED" && body.job.status !== "RUNNING" && !ended.current) {
            ended.current = true;
            router.refresh();
            return;
          }
        }
      } catch {
        // A dropped poll is retried at the next tick.
      }
      if (!stop) timer = setTimeout(tick, POLL_MS);
    };
    let timer = setTimeout(tick, POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [active, statusUrl, router]);

  const files = job.progress.files;
  const toWrite = files.reduce((n, f) => n + (f.toWrite ?? 0), 0);
  const written = files.reduce((n, f) => n + f.written, 0);
  const read = files.reduce((n, f) => n + f.read, 0);
  const stateText =
    job.status === "QUEUED"
      ? "Queued: it starts as soon as the work before it ends."
      : job.status === "RUNNING"
        ? `Running (${job.progress.phase || "starting"}): ${fmt(read)} rows read${toWrite ? `, ${fmt(written)} of ${fmt(toWrite)} written` : ""}.`
        : job.status === "DONE"
          ? "Done."
          : `Failed. ${job.errorMessage ?? ""}${job.errorRef && !(job.errorMessage ?? "").includes(job.errorRef) ? ` (reference ${job.errorRef})` : ""}`;
  return (
    <section aria-labelledby="job-progress" className="mb-6 max-w-3xl rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="job-progress" className="mb-2 text-xl font-semibold">
        {label}
      </h2>
      <p role="status" aria-live="polite" className="mb-2">
        {stateText}
      </p>
      {active ? (
        <>
          <progress
            className="mb-2 h-3 w-full"
            aria-label={`${label}: rows written`}
            max={toWrite || undefined}
            value={toWrite ? written : undefined}
            aria-valuemin={0}
            aria-valuemax={toWrite || undefined}
            aria-valuenow={toWrite ? written : undefined}
            aria-valuetext={toWrite ? `${fmt(written)} of ${fmt(toWrite)} rows written` : `${fmt(read)} rows read`}
          />
          <p className="mb-2 text-sm text-slate-700">You may close this page: the work goes on, and the history shows how it ended.</p>
        </>
      ) : null}
      {files.length ? (
        <div className="overflow-x-auto">
          <table className="text-sm">
            <caption className="sr-only">Rows per file</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-4 text-left">File</th>
                <th scope="col" className="pr-4 text-right">Rows read</th>
                <th scope="col" className="text-right">Rows written</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.name}>
                  <th scope="row" className="pr-4 text-left font-normal break-all">{f.name}</th>
                  <td className="pr-4 text-right tabular-nums">{fmt(f.read)}</td>
                  <td className="text-right tabular-nums">
                    {fmt(f.written)}
                    {f.toWrite !== null ? ` of ${fmt(f.toWrite)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
