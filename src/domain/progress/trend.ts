/**
 * Trend lines over dated points (DOMAIN.md step 6): ordinary least squares
 * and Tukey's three-group median method. x is days since an origin date, so
 * irregular probe dates weigh by the time between them, not by their count;
 * slopes are reported per week (per day * 7) like every ROI in the app.
 *
 * Neither function ever returns NaN: with too few points, or no spread in
 * dates, there is no line and the result is undefined.
 */

import { daysBetween, median, requireDay, toIsoDay, type DateInput } from "../goals";
import { sortPoints, type DatedPoint, type ProgressPoint } from "./points";
import type { TrendMethod } from "../settings";

interface LineBase {
  /** The date x = 0 is counted from, "yyyy-mm-dd". */
  origin: string;
  /** The line's value on the origin date. */
  intercept: number;
  slopePerWeek: number;
  /** How many points the line was fitted to. */
  pointCount: number;
}

export interface OlsLine extends LineBase {
  method: "OLS";
}

/** One outer third of a Tukey split, summarised by its medians. */
export interface TukeyThird {
  /** Points in this third. */
  count: number;
  /** Median of the third's dates as days since the origin (a half day when the count is even). */
  medianDay: number;
  medianScore: number;
}

export interface TukeyLine extends LineBase {
  method: "TUKEY";
  first: TukeyThird;
  /** Points in the middle third; they place the split but not the line. */
  middleCount: number;
  last: TukeyThird;
}

/** A fitted trend; `method` tells which (a Tukey line also carries its thirds). */
export type TrendLine = OlsLine | TukeyLine;

interface Origin {
  day: number;
  iso: string;
}

function originOf(first: DatedPoint, origin: DateInput | undefined): Origin {
  if (origin === undefined) return { day: first.day, iso: first.date };
  return { day: requireDay(origin, "The origin date"), iso: toIsoDay(origin) };
}

function line(origin: Origin, intercept: number, slopePerWeek: number, pointCount: number): LineBase {
  return {
    origin: origin.iso,
    // A flat line is 0, not -0, when a zero sum came out negative.
    intercept: intercept === 0 ? 0 : intercept,
    slopePerWeek: slopePerWeek === 0 ? 0 : slopePerWeek,
    pointCount,
  };
}

/**
 * Ordinary least squares fit of score on days since `origin` (default: the
 * first point's date): slope = Sxy / Sxx with x and y centred on their means,
 * reported per week as Sxy * 7 / Sxx; the intercept is the line's value on
 * the origin date (mean y - slope per day * mean x).
 *
 * Undefined for fewer than 2 points or when all points are on one date
 * (Sxx = 0: no line through a single date). All-equal scores give slope 0.
 * Points may come in any order. Throws RangeError on an invalid date or score.
 */
export function olsTrend(points: readonly ProgressPoint[], origin?: DateInput): OlsLine | undefined {
  const sorted = sortPoints(points);
  const first = sorted[0];
  if (first === undefined || sorted.length < 2) return undefined;
  const o = originOf(first, origin);
  const x0 = o.day;
  const n = sorted.length;
  let sumX = 0;
  let sumY = 0;
  for (const p of sorted) {
    sumX += p.day - x0;
    sumY += p.score;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of sorted) {
    const dx = p.day - x0 - meanX;
    sxx += dx * dx;
    sxy += dx * (p.score - meanY);
  }
  if (sxx === 0) return undefined;
  return { method: "OLS", ...line(o, meanY - (sxy / sxx) * meanX, (sxy * 7) / sxx, n) };
}

/**
 * Sizes of the first, middle and last thirds for `n` points ordered by date,
 * following Velleman & Hoaglin (ABCs of Exploratory Data Analysis, 1981,
 * ch. 5, Tukey's resistant line): the two outer thirds always get the same
 * number of points, so the line is not tilted by one end having more data.
 * With n = 3k + 1 the extra point goes to the middle (7 -> 2, 3, 2); with
 * n = 3k + 2 each outer third gets one extra (8 -> 3, 2, 3). Outer size =
 * round(n / 3). For n < 2 there are no outer thirds: [0, n, 0].
 */
export function tukeyThirds(n: number): [first: number, middle: number, last: number] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A point count must be a whole number ≥ 0, got ${n}.`);
  const outer = Math.round(n / 3);
  return [outer, n - 2 * outer, outer];
}

/**
 * Tukey's three-group median method as taught for CBM graphs: order the
 * points by date, split them into thirds (tukeyThirds; ties on a date are
 * split by order like any other points), and in the first and the last third
 * take the median date and the median score (two independent medians, so the
 * "X" need not be an actual point). The trend is the line through those two
 * X's: slope per week = (median score of the last third - median score of
 * the first third) / weeks between their median dates.
 *
 * Why through the two X's: it is the line a teacher draws by hand with a ruler
 * on the paper graph, so the app and a hand check agree. Tukey's iterated
 * resistant line would also shift the intercept toward the middle third's
 * median and re-fit residuals; that refinement is not what the CBM decision
 * rules were published with.
 *
 * Undefined for fewer than 2 points or when both X's fall on the same date.
 */
export function tukeyTrend(points: readonly ProgressPoint[], origin?: DateInput): TukeyLine | undefined {
  const sorted = sortPoints(points);
  const [firstCount, middleCount, lastCount] = tukeyThirds(sorted.length);
  const head = sorted[0];
  if (head === undefined || firstCount === 0) return undefined;
  const firstThird = sorted.slice(0, firstCount);
  const lastThird = sorted.slice(sorted.length - lastCount);
  const x1 = median(firstThird.map((p) => p.day));
  const y1 = median(firstThird.map((p) => p.score));
  const x3 = median(lastThird.map((p) => p.day));
  const y3 = median(lastThird.map((p) => p.score));
  if (x3 === x1) return undefined;
  const o = originOf(head, origin);
  const x0 = o.day;
  return {
    method: "TUKEY",
    ...line(o, y1 + ((y3 - y1) * (x0 - x1)) / (x3 - x1), ((y3 - y1) * 7) / (x3 - x1), sorted.length),
    first: { count: firstCount, medianDay: x1 - x0, medianScore: y1 },
    middleCount,
    last: { count: lastCount, medianDay: x3 - x0, medianScore: y3 },
  };
}

/** The trend by the district's method (olsTrend or tukeyTrend). */
export function trendLine(points: readonly ProgressPoint[], method: TrendMethod, origin?: DateInput): TrendLine | undefined {
  return method === "TUKEY" ? tukeyTrend(points, origin) : olsTrend(points, origin);
}

/** The trend's value on `date` (before, between or after the points: a trend is extended to project). */
export function trendValueAt(trend: TrendLine, date: DateInput): number {
  return trend.intercept + (trend.slopePerWeek * daysBetween(trend.origin, date)) / 7;
}
