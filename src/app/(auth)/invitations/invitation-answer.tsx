"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { answerInvitation } from "@/server/invitations/actions";

/** Accept or decline one invitation: one form, the button pressed is the answer (works without JavaScript). */
export function InvitationAnswer({ invitationId, districtName }: { invitationId: string; districtName: string }) {
  const [state, action] = useActionState<ActionState, FormData>(answerInvitation, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedInvitationId" value={invitationId} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="answer" value="accept" aria-label={`Accept the invitation of ${districtName}`}>
          Accept
        </SubmitButton>
        <SubmitButton name="answer" value="decline" variant="secondary" aria-label={`Decline the invitation of ${districtName}`}>
          Decline
        </SubmitButton>
      </div>
    </form>
  );
}
