/**
 * Gap analysis against a benchmark (DOMAIN.md step 6): how far the student's
 * current score is from the benchmark for the measure, grade and season, the
 * ROI needed to close that gap by a date, and whether that ROI is realistic.
 */

import { baselineFrom, formatDayMonth, formatRate, goalRoi, isImprovement, MAX_BASELINE_PROBES, meetsTarget, weeksBetween, type DateInput } from "../goals";
import { formatNumber, formatValue, type Measure } from "../measures";
import { snapTo, sortPoints, type DatedPoint, type ProgressPoint } from "./points";

/** A gap ratio above this is a significant gap (DOMAIN.md step 6). */
export const SIGNIFICANT_GAP_RATIO = 2;

/**
 * A needed ROI up to this multiple of the reference ROI counts as realistic.
 * Twice the typical rate is the usual ceiling in gap analysis: growth beyond
 * it is rarely sustained, even in intensive intervention. A parameter of
 * gapAnalysis, so a district can ask for the stricter 1.5.
 */
export const DEFAULT_REALISTIC_MULTIPLE = 2;

/** How many latest points the current score is the median of: as many as a baseline. */
export const CURRENT_SCORE_POINTS = MAX_BASELINE_PROBES;

export interface CurrentScore {
  value: number;
  /** The points it is the median of, oldest first (up to CURRENT_SCORE_POINTS). */
  points: readonly DatedPoint[];
  /** The latest point's date, "yyyy-mm-dd": the day the current score describes. */
  asOf: string;
}

/**
 * The current score: the median of the last three points (of fewer when
 * there are fewer). One probe carries too much measurement error to stand for
 * the student's level; the median of three is the customary estimate, the
 * same rule as the baseline. Undefined with no points.
 */
export function currentScore(points: readonly ProgressPoint[]): CurrentScore | undefined {
  const last = sortPoints(points).slice(-CURRENT_SCORE_POINTS);
  if (last.length === 0) return undefined;
  // baselineFrom is that rule: the median of up to three probes, dated on the latest.
  const { value, date } = baselineFrom(last.map((p) => ({ value: p.score, date: p.date })));
  return { value, points: last, asOf: date };
}

/**
 * The gap ratio, always read as "how many times too far": benchmark / current
 * when higher is better (benchmark 72, current 30 -> 2.4), and current /
 * benchmark when lower is better (6 incidents against a benchmark of 2 -> 3),
 * so that above 2 is a significant gap either way. Undefined when the divisor
 * is 0 or less (a score of 0 words, a benchmark of 0 incidents): no ratio
 * says how far that is.
 */
export function gapRatio(measure: Measure, benchmark: number, current: number): number | undefined {
  const [top, bottom] = measure.direction === "higher" ? [benchmark, current] : [current, benchmark];
  return bottom > 0 ? top / bottom : undefined;
}

export interface GapAnalysisInput {
  measure: Measure;
  benchmark: number;
  /** Valid points; the current score is the median of the last three. */
  points: readonly ProgressPoint[];
  /** The date the benchmark should be reached by (the season's screening date or the goal's target date). */
  byDate: DateInput;
  /** The rate the needed ROI is judged against, per week: the goal ROI, or a typical ROI from norms. */
  referenceRoi: number;
  /** How the reference reads in a sentence; default "the goal ROI". */
  referenceLabel?: string;
  realisticMultiple?: number;
}

export interface GapAnalysis {
  benchmark: number;
  current?: CurrentScore;
  /** Undefined with no points or a divisor of 0 (see gapRatio). */
  ratio?: number;
  /** The current score is at or beyond the benchmark in the better direction. */
  atBenchmark: boolean;
  /** A ratio above SIGNIFICANT_GAP_RATIO, or a gap no ratio can express. */
  significant: boolean;
  /** Weeks from the current score's date to byDate. */
  weeksLeft?: number;
  /** (benchmark - current) / weeks left; only when there is a gap and weeks are left. */
  neededRoiPerWeek?: number;
  referenceRoiPerWeek: number;
  realisticMultiple: number;
  /** The needed ROI is at most realisticMultiple times the reference; undefined when not judged. */
  realistic?: boolean;
  message: string;
}

function medianOf(count: number): string {
  return count === 1 ? "the latest point" : `median of the last ${count} points`;
}

export function gapAnalysis({
  measure,
  benchmark,
  points,
  byDate,
  referenceRoi,
  referenceLabel = "the goal ROI",
  realisticMultiple = DEFAULT_REALISTIC_MULTIPLE,
}: GapAnalysisInput): GapAnalysis {
  if (!Number.isFinite(benchmark) || !Number.isFinite(referenceRoi)) throw new RangeError("The benchmark and the reference ROI must be finite numbers.");
  if (!(realisticMultiple > 0)) throw new RangeError(`The realistic multiple must be above 0, got ${realisticMultiple}.`);
  const base = { benchmark, referenceRoiPerWeek: referenceRoi, realisticMultiple };
  const b = formatValue(measure, benchmark);
  const current = currentScore(points);
  if (current === undefined) {
    return { ...base, atBenchmark: false, significant: false, message: `No points yet: no current score to compare with the benchmark ${b}.` };
  }

  const c = `The current score ${formatValue(measure, current.value)} (${medianOf(current.points.length)})`;
  const ratio = gapRatio(measure, benchmark, current.value);
  if (meetsTarget(measure, current.value, benchmark)) {
    return { ...base, current, ratio, atBenchmark: true, significant: false, message: `${c} is at or beyond the benchmark ${b}: no gap.` };
  }

  const significant = ratio === undefined || ratio > SIGNIFICANT_GAP_RATIO;
  const lower = measure.direction === "lower";
  const ratioText =
    ratio === undefined
      ? `the gap ratio cannot be computed ${lower ? "against a benchmark" : "from a score"} of 0`
      : `gap ratio ${formatNumber(ratio, 2)} (${lower ? "current / benchmark, lower is better" : "benchmark / current"})`;
  const size = significant ? `a significant gap (more than ${SIGNIFICANT_GAP_RATIO})` : `not a significant gap (${SIGNIFICANT_GAP_RATIO} or less)`;
  const gapText = `${c} is short of the benchmark ${b}; ${ratioText}: ${ratio === undefined ? "a significant gap" : size}.`;

  const weeksLeft = weeksBetween(current.asOf, byDate);
  const by = formatDayMonth(byDate, current.asOf);
  if (weeksLeft <= 0) {
    return { ...base, current, ratio, atBenchmark: false, significant, weeksLeft, message: `${gapText} The benchmark date (${by}) has passed: no ROI can close the gap by then.` };
  }
  // The needed ROI is the goal-ROI arithmetic from the current score to the benchmark.
  const neededRoiPerWeek = goalRoi({ baseline: current.value, target: benchmark, startDate: current.asOf, targetDate: byDate });
  const needed = `Closing it by ${by} needs ${formatRate(measure, neededRoiPerWeek)}`;
  const reference = `${referenceLabel} (${formatRate(measure, referenceRoi)})`;
  if (!isImprovement(measure, 0, referenceRoi)) {
    return { ...base, current, ratio, atBenchmark: false, significant, weeksLeft, neededRoiPerWeek, message: `${gapText} ${needed}; ${reference} gives no rate to compare it with.` };
  }
  const limit = realisticMultiple * Math.abs(referenceRoi);
  const realistic = snapTo(Math.abs(neededRoiPerWeek), limit) <= limit;
  const times = `${formatNumber(realisticMultiple, 2)} times ${reference}`;
  return {
    ...base,
    current,
    ratio,
    atBenchmark: false,
    significant,
    weeksLeft,
    neededRoiPerWeek,
    realistic,
    message: `${gapText} ${needed}, ${realistic ? `within ${times}: realistic` : `more than ${times}: not realistic`}.`,
  };
}
