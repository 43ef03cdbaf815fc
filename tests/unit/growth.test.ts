// Goal-setting help (issue 13): the rate a benchmark needs, targets from
// typical growth (Fuchs et al. 1993) and when a goal's rate is questioned.
// Every expected number is worked out by hand in the comment beside it.
// Calendar: 2026-01-05 is a Monday; 2026-05-04 is 17 weeks (119 days) later.
import { describe, expect, it } from "vitest";
import { goalRoiQuestion, goalSuggestion, GROWTH_NORMS, typicalGrowth } from "@/domain/growth";
import { measureByKey, type Measure } from "@/domain/measures";

const m = (key: string): Measure => measureByKey(key)!;
const ORF = m("orf_wcpm");
const DCPM = m("math_computation_dcpm");
const BASE = { measure: ORF, grade: "G3" as const, baseline: 41, baselineDate: "2026-01-05", targetDate: "2026-05-04" };
const SPRING_95 = { value: 95, seasonLabel: "Spring" };

describe("typical growth (Fuchs, Fuchs, Hamlett, Walz & Germann 1993)", () => {
  it("has the published realistic and ambitious weekly rates as data", () => {
    expect(typicalGrowth("orf_wcpm", "G3")).toEqual({ realistic: 1, ambitious: 1.5 });
    expect(typicalGrowth("orf_wcpm", "G1")).toEqual({ realistic: 2, ambitious: 3 });
    expect(typicalGrowth("math_computation_dcpm", "G4")).toEqual({ realistic: 0.7, ambitious: 1.15 });
    expect(typicalGrowth("orf_wcpm", "G8")).toBeUndefined();
    expect(typicalGrowth("attendance_rate", "G3")).toBeUndefined();
    // Ambitious is never below realistic.
    for (const grades of Object.values(GROWTH_NORMS)) for (const r of Object.values(grades)) expect(r!.ambitious).toBeGreaterThanOrEqual(r!.realistic);
  });
});

describe("goalSuggestion", () => {
  it("says what the benchmark needs and what typical growth reaches", () => {
    // 17 weeks. Benchmark: (95 - 41) / 17 = 3.176 -> 3.2 per week.
    // Grade 3: 41 + 1 x 17 = 58 realistic; 41 + 1.5 x 17 = 66.5 -> 67 ambitious.
    const s = goalSuggestion({ ...BASE, benchmark: SPRING_95 })!;
    expect(s.weeks).toBe(17);
    expect(s.benchmark!.roi).toBeCloseTo(54 / 17, 12);
    expect(s.typical).toMatchObject({ realisticTarget: 58, ambitiousTarget: 67 });
    expect(s.text).toBe(
      "The spring benchmark 95 needs 3.2 per week from 41 by 4 May. " +
        "Typical growth at grade 3 is about 1 per week (ambitious: 1.5 per week; Fuchs, Fuchs, Hamlett, Walz & Germann, 1993): a target of about 58, or 67 for an ambitious goal, by 4 May.",
    );
  });

  it("for math computation at grade 4: 0.7 and 1.15 digits a week", () => {
    // 12 at baseline, 10 weeks (2026-01-05 to 2026-03-16): 12 + 7 = 19; 12 + 11.5 = 23.5 -> 24.
    const s = goalSuggestion({ measure: DCPM, grade: "G4", baseline: 12, baselineDate: "2026-01-05", targetDate: "2026-03-16" })!;
    expect(s.typical).toMatchObject({ realisticTarget: 19, ambitiousTarget: 24 });
    expect(s.benchmark).toBeUndefined();
  });

  it("has nothing to suggest without a rate or a benchmark, for a lower-is-better measure, or a baseline already at the benchmark", () => {
    expect(goalSuggestion({ ...BASE, grade: "G8" })).toBeUndefined();
    expect(goalSuggestion({ ...BASE, measure: m("behaviour_incidents_per_day"), baseline: 4 })).toBeUndefined();
    // At or above the benchmark the benchmark needs nothing: typical growth only.
    const above = goalSuggestion({ ...BASE, baseline: 100, benchmark: SPRING_95 })!;
    expect(above.benchmark).toBeUndefined();
    expect(above.text).toMatch(/^Typical growth at grade 3/);
  });
});

describe("goalRoiQuestion", () => {
  it("questions a goal far below what the gap to the benchmark needs (issue 13: 0.4 a week when the gap needs 3)", () => {
    // 41 -> 48 in 17 weeks: 7 / 17 = 0.41 per week < half of 3.18 = 1.59.
    const q = goalRoiQuestion({ ...BASE, target: 48, benchmark: SPRING_95 });
    expect(q).toBe(
      "This goal asks for 0.4 per week. That is less than half of what reaching the benchmark needs, so the student would stay well below it. " +
        "The spring benchmark 95 needs 3.2 per week from 41 by 4 May. " +
        "Typical growth at grade 3 is about 1 per week (ambitious: 1.5 per week; Fuchs, Fuchs, Hamlett, Walz & Germann, 1993): a target of about 58, or 67 for an ambitious goal, by 4 May.",
    );
  });

  it("accepts a goal between half the benchmark's rate and 1.5 times ambitious growth", () => {
    // 41 -> 70: 29 / 17 = 1.71 per week: >= 1.59 and <= 2.25.
    expect(goalRoiQuestion({ ...BASE, target: 70, benchmark: SPRING_95 })).toBeNull();
    // 41 -> 68: 27 / 17 is exactly half of 54 / 17: not less than half, not questioned;
    // 41 -> 67: 26 / 17 = 1.53 < 1.59: questioned.
    expect(goalRoiQuestion({ ...BASE, target: 68, benchmark: SPRING_95 })).toBeNull();
    expect(goalRoiQuestion({ ...BASE, target: 67, benchmark: SPRING_95 })).toMatch(/less than half of what reaching the benchmark needs/);
  });

  it("questions a goal far above ambitious growth", () => {
    // 41 -> 80: 39 / 17 = 2.29 per week > 1.5 x 1.5 = 2.25.
    expect(goalRoiQuestion({ ...BASE, target: 80 })).toMatch(/^This goal asks for 2\.3 per week\. That is more than 1\.5 times ambitious growth for the grade/);
    // 41 -> 79: 38 / 17 = 2.24: not questioned.
    expect(goalRoiQuestion({ ...BASE, target: 79 })).toBeNull();
  });

  it("without a benchmark, questions a goal below half of realistic typical growth", () => {
    // 41 -> 48: 0.41 < 0.5 (half of 1): questioned; 41 -> 50: 9 / 17 = 0.53: not.
    expect(goalRoiQuestion({ ...BASE, target: 48 })).toMatch(/^This goal asks for 0\.4 per week\. That is less than half of typical growth\. Typical growth at grade 3/);
    expect(goalRoiQuestion({ ...BASE, target: 50 })).toBeNull();
  });

  it("asks nothing when there is nothing to compare with", () => {
    expect(goalRoiQuestion({ ...BASE, grade: "G9", target: 42 })).toBeNull();
  });
});
