"use client";

import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatValue, type Measure } from "@/domain/measures";
import { aimlineText, type GraphPoint } from "@/domain/progress/graph";

interface Props {
  /** The graph's points (ProgressGraph's graph.points: the same array, so the page sends it once). */
  points: readonly GraphPoint[];
  measure: Measure;
  /** Why each invalid probe was marked invalid, by probe id. */
  invalidReasons: Readonly<Record<string, string>>;
}

/**
 * The graph's data as a table: every probe oldest first, with the aimline's
 * value on its date, whether it counts and who gave it (the text alternative
 * of the chart, and what the CSV holds). A client component only so that the
 * page's payload carries the points once, for the chart and this table, instead
 * of every cell of a server-rendered table again (decision 008); it renders on
 * the server like any page content and computes nothing.
 */
export function GraphDataTable({ points, measure, invalidReasons }: Props) {
  if (points.length === 0) return <p className="text-slate-700">No probes have been given for this goal yet.</p>;
  return (
    <DataTable
      className="text-sm"
      caption={`Probes of this goal, oldest first, with the aimline's value on each date (${measure.unit})`}
      columns={["Date", { label: "Score", numeric: true }, { label: "Aimline on that date", numeric: true }, "Counted", "Given by"]}
    >
      {points.map((p) => {
        const reason = invalidReasons[p.id];
        return (
          <Tr key={p.id}>
            <th scope="row" className="p-2 text-left font-normal whitespace-nowrap">
              <time dateTime={p.date}>{formatDay(p.date)}</time>
            </th>
            <Td numeric>{formatValue(measure, p.score)}</Td>
            <Td numeric>{aimlineText(measure, p.aimline)}</Td>
            <Td>{p.valid ? "Yes" : `No: marked invalid${reason ? ` (${reason})` : ""}`}</Td>
            <Td className="whitespace-nowrap">{p.givenBy}</Td>
          </Tr>
        );
      })}
    </DataTable>
  );
}
