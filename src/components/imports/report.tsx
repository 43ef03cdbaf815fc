import { DataTable, Td, Tr } from "@/components/ui/table";
import type { PlanCounts } from "@/domain/oneroster/plan";
import type { Finding } from "@/domain/oneroster/findings";
import { countsText, ENTITY_LABEL } from "./labels";

/** What the import would do (or did), by kind of record. */
export function CountsTable({ counts, caption }: { counts: PlanCounts; caption: string }) {
  return (
    <DataTable caption={caption} columns={["Records", "Changes"]}>
      {(Object.keys(ENTITY_LABEL) as (keyof PlanCounts)[]).map((k) => (
        <Tr key={k}>
          <Td>{ENTITY_LABEL[k]}</Td>
          <Td>{countsText(counts[k])}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** Every problem with its place in the files; errors first. */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return (
    <DataTable caption="Problems found" columns={["Severity", "File", { label: "Line", numeric: true }, "Column", "Value", "Problem"]} className="text-sm">
      {sorted.map((f, i) => (
        <Tr key={i}>
          <Td className={f.severity === "error" ? "font-semibold text-red-800" : "text-amber-900"}>{f.severity === "error" ? "Error" : "Warning"}</Td>
          <Td className="break-all">{f.file || "The upload"}</Td>
          <Td numeric>{f.line ?? "–"}</Td>
          <Td className="break-all">{f.column ?? "–"}</Td>
          <Td className="break-all font-mono">{f.value === null ? "–" : f.value === "" ? "(empty)" : f.value}</Td>
          <Td>{f.message}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
