"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { ROLE_LABEL, type Role } from "@/domain/permissions";
import { endAssignment } from "@/server/caseloads/actions";
import { CASE_ROLE_LABEL, type CaseRole } from "@/server/caseloads/schemas";
import { formatMomentDay } from "@/components/students/format";

interface Props {
  /** A student's current assignments (currentAssignmentsOf). */
  assignments: readonly { id: string; staffName: string; staffRole: Role; role: CaseRole; startedAt: Date | string }[];
  /** Whether to offer "End" (the user may assign caseloads for this student). */
  canEnd: boolean;
  /** The district's time zone: the day an assignment started is the district's day. */
  timeZone: string;
}

/** A student's current caseload members; with canEnd, each can be ended (kept as history). */
export function CurrentCaseload({ assignments, canEnd, timeZone }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(endAssignment, null);
  return (
    <div>
      <FormMessage state={state} />
      {assignments.length === 0 ? (
        <p className="text-slate-700">No one is on this student&apos;s case yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {assignments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium">
                  {a.staffName} <span className="font-normal text-slate-700">({ROLE_LABEL[a.staffRole]})</span>
                </p>
                <p className="text-sm text-slate-700">
                  {CASE_ROLE_LABEL[a.role]} since {formatMomentDay(a.startedAt, timeZone)}
                </p>
              </div>
              {canEnd ? (
                <form action={action}>
                  <input type="hidden" name="unverifiedAssignmentId" value={a.id} />
                  <SubmitButton variant="secondary">
                    End<span className="sr-only"> {a.staffName} as {CASE_ROLE_LABEL[a.role].toLowerCase()}</span>
                  </SubmitButton>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
