// Universal screening's arithmetic (issue 17), on hand-checked numbers: the
// risk level of a score against a benchmark cell (both directions, the cut
// scores themselves, no risk cut, no benchmark), the area's level across
// measures, the tier it suggests against the current tier, the decision's
// reason, and the windows of a school year.
import { describe, expect, it } from "vitest";
import {
  areaRiskLevel,
  compareTiers,
  defaultWindow,
  riskLevelOf,
  schoolYearLabel,
  schoolYearOf,
  screeningReason,
  TIER_FOR_RISK,
  tierSuggestions,
  windowProblems,
  windowStatus,
} from "@/domain/screening";

// Grade 3 winter ORF of the demo (Hasbrouck & Tindal 2017): benchmark 97, risk cut 79.
const ORF_G3_WINTER = { benchmark: 97, riskCut: 79 };
// The SRSS (externalising, 0-21), lower is better: 0-3 low risk, 4-8 moderate, 9-21 high.
const SRSS = { benchmark: 3, riskCut: 8 };

describe("riskLevelOf", () => {
  it.each([
    [120, "AT_BENCHMARK"],
    [97, "AT_BENCHMARK"], // the benchmark itself is at benchmark
    [96, "SOME_RISK"],
    [80, "SOME_RISK"],
    [79, "SOME_RISK"], // the risk cut itself is still some risk ("beyond" it is high risk)
    [78, "HIGH_RISK"],
    [0, "HIGH_RISK"],
    [96.5, "SOME_RISK"],
  ] as const)("higher is better: %d WCPM against 97/79 is %s", (score, level) => {
    expect(riskLevelOf("higher", score, ORF_G3_WINTER)).toBe(level);
  });

  it.each([
    [0, "AT_BENCHMARK"],
    [3, "AT_BENCHMARK"],
    [4, "SOME_RISK"],
    [8, "SOME_RISK"],
    [9, "HIGH_RISK"],
    [21, "HIGH_RISK"],
  ] as const)("lower is better: an SRSS of %d against 3/8 is %s", (score, level) => {
    expect(riskLevelOf("lower", score, SRSS)).toBe(level);
  });

  it("without a risk cut, every score short of the benchmark is some risk, never high risk", () => {
    expect(riskLevelOf("higher", 0, { benchmark: 40, riskCut: null })).toBe("SOME_RISK");
    expect(riskLevelOf("higher", 40, { benchmark: 40, riskCut: null })).toBe("AT_BENCHMARK");
    expect(riskLevelOf("lower", 99, { benchmark: 3, riskCut: null })).toBe("SOME_RISK");
  });

  it("is null when there is no benchmark for the grade and season", () => {
    expect(riskLevelOf("higher", 50, null)).toBeNull();
    expect(riskLevelOf("higher", 50, undefined)).toBeNull();
    expect(riskLevelOf("higher", 50, { benchmark: null, riskCut: null })).toBeNull();
  });

  it("refuses a score that is not a number", () => {
    expect(() => riskLevelOf("higher", Number.NaN, ORF_G3_WINTER)).toThrow(RangeError);
  });
});

describe("the tier a screening suggests", () => {
  it("maps high risk to Tier 3, some risk to Tier 2, at benchmark to Tier 1", () => {
    expect(TIER_FOR_RISK).toEqual({ HIGH_RISK: "TIER_3", SOME_RISK: "TIER_2", AT_BENCHMARK: "TIER_1" });
  });

  it("takes the most serious level of an area's measures, ignoring those without a benchmark", () => {
    expect(areaRiskLevel(["AT_BENCHMARK", "HIGH_RISK", "SOME_RISK"])).toBe("HIGH_RISK");
    expect(areaRiskLevel(["AT_BENCHMARK", "SOME_RISK"])).toBe("SOME_RISK");
    expect(areaRiskLevel([null, "AT_BENCHMARK"])).toBe("AT_BENCHMARK");
    expect(areaRiskLevel([null])).toBeNull();
    expect(areaRiskLevel([])).toBeNull();
  });

  it("compares with the current tier; no decision counts as Tier 1", () => {
    expect(compareTiers(null, "TIER_1")).toBe("same");
    expect(compareTiers(undefined, "TIER_2")).toBe("more-intensive");
    expect(compareTiers("TIER_2", "TIER_3")).toBe("more-intensive");
    expect(compareTiers("TIER_3", "TIER_2")).toBe("less-intensive");
    expect(compareTiers("TIER_3", "TIER_3")).toBe("same");
  });

  it("lists only the students and areas whose suggestion differs, with the current tier filled in", () => {
    const rows = [
      { studentId: "a", area: "READING", levels: ["HIGH_RISK"], currentTier: null }, // Tier 1 -> 3
      { studentId: "a", area: "MATH", levels: ["AT_BENCHMARK"], currentTier: null }, // Tier 1 = 1
      { studentId: "b", area: "READING", levels: ["SOME_RISK", "AT_BENCHMARK"], currentTier: "TIER_2" }, // 2 = 2
      { studentId: "c", area: "READING", levels: ["AT_BENCHMARK"], currentTier: "TIER_3" }, // 3 -> 1
      { studentId: "d", area: "MATH", levels: [null], currentTier: "TIER_3" }, // no benchmark: nothing
      { studentId: "e", area: "MATH", levels: ["SOME_RISK", "HIGH_RISK"], currentTier: "TIER_2" }, // 2 -> 3
    ] as const;
    expect(tierSuggestions(rows)).toEqual([
      { studentId: "a", area: "READING", level: "HIGH_RISK", currentTier: "TIER_1", suggestedTier: "TIER_3", change: "more-intensive" },
      { studentId: "c", area: "READING", level: "AT_BENCHMARK", currentTier: "TIER_3", suggestedTier: "TIER_1", change: "less-intensive" },
      { studentId: "e", area: "MATH", level: "HIGH_RISK", currentTier: "TIER_2", suggestedTier: "TIER_3", change: "more-intensive" },
    ]);
  });

  it("gives the decision's reason in the words of the issue", () => {
    expect(screeningReason("WINTER", "HIGH_RISK")).toBe("Winter screening: high risk");
    expect(screeningReason("FALL", "SOME_RISK")).toBe("Fall screening: some risk");
    expect(screeningReason("SPRING", "AT_BENCHMARK")).toBe("Spring screening: at or above benchmark");
  });
});

describe("school years and windows", () => {
  it("starts a school year in July", () => {
    expect(schoolYearOf("2026-12-05")).toBe(2026);
    expect(schoolYearOf("2027-01-20")).toBe(2026);
    expect(schoolYearOf("2027-06-30")).toBe(2026);
    expect(schoolYearOf("2027-07-01")).toBe(2027);
    expect(schoolYearLabel(2026)).toBe("2026-27");
    expect(schoolYearLabel(2099)).toBe("2099-00");
  });

  const fall = { season: "FALL" as const, startDate: "2026-08-31", endDate: "2026-09-11" };
  const winter = { season: "WINTER" as const, startDate: "2027-01-11", endDate: "2027-01-29" };
  const spring = { season: "SPRING" as const, startDate: "2027-05-03", endDate: "2027-05-21" };

  it("knows where today stands against a window, both ends inclusive", () => {
    expect(windowStatus(winter, "2027-01-10")).toBe("upcoming");
    expect(windowStatus(winter, "2027-01-11")).toBe("open");
    expect(windowStatus(winter, "2027-01-29")).toBe("open");
    expect(windowStatus(winter, "2027-01-30")).toBe("closed");
  });

  it("opens on the open window, else the last closed one, else the first", () => {
    expect(defaultWindow([spring, fall, winter], "2027-01-20")).toBe(winter);
    expect(defaultWindow([spring, fall, winter], "2026-12-05")).toBe(fall);
    expect(defaultWindow([spring, winter], "2026-12-05")).toBe(winter);
    expect(defaultWindow([], "2026-12-05")).toBeNull();
  });

  it("accepts three windows in order inside the year, and two", () => {
    expect(windowProblems(2026, [fall, winter, spring])).toEqual({});
    expect(windowProblems(2026, [fall, spring])).toEqual({});
  });

  it("refuses a window that ends before it starts, lies outside the year or overlaps the one before", () => {
    expect(windowProblems(2026, [{ ...fall, endDate: "2026-08-30" }])).toEqual({ FALL: "Fall: the window must end on or after the day it starts." });
    expect(windowProblems(2026, [{ ...spring, endDate: "2027-07-02" }])).toEqual({
      SPRING: "Spring: the window must fall inside the 2026-27 school year (2026-07-01 to 2027-06-30).",
    });
    expect(windowProblems(2026, [fall, { ...winter, startDate: "2026-09-11" }])).toEqual({
      WINTER: "Winter: the window must start after the fall window ends (2026-09-11).",
    });
  });
});
