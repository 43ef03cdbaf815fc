"use client";
import { useActionState } from "react";
import { PASSWORD_GUIDANCE } from "@/domain/identity";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { changePassword } from "@/server/account/actions";

/**
 * Change password. `forced`: after a temporary password from an
 * administrator, which the sign-in just proved, so no current password.
 * Autocomplete "new-password" lets password managers offer a generated one.
 */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(changePassword, null);
  return (
    <form action={action} noValidate className="max-w-md">
      <FormMessage state={state} />
      {forced ? null : (
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={errorsFor(state, "currentPassword")} />
      )}
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_GUIDANCE} errors={errorsFor(state, "newPassword")} />
      <TextField label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required errors={errorsFor(state, "confirmPassword")} />
      <SubmitButton>{forced ? "Set my password" : "Change password"}</SubmitButton>
    </form>
  );
}
