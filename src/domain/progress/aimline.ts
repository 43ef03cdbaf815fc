/**
 * The aimline (DOMAIN.md step 3): the straight line from the baseline on the
 * baseline date to the target on the target date. Placed by DATE, not by
 * point index, so probes given irregularly are judged against the expectation
 * for the day they were given.
 */

import { goalRoi, requireDay, toIsoDay, type DateInput } from "../goals";

export interface AimlineInput {
  baseline: number;
  baselineDate: DateInput;
  target: number;
  targetDate: DateInput;
}

export interface Aimline {
  baseline: number;
  /** "yyyy-mm-dd" */
  baselineDate: string;
  target: number;
  /** "yyyy-mm-dd" */
  targetDate: string;
  /** The goal ROI: (target - baseline) / weeks from the baseline date to the target date. */
  slopePerWeek: number;
}

/**
 * The goal's aimline. Its slope is goalRoi (goals.ts), so the rate a team
 * reads in the goal sentence and the aimline's slope are the same number.
 * Throws RangeError when the target date is not after the baseline date.
 */
export function aimline({ baseline, baselineDate, target, targetDate }: AimlineInput): Aimline {
  return {
    baseline,
    baselineDate: toIsoDay(baselineDate),
    target,
    targetDate: toIsoDay(targetDate),
    slopePerWeek: goalRoi({ baseline, target, startDate: baselineDate, targetDate }),
  };
}

/**
 * The aimline's value on `date`: baseline + (target - baseline) * days since
 * the baseline / days of the goal (one multiplication and one division, so a
 * date halfway is exactly halfway: 41 -> 72 over 84 days gives 56.5 on day 42).
 *
 * Outside the goal's dates the value is held, not extended: before the
 * baseline date it is the baseline (no growth is expected before the
 * intervention starts) and after the target date it is the target (the goal
 * asks for the target by that date; a line that kept rising would hold a
 * student who reached it to a goal nobody set). Throws RangeError for an
 * invalid date.
 */
export function aimlineValueAt(line: Aimline, date: DateInput): number {
  const day = requireDay(date, "The date");
  const start = requireDay(line.baselineDate, "The baseline date");
  const end = requireDay(line.targetDate, "The target date");
  if (day <= start) return line.baseline;
  if (day >= end) return line.target;
  return line.baseline + ((line.target - line.baseline) * (day - start)) / (end - start);
}
