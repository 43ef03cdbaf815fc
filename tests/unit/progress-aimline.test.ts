// The aimline by date and the period a decision judges (issue 6
// "Underneath"). Expected numbers are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { aimline, aimlineValueAt, monitoringPeriod, sideOf, snapTo } from "@/domain/progress";

// ORF: 41 on Monday 2026-01-05 to 72 on 2026-03-30, 84 days = 12 weeks.
const ORF_AIM = aimline({ baseline: 41, baselineDate: "2026-01-05", target: 72, targetDate: "2026-03-30" });
// Incidents per day (lower is better): 6 on 2026-01-05 to 2 on 2026-02-02, 28 days = 4 weeks.
const INCIDENTS_AIM = aimline({ baseline: 6, baselineDate: "2026-01-05", target: 2, targetDate: "2026-02-02" });

describe("aimline", () => {
  it("runs from the baseline to the target with the goal ROI as slope", () => {
    expect(ORF_AIM).toEqual({
      baseline: 41,
      baselineDate: "2026-01-05",
      target: 72,
      targetDate: "2026-03-30",
      // (72 - 41) / 12 weeks = 31 / 12 = 2.58333...
      slopePerWeek: 31 / 12,
    });
    // (2 - 6) / 4 weeks = -1 per week.
    expect(INCIDENTS_AIM.slopePerWeek).toBe(-1);
  });

  it("accepts Dates read in UTC", () => {
    const a = aimline({ baseline: 41, baselineDate: new Date(Date.UTC(2026, 0, 5)), target: 72, targetDate: new Date(Date.UTC(2026, 2, 30)) });
    expect(a.baselineDate).toBe("2026-01-05");
    expect(a.targetDate).toBe("2026-03-30");
  });

  it("refuses a target date that is not after the baseline date", () => {
    expect(() => aimline({ baseline: 41, baselineDate: "2026-01-05", target: 72, targetDate: "2026-01-05" })).toThrow(RangeError);
  });
});

describe("aimlineValueAt", () => {
  it("places a date between baseline and target by days, not by point index", () => {
    // 2026-02-16 is day 42 of 84: 41 + 31 * 42 / 84 = 41 + 15.5 = 56.5, exactly.
    expect(aimlineValueAt(ORF_AIM, "2026-02-16")).toBe(56.5);
    // 2026-01-19 is day 14: 41 + 31 * 14 / 84 = 41 + 31 / 6 = 46.1666...
    expect(aimlineValueAt(ORF_AIM, "2026-01-19")).toBeCloseTo(41 + 31 / 6, 12);
    // 2026-01-08 (a Thursday) is day 3: 41 + 31 * 3 / 84 = 41 + 1.10714... = 42.10714...
    expect(aimlineValueAt(ORF_AIM, "2026-01-08")).toBeCloseTo(41 + 93 / 84, 12);
    expect(aimlineValueAt(ORF_AIM, new Date(Date.UTC(2026, 1, 16)))).toBe(56.5);
  });

  it("goes down for a lower-is-better goal", () => {
    // 2026-01-19 is day 14 of 28: 6 + (2 - 6) * 14 / 28 = 4.
    expect(aimlineValueAt(INCIDENTS_AIM, "2026-01-19")).toBe(4);
    // Day 7: 6 - 4 * 7 / 28 = 5.
    expect(aimlineValueAt(INCIDENTS_AIM, "2026-01-12")).toBe(5);
  });

  it("is the baseline and the target on their own dates", () => {
    expect(aimlineValueAt(ORF_AIM, "2026-01-05")).toBe(41);
    expect(aimlineValueAt(ORF_AIM, "2026-03-30")).toBe(72);
  });

  it("holds the baseline before the baseline date and the target after the target date", () => {
    expect(aimlineValueAt(ORF_AIM, "2025-12-20")).toBe(41);
    // Extended, 2026-04-20 (day 105) would be 41 + 31 * 105 / 84 = 79.75; held, it is the target.
    expect(aimlineValueAt(ORF_AIM, "2026-04-20")).toBe(72);
    expect(aimlineValueAt(INCIDENTS_AIM, "2026-03-01")).toBe(2);
  });

  it("refuses an invalid date", () => {
    expect(() => aimlineValueAt(ORF_AIM, "2026-02-30")).toThrow(RangeError);
  });
});

describe("snapTo and sideOf", () => {
  it("reads floating-point noise as exactly on the line", () => {
    // DBR 3.1 -> 0.7 over 28 days, day 14: 3.1 + (0.7 - 3.1) * 14 / 28 computes as 1.8999999999999997, exactly 1.9.
    const noisy = 3.1 + ((0.7 - 3.1) * 14) / 28;
    expect(noisy).not.toBe(1.9);
    expect(snapTo(1.9, noisy)).toBe(noisy);
    expect(sideOf("lower", 1.9, noisy)).toBe(0);
    // A real difference of 0.01 is not noise.
    expect(sideOf("lower", 1.91, noisy)).toBe(-1);
    expect(sideOf("higher", 1.91, noisy)).toBe(1);
  });
});

describe("monitoringPeriod", () => {
  const points = [
    { date: "2026-01-02", score: 38 },
    { date: "2026-01-05", score: 41 },
    { date: "2026-01-12", score: 44 },
    { date: "2026-02-09", score: 50 },
    { date: "2026-02-16", score: 53 },
  ];

  it("keeps the points after the baseline date (not those on or before it)", () => {
    const p = monitoringPeriod(points, { baselineDate: "2026-01-05" });
    expect(p.kind).toBe("baseline");
    expect(p.label).toBe("since the baseline");
    expect(p.since).toBe("2026-01-05");
    expect(p.points.map((x) => x.score)).toEqual([44, 50, 53]);
  });

  it("after a plan change keeps the points from the phase start on, that day included", () => {
    const p = monitoringPeriod(points, { baselineDate: "2026-01-05", phaseStartDate: "2026-02-09" });
    expect(p.kind).toBe("phase");
    expect(p.label).toBe("since the plan change on 9 February");
    expect(p.points.map((x) => x.score)).toEqual([50, 53]);
  });

  it("shows the year of a plan change in another year than the latest point", () => {
    const p = monitoringPeriod([{ date: "2026-01-12", score: 44 }], { baselineDate: "2025-11-03", phaseStartDate: "2025-12-15" });
    expect(p.label).toBe("since the plan change on 15 December 2025");
  });

  it("ignores a phase start on or before the baseline date", () => {
    const p = monitoringPeriod(points, { baselineDate: "2026-01-05", phaseStartDate: "2026-01-05" });
    expect(p.kind).toBe("baseline");
    expect(p.points).toHaveLength(3);
  });
});
