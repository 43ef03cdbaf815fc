"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { setTier } from "@/server/tiers/actions";
import { AREA_OPTIONS, MAX_TIER_REASON, TIER_OPTIONS } from "@/server/tiers/schemas";


/** Records a tier decision; the previous ones stay in the history. `today` comes from the server (YYYY-MM-DD, UTC). */
export function SetTierForm({ studentId, today }: { studentId: string; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(setTier, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField label="Area" name="area" required options={AREA_OPTIONS} placeholder="Choose an area" defaultValue={valueOf(state, "area")} errors={errorsFor(state, "area")} />
        <SelectField label="Tier" name="tier" required options={TIER_OPTIONS} placeholder="Choose a tier" defaultValue={valueOf(state, "tier")} errors={errorsFor(state, "tier")} />
      </div>
      <TextField
        label="Effective date"
        name="effectiveDate"
        type="date"
        required
        defaultValue={valueOf(state, "effectiveDate") ?? today}
        hint="The day the tier starts: today or earlier."
        errors={errorsFor(state, "effectiveDate")}
      />
      <TextField
        label="Reason"
        name="reason"
        required
        maxLength={MAX_TIER_REASON}
        defaultValue={valueOf(state, "reason")}
        hint="For example: Fall screening: below benchmark."
        errors={errorsFor(state, "reason")}
      />
      <SubmitButton>Set tier</SubmitButton>
    </form>
  );
}
