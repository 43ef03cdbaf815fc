import "server-only";
import { SEASON_LABEL } from "@/domain/benchmarks";
import { NEXT_LEVELS, NO_RATIO_TEXT, type RiskCell } from "@/domain/dashboards";
import { RISK_LABEL, RISK_LEVELS, schoolYearLabel } from "@/domain/screening";
import { toCsv } from "@/server/csv";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { OUTCOME_LABEL, type Equity } from "./equity";
import { SUBGROUP_LABEL } from "./filters";
import type { Health } from "./health";
import type { Dashboard } from "./run";

// Each chart's table as a CSV file (every cell through csvCell, so a school
// named "=..." cannot run in a spreadsheet). Shares are percentages with one
// decimal, suppressed cells the same words as on the page, never a number.

type Ok<T> = Extract<Dashboard<T>, { ok: true }>;
type Cell = string | number | null;

const pct = (share: number | null) => (share === null ? "" : Math.round(share * 1000) / 10);
const NOT_SCREENED = "Not screened";

/** The tables of the MTSS health dashboard, by the `table` key of its CSV link. */
export const HEALTH_TABLES = ["tiers", "tiers-by-school", "screening", "movement"] as const;
export type HealthTable = (typeof HEALTH_TABLES)[number];
export const HEALTH_TABLE_LABEL: Readonly<Record<HealthTable, string>> = {
  tiers: "Students per tier per area",
  "tiers-by-school": "Tiers by school and grade",
  screening: "Screening results per window",
  movement: "Movement between windows",
};

export function healthRows(h: Health, table: HealthTable): Cell[][] {
  switch (table) {
    case "tiers":
      return [
        ["Area", "Students", "Tier 1", "Tier 1 %", "Tier 2", "Tier 2 %", "Tier 3", "Tier 3 %", "Tier 2/3 with no active plan"],
        ...h.areas.map((a) => {
          const d = a.distribution;
          return [AREA_LABEL[a.area], d.total, d.counts.TIER_1, pct(d.shares.TIER_1), d.counts.TIER_2, pct(d.shares.TIER_2), d.counts.TIER_3, pct(d.shares.TIER_3), a.withoutPlan];
        }),
      ];
    case "tiers-by-school":
      return [
        ["School", "Grade", "Area", "Students", "Tier 1 %", "Tier 2 %", "Tier 3 %", "Tier 2/3 with no active plan"],
        ...h.cells.map((c) => [c.schoolName, GRADE_LABEL[c.grade], AREA_LABEL[c.area], c.distribution.total, pct(c.distribution.shares.TIER_1), pct(c.distribution.shares.TIER_2), pct(c.distribution.shares.TIER_3), c.withoutPlan]),
      ];
    case "screening":
      return [
        ["Window", "Area", "Screened", ...RISK_LEVELS.flatMap((l) => [RISK_LABEL[l], `${RISK_LABEL[l]} %`])],
        ...h.windows.map((w) => [SEASON_LABEL[w.season], AREA_LABEL[w.area], w.shares.screened, ...RISK_LEVELS.flatMap((l) => [w.shares.counts[l], pct(w.shares.shares[l])])]),
      ];
    case "movement":
      return [
        ["From", "To", "Area", "Level in the first window", "Students", ...NEXT_LEVELS.map((l) => (l === "NOT_SCREENED" ? NOT_SCREENED : RISK_LABEL[l])), "Improved %", "Worsened %"],
        ...h.movements.flatMap((m) =>
          m.rows.map((r) => [SEASON_LABEL[m.from], SEASON_LABEL[m.to], AREA_LABEL[m.area], RISK_LABEL[r.from], r.total, ...NEXT_LEVELS.map((l) => r.to[l]), pct(r.improved), pct(r.worsened)]),
        ),
      ];
  }
}

/** A risk cell's columns: students, with the outcome, risk %, others' risk %, ratio, note. */
export function riskColumns(cell: RiskCell): Cell[] {
  if (cell.kind === "suppressed") return [cell.text, cell.text, cell.text, "", "", "Suppressed to protect students' privacy"];
  return [
    cell.total,
    cell.count,
    pct(cell.risk),
    pct(cell.comparisonRisk),
    cell.ratio === null ? "" : Math.round(cell.ratio * 100) / 100,
    cell.noRatio ? `No ratio: ${NO_RATIO_TEXT[cell.noRatio]}` : cell.flagged ? "At or above the threshold" : "",
  ];
}

export function equityRows(e: Equity): Cell[][] {
  return [
    ["Outcome", "Group", "Students", "With the outcome", "Risk %", "Risk of all other students %", "Risk ratio", "Note"],
    ...e.outcomes.flatMap((o) => [
      [OUTCOME_LABEL[o.outcome], "All students", ...riskColumns(o.all).slice(0, 3), "", "", ""],
      ...o.rows.map((r) => [OUTCOME_LABEL[o.outcome], SUBGROUP_LABEL[r.subgroup], ...riskColumns(r.cell)]),
    ]),
  ];
}

const slug = (d: Ok<unknown>) => `${schoolYearLabel(d.filters.year)}-${d.today}`;

export function healthCsv(d: Ok<Health>, table: HealthTable) {
  return { filename: `mtss-health-${table}-${slug(d)}.csv`, csv: toCsv(healthRows(d.data, table)) };
}

export function equityCsv(d: Ok<Equity>) {
  return { filename: `equity-${slug(d)}.csv`, csv: toCsv(equityRows(d.data)) };
}
