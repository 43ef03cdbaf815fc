import type { Metadata } from "next";
import { STATUS_LABEL } from "@/components/imports/labels";
import { CountsTable, FindingsTable } from "@/components/imports/report";
import { ApplyForm, MappingForm } from "@/components/imports/review-forms";
import { SheetRun } from "@/components/imports/sheet-run";
import { JobProgress } from "@/components/jobs/job-progress";
import { BackLink } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatMomentIn } from "@/domain/time-zone";
import { getContext } from "@/server/auth/session";
import { getImport } from "@/server/imports/queries";
import type { SheetReport } from "@/server/imports/sheet";

export const metadata: Metadata = { title: "Roster import" };

export default async function ImportPage({ params }: { params: Promise<{ importId: string }> }) {
  const ctx = await getContext();
  const { importId } = await params;
  const run = await getImport(ctx, importId);
  if (run.kind === "SPREADSHEET") {
    const sheet = run.report as unknown as SheetReport;
    return (
      <>
        <BackLink href="/admin/imports">Roster imports</BackLink>
        <h1 className="mb-1 text-2xl font-semibold">{run.status === "MAPPING" ? "Spreadsheet import: confirm the columns" : run.status === "APPLIED" ? "Spreadsheet import" : "Dry run of the spreadsheet import"}</h1>
        <p className="mb-4 text-slate-700">
          {STATUS_LABEL[run.status]}. {sheet.files.join(", ")}, uploaded by {run.createdBy} on{" "}
          <time dateTime={run.createdAt.toISOString()}>{formatMomentIn(run.createdAt, ctx.timeZone)}</time>.{" "}
          <a href={`/admin/imports/${run.id}/report`} className="text-blue-800 underline" download>
            Download the report
          </a>
        </p>
        {run.status === "APPLIED" && run.appliedAt ? (
          <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
            The import was applied on <time dateTime={run.appliedAt.toISOString()}>{formatMomentIn(run.appliedAt, ctx.timeZone)}</time>. The table below shows what it wrote.
          </p>
        ) : null}
        {run.job ? <JobProgress key={run.job.id} initial={run.job} statusUrl={`/admin/imports/${run.id}/status`} label="Progress of the import" /> : null}
        {sheet.failure ? (
          <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
            {sheet.failure}
          </p>
        ) : null}
        <SheetRun id={run.id} status={run.status} report={sheet} />
      </>
    );
  }
  const { report } = run;
  const dryRun = run.status === "READY" || run.status === "BLOCKED" || run.status === "QUEUED";
  return (
    <>
      <BackLink href="/admin/imports">Roster imports</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">{dryRun ? "Dry run of the import" : "Roster import"}</h1>
      <p className="mb-4 text-slate-700">
        {STATUS_LABEL[run.status]}. Uploaded by {run.createdBy} on <time dateTime={run.createdAt.toISOString()}>{formatMomentIn(run.createdAt, ctx.timeZone)}</time>
        {report.version ? `; OneRoster ${report.version}${report.mode ? `, ${report.mode === "delta" ? "changes only (delta)" : "complete (bulk)"}` : ""}` : ""}.{" "}
        <a href={`/admin/imports/${run.id}/report`} className="text-blue-800 underline" download>
          Download the report
        </a>
      </p>
      {run.job ? (
        <JobProgress
          key={run.job.id}
          initial={run.job}
          statusUrl={`/admin/imports/${run.id}/status`}
          label={run.status === "QUEUED" || dryRun ? "Progress of the dry run" : "Progress of the import"}
        />
      ) : null}
      {run.status === "QUEUED" ? null : (
        <>
      {run.status === "APPLIED" && run.appliedAt ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          The import was applied on <time dateTime={run.appliedAt.toISOString()}>{formatMomentIn(run.appliedAt, ctx.timeZone)}</time>. The table below shows what it wrote.
        </p>
      ) : null}
      {report.failure ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {report.failure}
        </p>
      ) : null}

      <section aria-labelledby="counts" className="mb-6 max-w-3xl">
        <h2 id="counts" className="mb-2 text-xl font-semibold">
          {run.status === "APPLIED" ? "What the import did" : "What the import would do"}
        </h2>
        <CountsTable counts={report.counts} caption={run.status === "APPLIED" ? "Changes made" : "Changes planned"} />
      </section>

      <section aria-labelledby="problems" className="mb-6">
        <h2 id="problems" className="mb-2 text-xl font-semibold">
          Problems: {report.errors} {report.errors === 1 ? "error" : "errors"}, {report.warnings} {report.warnings === 1 ? "warning" : "warnings"}
        </h2>
        {report.errors > 0 ? <p className="mb-2">Errors block the import: fix them in the student information system or the files, then upload again. Warnings do not block it.</p> : null}
        {report.findings.length ? <FindingsTable findings={report.findings} /> : <p>None.</p>}
        {report.omitted > 0 ? <p className="mt-2 text-sm text-slate-700">{report.omitted} more of the same problems are counted but not listed.</p> : null}
      </section>

      {report.archive.length > 0 ? (
        <section aria-labelledby="archive" className="mb-6 max-w-3xl">
          <h2 id="archive" className="mb-2 text-xl font-semibold">
            Students no longer in the roster ({report.archive.length})
          </h2>
          <p className="mb-2">Imported before, but missing from this complete export (or marked to be deleted). They are archived only if you confirm below.</p>
          <DataTable caption="Students who would be archived" columns={["Name", "Local id"]}>
            {report.archive.map((a) => (
              <Tr key={a.id}>
                <Td>{a.name}</Td>
                <Td className="font-mono">{a.localId}</Td>
              </Tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {dryRun && report.staffRoles.length > 0 ? (
        <section aria-labelledby="roles" className="mb-6 max-w-lg rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="roles" className="mb-2 text-xl font-semibold">
            Staff roles
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            What each OneRoster role becomes here. Everyone stays on their class rosters; an invitation offers a role the person accepts at sign-in.
          </p>
          <MappingForm importId={run.id} roles={report.staffRoles} targets={run.targets} />
        </section>
      ) : null}

        </>
      )}
      {run.status === "READY" ? (
        <section aria-labelledby="apply" className="mb-6 max-w-lg rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="apply" className="mb-2 text-xl font-semibold">
            Apply
          </h2>
          <ApplyForm importId={run.id} archiveCount={report.archive.length} invitations={report.counts.invitations.create} />
        </section>
      ) : null}
    </>
  );
}
