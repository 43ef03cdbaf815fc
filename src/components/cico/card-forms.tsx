"use client";
import { useActionState } from "react";
import { errorsFor, textDefault, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, RadioGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { CICO_LIMITS } from "@/domain/cico";
import { endCicoCard, saveCicoDefaults, startCicoCard, updateCicoCard } from "@/server/cico/actions";
import { SCALE_CHOICES } from "@/server/cico/schemas";

// The forms of a daily report card: start one, change its setup, end it,
// and the district's default expectations. All work without JavaScript.

interface Setup {
  expectations: string[];
  periods: string[];
  scaleMax: number;
  goalPercent: number;
}

/** Five expectation fields (3 to 5 filled in), prefilled with the card's or the school-wide ones. */
function ExpectationFields({ state, stored, idPrefix }: { state: ActionState; stored: string[]; idPrefix: string }) {
  const submitted = valuesOf(state, "expectations");
  const values = submitted ?? stored;
  const errors = errorsFor(state, "expectations");
  return (
    <fieldset className="mb-4" aria-describedby={`${idPrefix}-expectations-hint${errors?.length ? ` ${idPrefix}-expectations-error` : ""}`}>
      <legend className="font-medium text-slate-900">Expectations</legend>
      <p id={`${idPrefix}-expectations-hint`} className="text-sm text-slate-700">
        {CICO_LIMITS.expectations.min} to {CICO_LIMITS.expectations.max}, rated every period. Leave a field empty to have fewer.
      </p>
      {Array.from({ length: CICO_LIMITS.expectations.max }, (_, i) => (
        <div key={i} className="mt-1">
          <label htmlFor={`${idPrefix}-expectation-${i}`} className="sr-only">
            Expectation {i + 1}
          </label>
          <input
            id={`${idPrefix}-expectation-${i}`}
            name="expectations"
            defaultValue={values[i] ?? ""}
            maxLength={CICO_LIMITS.expectationLength}
            aria-invalid={errors?.length ? true : undefined}
            className="block min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900"
          />
        </div>
      ))}
      <FieldErrors name={`${idPrefix}-expectations`} errors={errors} />
    </fieldset>
  );
}

function SetupFields({ state, stored, idPrefix }: { state: ActionState; stored: Setup; idPrefix: string }) {
  const periods = state && !state.ok && state.values ? (valueOf(state, "periods") ?? "") : stored.periods.join("\n");
  return (
    <>
      <ExpectationFields state={state} stored={stored.expectations} idPrefix={idPrefix} />
      <TextAreaField
        id={`${idPrefix}-periods`}
        label="Periods of the student's day"
        name="periods"
        rows={Math.max(4, stored.periods.length)}
        hint={`One per line, in the order of the day (${CICO_LIMITS.periods.min} to ${CICO_LIMITS.periods.max}).`}
        defaultValue={periods}
        errors={errorsFor(state, "periods")}
      />
      <RadioGroup
        id={`${idPrefix}-scale`}
        label="Rating scale"
        name="scaleMax"
        inline
        options={SCALE_CHOICES.map((n) => ({ value: String(n), label: `0 to ${n}` }))}
        defaultValue={textDefault(state, "scaleMax", stored.scaleMax)}
        errors={errorsFor(state, "scaleMax")}
      />
      <TextField
        id={`${idPrefix}-goal`}
        label="Daily goal (% of the day's points)"
        name="goalPercent"
        inputMode="numeric"
        defaultValue={textDefault(state, "goalPercent", stored.goalPercent)}
        errors={errorsFor(state, "goalPercent")}
      />
    </>
  );
}

export function StartCardForm({ studentId, plans, defaults, today }: { studentId: string; plans: { id: string; name: string; status: string; cicoGoalId: string | null }[]; defaults: Setup; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(startCicoCard, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <SelectField
        id="card-plan"
        label="Behaviour plan"
        name="unverifiedPlanId"
        required
        hint="The card is part of one of the student's open behaviour plans; its days become probes of that plan's goal."
        options={plans.map((p) => ({ value: p.id, label: `${p.name}${p.status === "DRAFT" ? " (draft)" : ""}${p.cicoGoalId ? "" : " (a goal is made)"}` }))}
        defaultValue={valueOf(state, "unverifiedPlanId") ?? plans[0]?.id}
        errors={errorsFor(state, "unverifiedPlanId")}
      />
      <SetupFields state={state} stored={defaults} idPrefix="new" />
      <TextField id="card-start" label="First day" name="startedOn" type="date" max={today} defaultValue={valueOf(state, "startedOn") ?? today} errors={errorsFor(state, "startedOn")} />
      <TextField
        id="card-baseline"
        label="Baseline (% of points before the card)"
        name="baseline"
        inputMode="decimal"
        hint="Needed only when the plan has no goal on the daily percentage: the goal's aimline starts here and ends at the daily goal on the plan's review date."
        defaultValue={valueOf(state, "baseline") ?? ""}
        errors={errorsFor(state, "baseline")}
      />
      <SubmitButton>Start the card</SubmitButton>
    </form>
  );
}

export function CardSetupForm({ cardId, version, setup }: { cardId: string; version: number; setup: Setup }) {
  const [state, action] = useActionState<ActionState, FormData>(updateCicoCard, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedCardId" value={cardId} />
      <input type="hidden" name="version" value={version} />
      <SetupFields state={state} stored={setup} idPrefix="edit" />
      <SubmitButton>Save the card</SubmitButton>
    </form>
  );
}

export function EndCardForm({ cardId, version }: { cardId: string; version: number }) {
  const [state, action] = useActionState<ActionState, FormData>(endCicoCard, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedCardId" value={cardId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton variant="secondary">End this card</SubmitButton>
    </form>
  );
}

export function CicoDefaultsForm({ expectations }: { expectations: string[] }) {
  const [state, action] = useActionState<ActionState, FormData>(saveCicoDefaults, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <ExpectationFields state={state} stored={expectations} idPrefix="defaults" />
      <SubmitButton>Save the expectations</SubmitButton>
    </form>
  );
}
