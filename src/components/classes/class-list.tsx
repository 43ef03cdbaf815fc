import { DataTable, Td, Tr } from "@/components/ui/table";

interface ClassRow {
  id: string;
  title: string;
  code: string | null;
  periods: string | null;
  term: string | null;
  staff: string[];
  students: number;
}

/** A school's class rosters, as the last roster import left them. */
export function ClassList({ classes }: { classes: ClassRow[] }) {
  if (classes.length === 0) return <p>No classes yet. They come from a roster import.</p>;
  return (
    <DataTable caption="Classes of the school" columns={["Class", "Code", "Period", "Term", "Teachers and aides", { label: "Students", numeric: true }]}>
      {classes.map((c) => (
        <Tr key={c.id}>
          <Td>{c.title}</Td>
          <Td>{c.code ?? "–"}</Td>
          <Td>{c.periods ?? "–"}</Td>
          <Td>{c.term ?? "–"}</Td>
          <Td>{c.staff.length ? c.staff.join(", ") : "–"}</Td>
          <Td numeric>{c.students}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
