import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { toIsoDay } from "@/domain/goals";
import type { Measure } from "@/domain/measures";
import { can, type Action } from "@/domain/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction, authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { byStudentName, STUDENT_NAME_SELECT, studentDisplayName, studentListName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { closedPlanMessage } from "@/server/goals/schemas";
import { planTitleOf } from "@/server/plans/schemas";
import { measureOf } from "@/server/measures/queries";
import { goalReach, planStudentsReach } from "@/server/reach";
import { todayIso } from "@/server/students/schemas";

/** Probe-related grants (permissions.ts): probe.view to read a goal's probes, probe.enter to enter or change them. */
export type ProbeAction = "probe.view" | "probe.enter";

/** One probe of a goal, as the probe table and the progress graph show it. */
export interface ProbeRow {
  id: string;
  /** yyyy-mm-dd */
  date: string;
  score: number;
  givenByName: string;
  note: string | null;
  /** Marked invalid: kept and shown, left out of every calculation. */
  invalid: boolean;
  invalidReason: string | null;
  version: number;
}

/**
 * Every probe of a goal, valid and invalid, by date (same-day probes in the
 * order they were entered), with who gave each, in one statement. The caller
 * has authorized probe.view for the goal (goalForProbesIn); statistics must
 * use only the rows with `invalid` false.
 */
export async function probesOfGoalIn(tx: Tx, districtId: string, goalId: string): Promise<ProbeRow[]> {
  return tx.$queryRaw<ProbeRow[]>`
    SELECT p."id"::text AS "id", to_char(p."date", 'YYYY-MM-DD') AS "date", p."score", coalesce(u."name", 'Unknown') AS "givenByName", p."note",
           p."invalidatedAt" IS NOT NULL AS "invalid", p."invalidReason", p."version"
    FROM "Probe" p
    LEFT JOIN "User" u ON u."id" = p."givenByUserId"
    WHERE p."districtId" = ${districtId}::uuid AND p."goalId" = ${goalId}::uuid
    ORDER BY p."date", p."createdAt", p."id"`;
}

/**
 * probesOfGoalIn for several goals in ONE statement (the referral packet
 * draws every goal of a student: two years of plans), by goal id; a goal
 * with no probe maps to an empty list. Same order and rows per goal.
 */
export async function probesOfGoalsIn(tx: Tx, districtId: string, goalIds: readonly string[]): Promise<Map<string, ProbeRow[]>> {
  const out = new Map<string, ProbeRow[]>(goalIds.map((id) => [id, []]));
  if (goalIds.length === 0) return out;
  const rows = await tx.$queryRaw<(ProbeRow & { goalId: string })[]>`
    SELECT p."goalId"::text AS "goalId", p."id"::text AS "id", to_char(p."date", 'YYYY-MM-DD') AS "date", p."score", coalesce(u."name", 'Unknown') AS "givenByName", p."note",
           p."invalidatedAt" IS NOT NULL AS "invalid", p."invalidReason", p."version"
    FROM "Probe" p
    LEFT JOIN "User" u ON u."id" = p."givenByUserId"
    WHERE p."districtId" = ${districtId}::uuid AND p."goalId" = ANY(${[...goalIds]}::uuid[])
    ORDER BY p."goalId", p."date", p."createdAt", p."id"`;
  for (const { goalId, ...row } of rows) out.get(goalId)?.push(row);
  return out;
}

/** A probe one submission saved, as a confirmation names it. */
export interface SubmittedProbe {
  id: string;
  goalId: string;
  studentName: string;
  measure: Measure;
  score: number;
}

/**
 * The probes saved by the submission with this client key for goals of one
 * plan (a session logged with probe scores), by student. One query, on the
 * client key's unique index. The caller has authorized the plan's students.
 */
export async function probesOfSubmissionIn(tx: Tx, districtId: string, clientKey: string, planId: string): Promise<SubmittedProbe[]> {
  const rows = await tx.probe.findMany({
    where: { districtId, clientKey, goal: { is: { districtId, planId } } },
    select: { id: true, goalId: true, score: true, goal: { select: { createdAt: true, measure: true, student: { select: STUDENT_NAME_SELECT } } } },
  });
  return rows
    .sort((a, b) => byStudentName(a.goal!.student, b.goal!.student) || a.goal!.createdAt.getTime() - b.goal!.createdAt.getTime())
    .map((r) => ({ id: r.id, goalId: r.goalId!, studentName: studentDisplayName(r.goal!.student), measure: measureOf(r.goal!.measure), score: r.score }));
}

const GOAL_SELECT = {
  id: true,
  planId: true,
  studentId: true,
  measureId: true,
  archivedAt: true,
  createdAt: true,
  measure: true,
  plan: { select: { id: true, schoolId: true, status: true, startDate: true } },
  student: { select: STUDENT_NAME_SELECT },
} satisfies Prisma.GoalSelect;

/** A goal with what probe entry checks against: its plan, measure and student. */
export type ProbeGoal = Prisma.GoalGetPayload<{ select: typeof GOAL_SELECT }>;

/**
 * The goal, when the user may `action` its probes: the goal's plan in their
 * reach (goalReach; caseload scope), the plan's school (school scope) or the
 * district. An unknown, malformed,
 * another district's or out-of-reach id throws DeniedError (404 + `denied`).
 */
export async function goalForProbesIn(tx: Tx, ctx: Ctx, unverifiedGoalId: string, action: ProbeAction): Promise<ProbeGoal> {
  const target = { entityType: "Goal", entityId: unverifiedGoalId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedGoalId);
  const goal = id.success ? await tx.goal.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: GOAL_SELECT }) : null;
  if (!goal) throw new DeniedError(action, target);
  authorizeAction(ctx, action, { ...target, studentId: goal.studentId, ...(await goalReach(tx, ctx, action, goal)) });
  return goal;
}

/**
 * A plan's open goals (not archived) by student (family name, then the
 * order they were set), each with whether the user may enter its student's
 * probes (probe.enter on the plan for that student: planStudentsReach, the
 * plan's school or the district), and that check for any of the plan's
 * students. Three queries.
 */
export async function openGoalsForProbesIn(tx: Tx, ctx: Ctx, plan: { id: string; schoolId: string; studentIds: readonly string[] }) {
  const reach = await planStudentsReach(tx, ctx, "probe.enter", plan);
  const mayEnter = (studentId: string) => reach.has(studentId) && can(ctx, "probe.enter", reach.get(studentId)!);
  const goals = await tx.goal.findMany({ where: { districtId: ctx.districtId, planId: plan.id, archivedAt: null }, select: GOAL_SELECT });
  const sorted = goals
    .map((g) => ({ ...g, mayEnter: mayEnter(g.studentId) }))
    .sort((a, b) => studentListName(a.student).localeCompare(studentListName(b.student)) || a.createdAt.getTime() - b.createdAt.getTime());
  return { goals: sorted, mayEnter };
}

/**
 * A plan's open goals (openGoalsForProbesIn). DeniedError when the plan is
 * not found or the user may enter probes for none of its students.
 */
export async function planGoalsForProbesIn(tx: Tx, ctx: Ctx, unverifiedPlanId: string) {
  const target = { entityType: "InterventionPlan", entityId: unverifiedPlanId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedPlanId);
  const plan = id.success
    ? await tx.interventionPlan.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: { id: true, schoolId: true, status: true, startDate: true, customIntervention: true, intervention: { select: { name: true } }, students: { select: { studentId: true } } },
      })
    : null;
  if (!plan) throw new DeniedError("probe.enter", target);
  const { goals, mayEnter } = await openGoalsForProbesIn(tx, ctx, { id: plan.id, schoolId: plan.schoolId, studentIds: plan.students.map((s) => s.studentId) });
  if (!plan.students.some((s) => mayEnter(s.studentId))) throw new DeniedError("probe.enter", target);
  return { plan, goals };
}

/**
 * Why probes of this goal can no longer be entered or changed, or null: an
 * archived goal and the goals of a completed or discontinued plan are a
 * record of what happened (as their goals are, src/server/goals).
 */
export function entryClosedMessage(goal: { archivedAt: Date | null; plan: { status: string } }): string | null {
  if (goal.archivedAt) return "This goal is archived, so its probes can no longer be entered or changed.";
  return planClosedMessage(goal.plan.status);
}

/** Why a plan's goals take no more probes, or null. */
export const planClosedMessage = (status: string) => closedPlanMessage(status, "probes can no longer be entered or changed for its goals");

/** Someone who may be named as having given a probe. */
export interface Giver {
  userId: string;
  name: string;
}

/**
 * Who may be named as having given a probe of this plan: the signed-in user,
 * the plan's interventionists and the current caseload staff of its students
 * (active memberships), by name. One query.
 */
export function giversIn(tx: Tx, ctx: Ctx, planId: string, studentIds: readonly string[]): Promise<Giver[]> {
  return tx.$queryRaw<Giver[]>`
    SELECT DISTINCT u."id"::text AS "userId", u."name"
    FROM "Membership" m
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."districtId" = ${ctx.districtId}::uuid AND m."deactivatedAt" IS NULL
      AND (m."userId" = ${ctx.userId}::uuid
        OR EXISTS (SELECT 1 FROM "PlanInterventionist" pi
                   WHERE pi."districtId" = m."districtId" AND pi."membershipId" = m."id" AND pi."planId" = ${planId}::uuid)
        OR EXISTS (SELECT 1 FROM "CaseloadAssignment" ca
                   WHERE ca."districtId" = m."districtId" AND ca."membershipId" = m."id"
                     AND ca."studentId" = ANY(${studentIds}::uuid[]) AND ca."endedAt" IS NULL))
    ORDER BY u."name", "userId"`;
}

/** What the probe forms need of a goal. */
export interface ProbeGoalView {
  id: string;
  planId: string;
  studentId: string;
  studentName: string;
  measureId: string;
  measure: Measure;
  /** yyyy-mm-dd: no probe before it. */
  planStartDate: string;
}

export function probeGoalView(goal: ProbeGoal): ProbeGoalView {
  return {
    id: goal.id,
    planId: goal.planId,
    studentId: goal.studentId,
    studentName: studentDisplayName(goal.student),
    measureId: goal.measureId,
    measure: measureOf(goal.measure),
    planStartDate: toIsoDay(goal.plan.startDate),
  };
}

/** Runs a page's transaction; a DeniedError from it is a 404 with its `denied` event (written after the rollback). */
async function orPageNotFound<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DeniedError) return pageNotFound(ctx, error.attempted as Action, error.target);
    throw error;
  }
}

/** What ProbeForm needs to enter a probe of one goal. */
export interface ProbeFormProps {
  goalId: string;
  /** The goal's measure as the form was rendered: a score typed for another is refused. */
  measureId: string;
  measure: Measure;
  /** yyyy-mm-dd: no probe before it. */
  planStartDate: string;
  /** yyyy-mm-dd, the server's day (UTC): the default date and the latest allowed. */
  today: string;
  /** Who may be named as having given it; the signed-in user first chosen. */
  givers: Giver[];
  currentUserId: string;
  /** A fresh key per rendered form: a repeat of its submission saves nothing twice. */
  clientKey: string;
}

/**
 * ProbeForm's props for a goal found with goalForProbesIn, or null when the
 * user may not enter its probes (probe.enter) or the goal takes none
 * (entryClosedMessage says why). Pages that show a goal embed the form and
 * let ProbeTable offer corrections when this is not null.
 */
export async function probeFormIn(tx: Tx, ctx: Ctx, goal: ProbeGoal): Promise<ProbeFormProps | null> {
  if (entryClosedMessage(goal)) return null;
  if (!can(ctx, "probe.enter", await goalReach(tx, ctx, "probe.enter", goal))) return null;
  return {
    goalId: goal.id,
    measureId: goal.measureId,
    measure: measureOf(goal.measure),
    planStartDate: toIsoDay(goal.plan.startDate),
    today: todayIso(),
    givers: await giversIn(tx, ctx, goal.planId, [goal.studentId]),
    currentUserId: ctx.userId,
    clientKey: randomUUID(),
  };
}

/**
 * The page that enters one probe of a goal (and lists its probes so far), or
 * 404 with a denied event. Audited as a view of the student's goal.
 */
export async function getGoalProbeEntry(ctx: Ctx, unverifiedGoalId: string) {
  await authorizePage(ctx, "probe.enter", { entityType: "Goal" });
  return orPageNotFound(ctx, () =>
    withTenant(ctx.districtId, async (tx) => {
      const goal = await goalForProbesIn(tx, ctx, unverifiedGoalId, "probe.enter");
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Goal", entityId: goal.id, studentId: goal.studentId, detail: { page: "probe entry" } });
      return {
        goal: probeGoalView(goal),
        probes: await probesOfGoalIn(tx, ctx.districtId, goal.id),
        form: await probeFormIn(tx, ctx, goal),
        closed: entryClosedMessage(goal),
      };
    }),
  );
}

/** One row of the group grid: a goal of a student of the plan, with its latest valid probe. */
export interface GridRow extends ProbeGoalView {
  last: { date: string; score: number } | null;
}

/** The latest valid probe of each goal. One query (DISTINCT ON over the goal/date index). */
async function latestProbesIn(tx: Tx, districtId: string, goalIds: readonly string[]) {
  if (goalIds.length === 0) return new Map<string, { date: string; score: number }>();
  const rows = await tx.$queryRaw<{ goalId: string; date: Date; score: number }[]>`
    SELECT DISTINCT ON (p."goalId") p."goalId"::text AS "goalId", p."date", p."score"
    FROM "Probe" p
    WHERE p."districtId" = ${districtId}::uuid AND p."goalId" = ANY(${goalIds}::uuid[]) AND p."invalidatedAt" IS NULL
    ORDER BY p."goalId", p."date" DESC, p."createdAt" DESC`;
  return new Map(rows.map((r) => [r.goalId, { date: toIsoDay(r.date), score: r.score }]));
}

/** What GroupProbeGrid needs: the plan's rows the user may enter, and the form's shared fields. */
export interface GroupGridProps extends Omit<ProbeFormProps, "goalId" | "measureId" | "measure"> {
  planId: string;
  rows: GridRow[];
}

/**
 * The group grid of a plan: one row per open goal whose student the user may
 * enter probes for, by student, or 404 with a denied event. Audited as a view
 * of each student listed. No grid for a completed or discontinued plan
 * (`closed` says why) or one without goals.
 */
export async function getGroupProbeEntry(ctx: Ctx, unverifiedPlanId: string) {
  await authorizePage(ctx, "probe.enter", { entityType: "InterventionPlan" });
  return orPageNotFound(ctx, () =>
    withTenant(ctx.districtId, async (tx) => {
      const { plan, goals } = await planGoalsForProbesIn(tx, ctx, unverifiedPlanId);
      const shown = goals.filter((g) => g.mayEnter);
      const studentIds = [...new Set(shown.map((g) => g.studentId))];
      await recordAudit(
        tx,
        ...studentIds.map((studentId) => ({
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "view" as const,
          entityType: "InterventionPlan",
          entityId: plan.id,
          studentId,
          detail: { page: "group probes" },
        })),
      );
      const latest = await latestProbesIn(tx, ctx.districtId, shown.map((g) => g.id));
      const rows: GridRow[] = shown.map((g) => ({ ...probeGoalView(g), last: latest.get(g.id) ?? null }));
      const closed = planClosedMessage(plan.status);
      const startDate = toIsoDay(plan.startDate);
      const grid: GroupGridProps | null =
        closed || rows.length === 0
          ? null
          : {
              planId: plan.id,
              planStartDate: startDate,
              rows,
              today: todayIso(),
              givers: await giversIn(tx, ctx, plan.id, plan.students.map((s) => s.studentId)),
              currentUserId: ctx.userId,
              clientKey: randomUUID(),
            };
      return { plan: { id: plan.id, name: planTitleOf(plan), startDate, closed }, grid };
    }),
  );
}
