import { formatMomentDayIn, formatMomentIn } from "@/domain/time-zone";

// Calendar dates (dates of birth, a plan's start, a probe's day) are stored as
// UTC midnight and shown as that UTC day, so server and browser render the
// same text. Moments (when something was recorded) are shown in the
// district's time zone (Ctx.timeZone), never in UTC.
const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });

export function formatDay(date: Date | string): string {
  return DAY.format(typeof date === "string" ? new Date(date.length === 10 ? `${date}T00:00:00Z` : date) : date);
}

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

/** "First Last", as in a heading. */
export const fullName = (s: Named) => `${s.legalFirstName} ${s.legalLastName}`;

/** "Last, First", as in a list sorted by family name. */
export const listName = (s: Named) => `${s.legalLastName}, ${s.legalFirstName}`;

/** The preferred name when it differs from the legal first name. */
export const goesBy = (s: Named) => (s.preferredName && s.preferredName !== s.legalFirstName ? s.preferredName : null);
