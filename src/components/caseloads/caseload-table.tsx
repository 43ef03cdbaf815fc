"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { endAssignment } from "@/server/caseloads/actions";
import { CASE_ROLE_LABEL, type CaseRole } from "@/server/caseloads/schemas";
import { GRADE_LABEL, type GradeLevel } from "@/server/students/schemas";
import { formatMomentDay } from "@/components/students/format";

export interface CaseloadTableRow {
  assignmentId: string;
  student: { id: string; name: string; fullName: string; goesBy: string | null; grade: GradeLevel; schoolName: string };
  role: CaseRole;
  startedAt: Date | string;
}

interface Props {
  rows: readonly CaseloadTableRow[];
  /** Describes the table to screen readers (e.g. "Sam Patel's current students"). */
  caption: string;
  /** Offer "End" on each row (the user assigns caseloads for these students). */
  canEnd?: boolean;
  /** Said instead of an empty table. */
  empty: string;
  /** The district's time zone: the day an assignment started is the district's day. */
  timeZone: string;
}

/** Current students of one person's caseload: name (to the profile), grade, school, role on the case, since. */
export function CaseloadTable({ rows, caption, canEnd = false, empty, timeZone }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(endAssignment, null);
  return (
    <div>
      <FormMessage state={state} />
      {rows.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <DataTable
          caption={caption}
          columns={["Student", "Grade", "School", "Role on the case", "Since", canEnd && { label: <span className="sr-only">Actions</span> }]}
        >
          {rows.map((r) => (
            <Tr key={r.assignmentId}>
              <th scope="row" className="p-2 text-left font-normal">
                <Link href={`/students/${r.student.id}`} className="text-blue-800 underline">
                  {r.student.name}
                </Link>
                {r.student.goesBy ? <span className="block text-sm text-slate-700">goes by {r.student.goesBy}</span> : null}
              </th>
              <Td>{GRADE_LABEL[r.student.grade]}</Td>
              <Td>{r.student.schoolName}</Td>
              <Td>{CASE_ROLE_LABEL[r.role]}</Td>
              <Td className="whitespace-nowrap">{formatMomentDay(r.startedAt, timeZone)}</Td>
              {canEnd ? (
                <Td>
                  <form action={action}>
                    <input type="hidden" name="unverifiedAssignmentId" value={r.assignmentId} />
                    <SubmitButton variant="secondary">
                      End<span className="sr-only"> assignment of {r.student.fullName} as {CASE_ROLE_LABEL[r.role].toLowerCase()}</span>
                    </SubmitButton>
                  </form>
                </Td>
              ) : null}
            </Tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
