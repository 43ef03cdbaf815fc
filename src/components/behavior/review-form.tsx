"use client";
import { useActionState } from "react";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { reviewIncident } from "@/server/behavior/actions";
import { MAX_REVIEW_NOTE } from "@/server/behavior/schemas";

/** Marks a major incident reviewed, with what the office decided. */
export function ReviewIncidentForm({ incidentId, version }: { incidentId: string; version: number }) {
  const [state, action] = useActionState<ActionState, FormData>(reviewIncident, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedIncidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField id="review-note" label="Review note" name="reviewNote" rows={2} maxLength={MAX_REVIEW_NOTE} hint="What was decided, for the record (optional)." defaultValue={textDefault(state, "reviewNote", "")} errors={errorsFor(state, "reviewNote")} />
      <SubmitButton>Mark reviewed</SubmitButton>
    </form>
  );
}
