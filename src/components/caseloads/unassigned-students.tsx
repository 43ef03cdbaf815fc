import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { GRADE_LABEL } from "@/server/students/schemas";
import type { StudentBrief } from "@/server/caseloads/queries";
import { SelectAll } from "./select-all";

interface Props {
  rows: readonly StudentBrief[];
  /** With a form id, each row gets a checkbox that joins that form (bulk assignment). */
  formId?: string;
  caption: string;
}

/** Students with nobody on their case; with formId, selectable for a bulk assignment. */
export function UnassignedStudents({ rows, formId, caption }: Props) {
  return (
    <DataTable
      caption={caption}
      columns={[formId ? { label: <SelectAll formId={formId} name="unverifiedStudentIds" /> } : null, "Student", "Grade", "School"]}
    >
      {rows.map((s) => (
        <Tr key={s.id}>
          {formId ? (
            <Td>
              <input type="checkbox" name="unverifiedStudentIds" value={s.id} form={formId} aria-label={`Select ${s.fullName}`} className="h-5 w-5" />
            </Td>
          ) : null}
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={`/students/${s.id}`} className="text-blue-800 underline">
              {s.name}
            </Link>
            {s.goesBy ? <span className="block text-sm text-slate-700">goes by {s.goesBy}</span> : null}
          </th>
          <Td>{GRADE_LABEL[s.grade]}</Td>
          <Td>{s.schoolName}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
