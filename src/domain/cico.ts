/**
 * Daily behaviour report cards (check-in/check-out, CICO / DPR; issue 15,
 * decision 014): the card's setup rules, a day's percentage and the rules
 * CICO teams use to read the days. Pure data and pure functions: no I/O.
 */

/** The school-wide expectations a new card starts with when the district has set none (the usual PBIS matrix). */
export const DEFAULT_CICO_EXPECTATIONS: readonly string[] = ["Be safe", "Be respectful", "Be responsible"];

/** The periods a new card starts with, by school level: an elementary day in blocks, a secondary day in class periods. */
export const DEFAULT_CICO_PERIODS: Readonly<Record<"ELEMENTARY" | "MIDDLE" | "HIGH" | "OTHER", readonly string[]>> = {
  ELEMENTARY: ["Morning meeting", "Reading", "Math", "Lunch and recess", "Specials", "Afternoon"],
  MIDDLE: ["Period 1", "Period 2", "Period 3", "Period 4", "Lunch", "Period 5", "Period 6"],
  HIGH: ["Period 1", "Period 2", "Period 3", "Lunch", "Period 4", "Period 5", "Period 6"],
  OTHER: ["Morning", "Midday", "Afternoon"],
};

export const CICO_LIMITS = {
  expectations: { min: 3, max: 5 },
  periods: { min: 2, max: 10 },
  /** Ratings go from 0 to scaleMax. */
  scaleMax: { min: 1, max: 5 },
  goalPercent: { min: 50, max: 100 },
  expectationLength: 80,
  periodLength: 60,
} as const;

export const DEFAULT_SCALE_MAX = 2;
export const DEFAULT_GOAL_PERCENT = 80;
/** The measure each day's percentage is a probe of (src/domain/measures.ts). */
export const CICO_MEASURE_KEY = "cico_percent_points";
/** The library's intervention a card is usually kept for (prisma/seed/library.ts). */
export const CICO_INTERVENTION_NAME = "Check-In/Check-Out (CICO)";

/** What a rating means on the default 0-2 scale; other scales show the number only. */
export function ratingLabel(value: number, scaleMax: number): string {
  if (scaleMax === 2) return ["0: not yet", "1: partly", "2: met"][value] ?? String(value);
  return String(value);
}

export interface CardSetup {
  expectations: string[];
  periods: string[];
  scaleMax: number;
  goalPercent: number;
}

export type CardSetupField = keyof CardSetup;

/** Labels as typed, one per entry: trimmed, blanks dropped. */
export const cleanLabels = (labels: readonly string[]) => labels.map((l) => l.trim().replace(/\s+/g, " ")).filter((l) => l.length > 0);

/**
 * Why a card's setup cannot be saved, by field (empty: it can). Labels are
 * compared without case, since a rating is keyed by its labels.
 */
export function cardSetupProblems(setup: CardSetup): Partial<Record<CardSetupField, string>> {
  const out: Partial<Record<CardSetupField, string>> = {};
  const L = CICO_LIMITS;
  const dup = (labels: readonly string[]) => new Set(labels.map((l) => l.toLowerCase())).size !== labels.length;
  const e = setup.expectations;
  if (e.length < L.expectations.min || e.length > L.expectations.max) out.expectations = `A card has ${L.expectations.min} to ${L.expectations.max} expectations; this one has ${e.length}.`;
  else if (e.some((x) => x.length > L.expectationLength)) out.expectations = `Keep each expectation to ${L.expectationLength} characters.`;
  else if (dup(e)) out.expectations = "Each expectation appears once.";
  const p = setup.periods;
  if (p.length < L.periods.min || p.length > L.periods.max) out.periods = `A card has ${L.periods.min} to ${L.periods.max} periods; this one has ${p.length}.`;
  else if (p.some((x) => x.length > L.periodLength)) out.periods = `Keep each period's name to ${L.periodLength} characters.`;
  else if (dup(p)) out.periods = "Each period appears once.";
  if (!Number.isInteger(setup.scaleMax) || setup.scaleMax < L.scaleMax.min || setup.scaleMax > L.scaleMax.max) out.scaleMax = `The top of the scale is a whole number from ${L.scaleMax.min} to ${L.scaleMax.max}.`;
  if (!Number.isInteger(setup.goalPercent) || setup.goalPercent < L.goalPercent.min || setup.goalPercent > L.goalPercent.max) out.goalPercent = `The daily goal is a whole percentage from ${L.goalPercent.min} to ${L.goalPercent.max}.`;
  return out;
}

export interface Rating {
  period: string;
  expectation: string;
  value: number;
  /** The card's scale when it was given. */
  scaleMax: number;
}

export interface DayPoints {
  points: number;
  possible: number;
  /** Periods with at least one rating. */
  ratedPeriods: number;
}

/**
 * A day's points: the sum of its ratings over the sum of their scales. Only
 * what was rated counts: a period the student missed (absent, at the nurse,
 * gone home at noon) is left unrated and is not a zero.
 */
export function dayPoints(ratings: readonly Rating[]): DayPoints {
  let points = 0;
  let possible = 0;
  const periods = new Set<string>();
  for (const r of ratings) {
    points += r.value;
    possible += r.scaleMax;
    periods.add(r.period);
  }
  return { points, possible, ratedPeriods: periods.size };
}

/**
 * A day's percentage of points, rounded to a whole percent (the measure's
 * precision: the probe, the graph and the rules all read this number), or
 * null when nothing was rated (no percentage, no probe).
 */
export function dayPercent({ points, possible }: Pick<DayPoints, "points" | "possible">): number | null {
  if (possible <= 0) return null;
  // Half up, on integers so that 0.5 steps are exact (e.g. 19/40 = 47.5 -> 48).
  return Math.floor((points * 200 + possible) / (possible * 2));
}

/** Why one rating cannot be saved against a card (undefined: it can). */
export function ratingProblem(card: Pick<CardSetup, "expectations" | "periods" | "scaleMax">, r: { period: string; expectation: string; value: number }): string | undefined {
  if (!card.periods.includes(r.period)) return `“${r.period.slice(0, 60)}” is not a period on this card. Reload the page: the card may have changed.`;
  if (!card.expectations.includes(r.expectation)) return `“${r.expectation.slice(0, 80)}” is not an expectation on this card. Reload the page: the card may have changed.`;
  if (!Number.isInteger(r.value) || r.value < 0 || r.value > card.scaleMax) return `A rating on this card is a whole number from 0 to ${card.scaleMax}.`;
  return undefined;
}

/** One day of a card, as the rules read it. */
export interface CardDay {
  date: string;
  /** The day's percentage; null when nothing was rated (absent, or not yet). */
  percent: number | null;
  checkedIn: boolean;
  checkedOut: boolean;
  absent: boolean;
}

export type RuleStatus = "flag" | "ok" | "notEnough";

export interface RuleResult {
  key: "belowGoal" | "fade" | "checkIn";
  /** The rule as teams say it. */
  rule: string;
  status: RuleStatus;
  /** What the days say. */
  finding: string;
  /** What the team does when the rule fires. */
  action?: string;
}

/** The days with a percentage, oldest first. */
const ratedDays = (days: readonly CardDay[]) => days.filter((d) => d.percent !== null).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

export const BELOW_GOAL_RULE = { window: 5, below: 3 } as const;
export const FADE_RULE = { window: 20, metShare: 0.8 } as const;
export const CHECK_IN_RULE = { window: 10, missed: 3 } as const;

/**
 * The rules CICO teams use (Crone, Hawken & Horner, "Building Positive
 * Behavior Support Systems in Schools", 2nd ed.; the CICO-SWIS reports), on
 * the days with a percentage only, so an absence neither helps nor hurts:
 * - below goal on 3 or more of the last 5 rated days: the team reviews the
 *   card (is the student checking in, is the feedback given, the function?);
 * - at or above goal on 80% or more of the last 20 rated days: the team
 *   considers fading (self-monitoring, fewer check-ins);
 * - check-in missed on 3 or more of the last 10 days the student was there
 *   (rated days): engagement with CICO itself is the problem.
 */
export function cicoRules(days: readonly CardDay[], goalPercent: number): RuleResult[] {
  const rated = ratedDays(days);
  const out: RuleResult[] = [];

  const last5 = rated.slice(-BELOW_GOAL_RULE.window);
  const below = last5.filter((d) => d.percent! < goalPercent).length;
  out.push({
    key: "belowGoal",
    rule: `Below the daily goal on ${BELOW_GOAL_RULE.below} of the last ${BELOW_GOAL_RULE.window} days`,
    status: last5.length < BELOW_GOAL_RULE.window ? (below >= BELOW_GOAL_RULE.below ? "flag" : "notEnough") : below >= BELOW_GOAL_RULE.below ? "flag" : "ok",
    finding: last5.length === 0 ? "No rated days yet." : `Below ${goalPercent}% on ${below} of the last ${last5.length} rated ${last5.length === 1 ? "day" : "days"}.`,
    ...(below >= BELOW_GOAL_RULE.below ? { action: "Team review: check that the student checks in and gets feedback each period, and whether CICO fits the behaviour's function." } : {}),
  });

  const last20 = rated.slice(-FADE_RULE.window);
  const met = last20.filter((d) => d.percent! >= goalPercent).length;
  const fade = last20.length >= FADE_RULE.window && met >= Math.ceil(FADE_RULE.metShare * FADE_RULE.window);
  out.push({
    key: "fade",
    rule: `At or above the daily goal on ${FADE_RULE.metShare * 100}% of the last ${FADE_RULE.window} days`,
    status: last20.length < FADE_RULE.window ? "notEnough" : fade ? "flag" : "ok",
    finding: last20.length === 0 ? "No rated days yet." : `At or above ${goalPercent}% on ${met} of the last ${last20.length} rated ${last20.length === 1 ? "day" : "days"}.`,
    ...(fade ? { action: "Consider fading: self-monitoring, then fewer check-ins, then graduation." } : {}),
  });

  const last10 = rated.slice(-CHECK_IN_RULE.window);
  const missed = last10.filter((d) => !d.checkedIn).length;
  out.push({
    key: "checkIn",
    rule: `Check-in missed on ${CHECK_IN_RULE.missed} of the last ${CHECK_IN_RULE.window} days at school`,
    status: missed >= CHECK_IN_RULE.missed ? "flag" : last10.length < CHECK_IN_RULE.window ? "notEnough" : "ok",
    finding: last10.length === 0 ? "No rated days yet." : `Check-in missed on ${missed} of the last ${last10.length} rated ${last10.length === 1 ? "day" : "days"}.`,
    ...(missed >= CHECK_IN_RULE.missed ? { action: "Find out why the student misses check-in: meet them at the bus or the door, or change the check-in person." } : {}),
  });
  return out;
}

/** The probe's client key for a card's day: one probe per goal per day, found again by every later rating. */
export const dayProbeKey = (cardId: string, date: string) => `cico:${cardId}:${date}`;
