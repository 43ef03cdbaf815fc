"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ROLE_LABEL, type Role } from "@/domain/permissions";
import { assignStudents } from "@/server/caseloads/actions";
import { CASE_ROLE_LABEL, CASE_ROLES } from "@/server/caseloads/schemas";

const CASE_ROLE_OPTIONS = CASE_ROLES.map((value) => ({ value, label: CASE_ROLE_LABEL[value] }));

interface Props {
  /** Active staff the user may assign to (listAssignableStaff / assignableStaffIn). */
  staff: readonly { id: string; name: string; role: Role }[];
  /** The students to assign, sent as hidden fields (a student's profile). */
  studentIds?: readonly string[];
  /**
   * The form's id, for checkboxes elsewhere on the page that join it with
   * form={id} and name="unverifiedStudentIds" (bulk assignment from a list).
   */
  id?: string;
  submitLabel?: string;
}

/** Assigns one student (hidden id) or several (checkboxes joined by form id) to a staff member in a role on the case. */
export function AssignForm({ staff, studentIds = [], id = "assign-form", submitLabel = "Assign" }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(assignStudents, null);
  return (
    <form id={id} action={action} noValidate key={state?.ok ? `saved-${state.message}` : "editing"}>
      <FormMessage state={state} />
      {studentIds.map((studentId) => (
        <input key={studentId} type="hidden" name="unverifiedStudentIds" value={studentId} />
      ))}
      <FieldErrors name="unverifiedStudentIds" errors={errorsFor(state, "unverifiedStudentIds")} />
      <SelectField
        label="Staff member"
        name="unverifiedMembershipId"
        required
        placeholder="Choose a staff member"
        options={staff.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role]})` }))}
        defaultValue={valueOf(state, "unverifiedMembershipId")}
        errors={errorsFor(state, "unverifiedMembershipId")}
      />
      <SelectField
        label="Role on the case"
        name="role"
        required
        placeholder="Choose a role"
        options={CASE_ROLE_OPTIONS}
        defaultValue={valueOf(state, "role")}
        errors={errorsFor(state, "role")}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
