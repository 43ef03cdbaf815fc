"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { DeniedError, fieldError } from "@/server/errors";
import { planReach } from "@/server/reach";
import { assertPlanOpen, auditGoal, goalData, measureFor, PLAN_SELECT, questionRoi, updateGoalIn, writableGoal } from "./changes";
import { ZArchiveGoalInput, ZCreateGoalInput, ZUpdateGoalInput } from "./schemas";

function revalidateGoalPages(goal: { id: string; planId: string; studentId: string }) {
  revalidatePath(`/plans/${goal.planId}`);
  revalidatePath(`/students/${goal.studentId}`);
  revalidatePath(`/goals/${goal.id}`);
}

/** Adds a goal for one student of a plan. */
export async function createGoal(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createGoal", ZCreateGoalInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "InterventionPlan", entityId: input.unverifiedPlanId.slice(0, 64) };
    authorizeAction(ctx, "plan.write", target);
    const planId = z.uuid().safeParse(input.unverifiedPlanId);
    if (!planId.success) throw new DeniedError("plan.write", target);
    return withTenant(ctx.districtId, async (tx) => {
      const plan = await tx.interventionPlan.findFirst({
        where: { id: planId.data, districtId: ctx.districtId },
        select: { ...PLAN_SELECT, students: { select: { studentId: true } } },
      });
      if (!plan) throw new DeniedError("plan.write", target);
      const studentId = plan.students.map((s) => s.studentId).find((id) => id === input.unverifiedStudentId);
      // plan.write on the plan for the goal's student (goalReach), or for the
      // whole plan when the student is not on it: someone who may write the
      // plan is told so; anyone else learns nothing.
      authorizeAction(ctx, "plan.write", { ...target, studentId, ...(await planReach(tx, ctx, "plan.write", plan, studentId)) });
      if (!studentId) throw fieldError("unverifiedStudentId", "Choose a student of this plan.");
      assertPlanOpen(plan);
      const measure = await measureFor(tx, ctx, input.unverifiedMeasureId, studentId);
      const data = goalData(input, measure, plan.startDate);
      await questionRoi(tx, ctx, input, measure, studentId, data);
      const goal = await tx.goal.create({
        data: { districtId: ctx.districtId, planId: plan.id, studentId, createdByUserId: ctx.userId, ...data },
        select: { id: true, planId: true, studentId: true },
      });
      await auditGoal(tx, ctx, "create", goal, Object.keys(data));
      return goal;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateGoalPages(result.data);
  return { ok: true, message: "Goal added." };
}

/** The goal form's edit (updateGoalIn). */
export async function updateGoal(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateGoal", ZUpdateGoalInput, formToObject(form), (ctx, input) => withTenant(ctx.districtId, (tx) => updateGoalIn(tx, ctx, input)));
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateGoalPages(result.data.goal);
  return { ok: true, message: "Goal saved." };
}

/** Archives a goal: nothing is deleted, it is shown with the plan's past goals. */
export async function archiveGoal(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("archiveGoal", ZArchiveGoalInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "plan.write", { entityType: "Goal", entityId: input.unverifiedGoalId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const goal = await writableGoal(tx, ctx, input.unverifiedGoalId);
      // Conditional on the current state, so two people pressing at once archive it once.
      const { count } = await tx.goal.updateMany({
        where: { id: goal.id, districtId: ctx.districtId, archivedAt: null },
        data: { archivedAt: new Date(), version: { increment: 1 } },
      });
      if (count > 0) await auditGoal(tx, ctx, "update", goal, ["archivedAt"]);
      return goal;
    });
  });
  if (!result.ok) return result;
  revalidateGoalPages(result.data);
  return { ok: true, message: "Goal archived: it is kept with the plan's past goals." };
}
