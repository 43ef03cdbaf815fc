/**
 * The statistics of the outcome dashboards (issue 18; decision 023): risk and
 * risk ratio with their suppression rules, shares, medians, the 80/15/5 tier
 * reference, movement between screening windows, and a goal's standing by the
 * decision rules. Pure functions: the server counts in SQL, these judge the
 * counts, so the same rule decides on a page, in its CSV and in a test.
 */
import { median as strictMedian } from "./goals";
import type { Recommendation } from "./progress/recommend";
import { RISK_LEVELS, type RiskLevel, type Tier } from "./screening";

/** The federal significant-disproportionality presumptions (34 CFR 300.647): minimum cell size and n-size. */
export const DEFAULT_MIN_CELL = 10;
export const DEFAULT_MIN_N = 30;
/** The district's risk-ratio threshold until it sets its own. */
export const DEFAULT_RISK_RATIO_THRESHOLD = 3;

export interface EquityRules {
  /** Fewest students with the outcome (the numerator) for a count, a risk or a ratio to be shown. */
  minCell: number;
  /** Fewest students in the subgroup, and in the comparison group, for a ratio to be computed. */
  minN: number;
  /** A ratio at or above it is flagged. */
  threshold: number;
}
export const DEFAULT_EQUITY_RULES: EquityRules = { minCell: DEFAULT_MIN_CELL, minN: DEFAULT_MIN_N, threshold: DEFAULT_RISK_RATIO_THRESHOLD };

/** The share of `total` that `count` is (0..1); null when there is no one to share among. */
export function shareOf(count: number, total: number): number | null {
  if (!Number.isFinite(count) || !Number.isFinite(total) || count < 0 || total < 0 || count > total) {
    throw new RangeError(`A share needs 0 <= count <= total, got ${count} of ${total}.`);
  }
  return total === 0 ? null : count / total;
}

/** Risk: the share of a group's students with the outcome. Null for an empty group. */
export const risk = shareOf;

/** A share as a whole percent for a table or a CSV ("—" when there is none). */
export function percentText(share: number | null, digits = 0): string {
  return share === null ? "—" : `${(share * 100).toFixed(digits)}%`;
}

/** The median, or null for no values (a dashboard shows "—" rather than throwing, unlike a baseline). */
export function medianOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : strictMedian(values);
}

export interface GroupCounts {
  /** Students in the subgroup with the outcome. */
  count: number;
  /** Students in the subgroup. */
  total: number;
}

/** Why a ratio is not given for a shown row. */
export type NoRatioReason = "subgroup-below-n" | "comparison-empty" | "comparison-below-n" | "comparison-risk-zero" | "count-zero";

export const NO_RATIO_TEXT: Readonly<Record<NoRatioReason, string>> = {
  "subgroup-below-n": "too few students in the subgroup for a ratio",
  "comparison-empty": "no other students to compare with",
  "comparison-below-n": "too few other students for a ratio",
  "comparison-risk-zero": "no other student has this outcome, so there is nothing to divide by",
  "count-zero": "no student of the subgroup has this outcome",
};

export type RiskCell =
  /**
   * Suppressed: the subgroup has fewer than minCell students, or between 1 and
   * minCell - 1 of them have the outcome. Nothing of the row is shown (not its
   * count, risk or the comparison's figures, from which the count could be
   * worked back): only "fewer than 10".
   */
  | { kind: "suppressed"; text: string }
  | {
      kind: "shown";
      count: number;
      total: number;
      risk: number;
      comparisonRisk: number | null;
      /** The subgroup's risk divided by the risk of all other students; null with a reason when not computed. */
      ratio: number | null;
      noRatio: NoRatioReason | null;
      /** The ratio is at or above the district's threshold. */
      flagged: boolean;
    };

/** "fewer than 10" (the only text a suppressed cell shows). */
export const suppressedText = (minCell: number) => `fewer than ${minCell}`;

/**
 * A subgroup's risk and risk ratio against all other students, with the
 * suppression rules of decision 023:
 * 1. fewer than minCell students in the subgroup, or 1..minCell-1 of them with
 *    the outcome: suppressed;
 * 2. otherwise the count and the risk are shown (0 with the outcome is shown:
 *    it identifies nobody), and the ratio is computed only when the subgroup
 *    and the comparison group each have at least minN students, the subgroup
 *    has the outcome and the comparison group's risk is above 0.
 */
export function riskCell(subgroup: GroupCounts, comparison: GroupCounts, rules: EquityRules = DEFAULT_EQUITY_RULES): RiskCell {
  for (const g of [subgroup, comparison]) shareOf(g.count, g.total);
  const text = suppressedText(rules.minCell);
  if (subgroup.total < rules.minCell) return { kind: "suppressed", text };
  if (subgroup.count > 0 && subgroup.count < rules.minCell) return { kind: "suppressed", text };
  const own = subgroup.count / subgroup.total;
  const comparisonRisk = risk(comparison.count, comparison.total);
  const noRatio: NoRatioReason | null =
    subgroup.total < rules.minN
      ? "subgroup-below-n"
      : comparison.total === 0
        ? "comparison-empty"
        : comparison.total < rules.minN
          ? "comparison-below-n"
          : subgroup.count === 0
            ? "count-zero"
            : comparisonRisk === 0
              ? "comparison-risk-zero"
              : null;
  // Cross-multiplied, so 12/40 against 20/200 is exactly 3 (and flagged at 3.0), not 2.9999999999999996.
  const numerator = subgroup.count * comparison.total;
  const denominator = subgroup.total * comparison.count;
  const ratio = noRatio === null ? numerator / denominator : null;
  const flagged = noRatio === null && numerator >= rules.threshold * denominator;
  return { kind: "shown", count: subgroup.count, total: subgroup.total, risk: own, comparisonRisk, ratio, noRatio, flagged };
}

/** The reference shares of a healthy MTSS: 80% of students at Tier 1, 15% at Tier 2, 5% at Tier 3. */
export const TIER_REFERENCE: Readonly<Record<Tier, number>> = { TIER_1: 0.8, TIER_2: 0.15, TIER_3: 0.05 };
export const TIERS: readonly Tier[] = ["TIER_1", "TIER_2", "TIER_3"];

export interface TierDistribution {
  total: number;
  counts: Record<Tier, number>;
  shares: Record<Tier, number | null>;
  /** Percentage points above (+) or below (-) the reference, per tier; null with no students. */
  gap: Record<Tier, number | null>;
  /** More than the reference at Tier 2 and 3 together (fewer than 80% at Tier 1): the core instruction needs a look, not more interventions. */
  coreConcern: boolean;
}

/**
 * Students per tier against 80/15/5. A student with no tier decision in an
 * area is at Tier 1 there (universal instruction is everyone's), so the
 * caller passes the area's open students as `total` and counts of Tier 2/3.
 */
export function tierDistribution(total: number, tier2: number, tier3: number): TierDistribution {
  if (tier2 < 0 || tier3 < 0 || tier2 + tier3 > total) throw new RangeError(`Tier 2 and 3 (${tier2} + ${tier3}) cannot exceed the students (${total}).`);
  const counts: Record<Tier, number> = { TIER_1: total - tier2 - tier3, TIER_2: tier2, TIER_3: tier3 };
  const shares = Object.fromEntries(TIERS.map((t) => [t, shareOf(counts[t], total)])) as Record<Tier, number | null>;
  const gap = Object.fromEntries(TIERS.map((t) => [t, shares[t] === null ? null : Math.round((shares[t]! - TIER_REFERENCE[t]) * 1000) / 10])) as Record<Tier, number | null>;
  return { total, counts, shares, gap, coreConcern: shares.TIER_1 !== null && shares.TIER_1 < TIER_REFERENCE.TIER_1 };
}

/** Screening results of a window: students per risk level and the shares. */
export interface ScreeningShares {
  screened: number;
  counts: Record<RiskLevel, number>;
  shares: Record<RiskLevel, number | null>;
}

export function screeningShares(counts: Partial<Record<RiskLevel, number>>): ScreeningShares {
  const full = Object.fromEntries(RISK_LEVELS.map((l) => [l, counts[l] ?? 0])) as Record<RiskLevel, number>;
  const screened = RISK_LEVELS.reduce((s, l) => s + full[l], 0);
  return { screened, counts: full, shares: Object.fromEntries(RISK_LEVELS.map((l) => [l, shareOf(full[l], screened)])) as Record<RiskLevel, number | null> };
}

/** Where a student screened in one window stands in the next: a risk level, or not screened there. */
export type NextLevel = RiskLevel | "NOT_SCREENED";
export const NEXT_LEVELS: readonly NextLevel[] = [...RISK_LEVELS, "NOT_SCREENED"];

export interface MovementRow {
  from: RiskLevel;
  /** Students at `from` in the first window. */
  total: number;
  to: Record<NextLevel, number>;
  /** Of those screened again, the share now at a lower risk (better); null when none were screened again. */
  improved: number | null;
  /** Of those screened again, the share now at a higher risk (worse). */
  worsened: number | null;
}

const RANK: Readonly<Record<RiskLevel, number>> = { AT_BENCHMARK: 0, SOME_RISK: 1, HIGH_RISK: 2 };

/**
 * Movement between two windows: for each level of the first, how many are at
 * each level in the second ("of fall's 12 high-risk students, 3 are at some
 * risk and 2 at benchmark in winter"). One pair per student and area.
 */
export function movement(pairs: readonly { from: RiskLevel; to: RiskLevel | null; students: number }[]): MovementRow[] {
  return RISK_LEVELS.map((from) => {
    const to = Object.fromEntries(NEXT_LEVELS.map((l) => [l, 0])) as Record<NextLevel, number>;
    for (const p of pairs) if (p.from === from) to[p.to ?? "NOT_SCREENED"] += p.students;
    const total = NEXT_LEVELS.reduce((s, l) => s + to[l], 0);
    const again = total - to.NOT_SCREENED;
    const better = RISK_LEVELS.filter((l) => RANK[l] < RANK[from]).reduce((s, l) => s + to[l], 0);
    const worse = RISK_LEVELS.filter((l) => RANK[l] > RANK[from]).reduce((s, l) => s + to[l], 0);
    return { from, total, to, improved: shareOf(better, again), worsened: shareOf(worse, again) };
  });
}

/** A goal's standing by the decision rules (issue 6): met, on track, not on track, or too little data to say. */
export type GoalStanding = "met" | "on-track" | "off-track" | "too-little-data";
export const GOAL_STANDING_LABEL: Readonly<Record<GoalStanding, string>> = {
  met: "Goal met",
  "on-track": "On track",
  "off-track": "Not on track",
  "too-little-data": "Too little data",
};

/**
 * A recommendation read as a standing: goal met -> met; continue or raise the
 * goal -> on track, unless the trend projects the target will be missed
 * (the rule's `warning`); change or referral -> not on track; not enough
 * data (too few points, or a change held back by the dosage gate) -> too
 * little data, so an undelivered plan never counts as "not working".
 */
export function goalStanding(rec: Pick<Recommendation, "kind" | "warning">): GoalStanding {
  switch (rec.kind) {
    case "fade-or-exit":
      return "met";
    case "continue":
    case "raise-goal":
      return rec.warning ? "off-track" : "on-track";
    case "change":
    case "referral":
      return "off-track";
    default:
      return "too-little-data";
  }
}

export interface StandingShares {
  goals: number;
  /** Goals with a standing other than too little data. */
  judged: number;
  metOrOnTrack: number;
  /** metOrOnTrack of judged; null when none could be judged. */
  share: number | null;
}

/** The share of goals met or on track, among those the rules could judge. */
export function standingShares(standings: readonly GoalStanding[]): StandingShares {
  const judged = standings.filter((s) => s !== "too-little-data").length;
  const metOrOnTrack = standings.filter((s) => s === "met" || s === "on-track").length;
  return { goals: standings.length, judged, metOrOnTrack, share: shareOf(metOrOnTrack, judged) };
}

/** Incidents per 100 students per school day (SWIS's rate), null with no students or days. */
export function per100PerDay(incidents: number, students: number, schoolDays: number): number | null {
  if (students <= 0 || schoolDays <= 0) return null;
  return (incidents * 100) / students / schoolDays;
}
