"use client";
import { useActionState, useState, useSyncExternalStore } from "react";
import { formatDay } from "@/components/students/format";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, FieldErrors, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SCHOOL_WEEKDAYS, WEEKDAY_LABEL } from "@/domain/dosage";
import { ROLE_LABEL } from "@/domain/permissions";
import { createPlan, updatePlan } from "@/server/plans/actions";
import type { InterventionChoice, InterventionistChoice, PlannableStudent } from "@/server/plans/queries";
import { MAX_CUSTOM_INTERVENTION, MAX_PLAN_COMMENT, MAX_PLAN_NOTES, PLAN_DOSAGE_LIMITS } from "@/server/plans/schemas";
import { AREA_LABEL, AREA_OPTIONS, type InterventionArea } from "@/server/tiers/schemas";

export interface EditablePlan {
  id: string;
  version: number;
  status: string;
  area: InterventionArea;
  interventionId: string | null;
  customIntervention: string | null;
  minutesPerSession: number;
  sessionsPerWeek: number;
  groupSize: number;
  scheduleDays: number[];
  scheduleTime: string | null;
  startDate: string;
  reviewDate: string;
  notes: string | null;
  students: { id: string; name: string; goesBy: string | null }[];
  interventionistIds: string[];
  /** When the phase in force began (yyyy-mm-dd). */
  phaseStart: string;
}

interface Props {
  schoolName: string;
  /** The library's interventions in use, of every area. */
  interventions: InterventionChoice[];
  interventionists: InterventionistChoice[];
  /** yyyy-mm-dd, from the server. */
  today: string;
  /** A new plan: the students the user may choose, and those chosen already. */
  students?: PlannableStudent[];
  preselected?: string[];
  /** An edit. */
  plan?: EditablePlan;
}

const noSubscription = () => () => {};
const legendClass = "mb-2 text-lg font-semibold";

/**
 * Writes a new draft plan, or edits one (carrying its version). Works without
 * JavaScript; with it, the intervention list narrows to the chosen area,
 * choosing one fills in its recommended dosage where the fields are blank,
 * and the student list can be filtered by name or local id.
 */
export function PlanForm(props: Props) {
  const [state, action] = useActionState<ActionState, FormData>(props.plan ? updatePlan : createPlan, null);
  const key = useResultKey(state);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      {/* Keyed by the result, so the fields start again from what was submitted. */}
      <PlanFields key={key} {...props} state={state} />
      <SubmitButton>{props.plan ? "Save changes" : "Create draft plan"}</SubmitButton>
    </form>
  );
}

function PlanFields({ schoolName, interventions, interventionists, today, students, preselected = [], plan, state }: Props & { state: ActionState }) {
  const text = (field: string, stored?: string | number | null) => textDefault(state, field, stored);
  const draft = !plan || plan.status === "DRAFT";
  const [area, setArea] = useState(text("area", plan?.area));
  // Interventions of other areas only once the area is known to the browser; without JavaScript the server checks the area.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const offered = interventions.filter((i) => !scripted || !area || i.area === area || i.id === plan?.interventionId);
  const options = offered.map((i) => ({ value: i.id, label: i.name, group: AREA_LABEL[i.area] }));
  /** The chosen intervention's recommended dosage, in the dosage fields still blank. */
  const prefill = (select: HTMLSelectElement) => {
    const chosen = interventions.find((i) => i.id === select.value);
    for (const [field, value] of [["minutesPerSession", chosen?.minutesPerSession], ["sessionsPerWeek", chosen?.sessionsPerWeek]] as const) {
      const input = select.form?.elements.namedItem(field);
      if (input instanceof HTMLInputElement && !input.value && value) input.value = String(value);
    }
  };
  const dosageHint = (field: keyof typeof PLAN_DOSAGE_LIMITS) => `${PLAN_DOSAGE_LIMITS[field].min} to ${PLAN_DOSAGE_LIMITS[field].max}.`;

  return (
    <>
      {plan ? (
        <>
          <input type="hidden" name="unverifiedPlanId" value={plan.id} />
          <input type="hidden" name="version" value={plan.version} />
        </>
      ) : null}

      <fieldset className="mb-6" aria-describedby={students ? ["students-hint", errorsFor(state, "unverifiedStudentIds") ? "unverifiedStudentIds-error" : null].filter(Boolean).join(" ") : undefined}>
        <legend className={legendClass}>Students at {schoolName}</legend>
        {students ? (
          <StudentChooser students={students} chosen={valuesOf(state, "unverifiedStudentIds") ?? preselected} errors={errorsFor(state, "unverifiedStudentIds")} />
        ) : (
          <ul className="list-disc pl-6">
            {plan?.students.map((s) => (
              <li key={s.id}>
                {s.name}
                {s.goesBy ? <span className="text-slate-700"> (goes by {s.goesBy})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="mb-6">
        <legend className={legendClass}>Intervention</legend>
        {draft ? (
          <div className="sm:w-1/2" onChange={(e) => e.target instanceof HTMLSelectElement && setArea(e.target.value)}>
            <SelectField label="Area" name="area" required placeholder="Choose an area" options={AREA_OPTIONS} defaultValue={area} errors={errorsFor(state, "area")} />
          </div>
        ) : (
          <p className="mb-4">
            Area: {AREA_LABEL[plan!.area]}
            <input type="hidden" name="area" value={plan!.area} />
          </p>
        )}
        <div className="grid gap-x-4 sm:grid-cols-2">
          <div onChange={(e) => e.target instanceof HTMLSelectElement && prefill(e.target)}>
            <SelectField
              label="From the library"
              name="unverifiedInterventionId"
              placeholder={offered.length ? "Choose an intervention" : "None for this area"}
              options={options}
              hint={scripted && area ? `Interventions for ${AREA_LABEL[area as InterventionArea].toLowerCase()}.` : "Choose one for the plan's area."}
              defaultValue={text("unverifiedInterventionId", plan?.interventionId)}
              errors={errorsFor(state, "unverifiedInterventionId")}
            />
          </div>
          <TextField
            label="Or a custom intervention"
            name="customIntervention"
            maxLength={MAX_CUSTOM_INTERVENTION}
            hint="Its name, when the library does not have it."
            defaultValue={text("customIntervention", plan?.customIntervention)}
            errors={errorsFor(state, "customIntervention")}
          />
        </div>
        <CheckboxGroup
          label="Interventionists (required)"
          name="unverifiedInterventionistIds"
          hint={`Who delivers the sessions: active staff of ${schoolName}.`}
          options={interventionists.map((m) => ({ value: m.id, label: `${m.name} (${ROLE_LABEL[m.role]})` }))}
          defaultValues={valuesOf(state, "unverifiedInterventionistIds") ?? plan?.interventionistIds ?? []}
          errors={errorsFor(state, "unverifiedInterventionistIds")}
        />
      </fieldset>

      <fieldset className="mb-6">
        <legend className={legendClass}>Dosage and schedule</legend>
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField label="Minutes per session" name="minutesPerSession" required inputMode="numeric" autoComplete="off" maxLength={3} hint={dosageHint("minutesPerSession")} defaultValue={text("minutesPerSession", plan?.minutesPerSession)} errors={errorsFor(state, "minutesPerSession")} />
          <TextField label="Sessions per week" name="sessionsPerWeek" required inputMode="numeric" autoComplete="off" maxLength={2} hint={dosageHint("sessionsPerWeek")} defaultValue={text("sessionsPerWeek", plan?.sessionsPerWeek)} errors={errorsFor(state, "sessionsPerWeek")} />
          <TextField label="Group size" name="groupSize" inputMode="numeric" autoComplete="off" maxLength={3} hint="Blank: the plan's students." defaultValue={text("groupSize", plan?.groupSize)} errors={errorsFor(state, "groupSize")} />
        </div>
        <CheckboxGroup
          label="Days"
          name="scheduleDays"
          hint="None: no fixed days."
          options={SCHOOL_WEEKDAYS.map((d) => ({ value: String(d), label: WEEKDAY_LABEL[d]! }))}
          defaultValues={valuesOf(state, "scheduleDays") ?? plan?.scheduleDays.map(String) ?? []}
          errors={errorsFor(state, "scheduleDays")}
        />
        <div className="sm:w-1/3">
          <TextField label="Start time" name="scheduleTime" type="time" hint="Optional, as HH:MM." defaultValue={text("scheduleTime", plan?.scheduleTime)} errors={errorsFor(state, "scheduleTime")} />
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <legend className={legendClass}>Dates and notes</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {draft ? (
            <TextField label="Start date" name="startDate" type="date" required defaultValue={text("startDate", plan?.startDate ?? today)} errors={errorsFor(state, "startDate")} />
          ) : (
            <p className="mb-4">
              Started on {formatDay(plan!.startDate)}
              <input type="hidden" name="startDate" value={plan!.startDate} />
            </p>
          )}
          <TextField label="Review date" name="reviewDate" type="date" required hint="After the start date." defaultValue={text("reviewDate", plan?.reviewDate)} errors={errorsFor(state, "reviewDate")} />
        </div>
        <TextAreaField label="Notes" name="notes" maxLength={MAX_PLAN_NOTES} defaultValue={text("notes", plan?.notes)} errors={errorsFor(state, "notes")} />
      </fieldset>

      {plan && !draft ? (
        <fieldset className="mb-6 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 text-lg font-semibold">If you change the intervention, dosage or interventionists</legend>
          <p className="mb-2 text-sm text-slate-700">
            The change starts a new phase of the plan (a phase line on its progress graphs). Other changes need neither field.
          </p>
          <div className="sm:w-1/2">
            <TextField
              label="Date of the change"
              name="changeDate"
              type="date"
              hint={`From ${formatDay(plan.phaseStart)}, when the current phase began, to today.`}
              defaultValue={text("changeDate", today)}
              errors={errorsFor(state, "changeDate")}
            />
          </div>
          <TextAreaField label="What changed and why" name="changeReason" rows={2} maxLength={MAX_PLAN_COMMENT} hint="For example: Four points below the aimline; a fifth session a week." defaultValue={text("changeReason")} errors={errorsFor(state, "changeReason")} />
        </fieldset>
      ) : null}
    </>
  );
}

/** Checkboxes of the students the user may plan for, with a filter once JavaScript runs. */
function StudentChooser({ students, chosen, errors }: { students: PlannableStudent[]; chosen: string[]; errors?: string[] }) {
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const [filter, setFilter] = useState("");
  // The boxes keep their own state; this follows it, so a checked student stays in view whatever the filter.
  const [checked, setChecked] = useState(() => new Set(chosen));
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (s: PlannableStudent) => checked.has(s.id) || words.every((w) => `${s.name} ${s.goesBy ?? ""} ${s.localId}`.toLowerCase().includes(w));
  if (students.length === 0) {
    return (
      <p id="students-hint" className="text-slate-700">
        There are no students here you may write a plan for.
      </p>
    );
  }
  return (
    <>
      <p id="students-hint" className="mb-2 text-sm text-slate-700">
        Choose one student, or several for a group plan.
      </p>
      {scripted ? (
        <div className="mb-2 sm:w-1/2">
          <label htmlFor="student-filter" className="block font-medium text-slate-900">
            Filter by name or local id
          </label>
          <input id="student-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900" />
        </div>
      ) : null}
      <FieldErrors name="unverifiedStudentIds" errors={errors} />
      <ul
        className="max-h-80 overflow-y-auto rounded-md border border-slate-300 p-2"
        onChange={(e) => {
          const box = e.target;
          if (!(box instanceof HTMLInputElement)) return;
          setChecked((prev) => {
            const next = new Set(prev);
            if (box.checked) next.add(box.value);
            else next.delete(box.value);
            return next;
          });
        }}
      >
        {students.map((s) => (
          // Hidden, not removed: a hidden box is still part of the form.
          <li key={s.id} hidden={!shown(s)}>
            <label className="flex items-center gap-2 py-0.5 text-slate-900">
              <input type="checkbox" name="unverifiedStudentIds" value={s.id} defaultChecked={chosen.includes(s.id)} className="h-4 w-4" />
              <span>
                {s.name}
                {s.goesBy ? ` (goes by ${s.goesBy})` : ""} <span className="text-slate-700">· {s.localId}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
