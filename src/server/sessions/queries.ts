import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import {
  addDays,
  daysNotPlanned,
  isoWeekday,
  lastFourWeeks,
  minutesReceived,
  planDosage,
  emptyTotals,
  notPlanned,
  studentDosage,
  studentTotalsIn,
  summarizePeriod,
  weekStart,
  type DosagePhase,
  type DosagePlan,
  type DosageSummary,
  type AttendanceRecord,
  type Period,
  type PeriodSummary,
  type SessionRecord,
  type StudentSessionRecord,
  type Thresholds,
  type Totals,
} from "@/domain/dosage";
import { can, type Action } from "@/domain/permissions";
import { missedThisWeek, nextScheduled } from "@/domain/today";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { listNames, STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { schoolOptionsIn } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { editRightOf, planReach, SESSION_ACTIONS, sessionReach, studentReach } from "@/server/reach";
import { openGoalsForProbesIn, probeGoalView, probesOfSubmissionIn, type ProbeGoalView } from "@/server/probes/queries";
import { districtSettingsIn } from "@/server/settings/queries";
import { AREA_LABEL, type InterventionArea } from "@/server/tiers/schemas";
import { todayIso } from "@/server/students/schemas";
import { toCsv } from "@/server/csv";
import { ATTENDANCE_LABEL, SESSION_STATUS_LABEL, ZServiceLogRange, type AttendanceStatus, type SessionStatus } from "./schemas";
import { firstParam, pageKey, readQuery, type SearchParams } from "@/server/search-params";

const dayDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------
// Plans as sessions see them

export interface PlanBrief {
  id: string;
  schoolId: string;
  schoolName: string;
  /** The library intervention's name, or the custom intervention's. */
  title: string;
  area: InterventionArea;
  status: "DRAFT" | "ACTIVE" | "COMPLETED" | "DISCONTINUED";
  interventionId: string | null;
  minutesPerSession: number;
  sessionsPerWeek: number;
  scheduleDays: number[];
  scheduleTime: string | null;
  startDate: string;
  endDate: string | null;
  /** In family-name order. */
  students: { id: string; name: string }[];
  /** Who delivers it, by name. */
  interventionists: string[];
}

/** The title of a plan row `p` with its intervention `i` (LEFT JOINed). */
const TITLE_SQL = Prisma.sql`coalesce(i."name", p."customIntervention", 'Intervention')`;

/**
 * The plans of the district that meet a condition on `p`, as briefs with
 * their school, intervention and students' names, in one query.
 */
async function planBriefs(tx: Tx, districtId: string, condition: Prisma.Sql): Promise<PlanBrief[]> {
  const rows = await tx.$queryRaw<(Omit<PlanBrief, "students"> & { students: { id: string; preferredName: string | null; legalFirstName: string; legalLastName: string }[] })[]>`
    SELECT p."id"::text AS "id", p."schoolId"::text AS "schoolId", sc."name" AS "schoolName", ${TITLE_SQL} AS "title",
           p."area"::text AS "area", p."status"::text AS "status", p."interventionId"::text AS "interventionId",
           p."minutesPerSession", p."sessionsPerWeek", p."scheduleDays", p."scheduleTime",
           to_char(p."startDate", 'YYYY-MM-DD') AS "startDate", to_char(p."endDate", 'YYYY-MM-DD') AS "endDate",
           coalesce((SELECT json_agg(json_build_object('id', st."id", 'preferredName', st."preferredName", 'legalFirstName', st."legalFirstName", 'legalLastName', st."legalLastName")
                                 ORDER BY st."legalLastName", st."legalFirstName", st."id")
                     FROM "PlanStudent" ps JOIN "Student" st ON st."districtId" = ps."districtId" AND st."id" = ps."studentId"
                     WHERE ps."districtId" = p."districtId" AND ps."planId" = p."id"), '[]'::json) AS "students",
           ARRAY(SELECT u."name" FROM "PlanInterventionist" pi
                   JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
                   JOIN "User" u ON u."id" = m."userId"
                 WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" ORDER BY u."name") AS "interventionists"
    FROM "InterventionPlan" p
    JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"
    LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
    WHERE p."districtId" = ${districtId}::uuid AND ${condition}`;
  return rows.map((r) => ({ ...r, scheduleDays: [...r.scheduleDays].sort(), students: r.students.map((st) => ({ id: st.id, name: studentDisplayName(st) })) }));
}

/** The user's active plans (those they deliver), optionally only one of them. */
const deliveredBy = (ctx: Ctx, planId?: string) =>
  Prisma.sql`p."status" = 'ACTIVE' ${planId ? Prisma.sql`AND p."id" = ${planId}::uuid` : Prisma.empty}
    AND EXISTS (SELECT 1 FROM "PlanInterventionist" pi WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" AND pi."membershipId" = ${ctx.membershipId}::uuid)`;

/** "Maya Johnson" or "Maya Johnson, Leo Park and Ana Ruiz": who a plan is for. */
export const studentsLabel = (plan: Pick<PlanBrief, "students">) => listNames(plan.students.map((s) => s.name));

/**
 * An ACTIVE plan the signed-in user delivers (a PlanInterventionist row for
 * their membership), or DeniedError: nobody else logs its sessions, whatever
 * their role.
 */
export async function deliveredPlanIn(tx: Tx, ctx: Ctx, unverifiedPlanId: string, action: Action): Promise<PlanBrief> {
  const target = { entityType: "InterventionPlan", entityId: unverifiedPlanId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedPlanId);
  if (!id.success) throw new DeniedError(action, target);
  const [plan] = await planBriefs(tx, ctx.districtId, deliveredBy(ctx, id.data));
  // Delivering the plan is what puts its students in the user's reach (reachOf).
  if (!plan || !can(ctx, action, { districtId: ctx.districtId, schoolId: plan.schoolId, caseloadUserIds: [ctx.userId] })) {
    throw new DeniedError(action, target);
  }
  return plan;
}

type Phase = DosagePhase & { interventionId: string | null; components: number };

/** The number of active components of the intervention of a plan phase `pp` (what a session in it is expected to deliver). */
const PHASE_COMPONENTS_SQL = Prisma.sql`(SELECT count(*) FROM "InterventionComponent" c
  WHERE c."districtId" = pp."districtId" AND c."interventionId" = pp."interventionId" AND c."retiredAt" IS NULL)`;

/** Phases of some plans with the number of active components of each phase's intervention. */
async function phasesOf(tx: Tx, districtId: string, planIds: readonly string[]) {
  const out = new Map<string, Phase[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return out;
  // IN (SELECT unnest(...)) rather than = ANY(...): a semi-join, not a scan of the id list for every row.
  const rows = await tx.$queryRaw<(Phase & { planId: string })[]>`
    SELECT pp."planId"::text AS "planId", to_char(pp."startDate", 'YYYY-MM-DD') AS "startDate", pp."sessionsPerWeek", pp."minutesPerSession",
           pp."interventionId"::text AS "interventionId", ${PHASE_COMPONENTS_SQL}::int AS "components"
    FROM "PlanPhase" pp
    WHERE pp."districtId" = ${districtId}::uuid AND pp."planId" IN (SELECT unnest(${planIds}::uuid[]))
    ORDER BY pp."planId", pp."startDate", pp."number"`;
  for (const { planId, ...phase } of rows) out.get(planId)?.push(phase);
  return out;
}

/** The phase in effect on a day: the latest that started on or before it (the first, for a day before them all). */
function phaseOn<P extends { startDate: string }>(phases: readonly P[], date: string): P | undefined {
  let found = phases[0];
  for (const p of phases) if (p.startDate <= date) found = p;
  return found;
}

/** A plan's fields the dosage arithmetic reads (dates as "yyyy-mm-dd"). */
export type DosagePlanFields = Pick<PlanBrief, "startDate" | "endDate" | "scheduleDays" | "sessionsPerWeek" | "minutesPerSession">;

/** What the dosage arithmetic needs of a plan; a plan with no phase row counts with its own dosage. */
export function dosagePlanOf(plan: DosagePlanFields, phases: readonly DosagePhase[]): DosagePlan {
  return {
    startDate: plan.startDate,
    endDate: plan.endDate,
    scheduleDays: plan.scheduleDays,
    phases: phases.length ? phases : [{ startDate: plan.startDate, sessionsPerWeek: plan.sessionsPerWeek, minutesPerSession: plan.minutesPerSession }],
  };
}

/** The district's dosage and fidelity thresholds (its settings, or the defaults). */
async function thresholdsOf(tx: Tx, districtId: string): Promise<Thresholds> {
  const s = await districtSettingsIn(tx, districtId);
  return { dosage: s.dosageThreshold, fidelity: s.fidelityThreshold };
}

type LoggedSession = SessionRecord & { id: string };

/**
 * Attendance rows `alias` of a session that is not voided. Every figure that
 * counts sessions or attendance leaves voided sessions out (a session logged
 * by mistake was never delivered); the rows themselves stay as history.
 */
const notVoided = (alias: string) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM "InterventionSession" v WHERE v."districtId" = ${Prisma.raw(alias)}."districtId" AND v."id" = ${Prisma.raw(alias)}."sessionId" AND v."voidedAt" IS NOT NULL)`;

/** What the dosage arithmetic reads of one plan: its phases, its logged sessions (oldest first) and their attendance rows. */
interface PlanDelivery {
  phases: Phase[];
  sessions: LoggedSession[];
  /** Attendance rows (of one student, when asked for) by session id and then student id. */
  attendance: Map<string, Map<string, AttendanceRecord>>;
}

/**
 * The phases and logged sessions of some plans (from a day on, when given),
 * as the dosage arithmetic reads them: each session with the students offered
 * it and attending, the components delivered (as logged) and expected of it
 * (the active components of the phase's intervention), and its attendance
 * rows (one student's, when `studentId` is given).
 *
 * ONE statement for any number of plans, one row per plan with its phases
 * and sessions as JSON: the three reads it replaces (phases, sessions,
 * attendance) cost more in per-statement overhead than in rows (decision
 * 007). Driven by the (districtId, planId, date) indexes of sessions and
 * attendance.
 */
async function deliveryOf(tx: Tx, districtId: string, planIds: readonly string[], opts: { from?: string; studentId?: string } = {}): Promise<Map<string, PlanDelivery>> {
  const out = new Map<string, PlanDelivery>(planIds.map((id) => [id, { phases: [], sessions: [], attendance: new Map() }]));
  if (planIds.length === 0) return out;
  const { from, studentId } = opts;
  const since = (alias: string) => (from ? Prisma.sql`AND ${Prisma.raw(alias)}."date" >= ${from}::date` : Prisma.empty);
  const rows = await tx.$queryRaw<{ planId: string; phases: string; sessions: string }[]>`
    WITH a AS MATERIALIZED (
      SELECT a."sessionId", count(*)::int AS "offered", (count(*) FILTER (WHERE a."status" <> 'ABSENT'))::int AS "attended",
             json_agg(json_build_array(a."studentId", a."status", a."minutes"))${studentId ? Prisma.sql` FILTER (WHERE a."studentId" = ${studentId}::uuid)` : Prisma.empty} AS "rows"
      FROM "SessionAttendance" a
      WHERE a."districtId" = ${districtId}::uuid AND a."planId" = ANY(${planIds}::uuid[]) ${since("a")}
      GROUP BY a."sessionId"
    )
    SELECT p."id"::text AS "planId",
           (SELECT coalesce(json_agg(json_build_array(to_char(pp."startDate", 'YYYY-MM-DD'), pp."sessionsPerWeek", pp."minutesPerSession", pp."interventionId", ${PHASE_COMPONENTS_SQL})
                    ORDER BY pp."startDate", pp."number"), '[]')::text
            FROM "PlanPhase" pp WHERE pp."districtId" = ${districtId}::uuid AND pp."planId" = p."id") AS "phases",
           (SELECT coalesce(json_agg(json_build_array(s."id", to_char(s."date", 'YYYY-MM-DD'), s."status", s."minutes", s."componentsDelivered",
                      coalesce(a."offered", 0), coalesce(a."attended", 0), a."rows")
                    ORDER BY s."date", s."createdAt", s."id"), '[]')::text
            -- A voided session's attendance rows are left out with it, by this join.
            FROM "InterventionSession" s LEFT JOIN a ON a."sessionId" = s."id"
            WHERE s."districtId" = ${districtId}::uuid AND s."planId" = p."id" AND s."voidedAt" IS NULL ${since("s")}) AS "sessions"
    FROM unnest(${planIds}::uuid[]) AS p("id")`;
  type PhaseJson = [string, number, number, string | null, number];
  type SessionJson = [string, string, SessionStatus, number | null, number, number, number, [string, AttendanceStatus, number | null][] | null];
  for (const r of rows) {
    const phases = (JSON.parse(r.phases) as PhaseJson[]).map(([startDate, sessionsPerWeek, minutesPerSession, interventionId, components]): Phase => ({
      startDate,
      sessionsPerWeek,
      minutesPerSession,
      interventionId,
      components,
    }));
    const attendance = new Map<string, Map<string, AttendanceRecord>>();
    const sessions = (JSON.parse(r.sessions) as SessionJson[]).map(([id, date, status, minutes, delivered, offered, attended, rows]): LoggedSession => {
      if (rows?.length) attendance.set(id, new Map(rows.map(([student, status, minutes]) => [student, { status, minutes }])));
      return { id, date, status, minutes, componentsExpected: phaseOn(phases, date)?.components ?? 0, componentsDelivered: delivered, offered, attended };
    });
    out.set(r.planId, { phases, sessions, attendance });
  }
  return out;
}

/**
 * Delivered totals of some plans over one period, summed in SQL (the
 * oversight reads every active plan of a school): the sums planTotalsIn makes
 * from session records, with the fidelity cap per plan instead of per
 * session (logging never ticks more components than a session expects), and
 * the days not to plan (daysNotPlanned). Plans with no session in the period
 * are left out (nothing delivered).
 */
async function periodTotalsOf(tx: Tx, districtId: string, phases: Map<string, Phase[]>, period: Period, today: string) {
  const planIds = [...phases.keys()];
  const out = new Map<string, { totals: Totals; notPlanned: Set<string> }>();
  if (planIds.length === 0) return out;
  const rows = await tx.$queryRaw<{ planId: string; held: number; minutes: number; delivered: number; heldDates: string[]; closedDates: string[]; loggedToday: boolean; offered: number; attended: number }[]>`
    WITH a AS (
      SELECT a."planId", count(*)::int AS "offered", (count(*) FILTER (WHERE a."status" <> 'ABSENT'))::int AS "attended"
      FROM "SessionAttendance" a
      WHERE a."districtId" = ${districtId}::uuid AND a."planId" = ANY(${planIds}::uuid[]) AND a."date" BETWEEN ${period.from}::date AND ${period.to}::date
        AND ${notVoided("a")}
      GROUP BY a."planId"
    )
    SELECT s."planId"::text AS "planId",
           (count(*) FILTER (WHERE s."status" = 'HELD'))::int AS "held",
           coalesce(sum(s."minutes") FILTER (WHERE s."status" = 'HELD'), 0)::int AS "minutes",
           coalesce(sum(s."componentsDelivered") FILTER (WHERE s."status" = 'HELD'), 0)::int AS "delivered",
           coalesce(array_agg(to_char(s."date", 'YYYY-MM-DD')) FILTER (WHERE s."status" = 'HELD'), '{}') AS "heldDates",
           coalesce(array_agg(to_char(s."date", 'YYYY-MM-DD')) FILTER (WHERE s."status" = 'SCHOOL_CLOSED'), '{}') AS "closedDates",
           bool_or(s."date" = ${today}::date) AS "loggedToday",
           coalesce(min(a."offered"), 0) AS "offered", coalesce(min(a."attended"), 0) AS "attended"
    FROM "InterventionSession" s
    LEFT JOIN a ON a."planId" = s."planId"
    WHERE s."districtId" = ${districtId}::uuid AND s."planId" = ANY(${planIds}::uuid[]) AND s."date" BETWEEN ${period.from}::date AND ${period.to}::date
      AND s."voidedAt" IS NULL
    GROUP BY s."planId"`;
  for (const r of rows) {
    const expected = r.heldDates.reduce((n, date) => n + (phaseOn(phases.get(r.planId) ?? [], date)?.components ?? 0), 0);
    out.set(r.planId, {
      totals: {
        delivered: { sessions: r.held, minutes: r.minutes },
        offered: r.offered,
        attended: r.attended,
        componentsExpected: expected,
        componentsDelivered: Math.min(r.delivered, expected),
      },
      notPlanned: notPlanned(r.closedDates, r.loggedToday, today),
    });
  }
  return out;
}

/** A plan's sessions as one student had them. */
const asStudent = (sessions: readonly LoggedSession[], attendance: Map<string, Map<string, AttendanceRecord>>, studentId: string): StudentSessionRecord[] =>
  sessions.map((s) => ({ ...s, attendance: attendance.get(s.id)?.get(studentId) ?? null }));

/** Briefs of some plans by id (in no particular order). */
export async function planBriefsIn(tx: Tx, districtId: string, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return planBriefs(tx, districtId, Prisma.sql`p."id" = ANY(${planIds}::uuid[])`);
}

export interface PlanDosage {
  plan: PlanBrief;
  summary: DosageSummary;
  /** Each student's own figures, for a group plan. */
  students: { id: string; name: string; summary: DosageSummary }[];
}

/**
 * Planned vs delivered dosage, attendance and fidelity of some plans (the
 * plan page's summary), with each student's figures for group plans. Two
 * statements (delivery, thresholds) for any number of plans, whose briefs
 * the caller has already read (its page shows them); the caller has
 * authorized session.view.
 */
export async function planDosageIn(tx: Tx, districtId: string, plans: readonly PlanBrief[], today = todayIso()): Promise<Map<string, PlanDosage>> {
  const delivery = await deliveryOf(tx, districtId, plans.map((p) => p.id));
  const thresholds = await thresholdsOf(tx, districtId);
  const out = new Map<string, PlanDosage>();
  for (const plan of plans) {
    const { phases, sessions, attendance } = delivery.get(plan.id)!;
    const dosagePlan = dosagePlanOf(plan, phases);
    out.set(plan.id, {
      plan,
      summary: planDosage(dosagePlan, sessions, today, thresholds),
      students:
        plan.students.length > 1
          ? plan.students.map((s) => ({ ...s, summary: studentDosage(dosagePlan, asStudent(sessions, attendance, s.id), today, thresholds) }))
          : [],
    });
  }
  return out;
}

/**
 * One student's delivery on all their started plans, as studentDosageIn read it in a transaction, for a later
 * studentDosageInPeriodsIn of the same student in the same transaction (a read-only page; nothing in between logs
 * sessions). Keyed by the transaction, so it ends with it.
 */
const deliveryOfTx = new WeakMap<Tx, { districtId: string; studentId: string; delivery: Map<string, PlanDelivery> }>();

/**
 * One student's dosage on each of their plans that has started (active or
 * ended; not drafts), newest first, for the profile. The caller has
 * authorized session.view for the student.
 */
export async function studentDosageIn(tx: Tx, districtId: string, studentId: string, today = todayIso()) {
  // The student's started plans in one statement (their PlanStudent rows as a condition), newest start first.
  const plans = (
    await planBriefs(
      tx,
      districtId,
      Prisma.sql`p."status" <> 'DRAFT' AND EXISTS (SELECT 1 FROM "PlanStudent" ps WHERE ps."districtId" = p."districtId" AND ps."planId" = p."id" AND ps."studentId" = ${studentId}::uuid)`,
    )
  ).sort((a, b) => b.startDate.localeCompare(a.startDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const delivery = await deliveryOf(tx, districtId, plans.map((p) => p.id), { studentId });
  deliveryOfTx.set(tx, { districtId, studentId, delivery });
  const thresholds = await thresholdsOf(tx, districtId);
  return plans.map((plan) => {
    const { phases, sessions, attendance } = delivery.get(plan.id)!;
    return { plan, summary: studentDosage(dosagePlanOf(plan, phases), asStudent(sessions, attendance, studentId), today, thresholds) };
  });
}

/**
 * One student's planned vs delivered dosage and fidelity on one plan in one
 * period (the goal page judges delivery over the period its decision rules
 * judge), from the plan's dosage fields the caller has read. Two statements
 * (the delivery from the period's first day, the thresholds); the caller has
 * authorized the student.
 */
export async function studentDosageInPeriod(tx: Tx, districtId: string, plan: DosagePlanFields & { id: string }, studentId: string, period: Period): Promise<PeriodSummary> {
  const { phases, sessions: logged, attendance } = (await deliveryOf(tx, districtId, [plan.id], { from: period.from, studentId })).get(plan.id)!;
  const sessions = asStudent(logged, attendance, studentId);
  return summarizePeriod(dosagePlanOf(plan, phases), studentTotalsIn(sessions, period), period, daysNotPlanned(sessions, todayIso()), await thresholdsOf(tx, districtId));
}

/**
 * studentDosageInPeriod for several plans and periods of one student (the
 * profile's case at a glance judges each goal's delivery as its goal page
 * does): two statements whatever their number, the delivery read once from
 * the earliest period's first day. Summaries in the order asked.
 */
export async function studentDosageInPeriodsIn(
  tx: Tx,
  districtId: string,
  studentId: string,
  requests: readonly { plan: DosagePlanFields & { id: string }; period: Period }[],
): Promise<PeriodSummary[]> {
  if (requests.length === 0) return [];
  const from = requests.map((r) => r.period.from).reduce((a, b) => (a < b ? a : b));
  const planIds = [...new Set(requests.map((r) => r.plan.id))];
  // Every session since each plan's start, already read in this transaction by studentDosageIn (the referral
  // packet shows both), holds the periods' sessions: the arithmetic reads only those inside each period.
  const known = deliveryOfTx.get(tx);
  const delivery =
    known?.districtId === districtId && known.studentId === studentId && planIds.every((id) => known.delivery.has(id))
      ? known.delivery
      : await deliveryOf(tx, districtId, planIds, { from, studentId });
  const thresholds = await thresholdsOf(tx, districtId);
  const today = todayIso();
  return requests.map(({ plan, period }) => {
    const { phases, sessions: logged, attendance } = delivery.get(plan.id)!;
    const sessions = asStudent(logged, attendance, studentId);
    return summarizePeriod(dosagePlanOf(plan, phases), studentTotalsIn(sessions, period), period, daysNotPlanned(sessions, today), thresholds);
  });
}

// ---------------------------------------------------------------------------
// Today

export interface TodayPlan extends PlanBrief {
  scheduledToday: boolean;
  /** Sessions already logged for today. */
  logged: { id: string; status: SessionStatus }[];
}

/** A scheduled session of an earlier school day this week with nothing logged for it. */
export interface MissedSessionView {
  planId: string;
  title: string;
  students: string;
  /** yyyy-mm-dd. */
  date: string;
  weekday: number;
  scheduleTime: string | null;
}

/**
 * The /sessions page: the user's active plans, those scheduled today (by
 * weekday) first in order of their time, each with the sessions already
 * logged today; the scheduled sessions of earlier school days this week that
 * nobody logged (any session on that day for the plan counts, whoever logged
 * it); and, when nothing meets today, the next day something does. A
 * just-logged session (?logged=) is confirmed when it is the user's own.
 * The week's sessions come in the same one query as today's.
 */
export async function getToday(ctx: Ctx, params: SearchParams = {}) {
  await authorizePage(ctx, "session.log", { entityType: "InterventionSession" });
  const today = todayIso();
  const weekday = isoWeekday(today);
  const loggedId = z.uuid().safeParse(firstParam(params.logged));
  return withTenant(ctx.districtId, async (tx) => {
    const plans = await planBriefs(tx, ctx.districtId, deliveredBy(ctx));
    const monday = addDays(today, 1 - weekday);
    const week = plans.length
      ? await tx.interventionSession.findMany({
          // Voided sessions were logged by mistake: they neither count for today nor make an earlier day logged.
          where: { districtId: ctx.districtId, planId: { in: plans.map((p) => p.id) }, date: { gte: dayDate(monday), lte: dayDate(today) }, voidedAt: null },
          select: { id: true, planId: true, status: true, date: true },
          orderBy: { createdAt: "asc" },
        })
      : [];
    const logged = week.filter((s) => isoOf(s.date) === today);
    const missed = missedThisWeek(plans, new Set(week.map((s) => `${s.planId}/${isoOf(s.date)}`)), today).map(
      (m): MissedSessionView => ({ planId: m.planId, title: m.plan.title, students: studentsLabel(m.plan), date: m.date, weekday: m.weekday, scheduleTime: m.plan.scheduleTime }),
    );
    const just = loggedId.success
      ? await tx.interventionSession.findFirst({
          where: { id: loggedId.data, districtId: ctx.districtId, loggedByUserId: ctx.userId, planId: { in: plans.map((p) => p.id) } },
          select: { id: true, date: true, status: true, planId: true, clientKey: true },
        })
      : null;
    const byTime = (a: TodayPlan, b: TodayPlan) =>
      Number(b.scheduledToday) - Number(a.scheduledToday) || (a.scheduleTime ?? "99").localeCompare(b.scheduleTime ?? "99") || a.title.localeCompare(b.title);
    const todayPlans = plans
      .map((p): TodayPlan => ({ ...p, scheduledToday: p.scheduleDays.includes(weekday), logged: logged.filter((s) => s.planId === p.id).map(({ id, status }) => ({ id, status })) }))
      .sort(byTime);
    const next = todayPlans.some((p) => p.scheduledToday) ? null : nextScheduled(plans, today);
    return {
      today,
      plans: todayPlans,
      missed,
      next: next ? { date: next.date, weekday: next.weekday, plans: next.plans.map((p) => ({ id: p.id, title: p.title, students: studentsLabel(p), scheduleTime: p.scheduleTime })) } : null,
      justLogged: just
        ? {
            id: just.id,
            date: isoOf(just.date),
            status: just.status,
            planId: just.planId,
            title: plans.find((p) => p.id === just.planId)!.title,
            probes: await probesOfSubmissionIn(tx, ctx.districtId, just.clientKey, just.planId),
          }
        : null,
    };
  });
}

// ---------------------------------------------------------------------------
// The log and edit forms

/** The active components of the intervention in force on a day (none for a custom intervention). */
export async function componentsOn(tx: Tx, districtId: string, planId: string, date: string) {
  const phases = (await phasesOf(tx, districtId, [planId])).get(planId) ?? [];
  const interventionId = phaseOn(phases, date)?.interventionId ?? null;
  if (!interventionId) return [];
  return tx.interventionComponent.findMany({
    where: { districtId, interventionId, retiredAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, label: true },
  });
}

/** A day from the browser for a form's default: a real day from the plan's start to today, else today. */
function formDay(unverified: string | undefined, startDate: string, today: string): string {
  const parsed = z.iso.date().safeParse(unverified);
  return parsed.success && parsed.data <= today && parsed.data >= startDate ? parsed.data : today;
}

/**
 * The goals a session's probe scores may be entered for: the plan's open
 * goals of its current students, each with whether the user may enter that
 * student's probes (probe.enter, as the probe pages check it).
 */
export async function sessionProbeGoalsIn(tx: Tx, ctx: Ctx, plan: Pick<PlanBrief, "id" | "schoolId" | "students">) {
  const studentIds = plan.students.map((s) => s.id);
  const { goals } = await openGoalsForProbesIn(tx, ctx, { id: plan.id, schoolId: plan.schoolId, studentIds });
  return goals.filter((g) => studentIds.includes(g.studentId));
}

/**
 * /sessions/new/[planId]: the plan (one the user delivers, active), its
 * students, the components of the intervention and the goals whose probes
 * the user may enter with the session, with a fresh client key that the form
 * sends with every retry. Audited as a view of each of the plan's students.
 */
export async function getLogSessionForm(ctx: Ctx, unverifiedPlanId: string, params: SearchParams = {}) {
  await authorizePage(ctx, "session.log", { entityType: "InterventionSession" });
  const today = todayIso();
  try {
    return await withTenant(ctx.districtId, async (tx) => {
      const plan = await deliveredPlanIn(tx, ctx, unverifiedPlanId, "session.log");
      const date = formDay(firstParam(params.date), plan.startDate, today);
      const probeGoals: ProbeGoalView[] = (await sessionProbeGoalsIn(tx, ctx, plan)).filter((g) => g.mayEnter).map(probeGoalView);
      // The form shows the plan's students and their goals: a view of each student's record.
      await recordAudit(tx, ...plan.students.map((s) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "InterventionPlan", entityId: plan.id, studentId: s.id, detail: { page: "log session" } })));
      return { plan, date, today, components: await componentsOn(tx, ctx.districtId, plan.id, date), probeGoals, clientKey: randomUUID() };
    });
  } catch (error) {
    if (error instanceof DeniedError) return pageNotFound(ctx, "session.log", error.target);
    throw error;
  }
}

const SESSION_SELECT = {
  id: true,
  planId: true,
  date: true,
  startTime: true,
  minutes: true,
  status: true,
  note: true,
  loggedByUserId: true,
  clientKey: true,
  version: true,
  createdAt: true,
  voidedAt: true,
  voidedByUserId: true,
  voidReason: true,
  attendance: { select: { studentId: true, status: true, minutes: true } },
  components: { select: { componentId: true } },
} satisfies Prisma.InterventionSessionSelect;
export type SessionRow = Prisma.InterventionSessionGetPayload<{ select: typeof SESSION_SELECT }>;

/**
 * The sessions of a plan logged for a day that are not voided, with who
 * logged them (the duplicate check names them).
 */
export async function sameDaySessionsIn(tx: Tx, districtId: string, planId: string, date: string) {
  return tx.$queryRaw<{ id: string; status: SessionStatus; userId: string; loggedBy: string }[]>`
    SELECT s."id"::text AS "id", s."status"::text AS "status", u."id"::text AS "userId", u."name" AS "loggedBy"
    FROM "InterventionSession" s JOIN "User" u ON u."id" = s."loggedByUserId"
    WHERE s."districtId" = ${districtId}::uuid AND s."planId" = ${planId}::uuid AND s."date" = ${date}::date AND s."voidedAt" IS NULL
    ORDER BY s."createdAt", s."id"`;
}

/** A session and its plan, or null (unknown id, another district's). */
export async function sessionWithPlanIn(tx: Tx, districtId: string, sessionId: string) {
  const session = await tx.interventionSession.findFirst({ where: { id: sessionId, districtId }, select: SESSION_SELECT });
  if (!session) return null;
  const [plan] = await planBriefsIn(tx, districtId, [session.planId]);
  return plan ? { session, plan } : null;
}

/**
 * /sessions/[sessionId]/edit: the session with its plan's students and
 * components, for someone who may edit it; its author after the edit window
 * gets it with right "expired" (the page says why it cannot be changed).
 * Anyone else: 404 and a denied audit event. Opening it is a view of the
 * students' session record.
 */
export async function getSessionForEdit(ctx: Ctx, unverifiedSessionId: string) {
  await authorizePage(ctx, "session.view", { entityType: "InterventionSession" });
  const target = { entityType: "InterventionSession", entityId: unverifiedSessionId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedSessionId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const row = await sessionWithPlanIn(tx, ctx.districtId, id.data);
        if (!row) return null;
        const { edit: right } = await sessionReach(tx, ctx, row.session, row.plan);
        if (!right) return null;
        await recordAudit(tx, ...row.plan.students.map((s) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "InterventionSession", entityId: row.session.id, studentId: s.id, detail: { page: "edit session" } })));
        const components = await componentsOn(tx, ctx.districtId, row.plan.id, isoOf(row.session.date));
        const probes = await probesOfSubmissionIn(tx, ctx.districtId, row.session.clientKey, row.plan.id);
        return { ...row, right, components, probes };
      })
    : null;
  if (!found) return pageNotFound(ctx, "session.editAny", target);
  const { session, plan, right, components, probes } = found;
  return {
    right,
    plan,
    components,
    /** Saved with the session when it was logged; corrected on their goal's probe page, not here. */
    probes,
    today: todayIso(),
    session: {
      id: session.id,
      date: isoOf(session.date),
      startTime: session.startTime,
      minutes: session.minutes,
      status: session.status,
      note: session.note,
      version: session.version,
      attendance: session.attendance,
      componentIds: session.components.map((c) => c.componentId),
      voided: session.voidedAt !== null,
    },
  };
}

// ---------------------------------------------------------------------------
// A plan's logged sessions

export const SESSION_PAGE_SIZE = 25;

/**
 * /plans/[planId]/sessions: one page of a plan's sessions, newest first, with
 * attendance, components delivered, the note, who logged it and whether the
 * user may edit it, and the plan's dosage summary. 404 (and a denied audit
 * event) for a plan outside the user's session.view reach. Audited as a view
 * for each of the plan's students.
 */
export async function getPlanSessions(ctx: Ctx, unverifiedPlanId: string, params: SearchParams = {}) {
  await authorizePage(ctx, "session.view", { entityType: "InterventionSession" });
  const target = { entityType: "InterventionPlan", entityId: unverifiedPlanId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedPlanId);
  // The page number is the one filter here: a malformed one is reported (issue 21), not silently the first page.
  const { values: query, notUnderstood } = readQuery({ page: pageKey }, params);
  const page = query.page;
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const [plan] = await planBriefsIn(tx, ctx.districtId, [id.data]);
        if (!plan) return null;
        // The plan's reach now (decision 006): an ended plan no longer shows its sessions to those who delivered it.
        const reach = await planReach(tx, ctx, SESSION_ACTIONS, plan);
        if (!can(ctx, "session.view", reach)) return null;
        const where = { districtId: ctx.districtId, planId: plan.id };
        const total = await tx.interventionSession.count({ where });
        const pageCount = Math.max(1, Math.ceil(total / SESSION_PAGE_SIZE));
        const shown = Math.min(page, pageCount);
        const rows = await tx.interventionSession.findMany({
          where,
          orderBy: [{ date: "desc" }, { createdAt: "desc" }, { id: "desc" }],
          skip: (shown - 1) * SESSION_PAGE_SIZE,
          take: SESSION_PAGE_SIZE,
          select: SESSION_SELECT,
        });
        const people = rows.flatMap((r) => (r.voidedByUserId ? [r.loggedByUserId, r.voidedByUserId] : [r.loggedByUserId]));
        const authors = await tx.user.findMany({ where: { id: { in: [...new Set(people)] } }, select: { id: true, name: true } });
        const componentIds = [...new Set(rows.flatMap((r) => r.components.map((c) => c.componentId)))];
        const components = componentIds.length ? await tx.interventionComponent.findMany({ where: { districtId: ctx.districtId, id: { in: componentIds } }, select: { id: true, label: true } }) : [];
        const dosage = (await planDosageIn(tx, ctx.districtId, [plan])).get(plan.id)!;
        await recordAudit(tx, ...plan.students.map((s) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "InterventionSession", entityId: plan.id, studentId: s.id, detail: { page: "plan sessions" } })));
        return { plan, reach, rows, total, page: shown, pageCount, authors, components, dosage, mayLog: await deliversPlan(tx, ctx, plan.id) };
      })
    : null;
  if (!found) return pageNotFound(ctx, "session.view", target);
  const names = new Map(found.authors.map((a) => [a.id, a.name]));
  const labels = new Map(found.components.map((c) => [c.id, c.label]));
  const studentNames = new Map(found.plan.students.map((s) => [s.id, s.name]));
  return {
    plan: found.plan,
    dosage: found.dosage,
    mayLog: found.mayLog,
    notUnderstood,
    total: found.total,
    page: found.page,
    pageCount: found.pageCount,
    sessions: found.rows.map((s) => ({
      id: s.id,
      date: isoOf(s.date),
      startTime: s.startTime,
      minutes: s.minutes,
      status: s.status,
      note: s.note,
      loggedBy: names.get(s.loggedByUserId) ?? "—",
      voided: s.voidedAt ? { at: s.voidedAt, by: names.get(s.voidedByUserId ?? "") ?? "—", reason: s.voidReason ?? "" } : null,
      attendance: s.attendance
        .map((a) => ({ name: studentNames.get(a.studentId) ?? "A former group member", status: a.status as AttendanceStatus, minutes: a.minutes }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      components: s.components.map((c) => labels.get(c.componentId) ?? "—"),
      mayEdit: !s.voidedAt && ["any", "author"].includes(editRightOf(ctx, s, found.reach) ?? ""),
    })),
  };
}

async function deliversPlan(tx: Tx, ctx: Ctx, planId: string) {
  const row = await tx.planInterventionist.findFirst({ where: { districtId: ctx.districtId, planId, membershipId: ctx.membershipId, plan: { status: "ACTIVE" } }, select: { planId: true } });
  return row !== null && can(ctx, "session.log", { districtId: ctx.districtId });
}

// ---------------------------------------------------------------------------
// The coordinator's oversight

export const OVERSIGHT_PAGE_SIZE = 25;

export interface FlaggedPlan {
  plan: PlanBrief;
  /** Over the last four weeks. */
  figures: PeriodSummary;
}

export interface LoggingActivity {
  membershipId: string;
  name: string;
  role: string;
  activePlans: number;
  /** Sessions of those plans they logged for this week's days. */
  loggedThisWeek: number;
  /** The latest day they logged a session for, or null. */
  lastLogged: string | null;
}

/**
 * /sessions/oversight: for the chosen school (or all the user's schools), the
 * active plans whose delivered minutes or fidelity over the last four weeks
 * fall below the district's thresholds (one page of them, the lowest minutes
 * first), and each interventionist of those schools' active plans with the
 * sessions they logged this week. Reads only the last four weeks of sessions.
 */
export async function getOversight(ctx: Ctx, params: SearchParams = {}) {
  await authorizePage(ctx, "dosage.oversee", { entityType: "InterventionPlan" });
  await authorizePage(ctx, "session.view", { entityType: "InterventionSession" });
  const today = todayIso();
  const { values, notUnderstood } = readQuery({ school: z.uuid().optional(), page: pageKey }, params);
  const { school: wantedSchool, page } = values;
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await schoolOptionsIn(tx, ctx);
    const school = schools.find((s) => s.id === wantedSchool) ?? (schools.length === 1 ? schools[0]! : null);
    // A school that is not one of the user's (or no longer exists) is named, not silently replaced.
    if (wantedSchool && school?.id !== wantedSchool) notUnderstood.push("school");
    const schoolIds = school ? [school.id] : ctx.schoolIds;
    const plans = await tx.interventionPlan.findMany({
      where: { districtId: ctx.districtId, status: "ACTIVE", ...(schoolIds.length ? { schoolId: { in: schoolIds } } : {}) },
      select: { id: true, startDate: true, endDate: true, scheduleDays: true, sessionsPerWeek: true, minutesPerSession: true },
    });
    const phases = await phasesOf(tx, ctx.districtId, plans.map((p) => p.id));
    const period = lastFourWeeks(today);
    const delivered = await periodTotalsOf(tx, ctx.districtId, phases, period, today);
    const thresholds = await thresholdsOf(tx, ctx.districtId);
    const flagged = plans
      .map((p) => {
        const plan = { ...p, startDate: isoOf(p.startDate), endDate: p.endDate ? isoOf(p.endDate) : null };
        const d = delivered.get(p.id) ?? { totals: emptyTotals(), notPlanned: notPlanned([], false, today) };
        return { id: p.id, figures: summarizePeriod(dosagePlanOf(plan, phases.get(p.id) ?? []), d.totals, period, d.notPlanned, thresholds) };
      })
      .filter((f) => f.figures.minutesBelow || f.figures.fidelityBelow)
      .sort((a, b) => (a.figures.minutesPercent ?? 101) - (b.figures.minutesPercent ?? 101) || (a.figures.fidelityPercent ?? 101) - (b.figures.fidelityPercent ?? 101) || a.id.localeCompare(b.id));
    const pageCount = Math.max(1, Math.ceil(flagged.length / OVERSIGHT_PAGE_SIZE));
    const shown = Math.min(page, pageCount);
    const pageRows = flagged.slice((shown - 1) * OVERSIGHT_PAGE_SIZE, shown * OVERSIGHT_PAGE_SIZE);
    const briefs = new Map((await planBriefsIn(tx, ctx.districtId, pageRows.map((f) => f.id))).map((p) => [p.id, p]));
    const activity = await loggingActivityIn(tx, ctx.districtId, schoolIds, weekStart(today), today);
    return {
      today,
      notUnderstood,
      schools,
      school,
      thresholds,
      period,
      activePlans: plans.length,
      flagged: {
        total: flagged.length,
        page: shown,
        pageCount,
        rows: pageRows.map((f): FlaggedPlan => ({ plan: briefs.get(f.id)!, figures: f.figures })),
      },
      activity,
    };
  });
}

/**
 * The interventionists of the schools' active plans (active memberships),
 * those who logged nothing this week first, with their plan count, this
 * week's sessions and the last day they logged. One query.
 */
async function loggingActivityIn(tx: Tx, districtId: string, schoolIds: readonly string[], weekFrom: string, today: string): Promise<LoggingActivity[]> {
  return tx.$queryRaw<LoggingActivity[]>`
    WITH delivering AS (
      SELECT pi."membershipId", count(*)::int AS "activePlans", array_agg(p."id") AS "planIds"
      FROM "PlanInterventionist" pi
      JOIN "InterventionPlan" p ON p."districtId" = pi."districtId" AND p."id" = pi."planId"
      WHERE pi."districtId" = ${districtId}::uuid AND p."status" = 'ACTIVE'
        ${schoolIds.length ? Prisma.sql`AND p."schoolId" = ANY(${schoolIds}::uuid[])` : Prisma.empty}
      GROUP BY pi."membershipId"
    )
    SELECT * FROM (
    SELECT m."id"::text AS "membershipId", u."name", m."role"::text AS "role", d."activePlans",
           (SELECT count(*) FROM "InterventionSession" s
             WHERE s."districtId" = m."districtId" AND s."loggedByUserId" = m."userId" AND s."voidedAt" IS NULL
               AND s."date" BETWEEN ${weekFrom}::date AND ${today}::date AND s."planId" = ANY(d."planIds"))::int AS "loggedThisWeek",
           (SELECT to_char(max(s."date"), 'YYYY-MM-DD') FROM "InterventionSession" s
             WHERE s."districtId" = m."districtId" AND s."loggedByUserId" = m."userId" AND s."voidedAt" IS NULL AND s."planId" = ANY(d."planIds")) AS "lastLogged"
    FROM delivering d
    JOIN "Membership" m ON m."districtId" = ${districtId}::uuid AND m."id" = d."membershipId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."deactivatedAt" IS NULL
    ) a
    ORDER BY (a."loggedThisWeek" > 0), a."name", a."membershipId"`;
}

// ---------------------------------------------------------------------------
// The service log

export interface ServiceLogRow {
  date: string;
  startTime: string | null;
  plan: string;
  area: InterventionArea;
  status: SessionStatus;
  /** The student's attendance; null when the session was not offered (not held for another reason). */
  attendance: AttendanceStatus | null;
  /** Minutes the student received. */
  minutes: number;
  deliveredBy: string;
}

/**
 * A student's service log: every logged session of their plans in a date
 * range (oldest first), what they received and who delivered it, with
 * totals. For the printable page and the CSV; `audit` says which (view or
 * export). 404 (and a denied audit event) for a student outside the user's
 * session.export reach.
 */
export async function getServiceLog(ctx: Ctx, unverifiedStudentId: string, params: SearchParams, audit: "view" | "export") {
  await authorizePage(ctx, "session.export", { entityType: "Student" });
  const target = { entityType: "Student", entityId: unverifiedStudentId.slice(0, 64) };
  const range = ZServiceLogRange.safeParse({ from: firstParam(params.from) ?? "", to: firstParam(params.to) ?? "" });
  const id = z.uuid().safeParse(unverifiedStudentId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const student = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, localId: true, grade: true, ...STUDENT_NAME_SELECT, school: { select: { name: true } } } });
        if (!student) return null;
        if (!can(ctx, "session.export", await studentReach(tx, ctx, student))) return { denied: student.id } as const;
        const dates = range.success ? range.data : ZServiceLogRange.parse({});
        const rows = await tx.$queryRaw<(Omit<ServiceLogRow, "minutes"> & { minutes: number | null; partialMinutes: number | null })[]>`
          SELECT to_char(s."date", 'YYYY-MM-DD') AS "date", s."startTime", s."status"::text AS "status", s."minutes",
                 a."status"::text AS "attendance", a."minutes" AS "partialMinutes", p."area"::text AS "area",
                 ${TITLE_SQL} AS "plan", u."name" AS "deliveredBy"
          FROM "PlanStudent" ps
          JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
          JOIN "InterventionSession" s ON s."districtId" = p."districtId" AND s."planId" = p."id"
          LEFT JOIN "SessionAttendance" a ON a."districtId" = s."districtId" AND a."sessionId" = s."id" AND a."studentId" = ps."studentId"
          LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
          JOIN "User" u ON u."id" = s."loggedByUserId"
          WHERE ps."districtId" = ${ctx.districtId}::uuid AND ps."studentId" = ${student.id}::uuid
            AND s."date" BETWEEN ${dates.from}::date AND ${dates.to}::date AND s."voidedAt" IS NULL
          ORDER BY s."date", s."startTime" NULLS LAST, s."createdAt"`;
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: audit, entityType: "ServiceLog", entityId: student.id, studentId: student.id, detail: { from: dates.from, to: dates.to } });
        return { student, rows, dates };
      })
    : null;
  if (!found || "denied" in found) return pageNotFound(ctx, "session.export", { ...target, studentId: found?.denied ?? null });
  const rows = found.rows.map(
    (r): ServiceLogRow => ({
      date: r.date,
      startTime: r.startTime,
      plan: r.plan,
      area: r.area,
      status: r.status,
      attendance: r.attendance,
      minutes: r.status === "HELD" && r.attendance ? minutesReceived(r.minutes, { status: r.attendance, minutes: r.partialMinutes }) : 0,
      deliveredBy: r.deliveredBy,
    }),
  );
  return {
    student: { id: found.student.id, name: studentDisplayName(found.student), localId: found.student.localId, grade: found.student.grade, schoolName: found.student.school.name },
    from: found.dates.from,
    to: found.dates.to,
    rangeError: range.success ? null : (range.error.issues[0]?.message ?? "Enter the dates as full dates."),
    rows,
    totals: { sessionsReceived: rows.filter((r) => r.minutes > 0).length, minutes: rows.reduce((n, r) => n + r.minutes, 0) },
  };
}

export type ServiceLog = Awaited<ReturnType<typeof getServiceLog>>;

/** The service log as CSV: one row per session, then the totals. */
export function serviceLogCsv(log: ServiceLog): string {
  return toCsv([
    ["Student", log.student.name, "Local id", log.student.localId, "From", log.from, "To", log.to],
    ["Date", "Start time", "Intervention", "Area", "Session", "Attendance", "Minutes received", "Delivered by"],
    ...log.rows.map((r) => [r.date, r.startTime, r.plan, AREA_LABEL[r.area], SESSION_STATUS_LABEL[r.status], r.attendance ? ATTENDANCE_LABEL[r.attendance] : "", r.minutes, r.deliveredBy]),
    ["Total", "", "", "", `${log.totals.sessionsReceived} sessions received`, "", log.totals.minutes, ""],
  ]);
}
