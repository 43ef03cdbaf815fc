"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ANTECEDENT_KINDS, ANTECEDENT_LABEL, CONSEQUENCE_KINDS, CONSEQUENCE_LABEL, FUNCTION_KINDS, FUNCTION_LABEL } from "@/domain/behavior";
import { createBip, createFba, recordAbc, updateFba } from "@/server/behavior/fba-actions";
import type { FbaPage } from "@/server/behavior/fba-queries";

const INTENSITY = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** ABC data on a phone: one record per observation; a resubmitted form records once. */
export function AbcForm({ studentId, clientKey, today }: { studentId: string; clientKey: string; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(recordAbc, null);
  const key = useResultKey(state);
  if (state?.ok) return <FormMessage state={state} />;
  const text = (f: string, d = "") => textDefault(state, f, d);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="clientKey" value={clientKey} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <div className="grid grid-cols-2 gap-x-3">
        <TextField label="Day" name="observedOn" type="date" required max={today} defaultValue={text("observedOn", today)} errors={errorsFor(state, "observedOn")} />
        <TextField label="Time" name="observedTime" type="time" required defaultValue={text("observedTime")} errors={errorsFor(state, "observedTime")} />
      </div>
      <TextField label="Setting" name="setting" required hint="Where, and during what." defaultValue={text("setting")} errors={errorsFor(state, "setting")} />
      <SelectField label="Antecedent: just before" name="antecedentKind" required placeholder="Choose…" options={ANTECEDENT_KINDS.map((k) => ({ value: k, label: ANTECEDENT_LABEL[k] }))} defaultValue={text("antecedentKind")} errors={errorsFor(state, "antecedentKind")} />
      <TextField label="Antecedent in words" name="antecedent" defaultValue={text("antecedent")} errors={errorsFor(state, "antecedent")} />
      <TextAreaField label="Behaviour: what the student did" name="behavior" required rows={2} defaultValue={text("behavior")} errors={errorsFor(state, "behavior")} />
      <SelectField label="Consequence: right after" name="consequenceKind" required placeholder="Choose…" options={CONSEQUENCE_KINDS.map((k) => ({ value: k, label: CONSEQUENCE_LABEL[k] }))} defaultValue={text("consequenceKind")} errors={errorsFor(state, "consequenceKind")} />
      <TextField label="Consequence in words" name="consequence" defaultValue={text("consequence")} errors={errorsFor(state, "consequence")} />
      <div className="grid grid-cols-2 gap-x-3">
        <TextField label="Minutes" name="durationMinutes" inputMode="numeric" defaultValue={text("durationMinutes")} errors={errorsFor(state, "durationMinutes")} />
        <SelectField label="Intensity (1-5)" name="intensity" placeholder="—" options={INTENSITY} defaultValue={text("intensity")} errors={errorsFor(state, "intensity")} />
      </div>
      <SubmitButton>Save ABC record</SubmitButton>
    </form>
  );
}

/** Starts an FBA with its target behaviour. */
export function NewFbaForm({ studentId }: { studentId: string }) {
  const [state, action] = useActionState<ActionState, FormData>(createFba, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <TextAreaField label="Target behaviour" name="targetBehavior" required rows={3} hint="Observable and countable: what it looks like, when it starts and ends." defaultValue={textDefault(state, "targetBehavior", "")} errors={errorsFor(state, "targetBehavior")} />
      <TextAreaField label="Settings" name="settings" rows={2} hint="Where and when it happens." defaultValue={textDefault(state, "settings", "")} errors={errorsFor(state, "settings")} />
      <SubmitButton>Start FBA</SubmitButton>
    </form>
  );
}

/** The FBA in progress: definitions, data linked, function and hypothesis, team, guardian, completion. */
export function FbaForm({ fba }: { fba: FbaPage }) {
  const [state, action] = useActionState<ActionState, FormData>(updateFba, null);
  const key = useResultKey(state);
  const text = (f: string, stored: string | null) => textDefault(state, f, stored);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedFbaId" value={fba.id} />
      <input type="hidden" name="version" value={fba.version} />
      <TextAreaField label="Target behaviour" name="targetBehavior" required rows={3} defaultValue={text("targetBehavior", fba.targetBehavior)} errors={errorsFor(state, "targetBehavior")} />
      <TextAreaField label="Settings" name="settings" rows={2} defaultValue={text("settings", fba.settings)} errors={errorsFor(state, "settings")} />
      <CheckboxGroup
        label="ABC records used as data"
        name="linkedAbcIds"
        large
        options={fba.abc.map((a) => ({ value: a.id, label: `${a.observedOn} ${a.observedTime}, ${a.setting}: ${a.behavior}` }))}
        defaultValues={valuesOf(state, "linkedAbcIds") ?? fba.abc.filter((a) => a.linked).map((a) => a.id)}
        errors={errorsFor(state, "linkedAbcIds")}
      />
      <CheckboxGroup
        label="Incidents used as data"
        name="linkedIncidentIds"
        large
        options={fba.incidents.map((i) => ({ value: i.id, label: `${i.occurredOn} ${i.occurredTime}, ${i.behavior} (${i.location})` }))}
        defaultValues={valuesOf(state, "linkedIncidentIds") ?? fba.incidents.filter((i) => i.linked).map((i) => i.id)}
        errors={errorsFor(state, "linkedIncidentIds")}
      />
      <TextAreaField label="Interviews and rating scales" name="otherSources" rows={2} hint="Each with its date, for example: Teacher interview (FAST), 2 Oct." defaultValue={text("otherSources", fba.otherSources)} errors={errorsFor(state, "otherSources")} />
      <RadioGroup label="Hypothesised function" name="function" options={FUNCTION_KINDS.map((k) => ({ value: k, label: FUNCTION_LABEL[k] }))} defaultValue={text("function", fba.function)} errors={errorsFor(state, "function")} />
      <TextAreaField label="Hypothesis statement" name="hypothesis" rows={3} hint="When …, the student … in order to …" defaultValue={text("hypothesis", fba.hypothesis)} errors={errorsFor(state, "hypothesis")} />
      <TextField label="Team" name="team" hint="Names and roles." defaultValue={text("team", fba.team)} errors={errorsFor(state, "team")} />
      <CheckboxGroup label="Guardian" name="guardianParticipated" options={[{ value: "on", label: "A guardian took part" }]} defaultValues={valuesOf(state, "guardianParticipated") ?? (fba.guardianParticipated ? ["on"] : [])} />
      <TextField label="Guardian consent date" name="guardianConsentOn" type="date" defaultValue={text("guardianConsentOn", fba.guardianConsentOn)} errors={errorsFor(state, "guardianConsentOn")} />
      <fieldset className="mb-4 rounded-md border border-slate-300 p-3">
        <legend className="font-medium">Completion</legend>
        <CheckboxGroup label="Complete" name="complete" options={[{ value: "true", label: "The FBA is complete (it can then no longer be changed)" }]} defaultValues={valuesOf(state, "complete") ?? []} />
        <TextField label="Date completed" name="completedOn" type="date" max={fba.today} defaultValue={text("completedOn", null)} errors={errorsFor(state, "completedOn")} />
      </fieldset>
      <SubmitButton>Save FBA</SubmitButton>
    </form>
  );
}

interface BipDefaults {
  targetBehavior: string;
  replacementBehavior?: string;
  prevention?: string;
  teaching?: string;
  reinforcement?: string;
  response?: string;
  crisisSteps?: string[];
  crisisContacts?: string | null;
  goalId?: string | null;
  reviewOn?: string;
  implementers?: string;
}

/** A new BIP version from a completed FBA (prefilled from the active BIP, if any). */
export function BipForm({ fbaId, goals, defaults }: { fbaId: string; goals: { value: string; label: string }[]; defaults: BipDefaults }) {
  const [state, action] = useActionState<ActionState, FormData>(createBip, null);
  const key = useResultKey(state);
  const text = (f: string, stored?: string | null) => textDefault(state, f, stored);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedFbaId" value={fbaId} />
      <TextAreaField label="Target behaviour" name="targetBehavior" required rows={2} defaultValue={text("targetBehavior", defaults.targetBehavior)} errors={errorsFor(state, "targetBehavior")} />
      <TextAreaField label="Replacement behaviour" name="replacementBehavior" required rows={2} defaultValue={text("replacementBehavior", defaults.replacementBehavior)} errors={errorsFor(state, "replacementBehavior")} />
      <TextAreaField label="Prevention strategies" name="prevention" required rows={3} defaultValue={text("prevention", defaults.prevention)} errors={errorsFor(state, "prevention")} />
      <TextAreaField label="What to teach" name="teaching" required rows={3} defaultValue={text("teaching", defaults.teaching)} errors={errorsFor(state, "teaching")} />
      <TextAreaField label="Reinforcement" name="reinforcement" required rows={3} defaultValue={text("reinforcement", defaults.reinforcement)} errors={errorsFor(state, "reinforcement")} />
      <TextAreaField label="How to respond to the behaviour" name="response" required rows={3} defaultValue={text("response", defaults.response)} errors={errorsFor(state, "response")} />
      <TextAreaField label="Crisis or safety plan: steps" name="crisisSteps" required rows={4} hint="One step per line, in order." defaultValue={text("crisisSteps", defaults.crisisSteps?.join("\n"))} errors={errorsFor(state, "crisisSteps")} />
      <TextField label="Who to call" name="crisisContacts" defaultValue={text("crisisContacts", defaults.crisisContacts)} errors={errorsFor(state, "crisisContacts")} />
      <SelectField label="Progress measured by (goal)" name="unverifiedGoalId" hint="A goal of the student's plans with a behaviour measure; write one first if there is none." placeholder="No goal yet" options={goals} defaultValue={text("unverifiedGoalId", defaults.goalId)} errors={errorsFor(state, "unverifiedGoalId")} />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <TextField label="Review date" name="reviewOn" type="date" required defaultValue={text("reviewOn", defaults.reviewOn)} errors={errorsFor(state, "reviewOn")} />
        <TextField label="Who implements it" name="implementers" required defaultValue={text("implementers", defaults.implementers)} errors={errorsFor(state, "implementers")} />
      </div>
      <SubmitButton>Save BIP</SubmitButton>
    </form>
  );
}
