/**
 * Dosage and fidelity arithmetic for intervention plans (DOMAIN.md step 4;
 * issue 5 "Underneath"). Pure functions, no I/O. Dates are calendar days as
 * "yyyy-mm-dd"; weeks start on Monday (ISO weekdays: 1 = Monday ... 7 = Sunday).
 *
 * The rules, in the words a reviewer would check them by:
 *
 * - Planned dosage. A plan meets on its scheduled weekdays (scheduleDays), or
 *   on every school weekday (Monday to Friday) when no weekday is fixed. Each
 *   of those days in a period carries sessionsPerWeek / (meeting days per
 *   week) sessions and as many times minutesPerSession minutes, with the
 *   dosage of the plan phase in effect that day (phases change the dosage at
 *   their start dates). So a 3-a-week plan on Monday, Wednesday and Friday
 *   plans exactly one session on each of those days, and a week that starts
 *   on a Wednesday plans two; a 3-a-week plan with no fixed days plans 3/5 of
 *   a session on each weekday, so partial weeks are pro-rated. Planned dosage
 *   counts only days from the plan's start to its end (or today) inclusive.
 * - A day on which a SCHOOL_CLOSED session was logged plans nothing: a closed
 *   school is not a missed session. Nor does today until one of its sessions
 *   is logged: the day is not over.
 * - Delivered, for a plan: the sessions HELD and their minutes.
 *   Delivered, for a student: the sessions they attended (PRESENT or PARTIAL);
 *   PRESENT counts the session's minutes, PARTIAL the minutes they received.
 *   So one group session counts once for each student present.
 * - Attendance rate: attended (present + partial) / offered, where a student
 *   is offered a session when it was held or they were absent from it (the
 *   attendance rows of HELD and STUDENT_ABSENT sessions). Null when nothing
 *   was offered.
 * - Fidelity: components delivered / components expected, over the HELD
 *   sessions (for a student: the held sessions they attended). A session
 *   expects every active component of the intervention in force that day and
 *   counts at most that many as delivered. Null when nothing was expected
 *   (no held session yet, or a custom intervention with no checklist).
 * - Flags: delivered minutes below the district's dosage threshold (percent
 *   of planned) or fidelity below its fidelity threshold, over the last four
 *   weeks (this week and the three before it). The rolling window says how
 *   the plan is delivered now, which is what oversight acts on; the figures
 *   since the start stay on the summary for the review. No flag without
 *   planned minutes or expected components to compare with.
 */

import { dayNumber, formatDayMonth, isoOfDay } from "./goals";
import { DEFAULT_DISTRICT_SETTINGS } from "./settings";

export const SESSION_STATUSES = ["HELD", "STUDENT_ABSENT", "INTERVENTIONIST_ABSENT", "CANCELLED", "SCHOOL_CLOSED"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "PARTIAL"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Meeting days of a plan with no fixed weekdays. */
export const SCHOOL_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
export const WEEKDAY_LABEL: Readonly<Record<number, string>> = {
  1: "Monday",
  2: "Tuesday",
  3: "Wednesday",
  4: "Thursday",
  5: "Friday",
  6: "Saturday",
  7: "Sunday",
};

// ---------------------------------------------------------------------------
// Days and periods
// ---------------------------------------------------------------------------

function day(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`Not a real date (expected yyyy-mm-dd): ${date}.`);
  return n;
}
// 1970-01-01 was a Thursday (ISO weekday 4).
const weekdayOf = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

/** ISO weekday of a day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return weekdayOf(day(date));
}

/** The day `n` days after `date` (before, for negative n). */
export function addDays(date: string, n: number): string {
  return isoOfDay(day(date) + n);
}

/** The Monday of the week `date` is in. */
export function weekStart(date: string): string {
  const n = day(date);
  return isoOfDay(n - (weekdayOf(n) - 1));
}

/** Calendar days from `from` to `to` inclusive. */
export interface Period {
  from: string;
  to: string;
}

export const PERIODS = ["week", "last4Weeks", "sinceStart"] as const;
export type PeriodKey = (typeof PERIODS)[number];
export const PERIOD_LABEL: Readonly<Record<PeriodKey, string>> = {
  week: "This week",
  last4Weeks: "Last 4 weeks",
  sinceStart: "Since the start",
};
/** The period flags are judged on (see the rules above). */
export const FLAG_PERIOD: PeriodKey = "last4Weeks";

/** This week (Monday to today), the last four weeks (from the Monday three weeks before this one) and since the plan's start, all up to today. */
export function dosagePeriods(startDate: string, today: string): Record<PeriodKey, Period> {
  return { week: { from: weekStart(today), to: today }, last4Weeks: lastFourWeeks(today), sinceStart: { from: startDate, to: today } };
}

/** The last four weeks: from the Monday three weeks before this week's to today. */
export function lastFourWeeks(today: string): Period {
  return { from: addDays(weekStart(today), -21), to: today };
}

const inPeriod = (date: string, p: Period) => date >= p.from && date <= p.to;

// ---------------------------------------------------------------------------
// Planned dosage
// ---------------------------------------------------------------------------

export interface DosagePhase {
  startDate: string;
  sessionsPerWeek: number;
  minutesPerSession: number;
}

export interface DosagePlan {
  startDate: string;
  /** The day it was completed or discontinued; null while it runs. */
  endDate: string | null;
  /** ISO weekdays it meets on; empty = every school weekday. */
  scheduleDays: readonly number[];
  /** Its phases (any order); the earliest should start on the plan's start date. */
  phases: readonly DosagePhase[];
}

export interface Amount {
  sessions: number;
  minutes: number;
}

/**
 * Planned sessions and minutes of a plan in a period (the rules at the top),
 * leaving out the days in `closedDays` (school closed). Not rounded: a partial
 * week of a plan with no fixed days plans fractions of sessions.
 */
export function plannedDosage(plan: DosagePlan, period: Period, closedDays: ReadonlySet<string> = new Set()): Amount {
  const meetingDays = new Set(plan.scheduleDays.length ? plan.scheduleDays : SCHOOL_WEEKDAYS);
  const phases = [...plan.phases].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const first = day(period.from > plan.startDate ? period.from : plan.startDate);
  const lastDay = plan.endDate && plan.endDate < period.to ? plan.endDate : period.to;
  const last = day(lastDay);
  let sessions = 0;
  let minutes = 0;
  let p = -1;
  for (let n = first; n <= last; n++) {
    const date = isoOfDay(n);
    while (p + 1 < phases.length && phases[p + 1]!.startDate <= date) p++;
    // Days before the first phase's start take its dosage: phase 1 is the plan's start.
    const phase = phases[Math.max(p, 0)];
    if (!phase || !meetingDays.has(weekdayOf(n)) || closedDays.has(date)) continue;
    const share = phase.sessionsPerWeek / meetingDays.size;
    sessions += share;
    minutes += share * phase.minutesPerSession;
  }
  return { sessions, minutes };
}

// ---------------------------------------------------------------------------
// Delivered dosage, attendance and fidelity
// ---------------------------------------------------------------------------

export interface AttendanceRecord {
  status: AttendanceStatus;
  /** Minutes received when PARTIAL; null = the session's minutes. */
  minutes: number | null;
}

interface SessionFacts {
  date: string;
  status: SessionStatus;
  /** Minutes held; null when the session did not happen. */
  minutes: number | null;
  /** Active components of the intervention in force on the day. */
  componentsExpected: number;
  /** Of those, how many were ticked as delivered. */
  componentsDelivered: number;
}

/** A logged session of a plan, with how many students it was offered to (its attendance rows) and how many attended. */
export interface SessionRecord extends SessionFacts {
  offered: number;
  attended: number;
}

/** A logged session of a plan as one student had it: their attendance row, or null when it was not offered to them. */
export interface StudentSessionRecord extends SessionFacts {
  attendance: AttendanceRecord | null;
}

export interface Totals {
  delivered: Amount;
  /** Student-sessions offered (attendance rows of held and student-absent sessions). */
  offered: number;
  /** Of those, attended (present or partial). */
  attended: number;
  componentsExpected: number;
  componentsDelivered: number;
}

export const emptyTotals = (): Totals => ({ delivered: { sessions: 0, minutes: 0 }, offered: 0, attended: 0, componentsExpected: 0, componentsDelivered: 0 });

/** Present or partial. */
export const attended = (a: AttendanceRecord) => a.status === "PRESENT" || a.status === "PARTIAL";

function addFidelity(t: Totals, s: SessionFacts) {
  t.componentsExpected += s.componentsExpected;
  t.componentsDelivered += Math.min(s.componentsDelivered, s.componentsExpected);
}

const perPeriod = <T>(f: (key: PeriodKey) => T): Record<PeriodKey, T> => ({ week: f("week"), last4Weeks: f("last4Weeks"), sinceStart: f("sinceStart") });

/** A plan's delivered dosage, attendance and fidelity in one period, from its logged sessions. */
export function planTotalsIn(sessions: readonly SessionRecord[], period: Period): Totals {
  const t = emptyTotals();
  for (const s of sessions) {
    if (!inPeriod(s.date, period)) continue;
    t.offered += s.offered;
    t.attended += s.attended;
    if (s.status !== "HELD") continue;
    t.delivered.sessions += 1;
    t.delivered.minutes += s.minutes ?? 0;
    addFidelity(t, s);
  }
  return t;
}

/** planTotalsIn for each period. */
export function planTotals(sessions: readonly SessionRecord[], periods: Record<PeriodKey, Period>): Record<PeriodKey, Totals> {
  return perPeriod((key) => planTotalsIn(sessions, periods[key]));
}

/** Minutes a student received from a held session: its minutes when present, their own when partial, none when absent. */
export function minutesReceived(sessionMinutes: number | null, a: AttendanceRecord): number {
  if (a.status === "ABSENT") return 0;
  if (a.status === "PARTIAL") return Math.min(a.minutes ?? sessionMinutes ?? 0, sessionMinutes ?? 0);
  return sessionMinutes ?? 0;
}

/** One student's delivered dosage in one period, from the plan's sessions as they had them. */
export function studentTotalsIn(sessions: readonly StudentSessionRecord[], period: Period): Totals {
  const t = emptyTotals();
  for (const s of sessions) {
    const row = s.attendance;
    if (!row || !inPeriod(s.date, period)) continue;
    t.offered += 1;
    if (!attended(row)) continue;
    t.attended += 1;
    if (s.status !== "HELD") continue;
    t.delivered.sessions += 1;
    t.delivered.minutes += minutesReceived(s.minutes, row);
    addFidelity(t, s);
  }
  return t;
}

/** studentTotalsIn for each period. */
export function studentTotals(sessions: readonly StudentSessionRecord[], periods: Record<PeriodKey, Period>): Record<PeriodKey, Totals> {
  return perPeriod((key) => studentTotalsIn(sessions, periods[key]));
}

// ---------------------------------------------------------------------------
// The summary: planned vs delivered, percentages and flags
// ---------------------------------------------------------------------------

export interface Thresholds {
  /** Percent of planned minutes below which dosage is flagged. */
  dosage: number;
  /** Percent of components below which fidelity is flagged. */
  fidelity: number;
}
/** The thresholds of a district that has set none (DOMAIN.md: below 80% is a flag). */
export const DEFAULT_THRESHOLDS: Thresholds = { dosage: DEFAULT_DISTRICT_SETTINGS.dosageThreshold, fidelity: DEFAULT_DISTRICT_SETTINGS.fidelityThreshold };

export interface PeriodSummary {
  period: Period;
  planned: Amount;
  delivered: Amount;
  /** Delivered minutes as a percentage of planned; null when nothing was planned. */
  minutesPercent: number | null;
  /** Attended / offered as a percentage; null when nothing was offered. */
  attendancePercent: number | null;
  /** Components delivered / expected as a percentage; null when nothing was expected. */
  fidelityPercent: number | null;
  minutesBelow: boolean;
  fidelityBelow: boolean;
}

export interface DosageSummary {
  periods: Record<PeriodKey, PeriodSummary>;
  thresholds: Thresholds;
  /** Flags over FLAG_PERIOD. */
  flags: { minutes: boolean; fidelity: boolean };
  flagged: boolean;
  /**
   * The plan's start date when it is after today: nothing is planned or
   * delivered yet, which is neither "on track" nor below threshold.
   */
  startsOn: string | null;
}

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

/** Planned vs delivered in one period, with its percentages and whether each is below its threshold. */
export function summarizePeriod(plan: DosagePlan, t: Totals, period: Period, closedDays: ReadonlySet<string>, thresholds: Thresholds): PeriodSummary {
  const planned = plannedDosage(plan, period, closedDays);
  const minutesPercent = percent(t.delivered.minutes, planned.minutes);
  const fidelityPercent = percent(t.componentsDelivered, t.componentsExpected);
  return {
    period,
    planned,
    delivered: { ...t.delivered },
    minutesPercent,
    attendancePercent: percent(t.attended, t.offered),
    fidelityPercent,
    minutesBelow: minutesPercent !== null && minutesPercent < thresholds.dosage,
    fidelityBelow: fidelityPercent !== null && fidelityPercent < thresholds.fidelity,
  };
}

/**
 * The days to leave out of planned dosage: those of SCHOOL_CLOSED sessions,
 * and today while none of today's sessions is logged (the day is not over:
 * a session due this afternoon is not missed this morning).
 */
export function daysNotPlanned(sessions: readonly Pick<SessionFacts, "date" | "status">[], today: string): Set<string> {
  return notPlanned(
    sessions.filter((s) => s.status === "SCHOOL_CLOSED").map((s) => s.date),
    sessions.some((s) => s.date === today),
    today,
  );
}

/** daysNotPlanned from the closed days and whether anything is logged today. */
export function notPlanned(closedDays: Iterable<string>, loggedToday: boolean, today: string): Set<string> {
  const days = new Set(closedDays);
  if (!loggedToday) days.add(today);
  return days;
}

/**
 * Planned vs delivered for each period, with percentages and flags, from the
 * delivered totals (planTotals, studentTotals, or the same sums made in SQL).
 */
export function summarizeDosage(input: {
  plan: DosagePlan;
  totals: Record<PeriodKey, Totals>;
  periods: Record<PeriodKey, Period>;
  closedDays: ReadonlySet<string>;
  thresholds: Thresholds;
}): DosageSummary {
  const { plan, totals, periods, closedDays, thresholds } = input;
  const out = perPeriod((key) => summarizePeriod(plan, totals[key], periods[key], closedDays, thresholds));
  const flags = { minutes: out[FLAG_PERIOD].minutesBelow, fidelity: out[FLAG_PERIOD].fidelityBelow };
  const startsOn = plan.startDate > periods.sinceStart.to ? plan.startDate : null;
  return { periods: out, thresholds: { ...thresholds }, flags, flagged: flags.minutes || flags.fidelity, startsOn };
}

/** A plan's summary from its logged sessions (closed days taken from them). */
export function planDosage(plan: DosagePlan, sessions: readonly SessionRecord[], today: string, thresholds: Thresholds): DosageSummary {
  const periods = dosagePeriods(plan.startDate, today);
  return summarizeDosage({ plan, totals: planTotals(sessions, periods), periods, closedDays: daysNotPlanned(sessions, today), thresholds });
}

/** One student's summary on a plan, from its sessions as they had them. */
export function studentDosage(plan: DosagePlan, sessions: readonly StudentSessionRecord[], today: string, thresholds: Thresholds): DosageSummary {
  const periods = dosagePeriods(plan.startDate, today);
  return summarizeDosage({ plan, totals: studentTotals(sessions, periods), periods, closedDays: daysNotPlanned(sessions, today), thresholds });
}

/** Why a period is flagged: ["delivered minutes 56% (threshold 80%)", "fidelity 67% (threshold 80%)"]. */
export function flagReasons(figures: Pick<PeriodSummary, "minutesPercent" | "fidelityPercent" | "minutesBelow" | "fidelityBelow">, thresholds: Thresholds): string[] {
  return [
    figures.minutesBelow ? `delivered minutes ${formatPercent(figures.minutesPercent)} (threshold ${thresholds.dosage}%)` : null,
    figures.fidelityBelow ? `fidelity ${formatPercent(figures.fidelityPercent)} (threshold ${thresholds.fidelity}%)` : null,
  ].filter((r): r is string => r !== null);
}

/**
 * The one line above a dosage table: not started yet (and when it starts),
 * below threshold over the flag period (and why), or on track.
 */
export function dosageHeadline(summary: DosageSummary): { kind: "not-started" | "below" | "on-track"; text: string } {
  const { thresholds } = summary;
  if (summary.startsOn) {
    // The periods end today.
    const today = summary.periods.sinceStart.period.to;
    const days = day(summary.startsOn) - day(today);
    return {
      kind: "not-started",
      text: `Not started yet: the plan starts on ${formatDayMonth(summary.startsOn, today)} (${days === 1 ? "tomorrow" : `in ${days} days`}). Sessions are planned and counted from that day.`,
    };
  }
  const reasons = flagReasons(summary.periods[FLAG_PERIOD], thresholds);
  if (reasons.length) return { kind: "below", text: `Below threshold over the last 4 weeks: ${reasons.join(" and ")}.` };
  return { kind: "on-track", text: `On track over the last 4 weeks (thresholds: minutes ${thresholds.dosage}%, fidelity ${thresholds.fidelity}%).` };
}

/** "12", "2.4": planned sessions are fractions in partial weeks of plans with no fixed days. */
export function formatAmount(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** "83%", or "—" when there is nothing to compare with. Rounded down, so 79.6% never reads as meeting 80%. */
export function formatPercent(p: number | null): string {
  return p === null ? "—" : `${Math.floor(p)}%`;
}
