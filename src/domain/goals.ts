/**
 * Goal arithmetic for intervention plans (DOMAIN.md, process steps 3, 5, 6;
 * issue 4 "Underneath"): median baseline, weeks between dates, goal ROI,
 * direction-aware comparisons, goal validation and the plain goal sentence.
 *
 * Pure functions, no I/O. Dates are calendar days: an ISO "yyyy-mm-dd" string,
 * or a Date read by its UTC calendar date (how a Postgres `date` column comes
 * back through Prisma: midnight UTC). No time zone or daylight-saving shift
 * can change a day count, because days are counted on UTC day numbers.
 */

import {
  formatNumber,
  formatValue,
  nameInSentence,
  rateDecimalsOf,
  type Direction,
  type Measure,
} from "./measures";

/** A calendar day: "yyyy-mm-dd" or a Date (read in UTC). */
export type DateInput = string | Date;

const MS_PER_DAY = 86_400_000;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

// Parsing a day is most of what a decision rule spends its time on, and the
// same days come back again and again (each rule of each goal on a list reads
// the same probe dates), so the day numbers of valid strings are remembered.
const knownDays = new Map<string, number>();
const KNOWN_DAYS_MAX = 10_000;

/**
 * Days since 1970-01-01 for a calendar day, or undefined when the input is not
 * a real date ("2025-02-29", "2025-13-01", "12/03/2026", an invalid Date).
 */
export function dayNumber(date: DateInput): number | undefined {
  if (date instanceof Date) {
    const t = date.getTime();
    if (Number.isNaN(t)) return undefined;
    return Math.floor(t / MS_PER_DAY); // UTC calendar day of the instant
  }
  const known = knownDays.get(date);
  if (known !== undefined) return known;
  const n = parseDay(date);
  if (n !== undefined) {
    if (knownDays.size >= KNOWN_DAYS_MAX) knownDays.clear();
    knownDays.set(date, n);
  }
  return n;
}

function parseDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / MS_PER_DAY;
}

/** dayNumber for a date that must be real; throws RangeError naming `label` ("The start date") otherwise. */
export function requireDay(date: DateInput, label: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`${label} is not a real date (expected yyyy-mm-dd): ${String(date)}.`);
  return n;
}

/**
 * The Date a calendar day is stored as: midnight UTC, which is how Prisma writes
 * and reads a Postgres `date` column. Throws RangeError for an invalid day.
 */
export function dateOfDay(day: string): Date {
  return new Date(requireDay(day, "The date") * MS_PER_DAY);
}

/**
 * "yyyy-mm-dd" of a day number (days since 1970-01-01), remembered: dosage
 * summaries walk the same school year day by day, and lists read thousands of
 * probes as day numbers. Throws RangeError for a day that is not a whole number.
 */
export function isoOfDay(day: number): string {
  let iso = knownIsoDays.get(day);
  if (iso === undefined) {
    if (!Number.isSafeInteger(day)) throw new RangeError(`A day number must be a whole number, got ${day}.`);
    if (knownIsoDays.size >= KNOWN_DAYS_MAX) knownIsoDays.clear();
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    knownIsoDays.set(day, iso);
  }
  return iso;
}
const knownIsoDays = new Map<number, string>();

/** The calendar day as "yyyy-mm-dd"; throws RangeError for an invalid date. */
export function toIsoDay(date: DateInput): string {
  const day = requireDay(date, "The date");
  // A real date given as a string is already in that form.
  return typeof date === "string" ? date : isoOfDay(day);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). Throws on an invalid date. */
export function daysBetween(from: DateInput, to: DateInput): number {
  return requireDay(to, "The end date") - requireDay(from, "The start date");
}

/**
 * Weeks from `from` to `to` = days / 7 (DOMAIN.md step 6), not rounded:
 * 2026-01-01 -> 2026-01-11 is 10 / 7 = 1.428571... weeks. Negative when `to`
 * is earlier. Throws RangeError on an invalid date.
 */
export function weeksBetween(from: DateInput, to: DateInput): number {
  return daysBetween(from, to) / 7;
}

/**
 * "12 March" ("d MMMM", English month names), or "12 March 2027" when `today`
 * is given and falls in another year than `date`. Without `today` the year is
 * never shown.
 */
export function formatDayMonth(date: DateInput, today?: DateInput): string {
  const d = new Date(requireDay(date, "The date") * MS_PER_DAY);
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  if (today === undefined) return text;
  const year = d.getUTCFullYear();
  const todayYear = new Date(requireDay(today, "Today") * MS_PER_DAY).getUTCFullYear();
  return year === todayYear ? text : `${text} ${year}`;
}

// ---------------------------------------------------------------------------
// Baseline
// ---------------------------------------------------------------------------

/**
 * The median of `values`: the middle value once sorted, or the mean of the two
 * middle values for an even count ([40, 44] -> 42).
 *
 * By design an empty list throws a RangeError rather than returning 0 or NaN:
 * a baseline of "nothing" must never be stored as a number. Non-finite values
 * throw too. The input array is not modified.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("The median of no values is undefined: enter at least one value.");
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`Every value must be a finite number, got ${v}.`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[mid - 1] as number;
  return (lower + upper) / 2;
}

export interface Probe {
  value: number;
  date: DateInput;
}

export interface Baseline {
  value: number;
  /** "yyyy-mm-dd" */
  date: string;
}

/** Most baseline probes the customary "median of three" accepts. */
export const MAX_BASELINE_PROBES = 3;

/**
 * The baseline from one to three entered probes: the median of their values,
 * dated on the latest probe's date.
 *
 * Why the latest date: the baseline is only known once the last probe is in,
 * and the aimline starts from that point; dating it earlier would credit the
 * goal with weeks in which the student was still being assessed, and dating it
 * on the median probe's date is ambiguous for an even count.
 *
 * Throws RangeError for no probes, more than three, a non-finite value or an
 * invalid date.
 */
export function baselineFrom(probes: readonly Probe[]): Baseline {
  if (probes.length === 0) throw new RangeError("Enter at least one baseline probe.");
  if (probes.length > MAX_BASELINE_PROBES) {
    throw new RangeError(`A baseline uses at most ${MAX_BASELINE_PROBES} probes; ${probes.length} were given.`);
  }
  let latest = -Infinity;
  for (const p of probes) latest = Math.max(latest, requireDay(p.date, "A probe date"));
  return { value: median(probes.map((p) => p.value)), date: toIsoDay(new Date(latest * MS_PER_DAY)) };
}

// ---------------------------------------------------------------------------
// ROI
// ---------------------------------------------------------------------------

export interface GoalRoiInput {
  baseline: number;
  target: number;
  startDate: DateInput;
  targetDate: DateInput;
}

/**
 * Goal ROI per week = (target - baseline) / weeks, weeks = days / 7
 * (DOMAIN.md step 6). Negative for a lower-is-better goal (4 incidents -> 1 is
 * a negative ROI). Not rounded.
 *
 * Computed as (target - baseline) * 7 / days: one division instead of two, so
 * a rate that is exactly 2.55 comes out as the double that prints "2.55".
 *
 * Throws RangeError when the target date is not after the start date (zero or
 * negative weeks), a value is not finite, or a date is invalid.
 */
export function goalRoi({ baseline, target, startDate, targetDate }: GoalRoiInput): number {
  if (!Number.isFinite(baseline) || !Number.isFinite(target)) {
    throw new RangeError("Baseline and target must be finite numbers.");
  }
  const days = daysBetween(startDate, targetDate);
  if (days <= 0) throw new RangeError(`The target date must be after the start date (${days} days apart).`);
  return ((target - baseline) * 7) / days;
}

// ---------------------------------------------------------------------------
// Direction-aware comparisons
// ---------------------------------------------------------------------------

function directionOf(m: Measure | Direction): Direction {
  return typeof m === "string" ? m : m.direction;
}

/**
 * Compares two scores by what is better for the measure: 1 when `a` is better
 * than `b`, -1 when worse, 0 when equal. Higher is better: 50 vs 41 -> 1.
 * Lower is better: 5 vs 3 -> -1. Usable with Array.sort as `(a, b) =>
 * compareScores(m, b, a)` for best first.
 */
export function compareScores(measure: Measure | Direction, a: number, b: number): -1 | 0 | 1 {
  if (a === b) return 0;
  const aBigger = a > b;
  const better = directionOf(measure) === "higher" ? aBigger : !aBigger;
  return better ? 1 : -1;
}

/** True when moving from `from` to `to` is strictly better for the measure (equal is not an improvement). */
export function isImprovement(measure: Measure | Direction, from: number, to: number): boolean {
  return compareScores(measure, to, from) === 1;
}

/** True when `value` has reached the target: at it or beyond it in the better direction. */
export function meetsTarget(measure: Measure | Direction, value: number, target: number): boolean {
  return compareScores(measure, value, target) >= 0;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

export interface GoalInput {
  measure: Measure;
  baseline: number;
  target: number;
  startDate: DateInput;
  targetDate: DateInput;
  /** What the start date is called in messages; default "the start date" (a plan's goal says "the baseline date"). */
  startName?: string;
}

export type GoalField = "baseline" | "target" | "startDate" | "targetDate";

export interface GoalProblem {
  field: GoalField;
  message: string;
}

/**
 * Why `value` is off the measure's scale, said of `label` ("The target cannot
 * be above 100 for CICO percent of points earned."), or undefined when it is on it.
 */
export function rangeMessage(measure: Measure, label: string, value: number): string | undefined {
  const { min, max } = measure;
  const name = nameInSentence(measure);
  if (min !== undefined && max !== undefined && (value < min || value > max)) return `${label} must be between ${min} and ${max} for ${name}.`;
  if (min !== undefined && value < min) return `${label} cannot be below ${min} for ${name}.`;
  if (max !== undefined && value > max) return `${label} cannot be above ${max} for ${name}.`;
  return undefined;
}

function rangeProblem(measure: Measure, field: "baseline" | "target", value: number): GoalProblem | undefined {
  const message = rangeMessage(measure, field === "baseline" ? "The baseline" : "The target", value);
  return message ? { field, message } : undefined;
}

/**
 * Every problem with a goal, as { field, message } for the form; an empty list
 * means the goal can be saved. Checks, in field order:
 * - baseline and target are finite numbers, within the measure's min/max;
 * - the target is on the better side of the baseline for the measure's
 *   direction, and not equal to it ("For ORF words correct per minute, higher
 *   is better: the target must be above the baseline (41).");
 * - both dates are real dates and the target date is after the start date.
 */
export function validateGoal({ measure, baseline, target, startDate, targetDate, startName = "the start date" }: GoalInput): GoalProblem[] {
  const problems: GoalProblem[] = [];
  const baselineOk = Number.isFinite(baseline);
  const targetOk = Number.isFinite(target);
  if (!baselineOk) problems.push({ field: "baseline", message: "The baseline must be a number." });
  else {
    const p = rangeProblem(measure, "baseline", baseline);
    if (p) problems.push(p);
  }
  if (!targetOk) problems.push({ field: "target", message: "The target must be a number." });
  else {
    const p = rangeProblem(measure, "target", target);
    if (p) problems.push(p);
  }
  if (baselineOk && targetOk && !isImprovement(measure, baseline, target)) {
    const side = measure.direction === "higher" ? "above" : "below";
    problems.push({
      field: "target",
      message: `For ${nameInSentence(measure)}, ${measure.direction} is better: the target must be ${side} the baseline (${formatValue(measure, baseline)}).`,
    });
  }
  const start = dayNumber(startDate);
  const end = dayNumber(targetDate);
  if (start === undefined) problems.push({ field: "startDate", message: `${capitalized(startName)} must be a real date (yyyy-mm-dd).` });
  if (end === undefined) problems.push({ field: "targetDate", message: "The target date must be a real date (yyyy-mm-dd)." });
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push({
      field: "targetDate",
      message: `The target date must be after ${startName} (${formatDayMonth(startDate, targetDate)}).`,
    });
  }
  return problems;
}

/** The text with its first letter in upper case. */
export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface PlanGoalInput {
  measure: Measure;
  /** A baseline typed in, or the one to three probes whose median it is. */
  baseline: Baseline | { probes: readonly Probe[] };
  target: number;
  /** "yyyy-mm-dd" */
  targetDate: string;
  planStartDate: DateInput;
  today: DateInput;
}

export type PlanGoalCheck =
  | { ok: true; baseline: Baseline; /** The baseline probes by date; empty for a typed baseline. */ probes: Baseline[] }
  | { ok: false; problems: GoalProblem[] };

const FIELD_ORDER: readonly GoalField[] = ["baseline", "target", "startDate", "targetDate"];

/**
 * validateGoal for a goal of an intervention plan, plus what only the plan and
 * the calendar know:
 * - with probes, the baseline is their median dated on the latest probe
 *   (baselineFrom), and each probe must be on the measure's scale: a median
 *   can hide one impossible score (38, 41, 250 on a percent scale -> 41);
 * - a baseline is a score already taken, so it cannot be dated after today;
 * - the target date must be after the plan's start date as well as after the
 *   baseline date; when both are missed, the later of the two is named.
 * Problems come in validateGoal's field order ("startDate" is the baseline
 * date). Throws RangeError for a probe with an invalid date or value, as
 * baselineFrom does.
 */
export function checkPlanGoal({ measure, baseline: entered, target, targetDate, planStartDate, today }: PlanGoalInput): PlanGoalCheck {
  const fromProbes = "probes" in entered;
  const probes = fromProbes
    ? entered.probes.map((p) => ({ value: p.value, date: toIsoDay(p.date) })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    : [];
  const baseline = fromProbes ? baselineFrom(probes) : entered;
  const probeProblems: GoalProblem[] = [];
  for (const p of probes) {
    const message = rangeMessage(measure, `A baseline probe of ${formatValue(measure, p.value)}`, p.value);
    if (message) probeProblems.push({ field: "baseline", message });
  }
  const start = dayNumber(baseline.date);
  const end = dayNumber(targetDate);
  const planStart = requireDay(planStartDate, "The plan's start date");
  const beforePlanStart = end !== undefined && end <= planStart && (start === undefined || planStart >= start);
  const problems = validateGoal({
    measure,
    baseline: baseline.value,
    target,
    startDate: baseline.date,
    targetDate,
    startName: fromProbes ? "the latest baseline probe" : "the baseline date",
  }).filter((p) => !(p.field === "baseline" && probeProblems.length > 0) && !(p.field === "targetDate" && beforePlanStart));
  problems.push(...probeProblems);
  if (start !== undefined && start > requireDay(today, "Today")) {
    problems.push({ field: "startDate", message: fromProbes ? "A baseline probe cannot be dated in the future." : "The baseline date cannot be in the future." });
  }
  if (beforePlanStart) {
    problems.push({ field: "targetDate", message: `The target date must be after the plan's start date (${formatDayMonth(planStartDate, targetDate)}).` });
  }
  if (problems.length === 0) return { ok: true, baseline, probes };
  return { ok: false, problems: problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)) };
}

// ---------------------------------------------------------------------------
// The goal sentence
// ---------------------------------------------------------------------------

export interface GoalSentenceInput {
  studentFirstName: string;
  measure: Measure;
  baseline: number;
  target: number;
  targetDate: DateInput;
  roiPerWeek: number;
  /** When given and in another year than the target date, the year is shown. */
  today?: DateInput;
}

/**
 * The rate part of the sentence: "2.6 per week" for a rising higher-is-better
 * goal, "0.3 fewer per week" for a falling one (either direction), "0.3 more
 * per week" for a rising lower-is-better one, "0 per week" when the rate
 * rounds to zero. Rounded to the measure's rate decimals.
 */
export function formatRate(measure: Measure, roiPerWeek: number): string {
  const decimals = rateDecimalsOf(measure);
  const rounded = Number(formatNumber(roiPerWeek, decimals));
  if (rounded === 0) return "0 per week";
  const size = formatNumber(Math.abs(rounded), decimals);
  if (rounded < 0) return `${size} ${measure.lessWord ?? "fewer"} per week`;
  if (measure.direction === "lower") return `${size} ${measure.moreWord ?? "more"} per week`;
  return `${size} per week`;
}

/**
 * "By 12 March, Ana will read 72 words correct per minute (from 41), 2.6 per
 * week." Target and baseline are rounded to the measure's decimals, the rate to
 * its rate decimals (half away from zero on the shown digits); a percent
 * measure shows "%" after the baseline too ("(from 55%)").
 */
export function goalSentence({
  studentFirstName,
  measure,
  baseline,
  target,
  targetDate,
  roiPerWeek,
  today,
}: GoalSentenceInput): string {
  const percent = measure.unit === "%" ? "%" : "";
  const what = measure.phrase.replace("{n}", formatValue(measure, target));
  return (
    `By ${formatDayMonth(targetDate, today)}, ${studentFirstName.trim()} will ${what} ` +
    `(from ${formatValue(measure, baseline)}${percent}), ${formatRate(measure, roiPerWeek)}.`
  );
}
