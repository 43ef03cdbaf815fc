import { DataTable, Td, Tr } from "@/components/ui/table";
import type { SheetCounts } from "@/domain/spreadsheet";
import type { SheetReport } from "@/server/imports/sheet";
import { countsText } from "./labels";
import { FindingsTable } from "./report";
import { SheetApplyForm, SheetMappingForm } from "./sheet-forms";

const LABEL: Record<keyof SheetCounts, string> = { students: "Students", staff: "Staff on rosters", guardians: "Guardians" };

/** A spreadsheet import's page body (decision 019): the columns to confirm, then the dry run and the apply. */
export function SheetRun({ id, status, report }: { id: string; status: string; report: SheetReport }) {
  const open = status === "MAPPING" || status === "READY" || status === "BLOCKED";
  return (
    <>
      {report.confirmed ? (
        <section aria-labelledby="counts" className="mb-6 max-w-3xl">
          <h2 id="counts" className="mb-2 text-xl font-semibold">
            {status === "APPLIED" ? "What the import did" : "What the import would do"}
          </h2>
          <DataTable caption={status === "APPLIED" ? "Changes made" : "Changes planned"} columns={["Records", "Changes"]}>
            {(Object.keys(LABEL) as (keyof SheetCounts)[]).map((k) => (
              <Tr key={k}>
                <Td>{LABEL[k]}</Td>
                <Td>{countsText(report.counts[k])}</Td>
              </Tr>
            ))}
          </DataTable>
          <p className="mt-2 text-sm text-slate-700">Students are matched by their local id and staff by email, so a row already imported updates its record; rows with no change write nothing.</p>
        </section>
      ) : null}

      {report.confirmed || report.findings.length ? (
        <section aria-labelledby="problems" className="mb-6">
          <h2 id="problems" className="mb-2 text-xl font-semibold">
            Problems: {report.errors} {report.errors === 1 ? "error" : "errors"}, {report.warnings} {report.warnings === 1 ? "warning" : "warnings"}
          </h2>
          {report.errors > 0 ? <p className="mb-2">Errors block the import: correct the file (or the columns chosen below), then check again. Warnings do not block it.</p> : null}
          {report.findings.length ? <FindingsTable findings={report.findings} /> : <p>None.</p>}
          {report.omitted > 0 ? <p className="mt-2 text-sm text-slate-700">{report.omitted} more of the same problems are counted but not listed.</p> : null}
        </section>
      ) : null}

      {open && report.tables.length > 0 ? (
        <section aria-labelledby="columns" className="mb-6 max-w-3xl rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="columns" className="mb-2 text-xl font-semibold">
            {report.confirmed ? "Columns" : "Confirm the columns"}
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            {report.confirmed
              ? "What each column was read as. Change a choice and check again if something was read wrongly."
              : "The app proposes what each column holds from its header. Check each choice; columns you ignore are not imported and leave those fields as they are."}
          </p>
          <SheetMappingForm importId={id} tables={report.tables} confirmed={report.confirmed} />
        </section>
      ) : null}

      {status === "READY" ? (
        <section aria-labelledby="apply" className="mb-6 max-w-lg rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="apply" className="mb-2 text-xl font-semibold">
            Apply
          </h2>
          <SheetApplyForm importId={id} />
        </section>
      ) : null}
    </>
  );
}
