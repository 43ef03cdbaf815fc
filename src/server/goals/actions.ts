"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { seasonOf, SEASON_LABEL } from "@/domain/benchmarks";
import { checkPlanGoal, dateOfDay, toIsoDay } from "@/domain/goals";
import { goalRoiQuestion } from "@/domain/growth";
import type { Measure as MeasureRow } from "@/generated/prisma/client";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, fieldErrors } from "@/server/errors";
import { measureOf } from "@/server/measures/queries";
import { goalReach, planReach } from "@/server/reach";
import { todayIso } from "@/server/students/schemas";
import { CONFIRM_ROI_FIELD, closedPlanMessage, formFieldOf, ZArchiveGoalInput, ZCreateGoalInput, ZUpdateGoalInput, type GoalEntry } from "./schemas";

const PLAN_SELECT = { id: true, schoolId: true, status: true, startDate: true } as const;

const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else saved changes to this goal since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
  );

function assertPlanOpen(plan: { status: string }): void {
  const closed = closedPlanMessage(plan.status);
  if (closed) throw new AppError("INVALID_INPUT", closed);
}

/** The district's measure; a retired one only when it is the goal's current measure. */
async function measureFor(tx: Tx, ctx: Ctx, unverifiedMeasureId: string, studentId: string, currentMeasureId?: string): Promise<MeasureRow> {
  const id = z.uuid().safeParse(unverifiedMeasureId);
  const row = id.success ? await tx.measure.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
  if (!row) throw new DeniedError("plan.write", { entityType: "Measure", entityId: unverifiedMeasureId.slice(0, 64), studentId });
  if (row.archivedAt && row.id !== currentMeasureId) {
    throw fieldError("unverifiedMeasureId", "This measure is no longer in use in the district; choose another from the list.");
  }
  return row;
}

/** The goal's columns from the form, or every problem checkPlanGoal finds, on the form's fields. */
function goalData(entry: GoalEntry, measure: MeasureRow, planStartDate: Date) {
  const check = checkPlanGoal({
    measure: measureOf(measure),
    baseline: entry.baseline,
    target: entry.target,
    targetDate: entry.targetDate,
    planStartDate,
    today: todayIso(),
  });
  if (!check.ok) {
    const fromProbes = "probes" in entry.baseline;
    const errors: Record<string, string[]> = {};
    for (const p of check.problems) (errors[formFieldOf(p.field, fromProbes)] ??= []).push(p.message);
    throw fieldErrors(errors);
  }
  return {
    measureId: measure.id,
    baselineValue: check.baseline.value,
    baselineDate: dateOfDay(check.baseline.date),
    baselineScores: check.probes.map((p) => p.value),
    baselineDates: check.probes.map((p) => dateOfDay(p.date)),
    targetValue: entry.target,
    targetDate: dateOfDay(entry.targetDate),
  };
}
type GoalData = ReturnType<typeof goalData>;

/**
 * Questions a goal whose rate of improvement is implausible for the
 * student's grade and the district's benchmark (goalRoiQuestion): the form
 * comes back with the question, the suggested targets and a tick box that
 * saves it as it is. A question, not a refusal.
 */
async function questionRoi(tx: Tx, ctx: Ctx, entry: GoalEntry, measure: MeasureRow, studentId: string, data: GoalData) {
  if (entry.roiConfirmed) return;
  const student = await tx.student.findFirst({ where: { id: studentId, districtId: ctx.districtId }, select: { grade: true } });
  if (!student) return;
  const season = seasonOf(data.targetDate);
  const bench = await tx.benchmark.findFirst({ where: { districtId: ctx.districtId, measureId: measure.id, grade: student.grade, season }, select: { benchmark: true } });
  const question = goalRoiQuestion({
    measure: measureOf(measure),
    grade: student.grade,
    baseline: data.baselineValue,
    baselineDate: toIsoDay(data.baselineDate),
    targetDate: toIsoDay(data.targetDate),
    target: data.targetValue,
    ...(bench ? { benchmark: { value: bench.benchmark, seasonLabel: SEASON_LABEL[season] } } : {}),
  });
  if (question) {
    throw new AppError("CONFLICT", "Please check the goal's rate of improvement before saving it.", {
      [CONFIRM_ROI_FIELD]: [`${question} Change the target or its date, or tick the box to keep the goal as it is.`],
    });
  }
}

function auditGoal(tx: Tx, ctx: Ctx, action: "create" | "update", goal: { id: string; studentId: string; planId: string }, fields: string[]) {
  return recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action,
    entityType: "Goal",
    entityId: goal.id,
    studentId: goal.studentId,
    // Field names, not values: scores are education records.
    detail: { planId: goal.planId, fields },
  });
}

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

/** A goal the user may change (plan.write on its plan), with its plan; unknown or out of reach -> NOT_FOUND. */
async function writableGoal(tx: Tx, ctx: Ctx, unverifiedGoalId: string) {
  const target = { entityType: "Goal", entityId: unverifiedGoalId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedGoalId);
  const goal = id.success ? await tx.goal.findFirst({ where: { id: id.data, districtId: ctx.districtId }, include: { plan: { select: PLAN_SELECT } } }) : null;
  if (!goal) throw new DeniedError("plan.write", target);
  authorizeAction(ctx, "plan.write", { ...target, studentId: goal.studentId, ...(await goalReach(tx, ctx, "plan.write", goal)) });
  assertPlanOpen(goal.plan);
  return goal;
}

/**
 * Saves an edit of a goal only if nobody saved since the form was opened: the
 * update names the version the form was loaded with, and 0 rows updated is a
 * conflict. The student and the plan stay; everything else may change.
 */
export async function updateGoal(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateGoal", ZUpdateGoalInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "plan.write", { entityType: "Goal", entityId: input.unverifiedGoalId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const goal = await writableGoal(tx, ctx, input.unverifiedGoalId);
      if (goal.archivedAt) throw new AppError("INVALID_INPUT", "This goal is archived: it is kept as a past goal and can no longer be changed.");
      if (goal.version !== input.version) throw conflict();
      const measure = await measureFor(tx, ctx, input.unverifiedMeasureId, goal.studentId, goal.measureId);
      const data = goalData(input, measure, goal.plan.startDate);
      const fields = (Object.keys(data) as (keyof GoalData)[]).filter((k) => JSON.stringify(goal[k]) !== JSON.stringify(data[k]));
      if (fields.length === 0) return { goal, changed: false };
      // Only a change of what the rate is made of is questioned again.
      if (fields.some((f) => ["baselineValue", "baselineDate", "targetValue", "targetDate", "measureId"].includes(f))) await questionRoi(tx, ctx, input, measure, goal.studentId, data);
      const { count } = await tx.goal.updateMany({
        where: { id: goal.id, districtId: ctx.districtId, version: input.version, archivedAt: null },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw conflict();
      await auditGoal(tx, ctx, "update", goal, fields);
      return { goal, changed: true };
    });
  });
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
