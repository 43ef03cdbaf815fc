"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { formatDay } from "@/components/students/format";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, FieldErrors, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { MAX_BASELINE_PROBES } from "@/domain/goals";
import { archiveGoal, createGoal, updateGoal } from "@/server/goals/actions";
import type { GoalView } from "@/server/goals/queries";
import { CONFIRM_ROI_FIELD, PROBE_ROWS, probeField } from "@/server/goals/schemas";
import { Fold } from "@/components/ui/fold";

export interface GoalsPlan {
  id: string;
  status: string;
  students: { id: string; name: string }[];
  /** yyyy-mm-dd, or the date column as read. */
  startDate: string | Date;
}

export interface GoalMeasure {
  id: string;
  name: string;
  unit: string;
  /** Listed with the plan's intervention; these come first in the form. */
  fitsIntervention?: boolean;
  /** Used in plans of the plan's area; these come next. */
  fitsArea?: boolean;
}

const legendClass = "px-1 font-medium text-slate-900";

/**
 * Adds a goal to a plan, or edits `goal` (carrying the version it was loaded
 * at). Folded away in a <details> unless `startOpen` or the last try failed,
 * so the problems are in view (also without JavaScript, when the page comes
 * back from the server with the action's state).
 */
export function GoalForm({ plan, measures, goal, startOpen = false }: { plan: GoalsPlan; measures: GoalMeasure[]; goal?: GoalView; startOpen?: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(goal ? updateGoal : createGoal, null);
  const key = useResultKey(state);
  const failed = Boolean(state && !state.ok);
  // Ids unique on the page: a profile shows several plans, a plan several goals.
  const prefix = goal ? `goal-${goal.id}` : `new-goal-${plan.id}`;
  const id = (field: string) => `${prefix}-${field}`;
  const text = (field: string, stored?: string | number) => textDefault(state, field, stored);
  const typedBaseline = goal && goal.baselineProbes.length === 0 ? goal : undefined;
  // A goal keeps its measure when the district has since retired it.
  const offered = goal && !measures.some((m) => m.id === goal.measureId) ? [...measures, { id: goal.measureId, name: goal.measure.name, unit: goal.measure.unit }] : measures;
  const anyFit = offered.some((m) => m.fitsIntervention || m.fitsArea);
  const groupOf = (m: GoalMeasure) => (m.fitsIntervention ? "Suggested for this plan's intervention" : m.fitsArea ? "Used in this plan's area" : "Other measures");
  const measureOptions = offered.map((m) => ({ value: m.id, label: `${m.name} (${m.unit})`, ...(anyFit ? { group: groupOf(m) } : {}) }));
  // A fieldset's hint and errors (FieldErrors' ids), for screen readers on entering it.
  const describedBy = (field: string, hint: boolean) =>
    [hint ? `${id(field)}-hint` : null, errorsFor(state, field) ? `${id(field)}-error` : null].filter(Boolean).join(" ") || undefined;
  const student = goal ? { id: goal.studentId, name: goal.studentName } : plan.students.length === 1 ? plan.students[0] : undefined;

  return (
    <div className="mt-3">
      {/* Outside the fold: a success closes it (the goal shows above), the message stays. */}
      <FormMessage state={state} />
      <Fold open={startOpen || failed} summary={goal ? "Edit this goal" : "Add a goal"}>
        <form action={action} key={key} noValidate className="mt-3">
          {goal ? (
            <>
              <input type="hidden" name="unverifiedGoalId" value={goal.id} />
              <input type="hidden" name="version" value={goal.version} />
            </>
          ) : (
            <input type="hidden" name="unverifiedPlanId" value={plan.id} />
          )}
          {student ? (
            <>
              {goal ? null : <input type="hidden" name="unverifiedStudentId" value={student.id} />}
              <p className="mb-4 text-slate-800">For {student.name}</p>
              <FieldErrors name={id("unverifiedStudentId")} errors={errorsFor(state, "unverifiedStudentId")} />
            </>
          ) : (
            <SelectField
              id={id("unverifiedStudentId")}
              label="Student"
              name="unverifiedStudentId"
              required
              placeholder="Choose a student"
              options={plan.students.map((s) => ({ value: s.id, label: s.name }))}
              defaultValue={text("unverifiedStudentId")}
              errors={errorsFor(state, "unverifiedStudentId")}
            />
          )}
          <SelectField
            id={id("unverifiedMeasureId")}
            label="Measure"
            name="unverifiedMeasureId"
            required
            placeholder="Choose a measure"
            options={measureOptions}
            defaultValue={text("unverifiedMeasureId", goal?.measureId)}
            errors={errorsFor(state, "unverifiedMeasureId")}
          />

          <fieldset className="mb-4 rounded-lg border border-slate-300 p-3" aria-describedby={describedBy("baseline", true)}>
            <legend className={legendClass}>Baseline</legend>
            <p id={`${id("baseline")}-hint`} className="mb-2 text-sm text-slate-700">
              Enter one score and its date, or up to {MAX_BASELINE_PROBES} baseline probes: the baseline is then their median, dated on the latest probe.
            </p>
            <FieldErrors name={id("baseline")} errors={errorsFor(state, "baseline")} />
            <div className="grid gap-x-4 sm:grid-cols-2">
              <TextField id={id("baselineValue")} label="Baseline score" name="baselineValue" inputMode="decimal" autoComplete="off" maxLength={40} defaultValue={text("baselineValue", typedBaseline?.baselineValue)} errors={errorsFor(state, "baselineValue")} />
              <TextField id={id("baselineDate")} label="Baseline date" name="baselineDate" type="date" defaultValue={text("baselineDate", typedBaseline?.baselineDate)} errors={errorsFor(state, "baselineDate")} />
            </div>
            <fieldset className="rounded-lg border border-slate-300 p-3" aria-describedby={describedBy("baselineProbes", false)}>
              <legend className={legendClass}>Or baseline probes</legend>
              <p className="mb-2 text-sm text-slate-700">Leave a row empty to skip it.</p>
              <FieldErrors name={id("baselineProbes")} errors={errorsFor(state, "baselineProbes")} />
              {PROBE_ROWS.map((row) => {
                const probe = goal?.baselineProbes[row - 1];
                return (
                  <div key={row} className="grid gap-x-4 sm:grid-cols-2">
                    <TextField id={id(probeField(row, "Value"))} label={`Probe ${row} score`} name={probeField(row, "Value")} inputMode="decimal" autoComplete="off" maxLength={40} defaultValue={text(probeField(row, "Value"), probe?.value)} errors={errorsFor(state, probeField(row, "Value"))} />
                    <TextField id={id(probeField(row, "Date"))} label={`Probe ${row} date`} name={probeField(row, "Date")} type="date" defaultValue={text(probeField(row, "Date"), probe?.date)} errors={errorsFor(state, probeField(row, "Date"))} />
                  </div>
                );
              })}
            </fieldset>
          </fieldset>

          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField id={id("targetValue")} label="Target score" name="targetValue" required inputMode="decimal" autoComplete="off" maxLength={40} defaultValue={text("targetValue", goal?.targetValue)} errors={errorsFor(state, "targetValue")} />
            <TextField
              id={id("targetDate")}
              label="Target date"
              name="targetDate"
              type="date"
              required
              hint={`After the plan's start date (${formatDay(plan.startDate)}).`}
              defaultValue={text("targetDate", goal?.targetDate)}
              errors={errorsFor(state, "targetDate")}
            />
          </div>
          {errorsFor(state, CONFIRM_ROI_FIELD) ? (
            <CheckboxGroup
              id={id(CONFIRM_ROI_FIELD)}
              label="Keep this rate of improvement?"
              name={CONFIRM_ROI_FIELD}
              large
              options={[{ value: "yes", label: "Yes: save the goal with this target and date" }]}
              errors={errorsFor(state, CONFIRM_ROI_FIELD)}
            />
          ) : null}
          <SubmitButton>{goal ? "Save goal" : "Add goal"}</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}

/** Archives a goal: kept, shown with the plan's past goals. Folded away like the edit, so one press cannot do it by accident. */
export function ArchiveGoalForm({ goalId }: { goalId: string }) {
  const [state, action] = useActionState<ActionState, FormData>(archiveGoal, null);
  return (
    <div className="mt-3">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary="Archive this goal">
        <form action={action} className="mt-2">
          <input type="hidden" name="unverifiedGoalId" value={goalId} />
          <p className="mb-2 text-sm text-slate-700">The goal stays with the plan&apos;s past goals and can no longer be changed. Nothing is deleted.</p>
          <SubmitButton variant="secondary">Archive goal</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}
