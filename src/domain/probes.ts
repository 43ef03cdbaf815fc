/**
 * Checks of a progress-monitoring probe as it is entered (DOMAIN.md step 5;
 * issue 6 "Bad input"): the score typed for the goal's measure, the date
 * against the plan and the calendar, the note. The same checks serve the
 * one-student form, the group grid and corrections, so a score refused in one
 * is refused in all.
 *
 * Pure functions, no I/O. Dates are calendar days as in goals.ts.
 */

import { dayNumber, formatDayMonth, rangeMessage, type DateInput } from "./goals";
import { DECIMAL_TEXT, nameInSentence, type Measure } from "./measures";

export const MAX_PROBE_NOTE = 500;
export const MAX_INVALID_REASON = 500;

export type ProbeField = "score" | "date" | "note";

export interface ProbeProblem {
  field: ProbeField;
  message: string;
}

/**
 * What a score of this measure may be, for a form's hint: "A whole number,
 * 0 or more." or "From 0 to 10, with up to 1 decimal place."
 */
export function scoreRule(measure: Measure): string {
  const { min, max, decimals } = measure;
  const range = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `${min} or more` : max !== undefined ? `${max} or less` : "";
  if (decimals === 0) return `A whole number${range.startsWith("from") ? ` ${range}` : range ? `, ${range}` : ""}.`;
  const text = `${range || "any number"}, with up to ${decimals} decimal place${decimals === 1 ? "" : "s"}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Decimal places written in a typed number, trailing zeros not counted ("7.50" -> 1, "41." -> 0). */
function decimalsTyped(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, "").length;
}

/**
 * The score typed for a probe of `measure`, or why it cannot be saved:
 * - a number as people type it (41, 7.5, .5; no separators or exponents);
 * - with no more decimal places than the measure records. A score with more
 *   is refused, not rounded: 41.5 words correct per minute is a typing
 *   mistake (a count has no halves), and rounding it would store a score
 *   nobody gave without telling anyone. "7.50" on a one-decimal scale is 7.5;
 * - within the measure's min/max (rangeMessage).
 * Blank text is "Enter the score." (the group grid skips blank rows itself).
 */
export function parseScore(measure: Measure, text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!t) return { ok: false, message: "Enter the score." };
  if (!DECIMAL_TEXT.test(t)) {
    return { ok: false, message: `Enter the score as a number, for example ${measure.decimals > 0 ? "7 or 7.5" : "41"}.` };
  }
  if (decimalsTyped(t) > measure.decimals) {
    const name = nameInSentence(measure);
    const rule = measure.decimals === 0 ? "are whole numbers" : `have at most ${measure.decimals} decimal place${measure.decimals === 1 ? "" : "s"}`;
    return { ok: false, message: `Scores of ${name} ${rule}: check the score and enter it as given.` };
  }
  const value = Number(t);
  const range = rangeMessage(measure, "The score", value);
  return range ? { ok: false, message: range } : { ok: true, value };
}

/**
 * Why a probe cannot be dated `date` ("yyyy-mm-dd"), or undefined: it must be
 * a real date, not after today (a probe is a score already taken) and not
 * before the plan's start date (a score from before the plan is not a
 * response to it; baseline scores belong to the goal's baseline).
 */
export function probeDateProblem(date: string, planStartDate: DateInput, today: DateInput): string | undefined {
  const t = date.trim();
  if (!t) return "Enter the date the probe was given.";
  const day = dayNumber(t);
  if (day === undefined) return "Enter the date as a full date (year, month and day).";
  const todayDay = dayNumber(today);
  if (todayDay !== undefined && day > todayDay) return "The probe date cannot be in the future.";
  const start = dayNumber(planStartDate);
  if (start !== undefined && day < start) return `The probe date cannot be before the plan's start date (${formatDayMonth(planStartDate, t)}).`;
  return undefined;
}

/** The note as stored (trimmed; blank is none), or why it is too long. */
export function parseNote(text: string | undefined, max = MAX_PROBE_NOTE): { ok: true; value: string | null } | { ok: false; message: string } {
  const t = (text ?? "").trim();
  if (t.length > max) return { ok: false, message: `Use at most ${max} characters.` };
  return { ok: true, value: t || null };
}

export interface ProbeEntry {
  measure: Measure;
  score: string;
  date: string;
  note?: string;
  planStartDate: DateInput;
  today: DateInput;
}

export type ProbeCheck = { ok: true; score: number; date: string; note: string | null } | { ok: false; problems: ProbeProblem[] };

/** Every problem of one probe, in the form's field order (date, score, note), or the values to store. */
export function checkProbe({ measure, score, date, note, planStartDate, today }: ProbeEntry): ProbeCheck {
  const problems: ProbeProblem[] = [];
  const dateProblem = probeDateProblem(date, planStartDate, today);
  if (dateProblem) problems.push({ field: "date", message: dateProblem });
  const parsedScore = parseScore(measure, score);
  if (!parsedScore.ok) problems.push({ field: "score", message: parsedScore.message });
  const parsedNote = parseNote(note);
  if (!parsedNote.ok) problems.push({ field: "note", message: parsedNote.message });
  if (dateProblem || !parsedScore.ok || !parsedNote.ok) return { ok: false, problems };
  return { ok: true, score: parsedScore.value, date: date.trim(), note: parsedNote.value };
}
