import "server-only";
import Papa from "papaparse";
import { addDays, isoWeekday } from "@/domain/dosage";
import { BINARY_MESSAGE } from "@/domain/text-decoding";

// The district calendar as a CSV: one closed day or break per row,
// "date,label" or "start,end,label" (header row required: date,label or
// start,end,label). Weekends inside a range are left out (they are never
// school days). Nothing is saved when any row has a problem.

export const MAX_CALENDAR_ROWS = 400;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export type CalendarCsvResult = { ok: true; days: { date: string; label: string }[] } | { ok: false; problems: string[] };

const valid = (d: string) => ISO.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Every weekday from `from` to `to` inclusive. */
export function weekdaysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
}

export function parseCalendarCsv(text: string): CalendarCsvResult {
  // A zero byte is not CSV text, and a label holding it could not be stored (PostgreSQL refuses NUL in text; issue 21).
  if (text.includes("\u0000")) return { ok: false, problems: [BINARY_MESSAGE] };
  const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: ",", skipEmptyLines: "greedy" }).data;
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const ranged = header.join(",") === "start,end,label";
  if (!ranged && header.join(",") !== "date,label") return { ok: false, problems: ["Row 1 must name the columns date,label (one day per row) or start,end,label (a break per row)."] };
  const rows = records.slice(1);
  if (rows.length === 0) return { ok: false, problems: ["The file has no days under its header row."] };
  if (rows.length > MAX_CALENDAR_ROWS) return { ok: false, problems: [`The file has more than ${MAX_CALENDAR_ROWS} rows. Upload the calendar in smaller files.`] };
  const problems: string[] = [];
  const days = new Map<string, string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const [a = "", b = "", c = ""] = cells.map((x) => x.trim());
    const [from, to, label] = ranged ? [a, b, c] : [a, a, b];
    if (!valid(from) || !valid(to)) return void problems.push(`Row ${row}: write dates as yyyy-mm-dd (for example 2026-12-21).`);
    if (to < from) return void problems.push(`Row ${row}: the end is before the start.`);
    if (addDays(from, 366) < to) return void problems.push(`Row ${row}: a break cannot be longer than a year.`);
    if (!label) return void problems.push(`Row ${row}: name the day or break (the label column).`);
    if (label.length > 100) return void problems.push(`Row ${row}: the label is longer than 100 characters.`);
    for (const d of weekdaysIn(from, to)) days.set(d, label);
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, days: [...days].map(([date, label]) => ({ date, label })).sort((x, y) => x.date.localeCompare(y.date)) };
}
