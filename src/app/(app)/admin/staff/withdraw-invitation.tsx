"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { withdrawInvitation } from "@/server/staff/actions";

/** Withdraws one invitation that was not accepted; the row leaves the list. */
export function WithdrawInvitation({ invitationId, name }: { invitationId: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(withdrawInvitation, null);
  return (
    <form action={action} className="mt-1">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedInvitationId" value={invitationId} />
      <button type="submit" disabled={pending} className="min-h-11 text-blue-800 underline disabled:opacity-60" aria-label={`Withdraw the invitation of ${name}`}>
        Withdraw
      </button>
    </form>
  );
}
