// The recommendation beside the graph (issue 6; DOMAIN.md step 6): which rule
// decides, the dosage gate, referral, fading/exit and every not-enough-data
// answer, always with the reason and the numbers. Expected numbers are worked
// out by hand in the comments.
import { describe, expect, it } from "vitest";
import { measureByKey, type Measure } from "@/domain/measures";
import { recommend, type RecommendationInput } from "@/domain/progress";

function measure(key: string): Measure {
  const m = measureByKey(key);
  if (!m) throw new Error(`no measure ${key}`);
  return m;
}
const ORF = measure("orf_wcpm");
const INCIDENTS = measure("behaviour_incidents_per_day");

/** The date `weeks` weeks after Monday 2026-01-05. */
function week(weeks: number): string {
  return new Date(Date.UTC(2026, 0, 5 + 7 * weeks)).toISOString().slice(0, 10);
}
function weeklyFrom1(scores: number[]): { date: string; score: number }[] {
  return scores.map((score, i) => ({ date: week(i + 1), score }));
}
// a + b * k + e_k for weeks 1..6, e = (+1, -1, 0, 0, -1, +1): the OLS line is exactly a + b * k
// (e sums to 0 and sum (k - 3.5) * e_k = -2.5 + 1.5 + 0 + 0 - 1.5 + 2.5 = 0).
const E = [1, -1, 0, 0, -1, 1];
const series = (a: number, b: number) => weeklyFrom1(E.map((e, i) => a + b * (i + 1) + e));

// ORF 40 on 2026-01-05 -> 64 on 2026-03-30 (12 weeks): aimline 40 + 2k in week k, 2 per week.
const GOAL = { baseline: 40, baselineDate: "2026-01-05", target: 64, targetDate: "2026-03-30" };
const DELIVERED = { dosagePercent: 90, fidelityPercent: 85 };

function input(points: RecommendationInput["points"], more: Partial<RecommendationInput> = {}): RecommendationInput {
  return { measure: ORF, goal: GOAL, points, delivery: DELIVERED, ...more };
}

describe("recommend: not enough data", () => {
  it("with no points says what both rules need", () => {
    const r = recommend(input([{ date: "2026-01-05", score: 40 }]));
    expect(r.kind).toBe("insufficient");
    expect(r.title).toBe("Not enough data yet");
    expect(r.rule).toBe("data-sufficiency");
    expect(r.reason).toBe("No points since the baseline; the four-point rule needs 4 (4 more) and the trend rule needs 6 (6 more).");
    expect(r.numbers.pointsUsed).toBe(0);
    expect(r.numbers.missingPoints).toBe(4);
  });

  it("with 3 points: one more for the four-point rule, three more for the trend", () => {
    const r = recommend(input(weeklyFrom1([41, 43, 45])));
    expect(r.kind).toBe("insufficient");
    expect(r.reason).toBe("Only 3 points since the baseline; the four-point rule needs 4 (1 more) and the trend rule needs 6 (3 more).");
    expect(r.numbers.missingPoints).toBe(1);
    expect(r.numbers.pointsInPeriod).toBe(3);
  });

  it("after a plan change counts only the new phase", () => {
    // Phase from week 6 (2026-02-16): weeks 6 and 7 count.
    const r = recommend(input(weeklyFrom1([41, 43, 45, 47, 49, 51, 53]), { phaseStartDate: week(6), previousPhases: 1 }));
    expect(r.kind).toBe("insufficient");
    expect(r.reason).toBe("Only 2 points since the plan change on 16 February; the four-point rule needs 4 (2 more) and the trend rule needs 6 (4 more).");
  });

  it("names the district's point rule", () => {
    const r = recommend(input(weeklyFrom1([41, 43]), { settings: { fourPointRulePoints: 3 } }));
    expect(r.reason).toBe("Only 2 points since the baseline; the three-point rule needs 3 (1 more) and the trend rule needs 6 (4 more).");
  });
});

describe("recommend: the four-point rule before the trend has enough points", () => {
  // Weeks 1-4: aimline 42, 44, 46, 48; 41, 43, 45, 47 are each one below.
  const below = weeklyFrom1([41, 43, 45, 47]);

  it("4 below the aimline with the plan delivered: change", () => {
    const r = recommend(input(below));
    expect(r.kind).toBe("change");
    expect(r.title).toBe("Change or intensify instruction");
    expect(r.rule).toBe("four-point");
    expect(r.reason).toBe("The 4 most recent points are below the aimline: change instruction.");
    expect(r.notes).toEqual(["Only 4 points since the baseline; the trend rule needs 6 (2 more)."]);
    expect(r.numbers.pointsUsed).toBe(4);
    expect(r.numbers.trendSlopePerWeek).toBeUndefined();
  });

  it("the dosage gate turns the change into 'cannot show non-response yet'", () => {
    const r = recommend(input(below, { delivery: { dosagePercent: 40, fidelityPercent: 90 } }));
    expect(r.kind).toBe("insufficient");
    expect(r.rule).toBe("dosage");
    expect(r.basedOn).toBe("four-point");
    expect(r.title).toBe("Not enough delivery to judge yet");
    expect(r.reason).toBe(
      "The 4 most recent points are below the aimline, but dosage was 40% of the planned minutes (threshold 80%): the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
    expect(r.numbers.dosagePercent).toBe(40);
  });

  it("low fidelity or no logs gate it too", () => {
    expect(recommend(input(below, { delivery: { dosagePercent: 90, fidelityPercent: 70 } })).reason).toBe(
      "The 4 most recent points are below the aimline, but fidelity was 70% (threshold 80%): the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
    expect(recommend(input(below, { delivery: {} })).reason).toContain(
      "but no dosage was logged for the period and no fidelity was recorded for the period: the data cannot show non-response yet.",
    );
  });

  it("uses the district's dosage threshold", () => {
    // 85% passes the default 80% but not a threshold of 90%.
    expect(recommend(input(below, { delivery: { dosagePercent: 85, fidelityPercent: 95 } })).kind).toBe("change");
    expect(recommend(input(below, { delivery: { dosagePercent: 85, fidelityPercent: 95 }, settings: { dosageThreshold: 90 } })).rule).toBe("dosage");
  });

  it("low dosage does not hold back raising the goal", () => {
    // 43, 45, 47, 49 are each one above.
    const r = recommend(input(weeklyFrom1([43, 45, 47, 49]), { delivery: { dosagePercent: 40, fidelityPercent: 50 } }));
    expect(r.kind).toBe("raise-goal");
    expect(r.title).toBe("Raise the goal");
    expect(r.reason).toBe("The 4 most recent points are above the aimline: raise the goal.");
    expect(r.delivery.ok).toBe(false);
  });

  it("a three-point rule by setting", () => {
    const r = recommend(input(weeklyFrom1([41, 43, 45]), { settings: { fourPointRulePoints: 3 } }));
    expect(r.reason).toBe("The 3 most recent points are below the aimline: change instruction.");
  });
});

describe("recommend: the trend rule once it has enough points", () => {
  it("decides, with the four-point rule's view in the notes and the numbers behind it", () => {
    // 40 + k: 42, 41, 43, 44, 44, 47. OLS slope 1 < 2; week 12: 52 < 64. Weeks 3-6 are below 46, 48, 50, 52.
    const r = recommend(input(series(40, 1)));
    expect(r.kind).toBe("change");
    expect(r.rule).toBe("trend");
    expect(r.reason).toBe(
      "The trend (1 per week, least squares over 6 points since the baseline) is slower than the aimline (2 per week); projected to 52 by 30 March, short of the target 64: change instruction.",
    );
    expect(r.notes).toEqual(["The 4 most recent points are below the aimline: change instruction."]);
    expect(r.numbers.pointsUsed).toBe(6);
    expect(r.numbers.trendSlopePerWeek).toBeCloseTo(1, 12);
    expect(r.numbers.projectedValue).toBeCloseTo(52, 12);
    expect(r.numbers.aimlineSlopePerWeek).toBe(2);
    expect(r.numbers.target).toBe(64);
    expect(r.numbers.targetDate).toBe("2026-03-30");
  });

  it("outranks the four-point rule when they disagree (the default precedence), says why in one sentence, and warns that the target will not be met", () => {
    // Issue 13's contradiction. 26 + 3k: 30, 31, 35, 38, 40, 45, all below the aimline 42 ... 52
    // (the four-point rule says change), but the slope 3 > 2 projects 26 + 3 * 12 = 62 by week 12
    // (30 March): catching up, continue, and still short of the target 64.
    const r = recommend(input(series(26, 3)));
    expect(r.kind).toBe("continue");
    expect(r.rule).toBe("trend");
    expect(r.title).toBe("Continue, with a warning");
    expect(r.reason).toContain("continue, the trend is catching up with the aimline.");
    expect(r.overridden).toBe(
      "The four-point rule says change instruction (the 4 most recent points are below the aimline), but the trend rule decides: the district puts it first, and it uses all 6 points of the period, not only the latest 4.",
    );
    expect(r.warning).toBe("Warning: on the current trend the goal will not be met by 30 March: projected 62, target 64. Review the plan at the next data meeting.");
    // The overridden rule is said once, in the sentence, not again as a note.
    expect(r.notes).toEqual([]);
    expect(r.numbers.pointsUsed).toBe(6);
  });

  it("uses Tukey's method when the district chooses it", () => {
    // Weeks 1-6: 40, 44, 43, 47, 50, 48. Tukey: (49 - 42) * 7 / (38.5 - 10.5) = 1.75 per week;
    // OLS would be 31 / 17.5 = 1.771... Tukey on the baseline date 39.375, week 12: 39.375 + 21 = 60.375.
    const r = recommend(input(weeklyFrom1([40, 44, 43, 47, 50, 48]), { settings: { trendMethod: "TUKEY" } }));
    expect(r.numbers.trendSlopePerWeek).toBeCloseTo(1.75, 12);
    expect(r.numbers.projectedValue).toBeCloseTo(60.375, 12);
    expect(r.reason).toContain("Tukey over 6 points");
  });

  it("waits for the district's minimum points", () => {
    const r = recommend(input(series(40, 1), { settings: { trendMinPoints: 8 } }));
    // With 6 < 8 points the four-point rule decides; the trend's note says what it needs.
    expect(r.rule).toBe("four-point");
    expect(r.notes).toEqual(["Only 6 points since the baseline; the trend rule needs 8 (2 more)."]);
  });

  it("the dosage gate holds back a trend's change too", () => {
    const r = recommend(input(series(40, 1), { delivery: { dosagePercent: 75, fidelityPercent: 90 } }));
    expect(r.rule).toBe("dosage");
    expect(r.basedOn).toBe("trend");
    expect(r.reason).toBe(
      "The trend (1 per week, least squares over 6 points since the baseline) is slower than the aimline (2 per week); projected to 52 by 30 March, short of the target 64, " +
        "but dosage was 75% of the planned minutes (threshold 80%): the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
  });
});

describe("recommend: referral", () => {
  it("after two earlier phases with a still-poor response", () => {
    const r = recommend(input(series(40, 1), { previousPhases: 2 }));
    expect(r.kind).toBe("referral");
    expect(r.title).toBe("Consider referral");
    expect(r.basedOn).toBe("trend");
    expect(r.reason).toBe(
      "The trend (1 per week, least squares over 6 points since the baseline) is slower than the aimline (2 per week); projected to 52 by 30 March, short of the target 64, " +
        "in phase 3 of the plan after 2 earlier phases: the response is still poor; consider a referral for a special-education evaluation.",
    );
  });

  it("not after one earlier phase, unless the parameter says so", () => {
    expect(recommend(input(series(40, 1), { previousPhases: 1 })).kind).toBe("change");
    const r = recommend(input(series(40, 1), { previousPhases: 1, referralAfterPhases: 1 }));
    expect(r.kind).toBe("referral");
    expect(r.reason).toContain("in phase 2 of the plan after 1 earlier phase:");
  });

  it("not when the plan was not delivered", () => {
    const r = recommend(input(series(40, 1), { previousPhases: 2, delivery: { dosagePercent: 50, fidelityPercent: 90 } }));
    expect(r.kind).toBe("insufficient");
    expect(r.rule).toBe("dosage");
  });

  it("not when the response is good", () => {
    expect(recommend(input(series(42, 3), { previousPhases: 3 })).kind).toBe("raise-goal");
  });
});

describe("recommend: fading or exit", () => {
  it("when the 4 most recent points are at or beyond the target", () => {
    // Weeks 9-12: 64, 66, 65, 70, all >= 64.
    const r = recommend(input(weeklyFrom1([42, 44, 46, 48, 50, 52, 56, 60, 64, 66, 65, 70])));
    expect(r.kind).toBe("fade-or-exit");
    expect(r.title).toBe("Consider fading or exit");
    expect(r.rule).toBe("goal-met");
    expect(r.reason).toBe("The 4 most recent points are at or beyond the target 64: the goal is met; consider fading the support or exiting the intervention.");
    expect(r.numbers.pointsUsed).toBe(4);
  });

  it("not when one of them is short", () => {
    // 63 < 64 in week 9.
    const r = recommend(input(weeklyFrom1([42, 44, 46, 48, 50, 52, 56, 60, 63, 66, 65, 70])));
    expect(r.kind).not.toBe("fade-or-exit");
  });

  it("lower is better: at or below the target", () => {
    // Incidents 6 -> 2 by 2026-03-02; weeks 1-4: 2, 1, 0, 2 are all <= 2.
    const goal = { baseline: 6, baselineDate: "2026-01-05", target: 2, targetDate: "2026-03-02" };
    const r = recommend({ measure: INCIDENTS, goal, points: weeklyFrom1([2, 1, 0, 2]), delivery: DELIVERED });
    expect(r.kind).toBe("fade-or-exit");
    expect(r.reason).toBe("The 4 most recent points are at or beyond the target 2: the goal is met; consider fading the support or exiting the intervention.");
    // 3 is above (worse than) 2: no exit, and all four are still below the aimline 5.5, 5, 4.5, 4: raise the goal.
    const notYet = recommend({ measure: INCIDENTS, goal, points: weeklyFrom1([2, 1, 3, 2]), delivery: DELIVERED });
    expect(notYet.kind).toBe("raise-goal");
    expect(notYet.reason).toBe("The 4 most recent points are below the aimline (lower is better): raise the goal.");
  });
});

describe("recommend: ROI and gap analysis alongside", () => {
  it("carries the ROI since the baseline", () => {
    // 40 + k with noise: OLS 1 per week; simple (47 - 40) / 6 weeks = 1.1666...
    const r = recommend(input(series(40, 1)));
    expect(r.roi.olsPerWeek).toBeCloseTo(1, 12);
    expect(r.roi.simplePerWeek).toBeCloseTo(7 / 6, 12);
  });

  it("adds the gap against a benchmark, judged against the goal ROI", () => {
    // Last three 44, 44, 47 -> 44 as of week 6 (2026-02-16). 2026-02-16 -> 2026-05-25 = 12 + 31 + 30 + 25 = 98 days = 14 weeks.
    // Ratio 72 / 44 = 1.636... (not significant); needed (72 - 44) / 14 = 2 per week <= 2 * 2 (goal ROI): realistic.
    const r = recommend(input(series(40, 1), { benchmark: { benchmark: 72, byDate: "2026-05-25" } }));
    expect(r.gap?.current?.value).toBe(44);
    expect(r.gap?.ratio).toBeCloseTo(72 / 44, 12);
    expect(r.gap?.significant).toBe(false);
    expect(r.gap?.neededRoiPerWeek).toBe(2);
    expect(r.gap?.realistic).toBe(true);
    expect(r.gap?.message).toContain("within 2 times the goal ROI (2 per week): realistic.");
  });

  it("uses the baseline as the current score before any probe", () => {
    // 40 on 2026-01-05; to 2026-05-25 is 140 days = 20 weeks: (72 - 40) / 20 = 1.6 per week; ratio 72 / 40 = 1.8.
    const r = recommend(input([], { benchmark: { benchmark: 72, byDate: "2026-05-25" } }));
    expect(r.gap?.current?.value).toBe(40);
    expect(r.gap?.ratio).toBe(1.8);
    expect(r.gap?.neededRoiPerWeek).toBe(1.6);
    expect(r.kind).toBe("insufficient");
  });

  it("has no gap without a benchmark", () => {
    expect(recommend(input(series(40, 1))).gap).toBeUndefined();
  });
});

describe("recommend: the district's precedence between the rules (issue 13)", () => {
  it("with FOUR_POINT_FIRST, the same contradiction is a change, and says why the trend was overridden", () => {
    const r = recommend(input(series(26, 3), { settings: { rulePrecedence: "FOUR_POINT_FIRST" } }));
    expect(r.kind).toBe("change");
    expect(r.rule).toBe("four-point");
    expect(r.title).toBe("Change or intensify instruction");
    expect(r.reason).toBe("The 4 most recent points are below the aimline: change instruction.");
    expect(r.overridden).toBe(
      "The trend rule says continue (the trend (3 per week, least squares over 6 points since the baseline) is faster than the aimline (2 per week); projected to 62 by 30 March, short of the target 64), but the four-point rule decides: the district puts it first, and it judges the latest 4 points, which show the response now.",
    );
    // A change is itself the response to a trend short of the target: no separate warning.
    expect(r.warning).toBeUndefined();
    expect(r.numbers.pointsUsed).toBe(4);
  });

  it("with FOUR_POINT_FIRST, a mixed run continues, but with a warning when the trend falls short, and the trend's change is overridden", () => {
    // Weeks 1-6: 50, 30, 47, 49, 45, 53 against the aimline 42, 44, 46, 48, 50, 52.
    // The latest 4: 47 > 46, 49 > 48, 45 < 50, 53 > 52: 3 above, 1 below: continue.
    // OLS: mean week 3.5, mean score 274 / 6; Sxy = -125 - 45 - 23.5 + 24.5 + 67.5 + 132.5 = 31, Sxx = 17.5:
    // slope 31 / 17.5 = 1.771 < 2; at week 12: 274 / 6 + 1.771 * 8.5 = 60.7, short of 64: the trend says change.
    const points = weeklyFrom1([50, 30, 47, 49, 45, 53]);
    const r = recommend(input(points, { settings: { rulePrecedence: "FOUR_POINT_FIRST" } }));
    expect(r.kind).toBe("continue");
    expect(r.rule).toBe("four-point");
    expect(r.title).toBe("Continue, with a warning");
    expect(r.numbers.projectedValue).toBeCloseTo(274 / 6 + (31 / 17.5) * 8.5, 9);
    expect(r.warning).toBe("Warning: on the current trend the goal will not be met by 30 March: projected 61, target 64. Review the plan at the next data meeting.");
    expect(r.overridden).toMatch(/^The trend rule says change instruction \(the trend \(1\.8 per week, .*\), but the four-point rule decides: the district puts it first, and it judges the latest 4 points, which show the response now\.$/);
    // The default precedence: the trend decides, a change, and the four-point rule's continue is the one overridden.
    const byTrend = recommend(input(points));
    expect(byTrend).toMatchObject({ kind: "change", rule: "trend", title: "Change or intensify instruction" });
    expect(byTrend.overridden).toBe(
      "The four-point rule says continue (the 4 most recent points are not all on one side of the aimline (3 above, 1 below, 0 on it)), but the trend rule decides: the district puts it first, and it uses all 6 points of the period, not only the latest 4.",
    );
  });

  it("with FOUR_POINT_FIRST and too few points for it, the trend cannot decide either: not enough data; when only the trend's points are missing, the four-point rule decides as before", () => {
    const four = recommend(input(weeklyFrom1([41, 43, 45, 47]), { settings: { rulePrecedence: "FOUR_POINT_FIRST" } }));
    expect(four).toMatchObject({ kind: "change", rule: "four-point", notes: ["Only 4 points since the baseline; the trend rule needs 6 (2 more)."] });
    expect(four.overridden).toBeUndefined();
  });

  it("when the rules agree, nothing is overridden and the other rule's message is a note; continuing on course carries no warning", () => {
    // 40 + 2k exactly on the aimline ... with the noise E: 43, 43, 46, 48, 49, 53 -> the latest 4: 46 on, 48 on, 49 below, 53 above: continue.
    // OLS slope exactly 2, projected 64 at week 12: at the target; the trend says continue.
    const r = recommend(input(series(40, 2)));
    expect(r).toMatchObject({ kind: "continue", title: "Continue" });
    expect(r.overridden).toBeUndefined();
    expect(r.warning).toBeUndefined();
    expect(r.notes).toHaveLength(1);
  });
});
