"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CsvFileField, RadioGroup, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { addNonSchoolDays, removeNonSchoolDay, saveClockSettings, uploadNonSchoolDays } from "@/server/referrals/actions";
import { DAY_COUNTS, DAY_COUNT_LABEL } from "@/server/referrals/schemas";

const COUNT_OPTIONS = DAY_COUNTS.map((value) => ({ value, label: DAY_COUNT_LABEL[value] }));

export function ClockSettingsForm({ days, count }: { days: number; count: string }) {
  const [state, action] = useActionState<ActionState, FormData>(saveClockSettings, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <TextField
        label="Days from the parent's consent to the evaluation"
        name="evaluationDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        required
        hint="IDEA sets 60 unless your state sets another timeline."
        defaultValue={textDefault(state, "evaluationDays", days)}
        errors={errorsFor(state, "evaluationDays")}
      />
      <RadioGroup label="Counted in" name="evaluationDayCount" required inline options={COUNT_OPTIONS} defaultValue={textDefault(state, "evaluationDayCount", count)} errors={errorsFor(state, "evaluationDayCount")} />
      <SubmitButton>Save timeline</SubmitButton>
    </form>
  );
}

export function AddDaysForm() {
  const [state, action] = useActionState<ActionState, FormData>(addNonSchoolDays, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField id="add-from" label="First day" name="from" type="date" required defaultValue={textDefault(state, "from", "")} errors={errorsFor(state, "from")} />
        <TextField id="add-to" label="Last day" name="to" type="date" hint="For a break; leave empty for one day." defaultValue={textDefault(state, "to", "")} errors={errorsFor(state, "to")} />
        <TextField id="add-label" label="Name" name="label" required maxLength={100} hint="For example: Winter break." defaultValue={textDefault(state, "label", "")} errors={errorsFor(state, "label")} />
      </div>
      <SubmitButton>Add non-school days</SubmitButton>
    </form>
  );
}

export function RemoveDayButton({ date, label }: { date: string; label: string }) {
  const [state, action] = useActionState<ActionState, FormData>(removeNonSchoolDay, null);
  return (
    <form action={action}>
      <input type="hidden" name="date" value={date} />
      {state && !state.ok ? <span role="alert" className="text-sm text-red-800">{state.error.message} </span> : null}
      <SubmitButton variant="secondary" aria-label={`Remove ${label}, ${date}`}>
        Remove
      </SubmitButton>
    </form>
  );
}

export function CalendarUploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(uploadNonSchoolDays, null);
  const problems = errorsFor(state, "file") ?? [];
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <CsvFileField
        id="calendar-file"
        hint="Columns date,label (one closed day per row) or start,end,label (a break per row), dates as yyyy-mm-dd. Weekends in a break are left out."
        problems={problems}
      />
      <SubmitButton>Upload calendar</SubmitButton>
    </form>
  );
}
