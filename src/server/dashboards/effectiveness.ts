import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { summarizePeriod, type DosagePhase, type Period } from "@/domain/dosage";
import { effectivenessSplit, effectVerdict, goalOutcome, type EffectivenessSplit, type EffectVerdict, type GoalOutcome } from "@/domain/intervention-outcomes";
import { rateDecimalsOf } from "@/domain/measures";
import { pointsOnDays, recommend } from "@/domain/progress";
import { phaseInForce } from "@/domain/progress/review";
import { schoolYearOf } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import type { SearchParams } from "@/server/search-params";
import { dosagePlanOf } from "@/server/sessions/queries";
import { districtSettingsIn } from "@/server/settings/queries";
import type { InterventionArea } from "@/server/tiers/schemas";
import { studentsSql, yearBounds, type DashboardScope, type Filters } from "./filters";
import { runDashboard } from "./run";

// Intervention effectiveness (issue 18, decision 029): per intervention of the
// library, and per intervention and school, the plans, students and goals of
// the school year, the share of goals met or on track by the decision rules
// and the median ROI against the median goal ROI, each split by whether the
// goal's plan was delivered at or above the district's dosage and fidelity
// thresholds. Each goal is judged by recommend() exactly as its goal page
// judges it (the same points, phase, settings and delivery period), so the
// dashboard never says "not working" of a plan the goal page says was not
// delivered. Two statements whatever the district's size (the goals with
// their probes; the delivery of each goal's student over its period, summed
// in SQL) plus the settings.

/** Plans with no library intervention are counted together under this name. */
export const CUSTOM_INTERVENTION = "Other (not from the library)";

export interface EffectRow {
  /** The library intervention, or null for plans with a custom intervention. */
  interventionId: string | null;
  name: string;
  area: InterventionArea;
  /** Set on the per-school rows. */
  school: { id: string; name: string } | null;
  plans: number;
  students: number;
  split: EffectivenessSplit;
  verdict: EffectVerdict;
}

/** Median ROI against median goal ROI of one intervention and measure (ROIs of different measures are in different units). */
export interface GrowthRow {
  interventionId: string | null;
  name: string;
  measure: string;
  /** "WCPM", "digits correct": the unit the ROIs are per week in. */
  unit: string;
  decimals: number;
  split: EffectivenessSplit;
}

export interface Effectiveness {
  /** The day goals are judged on: today in the current year, the year's last day for a past one. */
  asOf: string;
  currentYear: boolean;
  thresholds: { dosage: number; fidelity: number };
  interventions: EffectRow[];
  bySchool: EffectRow[];
  growth: GrowthRow[];
  goals: number;
}

interface GoalRow {
  id: string;
  studentId: string;
  planId: string;
  schoolId: string;
  schoolName: string;
  interventionId: string | null;
  interventionName: string | null;
  area: InterventionArea;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  planStart: string;
  planEnd: string | null;
  scheduleDays: number[];
  sessionsPerWeek: number;
  minutesPerSession: number;
  /** JSON [[number, "yyyy-mm-dd", sessionsPerWeek, minutesPerSession], ...] in start order. */
  phases: string;
  /** JSON [day, score, ...] of the valid probes up to asOf, in date order; null with none. */
  points: string | null;
  measureId: string;
  key: string;
  name: string;
  unit: string;
  direction: "HIGHER" | "LOWER";
  minValue: number | null;
  maxValue: number | null;
  decimals: number;
  rateDecimals: number | null;
  phrase: string;
  lessWord: string | null;
  moreWord: string | null;
}

/**
 * Every goal (not archived) of the plans that ran in the school year (started
 * by asOf, not ended before the year; drafts were never delivered) whose
 * student is in view, with what the rules need: ONE statement, the probes per
 * goal from the valid-probe index as goalsInReviewIn (server/progress/review)
 * reads them.
 */
async function goalsIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, asOf: string): Promise<GoalRow[]> {
  const { from } = yearBounds(f.year);
  return tx.$queryRaw<GoalRow[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    )
    SELECT g."id"::text AS "id", g."studentId"::text AS "studentId", p."id"::text AS "planId", p."schoolId"::text AS "schoolId", sc."name" AS "schoolName",
           p."interventionId"::text AS "interventionId", i."name" AS "interventionName", p."area"::text AS "area",
           g."baselineValue", to_char(g."baselineDate", 'YYYY-MM-DD') AS "baselineDate", g."targetValue", to_char(g."targetDate", 'YYYY-MM-DD') AS "targetDate",
           to_char(p."startDate", 'YYYY-MM-DD') AS "planStart", to_char(p."endDate", 'YYYY-MM-DD') AS "planEnd",
           p."scheduleDays", p."sessionsPerWeek", p."minutesPerSession",
           coalesce((SELECT json_agg(json_build_array(ph."number", to_char(ph."startDate", 'YYYY-MM-DD'), ph."sessionsPerWeek", ph."minutesPerSession") ORDER BY ph."startDate", ph."number")::text
                     FROM "PlanPhase" ph WHERE ph."districtId" = p."districtId" AND ph."planId" = p."id"), '[]') AS "phases",
           (SELECT '[' || string_agg(v, ',') || ']' FROM (
              SELECT (pr."date" - DATE '1970-01-01')::text || ',' || pr."score"::text AS v
              FROM "Probe" pr WHERE pr."districtId" = g."districtId" AND pr."goalId" = g."id" AND pr."invalidatedAt" IS NULL AND pr."date" <= ${asOf}::date
              ORDER BY pr."date", pr."createdAt", pr."id") o) AS "points",
           m."id"::text AS "measureId", m."key", m."name", m."unit", m."direction"::text AS "direction", m."minValue", m."maxValue", m."decimals", m."rateDecimals", m."phrase", m."lessWord", m."moreWord"
    FROM "Goal" g
    JOIN pop ON pop."id" = g."studentId"
    JOIN "InterventionPlan" p ON p."districtId" = g."districtId" AND p."id" = g."planId"
    JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"
    JOIN "Measure" m ON m."districtId" = g."districtId" AND m."id" = g."measureId"
    LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
    WHERE g."districtId" = ${districtId}::uuid AND g."archivedAt" IS NULL AND p."status" <> 'DRAFT'
      AND p."startDate" <= ${asOf}::date AND (p."endDate" IS NULL OR p."endDate" >= ${from}::date)
      ${f.area ? Prisma.sql`AND p."area" = ${f.area}::"InterventionArea"` : Prisma.empty}`;
}

interface DeliveryRow {
  i: number;
  minutes: number;
  delivered: number;
  expected: number;
  offered: number;
  attended: number;
  held: number;
  closed: string[];
  loggedToday: boolean;
}

/**
 * Each goal's student's delivered dosage over the goal's delivery period,
 * summed in SQL as studentTotalsIn (src/domain/dosage.ts) sums it: the
 * sessions (not voided) of the plan in the period with the student's
 * attendance row; held sessions attended count their minutes (present: the
 * session's, partial: their own, capped by the session's) and the components
 * delivered, capped by those expected of the phase in force that day (the
 * active components of its intervention, the first phase for a day before
 * them all); and the days not to plan (school closed; asOf while nothing is
 * logged that day). ONE statement for every goal.
 */
async function deliveriesIn(tx: Tx, districtId: string, requests: readonly { planId: string; studentId: string; period: Period }[], asOf: string): Promise<DeliveryRow[]> {
  if (requests.length === 0) return [];
  return tx.$queryRaw<DeliveryRow[]>`
    WITH r AS (
      SELECT * FROM unnest(${requests.map((_, i) => i)}::int[], ${requests.map((q) => q.planId)}::uuid[], ${requests.map((q) => q.studentId)}::uuid[],
                           ${requests.map((q) => q.period.from)}::date[], ${requests.map((q) => q.period.to)}::date[]) AS r("i", "planId", "studentId", "from", "to")
    )
    SELECT r."i",
           coalesce(sum(CASE WHEN a."status" = 'PRESENT' THEN s."minutes" WHEN a."status" = 'PARTIAL' THEN least(coalesce(a."minutes", s."minutes"), s."minutes") ELSE 0 END)
                    FILTER (WHERE s."status" = 'HELD'), 0)::int AS "minutes",
           coalesce(sum(least(s."componentsDelivered", ph."components")) FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'), 0)::int AS "delivered",
           coalesce(sum(ph."components") FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'), 0)::int AS "expected",
           count(a."status")::int AS "offered",
           (count(*) FILTER (WHERE a."status" <> 'ABSENT'))::int AS "attended",
           (count(*) FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'))::int AS "held",
           coalesce(array_agg(DISTINCT to_char(s."date", 'YYYY-MM-DD')) FILTER (WHERE s."status" = 'SCHOOL_CLOSED'), '{}') AS "closed",
           coalesce(bool_or(s."date" = ${asOf}::date), false) AS "loggedToday"
    FROM r
    LEFT JOIN "InterventionSession" s ON s."districtId" = ${districtId}::uuid AND s."planId" = r."planId" AND s."date" BETWEEN r."from" AND r."to" AND s."voidedAt" IS NULL
    -- The attendance row carries its session's date: with it the (districtId, studentId, date) index finds the one row.
    LEFT JOIN "SessionAttendance" a ON a."districtId" = s."districtId" AND a."studentId" = r."studentId" AND a."date" = s."date" AND a."sessionId" = s."id"
    LEFT JOIN LATERAL (
      SELECT (SELECT count(*) FROM "InterventionComponent" c
               WHERE c."districtId" = pp."districtId" AND c."interventionId" = pp."interventionId" AND c."retiredAt" IS NULL)::int AS "components"
      FROM "PlanPhase" pp
      WHERE pp."districtId" = s."districtId" AND pp."planId" = s."planId"
      ORDER BY (pp."startDate" <= s."date") DESC,
               CASE WHEN pp."startDate" <= s."date" THEN pp."startDate" END DESC NULLS LAST,
               CASE WHEN pp."startDate" <= s."date" THEN pp."number" END DESC NULLS LAST,
               pp."startDate", pp."number"
      LIMIT 1
    ) ph ON s."status" = 'HELD' AND a."status" IS NOT NULL
    GROUP BY r."i"`;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

interface Judged {
  goal: GoalRow;
  outcome: GoalOutcome;
}

function rowsBy(judged: readonly Judged[], keyOf: (j: Judged) => string, name: (j: Judged) => string, withSchool: boolean): EffectRow[] {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) {
    const key = keyOf(j);
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  return [...groups.values()]
    .map((list): EffectRow => {
      const first = list[0]!.goal;
      const split = effectivenessSplit(list.map((j) => j.outcome));
      return {
        interventionId: first.interventionId,
        name: name(list[0]!),
        area: first.area,
        school: withSchool ? { id: first.schoolId, name: first.schoolName } : null,
        plans: new Set(list.map((j) => j.goal.planId)).size,
        students: new Set(list.map((j) => j.goal.studentId)).size,
        split,
        verdict: effectVerdict(split),
      };
    })
    .sort(
      (a, b) =>
        Number(a.interventionId === null) - Number(b.interventionId === null) ||
        collator.compare(a.name, b.name) ||
        collator.compare(a.school?.name ?? "", b.school?.name ?? "") ||
        (a.school?.id ?? "").localeCompare(b.school?.id ?? ""),
    );
}

export async function effectivenessIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<Effectiveness> {
  const currentYear = f.year === schoolYearOf(today);
  const asOf = currentYear ? today : yearBounds(f.year).to;
  const goals = await goalsIn(tx, ctx.districtId, scope, f, asOf);
  const settings = await districtSettingsIn(tx, ctx.districtId);
  // What each goal's rules judge, as the goal page prepares it (server/progress/graph.ts prepareGraph).
  const prepared = goals.map((g) => {
    const phases = (JSON.parse(g.phases) as [number, string, number, number][]).map(([number, startDate, sessionsPerWeek, minutesPerSession]) => ({ number, startDate, sessionsPerWeek, minutesPerSession }));
    const inForce = phaseInForce(phases, asOf);
    const since = inForce.phaseStartDate && inForce.phaseStartDate > g.baselineDate ? inForce.phaseStartDate : g.baselineDate;
    const period: Period = { from: later(since, g.planStart), to: g.planEnd ? earlier(asOf, g.planEnd) : asOf };
    const dosagePhases: DosagePhase[] = phases.map(({ startDate, sessionsPerWeek, minutesPerSession }) => ({ startDate, sessionsPerWeek, minutesPerSession }));
    return { g, inForce, period, dosagePhases };
  });
  const deliveries = new Map((await deliveriesIn(tx, ctx.districtId, prepared.map((p) => ({ planId: p.g.planId, studentId: p.g.studentId, period: p.period })), asOf)).map((d) => [d.i, d]));
  const thresholds = { dosage: settings.dosageThreshold, fidelity: settings.fidelityThreshold };
  const judged: Judged[] = prepared.map(({ g, inForce, period, dosagePhases }, i) => {
    const d = deliveries.get(i);
    const notPlanned = new Set(d?.closed ?? []);
    if (!d?.loggedToday) notPlanned.add(asOf);
    const plan = dosagePlanOf({ startDate: g.planStart, endDate: g.planEnd, scheduleDays: g.scheduleDays, sessionsPerWeek: g.sessionsPerWeek, minutesPerSession: g.minutesPerSession }, dosagePhases);
    const totals = {
      delivered: { sessions: d?.held ?? 0, minutes: d?.minutes ?? 0 },
      offered: d?.offered ?? 0,
      attended: d?.attended ?? 0,
      componentsExpected: d?.expected ?? 0,
      componentsDelivered: d?.delivered ?? 0,
    };
    const dosage = summarizePeriod(plan, totals, period, notPlanned, thresholds);
    const rec = recommend({
      measure: measureOf(g),
      goal: { baseline: g.baselineValue, baselineDate: g.baselineDate, target: g.targetValue, targetDate: g.targetDate },
      points: pointsOnDays(g.points ? (JSON.parse(g.points) as number[]) : []),
      settings,
      ...inForce,
      delivery: { dosagePercent: dosage.minutesPercent ?? undefined, fidelityPercent: dosage.fidelityPercent ?? undefined },
    });
    return { goal: g, outcome: goalOutcome(rec) };
  });
  const nameOf = (j: Judged) => j.goal.interventionName ?? CUSTOM_INTERVENTION;
  const interventionKey = (j: Judged) => j.goal.interventionId ?? `custom/${j.goal.area}`;
  const growthGroups = new Map<string, Judged[]>();
  for (const j of judged) {
    const key = `${interventionKey(j)}/${j.goal.measureId}`;
    growthGroups.set(key, [...(growthGroups.get(key) ?? []), j]);
  }
  const growth = [...growthGroups.values()]
    .map((list): GrowthRow => {
      const g = list[0]!.goal;
      return { interventionId: g.interventionId, name: nameOf(list[0]!), measure: g.name, unit: g.unit, decimals: rateDecimalsOf(measureOf(g)), split: effectivenessSplit(list.map((j) => j.outcome)) };
    })
    .sort((a, b) => Number(a.interventionId === null) - Number(b.interventionId === null) || collator.compare(a.name, b.name) || collator.compare(a.measure, b.measure));
  return {
    asOf,
    currentYear,
    thresholds,
    interventions: rowsBy(judged, interventionKey, nameOf, false),
    bySchool: rowsBy(judged, (j) => `${interventionKey(j)}/${j.goal.schoolId}`, nameOf, true),
    growth,
    goals: judged.length,
  };
}

export const getEffectivenessDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "effectiveness", params, "view", effectivenessIn, now);
export const exportEffectivenessDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "effectiveness", params, "export", effectivenessIn, now);
