"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { FINAL_NOTE_MAX } from "@/domain/iep504/readiness";
import { finalizeReferralPacket } from "@/server/referrals/actions";

/**
 * Marks the packet final. With every checklist item met it is one button;
 * with some missing, the reason is asked for (the referral is never held up
 * by the checklist: decision 016).
 */
export function PacketFinalForm({ referralId, ready }: { referralId: string; ready: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(finalizeReferralPacket, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} noValidate className="mt-4 print:hidden">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedReferralId" value={referralId} />
      {ready ? (
        <input type="hidden" name="note" value="" />
      ) : (
        <TextAreaField
          label="Why the packet is final with items missing"
          name="note"
          required
          maxLength={FINAL_NOTE_MAX}
          hint="For example: the parent asked for the evaluation in writing; the evaluation does not wait for the checklist."
          defaultValue={valueOf(state, "note") ?? ""}
          errors={errorsFor(state, "note")}
        />
      )}
      <SubmitButton>Mark the packet final</SubmitButton>
    </form>
  );
}
