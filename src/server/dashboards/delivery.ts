import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { deliveredPercent, noSessionFor, plannedByMonth } from "@/domain/intervention-outcomes";
import { probeDue, type TierLevel } from "@/domain/progress/review";
import { schoolYearOf } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import { dosagePlanOf } from "@/server/sessions/queries";
import { districtSettingsIn } from "@/server/settings/queries";
import { studentsSql, yearBounds, type DashboardScope, type Filters } from "./filters";
import { runDashboard } from "./run";

// Delivery (issue 18, decision 029): planned against delivered minutes per
// school and month of the school year, the active plans with no session held
// for two weeks, and the goals whose progress monitoring is overdue. Planned
// minutes come from each plan's own dosage arithmetic (plannedDosage: its
// meeting days, phases and closed days), delivered minutes are summed in SQL;
// "overdue" is probeDue, the rule of the needs-review lists. Two statements
// whatever the district's size, plus the settings.

export interface MonthCell {
  schoolId: string;
  schoolName: string;
  /** "2026-09" */
  month: string;
  /** Plans with minutes planned or delivered in the month. */
  plans: number;
  planned: number;
  delivered: number;
  /** Delivered as a percentage of planned; null when nothing was planned. */
  percent: number | null;
}

export interface MonthTotal {
  month: string;
  planned: number;
  delivered: number;
  percent: number | null;
}

export interface SchoolNow {
  schoolId: string;
  schoolName: string;
  activePlans: number;
  /** Active plans with no session held for more than NO_SESSION_DAYS days. */
  noSession: number;
  /** Goals of active plans. */
  goals: number;
  /** Of those, goals with a probe overdue (probeDue). */
  overdue: number;
}

export interface Delivery {
  asOf: string;
  currentYear: boolean;
  dosageThreshold: number;
  cells: MonthCell[];
  months: MonthTotal[];
  /** Now-figures, for the current year only (null for a past one: "two weeks without a session" is of today). */
  now: SchoolNow[] | null;
}

interface PlanRow {
  id: string;
  schoolId: string;
  schoolName: string;
  status: "ACTIVE" | "COMPLETED" | "DISCONTINUED";
  startDate: string;
  endDate: string | null;
  scheduleDays: number[];
  sessionsPerWeek: number;
  minutesPerSession: number;
  /** JSON [["yyyy-mm-dd", sessionsPerWeek, minutesPerSession], ...] */
  phases: string;
  /** JSON [["2026-09", heldMinutes, ["yyyy-mm-dd" closed, ...]], ...] */
  months: string;
  lastHeld: string | null;
  loggedToday: boolean;
}

/**
 * The plans (not drafts) that ran in the year up to asOf with a student in
 * view, each with its phases, its held minutes and closed days per month
 * (sessions not voided, from the year's first day to asOf), its last held
 * session and whether anything is logged on asOf. ONE statement; the
 * sessions per plan come from the (districtId, planId, date) index.
 */
async function plansIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, asOf: string): Promise<PlanRow[]> {
  const { from } = yearBounds(f.year);
  return tx.$queryRaw<PlanRow[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    ),
    -- The plans with a student in view, as one set (a per-plan EXISTS walked the whole population for each plan).
    inview AS (
      SELECT DISTINCT ps."planId" FROM "PlanStudent" ps JOIN pop ON pop."id" = ps."studentId" WHERE ps."districtId" = ${districtId}::uuid
    )
    SELECT p."id"::text AS "id", p."schoolId"::text AS "schoolId", sc."name" AS "schoolName", p."status"::text AS "status",
           to_char(p."startDate", 'YYYY-MM-DD') AS "startDate", to_char(p."endDate", 'YYYY-MM-DD') AS "endDate",
           p."scheduleDays", p."sessionsPerWeek", p."minutesPerSession",
           coalesce((SELECT json_agg(json_build_array(to_char(ph."startDate", 'YYYY-MM-DD'), ph."sessionsPerWeek", ph."minutesPerSession") ORDER BY ph."startDate", ph."number")::text
                     FROM "PlanPhase" ph WHERE ph."districtId" = p."districtId" AND ph."planId" = p."id"), '[]') AS "phases",
           coalesce((SELECT json_agg(json_build_array(x."month", x."minutes", x."closed"))::text FROM (
              SELECT to_char(s."date", 'YYYY-MM') AS "month",
                     coalesce(sum(s."minutes") FILTER (WHERE s."status" = 'HELD'), 0)::int AS "minutes",
                     coalesce(array_agg(to_char(s."date", 'YYYY-MM-DD')) FILTER (WHERE s."status" = 'SCHOOL_CLOSED'), '{}') AS "closed"
              FROM "InterventionSession" s
              WHERE s."districtId" = p."districtId" AND s."planId" = p."id" AND s."voidedAt" IS NULL AND s."date" BETWEEN ${from}::date AND ${asOf}::date
              GROUP BY 1) x), '[]') AS "months",
           (SELECT to_char(max(s."date"), 'YYYY-MM-DD') FROM "InterventionSession" s
             WHERE s."districtId" = p."districtId" AND s."planId" = p."id" AND s."voidedAt" IS NULL AND s."status" = 'HELD' AND s."date" <= ${asOf}::date) AS "lastHeld",
           EXISTS (SELECT 1 FROM "InterventionSession" s
             WHERE s."districtId" = p."districtId" AND s."planId" = p."id" AND s."voidedAt" IS NULL AND s."date" = ${asOf}::date) AS "loggedToday"
    FROM "InterventionPlan" p
    JOIN inview ON inview."planId" = p."id"
    JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"
    WHERE p."districtId" = ${districtId}::uuid AND p."status" <> 'DRAFT'
      AND p."startDate" <= ${asOf}::date AND (p."endDate" IS NULL OR p."endDate" >= ${from}::date)
      ${f.area ? Prisma.sql`AND p."area" = ${f.area}::"InterventionArea"` : Prisma.empty}`;
}

/**
 * The goals (not archived) of active plans of students in view, with what
 * probeDue reads: the last valid probe, the baseline, the plan's start and
 * the student's tier in the plan's area on asOf. ONE statement.
 */
async function monitoredGoalsIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, asOf: string) {
  return tx.$queryRaw<{ schoolId: string; schoolName: string; lastProbe: string | null; baselineDate: string; planStart: string; tier: TierLevel | null }[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    )
    SELECT p."schoolId"::text AS "schoolId", sc."name" AS "schoolName",
           (SELECT to_char(max(pr."date"), 'YYYY-MM-DD') FROM "Probe" pr
             WHERE pr."districtId" = g."districtId" AND pr."goalId" = g."id" AND pr."invalidatedAt" IS NULL) AS "lastProbe",
           to_char(g."baselineDate", 'YYYY-MM-DD') AS "baselineDate", to_char(p."startDate", 'YYYY-MM-DD') AS "planStart",
           (SELECT st."tier"::text FROM "StudentTier" st
             WHERE st."districtId" = g."districtId" AND st."studentId" = g."studentId" AND st."area"::text = p."area"::text AND st."effectiveDate" <= ${asOf}::date
             ORDER BY st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC LIMIT 1) AS "tier"
    FROM "Goal" g
    JOIN pop ON pop."id" = g."studentId"
    JOIN "InterventionPlan" p ON p."districtId" = g."districtId" AND p."id" = g."planId"
    JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"
    WHERE g."districtId" = ${districtId}::uuid AND g."archivedAt" IS NULL AND p."status" = 'ACTIVE' AND p."startDate" <= ${asOf}::date
      ${f.area ? Prisma.sql`AND p."area" = ${f.area}::"InterventionArea"` : Prisma.empty}`;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

export async function deliveryIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<Delivery> {
  const currentYear = f.year === schoolYearOf(today);
  const { from, to } = yearBounds(f.year);
  const asOf = currentYear ? today : to;
  const plans = await plansIn(tx, ctx.districtId, scope, f, asOf);
  const settings = await districtSettingsIn(tx, ctx.districtId);

  const cells = new Map<string, MonthCell>();
  for (const p of plans) {
    const months = JSON.parse(p.months) as [string, number, string[]][];
    // The days not to plan, as daysNotPlanned reads them: school closed, and asOf while nothing is logged that day.
    const notPlanned = new Set(months.flatMap(([, , closed]) => closed));
    if (!p.loggedToday) notPlanned.add(asOf);
    const phases = (JSON.parse(p.phases) as [string, number, number][]).map(([startDate, sessionsPerWeek, minutesPerSession]) => ({ startDate, sessionsPerWeek, minutesPerSession }));
    const delivered = new Map(months.map(([month, minutes]) => [month, minutes]));
    const planned = plannedByMonth(dosagePlanOf(p, phases), { from: p.startDate > from ? p.startDate : from, to: p.endDate && p.endDate < asOf ? p.endDate : asOf }, notPlanned);
    for (const { month, minutes } of planned) {
      const got = delivered.get(month) ?? 0;
      if (minutes === 0 && got === 0) continue;
      const key = `${p.schoolId}/${month}`;
      const cell = cells.get(key) ?? { schoolId: p.schoolId, schoolName: p.schoolName, month, plans: 0, planned: 0, delivered: 0, percent: null };
      cell.plans += 1;
      cell.planned += minutes;
      cell.delivered += got;
      cells.set(key, cell);
    }
  }
  const rows = [...cells.values()]
    .map((c) => ({ ...c, planned: Math.round(c.planned), percent: deliveredPercent(c.planned, c.delivered) }))
    .sort((a, b) => collator.compare(a.schoolName, b.schoolName) || a.schoolId.localeCompare(b.schoolId) || a.month.localeCompare(b.month));
  const totals = new Map<string, { planned: number; delivered: number }>();
  for (const c of cells.values()) {
    const t = totals.get(c.month) ?? { planned: 0, delivered: 0 };
    t.planned += c.planned;
    t.delivered += c.delivered;
    totals.set(c.month, t);
  }
  const months: MonthTotal[] = [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, t]) => ({ month, planned: Math.round(t.planned), delivered: t.delivered, percent: deliveredPercent(t.planned, t.delivered) }));

  let now: SchoolNow[] | null = null;
  if (currentYear) {
    const bySchool = new Map<string, SchoolNow>();
    const schoolOf = (schoolId: string, schoolName: string) => {
      const s = bySchool.get(schoolId) ?? { schoolId, schoolName, activePlans: 0, noSession: 0, goals: 0, overdue: 0 };
      bySchool.set(schoolId, s);
      return s;
    };
    for (const p of plans) {
      if (p.status !== "ACTIVE") continue;
      const s = schoolOf(p.schoolId, p.schoolName);
      s.activePlans += 1;
      if (noSessionFor(p.lastHeld, p.startDate, today)) s.noSession += 1;
    }
    for (const g of await monitoredGoalsIn(tx, ctx.districtId, scope, f, today)) {
      const s = schoolOf(g.schoolId, g.schoolName);
      s.goals += 1;
      if (probeDue({ lastProbeDate: g.lastProbe, baselineDate: g.baselineDate, planStartDate: g.planStart, tier: g.tier, today }).overdue) s.overdue += 1;
    }
    now = [...bySchool.values()].sort((a, b) => collator.compare(a.schoolName, b.schoolName) || a.schoolId.localeCompare(b.schoolId));
  }
  return { asOf, currentYear, dosageThreshold: settings.dosageThreshold, cells: rows, months, now };
}

export const getDeliveryDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "delivery", params, "view", deliveryIn, now);
export const exportDeliveryDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "delivery", params, "export", deliveryIn, now);

/** One school's planned and delivered minutes over the year in view: a row of the district view's per-school table. */
export interface SchoolMinutes {
  schoolId: string;
  schoolName: string;
  /** Months with minutes planned or delivered. */
  months: number;
  planned: number;
  delivered: number;
  percent: number | null;
}

/**
 * The school x month cells summed per school, in the cells' order (by school
 * name). The district view lists these instead of every school x month (329
 * KiB of page at the scale district, issue 18); one school's view lists its
 * months, and the CSV keeps every cell. Planned minutes are the sum of the
 * cells' rounded minutes, so a school's total can differ from the exact sum by
 * under a minute per month.
 */
export function minutesBySchool(cells: readonly MonthCell[]): SchoolMinutes[] {
  const bySchool = new Map<string, SchoolMinutes>();
  for (const c of cells) {
    const s = bySchool.get(c.schoolId) ?? { schoolId: c.schoolId, schoolName: c.schoolName, months: 0, planned: 0, delivered: 0, percent: null };
    s.months += 1;
    s.planned += c.planned;
    s.delivered += c.delivered;
    bySchool.set(c.schoolId, s);
  }
  return [...bySchool.values()].map((s) => ({ ...s, percent: deliveredPercent(s.planned, s.delivered) }));
}
