import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { CASE_ROLE_LABEL, type CaseRole } from "@/server/caseloads/schemas";
import { GRADE_LABEL, type GradeLevel } from "@/server/students/schemas";

export interface ServedTableRow {
  student: { id: string; name: string; goesBy: string | null; grade: GradeLevel; schoolName: string };
  caseRoles: readonly CaseRole[];
  plans: readonly string[];
}

/**
 * Every student someone serves (their caseload and the students of the plans
 * they deliver, groups included): name (to the profile), grade, school and how
 * they serve them.
 */
export function ServedTable({ rows, caption, empty }: { rows: readonly ServedTableRow[]; caption: string; empty: string }) {
  if (rows.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <DataTable caption={caption} columns={["Student", "Grade", "School", "How you serve them"]}>
      {rows.map((r) => (
        <Tr key={r.student.id}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={`/students/${r.student.id}`} className="text-blue-800 underline">
              {r.student.name}
            </Link>
            {r.student.goesBy ? <span className="block text-sm text-slate-700">goes by {r.student.goesBy}</span> : null}
          </th>
          <Td>{GRADE_LABEL[r.student.grade]}</Td>
          <Td>{r.student.schoolName}</Td>
          <Td>
            <ul>
              {r.caseRoles.map((role) => (
                <li key={role}>{CASE_ROLE_LABEL[role]} on the caseload</li>
              ))}
              {r.plans.map((title, i) => (
                <li key={`${title}-${i}`}>Delivers {title}</li>
              ))}
            </ul>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
