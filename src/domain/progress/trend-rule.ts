/**
 * The trend rule (DOMAIN.md step 6): once the period has at least M points
 * (the district's trendMinPoints, 6 by default), fit the trend (OLS or Tukey,
 * the district's trendMethod), compare its slope with the aimline's and
 * project it to the target date.
 *
 * Direction-aware: "faster" means improving faster in the measure's better
 * direction, so for a lower-is-better measure a more negative slope is faster
 * (compareScores from goals.ts works on slopes as on scores).
 *
 * The outcome reads the slope and the projection together:
 * - faster than the aimline and projected at or beyond the target: raise the goal;
 * - not faster (slower or the same) and projected short of the target: change instruction;
 * - otherwise continue: a trend faster than the aimline that still ends short
 *   is catching up, and one slower that still ends past the target is ahead
 *   of the aimline; in both the goal will be, or is being, reached on course.
 * The published rule compares slopes only; the projection guards against the
 * two cases above, where a slope alone would raise a goal the student will
 * not reach or change instruction for a student who will reach it.
 */

import { formatDayMonth, formatRate, isImprovement, meetsTarget, type DateInput } from "../goals";
import { formatValue, type Measure } from "../measures";
import type { Aimline } from "./aimline";
import { monitoringPeriod, sideOf, snapTo, type ProgressPoint } from "./points";
import { DEFAULT_DISTRICT_SETTINGS, type TrendMethod } from "../settings";
import { outcomeAction, requirePointSetting, tooFewPoints, TREND_RULE_NAME, type InsufficientData, type RuleOutcome } from "./sufficiency";
import { trendLine, trendValueAt, type TrendLine } from "./trend";

export interface TrendRuleInput {
  measure: Measure;
  aimline: Aimline;
  /** The goal's valid points, any order; those on or before the baseline date are left out (monitoringPeriod). */
  points: readonly ProgressPoint[];
  /** Start of the current phase after a plan change: only its points are fitted. */
  phaseStartDate?: DateInput;
  /** M, the district's trendMinPoints. */
  minPoints?: number;
  method?: TrendMethod;
}

export interface TrendDecision {
  sufficient: true;
  outcome: RuleOutcome;
  /** M */
  required: number;
  available: number;
  /** Fitted to the period's points, with the baseline date as origin (intercept = the trend on the baseline date). */
  trend: TrendLine;
  aimlineSlopePerWeek: number;
  /** The trend's pace against the aimline's, in the measure's better direction. */
  pace: "faster" | "same" | "slower";
  /** The trend on the target date, held within the measure's min/max (a score cannot leave its scale). */
  projectedValue: number;
  /** "yyyy-mm-dd" */
  targetDate: string;
  target: number;
  projection: "beyond" | "at" | "short";
  /** meetsTarget (goals.ts) on the projected value. */
  willMeetTarget: boolean;
  finding: string;
  message: string;
}

export type TrendRuleResult = TrendDecision | InsufficientData;

const METHOD_WORDS: Record<TrendMethod, string> = { OLS: "least squares", TUKEY: "Tukey" };

function clampToScale(measure: Measure, value: number): number {
  return Math.min(measure.max ?? Infinity, Math.max(measure.min ?? -Infinity, value));
}

export function trendRule({
  measure,
  aimline,
  points,
  phaseStartDate,
  minPoints = DEFAULT_DISTRICT_SETTINGS.trendMinPoints,
  method = DEFAULT_DISTRICT_SETTINGS.trendMethod,
}: TrendRuleInput): TrendRuleResult {
  const m = requirePointSetting(minPoints, 2, "The trend rule's minimum number of points");
  const period = monitoringPeriod(points, { baselineDate: aimline.baselineDate, phaseStartDate });
  if (period.points.length < m) return tooFewPoints(TREND_RULE_NAME, m, period);
  const trend = trendLine(period.points, method, aimline.baselineDate);
  if (trend === undefined) {
    const available = period.points.length;
    return {
      sufficient: false,
      required: m,
      available,
      missing: 1,
      reason: "one-date",
      message: `All ${available} points ${period.label} are on ${formatDayMonth(period.points[0]?.date ?? period.since)}; the ${TREND_RULE_NAME} needs points on at least two dates (1 more on another date).`,
    };
  }

  const paceSide = sideOf(measure, trend.slopePerWeek, aimline.slopePerWeek);
  const pace = paceSide === 1 ? "faster" : paceSide === -1 ? "slower" : "same";
  const projectedValue = clampToScale(measure, trendValueAt(trend, aimline.targetDate));
  const projectionSide = sideOf(measure, projectedValue, aimline.target);
  const projection = projectionSide === 1 ? "beyond" : projectionSide === 0 ? "at" : "short";
  const willMeetTarget = meetsTarget(measure, snapTo(projectedValue, aimline.target), aimline.target);

  let outcome: RuleOutcome = "continue";
  let why = "";
  if (pace === "faster" && willMeetTarget) outcome = "raise-goal";
  else if (pace !== "faster" && !willMeetTarget) outcome = "change";
  else if (pace === "faster") why = ", the trend is catching up with the aimline";
  else if (pace === "slower") why = ", the student is ahead of the aimline though improving more slowly";

  const trendRate = formatRate(measure, trend.slopePerWeek);
  const aimRate = formatRate(measure, aimline.slopePerWeek);
  const improving = isImprovement(measure, 0, snapTo(trend.slopePerWeek, 0));
  const paceWords =
    pace === "faster"
      ? `faster than the aimline (${aimRate})`
      : pace === "same"
        ? `as fast as the aimline (${aimRate})`
        : improving
          ? `slower than the aimline (${aimRate})`
          : `not improving, while the aimline needs ${aimRate}`;
  const where = projection === "beyond" ? "beyond" : projection === "at" ? "at" : "short of";
  const latest = period.points.at(-1)?.date;
  const finding =
    `The trend (${trendRate}, ${METHOD_WORDS[method]} over ${period.points.length} points ${period.label}) is ${paceWords}; ` +
    `projected to ${formatValue(measure, projectedValue)} by ${formatDayMonth(aimline.targetDate, latest)}, ${where} the target ${formatValue(measure, aimline.target)}`;
  return {
    sufficient: true,
    outcome,
    required: m,
    available: period.points.length,
    trend,
    aimlineSlopePerWeek: aimline.slopePerWeek,
    pace,
    projectedValue,
    targetDate: aimline.targetDate,
    target: aimline.target,
    projection,
    willMeetTarget,
    finding,
    message: `${finding}: ${outcomeAction(outcome)}${why}.`,
  };
}
