// The demo's school year, relative to the day the seed runs (issue 14): it
// starts on the Monday on or after 14 August of the school year that day is
// in, and the demo's history runs from there to that day. The fixed stories
// (Maya's plan, the grade 4 groups, ...) were written against the 2026-27
// year; every fixed date moves by the whole weeks between that year's start
// and this one's, so weekdays, intervals and every statistic stay the same.
// Plain data and arithmetic: the seed and the end-to-end tests both use it.

/** The first Monday of the school year the fixed demo dates were written for. */
export const REFERENCE_YEAR_START = "2026-08-17";

const MS_PER_DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const isoOf = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

export const addDaysIso = (iso: string, n: number) => isoOf(dayNumber(iso) + n);

/** The Monday on or after 14 August of the school year `today` is in (a school year runs from mid-August to mid-August). */
export function schoolYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const start = (y: number) => {
    const n = dayNumber(`${y}-08-14`);
    const weekday = (((n + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
    return isoOf(n + ((7 - weekday) % 7));
  };
  return today >= start(year) ? start(year) : start(year - 1);
}

/** Days every fixed demo date moves for a seed run on `today` (a whole number of weeks). */
export function demoShiftDays(today: string): number {
  return dayNumber(schoolYearStart(today)) - dayNumber(REFERENCE_YEAR_START);
}

/** A fixed demo date ("2026-09-21") as it falls in the school year of `today`. */
export function demoDay(fixed: string, today: string): string {
  return addDaysIso(fixed, demoShiftDays(today));
}

/** The UTC day of the machine: the seed and the tests agree on it. */
export const seedToday = () => new Date().toISOString().slice(0, 10);

/** A fixed demo date moved into the school year of the day the seed runs, as "yyyy-mm-dd". */
export const demoIso = (fixed: string) => demoDay(fixed, seedToday());

/** A fixed demo date and UTC time ("15:00") moved into the school year of the day the seed runs. */
export const demoDate = (fixed: string, time = "00:00") => new Date(`${demoIso(fixed)}T${time}:00Z`);
