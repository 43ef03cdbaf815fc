import "server-only";
import { z } from "zod";
import { seasonOf, SEASON_LABEL } from "@/domain/benchmarks";
import { checkPlanGoal, dateOfDay, toIsoDay } from "@/domain/goals";
import { goalRoiQuestion } from "@/domain/growth";
import type { Measure as MeasureRow, Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, fieldErrors } from "@/server/errors";
import { measureOf } from "@/server/measures/queries";
import { goalReach } from "@/server/reach";
import { todayIso } from "@/server/students/schemas";
import { CONFIRM_ROI_FIELD, closedPlanMessage, formFieldOf, type GoalEntry, type TUpdateGoalInput } from "./schemas";

// The goal changes that more than one caller makes (the goal's own form and a
// meeting's "raise or change the goal" decision), each inside the caller's
// transaction, and the checks the goal forms share. Not a "use server" file:
// these take a transaction and must never be public endpoints.

export const PLAN_SELECT = { id: true, schoolId: true, status: true, startDate: true } as const;

export const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else saved changes to this goal since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
  );

export function assertPlanOpen(plan: { status: string }): void {
  const closed = closedPlanMessage(plan.status);
  if (closed) throw new AppError("INVALID_INPUT", closed);
}

/** The district's measure; a retired one only when it is the goal's current measure. */
export async function measureFor(tx: Tx, ctx: Ctx, unverifiedMeasureId: string, studentId: string, currentMeasureId?: string): Promise<MeasureRow> {
  const id = z.uuid().safeParse(unverifiedMeasureId);
  const row = id.success ? await tx.measure.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
  if (!row) throw new DeniedError("plan.write", { entityType: "Measure", entityId: unverifiedMeasureId.slice(0, 64), studentId });
  if (row.archivedAt && row.id !== currentMeasureId) {
    throw fieldError("unverifiedMeasureId", "This measure is no longer in use in the district; choose another from the list.");
  }
  return row;
}

/** The goal's columns from the form, or every problem checkPlanGoal finds, on the form's fields. */
export function goalData(entry: GoalEntry, measure: MeasureRow, planStartDate: Date) {
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
export type GoalData = ReturnType<typeof goalData>;

/**
 * Questions a goal whose rate of improvement is implausible for the
 * student's grade and the district's benchmark (goalRoiQuestion): the form
 * comes back with the question, the suggested targets and a tick box that
 * saves it as it is. A question, not a refusal.
 */
export async function questionRoi(tx: Tx, ctx: Ctx, entry: GoalEntry, measure: MeasureRow, studentId: string, data: GoalData) {
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

export function auditGoal(tx: Tx, ctx: Ctx, action: "create" | "update", goal: { id: string; studentId: string; planId: string }, fields: string[], detail: Prisma.InputJsonObject = {}) {
  return recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action,
    entityType: "Goal",
    entityId: goal.id,
    studentId: goal.studentId,
    // Field names, not values: scores are education records.
    detail: { planId: goal.planId, fields, ...detail },
  });
}

/** A goal the user may change (plan.write on its plan), with its plan; unknown or out of reach -> NOT_FOUND. */
export async function writableGoal(tx: Tx, ctx: Ctx, unverifiedGoalId: string) {
  const target = { entityType: "Goal", entityId: unverifiedGoalId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedGoalId);
  const goal = id.success ? await tx.goal.findFirst({ where: { id: id.data, districtId: ctx.districtId }, include: { plan: { select: PLAN_SELECT } } }) : null;
  if (!goal) throw new DeniedError("plan.write", target);
  authorizeAction(ctx, "plan.write", { ...target, studentId: goal.studentId, ...(await goalReach(tx, ctx, "plan.write", goal)) });
  assertPlanOpen(goal.plan);
  return goal;
}


export interface GoalChangeOptions {
  /** The day the new target applies from (today when not given): where the graph draws the change. */
  changedOn?: string;
  reason?: string | null;
  meetingId?: string | null;
  /** More for the audit event's detail (e.g. the meeting). */
  detail?: Prisma.InputJsonObject;
}

/**
 * Saves an edit of a goal only if nobody saved since the form was opened: the
 * update names the version the form was loaded with, and 0 rows updated is a
 * conflict. The student and the plan stay; everything else may change. A new
 * target or target date is also kept as a dated GoalChange (the graph draws
 * it; the old target stays known). The goal form and a meeting's decision
 * both come here.
 */
export async function updateGoalIn(tx: Tx, ctx: Ctx, input: TUpdateGoalInput, options: GoalChangeOptions = {}) {
  authorizeAction(ctx, "plan.write", { entityType: "Goal", entityId: input.unverifiedGoalId.slice(0, 64) });
  const goal = await writableGoal(tx, ctx, input.unverifiedGoalId);
  if (goal.archivedAt) throw new AppError("INVALID_INPUT", "This goal is archived: it is kept as a past goal and can no longer be changed.");
  if (goal.version !== input.version) throw conflict();
  const measure = await measureFor(tx, ctx, input.unverifiedMeasureId, goal.studentId, goal.measureId);
  const data = goalData(input, measure, goal.plan.startDate);
  const fields = (Object.keys(data) as (keyof GoalData)[]).filter((k) => JSON.stringify(goal[k]) !== JSON.stringify(data[k]));
  if (fields.length === 0) return { goal, measure, changed: false } as const;
  // Only a change of what the rate is made of is questioned again.
  if (fields.some((f) => ["baselineValue", "baselineDate", "targetValue", "targetDate", "measureId"].includes(f))) await questionRoi(tx, ctx, input, measure, goal.studentId, data);
  const { count } = await tx.goal.updateMany({
    where: { id: goal.id, districtId: ctx.districtId, version: input.version, archivedAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict();
  if (fields.includes("targetValue") || fields.includes("targetDate")) {
    await tx.goalChange.create({
      data: {
        districtId: ctx.districtId,
        goalId: goal.id,
        studentId: goal.studentId,
        changedOn: dateOfDay(options.changedOn ?? todayIso()),
        previousTargetValue: goal.targetValue,
        previousTargetDate: goal.targetDate,
        targetValue: data.targetValue,
        targetDate: data.targetDate,
        reason: options.reason ?? null,
        meetingId: options.meetingId ?? null,
        createdByUserId: ctx.userId,
      },
    });
  }
  await auditGoal(tx, ctx, "update", goal, fields, options.detail);
  return { goal, measure, changed: true } as const;
}
