import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatValue, type Measure } from "@/domain/measures";
import type { ProbeRow } from "@/server/probes/queries";
import { ProbeActions } from "./probe-actions";

interface Props {
  /** probesOfGoalIn(...): every probe of the goal by date, invalid ones included. */
  probes: ProbeRow[];
  measure: Measure;
  /** Names the table for screen readers, e.g. "Probes of Maya Johnson's ORF goal". */
  caption: string;
  /** Offer corrections, invalidation and restoring (probeFormIn(...) is not null). */
  canChange: boolean;
}

/**
 * A goal's probes: date, score, who gave it, note and status, with the
 * changes a user who may enter probes can make. An invalid probe stays in
 * the list, its score struck through and its status saying why; it is left
 * out of every calculation. Renders on the server; the forms are client
 * components.
 */
export function ProbeTable({ probes, measure, caption, canChange }: Props) {
  if (probes.length === 0) return <p className="text-slate-700">No probes yet.</p>;
  return (
    <DataTable caption={caption} columns={["Date", { label: `Score (${measure.unit})`, numeric: true }, "Given by", "Note", "Status", canChange && "Actions"]}>
      {probes.map((p) => (
        <Tr key={p.id} className={p.invalid ? "bg-slate-100 align-top" : "align-top"}>
          <Td className="whitespace-nowrap">{formatDay(p.date)}</Td>
          <Td numeric>{p.invalid ? <del>{formatValue(measure, p.score)}</del> : formatValue(measure, p.score)}</Td>
          <Td>{p.givenByName}</Td>
          <Td className="max-w-xs break-words">{p.note ?? ""}</Td>
          <Td>
            {p.invalid ? (
              <>
                <span className="font-medium text-red-800">Invalid</span>
                <span className="block text-sm text-slate-800">{p.invalidReason}</span>
              </>
            ) : (
              "Valid"
            )}
          </Td>
          {canChange ? (
            <Td>
              <ProbeActions probe={p} measure={measure} />
            </Td>
          ) : null}
        </Tr>
      ))}
    </DataTable>
  );
}
