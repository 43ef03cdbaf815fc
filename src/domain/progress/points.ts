/**
 * Progress-monitoring points: the probe scores the statistics and decision
 * rules work on, in date order, and the period a decision judges.
 *
 * Only VALID probes are points: the caller leaves out probes marked invalid
 * (Probe.invalidatedAt set). Those are kept for the record but never enter a
 * calculation (issue 6), and nothing here can tell a valid score from an
 * invalid one.
 */

import { compareScores, formatDayMonth, isoOfDay, requireDay, toIsoDay, type DateInput } from "../goals";
import type { Direction, Measure } from "../measures";

/** One score on a calendar day ("yyyy-mm-dd", or a Date read in UTC as in goals.ts). */
export interface ProgressPoint {
  date: DateInput;
  score: number;
}

/** A point with its day resolved: `date` as "yyyy-mm-dd", `day` = days since 1970-01-01 (dayNumber). */
export interface DatedPoint {
  readonly date: string;
  readonly day: number;
  readonly score: number;
}

/**
 * The points in date order. Points on the same date keep the order they were
 * given in (Array.prototype.sort is stable), so the caller's order, e.g. entry
 * time, decides which of two same-day probes is "the most recent" for the
 * four-point rule and which third a Tukey split puts it in.
 *
 * An array this module returned (sorted, frozen) is returned as it is: the
 * rules each take the points and sort them, and a list evaluates them on
 * dozens of goals with a hundred points each, so recommend sorts once and
 * hands the result on (resorting a sorted array changes nothing, by the
 * stability above).
 *
 * Throws RangeError for an invalid date or a score that is not a finite number.
 */
export function sortPoints(points: readonly ProgressPoint[]): readonly DatedPoint[] {
  if (sortedArrays.has(points)) return points as readonly DatedPoint[];
  let inOrder = true;
  let previous = -Infinity;
  const dated = points.map((p): DatedPoint => {
    if (!Number.isFinite(p.score)) throw new RangeError(`A point's score must be a finite number, got ${p.score}.`);
    // A real "yyyy-mm-dd" (requireDay checked it) is already the ISO day.
    const day = requireDay(p.date, "A point's date");
    if (day < previous) inOrder = false;
    previous = day;
    return { date: typeof p.date === "string" ? p.date : toIsoDay(p.date), day, score: p.score };
  });
  return remember(inOrder ? dated : dated.sort((a, b) => a.day - b.day));
}

/**
 * Points given as day numbers (days since 1970-01-01, as SQL's
 * `date - DATE '1970-01-01'` reads them) with their scores, in one flat list
 * [day, score, day, score, ...], as sortPoints returns them: a list that
 * judges dozens of goals reads thousands of probes, and need not write and
 * re-read each date as text. Same-day points keep the order given, as in
 * sortPoints.
 *
 * Throws RangeError for a list of odd length, a day that is not a whole
 * number or a score that is not a finite number.
 */
export function pointsOnDays(daysAndScores: readonly number[]): readonly DatedPoint[] {
  if (daysAndScores.length % 2 !== 0) throw new RangeError(`Days and scores come in pairs; got ${daysAndScores.length} numbers.`);
  let inOrder = true;
  const dated: DatedPoint[] = [];
  for (let i = 0; i < daysAndScores.length; i += 2) {
    const day = daysAndScores[i]!;
    const score = daysAndScores[i + 1]!;
    if (!Number.isFinite(score)) throw new RangeError(`A point's score must be a finite number, got ${score}.`);
    if (i > 0 && day < daysAndScores[i - 2]!) inOrder = false;
    dated.push({ date: isoOfDay(day), day, score });
  }
  return remember(inOrder ? dated : dated.sort((a, b) => a.day - b.day));
}

/** Arrays of points this module made in date order, frozen so that nobody can reorder them (DatedPoint's fields are readonly). */
const sortedArrays = new WeakSet<readonly ProgressPoint[]>();
function remember(sorted: DatedPoint[]): readonly DatedPoint[] {
  Object.freeze(sorted);
  sortedArrays.add(sorted);
  return sorted;
}

/** The period a decision judges: the points in it and how to say it in a sentence. */
export interface MonitoringPeriod {
  /** "baseline": points dated after the baseline date; "phase": points on or after the current phase's start. */
  kind: "baseline" | "phase";
  /** The baseline date or the phase start, "yyyy-mm-dd". */
  since: string;
  /** "since the baseline" or "since the plan change on 12 March". */
  label: string;
  points: readonly DatedPoint[];
}

export interface MonitoringPeriodInput {
  baselineDate: DateInput;
  /** Start of the plan's current phase, when the plan has been changed since the baseline. */
  phaseStartDate?: DateInput;
}

/**
 * The points a decision rule judges, in date order.
 *
 * Points dated ON the baseline date are left out: the baseline is dated on its
 * latest baseline probe (goals.ts baselineFrom), so counting a point of that
 * day would count the baseline twice; the rules judge the response to the
 * intervention, which starts after it.
 *
 * After a plan change (a phase line on the graph) only points from the new
 * phase's start date on count: judging the new instruction by points from the
 * old one would blame or credit it for what it did not do. A probe given on
 * the day the phase starts counts for the new phase, since it is the first
 * day of the new instruction. The aimline stays the goal's; a team that wants
 * a new aimline sets a new goal. A phase start on or before the baseline date
 * changes nothing.
 */
export function monitoringPeriod(points: readonly ProgressPoint[], { baselineDate, phaseStartDate }: MonitoringPeriodInput): MonitoringPeriod {
  const sorted = sortPoints(points);
  const baselineDay = requireDay(baselineDate, "The baseline date");
  const phaseDay = phaseStartDate === undefined ? -Infinity : requireDay(phaseStartDate, "The phase start date");
  // Each rule of a recommendation asks for the same period of the same points.
  const known = periods.get(sorted);
  if (known && known.baselineDay === baselineDay && known.phaseDay === phaseDay) return known.period;
  const period = periodOf(sorted, baselineDay, phaseDay, baselineDate, phaseStartDate);
  periods.set(sorted, { baselineDay, phaseDay, period });
  return period;
}

/** The last period judged of each sorted array (frozen, like the arrays). */
const periods = new WeakMap<readonly DatedPoint[], { baselineDay: number; phaseDay: number; period: MonitoringPeriod }>();

function periodOf(sorted: readonly DatedPoint[], baselineDay: number, phaseDay: number, baselineDate: DateInput, phaseStartDate: DateInput | undefined): MonitoringPeriod {
  if (phaseStartDate !== undefined && phaseDay > baselineDay) {
    const inPhase = sorted.filter((p) => p.day >= phaseDay);
    const latest = inPhase.at(-1)?.date ?? phaseStartDate;
    return Object.freeze({
      kind: "phase",
      since: toIsoDay(phaseStartDate),
      // The year is shown only when the change was in another year than the latest point.
      label: `since the plan change on ${formatDayMonth(phaseStartDate, latest)}`,
      points: remember(inPhase),
    });
  }
  return Object.freeze({ kind: "baseline", since: toIsoDay(baselineDate), label: "since the baseline", points: remember(sorted.filter((p) => p.day > baselineDay)) });
}

/**
 * Largest difference still read as "exactly on" a line or target. Scores are
 * recorded with at most a few decimals and an aimline value is a fraction with
 * the goal's length in days as denominator, so a real difference is at least
 * about 1e-5 for any goal under a few years; anything below 1e-9 is the
 * rounding of floating-point arithmetic, which must not push a point that is
 * on the aimline to one side of it.
 */
export const ON_LINE_TOLERANCE = 1e-9;

/** `value`, or `reference` itself when the two differ only by floating-point noise (ON_LINE_TOLERANCE). */
export function snapTo(value: number, reference: number): number {
  return Math.abs(value - reference) <= ON_LINE_TOLERANCE * Math.max(1, Math.abs(reference)) ? reference : value;
}

/** compareScores (goals.ts) of `value` against `reference`, with floating-point noise read as equal. */
export function sideOf(measure: Measure | Direction, value: number, reference: number): -1 | 0 | 1 {
  return compareScores(measure, snapTo(value, reference), reference);
}

/** "No points", "Only 1 point", "Only 3 points": how a sufficiency message starts. */
export function onlyPoints(count: number): string {
  if (count === 0) return "No points";
  return `Only ${count} ${count === 1 ? "point" : "points"}`;
}

/** "1 point", "3 points". */
export function pointCount(count: number): string {
  return `${count} ${count === 1 ? "point" : "points"}`;
}
