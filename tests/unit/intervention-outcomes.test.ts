// The statistics of the effectiveness and delivery dashboards (issue 18,
// decision 029) on hand-checked numbers: a goal's outcome as the decision
// rules and their dosage gate judge it, the shares and medians split by
// delivery, the verdict that tells "does not work" from "not delivered",
// planned minutes per calendar month, and "no session for two weeks".
import { describe, expect, it } from "vitest";
import {
  deliveredPercent,
  effectivenessSplit,
  effectVerdict,
  goalOutcome,
  monthLabel,
  monthOf,
  monthsOf,
  noSessionFor,
  outcomeFigures,
  plannedByMonth,
  type GoalOutcome,
} from "@/domain/intervention-outcomes";
import { measureByKey } from "@/domain/measures";
import { recommend } from "@/domain/progress";

const ORF = measureByKey("orf_wcpm")!;
/** The date `weeks` weeks after Monday 2026-01-05. */
const week = (weeks: number) => new Date(Date.UTC(2026, 0, 5 + 7 * weeks)).toISOString().slice(0, 10);
// a + b * k + e_k for weeks 1..6 with e summing to 0 and uncorrelated with k: the least-squares slope is exactly b.
const E = [1, -1, 0, 0, -1, 1];
const series = (a: number, b: number) => E.map((e, i) => ({ date: week(i + 1), score: a + b * (i + 1) + e }));
// ORF 40 -> 64 in 12 weeks: a goal ROI of 2 a week.
const GOAL = { baseline: 40, baselineDate: "2026-01-05", target: 64, targetDate: "2026-03-30" };

describe("goalOutcome: the decision rules' judgement with the delivery their gate judged", () => {
  it("a responder delivered as planned: on track, ROI 3 against a goal ROI of 2, at the thresholds", () => {
    const rec = recommend({ measure: ORF, goal: GOAL, points: series(40, 3), delivery: { dosagePercent: 90, fidelityPercent: 85 } });
    expect(goalOutcome(rec)).toEqual({ standing: "on-track", roi: expect.closeTo(3, 10), goalRoi: 2, band: "at" });
  });

  it("a flat goal delivered as planned is not on track (the intervention is in question)", () => {
    const rec = recommend({ measure: ORF, goal: GOAL, points: series(40, 0.2), delivery: { dosagePercent: 95, fidelityPercent: 90 } });
    expect(goalOutcome(rec)).toEqual({ standing: "off-track", roi: expect.closeTo(0.2, 10), goalRoi: 2, band: "at" });
  });

  it("the same flat goal delivered at 40% of the minutes is 'too little data', below the thresholds, never 'not working'", () => {
    const rec = recommend({ measure: ORF, goal: GOAL, points: series(40, 0.2), delivery: { dosagePercent: 40, fidelityPercent: 90 } });
    expect(goalOutcome(rec)).toEqual({ standing: "too-little-data", roi: expect.closeTo(0.2, 10), goalRoi: 2, band: "below" });
  });

  it("no session logged is below the thresholds; no probe since the baseline is no ROI", () => {
    const rec = recommend({ measure: ORF, goal: GOAL, points: [], delivery: {} });
    expect(goalOutcome(rec)).toEqual({ standing: "too-little-data", roi: null, goalRoi: 2, band: "below" });
  });
});

const g = (standing: GoalOutcome["standing"], roi: number | null, goalRoi: number, band: GoalOutcome["band"]): GoalOutcome => ({ standing, roi, goalRoi, band });

describe("outcomeFigures and effectivenessSplit", () => {
  const goals = [g("met", 2, 1.5, "at"), g("on-track", 1.6, 1.5, "at"), g("off-track", 0.2, 1.5, "at"), g("too-little-data", null, 1, "below")];

  it("shares among the judged goals; medians of the goals with an ROI (1.6 of 2, 1.6, 0.2; goal ROI 1.5)", () => {
    expect(outcomeFigures(goals)).toEqual({ goals: 4, judged: 3, metOrOnTrack: 2, share: 2 / 3, withRoi: 3, medianRoi: 1.6, medianGoalRoi: 1.5 });
  });

  it("splits by delivery: 2 of 3 at the thresholds; below, one goal, none judged, no ROI", () => {
    const split = effectivenessSplit(goals);
    expect(split.at).toEqual({ goals: 3, judged: 3, metOrOnTrack: 2, share: 2 / 3, withRoi: 3, medianRoi: 1.6, medianGoalRoi: 1.5 });
    expect(split.below).toEqual({ goals: 1, judged: 0, metOrOnTrack: 0, share: null, withRoi: 0, medianRoi: null, medianGoalRoi: null });
    expect(split.all.goals).toBe(4);
  });

  it("the median of an even number is the mean of the middle two: ROI 0.5, 1, 2, 3 -> 1.5; goal ROI 1, 1, 2, 2 -> 1.5", () => {
    const f = outcomeFigures([g("on-track", 3, 2, "at"), g("off-track", 0.5, 1, "at"), g("on-track", 2, 2, "at"), g("off-track", 1, 1, "at")]);
    expect([f.medianRoi, f.medianGoalRoi, f.share]).toEqual([1.5, 1.5, 0.5]);
  });

  it("no goals: zeros and nulls, never NaN", () => {
    expect(outcomeFigures([])).toEqual({ goals: 0, judged: 0, metOrOnTrack: 0, share: null, withRoi: 0, medianRoi: null, medianGoalRoi: null });
  });
});

describe("effectVerdict", () => {
  it("works: 2 of 3 judged goals delivered as planned are on track or met", () => {
    expect(effectVerdict(effectivenessSplit([g("met", 2, 1, "at"), g("on-track", 1, 1, "at"), g("off-track", 0, 1, "at")]))).toBe("works");
  });

  it("works at exactly half: 2 of 4", () => {
    expect(effectVerdict(effectivenessSplit([g("met", 2, 1, "at"), g("on-track", 1, 1, "at"), g("off-track", 0, 1, "at"), g("off-track", 0, 1, "at")]))).toBe("works");
  });

  it("does not work: 1 of 3 delivered goals on track, whatever the undelivered ones show", () => {
    const split = effectivenessSplit([g("on-track", 1, 1, "at"), g("off-track", 0, 1, "at"), g("off-track", 0, 1, "at"), g("on-track", 2, 1, "below"), g("on-track", 2, 1, "below")]);
    expect(effectVerdict(split)).toBe("does-not-work");
  });

  it("not delivered: 3 of 4 goals below the thresholds and only one judged at them", () => {
    const split = effectivenessSplit([g("off-track", 0, 1, "at"), g("too-little-data", 0, 1, "below"), g("too-little-data", 0, 1, "below"), g("off-track", 0, 1, "below")]);
    expect(effectVerdict(split)).toBe("not-delivered");
  });

  it("too little data: 2 delivered goals judged, 1 below", () => {
    expect(effectVerdict(effectivenessSplit([g("on-track", 1, 1, "at"), g("on-track", 1, 1, "at"), g("off-track", 0, 1, "below")]))).toBe("too-little-data");
  });
});

describe("planned minutes per month", () => {
  it("splits a period at the months' ends: 15 Dec 2026 to 3 Feb 2027", () => {
    expect(monthsOf({ from: "2026-12-15", to: "2027-02-03" })).toEqual([
      { month: "2026-12", period: { from: "2026-12-15", to: "2026-12-31" } },
      { month: "2027-01", period: { from: "2027-01-01", to: "2027-01-31" } },
      { month: "2027-02", period: { from: "2027-02-01", to: "2027-02-03" } },
    ]);
    expect(monthsOf({ from: "2027-02-04", to: "2027-02-03" })).toEqual([]);
  });

  it("Monday, Wednesday, Friday, 30 minutes, from Monday 28 Sep to Friday 9 Oct 2026: 28 and 30 Sep (60), 2, 5, 7, 9 Oct (120)", () => {
    const plan = { startDate: "2026-09-28", endDate: null, scheduleDays: [1, 3, 5], phases: [{ startDate: "2026-09-28", sessionsPerWeek: 3, minutesPerSession: 30 }] };
    const period = { from: "2026-09-01", to: "2026-10-09" };
    expect(plannedByMonth(plan, period)).toEqual([
      { month: "2026-09", minutes: 60 },
      { month: "2026-10", minutes: 120 },
    ]);
    // School closed on Wednesday 7 October: one session fewer.
    expect(plannedByMonth(plan, period, new Set(["2026-10-07"]))[1]).toEqual({ month: "2026-10", minutes: 90 });
  });

  it("3 a week on no fixed days is 3/5 of a 25-minute session each weekday: 15 minutes a day, 30 + 30 across 29 Sep to 2 Oct", () => {
    const plan = { startDate: "2026-09-29", endDate: "2026-10-02", scheduleDays: [], phases: [{ startDate: "2026-09-29", sessionsPerWeek: 3, minutesPerSession: 25 }] };
    const months = plannedByMonth(plan, { from: "2026-09-01", to: "2026-10-31" });
    expect(months.map((m) => m.month)).toEqual(["2026-09", "2026-10"]);
    expect(months[0]!.minutes).toBeCloseTo(30, 10);
    expect(months[1]!.minutes).toBeCloseTo(30, 10);
  });

  it("delivered as a percentage of planned: 90 of 120 is 75%; nothing planned is null", () => {
    expect(deliveredPercent(120, 90)).toBe(75);
    expect(deliveredPercent(0, 30)).toBeNull();
    expect(() => deliveredPercent(-1, 0)).toThrow(RangeError);
  });
});

describe("noSessionFor (two weeks)", () => {
  it("14 days after the last held session is not late yet; 15 is", () => {
    expect(noSessionFor("2026-11-01", "2026-09-14", "2026-11-15")).toBe(false);
    expect(noSessionFor("2026-11-01", "2026-09-14", "2026-11-16")).toBe(true);
  });

  it("with no session held, counts from the plan's start", () => {
    expect(noSessionFor(null, "2026-11-10", "2026-11-20")).toBe(false);
    expect(noSessionFor(null, "2026-11-01", "2026-11-20")).toBe(true);
  });
});

describe("monthLabel", () => {
  it("names the month and year", () => {
    expect([monthLabel("2026-09"), monthLabel("2027-01"), monthOf("2026-12-31")]).toEqual(["September 2026", "January 2027", "2026-12"]);
  });
});
