/**
 * The student's rate of improvement (ROI) per week since the baseline, two
 * ways (DOMAIN.md step 6):
 * - olsPerWeek: the least-squares slope of every point since the baseline.
 *   This is the ROI to show: it uses all the points, so one unusually good or
 *   bad probe (a CBM score easily moves by several points from one probe to
 *   the next) does not swing it the way it swings a two-point difference.
 * - simplePerWeek: (latest score - baseline) / weeks from the baseline date
 *   to the latest point, the hand formula "change in score / weeks elapsed";
 *   shown beside it so a team can check the arithmetic on paper.
 * Always counted from the goal's baseline, across plan changes.
 */

import { formatRate, goalRoi, weeksBetween, type DateInput } from "../goals";
import { formatNumber, formatValue, type Measure } from "../measures";
import { monitoringPeriod, onlyPoints, pointCount, type DatedPoint, type ProgressPoint } from "./points";
import { olsTrend } from "./trend";

export interface RoiSinceBaselineInput {
  measure: Measure;
  baseline: number;
  baselineDate: DateInput;
  /** The goal's valid points, any order; those on or before the baseline date are left out. */
  points: readonly ProgressPoint[];
}

export interface RoiSinceBaseline {
  /** Points since the baseline. */
  pointCount: number;
  /** Least-squares slope per week; undefined with fewer than 2 points or all on one date. */
  olsPerWeek?: number;
  /** (latest - baseline) / weeks; undefined with no point since the baseline. */
  simplePerWeek?: number;
  /** The latest point since the baseline. */
  latest?: DatedPoint;
  /** Weeks from the baseline date to the latest point. */
  weeks?: number;
  message: string;
}

export function roiSinceBaseline({ measure, baseline, baselineDate, points }: RoiSinceBaselineInput): RoiSinceBaseline {
  const period = monitoringPeriod(points, { baselineDate });
  const count = period.points.length;
  const latest = period.points.at(-1);
  if (latest === undefined) return { pointCount: 0, message: `${onlyPoints(0)} ${period.label}: no ROI yet.` };

  // The same arithmetic as the goal ROI, with the latest score in place of the
  // target; the latest point is after the baseline date, so the weeks are > 0.
  const simplePerWeek = goalRoi({ baseline, target: latest.score, startDate: baselineDate, targetDate: latest.date });
  const weeks = weeksBetween(baselineDate, latest.date);
  const simple =
    `${formatRate(measure, simplePerWeek)} from the baseline (${formatValue(measure, baseline)}) ` +
    `to the latest score (${formatValue(measure, latest.score)}) in ${formatNumber(weeks, 1)} ${weeks === 1 ? "week" : "weeks"}`;
  const ols = olsTrend(period.points, baselineDate);
  if (ols === undefined) {
    return {
      pointCount: count,
      simplePerWeek,
      latest,
      weeks,
      message: `ROI ${period.label}: ${simple}; the least-squares ROI needs points on at least two dates (${pointCount(count)} so far).`,
    };
  }
  return {
    pointCount: count,
    olsPerWeek: ols.slopePerWeek,
    simplePerWeek,
    latest,
    weeks,
    message: `ROI ${period.label}: ${formatRate(measure, ols.slopePerWeek)} by least squares over ${pointCount(count)}; ${simple}.`,
  };
}
