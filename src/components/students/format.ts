import { formatMomentDayIn, formatMomentIn } from "@/domain/time-zone";

// Calendar dates: formatDay lives in the domain (server messages use it too).
// Moments (when something was recorded) are shown in the district's time
// zone (Ctx.timeZone), never in UTC.
export { formatDay } from "@/domain/time-zone";

/** "Dec 1, 2026, 3:05:09 PM CST": when something happened, in the district's zone. */
export function formatMoment(date: Date | string, timeZone: string): string {
  return formatMomentIn(typeof date === "string" ? new Date(date) : date, timeZone);
}

/** "Dec 1, 2026": the district's day on which something happened (an approval, an archive). */
export function formatMomentDay(date: Date | string, timeZone: string): string {
  return formatMomentDayIn(typeof date === "string" ? new Date(date) : date, timeZone);
}

interface Named {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
}

/** "First Last": the legal name, as on the edit form. */
export const fullName = (s: Named) => `${s.legalFirstName} ${s.legalLastName}`;

/** "Preferred Last" (or "First Last"): the name the student goes by, as headings and goal sentences use it (server/caseloads/names.ts). */
export const shownName = (s: Named) => `${s.preferredName?.trim() || s.legalFirstName} ${s.legalLastName}`;

/** "Last, First", as in a list sorted by family name. */
export const listName = (s: Named) => `${s.legalLastName}, ${s.legalFirstName}`;

/** The preferred name when it differs from the legal first name. */
export const goesBy = (s: Named) => (s.preferredName && s.preferredName !== s.legalFirstName ? s.preferredName : null);
