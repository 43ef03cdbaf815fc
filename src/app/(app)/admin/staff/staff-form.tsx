"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, FieldErrors, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ROLES } from "@/domain/permissions";
import { createStaff, updateStaff } from "@/server/staff/actions";
import { ROLE_LABEL } from "@/domain/permissions";
import { PASSWORD_MIN_LENGTH } from "@/server/staff/schemas";

const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABEL[value] }));

interface Props {
  /** The district's open schools. */
  schools: { id: string; name: string }[];
  member?: { id: string; role: string; schoolIds: string[]; deactivated: boolean; isSelf: boolean };
}

/** Adds a staff member, or edits one's role, schools and status when `member` is given. */
export function StaffForm({ schools, member }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(member ? updateStaff : createStaff, null);
  const deactivatedErrors = errorsFor(state, "deactivated");
  return (
    <form action={action} noValidate key={state?.ok ? "saved" : "editing"}>
      <FormMessage state={state} />
      {member ? (
        <input type="hidden" name="unverifiedMembershipId" value={member.id} />
      ) : (
        <>
          <TextField label="Name" name="name" required maxLength={120} autoComplete="off" defaultValue={valueOf(state, "name")} errors={errorsFor(state, "name")} />
          <TextField label="Email" name="email" type="email" required maxLength={254} autoComplete="off" defaultValue={valueOf(state, "email")} errors={errorsFor(state, "email")} />
        </>
      )}
      <SelectField
        label="Role"
        name="role"
        required
        options={ROLE_OPTIONS}
        placeholder="Choose a role"
        defaultValue={valueOf(state, "role") ?? member?.role}
        hint={member?.isSelf ? "You cannot remove your own Administrator role." : undefined}
        errors={errorsFor(state, "role")}
      />
      <CheckboxGroup
        label="Schools"
        name="unverifiedSchoolIds"
        options={schools.map((s) => ({ value: s.id, label: s.name }))}
        defaultValues={valuesOf(state, "unverifiedSchoolIds") ?? member?.schoolIds}
        hint="Leave every box unchecked to give access to all schools."
        errors={errorsFor(state, "unverifiedSchoolIds")}
      />
      {member ? (
        <div className="mb-4">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              id="deactivated"
              name="deactivated"
              defaultChecked={state && !state.ok && state.values ? state.values.deactivated === "on" : member.deactivated}
              disabled={member.isSelf}
              aria-invalid={deactivatedErrors ? true : undefined}
              aria-describedby={[member.isSelf ? "deactivated-hint" : "", deactivatedErrors ? "deactivated-error" : ""].join(" ").trim() || undefined}
              className="h-4 w-4"
            />
            Deactivated (cannot work in this district; their open sessions here end)
          </label>
          {member.isSelf ? (
            <p id="deactivated-hint" className="text-sm text-slate-700">
              You cannot deactivate yourself.
            </p>
          ) : null}
          <FieldErrors name="deactivated" errors={deactivatedErrors} />
        </div>
      ) : (
        <TextField
          label="Initial password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to the person privately; it signs them in only if this email has no account yet (otherwise they use their own). Either way they accept your invitation at their next sign-in.`}
          errors={errorsFor(state, "password")}
        />
      )}
      <SubmitButton>{member ? "Save changes" : "Add staff member"}</SubmitButton>
    </form>
  );
}
