import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";

export interface ClassSummaryRow {
  id: string;
  title: string;
  code: string | null;
  periods: string | null;
  schoolName: string;
  students: number;
}

/**
 * Classes as a table with a link per class (no student named): "My classes"
 * links to each roster, the screening list to each class's grid.
 */
export function ClassTable({ classes, caption, hrefOf, empty }: { classes: readonly ClassSummaryRow[]; caption: string; hrefOf: (id: string) => string; empty: string }) {
  if (classes.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <DataTable caption={caption} columns={["Class", "Period", "School", { label: "Students", numeric: true }]}>
      {classes.map((c) => (
        <Tr key={c.id}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={hrefOf(c.id)} className="text-blue-800 underline">
              {c.title}
            </Link>
            {c.code ? <span className="block text-sm text-slate-700">{c.code}</span> : null}
          </th>
          <Td>{c.periods ?? "–"}</Td>
          <Td>{c.schoolName}</Td>
          <Td numeric>{c.students}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
