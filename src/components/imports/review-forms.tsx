"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { StaffTarget } from "@/domain/oneroster/spec";
import { applyImport, reviewImport } from "@/server/imports/actions";
import { TARGET_LABEL } from "./labels";

interface MappingProps {
  importId: string;
  roles: { role: string; people: number; target: StaffTarget }[];
  targets: readonly StaffTarget[];
}

/** What each OneRoster staff role becomes; saving runs the dry run again with it. */
export function MappingForm({ importId, roles, targets }: MappingProps) {
  const [state, action] = useActionState<ActionState, FormData>(reviewImport, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      {roles.map((r) => (
        <SelectField
          key={r.role}
          id={`mapping-${r.role}`}
          label={`${r.role} (${r.people} ${r.people === 1 ? "person" : "people"})`}
          name="mapping"
          options={targets.map((t) => ({ value: `${r.role}:${t}`, label: TARGET_LABEL[t] }))}
          defaultValue={`${r.role}:${r.target}`}
          errors={errorsFor(state, "mapping")}
        />
      ))}
      <SubmitButton variant="secondary">Check again with this mapping</SubmitButton>
    </form>
  );
}

interface ApplyProps {
  importId: string;
  archiveCount: number;
  invitations: number;
}

/** Applies the dry run as read: the archive list confirmed or not, an initial password when staff are invited. */
export function ApplyForm({ importId, archiveCount, invitations }: ApplyProps) {
  const [state, action] = useActionState<ActionState, FormData>(applyImport, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      {archiveCount > 0 ? (
        <div className="mb-4">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="confirmArchive" className="mt-1 h-4 w-4" />
            <span>
              Archive the {archiveCount} {archiveCount === 1 ? "student" : "students"} listed above (no longer in the roster). Unchecked, they stay as they are.
            </span>
          </label>
        </div>
      ) : null}
      {invitations > 0 ? (
        <TextField
          label="Initial password for invited staff new to the app"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="Staff who already have an account sign in with their own password; the others use this one to accept the invitation. Tell them in person."
          errors={errorsFor(state, "password")}
        />
      ) : null}
      <p className="mb-4 text-sm text-slate-700">
        Applying is all or nothing. A large district can take several minutes; you may leave the page: the import goes on, and the history shows when it is done.
      </p>
      <SubmitButton>Apply the import</SubmitButton>
    </form>
  );
}
