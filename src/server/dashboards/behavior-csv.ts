import "server-only";
import { DUE_BUCKET_LABEL, DUE_BUCKETS } from "@/domain/behavior-dashboard";
import { DUE_KIND_LABEL } from "@/domain/iep504/compliance";
import { schoolYearLabel } from "@/domain/screening";
import { toCsv } from "@/server/csv";
import type { BehaviorDashboard } from "./behavior";
import { DUE_KINDS, type ComplianceDashboard } from "./compliance";
import type { Dashboard } from "./run";

// The behaviour and compliance dashboards' tables as CSV files (decision 030),
// every cell through src/server/csv.ts. Rates with three decimals, shares as
// percentages with one, "" where there is no figure (no school days, nobody rated).

type Ok<T> = Extract<Dashboard<T>, { ok: true }>;
type Cell = string | number | null;

const rate = (r: number | null) => (r === null ? "" : Math.round(r * 1000) / 1000);
const pct = (share: number | null) => (share === null ? "" : Math.round(share * 1000) / 10);

export const BEHAVIOR_TABLES = ["rates", "big-five", "cico"] as const;
export type BehaviorTable = (typeof BEHAVIOR_TABLES)[number];
export const BEHAVIOR_TABLE_LABEL: Readonly<Record<BehaviorTable, string>> = {
  rates: "Incidents per 100 students per school day, per month",
  "big-five": "The big five",
  cico: "Check-in/check-out students meeting their daily goal",
};

const FIVE = [
  ["behaviors", "Which behaviours"],
  ["locations", "Where"],
  ["hours", "When (time of day)"],
  ["motivations", "Why (perceived motivation)"],
  ["others", "With whom"],
] as const;

export function behaviorRows(b: BehaviorDashboard, table: BehaviorTable): Cell[][] {
  switch (table) {
    case "rates":
      return [
        ["Month", "Incidents", "School days", "Per 100 students per school day", "Same month last year: incidents", "Last year: school days", "Last year: per 100 students per school day", "Change", "Students"],
        ...b.months.map((m) => [m.month, m.current.incidents, m.current.schoolDays, rate(m.current.rate), m.previous.incidents, m.previous.schoolDays, rate(m.previous.rate), rate(m.change), b.students]),
      ];
    case "big-five":
      return [["Question", "Answer", "Incidents", "Share %"], ...FIVE.flatMap(([key, question]) => b.five[key].map((t) => [question, t.label, t.count, t.percent]))];
    case "cico":
      return [
        ["Month", "Students rated", "Meeting their daily goal", "Meeting %", "Days rated", "Days at or above goal", "Days at or above goal %"],
        ...b.cico.months.map((m) => [m.month, m.share.students, m.share.meeting, pct(m.share.share), m.share.days, m.share.daysMet, pct(m.share.dayShare)]),
        ["Whole year", b.cico.year.students, b.cico.year.meeting, pct(b.cico.year.share), b.cico.year.days, b.cico.year.daysMet, pct(b.cico.year.dayShare)],
      ];
  }
}

export function complianceRows(c: ComplianceDashboard): Cell[][] {
  return [
    ["School", ...DUE_KINDS.flatMap((k) => DUE_BUCKETS.map((bucket) => `${DUE_KIND_LABEL[k]}: ${DUE_BUCKET_LABEL[bucket]}`)), "Overdue in all", "All within 90 days or overdue"],
    ...c.schools.map((s) => [s.schoolName, ...DUE_KINDS.flatMap((k) => DUE_BUCKETS.map((bucket) => s.byKind[k][bucket])), s.overdue, s.total]),
    ["All schools shown", ...DUE_KINDS.flatMap((k) => DUE_BUCKETS.map((bucket) => c.all.byKind[k][bucket])), c.all.overdue, c.all.total],
  ];
}

export function behaviorCsv(d: Ok<BehaviorDashboard>, table: BehaviorTable) {
  return { filename: `behaviour-${table}-${schoolYearLabel(d.filters.year)}-${d.today}.csv`, csv: toCsv(behaviorRows(d.data, table)) };
}

export function complianceCsv(d: Ok<ComplianceDashboard>) {
  return { filename: `compliance-deadlines-${d.today}.csv`, csv: toCsv(complianceRows(d.data)) };
}
