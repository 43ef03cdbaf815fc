// Required vs delivered minutes of an IEP/504 service per week, on hand-checked weeks.
import { describe, expect, it } from "vitest";
import { hasShortfall, serviceWeeks, weeklyRequirement } from "@/domain/iep504/service-minutes";

// Thursday 3 December 2026: its week starts Monday 30 November.
const TODAY = "2026-12-03";

describe("weeklyRequirement", () => {
  it("is the minutes of a weekly service and 12/52 of a monthly one", () => {
    expect(weeklyRequirement({ minutes: 120, frequency: "WEEKLY" })).toBe(120);
    expect(weeklyRequirement({ minutes: 130, frequency: "MONTHLY" })).toBe(30);
  });
});

describe("serviceWeeks", () => {
  const weekly = { minutes: 90, frequency: "WEEKLY" as const, startDate: "2026-09-01", endDate: null };

  it("gives the last four weeks oldest first, flags a short completed week and never the current one", () => {
    const log = [
      { date: "2026-11-09", minutes: 45 }, // week of 9 Nov: 90 (two entries)
      { date: "2026-11-12", minutes: 45 },
      { date: "2026-11-17", minutes: 60 }, // week of 16 Nov: 60 < 90
      { date: "2026-11-23", minutes: 100 }, // week of 23 Nov: 100
      { date: "2026-12-01", minutes: 30 }, // this week: 30 so far
      { date: "2026-11-06", minutes: 500 }, // before the four weeks: ignored
    ];
    expect(serviceWeeks(weekly, log, TODAY)).toEqual([
      { weekOf: "2026-11-09", required: 90, delivered: 90, shortfall: false, current: false },
      { weekOf: "2026-11-16", required: 90, delivered: 60, shortfall: true, current: false },
      { weekOf: "2026-11-23", required: 90, delivered: 100, shortfall: false, current: false },
      { weekOf: "2026-11-30", required: 90, delivered: 30, shortfall: false, current: true },
    ]);
    expect(hasShortfall(serviceWeeks(weekly, log, TODAY))).toBe(true);
  });

  it("requires a share of a week the service starts or ends in, and nothing outside its dates", () => {
    // Starts Wednesday 18 Nov (3 of 5 days: 54 of 90), ends Tuesday 1 Dec (2 of 5: 36).
    const s = { ...weekly, startDate: "2026-11-18", endDate: "2026-12-01" };
    expect(serviceWeeks(s, [], TODAY).map((w) => [w.weekOf, w.required, w.shortfall])).toEqual([
      ["2026-11-09", 0, false],
      ["2026-11-16", 54, true],
      ["2026-11-23", 90, true],
      ["2026-11-30", 36, false],
    ]);
  });

  it("spreads a monthly requirement over the weeks (120 a month: 28 a week)", () => {
    const monthly = { minutes: 120, frequency: "MONTHLY" as const, startDate: "2026-09-01", endDate: null };
    const weeks = serviceWeeks(monthly, [{ date: "2026-11-24", minutes: 30 }], TODAY, 2);
    expect(weeks).toEqual([
      { weekOf: "2026-11-23", required: 28, delivered: 30, shortfall: false, current: false },
      { weekOf: "2026-11-30", required: 28, delivered: 0, shortfall: false, current: true },
    ]);
  });
});
