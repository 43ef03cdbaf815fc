import Link from "next/link";
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
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {formId ? (
              <th scope="col" className="p-2">
                <SelectAll formId={formId} name="unverifiedStudentIds" />
              </th>
            ) : null}
            <th scope="col" className="p-2">Student</th>
            <th scope="col" className="p-2">Grade</th>
            <th scope="col" className="p-2">School</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} className="border-b border-slate-200">
              {formId ? (
                <td className="p-2">
                  <input
                    type="checkbox"
                    name="unverifiedStudentIds"
                    value={s.id}
                    form={formId}
                    aria-label={`Select ${s.fullName}`}
                    className="h-5 w-5"
                  />
                </td>
              ) : null}
              <th scope="row" className="p-2 text-left font-normal">
                <Link href={`/students/${s.id}`} className="text-blue-800 underline">
                  {s.name}
                </Link>
                {s.goesBy ? <span className="block text-sm text-slate-700">goes by {s.goesBy}</span> : null}
              </th>
              <td className="p-2">{GRADE_LABEL[s.grade]}</td>
              <td className="p-2">{s.schoolName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
