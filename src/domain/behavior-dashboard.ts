// The behaviour and compliance dashboards' statistics (issue 18, decision 030):
// incidents per 100 students per school day per month against the same month
// of the previous year, the share of check-in/check-out students meeting their
// daily goal, and deadlines bucketed by how soon they fall due. Pure
// functions on yyyy-mm-dd days; the SQL only counts.
import { ratePer100PerDay, schoolDaysBetween } from "./behavior";
import { shareOf } from "./dashboards";
import { addDays } from "./dosage";
import { daysUntil } from "./iep504/dates";

/** "2026-09" for a day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** The twelve months of a school year (July to June, as the dashboards' years run), as "yyyy-mm". */
export function schoolYearMonths(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((6 + i) % 12) + 1;
    return `${m >= 7 ? year : year + 1}-${String(m).padStart(2, "0")}`;
  });
}

/** The last day of a month "yyyy-mm". */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`, -1);
}

/**
 * School days of a month that fall between `from` and `to` (inclusive):
 * weekdays less the district's non-school days. `from` is the year's first
 * day with an incident (decision 014: the app has no school calendar, so
 * summer weekdays before it are not school days), `to` today or the year's end.
 * 0 when the month is wholly outside.
 */
export function schoolDaysInMonth(month: string, from: string | null, to: string, closed: ReadonlySet<string> = new Set()): number {
  if (from === null) return 0;
  const start = `${month}-01` > from ? `${month}-01` : from;
  const end = monthEnd(month) < to ? monthEnd(month) : to;
  return schoolDaysBetween(start, end, closed);
}

export interface YearMonth {
  incidents: number;
  schoolDays: number;
  /** Per 100 students per school day; null without school days or students. */
  rate: number | null;
}

export interface MonthRate {
  /** "yyyy-mm" of the chosen year. */
  month: string;
  current: YearMonth;
  /** The same month a year before. */
  previous: YearMonth;
  /** current.rate − previous.rate; null when either has no rate. */
  change: number | null;
}

/** The month a year before "yyyy-mm". */
export const monthBefore = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

/**
 * Each month of the school year with a school day in either year: incidents,
 * school days and the rate per 100 students per school day, beside the same
 * month of the previous year. Both years are divided by the same `students`
 * (the students in view now: the app keeps no enrolment history).
 */
export function monthlyRates(input: {
  year: number;
  students: number;
  counts: ReadonlyMap<string, number>;
  /** The first day with an incident in the chosen year and in the previous one (null: none). */
  firstDay: { current: string | null; previous: string | null };
  /** Last day counted in the chosen year (today, or the year's last day) and in the previous year. */
  lastDay: { current: string; previous: string };
  closed?: ReadonlySet<string>;
}): MonthRate[] {
  const closed = input.closed ?? new Set<string>();
  const of = (month: string, first: string | null, last: string): YearMonth => {
    const schoolDays = schoolDaysInMonth(month, first, last, closed);
    const incidents = input.counts.get(month) ?? 0;
    return { incidents, schoolDays, rate: ratePer100PerDay(incidents, input.students, schoolDays) };
  };
  return schoolYearMonths(input.year)
    .map((month): MonthRate => {
      const current = of(month, input.firstDay.current, input.lastDay.current);
      const previous = of(monthBefore(month), input.firstDay.previous, input.lastDay.previous);
      return { month, current, previous, change: current.rate !== null && previous.rate !== null ? current.rate - previous.rate : null };
    })
    .filter((m) => m.current.schoolDays > 0 || m.previous.schoolDays > 0);
}

/** A year's incidents and rate over all its school days (the headline beside the months). */
export function yearRate(months: readonly MonthRate[], students: number, which: "current" | "previous"): YearMonth {
  const incidents = months.reduce((s, m) => s + m[which].incidents, 0);
  const schoolDays = months.reduce((s, m) => s + m[which].schoolDays, 0);
  return { incidents, schoolDays, rate: ratePer100PerDay(incidents, students, schoolDays) };
}

/** One check-in/check-out student's rated days in a period: the sums of their daily percentages and of their cards' daily goals. */
export interface CicoStudentPeriod {
  days: number;
  percentSum: number;
  goalSum: number;
  /** Days at or above that day's goal. */
  daysMet: number;
}

export interface CicoGoalShare {
  /** Students with at least one rated day. */
  students: number;
  /** Of them, those whose average daily percentage is at or above their daily goal. */
  meeting: number;
  share: number | null;
  days: number;
  daysMet: number;
  /** Rated days at or above the day's goal, of all rated days. */
  dayShare: number | null;
}

/**
 * A student meets their daily goal over a period when their average daily
 * percentage is at or above their card's daily goal (CICO-SWIS's reading; a
 * student whose goal changed in the period is held to the average of the
 * goals of their rated days). Days with nothing rated (absent, or no rating)
 * are not in the sums: an absence is not a zero (decision 014).
 */
export function meetsDailyGoal(s: CicoStudentPeriod): boolean {
  return s.days > 0 && s.percentSum >= s.goalSum;
}

export function cicoGoalShare(students: readonly CicoStudentPeriod[]): CicoGoalShare {
  const rated = students.filter((s) => s.days > 0);
  const meeting = rated.filter(meetsDailyGoal).length;
  const days = rated.reduce((s, x) => s + x.days, 0);
  const daysMet = rated.reduce((s, x) => s + x.daysMet, 0);
  return { students: rated.length, meeting, share: shareOf(meeting, rated.length), days, daysMet, dayShare: shareOf(daysMet, days) };
}

/** How soon a deadline falls due, as the compliance dashboard counts them. */
export const DUE_BUCKETS = ["overdue", "within30", "within60", "within90"] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];
export const DUE_BUCKET_LABEL: Readonly<Record<DueBucket, string>> = {
  overdue: "Overdue",
  within30: "Due in 0 to 30 days",
  within60: "Due in 31 to 60 days",
  within90: "Due in 61 to 90 days",
};

/** The bucket of a due date seen on `today`; null past 90 days. Due today is not overdue. */
export function dueBucket(due: string, today: string): DueBucket | null {
  const left = daysUntil(due, today);
  if (left < 0) return "overdue";
  if (left <= 30) return "within30";
  if (left <= 60) return "within60";
  if (left <= 90) return "within90";
  return null;
}
