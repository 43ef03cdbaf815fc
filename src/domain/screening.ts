/**
 * Universal screening (DOMAIN.md, process step 1; issue 17): a screening
 * score's risk level from the district's benchmarks, the tier a risk level
 * suggests per area, how that compares with the student's current tier, and
 * the screening windows of a school year. Pure functions: no I/O.
 *
 * The benchmark table is the one progress graphs already use (benchmarks.ts):
 * per measure, grade and season a benchmark and an optional risk cut.
 */
import { SEASON_LABEL, SEASONS, type BenchmarkCell, type Season } from "./benchmarks";
import type { Direction } from "./measures";

export const RISK_LEVELS = ["AT_BENCHMARK", "SOME_RISK", "HIGH_RISK"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LABEL: Readonly<Record<RiskLevel, string>> = {
  AT_BENCHMARK: "At or above benchmark",
  SOME_RISK: "Some risk",
  HIGH_RISK: "High risk",
};
/** Lower case, for a sentence or a decision's reason: "Winter screening: high risk". */
export const RISK_WORDS: Readonly<Record<RiskLevel, string>> = {
  AT_BENCHMARK: "at or above benchmark",
  SOME_RISK: "some risk",
  HIGH_RISK: "high risk",
};

export type Tier = "TIER_1" | "TIER_2" | "TIER_3";

/**
 * The risk level of a score against a grade-and-season benchmark cell, as the
 * benchmark page defines the cell: a score at the benchmark or beyond it in
 * the measure's better direction is at benchmark; beyond the risk cut in the
 * worse direction is high risk (the risk cut itself is still some risk);
 * anything between is some risk. Without a risk cut, every score short of the
 * benchmark is some risk. Null when there is no benchmark for the cell.
 */
export function riskLevelOf(direction: Direction, score: number, cell: BenchmarkCell | null | undefined): RiskLevel | null {
  if (!cell || cell.benchmark === null) return null;
  if (!Number.isFinite(score)) throw new RangeError(`A screening score must be a number, got ${score}.`);
  const better = direction === "higher" ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  const worseThan = direction === "higher" ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  if (better(score, cell.benchmark)) return "AT_BENCHMARK";
  if (cell.riskCut !== null && worseThan(score, cell.riskCut)) return "HIGH_RISK";
  return "SOME_RISK";
}

/** The tier a risk level suggests: high risk -> Tier 3, some risk -> Tier 2, at benchmark -> Tier 1. */
export const TIER_FOR_RISK: Readonly<Record<RiskLevel, Tier>> = { AT_BENCHMARK: "TIER_1", SOME_RISK: "TIER_2", HIGH_RISK: "TIER_3" };

const TIER_RANK: Readonly<Record<Tier, number>> = { TIER_1: 1, TIER_2: 2, TIER_3: 3 };
const RISK_RANK: Readonly<Record<RiskLevel, number>> = { AT_BENCHMARK: 1, SOME_RISK: 2, HIGH_RISK: 3 };

/**
 * The risk level that speaks for an area when the student has scores on
 * several of its measures in one window (for example ORF and a maze in
 * reading): the most serious one. A screener's job is not to miss a student
 * who needs help, so one measure at high risk is enough to suggest Tier 3;
 * the team can still decide otherwise when it confirms. Levels of measures
 * without a benchmark (null) do not count; null when none counts.
 */
export function areaRiskLevel(levels: readonly (RiskLevel | null)[]): RiskLevel | null {
  let worst: RiskLevel | null = null;
  for (const level of levels) if (level && (!worst || RISK_RANK[level] > RISK_RANK[worst])) worst = level;
  return worst;
}

/** How a suggested tier compares with the current one (no decision in the area counts as Tier 1). */
export type TierChange = "same" | "more-intensive" | "less-intensive";

export function compareTiers(current: Tier | null | undefined, suggested: Tier): TierChange {
  const now = TIER_RANK[current ?? "TIER_1"];
  const next = TIER_RANK[suggested];
  return next === now ? "same" : next > now ? "more-intensive" : "less-intensive";
}

/** The reason a confirmed decision records: "Winter screening: high risk". */
export function screeningReason(season: Season, level: RiskLevel): string {
  return `${SEASON_LABEL[season]} screening: ${RISK_WORDS[level]}`;
}

/** One area of one student in a window: the levels of the area's measures and the student's current tier there. */
export interface AreaScreening<A extends string = string> {
  studentId: string;
  area: A;
  levels: readonly (RiskLevel | null)[];
  currentTier: Tier | null;
}

export interface TierSuggestion<A extends string = string> {
  studentId: string;
  area: A;
  level: RiskLevel;
  currentTier: Tier;
  suggestedTier: Tier;
  change: Exclude<TierChange, "same">;
}

/**
 * The students and areas whose screening suggests a different tier than the
 * current one, in the order given. Areas with no level that counts (no score,
 * or no benchmark for the grade and window) suggest nothing.
 */
export function tierSuggestions<A extends string>(rows: readonly AreaScreening<A>[]): TierSuggestion<A>[] {
  const out: TierSuggestion<A>[] = [];
  for (const row of rows) {
    const level = areaRiskLevel(row.levels);
    if (!level) continue;
    const suggestedTier = TIER_FOR_RISK[level];
    const change = compareTiers(row.currentTier, suggestedTier);
    if (change === "same") continue;
    out.push({ studentId: row.studentId, area: row.area, level, currentTier: row.currentTier ?? "TIER_1", suggestedTier, change });
  }
  return out;
}

// ------------------------------------------------------------------ windows

/** The calendar year a school year starts in, for a day: July to December is that year's, January to June the year before's. */
export function schoolYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12)) throw new RangeError(`Not a date: ${iso}.`);
  return month >= 7 ? year : year - 1;
}

/** "2026-27". */
export const schoolYearLabel = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;

export interface WindowDates {
  season: Season;
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

/** Where today stands against a window. */
export function windowStatus(window: Pick<WindowDates, "startDate" | "endDate">, today: string): "upcoming" | "open" | "closed" {
  if (today < window.startDate) return "upcoming";
  return today > window.endDate ? "closed" : "open";
}

/**
 * What is wrong with a school year's windows as a person typed them, keyed by
 * season: each ends on or after it starts, falls inside the school year (1 July
 * to 30 June) and comes after the previous season's window without overlapping it.
 * Windows left out are allowed (a district may screen twice a year).
 */
export function windowProblems(schoolYear: number, windows: readonly WindowDates[]): Partial<Record<Season, string>> {
  const problems: Partial<Record<Season, string>> = {};
  const first = `${schoolYear}-07-01`;
  const last = `${schoolYear + 1}-06-30`;
  const sorted = SEASONS.map((s) => windows.find((w) => w.season === s)).filter((w): w is WindowDates => w !== undefined);
  let previous: WindowDates | null = null;
  for (const w of sorted) {
    const name = SEASON_LABEL[w.season];
    if (w.endDate < w.startDate) problems[w.season] = `${name}: the window must end on or after the day it starts.`;
    else if (w.startDate < first || w.endDate > last) problems[w.season] = `${name}: the window must fall inside the ${schoolYearLabel(schoolYear)} school year (${first} to ${last}).`;
    else if (previous && w.startDate <= previous.endDate) {
      problems[w.season] = `${name}: the window must start after the ${SEASON_LABEL[previous.season].toLowerCase()} window ends (${previous.endDate}).`;
    }
    previous = w;
  }
  return problems;
}

/**
 * The window a screening list opens on by default: the open one, else the
 * last closed one, else the first upcoming one (windows in any order).
 */
export function defaultWindow<W extends Pick<WindowDates, "startDate" | "endDate">>(windows: readonly W[], today: string): W | null {
  const byStart = [...windows].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return (
    byStart.find((w) => windowStatus(w, today) === "open") ??
    byStart.filter((w) => windowStatus(w, today) === "closed").at(-1) ??
    byStart[0] ??
    null
  );
}
