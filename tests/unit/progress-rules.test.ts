// The four-point rule and the trend rule (issue 6; DOMAIN.md step 6),
// direction-aware, with their messages and data-sufficiency answers.
// Expected numbers are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { measureByKey, type Measure } from "@/domain/measures";
import { aimline, fourPointRule, trendRule, type FourPointDecision, type InsufficientData, type TrendDecision } from "@/domain/progress";

function measure(key: string): Measure {
  const m = measureByKey(key);
  if (!m) throw new Error(`no measure ${key}`);
  return m;
}
const ORF = measure("orf_wcpm");
const INCIDENTS = measure("behaviour_incidents_per_day");
const DBR_DISRUPTIVE = measure("dbr_disruptive_behaviour");

/** The date `weeks` weeks after Monday 2026-01-05. */
function week(weeks: number): string {
  return new Date(Date.UTC(2026, 0, 5 + 7 * weeks)).toISOString().slice(0, 10);
}
/** Scores on weeks 1, 2, 3, ... after the baseline. */
function weeklyFrom1(scores: number[]): { date: string; score: number }[] {
  return scores.map((score, i) => ({ date: week(i + 1), score }));
}

// ORF 40 on 2026-01-05 -> 64 on 2026-03-30 (12 weeks): 2 per week, aimline 40 + 2k in week k.
const AIM = aimline({ baseline: 40, baselineDate: "2026-01-05", target: 64, targetDate: "2026-03-30" });
// Incidents 6 on 2026-01-05 -> 2 on 2026-02-02 (4 weeks): aimline 6 - k in week k (5, 4, 3, 2), then held at 2.
const INC_AIM = aimline({ baseline: 6, baselineDate: "2026-01-05", target: 2, targetDate: "2026-02-02" });
// Incidents 6 -> 2 by 2026-03-02 (8 weeks): -0.5 per week.
const INC_AIM_8 = aimline({ baseline: 6, baselineDate: "2026-01-05", target: 2, targetDate: "2026-03-02" });

function decided4(r: ReturnType<typeof fourPointRule>): FourPointDecision {
  if (!r.sufficient) throw new Error(`insufficient: ${r.message}`);
  return r;
}
function decidedTrend(r: ReturnType<typeof trendRule>): TrendDecision {
  if (!r.sufficient) throw new Error(`insufficient: ${r.message}`);
  return r;
}
function insufficient(r: ReturnType<typeof fourPointRule> | ReturnType<typeof trendRule>): InsufficientData {
  if (r.sufficient) throw new Error(`decided: ${r.message}`);
  return r;
}

describe("fourPointRule", () => {
  it("all 4 above the aimline (higher is better): raise the goal", () => {
    // Weeks 1-4 aimline 42, 44, 46, 48; scores 43, 45, 47, 49 are each 1 above.
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 47, 49]) }));
    expect(r.outcome).toBe("raise-goal");
    expect([r.better, r.worse, r.on]).toEqual([4, 0, 0]);
    expect(r.points.map((p) => p.aimline)).toEqual([42, 44, 46, 48]);
    expect(r.message).toBe("The 4 most recent points are above the aimline: raise the goal.");
  });

  it("all 4 below: change instruction", () => {
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([41, 43, 45, 47]) }));
    expect(r.outcome).toBe("change");
    expect(r.message).toBe("The 4 most recent points are below the aimline: change instruction.");
  });

  it("mixed: continue, with the counts", () => {
    // 43 > 42, 43 < 44, 47 > 46, 47 < 48.
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 43, 47, 47]) }));
    expect(r.outcome).toBe("continue");
    expect(r.message).toBe("The 4 most recent points are not all on one side of the aimline (2 above, 2 below, 0 on it): continue.");
  });

  it("a point exactly on the aimline counts as neither side", () => {
    // 43 > 42, 45 > 44, 46 = 46 (on), 49 > 48: three above and one on it is not "all above".
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 46, 49]) }));
    expect(r.outcome).toBe("continue");
    expect(r.points.map((p) => p.side)).toEqual(["better", "better", "on", "better"]);
    expect(r.message).toBe("The 4 most recent points are not all on one side of the aimline (3 above, 0 below, 1 on it): continue.");
  });

  it("all 4 on the aimline: continue", () => {
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([42, 44, 46, 48]) }));
    expect(r.outcome).toBe("continue");
    expect(r.message).toBe("The 4 most recent points are on the aimline: continue.");
  });

  it("looks only at the most recent 4 after the baseline", () => {
    // A point before and one on the baseline date are not counted; week 1 (30, far below 42) is the 5th most recent.
    // Weeks 2-5: 45 > 44, 47 > 46, 49 > 48, 51 > 50.
    const points = [{ date: "2026-01-01", score: 20 }, { date: "2026-01-05", score: 40 }, ...weeklyFrom1([30, 45, 47, 49, 51])];
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points }));
    expect(r.outcome).toBe("raise-goal");
    expect(r.available).toBe(5);
    expect(r.points.map((p) => p.date)).toEqual([week(2), week(3), week(4), week(5)]);
  });

  it("judges irregular dates against the aimline on their own day", () => {
    // Day 3 (2026-01-08): 40 + 2 * 3 / 7 = 40.857; day 10: 42.857; day 17: 44.857; day 24: 46.857.
    // Scores 41, 43, 45, 47 are each just above; by point index (42, 44, 46, 48) they would all be below.
    const points = ["2026-01-08", "2026-01-15", "2026-01-22", "2026-01-29"].map((date, i) => ({ date, score: 41 + 2 * i }));
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points }));
    expect(r.outcome).toBe("raise-goal");
    expect(r.points[0]?.aimline).toBeCloseTo(40 + 6 / 7, 12);
  });

  it("lower is better: all below the aimline raises the goal", () => {
    // Aimline 5, 4, 3, 2 in weeks 1-4; 4, 3, 2, 1 incidents are each one fewer.
    const r = decided4(fourPointRule({ measure: INCIDENTS, aimline: INC_AIM, points: weeklyFrom1([4, 3, 2, 1]) }));
    expect(r.outcome).toBe("raise-goal");
    expect(r.message).toBe("The 4 most recent points are below the aimline (lower is better): raise the goal.");
  });

  it("lower is better: all above the aimline is a change", () => {
    const r = decided4(fourPointRule({ measure: INCIDENTS, aimline: INC_AIM, points: weeklyFrom1([6, 5, 4, 3]) }));
    expect(r.outcome).toBe("change");
    expect(r.message).toBe("The 4 most recent points are above the aimline (lower is better): change instruction.");
  });

  it("lower is better, after the target date: judged against the target, held", () => {
    // Weeks 3-6: aimline 3, 2, then held at 2, 2. Scores 2, 1, 1, 1 are all below.
    const points = [
      { date: week(3), score: 2 },
      { date: week(4), score: 1 },
      { date: week(5), score: 1 },
      { date: week(6), score: 1 },
    ];
    const r = decided4(fourPointRule({ measure: INCIDENTS, aimline: INC_AIM, points }));
    expect(r.points.map((p) => p.aimline)).toEqual([3, 2, 2, 2]);
    expect(r.outcome).toBe("raise-goal");
  });

  it("a decimal score on the aimline stays on it despite floating-point noise", () => {
    // DBR disruptive 3.1 -> 0.7 over 28 days: aimline 2.5, 1.9, 1.3, 0.7 on days 7, 14, 21, 28
    // (day 14 computes as 1.8999999999999997). Scores 2.7, 1.9, 1.5, 0.9: three above, one on it.
    // Without the tolerance 1.9 would read as above and the rule would say "change instruction".
    const dbrAim = aimline({ baseline: 3.1, baselineDate: "2026-01-05", target: 0.7, targetDate: "2026-02-02" });
    const r = decided4(fourPointRule({ measure: DBR_DISRUPTIVE, aimline: dbrAim, points: weeklyFrom1([2.7, 1.9, 1.5, 0.9]) }));
    expect(r.outcome).toBe("continue");
    expect(r.message).toBe("The 4 most recent points are not all on one side of the aimline (0 below, 3 above, 1 on it; lower is better): continue.");
  });

  it("uses the district's number of points and the most recent of two on one date", () => {
    // N = 1. Week 2 has 45 then 43 (in that order): 43 is the most recent, below 44.
    const points = [
      { date: week(2), score: 45 },
      { date: week(2), score: 43 },
    ];
    const r = decided4(fourPointRule({ measure: ORF, aimline: AIM, points, pointsToJudge: 1 }));
    expect(r.message).toBe("The most recent point is below the aimline: change instruction.");
  });

  it("names a five-point rule after the setting", () => {
    const r = insufficient(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 47, 49]), pointsToJudge: 5 }));
    expect(r.message).toBe("Only 4 points since the baseline; the five-point rule needs 5 (1 more).");
  });

  it("says how many more points it needs", () => {
    const three = insufficient(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 47]) }));
    expect(three).toEqual({
      sufficient: false,
      required: 4,
      available: 3,
      missing: 1,
      reason: "too-few-points",
      message: "Only 3 points since the baseline; the four-point rule needs 4 (1 more).",
    });
    expect(insufficient(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43]) })).message).toBe(
      "Only 1 point since the baseline; the four-point rule needs 4 (3 more).",
    );
    // Points on or before the baseline date do not count.
    expect(insufficient(fourPointRule({ measure: ORF, aimline: AIM, points: [{ date: "2026-01-05", score: 40 }] })).message).toBe(
      "No points since the baseline; the four-point rule needs 4 (4 more).",
    );
  });

  it("after a plan change counts only the new phase's points", () => {
    // Phase starts in week 3: weeks 3 and 4 count.
    const r = insufficient(fourPointRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([41, 43, 47, 49]), phaseStartDate: week(3) }));
    expect(r.message).toBe("Only 2 points since the plan change on 26 January; the four-point rule needs 4 (2 more).");
  });

  it("refuses a nonsensical setting", () => {
    expect(() => fourPointRule({ measure: ORF, aimline: AIM, points: [], pointsToJudge: 0 })).toThrow(RangeError);
  });
});

describe("trendRule", () => {
  // Scores a + b * k + e_k for weeks k = 1..6 with e = (+1, -1, 0, 0, -1, +1): e sums to 0 and
  // sum (k - 3.5) * e_k = -2.5 + 1.5 + 0 + 0 - 1.5 + 2.5 = 0, so the OLS line is exactly
  // a + b * k (k in weeks since the baseline): slope b per week, value a on the baseline date.
  const E = [1, -1, 0, 0, -1, 1];
  const series = (a: number, b: number) => weeklyFrom1(E.map((e, i) => a + b * (i + 1) + e));

  it("faster than the aimline and projected beyond the target: raise the goal", () => {
    // 42 + 3k: 46, 47, 51, 54, 56, 61. Slope 3 > 2; on week 12: 42 + 36 = 78 >= 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(42, 3) }));
    expect(r.trend.slopePerWeek).toBeCloseTo(3, 12);
    expect(r.trend.intercept).toBeCloseTo(42, 12);
    expect(r.trend.origin).toBe("2026-01-05");
    expect(r.projectedValue).toBeCloseTo(78, 12);
    expect([r.pace, r.projection, r.willMeetTarget, r.outcome]).toEqual(["faster", "beyond", true, "raise-goal"]);
    expect(r.message).toBe(
      "The trend (3 per week, least squares over 6 points since the baseline) is faster than the aimline (2 per week); projected to 78 by 30 March, beyond the target 64: raise the goal.",
    );
  });

  it("slower and projected short: change instruction", () => {
    // 40 + k: 42, 41, 43, 44, 44, 47. Slope 1 < 2; week 12: 52 < 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(40, 1) }));
    expect(r.projectedValue).toBeCloseTo(52, 12);
    expect([r.pace, r.projection, r.willMeetTarget, r.outcome]).toEqual(["slower", "short", false, "change"]);
    expect(r.message).toBe(
      "The trend (1 per week, least squares over 6 points since the baseline) is slower than the aimline (2 per week); projected to 52 by 30 March, short of the target 64: change instruction.",
    );
  });

  it("on the aimline's pace and projected exactly at the target: continue", () => {
    // 40 + 2k: slope 2 = 2, week 12: 40 + 24 = 64 (meets the target).
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(40, 2) }));
    expect([r.pace, r.projection, r.willMeetTarget, r.outcome]).toEqual(["same", "at", true, "continue"]);
    expect(r.message).toBe(
      "The trend (2 per week, least squares over 6 points since the baseline) is as fast as the aimline (2 per week); projected to 64 by 30 March, at the target 64: continue.",
    );
  });

  it("parallel to the aimline but below it: change instruction", () => {
    // 36 + 2k: week 12: 60 < 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(36, 2) }));
    expect([r.pace, r.projection, r.outcome]).toEqual(["same", "short", "change"]);
  });

  it("faster but still short: continue, catching up", () => {
    // 26 + 3k: 30, 31, 35, 38, 40, 45; week 12: 62 < 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(26, 3) }));
    expect([r.pace, r.projection, r.outcome]).toEqual(["faster", "short", "continue"]);
    expect(r.message).toBe(
      "The trend (3 per week, least squares over 6 points since the baseline) is faster than the aimline (2 per week); projected to 62 by 30 March, short of the target 64: continue, the trend is catching up with the aimline.",
    );
  });

  it("slower but projected beyond the target: continue, ahead of the aimline", () => {
    // 58 + k: week 12: 70 >= 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(58, 1) }));
    expect([r.pace, r.projection, r.outcome]).toEqual(["slower", "beyond", "continue"]);
    expect(r.message).toBe(
      "The trend (1 per week, least squares over 6 points since the baseline) is slower than the aimline (2 per week); projected to 70 by 30 March, beyond the target 64: continue, the student is ahead of the aimline though improving more slowly.",
    );
  });

  it("a flat trend is not improving", () => {
    // 45 + 0k: 46, 44, 45, 45, 44, 46; slope 0, week 12: 45.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: series(45, 0) }));
    expect(r.trend.slopePerWeek).toBeCloseTo(0, 12);
    expect(r.message).toBe(
      "The trend (0 per week, least squares over 6 points since the baseline) is not improving, while the aimline needs 2 per week; projected to 45 by 30 March, short of the target 64: change instruction.",
    );
  });

  it("lower is better: a more negative slope is faster; the projection stays on the scale", () => {
    // 6 - k: 6, 3, 3, 2, 0, 1. Slope -1 per week beats the aimline's -0.5;
    // week 8 (2026-03-02): 6 - 8 = -2, held at the measure's minimum 0, beyond the target 2.
    const r = decidedTrend(trendRule({ measure: INCIDENTS, aimline: INC_AIM_8, points: series(6, -1) }));
    expect(r.trend.slopePerWeek).toBeCloseTo(-1, 12);
    expect(r.projectedValue).toBe(0);
    expect([r.pace, r.projection, r.outcome]).toEqual(["faster", "beyond", "raise-goal"]);
    expect(r.message).toBe(
      "The trend (1 fewer per week, least squares over 6 points since the baseline) is faster than the aimline (0.5 fewer per week); projected to 0 by 2 March, beyond the target 2: raise the goal.",
    );
  });

  it("lower is better: a less negative slope is slower (-0.25 is numerically above -0.5)", () => {
    // 6 - k / 4 with no noise: 5.75, 5.5, 5.25, 5, 4.75, 4.5. Slope -0.25; week 8: 6 - 2 = 4, short of 2.
    const points = weeklyFrom1([5.75, 5.5, 5.25, 5, 4.75, 4.5]);
    const r = decidedTrend(trendRule({ measure: INCIDENTS, aimline: INC_AIM_8, points }));
    expect(r.trend.slopePerWeek).toBeCloseTo(-0.25, 12);
    expect(r.projectedValue).toBeCloseTo(4, 12);
    expect([r.pace, r.projection, r.willMeetTarget, r.outcome]).toEqual(["slower", "short", false, "change"]);
    // The rate rounds half away from zero on one decimal: 0.25 -> 0.3.
    expect(r.message).toBe(
      "The trend (0.3 fewer per week, least squares over 6 points since the baseline) is slower than the aimline (0.5 fewer per week); projected to 4 by 2 March, short of the target 2: change instruction.",
    );
  });

  it("lower is better: rising incidents are not improving", () => {
    // 3 + 0.5k with no noise: 3.5 ... 6; slope +0.5 per week, week 8: 7.
    const points = weeklyFrom1([3.5, 4, 4.5, 5, 5.5, 6]);
    const r = decidedTrend(trendRule({ measure: INCIDENTS, aimline: INC_AIM_8, points }));
    expect(r.pace).toBe("slower");
    expect(r.projectedValue).toBeCloseTo(7, 12);
    expect(r.message).toContain("(0.5 more per week, least squares over 6 points since the baseline) is not improving, while the aimline needs 0.5 fewer per week");
    expect(r.outcome).toBe("change");
  });

  it("uses Tukey's method when the district chooses it", () => {
    // Weeks 1-6: 40, 44, 43, 47, 50, 48 (days 7..42). First two: day 10.5, 42; last two: day 38.5, 49.
    // slope = 7 * 7 / 28 = 1.75 < 2; on the baseline date (day 0): 42 - 7 * 10.5 / 28 = 39.375;
    // week 12 (day 84): 39.375 + 1.75 * 12 = 60.375, short of 64.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([40, 44, 43, 47, 50, 48]), method: "TUKEY" }));
    expect(r.trend.method).toBe("TUKEY");
    expect(r.trend.slopePerWeek).toBeCloseTo(1.75, 12);
    expect(r.trend.intercept).toBeCloseTo(39.375, 12);
    expect(r.projectedValue).toBeCloseTo(60.375, 12);
    expect(r.outcome).toBe("change");
    expect(r.message).toBe(
      "The trend (1.8 per week, Tukey over 6 points since the baseline) is slower than the aimline (2 per week); projected to 60 by 30 March, short of the target 64: change instruction.",
    );
  });

  it("says how many more points it needs", () => {
    expect(insufficient(trendRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 47]) })).message).toBe(
      "Only 3 points since the baseline; the trend rule needs 6 (3 more).",
    );
    const five = insufficient(trendRule({ measure: ORF, aimline: AIM, points: weeklyFrom1([43, 45, 47, 49, 51]) }));
    expect([five.required, five.available, five.missing]).toEqual([6, 5, 1]);
    expect(five.message).toBe("Only 5 points since the baseline; the trend rule needs 6 (1 more).");
    expect(insufficient(trendRule({ measure: ORF, aimline: AIM, points: series(42, 3), minPoints: 8 })).message).toBe(
      "Only 6 points since the baseline; the trend rule needs 8 (2 more).",
    );
    expect(insufficient(trendRule({ measure: ORF, aimline: AIM, points: [] })).message).toBe("No points since the baseline; the trend rule needs 6 (6 more).");
  });

  it("needs points on two dates", () => {
    const sameDay = [43, 45, 47, 49, 51, 53].map((score) => ({ date: "2026-01-12", score }));
    const r = insufficient(trendRule({ measure: ORF, aimline: AIM, points: sameDay }));
    expect(r.reason).toBe("one-date");
    expect(r.missing).toBe(1);
    expect(r.message).toBe("All 6 points since the baseline are on 12 January; the trend rule needs points on at least two dates (1 more on another date).");
  });

  it("after a plan change fits only the new phase", () => {
    // Phase from week 3: weeks 3-8 of 42 + 3k (noise e) count, weeks 1-2 (far below) do not.
    const points = [
      { date: week(1), score: 20 },
      { date: week(2), score: 20 },
      ...E.map((e, i) => ({ date: week(i + 3), score: 42 + 3 * (i + 3) + e })),
    ];
    // Weeks 3..8 with e: deviations from 5.5 are -2.5..2.5, same orthogonality: slope 3, intercept 42.
    const r = decidedTrend(trendRule({ measure: ORF, aimline: AIM, points, phaseStartDate: week(3) }));
    expect(r.available).toBe(6);
    expect(r.trend.slopePerWeek).toBeCloseTo(3, 12);
    expect(r.message).toContain("least squares over 6 points since the plan change on 26 January");
  });
});
