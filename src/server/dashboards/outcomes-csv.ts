import "server-only";
import { DELIVERY_BAND_LABEL, DELIVERY_BANDS, EFFECT_VERDICT_LABEL, monthLabel, type EffectivenessSplit, type OutcomeFigures } from "@/domain/intervention-outcomes";
import { schoolYearLabel } from "@/domain/screening";
import { toCsv } from "@/server/csv";
import { AREA_LABEL } from "@/server/tiers/schemas";
import type { Delivery } from "./delivery";
import type { Effectiveness } from "./effectiveness";
import type { Dashboard } from "./run";

// The effectiveness and delivery dashboards' tables as CSV files (decision
// 029), every cell through toCsv's csvCell. Shares and percentages with one
// decimal, ROIs with the measure's rate decimals; a figure with nothing to
// compute it from is an empty cell, as "—" is on the page.

type Ok<T> = Extract<Dashboard<T>, { ok: true }>;
type Cell = string | number | null;

const pct = (share: number | null) => (share === null ? "" : Math.round(share * 1000) / 10);
const round = (n: number | null, decimals: number) => (n === null ? "" : Number(n.toFixed(decimals)));

export const EFFECTIVENESS_TABLES = ["interventions", "by-school", "growth"] as const;
export type EffectivenessTable = (typeof EFFECTIVENESS_TABLES)[number];
export const EFFECTIVENESS_TABLE_LABEL: Readonly<Record<EffectivenessTable, string>> = {
  interventions: "Goals met or on track per intervention",
  "by-school": "Goals met or on track per intervention and school",
  growth: "Median ROI against median goal ROI",
};

export const DELIVERY_TABLES = ["minutes", "months", "now"] as const;
export type DeliveryTable = (typeof DELIVERY_TABLES)[number];
export const DELIVERY_TABLE_LABEL: Readonly<Record<DeliveryTable, string>> = {
  minutes: "Planned and delivered minutes per school and month",
  months: "Planned and delivered minutes per month",
  now: "Plans with no session for two weeks, and probes overdue",
};

const standingHeader = (prefix: string) => [`${prefix}: goals`, `${prefix}: judged`, `${prefix}: met or on track`, `${prefix}: met or on track %`];
const standingCells = (f: OutcomeFigures): Cell[] => [f.goals, f.judged, f.metOrOnTrack, pct(f.share)];
const BANDS: readonly (readonly [string, keyof EffectivenessSplit])[] = [["All goals", "all"], ...DELIVERY_BANDS.map((b) => [DELIVERY_BAND_LABEL[b], b] as const)];

export function effectivenessRows(e: Effectiveness, table: EffectivenessTable): Cell[][] {
  switch (table) {
    case "interventions":
    case "by-school": {
      const rows = table === "interventions" ? e.interventions : e.bySchool;
      return [
        ["Intervention", "Area", ...(table === "by-school" ? ["School"] : []), "Plans", "Students", "Verdict", ...BANDS.flatMap(([label]) => standingHeader(label))],
        ...rows.map((r) => [
          r.name,
          AREA_LABEL[r.area],
          ...(table === "by-school" ? [r.school?.name ?? ""] : []),
          r.plans,
          r.students,
          EFFECT_VERDICT_LABEL[r.verdict],
          ...BANDS.flatMap(([, key]) => standingCells(r.split[key])),
        ]),
      ];
    }
    case "growth":
      return [
        ["Intervention", "Measure", "ROI unit", ...BANDS.flatMap(([label]) => [`${label}: goals with an ROI`, `${label}: median ROI per week`, `${label}: median goal ROI per week`])],
        ...e.growth.map((g) => [g.name, g.measure, g.unit, ...BANDS.flatMap(([, key]) => [g.split[key].withRoi, round(g.split[key].medianRoi, g.decimals), round(g.split[key].medianGoalRoi, g.decimals)])]),
      ];
  }
}

const percentCell = (p: number | null) => (p === null ? "" : Math.round(p * 10) / 10);

export function deliveryRows(d: Delivery, table: DeliveryTable): Cell[][] {
  switch (table) {
    case "minutes":
      return [
        ["School", "Month", "Plans", "Planned minutes", "Delivered minutes", "Delivered %"],
        ...d.cells.map((c) => [c.schoolName, monthLabel(c.month), c.plans, c.planned, c.delivered, percentCell(c.percent)]),
      ];
    case "months":
      return [["Month", "Planned minutes", "Delivered minutes", "Delivered %"], ...d.months.map((m) => [monthLabel(m.month), m.planned, m.delivered, percentCell(m.percent)])];
    case "now":
      return [
        ["School", "Active plans", "No session for two weeks", "Goals monitored", "Probes overdue"],
        ...(d.now ?? []).map((s) => [s.schoolName, s.activePlans, s.noSession, s.goals, s.overdue]),
      ];
  }
}

const slug = (d: Ok<unknown>) => `${schoolYearLabel(d.filters.year)}-${d.today}`;

export function effectivenessCsv(d: Ok<Effectiveness>, table: EffectivenessTable) {
  return { filename: `intervention-effectiveness-${table}-${slug(d)}.csv`, csv: toCsv(effectivenessRows(d.data, table)) };
}

export function deliveryCsv(d: Ok<Delivery>, table: DeliveryTable) {
  return { filename: `delivery-${table}-${slug(d)}.csv`, csv: toCsv(deliveryRows(d.data, table)) };
}
