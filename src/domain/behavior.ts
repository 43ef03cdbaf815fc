// Behaviour incident arithmetic (issue 15): incidents per week, the "big five"
// (how often, which behaviours, where, when, with whom and why) and rates per
// 100 students per school day, so schools of different sizes compare. Pure
// functions on yyyy-mm-dd days and minutes after midnight.
import { addDays, isoWeekday, SCHOOL_WEEKDAYS, weekStart } from "./dosage";

/** The first day of the school year `day` falls in: 1 August (the northern-hemisphere school year). */
export function schoolYearStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 8 ? year : year - 1}-08-01`;
}

/**
 * School days from `from` to `to` inclusive: Monday to Friday, less the days
 * in `closed` (holidays). 0 when `to` is before `from`.
 */
export function schoolDaysBetween(from: string, to: string, closed: ReadonlySet<string> = new Set()): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (SCHOOL_WEEKDAYS.includes(isoWeekday(d)) && !closed.has(d)) n++;
  return n;
}

export interface WeekCount {
  /** The Monday the week starts on. */
  week: string;
  count: number;
}

/**
 * Incidents per week (Monday to Sunday) for every week from the one holding
 * `from` to the one holding `to`, weeks without incidents as 0; days outside
 * the range are left out.
 */
export function incidentsPerWeek(days: readonly string[], from: string, to: string): WeekCount[] {
  const counts = new Map<string, number>();
  for (let w = weekStart(from); w <= to; w = addDays(w, 7)) counts.set(w, 0);
  for (const d of days) {
    if (d < from || d > to) continue;
    const w = weekStart(d);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].map(([week, count]) => ({ week, count }));
}

export interface Tally {
  key: string;
  label: string;
  count: number;
  /** Share of all incidents counted, 0 to 100, one decimal. */
  percent: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * How many of `total` incidents have each key, most first (ties by label).
 * An incident may carry several keys (others involved), so shares may add up
 * to more than 100.
 */
export function tally(keysPerIncident: readonly (readonly { key: string; label: string }[])[], total = keysPerIncident.length): Tally[] {
  const map = new Map<string, { key: string; label: string; count: number }>();
  for (const keys of keysPerIncident) {
    for (const k of new Map(keys.map((x) => [x.key, x])).values()) {
      const e = map.get(k.key) ?? { key: k.key, label: k.label, count: 0 };
      e.count++;
      map.set(k.key, e);
    }
  }
  return tallyOfCounts([...map.values()], total);
}

/**
 * The same tally from counts already made (a district's incidents counted per
 * code in SQL, so the dashboards never carry every incident to the app): each
 * key's count of `total` incidents, most first (ties by label). Keys with no
 * incident are left out, as `tally` never has them.
 */
export function tallyOfCounts(counts: readonly { key: string; label: string; count: number }[], total: number): Tally[] {
  return counts
    .filter((c) => c.count > 0)
    .map((c) => ({ key: c.key, label: c.label, count: c.count, percent: total ? round1((c.count / total) * 100) : 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** "08:00–08:59" for minute 480 to 539. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00–${String(hour).padStart(2, "0")}:59`;

/**
 * Incidents per hour of the day, for every hour from the earliest to the
 * latest hour with an incident (hours between without any as 0), in order.
 */
export function perHour(minutes: readonly number[]): Tally[] {
  const counts = new Map<number, number>();
  for (const m of minutes) counts.set(Math.floor(m / 60), (counts.get(Math.floor(m / 60)) ?? 0) + 1);
  return perHourOfCounts([...counts].map(([hour, count]) => ({ hour, count })));
}

/** The same from incidents already counted per hour of the day (0..23). */
export function perHourOfCounts(counts: readonly { hour: number; count: number }[]): Tally[] {
  const present = counts.filter((c) => c.count > 0);
  if (present.length === 0) return [];
  const total = present.reduce((s, c) => s + c.count, 0);
  const first = Math.min(...present.map((c) => c.hour));
  const last = Math.max(...present.map((c) => c.hour));
  const out: Tally[] = [];
  for (let h = first; h <= last; h++) {
    const count = present.filter((c) => c.hour === h).reduce((s, c) => s + c.count, 0);
    out.push({ key: String(h), label: hourLabel(h), count, percent: round1((count / total) * 100) });
  }
  return out;
}

export interface IncidentFacts {
  occurredOn: string;
  occurredMinute: number;
  behavior: { key: string; label: string };
  location: { key: string; label: string };
  motivation: { key: string; label: string } | null;
  othersInvolved: readonly { key: string; label: string }[];
}

export interface BigFive {
  /** How often: incidents counted. */
  count: number;
  behaviors: Tally[];
  locations: Tally[];
  hours: Tally[];
  motivations: Tally[];
  /** With whom. */
  others: Tally[];
}

const NOT_RECORDED = { key: "", label: "Not recorded" };

/** The big five of some incidents. */
export function bigFive(incidents: readonly IncidentFacts[]): BigFive {
  return {
    count: incidents.length,
    behaviors: tally(incidents.map((i) => [i.behavior])),
    locations: tally(incidents.map((i) => [i.location])),
    hours: perHour(incidents.map((i) => i.occurredMinute)),
    motivations: tally(incidents.map((i) => [i.motivation ?? NOT_RECORDED])),
    others: tally(incidents.map((i) => (i.othersInvolved.length ? i.othersInvolved : [NOT_RECORDED]))),
  };
}

/** A code's count, as SQL groups them; a null key is "Not recorded" (no motivation, nobody else named). */
export interface CodeCount {
  key: string | null;
  label: string | null;
  count: number;
}

/**
 * The big five of `count` incidents counted per code in SQL (the district
 * dashboards): the same tallies and the same "Not recorded" as `bigFive`.
 */
export function bigFiveOfCounts(count: number, c: { behaviors: readonly CodeCount[]; locations: readonly CodeCount[]; hours: readonly { hour: number; count: number }[]; motivations: readonly CodeCount[]; others: readonly CodeCount[] }): BigFive {
  const codes = (rows: readonly CodeCount[]) => rows.map((r) => (r.key === null ? { ...NOT_RECORDED, count: r.count } : { key: r.key, label: r.label ?? "Unknown code", count: r.count }));
  return {
    count,
    behaviors: tallyOfCounts(codes(c.behaviors), count),
    locations: tallyOfCounts(codes(c.locations), count),
    hours: perHourOfCounts(c.hours),
    motivations: tallyOfCounts(codes(c.motivations), count),
    others: tallyOfCounts(codes(c.others), count),
  };
}

/**
 * Incidents per 100 students per school day (SWIS's comparison rate):
 * count / students * 100 / schoolDays. Null when there are no students or no
 * school days (no rate, rather than a division by zero).
 */
export function ratePer100PerDay(count: number, students: number, schoolDays: number): number | null {
  if (students <= 0 || schoolDays <= 0) return null;
  return (count / students) * 100 / schoolDays;
}

/** Incidents per school day (a student's rate), null without school days. */
export function ratePerDay(count: number, schoolDays: number): number | null {
  return schoolDays > 0 ? count / schoolDays : null;
}

// ---------------------------------------------------------------------------
// ABC records and the FBA's summary of them
// ---------------------------------------------------------------------------

/** What happened just before, as categories an FBA counts (the record's words say the rest). */
export const ANTECEDENT_LABEL = {
  TASK_DEMAND: "Task or demand given",
  TRANSITION: "Transition or change in routine",
  DENIED: "Told no / item or activity removed",
  ATTENTION_ELSEWHERE: "Adult attention elsewhere",
  PEER: "Peer provocation or conflict",
  UNSTRUCTURED: "Unstructured time",
  CORRECTION: "Corrected or redirected",
  OTHER: "Something else",
} as const;
export type AntecedentKind = keyof typeof ANTECEDENT_LABEL;
export const ANTECEDENT_KINDS = Object.keys(ANTECEDENT_LABEL) as AntecedentKind[];

/** What happened right after. */
export const CONSEQUENCE_LABEL = {
  ADULT_ATTENTION: "Adult attention (talk, reprimand, help)",
  PEER_ATTENTION: "Peer attention (laughing, arguing)",
  TASK_REMOVED: "Task removed, delayed or reduced",
  ITEM_GIVEN: "Item or activity given",
  SENT_OUT: "Sent out or time away",
  IGNORED: "Planned ignoring",
  OTHER: "Something else",
} as const;
export type ConsequenceKind = keyof typeof CONSEQUENCE_LABEL;
export const CONSEQUENCE_KINDS = Object.keys(CONSEQUENCE_LABEL) as ConsequenceKind[];

/** The hypothesised function: obtain or escape/avoid, and what. */
export const FUNCTION_LABEL = {
  OBTAIN_ATTENTION: "Obtain attention",
  OBTAIN_TANGIBLE: "Obtain a tangible (item or activity)",
  OBTAIN_SENSORY: "Obtain sensory stimulation",
  ESCAPE_ATTENTION: "Escape or avoid attention (adults or peers)",
  ESCAPE_TASK: "Escape or avoid a task or activity",
  ESCAPE_SENSORY: "Escape or avoid sensory stimulation",
} as const;
export type BehaviorFunctionKind = keyof typeof FUNCTION_LABEL;
export const FUNCTION_KINDS = Object.keys(FUNCTION_LABEL) as BehaviorFunctionKind[];

export interface AbcFacts {
  antecedentKind: string;
  consequenceKind: string;
  setting: string;
  durationMinutes: number | null;
  intensity: number | null;
}

/**
 * What the linked ABC records (and the linked incidents' perceived
 * motivations) say, counted: antecedents, consequences and settings (most
 * first), with the median intensity and the total minutes observed.
 */
export function abcSummary(records: readonly AbcFacts[], incidentMotivations: readonly { key: string; label: string }[] = []) {
  const label = (labels: Record<string, string>, k: string) => ({ key: k, label: labels[k] ?? k });
  const intensities = records.flatMap((r) => (r.intensity === null ? [] : [r.intensity])).sort((a, b) => a - b);
  const mid = intensities.length >> 1;
  return {
    records: records.length,
    antecedents: tally(records.map((r) => [label(ANTECEDENT_LABEL, r.antecedentKind)])),
    consequences: tally(records.map((r) => [label(CONSEQUENCE_LABEL, r.consequenceKind)])),
    settings: tally(records.map((r) => [{ key: r.setting.trim().toLowerCase(), label: r.setting.trim() }])),
    medianIntensity: intensities.length === 0 ? null : intensities.length % 2 ? intensities[mid]! : (intensities[mid - 1]! + intensities[mid]!) / 2,
    minutesObserved: records.reduce((s, r) => s + (r.durationMinutes ?? 0), 0),
    incidentMotivations: tally(incidentMotivations.map((m) => [m])),
  };
}
export type AbcSummary = ReturnType<typeof abcSummary>;
