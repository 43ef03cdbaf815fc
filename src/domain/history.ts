/**
 * A student's history (issue 14): one chronological feed of what happened to
 * the student, newest first. Most events are one entry each (a tier decision,
 * a plan approved, a goal set); probes and sessions, which come weekly or
 * daily, are summarised per week (Monday to Sunday) so a year of monitoring
 * reads as a year, not as hundreds of lines. Pure: the server reads the rows
 * the user may see and this module groups, orders and pages them.
 */

import { weekStart } from "./dosage";
import { dayNumber } from "./goals";

export const HISTORY_KINDS = ["tier", "plan", "goal", "probe", "session", "accommodation", "caseload", "family"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const HISTORY_KIND_LABEL: Readonly<Record<HistoryKind, string>> = {
  tier: "Tier decisions",
  plan: "Plans",
  goal: "Goals",
  probe: "Probes",
  session: "Sessions",
  accommodation: "Accommodations",
  caseload: "Caseload",
  family: "Family contacts",
};

/** One line of the feed. */
export interface HistoryEntry {
  /** Unique in the feed (a React key, and the tie-break of the order). */
  key: string;
  kind: HistoryKind;
  /** When it happened: "yyyy-mm-dd" (a week's entry: its Monday) or an ISO timestamp. */
  at: string;
  /** "yyyy-mm-dd": the day the entry is filed under (a week's entry: its latest day). */
  day: string;
  /** A week's entry: the Monday of the week. */
  weekOf?: string;
  title: string;
  /** More, in plain words. */
  detail?: string;
  /** Who did it (names; a weekly summary lists everyone who gave a probe or logged a session). */
  who: string[];
  /** Where the thing lives in the app. */
  href: string | null;
}

/** One probe as the feed reads it. */
export interface ProbeFact {
  id: string;
  date: string;
  goalId: string;
  /** "ORF" as the measure is named. */
  measureName: string;
  /** The score as the measure writes it ("45 WCPM"). */
  scoreText: string;
  givenBy: string;
  /** Invalid probes are listed in the week but not counted; their marking is an entry of its own. */
  valid: boolean;
}

/**
 * Probes, one entry per week and goal: "ORF: 3 probes: 45, 46, 47 WCPM".
 * Invalid probes are named as such in the week they were given.
 */
export function weeklyProbeEntries(probes: readonly ProbeFact[]): HistoryEntry[] {
  const groups = new Map<string, ProbeFact[]>();
  for (const p of probes) {
    const key = `${weekStart(p.date)}|${p.goalId}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([key, list]) => {
    const [week, goalId] = key.split("|") as [string, string];
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const valid = sorted.filter((p) => p.valid);
    const invalid = sorted.length - valid.length;
    const count = `${valid.length} ${valid.length === 1 ? "probe" : "probes"}`;
    const scores = valid.map((p) => p.scoreText).join(", ");
    return {
      key: `probe-week:${key}`,
      kind: "probe",
      at: week,
      day: sorted.at(-1)!.date,
      weekOf: week,
      title: `${sorted[0]!.measureName}: ${count}${valid.length ? ` (${scores})` : ""}`,
      detail: invalid ? `${invalid} more marked invalid and not counted.` : undefined,
      who: unique(sorted.map((p) => p.givenBy)),
      href: `/goals/${goalId}`,
    };
  });
}

/** One logged session of a plan of the student, as the student had it. */
export interface SessionFact {
  id: string;
  date: string;
  planId: string;
  planTitle: string;
  status: "HELD" | "STUDENT_ABSENT" | "INTERVENTIONIST_ABSENT" | "CANCELLED" | "SCHOOL_CLOSED";
  /** The student's attendance; null when no attendance was taken (not held). */
  attendance: "PRESENT" | "ABSENT" | "PARTIAL" | null;
  /** Minutes the student received (0 when absent or not held). */
  minutes: number;
  loggedBy: string;
}

/**
 * Sessions, one entry per week and plan: "Read Naturally: 3 sessions, attended 2 (60 minutes)",
 * with what did not happen ("1 cancelled").
 */
export function weeklySessionEntries(sessions: readonly SessionFact[]): HistoryEntry[] {
  const groups = new Map<string, SessionFact[]>();
  for (const s of sessions) {
    const key = `${weekStart(s.date)}|${s.planId}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([key, list]) => {
    const [week, planId] = key.split("|") as [string, string];
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const held = sorted.filter((s) => s.status === "HELD" || s.status === "STUDENT_ABSENT");
    const attended = held.filter((s) => s.attendance === "PRESENT" || s.attendance === "PARTIAL").length;
    const minutes = sorted.reduce((n, s) => n + s.minutes, 0);
    const missed: string[] = [];
    const countOf = (status: SessionFact["status"]) => sorted.filter((s) => s.status === status).length;
    const cancelled = countOf("CANCELLED");
    const staffAbsent = countOf("INTERVENTIONIST_ABSENT");
    const closed = countOf("SCHOOL_CLOSED");
    if (cancelled) missed.push(`${cancelled} cancelled`);
    if (staffAbsent) missed.push(`${staffAbsent} with the interventionist absent`);
    if (closed) missed.push(`${closed} on a day the school was closed`);
    const absent = held.length - attended;
    return {
      key: `session-week:${key}`,
      kind: "session",
      at: week,
      day: sorted.at(-1)!.date,
      weekOf: week,
      title: `${sorted[0]!.planTitle}: ${held.length} ${held.length === 1 ? "session" : "sessions"}, attended ${attended} (${minutes} ${minutes === 1 ? "minute" : "minutes"})`,
      detail: [absent ? `Absent from ${absent}.` : "", missed.length ? `Not held: ${missed.join(", ")}.` : ""].filter(Boolean).join(" ") || undefined,
      who: unique(sorted.map((s) => s.loggedBy)),
      href: `/plans/${planId}/sessions`,
    };
  });
}

const unique = (names: readonly string[]) => [...new Set(names.filter(Boolean))].sort((a, b) => a.localeCompare(b));

/** The moment an entry sorts by: a day sorts at the end of that day, so a week's summary comes above what happened earlier in it. */
function sortValue(e: HistoryEntry): string {
  return e.at.length === 10 ? `${e.day}T23:59:59.999Z` : e.at;
}

/** Newest first; a fixed order for equal times (kind, then key), so pages never overlap. */
export function sortHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => sortValue(b).localeCompare(sortValue(a)) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}

export interface HistoryFilter {
  kinds: readonly HistoryKind[];
  /** "yyyy-mm-dd", inclusive. */
  from?: string;
  to?: string;
}

/** Entries of the kinds asked for, filed in the dates asked for. */
export function filterHistory(entries: readonly HistoryEntry[], filter: HistoryFilter): HistoryEntry[] {
  const kinds = new Set(filter.kinds.length ? filter.kinds : HISTORY_KINDS);
  return entries.filter((e) => kinds.has(e.kind) && (!filter.from || e.day >= filter.from) && (!filter.to || e.day <= filter.to));
}

export interface HistoryPage {
  entries: HistoryEntry[];
  page: number;
  pageCount: number;
  total: number;
  /** The page asked for is past the end: it shows nothing, with a way back. */
  pastEnd: boolean;
}

/** One page of a sorted feed. A page past the end is empty (never an error), and says so. */
export function pageOfHistory(sorted: readonly HistoryEntry[], page: number, pageSize: number): HistoryPage {
  const pageCount = Math.max(1, Math.ceil(sorted.length / pageSize));
  return {
    entries: sorted.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageCount,
    total: sorted.length,
    pastEnd: page > pageCount,
  };
}

/** Why a history filter is refused, or undefined when it is fine. */
export function historyFilterProblem(from: string | undefined, to: string | undefined): string | undefined {
  if (from && dayNumber(from) === undefined) return `"From" must be a real date (yyyy-mm-dd).`;
  if (to && dayNumber(to) === undefined) return `"To" must be a real date (yyyy-mm-dd).`;
  if (from && to && from > to) return `"From" (${from}) is after "To" (${to}): choose a "From" date on or before the "To" date.`;
  return undefined;
}
