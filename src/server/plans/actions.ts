"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { planFitProblems } from "@/domain/plan-fit";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { fieldErrors } from "@/server/errors";
import { fitStudentsOf, type PlanRow } from "./queries";
import { COMPLETE_STEP, createPlanIn, DISCONTINUE_STEP, refuse, stepPlanIn, updatePlanIn, type Step } from "./changes";
import {
  NEW_PLAN_ARRAY_FIELDS,
  PLAN_ARRAY_FIELDS,
  ZCompletePlanInput,
  ZCreatePlanInput,
  ZDiscontinuePlanInput,
  ZApprovePlanInput,
  ZPlanStepInput,
  ZReturnPlanInput,
  ZUpdatePlanInput,
  type TPlanStepInput,
} from "./schemas";

/** Creates a draft plan with its students, interventionists and phase 1 (createPlanIn), then opens it. */
export async function createPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createPlan", ZCreatePlanInput, formToObject(form, NEW_PLAN_ARRAY_FIELDS), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => (await createPlanIn(tx, ctx, input)).planId),
  );
  if (!result.ok) return withSubmitted(result, form, NEW_PLAN_ARRAY_FIELDS);
  revalidatePath("/", "layout");
  redirect(`/plans/${result.data}`);
}

/** The plan form's edit (updatePlanIn). */
export async function updatePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updatePlan", ZUpdatePlanInput, formToObject(form, PLAN_ARRAY_FIELDS), (ctx, input) => withTenant(ctx.districtId, (tx) => updatePlanIn(tx, ctx, input)));
  if (!result.ok) return withSubmitted(result, form, PLAN_ARRAY_FIELDS);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidatePath("/", "layout");
  redirect(`/plans/${result.data.planId}`);
}

async function stepPlan<S extends z.ZodType<TPlanStepInput>>(name: string, schema: S, form: FormData, step: Step<z.output<S>>): Promise<ActionState> {
  const result = await runAction(name, schema, formToObject(form), (ctx, input) => withTenant(ctx.districtId, (tx) => stepPlanIn(tx, ctx, step, input)));
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/", "layout");
  return { ok: true, message: result.data };
}

const awaitingApproval = (plan: PlanRow) => plan.status === "DRAFT" && plan.submittedAt !== null;
const mustAwaitApproval = (_tx: Tx, _ctx: Ctx, plan: PlanRow) => {
  if (!awaitingApproval(plan)) refuse("Only a draft submitted for approval can be approved or sent back.");
};

/** The author asks for approval; a comment from an earlier return is cleared (it stays in the history). */
export async function submitPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("submitPlan", ZPlanStepInput, form, {
    action: "plan.write",
    check: (_tx, _ctx, plan) => {
      if (plan.status !== "DRAFT" || plan.submittedAt) refuse("Only a draft that is not already waiting for approval can be submitted.");
    },
    data: () => ({ submittedAt: new Date(), returnComment: null }),
    event: "SUBMITTED",
    message: () => "Submitted for approval.",
  });
}

/**
 * A coordinator (or administrator) makes a submitted draft active; it needs
 * at least one goal, and when it does not fit its intervention
 * (planFitProblems) the reason it is approved anyway, kept as the approval
 * event's comment and in the audit event.
 */
export async function approvePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("approvePlan", ZApprovePlanInput, form, {
    action: "plan.approve",
    check: async (tx, ctx, plan, input) => {
      mustAwaitApproval(tx, ctx, plan);
      const goals = await tx.goal.count({ where: { districtId: ctx.districtId, planId: plan.id, archivedAt: null } });
      if (goals === 0) refuse("This plan has no goal yet. A plan needs at least one measurable goal before it can be approved: send it back to ask for one.");
      const problems = planFitProblems(plan, plan.intervention, fitStudentsOf(plan));
      if (problems.length && !input.fitReason) {
        throw fieldErrors({ fitReason: [`${problems.join(" ")} Say why it is approved anyway, or send it back.`] });
      }
    },
    data: (ctx) => ({ status: "ACTIVE", approvedByUserId: ctx.userId, approvedAt: new Date() }),
    comment: (input) => input.fitReason,
    auditDetail: (input) => (input.fitReason ? { fitReason: input.fitReason } : {}),
    event: "APPROVED",
    message: () => "Approved: the plan is active.",
  });
}

/** Sends a submitted draft back to its author with a comment saying what to change. */
export async function returnPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("returnPlan", ZReturnPlanInput, form, {
    action: "plan.approve",
    check: mustAwaitApproval,
    data: (_ctx, input) => ({ submittedAt: null, returnComment: input.comment }),
    event: "RETURNED",
    comment: (input) => input.comment,
    message: () => "Sent back to the author with your comment.",
  });
}

export async function completePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("completePlan", ZCompletePlanInput, form, COMPLETE_STEP);
}

export async function discontinuePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("discontinuePlan", ZDiscontinuePlanInput, form, DISCONTINUE_STEP);
}
