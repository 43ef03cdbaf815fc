"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { resetStaffPassword } from "@/server/account/actions";

/**
 * An administrator resets a staff member's password (decision 025): the
 * temporary password is in the action's answer only, shown once on this page,
 * never in a URL or the audit log.
 */
export function ResetPassword({ membershipId, name }: { membershipId: string; name: string }) {
  const [state, action] = useActionState<ActionState, FormData>(resetStaffPassword, null);
  return (
    <section aria-labelledby="reset-password" className="mt-8 max-w-xl border-t border-slate-300 pt-4">
      <h2 id="reset-password" className="mb-2 text-lg font-semibold">
        Reset password
      </h2>
      <p className="mb-3 text-slate-700">
        For someone who forgot their password or is locked out: {name} gets a temporary password for one sign-in within 72 hours and must then choose their own. They are signed out everywhere at once.
      </p>
      <FormMessage state={state} />
      <form action={action}>
        <input type="hidden" name="unverifiedMembershipId" value={membershipId} />
        <SubmitButton variant="secondary">Reset password</SubmitButton>
      </form>
    </section>
  );
}
