import "server-only";
import { formatValue } from "@/domain/measures";
import { formatDay } from "@/domain/time-zone";
import { z } from "zod";
import { dayNumber, toIsoDay } from "@/domain/goals";
import { rateDecimalsOf, roundHalfAwayFromZero } from "@/domain/measures";
import { can } from "@/domain/permissions";
import { monitoringPeriod, recommend, type Recommendation } from "@/domain/progress";
import { describeGraph, progressGraph, type ProgressGraph } from "@/domain/progress/graph";
import { phaseInForce, probeDue, type ProbeDue } from "@/domain/progress/review";
import { seasonOf, type Season } from "@/domain/benchmarks";
import type { DistrictSettings } from "@/domain/settings";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName, studentLegalNameIfOther } from "@/server/caseloads/names";
import { goalViewOf, type GoalView } from "@/server/goals/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { goalReach } from "@/server/reach";
import { planTitleOf } from "@/server/plans/schemas";
import { districtSettingsIn } from "@/server/settings/queries";
import { todayIso, type GradeLevel } from "@/server/students/schemas";
import { TIER_LABEL, type InterventionArea, type TierLevel } from "@/server/tiers/schemas";
import { toCsv } from "@/server/csv";
import { studentDosageInPeriod, studentDosageInPeriodsIn } from "@/server/sessions/queries";
import { entryClosedMessage, probesOfGoalIn, probesOfGoalsIn, type ProbeRow } from "@/server/probes/queries";
import type { PeriodSummary } from "@/domain/dosage";

// With the plan's phases and the student's tier decisions (every area: a
// handful of rows), so the goal and what its graph draws come in one
// statement (relation joins, docs/decisions/007-statements-per-page.md).
const GOAL_INCLUDE = {
  // With its benchmarks (at most a grade by season grid): the gap analysis picks the student's.
  measure: { include: { benchmarks: { select: { grade: true, season: true, benchmark: true, riskCut: true } } } },
  student: {
    select: {
      id: true,
      grade: true,
      localId: true,
      ...STUDENT_NAME_SELECT,
      tiers: { select: { area: true, tier: true, effectiveDate: true, reason: true }, orderBy: [{ effectiveDate: "asc" as const }, { createdAt: "asc" as const }] },
    },
  },
  plan: {
    select: {
      id: true,
      schoolId: true,
      area: true,
      status: true,
      startDate: true,
      endDate: true,
      scheduleDays: true,
      sessionsPerWeek: true,
      minutesPerSession: true,
      customIntervention: true,
      intervention: { select: { name: true } },
      phases: { select: { number: true, startDate: true, change: true }, orderBy: { number: "asc" } },
    },
  },
  changes: { select: { changedOn: true, targetValue: true, targetDate: true, previousTargetValue: true }, orderBy: [{ changedOn: "asc" as const }, { createdAt: "asc" as const }] },
} as const satisfies Prisma.GoalInclude;

export interface GraphGoalChange {
  date: string;
  /** "Goal raised to 90 by 12 Mar 2027 (was 70)" */
  label: string;
}

export interface GraphPhase {
  number: number;
  startDate: string;
  /** "Phase 2: a fifth session a week (was 4)" */
  label: string;
}

export interface GraphTierDecision {
  date: string;
  tier: TierLevel;
  reason: string;
}

export interface GoalGraphView {
  today: string;
  goal: GoalView;
  student: { id: string; name: string; /** When it differs from `name` (the name the student goes by). */ legalName: string | null; grade: GradeLevel; localId: string };
  plan: { id: string; title: string; area: InterventionArea; status: string };
  /** Every phase after the first (the plan changes drawn as phase lines). */
  phases: GraphPhase[];
  /** The plan area's tier decisions inside the graph's dates. */
  tierDecisions: GraphTierDecision[];
  /** Changes of the goal's target or date (the goal form or a meeting), drawn as lines like the plan's phases. */
  goalChanges: GraphGoalChange[];
  probes: ProbeRow[];
  graph: ProgressGraph;
  /** The graph in words (its text alternative). */
  summary: string;
  recommendation: Recommendation;
  /** The period the dosage gate judged, with planned and delivered minutes when logged. */
  delivery: { from: string; to: string; plannedMinutes?: number; deliveredMinutes?: number };
  /** The student's grade and today's season: the benchmark the gap analysis looks for. */
  benchmarkKey: { grade: GradeLevel; season: Season };
  /** That benchmark, or null when the district has set none. */
  benchmark: number | null;
  settings: DistrictSettings;
  /** Whether the next probe is due, by the student's current tier in the plan's area. */
  probeDue: ProbeDue;
  /** The user may enter and correct this goal's probes (and the goal is open). */
  mayEnterProbes: boolean;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * A goal's progress graph and decision support for the signed-in user, or 404
 * with a `denied` audit event (unknown, malformed, another district's or an
 * out-of-reach goal): plan.view and probe.view on the goal's plan (goalReach:
 * the plan's reach, not the student's, so an assistant does not read another
 * plan of a student they serve, nor a plan that ended). Writes one audit event about the student: `view`
 * for the page, `export` for the CSV. One transaction; every statistic is
 * computed here (src/domain/progress), so the page and the chart only show them.
 */
export async function getGoalGraph(ctx: Ctx, unverifiedGoalId: string, audit: "view" | "export" = "view"): Promise<GoalGraphView> {
  await authorizePage(ctx, "probe.view", { entityType: "Goal" });
  const id = z.uuid().safeParse(unverifiedGoalId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const goal = await tx.goal.findFirst({ where: { id: id.data, districtId: ctx.districtId }, include: GOAL_INCLUDE });
        if (!goal) return null;
        // plan.view, probe.view and probe.enter are all reached as the goal's plan is (one answer for the three).
        const resource = await goalReach(tx, ctx, ["plan.view", "probe.view", "probe.enter"], goal);
        if (!can(ctx, "plan.view", resource) || !can(ctx, "probe.view", resource)) return { denied: goal.studentId } as const;
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: audit,
          entityType: "Goal",
          entityId: goal.id,
          studentId: goal.studentId,
          detail: { page: "progress graph" },
        });
        return graphOf(tx, ctx.districtId, goal, can(ctx, "probe.enter", resource) && entryClosedMessage(goal) === null);
      })
    : null;
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "probe.view", { entityType: "Goal", entityId: unverifiedGoalId.slice(0, 64), studentId: found?.denied ?? null });
  }
  return found;
}

type GoalRow = Prisma.GoalGetPayload<{ include: typeof GOAL_INCLUDE }>;

async function graphOf(tx: Tx, districtId: string, goal: GoalRow, mayEnterProbes: boolean): Promise<GoalGraphView> {
  const today = todayIso();
  const prepared = prepareGraph(goal, await probesOfGoalIn(tx, districtId, goal.id), await districtSettingsIn(tx, districtId), today);
  const dosage = await studentDosageInPeriod(tx, districtId, prepared.dosagePlan, goal.studentId, prepared.deliveryPeriod);
  return finishGraph(prepared, dosage, mayEnterProbes);
}

/**
 * The graphs of a student's goals, one per goal, in the order of the goals
 * given (the referral packet draws all of them): the same views getGoalGraph
 * builds, with the same arithmetic, read in a fixed number of statements
 * whatever the number of goals (the goals with their plans, phases and
 * tiers; every probe; the settings; the delivery of every plan) instead of
 * four per goal. Read-only views (no probe entry). The caller has
 * authorized the student and audits.
 */
export async function goalGraphsOfStudentIn(tx: Tx, districtId: string, studentId: string, where: Prisma.GoalWhereInput = {}): Promise<GoalGraphView[]> {
  const goals = await tx.goal.findMany({
    where: { ...where, districtId, studentId },
    include: GOAL_INCLUDE,
    orderBy: [{ plan: { startDate: "asc" } }, { baselineDate: "asc" }, { id: "asc" }],
  });
  if (goals.length === 0) return [];
  const today = todayIso();
  const probes = await probesOfGoalsIn(tx, districtId, goals.map((g) => g.id));
  const settings = await districtSettingsIn(tx, districtId);
  const prepared = goals.map((g) => prepareGraph(g, probes.get(g.id) ?? [], settings, today));
  const dosage = await studentDosageInPeriodsIn(
    tx,
    districtId,
    studentId,
    prepared.map((p) => ({ plan: p.dosagePlan, period: p.deliveryPeriod })),
  );
  return prepared.map((p, i) => finishGraph(p, dosage[i]!, false));
}

/** What a graph needs before its delivery is read: the goal, its probes, the periods and the plan's dosage fields. */
interface PreparedGraph {
  goal: GoalRow;
  today: string;
  probes: ProbeRow[];
  settings: DistrictSettings;
  deliveryPeriod: { from: string; to: string };
  dosagePlan: { id: string; startDate: string; endDate: string | null; scheduleDays: number[]; sessionsPerWeek: number; minutesPerSession: number };
  period: ReturnType<typeof monitoringPeriod>;
  phaseInForce: ReturnType<typeof phaseInForce>;
}

function prepareGraph(goal: GoalRow, probes: ProbeRow[], settings: DistrictSettings, today: string): PreparedGraph {
  const { baselineDate } = goalViewOf(goal, today);
  const points = probes.filter((p) => !p.invalid).map((p) => ({ date: p.date, score: p.score }));
  const inForce = phaseInForce(goal.plan.phases, today);
  const period = monitoringPeriod(points, { baselineDate, phaseStartDate: inForce.phaseStartDate });
  const { id: planId, scheduleDays, sessionsPerWeek, minutesPerSession } = goal.plan;
  const planStart = toIsoDay(goal.plan.startDate);
  const planEnd = goal.plan.endDate ? toIsoDay(goal.plan.endDate) : null;
  const deliveryPeriod = { from: later(period.since, planStart), to: planEnd ? earlier(today, planEnd) : today };
  const dosagePlan = { id: planId, startDate: planStart, endDate: planEnd, scheduleDays, sessionsPerWeek, minutesPerSession };
  return { goal, today, probes, settings, deliveryPeriod, dosagePlan, period, phaseInForce: inForce };
}

function finishGraph(prepared: PreparedGraph, dosage: PeriodSummary, mayEnterProbes: boolean): GoalGraphView {
  const { goal, today, probes, settings, deliveryPeriod, period } = prepared;
  const { phaseStartDate, previousPhases } = prepared.phaseInForce;
  const view = goalViewOf(goal, today);
  const { measure, baselineDate, targetDate } = view;
  const phaseRows = goal.plan.phases;
  const tierRows = goal.student.tiers.filter((t) => t.area === goal.plan.area);
  const season = seasonOf(new Date(`${today}T00:00:00Z`));
  const benchmarkRow = goal.measure.benchmarks.find((b) => b.grade === goal.student.grade && b.season === season) ?? null;

  const valid = probes.filter((p) => !p.invalid);
  const points = valid.map((p) => ({ date: p.date, score: p.score }));
  const planStart = prepared.dosagePlan.startDate;

  const recommendation = recommend({
    measure,
    goal: { baseline: goal.baselineValue, baselineDate, target: goal.targetValue, targetDate },
    points,
    settings,
    phaseStartDate,
    previousPhases,
    delivery: { dosagePercent: dosage.minutesPercent ?? undefined, fidelityPercent: dosage.fidelityPercent ?? undefined },
    // The gap is judged against this season's benchmark, to be closed by the goal's target date.
    benchmark: benchmarkRow ? { benchmark: benchmarkRow.benchmark, byDate: targetDate } : undefined,
  });

  const title = planTitleOf(goal.plan);
  const phases = phaseRows
    .filter((p) => p.number > 1)
    .map((p): GraphPhase => ({ number: p.number, startDate: toIsoDay(p.startDate), label: `Phase ${p.number}: ${p.change?.trim() || title}` }));
  const goalChanges = goal.changes.map((c): GraphGoalChange => {
    const better = measure.direction === "higher" ? c.targetValue > c.previousTargetValue : c.targetValue < c.previousTargetValue;
    const verb = c.targetValue === c.previousTargetValue ? "moved" : better ? "raised" : "changed";
    const was = c.targetValue === c.previousTargetValue ? "" : ` (was ${formatValue(measure, c.previousTargetValue)})`;
    return { date: toIsoDay(c.changedOn), label: `Goal ${verb} to ${formatValue(measure, c.targetValue)} by ${formatDay(c.targetDate)}${was}` };
  });
  const trend = recommendation.trend.sufficient ? recommendation.trend : undefined;
  const graph = progressGraph({
    measure,
    aimline: recommendation.aimline,
    probes: probes.map((p) => ({ id: p.id, date: p.date, score: p.score, givenBy: p.givenByName, valid: !p.invalid })),
    trend: trend && { line: trend.trend, from: period.points[0]!.date, to: period.points.at(-1)!.date },
    phaseLines: [...phases.map((p) => ({ date: p.startDate, label: p.label })), ...goalChanges.map((c) => ({ date: c.date, label: c.label }))],
    tierMarkers: tierRows.map((t) => ({ date: t.effectiveDate, label: TIER_LABEL[t.tier] })),
  });
  const inRange = (day: number | undefined) => day !== undefined && day >= graph.xDomain[0] && day <= graph.xDomain[1];
  const currentTier = tierRows.filter((t) => toIsoDay(t.effectiveDate) <= today).at(-1)?.tier;
  const lastValid = valid.at(-1)?.date;

  return {
    today,
    goal: view,
    student: { id: goal.student.id, name: studentDisplayName(goal.student), legalName: studentLegalNameIfOther(goal.student), grade: goal.student.grade, localId: goal.student.localId },
    plan: { id: goal.plan.id, title, area: goal.plan.area, status: goal.plan.status },
    phases,
    goalChanges,
    tierDecisions: tierRows.filter((t) => inRange(dayNumber(t.effectiveDate))).map((t) => ({ date: toIsoDay(t.effectiveDate), tier: t.tier, reason: t.reason })),
    probes,
    graph,
    summary: describeGraph(measure, graph, { trendSlopePerWeek: trend?.trend.slopePerWeek, aimlineSlopePerWeek: recommendation.aimline.slopePerWeek, today }),
    recommendation,
    delivery: { ...deliveryPeriod, plannedMinutes: dosage.planned.minutes, deliveredMinutes: dosage.delivered.minutes },
    benchmarkKey: { grade: goal.student.grade, season },
    benchmark: benchmarkRow?.benchmark ?? null,
    settings,
    probeDue: probeDue({ lastProbeDate: lastValid, baselineDate, planStartDate: planStart, tier: currentTier, today }),
    mayEnterProbes,
  };
}

/** Why each probe marked invalid was, by id (the graph's table and CSV say it). */
export function invalidReasonsOf(view: Pick<GoalGraphView, "probes">): Record<string, string> {
  return Object.fromEntries(view.probes.flatMap((p) => (p.invalid && p.invalidReason ? [[p.id, p.invalidReason]] : [])));
}

/** The graph's table as CSV: one row per probe, the same values as the table under the graph. */
export function goalGraphCsv(view: GoalGraphView): string {
  const m = view.goal.measure;
  const reasons = invalidReasonsOf(view);
  return toCsv([
    ["date", "score", "unit", "aimline", "counted", "invalid_reason", "given_by"],
    // Numbers as numbers (rounded as the table shows them), so a negative value is not taken for a formula.
    ...view.graph.points.map((r) => [
      r.date,
      roundHalfAwayFromZero(r.score, m.decimals),
      m.unit,
      roundHalfAwayFromZero(r.aimline, rateDecimalsOf(m)),
      r.valid ? "yes" : "no",
      reasons[r.id] ?? "",
      r.givenBy,
    ]),
  ]);
}
