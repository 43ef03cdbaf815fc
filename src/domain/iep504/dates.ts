/**
 * The dates the law sets for an IEP or a 504 plan (DOMAIN.md, step 8), on
 * yyyy-mm-dd strings (school days have no time zone).
 *
 * - Annual review: IDEA (34 CFR 300.324(b)) requires the IEP team to review
 *   the IEP "not less than annually", so the review is due within one year of
 *   the last IEP meeting: at the latest on the same calendar day a year later.
 *   Districts use the same for 504 plans.
 * - Re-evaluation: at least every three years for an IEP (34 CFR 300.303);
 *   for a 504 plan "periodically", a period the district sets.
 */

export const IEP_REEVALUATION_YEARS = 3;

/** The same calendar day `years` years later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastOfMonth)).padStart(2, "0")}`;
}

/** The latest day the annual review may be held after a meeting on `lastMeeting`. */
export function latestAnnualReview(lastMeeting: string): string {
  return addYears(lastMeeting, 1);
}

/** The latest day of the re-evaluation after an evaluation on `lastEvaluation`. */
export function latestReevaluation(lastEvaluation: string, years: number): string {
  return addYears(lastEvaluation, years);
}

/** Whole days from `today` to `due` (negative once it has passed). */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "due in 12 days", "due today", "3 days overdue". */
export function dueWords(due: string, today: string): string {
  const n = daysUntil(due, today);
  if (n === 0) return "due today";
  if (n > 0) return `due in ${n} ${n === 1 ? "day" : "days"}`;
  return `${-n} ${n === -1 ? "day" : "days"} overdue`;
}
