import type { Metadata } from "next";
import Link from "next/link";
import { windowLabel } from "@/components/screening/filters";
import { ScreeningUploadForm } from "@/components/screening/upload-form";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { MAX_SCREENING_FILE_BYTES } from "@/domain/screening-file";
import { getContext } from "@/server/auth/session";
import { getScreeningUploadPage } from "@/server/screening/queries";

export const metadata: Metadata = { title: "Upload screening scores" };

export default async function ScreeningUploadPage() {
  const ctx = await getContext();
  const p = await getScreeningUploadPage(ctx);
  return (
    <>
      <BackLink href="/screening">Screening</BackLink>
      <h1 className="mb-2 text-2xl font-semibold">Upload screening scores</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Three steps: upload the file, confirm what each column holds, read the dry run. Then apply it: all its scores are saved at once, or none if anything is wrong.
        Students are matched by their local id; a score for a student who already has one in the window replaces it.
      </p>
      {p.windows.length === 0 || p.screeners.length === 0 ? (
        <p>The district has no screening windows or measures yet; an administrator sets them under Screening windows.</p>
      ) : (
        <Section id="upload-heading" title="File">
          <ScreeningUploadForm windows={[...p.windows].reverse().map((w) => ({ value: w.id, label: windowLabel(w) }))} chosen={p.chosen?.id ?? null} maxMb={MAX_SCREENING_FILE_BYTES / 1_000_000} />
        </Section>
      )}
      {p.recent.length ? (
        <Section id="recent-heading" title="Your recent files">
          <ul className="grid gap-1">
            {p.recent.map((r) => (
              <li key={r.id}>
                <Link className="text-blue-800 underline" href={`/screening/imports/${r.id}`}>
                  {r.filename}
                </Link>{" "}
                <span className="text-slate-700">
                  ({r.dataRows} rows, {r.status === "APPLIED" ? `applied ${r.appliedAt?.toISOString().slice(0, 10)}` : `uploaded ${r.createdAt.toISOString().slice(0, 10)}, not applied`})
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}
