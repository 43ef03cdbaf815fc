// Dates are shown as UTC days so server and browser render the same text.
const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });

export function formatDay(date: Date | string): string {
  return DAY.format(typeof date === "string" ? new Date(date) : date);
}
