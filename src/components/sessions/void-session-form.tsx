"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { voidSession } from "@/server/sessions/actions";
import { MAX_VOID_REASON } from "@/server/sessions/schemas";

/**
 * Voids a session logged by mistake, with the reason. Works without
 * JavaScript; on success the action goes back to the plan's sessions.
 */
export function VoidSessionForm({ sessionId, version }: { sessionId: string; version: number }) {
  const [state, action] = useActionState<ActionState, FormData>(voidSession, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedSessionId" value={sessionId} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        id="void-reason"
        label="Why void it?"
        name="reason"
        required
        rows={2}
        maxLength={MAX_VOID_REASON}
        hint="For example “logged twice” or “wrong plan”. The session stays in the plan's history, marked voided with your name and this reason, and no longer counts in dosage or fidelity."
        defaultValue={valueOf(state, "reason")}
        errors={errorsFor(state, "reason")}
      />
      <SubmitButton variant="danger">Void this session</SubmitButton>
    </form>
  );
}
