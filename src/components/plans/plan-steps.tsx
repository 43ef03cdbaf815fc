"use client";
import { useActionState, useState, type ReactNode } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import type { variants } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { approvePlan, completePlan, discontinuePlan, returnPlan, submitPlan } from "@/server/plans/actions";
import { MAX_PLAN_COMMENT } from "@/server/plans/schemas";

type Plan = { id: string; version: number };
type Step = readonly [state: ActionState, run: (form: FormData) => void, pending: boolean];

/**
 * The outcome of the step taken last: with JavaScript, the one whose form was
 * sent last; without, the only one with a state (the page came back with it).
 */
function useLatest<K extends string>(steps: Record<K, Step>) {
  const [last, setLast] = useState<K | null>(null);
  const latest = last ? steps[last][0] : (Object.values<Step>(steps).find(([s]) => s)?.[0] ?? null);
  return { latest, sent: setLast };
}

function StepForm({ plan, step, label, onSubmit, variant, fields }: { plan: Plan; step: Step; label: string; onSubmit: () => void; variant?: keyof typeof variants; fields?: (state: ActionState) => ReactNode }) {
  const [state, run] = step;
  const key = useResultKey(state);
  return (
    <form action={run} onSubmit={onSubmit} key={key} noValidate className="mb-4">
      <input type="hidden" name="unverifiedPlanId" value={plan.id} />
      <input type="hidden" name="version" value={plan.version} />
      {fields?.(state)}
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </form>
  );
}

/** Submitting a draft for approval, or approving it or sending it back; the outcome stays announced once the form is gone. */
export function ApprovalSteps({ plan, may, hasGoals, fitProblems = false }: { plan: Plan; may: { submit: boolean; decide: boolean }; hasGoals: boolean; fitProblems?: boolean }) {
  const steps = {
    submit: useActionState<ActionState, FormData>(submitPlan, null),
    approve: useActionState<ActionState, FormData>(approvePlan, null),
    return: useActionState<ActionState, FormData>(returnPlan, null),
  };
  const { latest, sent } = useLatest(steps);
  if (!may.submit && !may.decide && !latest) return null;
  return (
    <section aria-labelledby="steps-heading" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="steps-heading" className="mb-3 text-lg font-semibold">
        Approval
      </h2>
      <FormMessage state={latest} />
      {may.submit ? (
        <>
          {hasGoals ? null : <p className="mb-2 text-slate-700">Add at least one goal first: a plan is approved with measurable goals.</p>}
          <StepForm plan={plan} step={steps.submit} label="Submit for approval" onSubmit={() => sent("submit")} />
        </>
      ) : null}
      {may.decide ? (
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="mb-2 font-semibold">Approve</h3>
            <p className="mb-2 text-slate-700">The plan becomes active: its interventionists deliver it from its start date.</p>
            <StepForm
              plan={plan}
              step={steps.approve}
              label="Approve plan"
              onSubmit={() => sent("approve")}
              fields={(state) =>
                fitProblems || errorsFor(state, "fitReason") ? (
                  <TextAreaField
                    id="fit-reason"
                    label="Why approve it though it does not fit the intervention"
                    name="fitReason"
                    required
                    rows={3}
                    maxLength={MAX_PLAN_COMMENT}
                    hint="Kept in the plan's history with your name."
                    defaultValue={textDefault(state, "fitReason", null)}
                    errors={errorsFor(state, "fitReason")}
                  />
                ) : null
              }
            />
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Send back</h3>
            <StepForm
              plan={plan}
              step={steps.return}
              label="Send back to the author"
              variant="secondary"
              onSubmit={() => sent("return")}
              fields={(state) => (
                <TextAreaField id="return-comment" label="What should change" name="comment" required rows={3} maxLength={MAX_PLAN_COMMENT} defaultValue={textDefault(state, "comment", null)} errors={errorsFor(state, "comment")} />
              )}
            />
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** Completing or discontinuing an active plan, folded away so it is not done by accident. */
export function EndPlanSteps({ plan, may, today }: { plan: Plan; may: boolean; today: string }) {
  const steps = {
    complete: useActionState<ActionState, FormData>(completePlan, null),
    discontinue: useActionState<ActionState, FormData>(discontinuePlan, null),
  };
  const { latest, sent } = useLatest(steps);
  if (!may && !latest) return null;
  const endDate = (step: string, state: ActionState) => (
    <TextField id={`${step}-endDate`} label="End date" name="endDate" type="date" required defaultValue={textDefault(state, "endDate", today)} errors={errorsFor(state, "endDate")} />
  );
  return (
    <section aria-labelledby="end-heading" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="end-heading" className="mb-3 text-lg font-semibold">
        End the plan
      </h2>
      <FormMessage state={latest} />
      {may ? (
        <details open={Boolean(latest && !latest.ok)}>
          <summary className="cursor-pointer font-medium text-blue-800 underline">Complete or discontinue this plan</summary>
          <div className="mt-3 grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="mb-2 font-semibold">Complete</h3>
              <StepForm
                plan={plan}
                step={steps.complete}
                label="Complete plan"
                onSubmit={() => sent("complete")}
                fields={(state) => (
                  <>
                    {endDate("complete", state)}
                    <TextAreaField id="complete-note" label="Note" name="note" rows={2} maxLength={MAX_PLAN_COMMENT} hint="Optional: for example, goal met." defaultValue={textDefault(state, "note", null)} errors={errorsFor(state, "note")} />
                  </>
                )}
              />
            </div>
            <div>
              <h3 className="mb-2 font-semibold">Discontinue</h3>
              <StepForm
                plan={plan}
                step={steps.discontinue}
                label="Discontinue plan"
                variant="danger"
                onSubmit={() => sent("discontinue")}
                fields={(state) => (
                  <>
                    {endDate("discontinue", state)}
                    <TextAreaField id="discontinue-reason" label="Reason" name="reason" required rows={2} maxLength={MAX_PLAN_COMMENT} defaultValue={textDefault(state, "reason", null)} errors={errorsFor(state, "reason")} />
                  </>
                )}
              />
            </div>
          </div>
        </details>
      ) : null}
    </section>
  );
}
