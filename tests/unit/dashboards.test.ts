// The dashboards' statistics (issue 18, decision 023) on hand-checked numbers:
// risk and risk ratio with each suppression rule (a subgroup of 9, an outcome
// count of 9, a comparison group of 0, a comparison risk of 0), shares,
// medians, 80/15/5, movement between windows and a goal's standing.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_EQUITY_RULES,
  goalStanding,
  medianOrNull,
  movement,
  per100PerDay,
  percentText,
  riskCell,
  screeningShares,
  shareOf,
  standingShares,
  tierDistribution,
} from "@/domain/dashboards";

describe("riskCell", () => {
  it("computes risk and ratio: 12 of 40 (30%) against 20 of 200 others (10%) is a ratio of 3.0, flagged at the default threshold", () => {
    const cell = riskCell({ count: 12, total: 40 }, { count: 20, total: 200 });
    expect(cell).toEqual({ kind: "shown", count: 12, total: 40, risk: 0.3, comparisonRisk: 0.1, ratio: expect.closeTo(3, 10), noRatio: null, flagged: true });
  });

  it("does not flag a ratio below the threshold: 10 of 50 (20%) against 15 of 150 (10%) is 2.0", () => {
    const cell = riskCell({ count: 10, total: 50 }, { count: 15, total: 150 });
    expect(cell.kind === "shown" && cell.ratio).toBeCloseTo(2, 10);
    expect(cell.kind === "shown" && cell.flagged).toBe(false);
  });

  it("suppresses a subgroup of 9 students, whatever its count, and shows only 'fewer than 10'", () => {
    expect(riskCell({ count: 0, total: 9 }, { count: 20, total: 200 })).toEqual({ kind: "suppressed", text: "fewer than 10" });
    expect(riskCell({ count: 9, total: 9 }, { count: 20, total: 200 })).toEqual({ kind: "suppressed", text: "fewer than 10" });
  });

  it("shows a subgroup of exactly 10 (the minimum cell size is inclusive)", () => {
    const cell = riskCell({ count: 0, total: 10 }, { count: 20, total: 200 });
    expect(cell.kind).toBe("shown");
  });

  it("suppresses an outcome count of 1 to 9 in a large subgroup (the risk would give the count back)", () => {
    expect(riskCell({ count: 9, total: 100 }, { count: 20, total: 200 }).kind).toBe("suppressed");
    expect(riskCell({ count: 1, total: 100 }, { count: 20, total: 200 }).kind).toBe("suppressed");
    expect(riskCell({ count: 10, total: 100 }, { count: 20, total: 200 }).kind).toBe("shown");
  });

  it("shows a count of 0 with a risk of 0 and no ratio (it identifies nobody)", () => {
    expect(riskCell({ count: 0, total: 40 }, { count: 20, total: 200 })).toEqual({
      kind: "shown", count: 0, total: 40, risk: 0, comparisonRisk: 0.1, ratio: null, noRatio: "count-zero", flagged: false,
    });
  });

  it("gives no ratio against a comparison group of 0 students", () => {
    const cell = riskCell({ count: 12, total: 40 }, { count: 0, total: 0 });
    expect(cell).toMatchObject({ kind: "shown", risk: 0.3, comparisonRisk: null, ratio: null, noRatio: "comparison-empty", flagged: false });
  });

  it("gives no ratio when the comparison group's risk is 0 (nothing to divide by), never Infinity", () => {
    const cell = riskCell({ count: 12, total: 40 }, { count: 0, total: 200 });
    expect(cell).toMatchObject({ kind: "shown", comparisonRisk: 0, ratio: null, noRatio: "comparison-risk-zero", flagged: false });
  });

  it("gives no ratio below the n-size of 30 on either side, but shows the risk", () => {
    expect(riskCell({ count: 10, total: 29 }, { count: 20, total: 200 })).toMatchObject({ kind: "shown", ratio: null, noRatio: "subgroup-below-n" });
    expect(riskCell({ count: 10, total: 30 }, { count: 20, total: 29 })).toMatchObject({ kind: "shown", ratio: null, noRatio: "comparison-below-n" });
    expect(riskCell({ count: 10, total: 30 }, { count: 10, total: 30 })).toMatchObject({ kind: "shown", ratio: 1 });
  });

  it("follows the district's own rules", () => {
    const rules = { ...DEFAULT_EQUITY_RULES, minCell: 5, minN: 10, threshold: 2 };
    expect(riskCell({ count: 5, total: 10 }, { count: 5, total: 20 }, rules)).toMatchObject({ kind: "shown", ratio: 2, flagged: true });
    expect(riskCell({ count: 4, total: 10 }, { count: 5, total: 20 }, rules)).toEqual({ kind: "suppressed", text: "fewer than 5" });
  });

  it("refuses impossible counts", () => {
    expect(() => riskCell({ count: 11, total: 10 }, { count: 0, total: 10 })).toThrow(RangeError);
    expect(() => riskCell({ count: 1, total: 10 }, { count: -1, total: 10 })).toThrow(RangeError);
  });
});

describe("shares and medians", () => {
  it("shareOf is null with nobody to share among", () => {
    expect(shareOf(3, 12)).toBe(0.25);
    expect(shareOf(0, 0)).toBeNull();
    expect(percentText(0.25)).toBe("25%");
    expect(percentText(null)).toBe("—");
    expect(percentText(1 / 3, 1)).toBe("33.3%");
  });

  it("medianOrNull: the middle value, the mean of the two middle ones, or null", () => {
    expect(medianOrNull([1.5, 0.5, 1])).toBe(1);
    expect(medianOrNull([0.5, 1, 1.5, 2])).toBe(1.25);
    expect(medianOrNull([])).toBeNull();
  });
});

describe("tierDistribution", () => {
  it("reads 200 students with 36 at Tier 2 and 14 at Tier 3 against 80/15/5", () => {
    const d = tierDistribution(200, 36, 14);
    expect(d.counts).toEqual({ TIER_1: 150, TIER_2: 36, TIER_3: 14 });
    expect(d.shares).toEqual({ TIER_1: 0.75, TIER_2: 0.18, TIER_3: 0.07 });
    expect(d.gap).toEqual({ TIER_1: -5, TIER_2: 3, TIER_3: 2 });
    expect(d.coreConcern).toBe(true);
  });

  it("is healthy at exactly 80/15/5 and empty with no students", () => {
    expect(tierDistribution(100, 15, 5).coreConcern).toBe(false);
    expect(tierDistribution(0, 0, 0)).toMatchObject({ shares: { TIER_1: null, TIER_2: null, TIER_3: null }, coreConcern: false });
  });

  it("refuses more students at Tier 2 and 3 than in all", () => {
    expect(() => tierDistribution(10, 6, 5)).toThrow(RangeError);
  });
});

describe("screening results and movement", () => {
  it("screeningShares: 30 at benchmark, 6 at some risk, 4 at high risk of 40", () => {
    expect(screeningShares({ AT_BENCHMARK: 30, SOME_RISK: 6, HIGH_RISK: 4 })).toEqual({
      screened: 40,
      counts: { AT_BENCHMARK: 30, SOME_RISK: 6, HIGH_RISK: 4 },
      shares: { AT_BENCHMARK: 0.75, SOME_RISK: 0.15, HIGH_RISK: 0.1 },
    });
  });

  it("movement: of fall's 12 high-risk students, 2 at benchmark, 3 at some risk, 5 still high risk and 2 not screened in winter", () => {
    const rows = movement([
      { from: "HIGH_RISK", to: "AT_BENCHMARK", students: 2 },
      { from: "HIGH_RISK", to: "SOME_RISK", students: 3 },
      { from: "HIGH_RISK", to: "HIGH_RISK", students: 5 },
      { from: "HIGH_RISK", to: null, students: 2 },
      { from: "AT_BENCHMARK", to: "SOME_RISK", students: 1 },
      { from: "AT_BENCHMARK", to: "AT_BENCHMARK", students: 3 },
    ]);
    const high = rows.find((r) => r.from === "HIGH_RISK")!;
    expect(high).toEqual({ from: "HIGH_RISK", total: 12, to: { AT_BENCHMARK: 2, SOME_RISK: 3, HIGH_RISK: 5, NOT_SCREENED: 2 }, improved: 0.5, worsened: 0 });
    const top = rows.find((r) => r.from === "AT_BENCHMARK")!;
    expect(top).toMatchObject({ total: 4, improved: 0, worsened: 0.25 });
    expect(rows.find((r) => r.from === "SOME_RISK")).toMatchObject({ total: 0, improved: null, worsened: null });
  });
});

describe("goal standing", () => {
  it("maps each recommendation to a standing", () => {
    expect(goalStanding({ kind: "fade-or-exit" })).toBe("met");
    expect(goalStanding({ kind: "continue" })).toBe("on-track");
    expect(goalStanding({ kind: "raise-goal" })).toBe("on-track");
    expect(goalStanding({ kind: "continue", warning: "The trend will not reach the target by 1 March." })).toBe("off-track");
    expect(goalStanding({ kind: "change" })).toBe("off-track");
    expect(goalStanding({ kind: "referral" })).toBe("off-track");
    expect(goalStanding({ kind: "insufficient" })).toBe("too-little-data");
  });

  it("shares met or on track among the goals the rules could judge", () => {
    expect(standingShares(["met", "on-track", "off-track", "too-little-data", "too-little-data"])).toEqual({ goals: 5, judged: 3, metOrOnTrack: 2, share: 2 / 3 });
    expect(standingShares(["too-little-data"])).toEqual({ goals: 1, judged: 0, metOrOnTrack: 0, share: null });
  });
});

describe("per100PerDay", () => {
  it("12 incidents among 400 students over 20 school days is 0.15 per 100 students per day", () => {
    expect(per100PerDay(12, 400, 20)).toBeCloseTo(0.15, 10);
    expect(per100PerDay(3, 0, 20)).toBeNull();
    expect(per100PerDay(3, 100, 0)).toBeNull();
  });
});
