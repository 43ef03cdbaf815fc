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

/**
 * One school's goals over all its interventions: a row of the district
 * view's per-school table (issue 18). Its own counts, not sums of the
 * per-intervention rows: a student with plans of two interventions is one
 * student. No ROI: the school's measures are in different units (the growth
 * table is per intervention and measure).
 */
export interface SchoolEffect {
  school: { id: string; name: string };
  plans: number;
  students: number;
  split: EffectivenessSplit;
}

export interface Effectiveness {
  /** The day goals are judged on: today in the current year, the year's last day for a past one. */
  asOf: string;
  currentYear: boolean;
  thresholds: { dosage: number; fidelity: number };
  interventions: EffectRow[];
  bySchool: EffectRow[];
  /**
   * One row per school, by name. Absent from figures kept before it was added
   * (a snapshot is computed again every night): the district view then lists
   * every intervention and school, as it did.
   */
  schools?: SchoolEffect[];
  /**
   * bySchool's verdicts counted per school and per intervention (verdictCounts),
   * kept with the figures so the district view need not read bySchool (absent
   * from figures kept before it was added).
   */
  verdicts?: KeptVerdictCounts;
  growth: GrowthRow[];
  goals: number;
}

/**
 * The figures as a view reads them: the district view of kept figures that
 * have `verdicts` leaves out bySchool (about 1,000 rows at the scale district,
 * read and parsed on every view for nothing, issue 18); a school's view, the
 * live figures and the CSV have it.
 */
export type EffectivenessRead = Omit<Effectiveness, "bySchool"> & { bySchool?: EffectRow[] };

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
 * student is in view, with what the rules need: ONE statement, set-based
 * (decision 048): the goals in view first, then each of their plans' phases
 * aggregated once per plan and joined back; each goal's valid probes up to
 * asOf read from its range of the valid-probe index, in its order (as
 * goalsInReviewIn in server/progress/review reads them).
 */
async function goalsIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, asOf: string): Promise<GoalRow[]> {
  const { from } = yearBounds(f.year);
  return tx.$queryRaw<GoalRow[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    ),
    goals AS MATERIALIZED (
      SELECT g."id", g."studentId", g."planId", g."measureId", g."baselineValue", g."baselineDate", g."targetValue", g."targetDate",
             p."schoolId", p."interventionId", p."area", p."startDate", p."endDate", p."scheduleDays", p."sessionsPerWeek", p."minutesPerSession"
      FROM "Goal" g
      JOIN pop ON pop."id" = g."studentId"
      JOIN "InterventionPlan" p ON p."districtId" = g."districtId" AND p."id" = g."planId"
      WHERE g."districtId" = ${districtId}::uuid AND g."archivedAt" IS NULL AND p."status" <> 'DRAFT'
        AND p."startDate" <= ${asOf}::date AND (p."endDate" IS NULL OR p."endDate" >= ${from}::date)
        ${f.area ? Prisma.sql`AND p."area" = ${f.area}::"InterventionArea"` : Prisma.empty}
    ),
    phases AS (
      SELECT ph."planId",
             json_agg(json_build_array(ph."number", to_char(ph."startDate", 'YYYY-MM-DD'), ph."sessionsPerWeek", ph."minutesPerSession") ORDER BY ph."startDate", ph."number")::text AS "phases"
      FROM "PlanPhase" ph
      WHERE ph."districtId" = ${districtId}::uuid AND ph."planId" IN (SELECT "planId" FROM goals)
      GROUP BY ph."planId"
    )
    SELECT g."id"::text AS "id", g."studentId"::text AS "studentId", g."planId"::text AS "planId", g."schoolId"::text AS "schoolId", sc."name" AS "schoolName",
           g."interventionId"::text AS "interventionId", i."name" AS "interventionName", g."area"::text AS "area",
           g."baselineValue", to_char(g."baselineDate", 'YYYY-MM-DD') AS "baselineDate", g."targetValue", to_char(g."targetDate", 'YYYY-MM-DD') AS "targetDate",
           to_char(g."startDate", 'YYYY-MM-DD') AS "planStart", to_char(g."endDate", 'YYYY-MM-DD') AS "planEnd",
           g."scheduleDays", g."sessionsPerWeek", g."minutesPerSession",
           coalesce(ph."phases", '[]') AS "phases",
           pt."points",
           m."id"::text AS "measureId", m."key", m."name", m."unit", m."direction"::text AS "direction", m."minValue", m."maxValue", m."decimals", m."rateDecimals", m."phrase", m."lessWord", m."moreWord"
    FROM goals g
    JOIN "School" sc ON sc."districtId" = ${districtId}::uuid AND sc."id" = g."schoolId"
    JOIN "Measure" m ON m."districtId" = ${districtId}::uuid AND m."id" = g."measureId"
    LEFT JOIN "Intervention" i ON i."districtId" = ${districtId}::uuid AND i."id" = g."interventionId"
    LEFT JOIN phases ph ON ph."planId" = g."planId"
    -- Each goal's probes are one contiguous, ordered range of the valid-probe index (index-only): read per goal
    -- rather than aggregated over the whole set, which sorts 1.6 M probes by goal again (decision 048).
    LEFT JOIN LATERAL (
      SELECT '[' || string_agg((pr."date" - DATE '1970-01-01')::text || ',' || pr."score"::text, ',' ORDER BY pr."date", pr."createdAt", pr."id") || ']' AS "points"
      FROM "Probe" pr
      WHERE pr."districtId" = ${districtId}::uuid AND pr."goalId" = g."id" AND pr."invalidatedAt" IS NULL AND pr."date" <= ${asOf}::date
    ) pt ON true
    -- A fixed order, so a row's first goal (its area, its school's name) does not depend on the plan chosen.
    ORDER BY g."id"`;
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

/** Above this many delivery requests, the dosage statement joins whole sets by hashing (see deliveriesIn). */
const HASH_JOIN_REQUESTS = 2_000;

/** One student's delivery period on one plan: goals of the same student and plan mostly share it, so it is summed once. */
interface DeliveryRequest {
  planId: string;
  studentId: string;
  period: Period;
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
 * logged that day). ONE statement for every goal, set-based (decision 048):
 * the requests deduplicated (a student's goals on one plan share a period);
 * each phase's components counted once per intervention and its days in
 * force as a range [lo, hi) from the next phase's start (window functions),
 * so a session finds its phase by a range join instead of a sorted lookup per
 * session; the students' attendance rows of the plans (which carry their
 * session's plan and date) hashed against the requests, their sessions by id; the
 * plan-wide days (school closed, a session on asOf) read once per plan from
 * the few sessions that are either.
 */
async function deliveriesIn(tx: Tx, districtId: string, requests: readonly DeliveryRequest[], asOf: string): Promise<DeliveryRow[]> {
  if (requests.length === 0) return [];
  // The planner cannot know how many attendance rows a request's period holds (a parameter range): it guesses one
  // and loops over the phases per row, which for a district's thousands of goals ran for minutes. For many requests
  // the statement is meant as hash joins over whole sets (attendance, sessions, phases: each read once), so nested
  // loops are off for it alone; a school's few hundred are found by index, and their plans' phases are few.
  const wholeSets = requests.length > HASH_JOIN_REQUESTS;
  if (wholeSets) await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
  const rows = await tx.$queryRaw<DeliveryRow[]>`
    WITH r AS MATERIALIZED (
      SELECT * FROM unnest(${requests.map((_, i) => i)}::int[], ${requests.map((q) => q.planId)}::uuid[], ${requests.map((q) => q.studentId)}::uuid[],
                           ${requests.map((q) => q.period.from)}::date[], ${requests.map((q) => q.period.to)}::date[]) AS r("i", "planId", "studentId", "from", "to")
    ),
    plans AS MATERIALIZED (SELECT DISTINCT "planId" FROM r),
    components AS (
      SELECT c."interventionId", count(*)::int AS "n"
      FROM "InterventionComponent" c
      WHERE c."districtId" = ${districtId}::uuid AND c."retiredAt" IS NULL
      GROUP BY c."interventionId"
    ),
    -- The phase in force on a day: the last to start by then (by start, then number), the first before them all.
    phases AS MATERIALIZED (
      SELECT pp."planId",
             CASE WHEN row_number() OVER w = 1 THEN '-infinity'::date ELSE pp."startDate" END AS "lo",
             coalesce(lead(pp."startDate") OVER w, 'infinity'::date) AS "hi",
             coalesce(k."n", 0) AS "components"
      FROM "PlanPhase" pp
      JOIN plans ON plans."planId" = pp."planId"
      LEFT JOIN components k ON k."interventionId" = pp."interventionId"
      WHERE pp."districtId" = ${districtId}::uuid
      WINDOW w AS (PARTITION BY pp."planId" ORDER BY pp."startDate", pp."number")
    ),
    attended AS (
      SELECT r."i",
             coalesce(sum(CASE WHEN a."status" = 'PRESENT' THEN s."minutes" WHEN a."status" = 'PARTIAL' THEN least(coalesce(a."minutes", s."minutes"), s."minutes") ELSE 0 END)
                      FILTER (WHERE s."status" = 'HELD'), 0)::int AS "minutes",
             coalesce(sum(least(s."componentsDelivered", ph."components")) FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'), 0)::int AS "delivered",
             coalesce(sum(ph."components") FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'), 0)::int AS "expected",
             count(*)::int AS "offered",
             (count(*) FILTER (WHERE a."status" <> 'ABSENT'))::int AS "attended",
             (count(*) FILTER (WHERE s."status" = 'HELD' AND a."status" <> 'ABSENT'))::int AS "held"
      FROM r
      -- The attendance row carries its session's plan and date (copied), so the request's plan, student and period select it directly.
      JOIN "SessionAttendance" a ON a."districtId" = ${districtId}::uuid AND a."planId" = r."planId" AND a."studentId" = r."studentId" AND a."date" BETWEEN r."from" AND r."to"
      JOIN "InterventionSession" s ON s."districtId" = a."districtId" AND s."id" = a."sessionId" AND s."voidedAt" IS NULL
      LEFT JOIN phases ph ON ph."planId" = s."planId" AND s."date" >= ph."lo" AND s."date" < ph."hi"
      GROUP BY r."i"
    ),
    -- Days the whole plan did not meet, and whether anything is logged on asOf: few sessions, read once per plan.
    marked AS (
      SELECT s."planId", s."date", s."status" = 'SCHOOL_CLOSED' AS "closed"
      FROM "InterventionSession" s
      JOIN plans ON plans."planId" = s."planId"
      WHERE s."districtId" = ${districtId}::uuid AND s."voidedAt" IS NULL AND (s."status" = 'SCHOOL_CLOSED' OR s."date" = ${asOf}::date)
    ),
    days AS (
      SELECT r."i",
             coalesce(array_agg(DISTINCT to_char(m."date", 'YYYY-MM-DD')) FILTER (WHERE m."closed"), '{}') AS "closed",
             coalesce(bool_or(m."date" = ${asOf}::date), false) AS "loggedToday"
      FROM r
      JOIN marked m ON m."planId" = r."planId" AND m."date" BETWEEN r."from" AND r."to"
      GROUP BY r."i"
    )
    SELECT r."i", coalesce(t."minutes", 0) AS "minutes", coalesce(t."delivered", 0) AS "delivered", coalesce(t."expected", 0) AS "expected",
           coalesce(t."offered", 0) AS "offered", coalesce(t."attended", 0) AS "attended", coalesce(t."held", 0) AS "held",
           coalesce(d."closed", '{}') AS "closed", coalesce(d."loggedToday", false) AS "loggedToday"
    FROM r
    LEFT JOIN attended t ON t."i" = r."i"
    LEFT JOIN days d ON d."i" = r."i"`;
  if (wholeSets) await tx.$executeRaw`SET LOCAL enable_nestloop = on`;
  return rows;
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

/** The goals grouped per school: plans, students and the split of each school, by school name. */
function schoolsOf(judged: readonly Judged[]): SchoolEffect[] {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) {
    const list = groups.get(j.goal.schoolId);
    if (list) list.push(j);
    else groups.set(j.goal.schoolId, [j]);
  }
  return [...groups.values()]
    .map((list): SchoolEffect => {
      const first = list[0]!.goal;
      return {
        school: { id: first.schoolId, name: first.schoolName },
        plans: new Set(list.map((j) => j.goal.planId)).size,
        students: new Set(list.map((j) => j.goal.studentId)).size,
        split: effectivenessSplit(list.map((j) => j.outcome)),
      };
    })
    .sort((a, b) => collator.compare(a.school.name, b.school.name) || a.school.id.localeCompare(b.school.id));
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
  // One request per student, plan and period (a student's goals on a plan mostly share one).
  const requests: DeliveryRequest[] = [];
  const requestOf = new Map<string, number>();
  const requestIndex = prepared.map((p) => {
    const key = `${p.g.planId}/${p.g.studentId}/${p.period.from}/${p.period.to}`;
    let i = requestOf.get(key);
    if (i === undefined) {
      i = requests.push({ planId: p.g.planId, studentId: p.g.studentId, period: p.period }) - 1;
      requestOf.set(key, i);
    }
    return i;
  });
  const deliveries = new Map((await deliveriesIn(tx, ctx.districtId, requests, asOf)).map((d) => [d.i, d]));
  const thresholds = { dosage: settings.dosageThreshold, fidelity: settings.fidelityThreshold };
  const judged: Judged[] = prepared.map(({ g, inForce, period, dosagePhases }, n) => {
    const d = deliveries.get(requestIndex[n]!);
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
  const interventionKey = (j: Judged) => interventionRowKey(j.goal);
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
  const bySchool = rowsBy(judged, (j) => `${interventionKey(j)}/${j.goal.schoolId}`, nameOf, true);
  return {
    asOf,
    currentYear,
    thresholds,
    interventions: rowsBy(judged, interventionKey, nameOf, false),
    bySchool,
    schools: schoolsOf(judged),
    verdicts: keptVerdictCounts(bySchool),
    growth,
    goals: judged.length,
  };
}

// The district view (no school chosen among several, as the page's bySchool) reads kept figures without bySchool.
export const getEffectivenessDashboard = (ctx: Ctx, params: SearchParams, now?: Date) =>
  runDashboard<EffectivenessRead>(ctx, "effectiveness", params, "view", effectivenessIn, now, (f, options) =>
    !f.school && options.schools.length > 1 ? { keys: ["bySchool"], when: "verdicts" } : null,
  );
export const exportEffectivenessDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "effectiveness", params, "export", effectivenessIn, now);

/** How many of an intervention's schools (or a school's interventions) each verdict was given to. */
export type VerdictCounts = Readonly<Record<EffectVerdict, number>>;

/** An intervention row's key in verdictCounts' perIntervention. */
export const interventionRowKey = (r: Pick<EffectRow, "interventionId" | "area">) => r.interventionId ?? `custom/${r.area}`;

/**
 * The per-intervention-and-school rows' verdicts counted per school and per
 * intervention (the key of an intervention row: its library id, or its area
 * for the custom ones). The district view shows these instead of every
 * intervention x school row (about 1,000 at the scale district, issue 18):
 * "works at 12 schools, not delivered at 3" tells an intervention that does
 * not work from one that is not delivered, and a school's row says how many of
 * its interventions are not working or not delivered. Each count is of the
 * rows the CSV lists, so the two agree.
 */
export function verdictCounts(bySchool: readonly EffectRow[]): { perSchool: Map<string, VerdictCounts>; perIntervention: Map<string, VerdictCounts> } {
  const perSchool = new Map<string, Record<EffectVerdict, number>>();
  const perIntervention = new Map<string, Record<EffectVerdict, number>>();
  const add = (map: Map<string, Record<EffectVerdict, number>>, key: string, verdict: EffectVerdict) => {
    const counts = map.get(key) ?? { works: 0, "does-not-work": 0, "not-delivered": 0, "too-little-data": 0 };
    counts[verdict] += 1;
    map.set(key, counts);
  };
  for (const r of bySchool) {
    if (r.school) add(perSchool, r.school.id, r.verdict);
    add(perIntervention, interventionRowKey(r), r.verdict);
  }
  return { perSchool, perIntervention };
}

/** verdictCounts as kept in the figures (JSON: records, not maps). */
export interface KeptVerdictCounts {
  perSchool: Record<string, VerdictCounts>;
  perIntervention: Record<string, VerdictCounts>;
}

function keptVerdictCounts(bySchool: readonly EffectRow[]): KeptVerdictCounts {
  const { perSchool, perIntervention } = verdictCounts(bySchool);
  return { perSchool: Object.fromEntries(perSchool), perIntervention: Object.fromEntries(perIntervention) };
}

/** The verdict counts of figures as read: kept ones, else counted from bySchool (figures kept before `verdicts`). */
export function verdictCountsOf(e: EffectivenessRead): { perSchool: ReadonlyMap<string, VerdictCounts>; perIntervention: ReadonlyMap<string, VerdictCounts> } {
  if (e.verdicts) return { perSchool: new Map(Object.entries(e.verdicts.perSchool)), perIntervention: new Map(Object.entries(e.verdicts.perIntervention)) };
  return verdictCounts(e.bySchool ?? []);
}
