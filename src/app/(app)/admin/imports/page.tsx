import type { Metadata } from "next";
import Link from "next/link";
import { countsText, STATUS_LABEL } from "@/components/imports/labels";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatMomentIn } from "@/domain/time-zone";
import { getContext } from "@/server/auth/session";
import { listImports } from "@/server/imports/queries";

export const metadata: Metadata = { title: "Roster imports" };

export default async function ImportsPage() {
  const ctx = await getContext();
  const runs = await listImports(ctx);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Roster imports</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/admin/imports/new" className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
            Import a OneRoster export
          </Link>
          <Link href="/admin/imports/spreadsheet" className="rounded-md border border-blue-800 px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
            Import a spreadsheet
          </Link>
        </div>
      </div>
      <p className="mb-4 max-w-3xl text-slate-700">
        Schools, students, staff and class rosters from your student information system. Every import is checked first (a dry run); records are matched by their
        OneRoster sourcedId, so importing again updates them. Without OneRoster, import students, staff and guardians from a spreadsheet (CSV or .xlsx): students are
        matched by their local id and staff by email. To take the district&apos;s data out again, see{" "}
        <Link href="/admin/export" className="text-blue-800 underline">
          Export district data
        </Link>
        .
      </p>
      {runs.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <DataTable caption="Import history" columns={["Started", "By", "Files", "Status", "Students", "Classes", "Problems", "Report"]}>
          {runs.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Link href={`/admin/imports/${r.id}`} className="text-blue-800 underline">
                  <time dateTime={r.createdAt.toISOString()}>{formatMomentIn(r.createdAt, ctx.timeZone)}</time>
                </Link>
              </Td>
              <Td>
                {r.createdBy}
                {r.appliedBy && r.appliedBy !== r.createdBy ? `; applied by ${r.appliedBy}` : null}
              </Td>
              <Td className="break-all">
                {r.fileNames.join(", ")}
                {r.version ? ` (OneRoster ${r.version}${r.mode ? `, ${r.mode}` : ""})` : null}
                {r.kind === "SPREADSHEET" ? " (spreadsheet)" : null}
              </Td>
              <Td>
                {r.status === "QUEUED" && r.job?.status === "RUNNING" ? "Dry run running" : r.status === "QUEUED" ? "Dry run queued" : STATUS_LABEL[r.status]}
                {r.status === "APPLYING" && r.job?.status === "QUEUED" ? " (queued)" : null}
                {r.job?.status === "FAILED" && r.job.errorRef ? ` (reference ${r.job.errorRef})` : null}
              </Td>
              <Td>{countsText(r.counts.students)}</Td>
              <Td>{countsText(r.counts.classes)}</Td>
              <Td>
                {r.errorCount} {r.errorCount === 1 ? "error" : "errors"}, {r.warningCount} {r.warningCount === 1 ? "warning" : "warnings"}
              </Td>
              <Td>
                <a href={`/admin/imports/${r.id}/report`} className="text-blue-800 underline" download>
                  Download<span className="sr-only"> the report of {formatMomentIn(r.createdAt, ctx.timeZone)}</span>
                </a>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
