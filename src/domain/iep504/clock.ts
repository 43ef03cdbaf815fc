/**
 * The legal clock of a special-education evaluation (DOMAIN.md, step 9): the
 * evaluation is due N days after the parent's consent (IDEA, 34 CFR
 * 300.301(c): 60 days unless the state sets another timeline), counted in
 * calendar days or, where the state says so, in school days. Pure functions on
 * yyyy-mm-dd strings; the district's non-school days come in as a set
 * (weekends are never school days and need not be listed).
 *
 * - Calendar days: due = consent + N. When that day is not a school day the
 *   law's date stands, and `lastSchoolDay` is the last school day on or
 *   before it: the day the team must actually be done by.
 * - School days: day 1 is the first school day after the consent date (so a
 *   consent given on a Saturday or during a break starts counting at the next
 *   school day, like one given on a Friday); due = school day N. The due date
 *   is then always a school day.
 */
import { addDays, isoWeekday } from "@/domain/dosage";

export type DayCount = "CALENDAR" | "SCHOOL";

export interface ClockRule {
  days: number;
  count: DayCount;
}

export const DEFAULT_CLOCK: Readonly<ClockRule> = { days: 60, count: "CALENDAR" };

/** Longest stretch of non-school days the counting will cross (a long summer break), so a bad calendar cannot loop forever. */
const MAX_GAP = 200;

export function isSchoolDay(date: string, nonSchoolDays: ReadonlySet<string>): boolean {
  return isoWeekday(date) <= 5 && !nonSchoolDays.has(date);
}

/** The last school day on or before `date`. */
export function lastSchoolDayOnOrBefore(date: string, nonSchoolDays: ReadonlySet<string>): string {
  let d = date;
  for (let i = 0; i <= MAX_GAP && !isSchoolDay(d, nonSchoolDays); i++) d = addDays(d, -1);
  return d;
}

/** The Nth school day after `from` (not counting `from` itself). */
export function addSchoolDays(from: string, n: number, nonSchoolDays: ReadonlySet<string>): string {
  let d = from;
  let counted = 0;
  let gap = 0;
  while (counted < n) {
    d = addDays(d, 1);
    if (isSchoolDay(d, nonSchoolDays)) {
      counted++;
      gap = 0;
    } else if (++gap > MAX_GAP) {
      throw new Error(`More than ${MAX_GAP} days in a row without school after ${from}: check the district calendar.`);
    }
  }
  return d;
}

/** School days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function schoolDaysBetween(from: string, to: string, nonSchoolDays: ReadonlySet<string>): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isSchoolDay(d, nonSchoolDays)) n++;
  return n;
}

export interface EvaluationDeadline {
  /** The legal due date. */
  due: string;
  /** Whether the due date is a school day (always, when counting school days). */
  dueIsSchoolDay: boolean;
  /** The last school day on or before the due date. */
  lastSchoolDay: string;
}

export function evaluationDeadline(consentDate: string, rule: ClockRule, nonSchoolDays: ReadonlySet<string>): EvaluationDeadline {
  const due = rule.count === "CALENDAR" ? addDays(consentDate, rule.days) : addSchoolDays(consentDate, rule.days, nonSchoolDays);
  const dueIsSchoolDay = isSchoolDay(due, nonSchoolDays);
  return { due, dueIsSchoolDay, lastSchoolDay: dueIsSchoolDay ? due : lastSchoolDayOnOrBefore(due, nonSchoolDays) };
}

export interface ClockState extends EvaluationDeadline {
  /** Calendar days from today to the due date (negative once overdue). */
  daysLeft: number;
  /** When counting school days: school days left after today up to the due date (0 once it has passed). */
  schoolDaysLeft: number | null;
  overdue: boolean;
}

/** Where the clock stands on `today`. */
export function clockState(consentDate: string, rule: ClockRule, nonSchoolDays: ReadonlySet<string>, today: string): ClockState {
  const deadline = evaluationDeadline(consentDate, rule, nonSchoolDays);
  const daysLeft = Math.round((Date.parse(`${deadline.due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return {
    ...deadline,
    daysLeft,
    schoolDaysLeft: rule.count === "SCHOOL" ? schoolDaysBetween(today, deadline.due, nonSchoolDays) : null,
    overdue: daysLeft < 0,
  };
}
