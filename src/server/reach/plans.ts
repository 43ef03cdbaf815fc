import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { can, scopeOf, type Action, type Resource } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { AUTHOR_EDIT_DAYS } from "@/server/sessions/schemas";
import { reachedBySql, taughtBySql } from "./students";

// Who reaches a plan, a goal and a session (docs/decisions/010): the one
// place every page, route handler, server action and list asks.
//
// For a caseload-scoped grant (permissions.ts), a plan's students are reached
// - for writing (plan.write): by whoever reaches each of them (./students.ts:
//   their caseload, or another open plan they deliver), as plans and goals
//   are written for students one serves;
// - for anything else (viewing the plan, its sessions, goals and probes,
//   entering probes): by the plan's interventionists while it is open (draft
//   or active), and by whoever has the student on their current caseload.
//   A classroom teacher (decision 020) reaches it the same way when every
//   student is in a class they teach (their grants make that the daily
//   report cards only).
//   Completing or discontinuing a plan ends the interventionists' reach
//   through it (decision 006), and reaching a student through another plan
//   does not reach this one.
// A plan is reached when all its students are; a goal when its student is,
// on its plan; a session as its plan is now, for its author too.

type PlanAccess = "write" | "deliver";
const accessOf = (action: Action): PlanAccess => (action === "plan.write" ? "write" : "deliver");

/**
 * SQL condition on `"InterventionPlan" p`: the membership reaches the plan
 * for `action` (caseload scope): all its students, or only the one whose id
 * is the SQL expression `onlyStudent` (a goal's, a grid row's).
 */
export function planReachedBySql(membershipId: string, action: Action, onlyStudent?: Prisma.Sql): Prisma.Sql {
  const ofPlan = Prisma.sql`ps."districtId" = p."districtId" AND ps."planId" = p."id" ${onlyStudent ? Prisma.sql`AND ps."studentId" = ${onlyStudent}` : Prisma.empty}`;
  const hasStudents = Prisma.sql`EXISTS (SELECT 1 FROM "PlanStudent" ps WHERE ${ofPlan})`;
  if (accessOf(action) === "write") {
    return Prisma.sql`(${hasStudents} AND NOT EXISTS (
      SELECT 1 FROM "PlanStudent" ps JOIN "Student" s ON s."districtId" = ps."districtId" AND s."id" = ps."studentId"
      WHERE ${ofPlan} AND NOT ${reachedBySql(membershipId)}
    ))`;
  }
  return Prisma.sql`(
    (p."status" IN ('DRAFT', 'ACTIVE') AND ${hasStudents} AND EXISTS (
      SELECT 1 FROM "PlanInterventionist" pi WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" AND pi."membershipId" = ${membershipId}::uuid
    ))
    OR (${hasStudents} AND NOT EXISTS (
      SELECT 1 FROM "PlanStudent" ps
      WHERE ${ofPlan} AND NOT EXISTS (
        SELECT 1 FROM "CaseloadAssignment" ca
        WHERE ca."districtId" = ps."districtId" AND ca."studentId" = ps."studentId" AND ca."membershipId" = ${membershipId}::uuid AND ca."endedAt" IS NULL
      )
    ))
    OR (${hasStudents} AND NOT EXISTS (
      SELECT 1 FROM "PlanStudent" ps
      WHERE ${ofPlan} AND NOT ${taughtBySql(membershipId, Prisma.sql`ps."districtId"`, Prisma.sql`ps."studentId"`)}
    ))
  )`;
}

/**
 * SQL condition on `"InterventionPlan" p`: the plans the user may `action`
 * (every plan of the district, of their schools, or those they reach).
 */
export function plansInReachSql(ctx: Ctx, action: Action): Prisma.Sql {
  const scope = scopeOf(ctx.role, action);
  if (scope === "district") return Prisma.sql`TRUE`;
  if (scope === "school") return ctx.schoolIds.length ? Prisma.sql`p."schoolId" = ANY(${ctx.schoolIds}::uuid[])` : Prisma.sql`TRUE`;
  if (scope === "caseload") return planReachedBySql(ctx.membershipId, action);
  return Prisma.sql`FALSE`;
}

/** Whether the membership reaches the plan (or one student of it) with this access (planReachedBySql): one statement. */
async function reachesPlanIn(tx: Tx, ctx: Ctx, access: Action, planId: string, studentId?: string): Promise<boolean> {
  const only = studentId ? Prisma.sql`${studentId}::uuid` : undefined;
  const [row] = await tx.$queryRaw<{ reached: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "InterventionPlan" p
      WHERE p."districtId" = ${ctx.districtId}::uuid AND p."id" = ${planId}::uuid AND ${planReachedBySql(ctx.membershipId, access, only)}
    ) AS "reached"`;
  return row?.reached ?? false;
}

/** The access actions share, or an Error (a programming mistake: they need different answers). */
function sharedAccess(actions: readonly Action[]): Action {
  const first = actions[0]!;
  if (actions.some((a) => accessOf(a) !== accessOf(first))) throw new Error(`planReach: ${actions.join(", ")} do not share one access`);
  return first;
}

/**
 * A plan as the permission check sees it for `actions` (one, or several a
 * page checks at once): its school and, when one of them is a caseload-scoped
 * grant of the user's role, whether the user reaches it (planReachedBySql,
 * one statement; none otherwise, as can() never reads it). Actions checked
 * together must share their access (all plan.write, or none).
 */
export async function planReach(tx: Tx, ctx: Ctx, actions: Action | readonly Action[], plan: { id: string; schoolId: string }, studentId?: string): Promise<Resource> {
  const list = typeof actions === "string" ? [actions] : actions;
  const access = sharedAccess(list);
  const resource = { districtId: ctx.districtId, schoolId: plan.schoolId };
  if (!list.some((a) => scopeOf(ctx.role, a) === "caseload")) return resource;
  return { ...resource, caseloadUserIds: (await reachesPlanIn(tx, ctx, access, plan.id, studentId)) ? [ctx.userId] : [] };
}

/**
 * planReach for each student of a plan on their own (a group's rows: a goal
 * of each), by student id; students not on the plan are not in the map. One
 * statement for caseload-scoped grants, none otherwise.
 */
export async function planStudentsReach(tx: Tx, ctx: Ctx, actions: Action | readonly Action[], plan: { id: string; schoolId: string; studentIds: readonly string[] }): Promise<Map<string, Resource>> {
  const list = typeof actions === "string" ? [actions] : actions;
  const access = sharedAccess(list);
  const resource = { districtId: ctx.districtId, schoolId: plan.schoolId };
  if (!list.some((a) => scopeOf(ctx.role, a) === "caseload")) return new Map(plan.studentIds.map((id) => [id, resource]));
  const rows = await tx.$queryRaw<{ studentId: string; reached: boolean }[]>`
    SELECT ps0."studentId"::text AS "studentId", EXISTS (
      SELECT 1 FROM "InterventionPlan" p
      WHERE p."districtId" = ps0."districtId" AND p."id" = ps0."planId" AND ${planReachedBySql(ctx.membershipId, access, Prisma.sql`ps0."studentId"`)}
    ) AS "reached"
    FROM "PlanStudent" ps0
    WHERE ps0."districtId" = ${ctx.districtId}::uuid AND ps0."planId" = ${plan.id}::uuid`;
  return new Map(rows.map((r) => [r.studentId, { ...resource, caseloadUserIds: r.reached ? [ctx.userId] : [] }]));
}

/** A goal is reached through its plan for its student, never through the student's other plans (for reading). */
export function goalReach(tx: Tx, ctx: Ctx, actions: Action | readonly Action[], goal: { planId: string; studentId: string; plan: { schoolId: string } }): Promise<Resource> {
  return planReach(tx, ctx, actions, { id: goal.planId, schoolId: goal.plan.schoolId }, goal.studentId);
}

export type EditRight = "any" | "author" | "expired" | null;

/**
 * Who may edit a session, given its plan as planReach sees it for
 * session.log: coordinators (session.editAny for the plan's school) always;
 * its author for AUTHOR_EDIT_DAYS days after logging it while they still
 * reach the plan (removed from it, or the plan ended: no longer).
 */
export function editRightOf(ctx: Ctx, session: { loggedByUserId: string; createdAt: Date }, logReach: Resource, now = new Date()): EditRight {
  if (can(ctx, "session.editAny", { districtId: logReach.districtId, schoolId: logReach.schoolId })) return "any";
  if (session.loggedByUserId !== ctx.userId || !can(ctx, "session.log", logReach)) return null;
  return now.getTime() - session.createdAt.getTime() <= AUTHOR_EDIT_DAYS * 86_400_000 ? "author" : "expired";
}

/**
 * A session as the permission checks see it: its plan's reach now for
 * session.view and session.log (planReach) and who may edit it (editRightOf).
 */
export async function sessionReach(tx: Tx, ctx: Ctx, session: { loggedByUserId: string; createdAt: Date }, plan: { id: string; schoolId: string }) {
  const reach = await planReach(tx, ctx, SESSION_ACTIONS, plan);
  return { view: can(ctx, "session.view", reach), edit: editRightOf(ctx, session, reach), reach };
}

/** What a page about a plan's sessions checks with sessionReach's one answer. */
export const SESSION_ACTIONS = ["session.view", "session.log"] as const satisfies readonly Action[];
