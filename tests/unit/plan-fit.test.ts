// Whether a plan fits its intervention (issue 13): group size and dosage "well
// below" the recommendation (under 75% of its minutes a week), hand-checked.
import { describe, expect, it } from "vitest";
import { planFitProblems } from "@/domain/plan-fit";

const RN = { name: "Read Naturally", groupSizeMin: 1, groupSizeMax: 5, minutesPerSession: 30, sessionsPerWeek: 3 };

describe("planFitProblems", () => {
  it("is silent for a plan within the recommendation, a custom intervention, or an intervention with no recommendation", () => {
    expect(planFitProblems({ groupSize: 4, minutesPerSession: 30, sessionsPerWeek: 3 }, RN)).toEqual([]);
    expect(planFitProblems({ groupSize: 12, minutesPerSession: 5, sessionsPerWeek: 1 }, null)).toEqual([]);
    expect(planFitProblems({ groupSize: 12, minutesPerSession: 5, sessionsPerWeek: 1 }, { name: "X", groupSizeMin: null, groupSizeMax: null, minutesPerSession: null, sessionsPerWeek: null })).toEqual([]);
  });

  it("flags a group outside the range", () => {
    expect(planFitProblems({ groupSize: 6, minutesPerSession: 30, sessionsPerWeek: 3 }, RN)).toEqual(["A group of 6 is outside Read Naturally's recommended group size (1 to 5)."]);
    expect(planFitProblems({ groupSize: 1, minutesPerSession: 30, sessionsPerWeek: 3 }, { ...RN, groupSizeMin: 2, groupSizeMax: null })).toEqual([
      "A group of 1 is outside Read Naturally's recommended group size (at least 2).",
    ]);
  });

  it("flags dosage under 75% of the recommended minutes a week, not at 75%", () => {
    // Recommended 3 x 30 = 90. 2 x 30 = 60 = 66.7% -> flagged ("67%"); 3 x 23 = 69 = 76.7%: not flagged.
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 30, sessionsPerWeek: 2 }, RN)).toEqual([
      "60 minutes a week (2 x 30) is well below Read Naturally's recommended 90 (3 x 30): 67%, under 75%.",
    ]);
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 23, sessionsPerWeek: 3 }, RN)).toEqual([]);
    // Exactly 75%: 2 x 45 = 90 of 120 (4 x 30) is not under it.
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 45, sessionsPerWeek: 2 }, { ...RN, sessionsPerWeek: 4 })).toEqual([]);
  });
});
