// What the progress graph draws and what needs review (issue 6): the graph
// data is plain numbers from src/domain/progress, worked out by hand here.
import { describe, expect, it } from "vitest";
import { measureByKey, type Measure } from "@/domain/measures";
import { aimline, recommend, trendLine } from "@/domain/progress";
import { describeGraph, progressGraph } from "@/domain/progress/graph";
import { phaseInForce, probeDue, probeIntervalDays, ruleReview } from "@/domain/progress/review";

const ORF = measureByKey("orf_wcpm")!;
const INCIDENTS = measureByKey("behaviour_incidents_per_day")!;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
// 41 on Monday 5 January 2026 to 72 on 30 March: 84 days, 31 / 84 per day.
const AIM = aimline({ baseline: 41, baselineDate: "2026-01-05", target: 72, targetDate: "2026-03-30" });
const probe = (id: string, date: string, score: number, valid = true) => ({ id, date, score, givenBy: "Jordan Lee", valid });

describe("progressGraph", () => {
  it("puts probes at their day numbers with the aimline's value on each date, in date order", () => {
    const g = progressGraph({ measure: ORF, aimline: AIM, probes: [probe("b", "2026-02-16", 50), probe("a", "2026-01-19", 44), probe("c", "2026-01-26", 70, false)] });
    expect(g.points.map((p) => [p.id, p.day, p.valid])).toEqual([
      ["a", dayOf("2026-01-19"), true],
      ["c", dayOf("2026-01-26"), false],
      ["b", dayOf("2026-02-16"), true],
    ]);
    // Day 14: 41 + 31 * 14 / 84 = 46.1666...; day 21: 48.75; day 42: 56.5.
    expect(g.points[0]!.aimline).toBeCloseTo(41 + 31 / 6, 12);
    expect(g.points[1]!.aimline).toBe(48.75);
    expect(g.points[2]!.aimline).toBe(56.5);
    expect(g.aimline).toEqual([
      { day: dayOf("2026-01-05"), date: "2026-01-05", value: 41 },
      { day: dayOf("2026-03-30"), date: "2026-03-30", value: 72 },
    ]);
    expect(g.target).toEqual(g.aimline[1]);
    expect(g.trend).toBeUndefined();
    expect(g.projection).toBeUndefined();
  });

  it("spans the baseline to the target date, widened by probes outside them, with a tick on each first of the month", () => {
    const g = progressGraph({ measure: ORF, aimline: AIM, probes: [probe("late", "2026-04-03", 75)] });
    expect(g.xDomain).toEqual([dayOf("2026-01-05"), dayOf("2026-04-03")]);
    expect(g.xTicks).toEqual(["2026-02-01", "2026-03-01", "2026-04-01"].map(dayOf));
    // Values 41..75, step 10 (34 / 5 = 6.8 -> 10): 40 to 80.
    expect(g.yDomain).toEqual([40, 80]);
    expect(g.yTicks).toEqual([40, 50, 60, 70, 80]);
  });

  it("ticks every third month past a year and a half", () => {
    const long = aimline({ baseline: 41, baselineDate: "2024-09-06", target: 120, targetDate: "2026-06-12" });
    const g = progressGraph({ measure: ORF, aimline: long, probes: [] });
    expect(g.xTicks).toEqual(["2024-10-01", "2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"].map(dayOf));
  });

  it("keeps the score axis inside the measure's scale", () => {
    const aim = aimline({ baseline: 3, baselineDate: "2026-01-05", target: 0.5, targetDate: "2026-02-02" });
    const g = progressGraph({ measure: INCIDENTS, aimline: aim, probes: [probe("a", "2026-01-12", 0.2)] });
    // Values 0.2..3, step 1 (2.8 / 5 -> 1): floor 0 (also the measure's minimum) to 3.
    expect(g.yDomain).toEqual([0, 3]);
    expect(g.yTicks).toEqual([0, 1, 2, 3]);
  });

  it("draws the trend over its points' dates and its projection to the target date", () => {
    // 40 + 2 per week from the baseline: exactly on a line.
    const points = [1, 2, 3, 4, 5, 6].map((k) => ({ date: new Date(Date.UTC(2026, 0, 5 + 7 * k)).toISOString().slice(0, 10), score: 40 + 2 * k }));
    const line = trendLine(points, "OLS", "2026-01-05")!;
    const g = progressGraph({ measure: ORF, aimline: AIM, probes: points.map((p, i) => probe(String(i), p.date, p.score)), trend: { line, from: points[0]!.date, to: points[5]!.date } });
    expect(g.trend!.map((p) => p.date)).toEqual(["2026-01-12", "2026-02-16"]);
    expect(g.trend![0].value).toBeCloseTo(42, 10);
    expect(g.trend![1].value).toBeCloseTo(52, 10);
    // 12 weeks after the baseline: 40 + 24 = 64.
    expect(g.projection![0]).toEqual(g.trend![1]);
    expect(g.projection![1].date).toBe("2026-03-30");
    expect(g.projection![1].value).toBeCloseTo(64, 10);
  });

  it("keeps phase lines and tier markers inside the graph's dates, in date order", () => {
    const g = progressGraph({
      measure: ORF,
      aimline: AIM,
      probes: [],
      phaseLines: [
        { date: "2026-03-02", label: "Phase 3: smaller group" },
        { date: "2026-02-02", label: "Phase 2: more minutes" },
      ],
      tierMarkers: [
        { date: "2025-12-15", label: "Tier 3" },
        { date: "2026-02-09", label: "Tier 2" },
      ],
    });
    expect(g.phaseLines).toEqual([
      { day: dayOf("2026-02-02"), date: "2026-02-02", label: "Phase 2: more minutes" },
      { day: dayOf("2026-03-02"), date: "2026-03-02", label: "Phase 3: smaller group" },
    ]);
    expect(g.tierMarkers.map((m) => m.label)).toEqual(["Tier 2"]);
  });

  it("describes itself in words for the text alternative", () => {
    const g = progressGraph({
      measure: ORF,
      aimline: AIM,
      probes: [probe("a", "2026-01-19", 44), probe("b", "2026-01-26", 70, false), probe("c", "2026-02-02", 47)],
      phaseLines: [{ date: "2026-02-02", label: "Phase 2" }],
    });
    expect(describeGraph(ORF, g, { aimlineSlopePerWeek: AIM.slopePerWeek, trendSlopePerWeek: 1.5, today: "2026-02-03" })).toBe(
      "Progress graph of ORF words correct per minute from 5 January to 30 March: 2 valid probes (and 1 probe marked invalid, not counted), the latest 47 WCPM on 2 February; " +
        "the aimline runs from 41 on 5 January to the target 72 on 30 March (2.6 per week); the trend is 1.5 per week; plan changes on 2 February. The table below lists every probe.",
    );
  });
});

describe("probeDue", () => {
  const base = { baselineDate: "2026-09-18", planStartDate: "2026-09-21", today: "2026-12-01" };

  it("allows 7 days at Tier 3 and 14 otherwise", () => {
    expect(probeIntervalDays("TIER_3")).toBe(7);
    expect(probeIntervalDays("TIER_2")).toBe(14);
    expect(probeIntervalDays("TIER_1")).toBe(14);
    expect(probeIntervalDays(null)).toBe(14);
  });

  it("is overdue only past the interval (exactly 7 days at Tier 3 is on time)", () => {
    expect(probeDue({ ...base, lastProbeDate: "2026-11-24", tier: "TIER_3" })).toMatchObject({ overdue: false, daysSince: 7 });
    expect(probeDue({ ...base, lastProbeDate: "2026-11-23", tier: "TIER_3" })).toMatchObject({ overdue: true, daysSince: 8 });
    expect(probeDue({ ...base, lastProbeDate: "2026-11-17", tier: "TIER_2" })).toMatchObject({ overdue: false, daysSince: 14 });
    expect(probeDue({ ...base, lastProbeDate: "2026-11-16", tier: undefined })).toMatchObject({ overdue: true, daysSince: 15 });
  });

  it("counts from the later of the baseline and the plan's start when no probe came since", () => {
    expect(probeDue({ ...base, lastProbeDate: null, tier: "TIER_2" })).toMatchObject({ countedFrom: "2026-09-21", fromProbe: false, daysSince: 71 });
    // A probe before the plan started does not count.
    expect(probeDue({ ...base, lastProbeDate: "2026-09-20", tier: "TIER_2" })).toMatchObject({ countedFrom: "2026-09-21", fromProbe: false });
    expect(probeDue({ baselineDate: "2026-11-30", planStartDate: "2026-11-02", today: "2026-12-01", tier: "TIER_3" })).toMatchObject({ countedFrom: "2026-11-30", daysSince: 1, overdue: false });
  });

  it("says when monitoring will begin for a plan that starts later", () => {
    const due = probeDue({ baselineDate: "2026-11-30", planStartDate: "2026-12-07", today: "2026-12-01", tier: "TIER_3" });
    expect(due).toMatchObject({ overdue: false, daysSince: -6, message: "Monitoring begins on 7 December." });
  });

  it("says why in words", () => {
    expect(probeDue({ ...base, lastProbeDate: "2026-11-20", tier: "TIER_3" }).message).toBe("The last probe was 11 days ago (20 November); at Tier 3 probes are due weekly.");
    expect(probeDue({ ...base, lastProbeDate: "2026-11-30", tier: "TIER_2" }).message).toBe("The last probe was 1 day ago (30 November); at Tier 2 probes are due every two weeks.");
  });
});

describe("phaseInForce", () => {
  const phases = [
    { number: 1, startDate: "2026-09-21" },
    { number: 3, startDate: "2026-12-14" },
    { number: 2, startDate: "2026-10-26" },
  ];
  it("takes the latest phase started by today, and counts the phases before it", () => {
    expect(phaseInForce(phases, "2026-12-01")).toEqual({ phaseStartDate: "2026-10-26", previousPhases: 1 });
    expect(phaseInForce(phases, "2026-12-14")).toEqual({ phaseStartDate: "2026-12-14", previousPhases: 2 });
  });
  it("gives no phase start while phase 1 is in force", () => {
    expect(phaseInForce(phases, "2026-10-25")).toEqual({ phaseStartDate: undefined, previousPhases: 0 });
    expect(phaseInForce([], "2026-10-25")).toEqual({ phaseStartDate: undefined, previousPhases: 0 });
  });
});

describe("ruleReview", () => {
  const weekly = (scores: number[]) => scores.map((score, i) => ({ date: new Date(Date.UTC(2026, 0, 5 + 7 * (i + 1))).toISOString().slice(0, 10), score }));
  const rec = (measure: Measure, scores: number[], delivery = {}) =>
    recommend({ measure, goal: { baseline: 41, baselineDate: "2026-01-05", target: 72, targetDate: "2026-03-30" }, points: weekly(scores), delivery });

  it("asks for a change when the deciding rule does, whatever the dosage gate says", () => {
    // Aimline at weeks 1-4: 43.58, 46.17, 48.75, 51.33; all four below.
    const r = rec(ORF, [42, 43, 44, 45]);
    expect(r.kind).toBe("insufficient");
    expect(ruleReview(ORF, r)).toEqual({ outcome: "change", title: "Change instruction", finding: "The 4 most recent points are below the aimline" });
    expect(ruleReview(ORF, rec(ORF, [42, 43, 44, 45], { dosagePercent: 100, fidelityPercent: 100 }))!.outcome).toBe("change");
  });

  it("asks to raise the goal, or to consider fading when the goal is met", () => {
    expect(ruleReview(ORF, rec(ORF, [50, 52, 54, 56]))).toEqual({ outcome: "raise-goal", title: "Raise the goal", finding: "The 4 most recent points are above the aimline" });
    expect(ruleReview(ORF, rec(ORF, [72, 73, 75, 80]))).toEqual({
      outcome: "fade-or-exit",
      title: "Goal met: consider fading or exit",
      finding: "The 4 most recent points are at or beyond the target 72",
    });
  });

  it("asks nothing on continue or too little data", () => {
    expect(ruleReview(ORF, rec(ORF, [42, 47, 48, 52]))).toBeUndefined();
    expect(ruleReview(ORF, rec(ORF, [42, 43]))).toBeUndefined();
  });
});
