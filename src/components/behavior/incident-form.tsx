"use client";
import { useActionState, useState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SEVERITY_LABEL, type BehaviorCodeKind } from "@/domain/behavior-codes";
import { correctIncident, recordIncident } from "@/server/behavior/actions";
import type { BehaviorCodeView } from "@/server/behavior/codes";
import type { StudentChoice } from "@/server/behavior/queries";
import { MAX_CORRECTION_REASON, MAX_INCIDENT_NOTES, OTHERS_INVOLVED, OTHERS_INVOLVED_LABEL } from "@/server/behavior/schemas";
import { Fold } from "@/components/ui/fold";

type Codes = Record<BehaviorCodeKind, BehaviorCodeView[]>;

const OTHERS_OPTIONS = OTHERS_INVOLVED.map((v) => ({ value: v, label: OTHERS_INVOLVED_LABEL[v] }));

/** Behaviours grouped Minor / Major, so one choice says both what and how serious. */
const behaviorOptions = (codes: Codes) =>
  (["MINOR", "MAJOR"] as const).flatMap((sev) => codes.BEHAVIOR.filter((c) => c.severity === sev).map((c) => ({ value: c.id, label: c.label, group: SEVERITY_LABEL[sev] })));
const optionsOf = (list: BehaviorCodeView[]) => list.map((c) => ({ value: c.id, label: c.retired ? `${c.label} (retired)` : c.label }));

interface Existing {
  id: string;
  version: number;
  occurredOn: string;
  occurredTime: string;
  behaviorCodeId: string;
  locationCodeId: string;
  motivationCodeId: string | null;
  actionCodeId: string | null;
  othersInvolved: string[];
  /** Undefined: the user may not read (or change) the notes. */
  notes: string | null | undefined;
}

/** The fields an incident has, shared by the new-incident form and the correction form. */
function IncidentFields({ state, codes, today, existing, prefix }: { state: ActionState; codes: Codes; today: string; existing?: Existing; prefix: string }) {
  const id = (f: string) => `${prefix}-${f}`;
  const text = (f: string, stored?: string | null) => textDefault(state, f, stored);
  return (
    <>
      <div className="grid grid-cols-2 gap-x-3">
        <TextField id={id("occurredOn")} label="Day" name="occurredOn" type="date" required max={today} defaultValue={text("occurredOn", existing?.occurredOn ?? today)} errors={errorsFor(state, "occurredOn")} />
        <TextField id={id("occurredTime")} label="Time" name="occurredTime" type="time" required defaultValue={text("occurredTime", existing?.occurredTime)} errors={errorsFor(state, "occurredTime")} />
      </div>
      <SelectField id={id("behavior")} label="Problem behaviour" name="behaviorCodeId" required hint="Minor ones are handled by you; major ones go to the office for review." placeholder="Choose…" options={behaviorOptions(codes)} defaultValue={text("behaviorCodeId", existing?.behaviorCodeId)} errors={errorsFor(state, "behaviorCodeId")} />
      <SelectField id={id("location")} label="Location" name="locationCodeId" required placeholder="Choose…" options={optionsOf(codes.LOCATION)} defaultValue={text("locationCodeId", existing?.locationCodeId)} errors={errorsFor(state, "locationCodeId")} />
      <SelectField id={id("motivation")} label="Perceived motivation" name="motivationCodeId" placeholder="Not sure / skip" options={optionsOf(codes.MOTIVATION)} defaultValue={text("motivationCodeId", existing?.motivationCodeId)} errors={errorsFor(state, "motivationCodeId")} />
      <CheckboxGroup id={id("others")} label="Others involved" name="othersInvolved" options={OTHERS_OPTIONS} defaultValues={valuesOf(state, "othersInvolved") ?? existing?.othersInvolved ?? []} errors={errorsFor(state, "othersInvolved")} />
      <SelectField id={id("action")} label="Action taken" name="actionCodeId" placeholder="None yet" options={optionsOf(codes.ACTION)} defaultValue={text("actionCodeId", existing?.actionCodeId)} errors={errorsFor(state, "actionCodeId")} />
      {existing?.notes === undefined && existing ? null : (
        <TextAreaField id={id("notes")} label="Notes" name="notes" rows={3} maxLength={MAX_INCIDENT_NOTES} hint="What happened, briefly. Name other students only where needed." defaultValue={text("notes", existing?.notes)} errors={errorsFor(state, "notes")} />
      )}
    </>
  );
}

/**
 * The phone form for a new incident. `reportId` is drawn with the page: a
 * double tap or a resubmitted form records once. After a success the form
 * stays put with a link to start the next one.
 */
type IncidentFormProps = { students: StudentChoice[]; preselected: string | null; codes: Codes; reportId: string; today: string };

/** The form, and after a success a fresh one on request (the page re-renders with a new report id after each action). */
export function IncidentForm(props: IncidentFormProps) {
  const [round, setRound] = useState(0);
  return <IncidentRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function IncidentRound({ students, preselected, codes, reportId, today, onAnother }: IncidentFormProps & { onAnother: () => void }) {
  const [state, action] = useActionState<ActionState, FormData>(recordIncident, null);
  const key = useResultKey(state);
  if (state?.ok) {
    return (
      <div>
        <FormMessage state={state} />
        <button type="button" onClick={onAnother} className="font-medium text-blue-800 underline">
          Record another incident
        </button>
      </div>
    );
  }
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="reportId" value={reportId} />
      <CheckboxGroup
        id="incident-students"
        label="Students involved"
        name="unverifiedStudentIds"
        large
        hint={students.length ? "Tick every student the incident is about: each gets an incident." : undefined}
        options={students.map((s) => ({ value: s.id, label: s.name }))}
        defaultValues={valuesOf(state, "unverifiedStudentIds") ?? (preselected ? [preselected] : [])}
        errors={errorsFor(state, "unverifiedStudentIds")}
      />
      <IncidentFields state={state} codes={codes} today={today} prefix="incident" />
      <SubmitButton>Record incident</SubmitButton>
    </form>
  );
}

/** Corrects an incident; what it said before is kept in its history with the reason. */
export function CorrectIncidentForm({ incident, codes, today }: { incident: Existing; codes: Codes; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(correctIncident, null);
  const key = useResultKey(state);
  return (
    <div>
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary="Correct this incident">
        <form action={action} key={key} noValidate className="mt-3">
          <input type="hidden" name="unverifiedIncidentId" value={incident.id} />
          <input type="hidden" name="version" value={incident.version} />
          <IncidentFields state={state} codes={codes} today={today} existing={incident} prefix="correct" />
          <TextField id="correct-reason" label="Why you are correcting it" name="reason" required maxLength={MAX_CORRECTION_REASON} defaultValue={textDefault(state, "reason", "")} errors={errorsFor(state, "reason")} />
          <SubmitButton>Save correction</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}
