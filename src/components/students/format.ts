// Dates are shown as UTC days (dates of birth are calendar dates), so server
// and browser render the same text.
const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });
const MOMENT = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

export function formatDay(date: Date | string): string {
  return DAY.format(typeof date === "string" ? new Date(date.length === 10 ? `${date}T00:00:00Z` : date) : date);
}

export function formatMoment(date: Date | string): string {
  return `${MOMENT.format(typeof date === "string" ? new Date(date) : date)} UTC`;
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
