/**
 * The compliance calendar's rules (issue 16), pure: which horizons it offers,
 * the last day a horizon reaches, and how a due date reads. Dates are
 * yyyy-mm-dd strings; "today" is the district's day (its time zone), which
 * the caller supplies.
 */
import { addDays } from "@/domain/dosage";
import { daysUntil } from "./dates";

/** How far ahead the calendar looks, in days: the next 30, 60 or 90. */
export const HORIZONS = [30, 60, 90] as const;
export type Horizon = (typeof HORIZONS)[number];
export const DEFAULT_HORIZON: Horizon = 90;

/** The last day inside the horizon: due dates on or before it are listed (and every overdue one). */
export const horizonEnd = (today: string, horizon: Horizon): string => addDays(today, horizon);

export type DueKind = "ANNUAL_REVIEW" | "REEVALUATION" | "EVALUATION";

export const DUE_KIND_LABEL: Readonly<Record<DueKind, string>> = {
  ANNUAL_REVIEW: "Annual review",
  REEVALUATION: "Re-evaluation",
  EVALUATION: "Evaluation (referral)",
};

export type DueState = "overdue" | "today" | "soon" | "later";

/**
 * Where a due date stands on `today`: overdue once the day has passed, due
 * today, soon within the next 14 days (two school weeks to hold a meeting),
 * later otherwise.
 */
export function dueState(due: string, today: string): DueState {
  const n = daysUntil(due, today);
  if (n < 0) return "overdue";
  if (n === 0) return "today";
  return n <= 14 ? "soon" : "later";
}

/** Whether `due` is listed for a horizon: overdue, or on or before its last day. */
export const withinHorizon = (due: string, today: string, horizon: Horizon): boolean => due <= horizonEnd(today, horizon);
