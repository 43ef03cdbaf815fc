"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { startReferral, updateReferral } from "@/server/referrals/actions";
import type { ReferralView } from "@/server/referrals/queries";
import { MAX_REASON, REFERRAL_OUTCOMES, REFERRAL_OUTCOME_LABEL, REFERRAL_STATUSES, REFERRAL_STATUS_LABEL } from "@/server/referrals/schemas";
import { Fold } from "@/components/ui/fold";

const STATUS_OPTIONS = REFERRAL_STATUSES.map((value) => ({ value, label: REFERRAL_STATUS_LABEL[value] }));
const OUTCOME_OPTIONS = REFERRAL_OUTCOMES.map((value) => ({ value, label: REFERRAL_OUTCOME_LABEL[value] }));

/** Starts a referral for special-education evaluation (the form only while the student has no open referral). */
export function StartReferralForm({ studentId, today, canStart }: { studentId: string; today: string; canStart: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(startReferral, null);
  const key = useResultKey(state);
  return (
    <div className="mt-3">
      <FormMessage state={state} />
      {canStart ? (
      <Fold open={Boolean(state && !state.ok)} summary="Refer for special-education evaluation">
        <form action={action} key={key} noValidate className="mt-3">
          <input type="hidden" name="unverifiedStudentId" value={studentId} />
          <TextAreaField id="referral-reason" label="Reason" name="reason" required rows={3} maxLength={MAX_REASON} defaultValue={textDefault(state, "reason", "")} errors={errorsFor(state, "reason")} />
          <TextAreaField id="referral-concerns" label="Concerns" name="concerns" rows={3} maxLength={MAX_REASON} hint="What the team and the family are worried about." defaultValue={textDefault(state, "concerns", "")} errors={errorsFor(state, "concerns")} />
          <TextField id="referral-referredOn" label="Referral date" name="referredOn" type="date" required max={today} defaultValue={textDefault(state, "referredOn", today)} errors={errorsFor(state, "referredOn")} />
          <SubmitButton>Start referral</SubmitButton>
        </form>
      </Fold>
      ) : null}
    </div>
  );
}

/** Moves a referral on: status, consent requested and received, eligibility meeting, outcome. */
export function UpdateReferralForm({ referral, today }: { referral: ReferralView; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(updateReferral, null);
  const key = useResultKey(state);
  const id = (f: string) => `referral-${referral.id}-${f}`;
  const text = (f: string, stored: string | null) => textDefault(state, f, stored);
  return (
    <div className="mt-3">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary="Update the referral">
        <form action={action} key={key} noValidate className="mt-3">
          <input type="hidden" name="unverifiedReferralId" value={referral.id} />
          <input type="hidden" name="version" value={referral.version} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField id={id("status")} label="Status" name="status" required options={STATUS_OPTIONS} defaultValue={text("status", referral.status)} errors={errorsFor(state, "status")} />
            <TextField id={id("consentRequestedOn")} label="Consent requested on" name="consentRequestedOn" type="date" max={today} defaultValue={text("consentRequestedOn", referral.consentRequestedOn)} errors={errorsFor(state, "consentRequestedOn")} />
            <TextField
              id={id("consentDate")}
              label="Parent consent date"
              name="consentDate"
              type="date"
              max={today}
              hint="The evaluation clock starts here."
              defaultValue={text("consentDate", referral.consentDate)}
              errors={errorsFor(state, "consentDate")}
            />
            <TextField id={id("eligibilityMeetingOn")} label="Eligibility meeting" name="eligibilityMeetingOn" type="date" defaultValue={text("eligibilityMeetingOn", referral.eligibilityMeetingOn)} errors={errorsFor(state, "eligibilityMeetingOn")} />
            <SelectField id={id("outcome")} label="Outcome" name="outcome" options={OUTCOME_OPTIONS} placeholder="Not decided" defaultValue={text("outcome", referral.outcome)} errors={errorsFor(state, "outcome")} />
          </div>
          <SubmitButton>Save referral</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}
