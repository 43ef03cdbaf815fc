/**
 * Required vs delivered minutes of an IEP/504 service per school week
 * (Monday to Friday, on yyyy-mm-dd strings). A monthly requirement is spread
 * evenly over the year's weeks (x 12 / 52); a week the service covers only in
 * part (it starts or ends mid-week) requires its share of the five school
 * days. A completed week with fewer minutes delivered than required is a
 * shortfall; the current week is shown but never flagged (it is not over).
 */
import { addDays, weekStart } from "@/domain/dosage";

export type Frequency = "WEEKLY" | "MONTHLY";

export interface ServiceRequirement {
  minutes: number;
  frequency: Frequency;
  /** yyyy-mm-dd */
  startDate: string;
  /** The last day it applies, or null while it has no end. */
  endDate: string | null;
}

export interface ServiceWeek {
  /** The week's Monday. */
  weekOf: string;
  required: number;
  delivered: number;
  /** delivered < required in a completed week. */
  shortfall: boolean;
  /** The week holds today: still running, never flagged. */
  current: boolean;
}

/** Minutes a full school week requires. */
export function weeklyRequirement(s: Pick<ServiceRequirement, "minutes" | "frequency">): number {
  return s.frequency === "WEEKLY" ? s.minutes : (s.minutes * 12) / 52;
}

/** School days (Monday to Friday) of the week starting `monday` on which the service applies. */
function daysCovered(s: ServiceRequirement, monday: string): number {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const d = addDays(monday, i);
    if (d >= s.startDate && (s.endDate === null || d <= s.endDate)) n++;
  }
  return n;
}

/**
 * The last `weeks` school weeks up to and including today's, oldest first,
 * with what each required and what was delivered (`delivered`: minutes
 * logged, by date). Required minutes are rounded to whole minutes.
 */
export function serviceWeeks(s: ServiceRequirement, delivered: readonly { date: string; minutes: number }[], today: string, weeks = 4): ServiceWeek[] {
  const byDate = new Map<string, number>();
  for (const d of delivered) byDate.set(d.date, (byDate.get(d.date) ?? 0) + d.minutes);
  const thisWeek = weekStart(today);
  const out: ServiceWeek[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const monday = addDays(thisWeek, -7 * w);
    const required = Math.round((weeklyRequirement(s) * daysCovered(s, monday)) / 5);
    let got = 0;
    for (let i = 0; i < 7; i++) got += byDate.get(addDays(monday, i)) ?? 0;
    const current = monday === thisWeek;
    out.push({ weekOf: monday, required, delivered: got, shortfall: !current && got < required, current });
  }
  return out;
}

/** Whether any completed week of these is short. */
export const hasShortfall = (weeks: readonly ServiceWeek[]) => weeks.some((w) => w.shortfall);
