/**
 * The recommendation beside a goal's graph (DOMAIN.md step 6; issue 6):
 * continue, raise the goal, change or intensify, consider fading or exit,
 * consider referral, or not enough data yet. Always with the reason in plain
 * English, the rule that decided and the numbers behind it, and never on too
 * little data.
 *
 * In order:
 * 1. Goal met: the N most recent points of the period (N = the four-point
 *    rule's count, so one lucky probe does not end an intervention) are all
 *    at or beyond the target -> consider fading or exit.
 * 2. The deciding rule, by the district's precedence (rulePrecedence;
 *    decision 011): the rule it puts first decides once it has its points,
 *    the other until then. With the default TREND_FIRST that is the trend
 *    rule once the period has its minimum points (it uses every point of the
 *    period), before that the four-point rule, which needs fewer. When both
 *    can decide and disagree, `overridden` says in one sentence which rule
 *    was overridden and why; when they agree or the other cannot decide, its
 *    message is kept in `notes`.
 *    With too few points for both -> not enough data, saying how many more.
 * 3. A "change instruction" outcome passes the dosage gate first: with dosage
 *    or fidelity below threshold (or not logged) it becomes "not enough data"
 *    with the delivery shortfall as the reason, never an intensification.
 * 4. A change that passed the gate after `referralAfterPhases` earlier phases
 *    (changes already tried) -> consider referral.
 * Raising the goal and continuing are never gated: good progress on less
 * than the planned dosage is still progress. But neither is said without
 * `warning` when the trend projects the target will not be met by the
 * target date: "Continue" must not read as "on course".
 */

import { formatDayMonth, meetsTarget, type DateInput } from "../goals";
import { formatValue, type Measure } from "../measures";
import { aimline as aimlineOf, type Aimline, type AimlineInput } from "./aimline";
import { dosageGate, NOT_NON_RESPONSE, type Delivery, type DosageGate } from "./dosage";
import { fourPointRule, type FourPointResult } from "./four-point-rule";
import { gapAnalysis, type GapAnalysis } from "./gap";
import { monitoringPeriod, onlyPoints, snapTo, sortPoints, type MonitoringPeriod, type ProgressPoint } from "./points";
import { roiSinceBaseline, type RoiSinceBaseline } from "./roi";
import { DEFAULT_DISTRICT_SETTINGS, type DistrictSettings } from "../settings";
import { outcomeAction, pointRuleName, theMostRecent, TREND_RULE_NAME, type InsufficientData } from "./sufficiency";
import { trendRule, type TrendRuleResult } from "./trend-rule";

export type RecommendationKind = "continue" | "raise-goal" | "change" | "fade-or-exit" | "referral" | "insufficient";

/** Which rule produced the recommendation. */
export type DecidingRule = "goal-met" | "trend" | "four-point" | "dosage" | "referral" | "data-sufficiency";

/** Earlier phases (changes already tried) after which a still-poor response suggests referral. */
export const DEFAULT_REFERRAL_AFTER_PHASES = 2;

export interface BenchmarkInput {
  benchmark: number;
  /** The date the benchmark applies to (the season's screening date). */
  byDate: DateInput;
  /** Per week; default the goal ROI. */
  referenceRoi?: number;
  referenceLabel?: string;
  realisticMultiple?: number;
}

export interface RecommendationInput {
  measure: Measure;
  goal: AimlineInput;
  /** The goal's VALID probes (invalid ones left out by the caller), any order. */
  points: readonly ProgressPoint[];
  settings?: Partial<DistrictSettings>;
  /** Start of the plan's current phase, when the plan has changed since the baseline. */
  phaseStartDate?: DateInput;
  /** Phases of the plan before the current one (0 for an unchanged plan). */
  previousPhases?: number;
  referralAfterPhases?: number;
  /** Delivered dosage and fidelity for the period (from session logs); required, because every review starts there. */
  delivery: Delivery;
  /** When a benchmark is set for the measure, grade and season. */
  benchmark?: BenchmarkInput;
}

/** The numbers behind a recommendation, for the panel beside the graph. */
export interface RecommendationNumbers {
  /** Points in the judged period. */
  pointsInPeriod: number;
  /** Points the deciding rule looked at. */
  pointsUsed: number;
  /** More points the deciding rule needs (insufficient data only). */
  missingPoints?: number;
  aimlineSlopePerWeek: number;
  trendSlopePerWeek?: number;
  projectedValue?: number;
  target: number;
  targetDate: string;
  dosagePercent?: number;
  fidelityPercent?: number;
}

export interface Recommendation {
  kind: RecommendationKind;
  /** "Change or intensify instruction" */
  title: string;
  /** "The 4 most recent points are below the aimline: change instruction." */
  reason: string;
  rule: DecidingRule;
  /** The statistical rule behind a trend, four-point, dosage or referral recommendation. */
  basedOn?: "trend" | "four-point";
  numbers: RecommendationNumbers;
  /** The other rules' messages, shown under the reason. */
  notes: string[];
  /** When both rules could decide and disagreed: which was overridden and why, in one sentence. */
  overridden?: string;
  /** When the recommendation is to continue or raise the goal but the trend will not reach the target by the target date. */
  warning?: string;
  period: MonitoringPeriod;
  aimline: Aimline;
  fourPoint: FourPointResult;
  trend: TrendRuleResult;
  roi: RoiSinceBaseline;
  gap?: GapAnalysis;
  delivery: DosageGate;
}

const TITLES: Record<RecommendationKind, string> = {
  continue: "Continue",
  "raise-goal": "Raise the goal",
  change: "Change or intensify instruction",
  "fade-or-exit": "Consider fading or exit",
  referral: "Consider referral",
  insufficient: "Not enough data yet",
};

/** "Only 3 points since the baseline; the four-point rule needs 4 (1 more) and the trend rule needs 6 (3 more)." */
function bothTooFew(period: MonitoringPeriod, fourPointName: string, a: InsufficientData, b: InsufficientData): string {
  return (
    `${onlyPoints(period.points.length)} ${period.label}; the ${fourPointName} needs ${a.required} (${a.missing} more) ` +
    `and the ${TREND_RULE_NAME} needs ${b.required} (${b.missing} more).`
  );
}

/**
 * "The four-point rule says change instruction (the 4 most recent points are
 * below the aimline), but the trend rule decides: the district puts it
 * first, and it uses all 11 points since the baseline, not only the latest 4."
 */
function overriddenSentence(
  chosen: { rule: "trend" | "four-point"; used: number },
  other: { rule: "trend" | "four-point"; outcome: "continue" | "raise-goal" | "change"; finding: string },
  pointsInPeriod: number,
  n: number,
): string {
  const otherName = other.rule === "trend" ? TREND_RULE_NAME : pointRuleName(n);
  const chosenName = chosen.rule === "trend" ? TREND_RULE_NAME : pointRuleName(n);
  const finding = other.finding.charAt(0).toLowerCase() + other.finding.slice(1);
  const why =
    chosen.rule === "trend"
      ? `it uses all ${pointsInPeriod} points of the period, not only the latest ${n}`
      : `it judges the latest ${n} points, which show the response now`;
  return `The ${otherName} says ${outcomeAction(other.outcome)} (${finding}), but the ${chosenName} decides: the district puts it first, and ${why}.`;
}

export function recommend(input: RecommendationInput): Recommendation {
  const settings: DistrictSettings = { ...DEFAULT_DISTRICT_SETTINGS, ...input.settings };
  const { measure, phaseStartDate } = input;
  // Sorted once: each rule below sorts what it is given, and a sorted array comes back as it is (points.ts).
  const points = sortPoints(input.points);
  const aim = aimlineOf(input.goal);
  const period = monitoringPeriod(points, { baselineDate: aim.baselineDate, phaseStartDate });
  const fourPoint = fourPointRule({ measure, aimline: aim, points, phaseStartDate, pointsToJudge: settings.fourPointRulePoints });
  const trend = trendRule({ measure, aimline: aim, points, phaseStartDate, minPoints: settings.trendMinPoints, method: settings.trendMethod });
  const roi = roiSinceBaseline({ measure, baseline: aim.baseline, baselineDate: aim.baselineDate, points });
  const delivery = dosageGate(input.delivery, settings);
  // Until probes come in after the baseline, the baseline is the current score.
  const gapPoints = period.points.length > 0 ? period.points : [{ date: aim.baselineDate, score: aim.baseline }];
  const gap =
    input.benchmark &&
    gapAnalysis({
      measure,
      points: gapPoints,
      ...input.benchmark,
      referenceRoi: input.benchmark.referenceRoi ?? aim.slopePerWeek,
    });

  const n = settings.fourPointRulePoints;
  const base = {
    period,
    aimline: aim,
    fourPoint,
    trend,
    roi,
    gap,
    delivery,
    numbers: {
      pointsInPeriod: period.points.length,
      pointsUsed: 0,
      aimlineSlopePerWeek: aim.slopePerWeek,
      trendSlopePerWeek: trend.sufficient ? trend.trend.slopePerWeek : undefined,
      projectedValue: trend.sufficient ? trend.projectedValue : undefined,
      target: aim.target,
      targetDate: aim.targetDate,
      dosagePercent: delivery.dosagePercent,
      fidelityPercent: delivery.fidelityPercent,
    },
  };
  const result = (
    kind: RecommendationKind,
    rule: DecidingRule,
    reason: string,
    used: number,
    notes: string[],
    extra: { basedOn?: "trend" | "four-point"; missingPoints?: number; overridden?: string; warning?: string } = {},
  ): Recommendation => ({
    ...base,
    kind,
    title: kind === "insufficient" && rule === "dosage" ? "Not enough delivery to judge yet" : extra.warning ? `${TITLES[kind]}, with a warning` : TITLES[kind],
    reason,
    rule,
    basedOn: extra.basedOn,
    notes,
    ...(extra.overridden ? { overridden: extra.overridden } : {}),
    ...(extra.warning ? { warning: extra.warning } : {}),
    numbers: { ...base.numbers, pointsUsed: used, missingPoints: extra.missingPoints },
  });

  const recent = period.points.slice(-n);
  if (recent.length === n && recent.every((p) => meetsTarget(measure, snapTo(p.score, aim.target), aim.target))) {
    return result(
      "fade-or-exit",
      "goal-met",
      `${theMostRecent(n)} at or beyond the target ${formatValue(measure, aim.target)}: the goal is met; consider fading the support or exiting the intervention.`,
      n,
      [fourPoint.message, trend.message],
    );
  }

  type Decision = { outcome: "continue" | "raise-goal" | "change"; rule: "trend" | "four-point"; finding: string; message: string; used: number };
  const byTrend: Decision | null = trend.sufficient ? { outcome: trend.outcome, rule: "trend", finding: trend.finding, message: trend.message, used: trend.available } : null;
  const byPoints: Decision | null = fourPoint.sufficient
    ? { outcome: fourPoint.outcome, rule: "four-point", finding: fourPoint.finding, message: fourPoint.message, used: fourPoint.required }
    : null;
  const [first, second] = settings.rulePrecedence === "FOUR_POINT_FIRST" ? [byPoints, byTrend] : [byTrend, byPoints];
  const chosen = first ?? second;
  if (!chosen && !fourPoint.sufficient && !trend.sufficient) {
    const both = fourPoint.reason === "too-few-points" && trend.reason === "too-few-points";
    const reason = both ? bothTooFew(period, pointRuleName(n), fourPoint, trend) : `${fourPoint.message} ${trend.message}`;
    return result("insufficient", "data-sufficiency", reason, period.points.length, [], { missingPoints: Math.min(fourPoint.missing, trend.missing) });
  }
  // One of the rules has its points, so one of them decides.
  if (!chosen) throw new Error("A rule with its points always decides.");
  const other = chosen === byTrend ? byPoints : byTrend;
  const otherMessage = chosen === byTrend ? fourPoint.message : trend.message;
  const disagree = other !== null && other.outcome !== chosen.outcome;
  const decision = {
    ...chosen,
    notes: disagree ? [] : [otherMessage],
    overridden: disagree ? overriddenSentence(chosen, other, period.points.length, n) : undefined,
  };
  // Continue or raise the goal on a trend that will not reach the target: say so, whichever rule decided.
  const warning =
    trend.sufficient && !trend.willMeetTarget
      ? `Warning: on the current trend the goal will not be met by ${formatDayMonth(trend.targetDate, period.points.at(-1)?.date ?? aim.baselineDate)}: projected ${formatValue(measure, trend.projectedValue)}, target ${formatValue(measure, trend.target)}. Review the plan at the next data meeting.`
      : undefined;

  const basedOn = { basedOn: decision.rule, overridden: decision.overridden };
  if (decision.outcome !== "change") return result(decision.outcome, decision.rule, decision.message, decision.used, decision.notes, { ...basedOn, warning });
  if (!delivery.ok) {
    return result(
      "insufficient",
      "dosage",
      `${decision.finding}, but ${delivery.shortfalls.join(" and ")}: ${NOT_NON_RESPONSE}`,
      decision.used,
      decision.notes,
      basedOn,
    );
  }
  const earlier = input.previousPhases ?? 0;
  const referralAfter = input.referralAfterPhases ?? DEFAULT_REFERRAL_AFTER_PHASES;
  if (earlier >= referralAfter) {
    return result(
      "referral",
      "referral",
      `${decision.finding}, in phase ${earlier + 1} of the plan after ${earlier} earlier ${earlier === 1 ? "phase" : "phases"}: the response is still poor; consider a referral for a special-education evaluation.`,
      decision.used,
      decision.notes,
      basedOn,
    );
  }
  return result("change", decision.rule, decision.message, decision.used, decision.notes, basedOn);
}
