import type { Metadata } from "next";
import Link from "next/link";
import { ScreeningApplyForm } from "@/components/screening/apply-form";
import { windowLabel } from "@/components/screening/filters";
import { ScreeningMappingForm } from "@/components/screening/mapping-form";
import { JobProgress } from "@/components/jobs/job-progress";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { MAX_PROBLEMS_LISTED } from "@/domain/screening-file";
import { getContext } from "@/server/auth/session";
import { getScreeningImport } from "@/server/screening/queries";
import { AREA_LABEL } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Screening file" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function ScreeningImportPage({ params }: { params: Promise<{ importId: string }> }) {
  const ctx = await getContext();
  const { importId } = await params;
  const p = await getScreeningImport(ctx, importId);
  const windowOptions = [...p.windows].reverse().map((w) => ({ value: w.id, label: windowLabel(w) }));
  const summary = p.row.summary as { created?: number; updated?: number; unchanged?: number } | null;
  const appliedWindow = p.windows.find((w) => w.id === p.row.windowId) ?? null;
  const report = p.report;
  const plan = report?.plan ?? null;
  const problems = plan?.problems ?? report?.fileProblems ?? [];
  return (
    <>
      <BackLink href="/screening/upload">Upload screening scores</BackLink>
      <h1 className="mb-2 text-2xl font-semibold">Screening file: {p.row.filename}</h1>
      {p.row.encodingNote ? (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <strong>Text converted to UTF-8.</strong> {p.row.encodingNote}
        </p>
      ) : null}
      {p.job && p.row.status !== "APPLIED" ? <JobProgress key={p.job.id} initial={p.job} statusUrl={`/screening/imports/${p.row.id}/status`} label="Applying the file" /> : null}
      {p.row.status === "APPLIED" ? (
        <Section id="applied-heading" title="Applied">
          <p role="status">
            Applied on {p.row.appliedAt?.toISOString().slice(0, 10)}: {plural(summary?.created ?? 0, "new score")}, {plural(summary?.updated ?? 0, "score")} updated, {summary?.unchanged ?? 0} unchanged.
          </p>
          <p className="mt-2">
            <Link className="text-blue-800 underline" href={`/screening/suggestions${appliedWindow ? `?window=${appliedWindow.id}` : ""}`}>
              Review the tier suggestions of the window
            </Link>
          </p>
        </Section>
      ) : (
        <>
          <p className="mb-4 text-slate-700">{plural(p.row.dataRows, "row")} of scores. Confirm what each column holds, then read the dry run.</p>
          <Section id="mapping-heading" title="1. Columns">
            <ScreeningMappingForm
              importId={p.row.id}
              headers={p.headers}
              samples={p.sample}
              mapping={Array.isArray(p.row.mapping) ? (p.row.mapping as string[]) : p.proposed}
              windows={windowOptions}
              windowId={p.row.windowId}
              options={[
                { value: "ignore", label: "Ignore this column" },
                { value: "localId", label: "Student local id" },
                { value: "window", label: "Screening window (fall, winter, spring)" },
                { value: "grade", label: "Grade (checked against the student's)" },
                ...p.screeners.map((s) => ({ value: `measure:${s.id}`, label: `Scores: ${s.name} (${AREA_LABEL[s.area].toLowerCase()})` })),
              ]}
            />
          </Section>
          {report ? (
            <Section id="dry-run-heading" title="2. Dry run">
              {plan ? (
                <dl className="mb-4 grid gap-1">
                  <div>
                    <dt className="inline font-medium">Scores to save: </dt>
                    <dd className="inline">
                      {plan.writes.length} ({plan.writes.filter((w) => w.previous === null).length} new, {plan.writes.filter((w) => w.previous !== null).length} replacing a saved score)
                    </dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">Unchanged: </dt>
                    <dd className="inline">{plan.unchanged}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">Errors (block the file): </dt>
                    <dd className="inline">{plan.errors}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">Warnings (do not block): </dt>
                    <dd className="inline">{plan.warnings}</dd>
                  </div>
                </dl>
              ) : null}
              {problems.length ? (
                <>
                  <DataTable caption="Problems found in the file" columns={["Line", "Column", "Value", "Problem", "Kind"]} className="text-sm">
                    {problems.slice(0, MAX_PROBLEMS_LISTED).map((x, i) => (
                      <Tr key={i}>
                        <Td>{x.line}</Td>
                        <Td>{x.column ?? "—"}</Td>
                        <Td>{x.value === null ? "—" : x.value === "" ? "(blank)" : x.value}</Td>
                        <Td>{x.message}</Td>
                        <Td>{x.severity === "error" ? <strong className="text-red-900">Error</strong> : "Warning"}</Td>
                      </Tr>
                    ))}
                  </DataTable>
                  {problems.length > MAX_PROBLEMS_LISTED ? <p className="mt-2">… and {problems.length - MAX_PROBLEMS_LISTED} more.</p> : null}
                </>
              ) : (
                <p>No problems found.</p>
              )}
              <div className="mt-4">
                {p.job && (p.job.status === "QUEUED" || p.job.status === "RUNNING") ? (
                  <p>The file is being applied; its progress is shown above.</p>
                ) : plan && plan.errors === 0 ? (
                  plan.writes.length ? (
                    <ScreeningApplyForm importId={p.row.id} label={`Apply: save ${plural(plan.writes.length, "score")}`} />
                  ) : (
                    <p>Nothing to save: every score in the file is saved already.</p>
                  )
                ) : (
                  <p className="font-medium">Nothing can be saved until the errors are corrected: correct the file (or the mapping) and check it again.</p>
                )}
              </div>
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
