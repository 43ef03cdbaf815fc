"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { logGuardianContact } from "@/server/guardian-contacts/actions";
import { CONTACT_METHOD_OPTIONS, MAX_FOLLOW_UP, MAX_LANGUAGE, MAX_PURPOSE, MAX_SUMMARY } from "@/server/guardian-contacts/schemas";

export function LogContactForm({ studentId, guardians, today }: { studentId: string; guardians: { value: string; label: string }[]; today: string }) {
  const [state, dispatch] = useActionState<ActionState, FormData>(logGuardianContact, null);
  const key = useResultKey(state);
  return (
    <form action={dispatch} key={key} noValidate aria-label="Log a contact with the family">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id="contact-guardian" label="Guardian" name="unverifiedGuardianId" required options={guardians} placeholder="Choose the guardian" defaultValue={valueOf(state, "unverifiedGuardianId") ?? (guardians.length === 1 ? guardians[0]!.value : undefined)} errors={errorsFor(state, "unverifiedGuardianId")} />
        <TextField id="contact-date" label="Date" name="contactedOn" type="date" required max={today} defaultValue={valueOf(state, "contactedOn") ?? today} errors={errorsFor(state, "contactedOn")} />
        <SelectField id="contact-method" label="How" name="method" required options={CONTACT_METHOD_OPTIONS} placeholder="Choose how" defaultValue={valueOf(state, "method")} errors={errorsFor(state, "method")} />
        <TextField id="contact-language" label="Language interpreted (if an interpreter was used)" name="interpreterLanguage" maxLength={MAX_LANGUAGE} defaultValue={valueOf(state, "interpreterLanguage")} errors={errorsFor(state, "interpreterLanguage")} />
      </div>
      <CheckboxGroup id="contact-interpreter" label="Interpreter" name="interpreterUsed" options={[{ value: "yes", label: "Interpreter used" }]} defaultValues={valueOf(state, "interpreterUsed") === "yes" ? ["yes"] : []} errors={errorsFor(state, "interpreterUsed")} />
      <TextField id="contact-purpose" label="Purpose" name="purpose" required maxLength={MAX_PURPOSE} hint="For example: invite them to the review meeting." defaultValue={valueOf(state, "purpose")} errors={errorsFor(state, "purpose")} />
      <TextAreaField id="contact-summary" label="Summary" name="summary" required rows={4} maxLength={MAX_SUMMARY} defaultValue={valueOf(state, "summary")} errors={errorsFor(state, "summary")} />
      <TextField id="contact-follow-up" label="Follow-up (optional)" name="followUp" maxLength={MAX_FOLLOW_UP} defaultValue={valueOf(state, "followUp")} errors={errorsFor(state, "followUp")} />
      <SubmitButton>Log the contact</SubmitButton>
    </form>
  );
}
