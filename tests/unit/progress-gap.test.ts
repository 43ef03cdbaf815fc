// Gap analysis, ROI since the baseline and the dosage gate (issue 6;
// DOMAIN.md steps 4 and 6). Expected numbers are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { measureByKey, type Measure } from "@/domain/measures";
import { currentScore, dosageGate, gapAnalysis, gapRatio, roiSinceBaseline } from "@/domain/progress";

function measure(key: string): Measure {
  const m = measureByKey(key);
  if (!m) throw new Error(`no measure ${key}`);
  return m;
}
const ORF = measure("orf_wcpm");
const INCIDENTS = measure("behaviour_incidents_per_day");

// ORF probes; by date the last three are 30, 28, 33 (median 30) as of 2026-02-02.
const ORF_POINTS = [
  { date: "2026-02-02", score: 33 },
  { date: "2026-01-12", score: 20 },
  { date: "2026-01-26", score: 28 },
  { date: "2026-01-19", score: 30 },
];

describe("currentScore", () => {
  it("is the median of the last three points by date", () => {
    const c = currentScore(ORF_POINTS);
    // 30, 28, 33 sorted: 28, 30, 33 -> 30; the 20 of 2026-01-12 is older.
    expect(c?.value).toBe(30);
    expect(c?.asOf).toBe("2026-02-02");
    expect(c?.points.map((p) => p.score)).toEqual([30, 28, 33]);
  });

  it("uses fewer points when there are fewer, and none gives no score", () => {
    // 30 and 33 -> (30 + 33) / 2 = 31.5.
    expect(
      currentScore([
        { date: "2026-01-19", score: 30 },
        { date: "2026-02-02", score: 33 },
      ])?.value,
    ).toBe(31.5);
    expect(currentScore([])).toBeUndefined();
  });
});

describe("gapRatio", () => {
  it("is benchmark / current when higher is better and current / benchmark when lower is better", () => {
    // 72 / 30 = 2.4.
    expect(gapRatio(ORF, 72, 30)).toBeCloseTo(2.4, 12);
    // 6 incidents against a benchmark of 2: 6 / 2 = 3.
    expect(gapRatio(INCIDENTS, 2, 6)).toBe(3);
  });

  it("has no value for a divisor of 0", () => {
    expect(gapRatio(ORF, 72, 0)).toBeUndefined();
    expect(gapRatio(INCIDENTS, 0, 3)).toBeUndefined();
  });
});

describe("gapAnalysis", () => {
  // 2026-02-02 -> 2026-05-25 is 28 + 28 + 28 + 28 = 112 days = 16 weeks.
  const base = { measure: ORF, benchmark: 72, points: ORF_POINTS, byDate: "2026-05-25", referenceRoi: 1.5 };

  it("a significant gap with a realistic ROI to close it", () => {
    // Ratio 72 / 30 = 2.4 > 2. Needed: (72 - 30) / 16 = 2.625 per week <= 2 * 1.5 = 3.
    const g = gapAnalysis(base);
    expect(g.current?.value).toBe(30);
    expect(g.ratio).toBeCloseTo(2.4, 12);
    expect(g.significant).toBe(true);
    expect(g.weeksLeft).toBe(16);
    expect(g.neededRoiPerWeek).toBe(2.625);
    expect(g.realistic).toBe(true);
    expect(g.message).toBe(
      "The current score 30 (median of the last 3 points) is short of the benchmark 72; gap ratio 2.4 (benchmark / current): a significant gap (more than 2). " +
        "Closing it by 25 May needs 2.6 per week, within 2 times the goal ROI (1.5 per week): realistic.",
    );
  });

  it("takes the realistic multiple as a parameter", () => {
    // 2.625 > 1.5 * 1.5 = 2.25.
    const g = gapAnalysis({ ...base, realisticMultiple: 1.5, referenceLabel: "the typical ROI" });
    expect(g.realistic).toBe(false);
    expect(g.message).toContain("needs 2.6 per week, more than 1.5 times the typical ROI (1.5 per week): not realistic.");
  });

  it("a ratio of exactly 2 is not a significant gap", () => {
    // 72 / 36 = 2, not > 2. Needed (72 - 36) / 16 = 2.25 <= 3.
    const g = gapAnalysis({ ...base, points: [{ date: "2026-02-02", score: 36 }] });
    expect(g.ratio).toBe(2);
    expect(g.significant).toBe(false);
    expect(g.neededRoiPerWeek).toBe(2.25);
    expect(g.message).toContain("The current score 36 (the latest point) is short of the benchmark 72; gap ratio 2 (benchmark / current): not a significant gap (2 or less).");
  });

  it("lower is better: current / benchmark, and a negative needed ROI", () => {
    // Incidents 7, 5, 6 -> median 6 as of 2026-01-26; benchmark 2 by 2026-02-23 (4 weeks).
    // Ratio 6 / 2 = 3 > 2. Needed (2 - 6) / 4 = -1 per week; reference -0.5 * 2 = 1 in size: exactly at the limit, realistic.
    const g = gapAnalysis({
      measure: INCIDENTS,
      benchmark: 2,
      points: [
        { date: "2026-01-12", score: 7 },
        { date: "2026-01-19", score: 5 },
        { date: "2026-01-26", score: 6 },
      ],
      byDate: "2026-02-23",
      referenceRoi: -0.5,
    });
    expect(g.ratio).toBe(3);
    expect(g.significant).toBe(true);
    expect(g.neededRoiPerWeek).toBe(-1);
    expect(g.realistic).toBe(true);
    expect(g.message).toBe(
      "The current score 6 (median of the last 3 points) is short of the benchmark 2; gap ratio 3 (current / benchmark, lower is better): a significant gap (more than 2). " +
        "Closing it by 23 February needs 1 fewer per week, within 2 times the goal ROI (0.5 fewer per week): realistic.",
    );
  });

  it("no gap at or beyond the benchmark, either direction", () => {
    const g = gapAnalysis({ ...base, points: [{ date: "2026-02-02", score: 75 }] });
    expect(g.atBenchmark).toBe(true);
    expect(g.significant).toBe(false);
    expect(g.neededRoiPerWeek).toBeUndefined();
    expect(g.message).toBe("The current score 75 (the latest point) is at or beyond the benchmark 72: no gap.");
    // 2 incidents against a benchmark of 2 is at it; 1 is beyond it.
    expect(gapAnalysis({ measure: INCIDENTS, benchmark: 2, points: [{ date: "2026-02-02", score: 2 }], byDate: "2026-05-25", referenceRoi: -0.5 }).atBenchmark).toBe(true);
    expect(gapAnalysis({ measure: INCIDENTS, benchmark: 2, points: [{ date: "2026-02-02", score: 1 }], byDate: "2026-05-25", referenceRoi: -0.5 }).atBenchmark).toBe(true);
  });

  it("a score of 0 (or a benchmark of 0 when lower is better) is a significant gap without a ratio", () => {
    const g = gapAnalysis({ ...base, points: [{ date: "2026-02-02", score: 0 }] });
    expect(g.ratio).toBeUndefined();
    expect(g.significant).toBe(true);
    // (72 - 0) / 16 = 4.5 per week > 3.
    expect(g.neededRoiPerWeek).toBe(4.5);
    expect(g.realistic).toBe(false);
    expect(g.message).toContain("is short of the benchmark 72; the gap ratio cannot be computed from a score of 0: a significant gap.");
    const lower = gapAnalysis({ measure: INCIDENTS, benchmark: 0, points: [{ date: "2026-02-02", score: 3 }], byDate: "2026-05-25", referenceRoi: -0.5 });
    expect(lower.significant).toBe(true);
    expect(lower.message).toContain("the gap ratio cannot be computed against a benchmark of 0");
  });

  it("no needed ROI once the benchmark date has passed", () => {
    const g = gapAnalysis({ ...base, byDate: "2026-01-05" });
    expect(g.neededRoiPerWeek).toBeUndefined();
    // 2026-02-02 -> 2026-01-05 is -28 days = -4 weeks.
    expect(g.weeksLeft).toBe(-4);
    expect(g.message).toContain("The benchmark date (5 January) has passed: no ROI can close the gap by then.");
  });

  it("does not judge realism against a reference that does not improve", () => {
    const g = gapAnalysis({ ...base, referenceRoi: 0 });
    expect(g.neededRoiPerWeek).toBe(2.625);
    expect(g.realistic).toBeUndefined();
    expect(g.message).toContain("needs 2.6 per week; the goal ROI (0 per week) gives no rate to compare it with.");
  });

  it("says when there is no score yet", () => {
    const g = gapAnalysis({ ...base, points: [] });
    expect(g.current).toBeUndefined();
    expect(g.message).toBe("No points yet: no current score to compare with the benchmark 72.");
  });
});

describe("roiSinceBaseline", () => {
  it("gives the least-squares slope and the simple (latest - baseline) / weeks", () => {
    // Weeks 1-6 after 2026-01-05: 46, 47, 51, 54, 56, 61 = 42 + 3k + (1, -1, 0, 0, -1, 1): OLS slope 3.
    // Simple: (61 - 40) / 6 weeks = 3.5 per week.
    const points = [46, 47, 51, 54, 56, 61].map((score, i) => ({ date: new Date(Date.UTC(2026, 0, 12 + 7 * i)), score }));
    const r = roiSinceBaseline({ measure: ORF, baseline: 40, baselineDate: "2026-01-05", points });
    expect(r.olsPerWeek).toBeCloseTo(3, 12);
    expect(r.simplePerWeek).toBe(3.5);
    expect(r.weeks).toBe(6);
    expect(r.pointCount).toBe(6);
    expect(r.message).toBe("ROI since the baseline: 3 per week by least squares over 6 points; 3.5 per week from the baseline (40) to the latest score (61) in 6 weeks.");
  });

  it("with one point only the simple ROI, on irregular days", () => {
    // 10 days after the baseline: (43 - 40) * 7 / 10 = 2.1 per week; 10 / 7 = 1.43 weeks.
    const r = roiSinceBaseline({ measure: ORF, baseline: 40, baselineDate: "2026-01-05", points: [{ date: "2026-01-15", score: 43 }] });
    expect(r.olsPerWeek).toBeUndefined();
    expect(r.simplePerWeek).toBeCloseTo(2.1, 12);
    expect(r.message).toBe(
      "ROI since the baseline: 2.1 per week from the baseline (40) to the latest score (43) in 1.4 weeks; the least-squares ROI needs points on at least two dates (1 point so far).",
    );
  });

  it("lower is better: a falling count is a negative ROI", () => {
    // 6 -> 4 on day 7 -> 3 on day 14: OLS x = 7, 14 (mean 10.5), y 4, 3: slope -1 per week; simple (3 - 6) / 2 = -1.5.
    const r = roiSinceBaseline({
      measure: INCIDENTS,
      baseline: 6,
      baselineDate: "2026-01-05",
      points: [
        { date: "2026-01-12", score: 4 },
        { date: "2026-01-19", score: 3 },
      ],
    });
    expect(r.olsPerWeek).toBeCloseTo(-1, 12);
    expect(r.simplePerWeek).toBe(-1.5);
    expect(r.message).toBe("ROI since the baseline: 1 fewer per week by least squares over 2 points; 1.5 fewer per week from the baseline (6) to the latest score (3) in 2 weeks.");
  });

  it("ignores points on or before the baseline date and says when there is none", () => {
    const r = roiSinceBaseline({ measure: ORF, baseline: 40, baselineDate: "2026-01-05", points: [{ date: "2026-01-05", score: 41 }] });
    expect(r.pointCount).toBe(0);
    expect(r.olsPerWeek).toBeUndefined();
    expect(r.simplePerWeek).toBeUndefined();
    expect(r.message).toBe("No points since the baseline: no ROI yet.");
  });
});

describe("dosageGate", () => {
  it("passes at or above both thresholds", () => {
    const g = dosageGate({ dosagePercent: 85, fidelityPercent: 90 });
    expect(g.ok).toBe(true);
    expect(g.message).toBe("Dosage 85% and fidelity 90% are at or above the thresholds (80% and 80%).");
    // Exactly at the threshold passes: below 80% is the flag.
    expect(dosageGate({ dosagePercent: 80, fidelityPercent: 80 }).ok).toBe(true);
  });

  it("fails below a threshold and says the data cannot show non-response", () => {
    const g = dosageGate({ dosagePercent: 40, fidelityPercent: 90 });
    expect(g.ok).toBe(false);
    expect(g.shortfalls).toEqual(["dosage was 40% of the planned minutes (threshold 80%)"]);
    expect(g.message).toBe(
      "Dosage was 40% of the planned minutes (threshold 80%): the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
    expect(dosageGate({ dosagePercent: 90, fidelityPercent: 79.5 }).message).toBe(
      "Fidelity was 79.5% (threshold 80%): the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
    expect(dosageGate({ dosagePercent: 40, fidelityPercent: 70 }).shortfalls).toHaveLength(2);
  });

  it("fails when nothing was logged", () => {
    expect(dosageGate({}).message).toBe(
      "No dosage was logged for the period and no fidelity was recorded for the period: the data cannot show non-response yet. Deliver the plan as written before intensifying it.",
    );
  });

  it("uses the district's thresholds", () => {
    expect(dosageGate({ dosagePercent: 85, fidelityPercent: 95 }, { dosageThreshold: 90, fidelityThreshold: 90 }).shortfalls).toEqual([
      "dosage was 85% of the planned minutes (threshold 90%)",
    ]);
  });
});
