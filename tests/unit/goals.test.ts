// Goal arithmetic (issue 4 "Underneath"; DOMAIN.md steps 3, 5, 6): median
// baseline, weeks = days / 7, goal ROI, direction-aware comparisons,
// validation messages and the goal sentence. Every expected number is worked
// out by hand in the comment beside it; none is computed with the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dateOfDay,
  baselineFrom,
  checkPlanGoal,
  compareScores,
  daysBetween,
  dayNumber,
  formatDayMonth,
  formatRate,
  goalRoi,
  goalSentence,
  isImprovement,
  meetsTarget,
  median,
  rangeMessage,
  toIsoDay,
  validateGoal,
  weeksBetween,
} from "@/domain/goals";
import { measureByKey, type Measure } from "@/domain/measures";

function measure(key: string): Measure {
  const m = measureByKey(key);
  if (!m) throw new Error(`no measure ${key}`);
  return m;
}
const ORF = measure("orf_wcpm");
const INCIDENTS = measure("behaviour_incidents_per_day");
const CICO = measure("cico_percent_points");
const DBR_DISRUPTIVE = measure("dbr_disruptive_behaviour");
const TARDY = measure("minutes_tardy_per_week");
const ATTENDANCE = measure("attendance_rate");

describe("median", () => {
  it("takes the middle of an odd count, whatever the entry order", () => {
    // 41, 38, 45 sorted: 38, 41, 45 -> middle 41.
    expect(median([41, 38, 45])).toBe(41);
    // One value is its own median.
    expect(median([7])).toBe(7);
  });

  it("averages the two middle values of an even count", () => {
    // 40, 44 -> (40 + 44) / 2 = 42.
    expect(median([44, 40])).toBe(42);
    // 3, 1, 4, 2 sorted: 1, 2, 3, 4 -> (2 + 3) / 2 = 2.5.
    expect(median([3, 1, 4, 2])).toBe(2.5);
    // -2, 5 -> (-2 + 5) / 2 = 1.5.
    expect(median([-2, 5])).toBe(1.5);
  });

  it("sorts numerically, not as text", () => {
    // Text order of 100, 9, 10 is 10, 100, 9 -> middle 100; numeric 9, 10, 100 -> middle 10.
    expect(median([100, 9, 10])).toBe(10);
  });

  it("does not reorder the caller's array", () => {
    const values = [45, 38, 41];
    median(values);
    expect(values).toEqual([45, 38, 41]);
  });

  it("refuses an empty list and non-finite values (by design: no baseline of nothing)", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => median([1, Infinity])).toThrow(RangeError);
  });
});

describe("baselineFrom", () => {
  it("is the median of three probes, dated on the latest probe", () => {
    // Values 38, 45, 41 -> median 41. Dates 8, 10, 9 September -> latest 10 September
    // (the latest is not the last one entered).
    expect(
      baselineFrom([
        { value: 38, date: "2025-09-08" },
        { value: 45, date: "2025-09-10" },
        { value: 41, date: "2025-09-09" },
      ]),
    ).toEqual({ value: 41, date: "2025-09-10" });
  });

  it("accepts two probes (mean of the two) and one probe (itself)", () => {
    // (40 + 44) / 2 = 42; latest of 1 and 3 October is 3 October.
    expect(
      baselineFrom([
        { value: 44, date: "2025-10-03" },
        { value: 40, date: "2025-10-01" },
      ]),
    ).toEqual({ value: 42, date: "2025-10-03" });
    expect(baselineFrom([{ value: 12, date: "2025-10-01" }])).toEqual({ value: 12, date: "2025-10-01" });
  });

  it("reads a Date by its UTC calendar day", () => {
    // 2025-09-10T00:00Z and 2025-09-09T23:59Z: the latest UTC day is 10 September.
    expect(
      baselineFrom([
        { value: 5, date: new Date("2025-09-09T23:59:00Z") },
        { value: 3, date: new Date("2025-09-10T00:00:00Z") },
      ]),
    ).toEqual({ value: 4, date: "2025-09-10" });
  });

  it("refuses no probes, more than three, and impossible dates", () => {
    expect(() => baselineFrom([])).toThrow(/at least one/);
    const four = [1, 2, 3, 4].map((v) => ({ value: v, date: "2025-09-0" + v }));
    expect(() => baselineFrom(four)).toThrow(/at most 3 probes; 4 were given/);
    // 2025 is not a leap year: there is no 29 February.
    expect(() => baselineFrom([{ value: 1, date: "2025-02-29" }])).toThrow(RangeError);
    expect(() => baselineFrom([{ value: Number.NaN, date: "2025-02-28" }])).toThrow(RangeError);
  });
});

describe("dates", () => {
  it("accepts only real yyyy-mm-dd days", () => {
    expect(dayNumber("1970-01-02")).toBe(1); // one day after the epoch
    expect(dayNumber("2024-02-29")).toBe(19782); // 54 years incl. 13 leap days: 54*365 + 13 = 19723, + 31 (Jan) + 28 = 19782
    expect(dayNumber("2026-02-29")).toBeUndefined(); // 2026 is not a leap year
    expect(dayNumber("2026-13-01")).toBeUndefined();
    expect(dayNumber("12/03/2026")).toBeUndefined();
    expect(dayNumber("2026-3-12")).toBeUndefined();
    expect(dayNumber(new Date("nonsense"))).toBeUndefined();
    expect(toIsoDay(new Date("2026-03-12T18:30:00Z"))).toBe("2026-03-12");
  });

  it("stores a day as midnight UTC (a Postgres date through Prisma) and refuses an impossible one", () => {
    expect(dateOfDay("2026-03-12").toISOString()).toBe("2026-03-12T00:00:00.000Z");
    expect(toIsoDay(dateOfDay("2024-02-29"))).toBe("2024-02-29");
    expect(() => dateOfDay("2026-02-29")).toThrow(RangeError);
  });

  it("formats 'd MMMM', with the year only when today is in another year", () => {
    expect(formatDayMonth("2026-03-12")).toBe("12 March");
    expect(formatDayMonth("2026-03-01")).toBe("1 March"); // no leading zero
    expect(formatDayMonth("2026-03-12", "2026-01-05")).toBe("12 March");
    expect(formatDayMonth("2026-03-12", "2025-12-18")).toBe("12 March 2026");
    expect(formatDayMonth("2027-01-31", "2026-09-01")).toBe("31 January 2027");
    expect(formatDayMonth("2026-12-31", new Date("2026-06-01T00:00:00Z"))).toBe("31 December");
  });
});

describe("weeksBetween (days / 7)", () => {
  it("counts whole weeks and fractions", () => {
    // 1 -> 15 January: 14 days = 2 weeks.
    expect(weeksBetween("2026-01-01", "2026-01-15")).toBe(2);
    // 1 -> 11 January: 10 days = 10/7 = 1.428571...
    expect(weeksBetween("2026-01-01", "2026-01-11")).toBeCloseTo(1.428571, 6);
  });

  it("is zero on the same day and negative backwards", () => {
    expect(weeksBetween("2026-01-05", "2026-01-05")).toBe(0);
    // 15 -> 1 January: -14 days = -2 weeks.
    expect(weeksBetween("2026-01-15", "2026-01-01")).toBe(-2);
  });

  it("counts 29 February in leap years only", () => {
    // 2024: 28 Feb -> 29 Feb -> 1 Mar = 2 days; 2023: 28 Feb -> 1 Mar = 1 day.
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    // 1 Jan 2024 -> 1 Jan 2025 is 366 days = 52 2/7 = 52.285714... weeks.
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(weeksBetween("2024-01-01", "2025-01-01")).toBeCloseTo(52.285714, 6);
    // 1 Feb -> 7 Mar 2024: 29 (Feb) + 6 = 35 days = 5 weeks exactly.
    expect(weeksBetween("2024-02-01", "2024-03-07")).toBe(5);
  });

  it("is not shifted by daylight-saving changes", () => {
    // US clocks went forward on Sunday 8 March 2026: 2 -> 16 March is still 14 days = 2 weeks,
    // not 13.96 days (a 23-hour day in local time).
    expect(weeksBetween("2026-03-02", "2026-03-16")).toBe(2);
    // EU clocks went back on Sunday 25 October 2026: 19 -> 26 October is 7 days = 1 week.
    expect(weeksBetween("2026-10-19", "2026-10-26")).toBe(1);
    // Dates at UTC midnight on either side of the change: same answer.
    expect(weeksBetween(new Date(Date.UTC(2026, 2, 2)), new Date(Date.UTC(2026, 2, 16)))).toBe(2);
    // A mix of string and Date (with a time) counts calendar days: 2 -> 9 March = 1 week.
    expect(weeksBetween("2026-03-02", new Date("2026-03-09T22:00:00Z"))).toBe(1);
  });

  it("refuses impossible dates", () => {
    expect(() => weeksBetween("2026-02-30", "2026-03-30")).toThrow(RangeError);
  });
});

describe("dates in a server running on New York time", () => {
  // The process time zone must not matter: Dates are read by their UTC day.
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "America/New_York";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it("reads the UTC day, not the local one", () => {
    // 9 March 2026 02:00 UTC is still 8 March 22:00 in New York (EDT, UTC-4); the UTC day is 9 March.
    const instant = new Date("2026-03-09T02:00:00Z");
    expect(instant.getDate()).toBe(8); // proves the zone switch took effect
    expect(toIsoDay(instant)).toBe("2026-03-09");
    // 2 March 00:00 UTC -> 9 March 02:00 UTC: calendar days 2 -> 9 = 7 days = 1 week,
    // across the 8 March clock change.
    expect(weeksBetween(new Date("2026-03-02T00:00:00Z"), instant)).toBe(1);
    expect(formatDayMonth(instant)).toBe("9 March");
  });
});

describe("goalRoi", () => {
  it("is (target - baseline) / weeks for the issue's example", () => {
    // 18 Dec 2025 -> 12 Mar 2026: 13 (to 31 Dec) + 31 (Jan) + 28 (Feb) + 12 = 84 days = 12 weeks.
    // (72 - 41) / 12 = 31 / 12 = 2.58333...
    expect(goalRoi({ baseline: 41, target: 72, startDate: "2025-12-18", targetDate: "2026-03-12" })).toBeCloseTo(
      2.583333,
      6,
    );
  });

  it("is negative for a lower-is-better goal", () => {
    // 5 Jan -> 16 Mar 2026: 26 + 28 + 16 = 70 days = 10 weeks; (2 - 5) / 10 = -0.3.
    expect(goalRoi({ baseline: 5, target: 2, startDate: "2026-01-05", targetDate: "2026-03-16" })).toBe(-0.3);
  });

  it("gets a leap February's extra day", () => {
    // 2024: 1 Feb -> 7 Mar = 35 days = 5 weeks; (30 - 20) / 5 = 2.
    expect(goalRoi({ baseline: 20, target: 30, startDate: "2024-02-01", targetDate: "2024-03-07" })).toBe(2);
    // 2025: same dates = 34 days = 34/7 weeks; 10 / (34/7) = 70/34 = 2.0588235...
    expect(goalRoi({ baseline: 20, target: 30, startDate: "2025-02-01", targetDate: "2025-03-07" })).toBeCloseTo(
      2.058824,
      6,
    );
  });

  it("yields exactly 2.55 when the true rate is 2.55", () => {
    // 5 Jan -> 25 May 2026: 26 + 28 + 31 + 30 + 25 = 140 days = 20 weeks; 51 / 20 = 2.55.
    expect(goalRoi({ baseline: 20, target: 71, startDate: "2026-01-05", targetDate: "2026-05-25" })).toBe(2.55);
  });

  it("refuses zero and negative weeks, and non-finite values", () => {
    expect(() => goalRoi({ baseline: 41, target: 72, startDate: "2026-01-05", targetDate: "2026-01-05" })).toThrow(
      /after the start date/,
    );
    expect(() => goalRoi({ baseline: 41, target: 72, startDate: "2026-01-05", targetDate: "2026-01-04" })).toThrow(
      RangeError,
    );
    expect(() =>
      goalRoi({ baseline: Number.NaN, target: 72, startDate: "2026-01-05", targetDate: "2026-03-05" }),
    ).toThrow(RangeError);
  });
});

describe("direction-aware comparisons", () => {
  it("treats more as better for higher-is-better measures", () => {
    expect(isImprovement(ORF, 41, 45)).toBe(true);
    expect(isImprovement(ORF, 45, 41)).toBe(false);
    expect(isImprovement("higher", 41, 41)).toBe(false); // no change is not an improvement
    expect(compareScores(ORF, 50, 41)).toBe(1);
    expect(compareScores(ORF, 41, 50)).toBe(-1);
    expect(compareScores(ORF, 41, 41)).toBe(0);
  });

  it("treats less as better for lower-is-better measures", () => {
    expect(isImprovement(INCIDENTS, 4, 2)).toBe(true);
    expect(isImprovement(INCIDENTS, 2, 4)).toBe(false);
    expect(isImprovement("lower", 2, 2)).toBe(false);
    expect(compareScores(INCIDENTS, 5, 3)).toBe(-1);
    // Best first: 3, 1, 2 incidents -> 1, 2, 3.
    expect([3, 1, 2].sort((a, b) => compareScores(INCIDENTS, b, a))).toEqual([1, 2, 3]);
    // Best first: 38, 45, 41 WCPM -> 45, 41, 38.
    expect([38, 45, 41].sort((a, b) => compareScores(ORF, b, a))).toEqual([45, 41, 38]);
  });

  it("meets a target at it or beyond it in the better direction", () => {
    expect(meetsTarget(ORF, 72, 72)).toBe(true);
    expect(meetsTarget(ORF, 75, 72)).toBe(true);
    expect(meetsTarget(ORF, 71, 72)).toBe(false);
    expect(meetsTarget(INCIDENTS, 1, 1)).toBe(true);
    expect(meetsTarget(INCIDENTS, 0, 1)).toBe(true);
    expect(meetsTarget(INCIDENTS, 2, 1)).toBe(false);
  });
});

describe("validateGoal", () => {
  const good = { measure: ORF, baseline: 41, target: 72, startDate: "2025-12-18", targetDate: "2026-03-12" };

  it("finds nothing wrong with a sound goal", () => {
    expect(validateGoal(good)).toEqual([]);
    expect(validateGoal({ ...good, measure: INCIDENTS, baseline: 5, target: 2 })).toEqual([]);
  });

  it("refuses a target below or equal to the baseline when higher is better", () => {
    const problem = {
      field: "target",
      message: "For ORF words correct per minute, higher is better: the target must be above the baseline (41).",
    };
    expect(validateGoal({ ...good, target: 30 })).toEqual([problem]);
    expect(validateGoal({ ...good, target: 41 })).toEqual([problem]);
  });

  it("refuses a target above the baseline when lower is better", () => {
    expect(validateGoal({ ...good, measure: INCIDENTS, baseline: 4, target: 6 })).toEqual([
      {
        field: "target",
        message: "For behaviour incidents per day, lower is better: the target must be below the baseline (4).",
      },
    ]);
    // The baseline shows with the measure's decimals: DBR keeps one (6.5).
    expect(validateGoal({ ...good, measure: DBR_DISRUPTIVE, baseline: 6.5, target: 7 })).toEqual([
      {
        field: "target",
        message: "For DBR disruptive behaviour (0-10), lower is better: the target must be below the baseline (6.5).",
      },
    ]);
  });

  it("refuses values outside the measure's scale", () => {
    // 105% of CICO points cannot exist (60 -> 105 would otherwise be an improvement).
    expect(validateGoal({ ...good, measure: CICO, baseline: 60, target: 105 })).toEqual([
      { field: "target", message: "The target must be between 0 and 100 for CICO percent of points earned." },
    ]);
    // Negative tardy minutes: out of range, and -5 -> 0 is a rise on a lower-is-better measure.
    expect(validateGoal({ ...good, measure: TARDY, baseline: -5, target: 0 })).toEqual([
      { field: "baseline", message: "The baseline cannot be below 0 for minutes tardy per week." },
      {
        field: "target",
        message: "For minutes tardy per week, lower is better: the target must be below the baseline (-5).",
      },
    ]);
  });

  it("refuses non-finite numbers without a direction message", () => {
    expect(validateGoal({ ...good, baseline: Number.NaN, target: Infinity })).toEqual([
      { field: "baseline", message: "The baseline must be a number." },
      { field: "target", message: "The target must be a number." },
    ]);
  });

  it("refuses a target date on or before the start date", () => {
    expect(validateGoal({ ...good, startDate: "2026-01-05", targetDate: "2026-01-05" })).toEqual([
      { field: "targetDate", message: "The target date must be after the start date (5 January)." },
    ]);
    // Start in 2026, target in 2025: the start date shows its year.
    expect(validateGoal({ ...good, startDate: "2026-01-05", targetDate: "2025-12-20" })).toEqual([
      { field: "targetDate", message: "The target date must be after the start date (5 January 2026)." },
    ]);
  });

  it("refuses impossible dates", () => {
    expect(validateGoal({ ...good, startDate: "2026-02-30" })).toEqual([
      { field: "startDate", message: "The start date must be a real date (yyyy-mm-dd)." },
    ]);
    expect(validateGoal({ ...good, targetDate: "" })).toEqual([
      { field: "targetDate", message: "The target date must be a real date (yyyy-mm-dd)." },
    ]);
  });

  it("lists every problem at once, in field order", () => {
    expect(
      validateGoal({ measure: CICO, baseline: 120, target: 50, startDate: "2026-03-01", targetDate: "2026-02-01" }).map(
        (p) => p.field,
      ),
    ).toEqual(["baseline", "target", "targetDate"]);
  });
});

describe("validateGoal's name for the start date", () => {
  it("words the date messages with it", () => {
    const goal = { measure: ORF, baseline: 41, target: 72, startDate: "2026-01-05", targetDate: "2026-01-05", startName: "the baseline date" };
    expect(validateGoal(goal)).toEqual([{ field: "targetDate", message: "The target date must be after the baseline date (5 January)." }]);
    expect(validateGoal({ ...goal, startDate: "2026-02-30" })).toEqual([{ field: "startDate", message: "The baseline date must be a real date (yyyy-mm-dd)." }]);
  });
});

describe("rangeMessage", () => {
  it("says which bound a value misses, of whatever it names", () => {
    expect(rangeMessage(CICO, "A baseline probe of 250", 250)).toBe("A baseline probe of 250 must be between 0 and 100 for CICO percent of points earned.");
    expect(rangeMessage(ORF, "The target", -1)).toBe("The target cannot be below 0 for ORF words correct per minute.");
    // Bounds are inclusive: 0 and 100 are on a percent scale.
    expect(rangeMessage(CICO, "The target", 100)).toBeUndefined();
    expect(rangeMessage(CICO, "The baseline", 0)).toBeUndefined();
    // ORF has no maximum.
    expect(rangeMessage(ORF, "The target", 400)).toBeUndefined();
  });
});

describe("checkPlanGoal", () => {
  // A plan that starts on Monday 30 November 2026; today is Tuesday 1 December 2026.
  const plan = { planStartDate: "2026-11-30", today: "2026-12-01" };
  const typedGoal = { measure: ORF, baseline: { value: 41, date: "2026-11-30" }, target: 72, targetDate: "2027-02-08", ...plan };
  const threeProbes = [
    { value: 41, date: "2026-11-30" },
    { value: 38, date: "2026-11-16" },
    { value: 45, date: "2026-11-23" },
  ];

  it("takes a typed baseline as it is", () => {
    expect(checkPlanGoal(typedGoal)).toEqual({ ok: true, baseline: { value: 41, date: "2026-11-30" }, probes: [] });
  });

  it("takes the median of the probes, dated on the latest, and returns the probes by date", () => {
    // 41, 38, 45 -> sorted 38, 41, 45 -> 41; latest of 30, 16, 23 November is 30 November.
    expect(checkPlanGoal({ ...typedGoal, baseline: { probes: threeProbes } })).toEqual({
      ok: true,
      baseline: { value: 41, date: "2026-11-30" },
      probes: [
        { value: 38, date: "2026-11-16" },
        { value: 45, date: "2026-11-23" },
        { value: 41, date: "2026-11-30" },
      ],
    });
    // Two probes: (40 + 44) / 2 = 42, on the later day; a Date probe is read by its UTC day.
    expect(
      checkPlanGoal({ ...typedGoal, baseline: { probes: [{ value: 44, date: new Date("2026-11-27T00:00:00Z") }, { value: 40, date: "2026-11-20" }] } }),
    ).toMatchObject({ ok: true, baseline: { value: 42, date: "2026-11-27" } });
  });

  it("refuses a probe off the scale even when the median is on it", () => {
    // 38, 41, 250 -> median 41 is a possible percent; 250 is not.
    const probes = [
      { value: 38, date: "2026-11-16" },
      { value: 41, date: "2026-11-23" },
      { value: 250, date: "2026-11-30" },
    ];
    expect(checkPlanGoal({ ...typedGoal, measure: CICO, target: 80, baseline: { probes } })).toEqual({
      ok: false,
      problems: [{ field: "baseline", message: "A baseline probe of 250 must be between 0 and 100 for CICO percent of points earned." }],
    });
    // Two probes off the scale whose median is off it too: the probes are named, not the median.
    const low = [
      { value: -4, date: "2026-11-16" },
      { value: -2, date: "2026-11-23" },
    ];
    expect(checkPlanGoal({ ...typedGoal, baseline: { probes: low } })).toEqual({
      ok: false,
      problems: [
        { field: "baseline", message: "A baseline probe of -4 cannot be below 0 for ORF words correct per minute." },
        { field: "baseline", message: "A baseline probe of -2 cannot be below 0 for ORF words correct per minute." },
      ],
    });
  });

  it("refuses a baseline dated after today, typed or from probes", () => {
    expect(checkPlanGoal({ ...typedGoal, baseline: { value: 41, date: "2026-12-02" } })).toEqual({
      ok: false,
      problems: [{ field: "startDate", message: "The baseline date cannot be in the future." }],
    });
    // Today itself is fine.
    expect(checkPlanGoal({ ...typedGoal, baseline: { value: 41, date: "2026-12-01" } })).toMatchObject({ ok: true });
    expect(checkPlanGoal({ ...typedGoal, baseline: { probes: [...threeProbes.slice(1), { value: 41, date: "2026-12-03" }] } })).toEqual({
      ok: false,
      problems: [{ field: "startDate", message: "A baseline probe cannot be dated in the future." }],
    });
  });

  it("names the later of the plan's start and the baseline when the target date is too early", () => {
    // Baseline 16 November, plan start 30 November, target 25 November: the plan's start is the later.
    expect(checkPlanGoal({ ...typedGoal, baseline: { value: 41, date: "2026-11-16" }, targetDate: "2026-11-25" })).toEqual({
      ok: false,
      problems: [{ field: "targetDate", message: "The target date must be after the plan's start date (30 November)." }],
    });
    // The target on the plan's first day is not after it either.
    expect(checkPlanGoal({ ...typedGoal, baseline: { value: 41, date: "2026-11-16" }, targetDate: "2026-11-30" })).toMatchObject({
      ok: false,
      problems: [{ message: "The target date must be after the plan's start date (30 November)." }],
    });
    // Baseline 1 December (after the start), target 1 December: the baseline is the later.
    expect(checkPlanGoal({ ...typedGoal, baseline: { value: 41, date: "2026-12-01" }, targetDate: "2026-12-01" })).toEqual({
      ok: false,
      problems: [{ field: "targetDate", message: "The target date must be after the baseline date (1 December)." }],
    });
    // With probes the baseline date is the latest probe's.
    expect(checkPlanGoal({ ...typedGoal, planStartDate: "2026-11-01", baseline: { probes: threeProbes }, targetDate: "2026-11-27" })).toEqual({
      ok: false,
      problems: [{ field: "targetDate", message: "The target date must be after the latest baseline probe (30 November)." }],
    });
  });

  it("keeps validateGoal's direction check and lists every problem in field order", () => {
    expect(checkPlanGoal({ ...typedGoal, measure: INCIDENTS, baseline: { value: 4, date: "2026-12-05" }, target: 6, targetDate: "2026-11-20" })).toEqual({
      ok: false,
      problems: [
        { field: "target", message: "For behaviour incidents per day, lower is better: the target must be below the baseline (4)." },
        { field: "startDate", message: "The baseline date cannot be in the future." },
        { field: "targetDate", message: "The target date must be after the baseline date (5 December)." },
      ],
    });
  });
});

describe("goalSentence", () => {
  it("reads exactly like the issue's example", () => {
    // ROI 31/12 = 2.5833 -> 2.6 with one decimal.
    expect(
      goalSentence({
        studentFirstName: "Ana",
        measure: ORF,
        baseline: 41,
        target: 72,
        targetDate: "2026-03-12",
        roiPerWeek: goalRoi({ baseline: 41, target: 72, startDate: "2025-12-18", targetDate: "2026-03-12" }),
      }),
    ).toBe("By 12 March, Ana will read 72 words correct per minute (from 41), 2.6 per week.");
  });

  it("adds the year only when today is in another year", () => {
    const base = { studentFirstName: "Ana", measure: ORF, baseline: 41, target: 72, targetDate: "2026-03-12", roiPerWeek: 31 / 12 };
    expect(goalSentence({ ...base, today: "2025-12-18" })).toBe(
      "By 12 March 2026, Ana will read 72 words correct per minute (from 41), 2.6 per week.",
    );
    expect(goalSentence({ ...base, today: "2026-01-10" })).toBe(
      "By 12 March, Ana will read 72 words correct per minute (from 41), 2.6 per week.",
    );
  });

  it("says 'fewer' for a falling lower-is-better goal", () => {
    // 5 -> 2 incidents over 10 weeks: -3 / 10 = -0.3 -> "0.3 fewer per week".
    expect(
      goalSentence({ studentFirstName: "Marcus", measure: INCIDENTS, baseline: 5, target: 2, targetDate: "2026-03-16", roiPerWeek: -0.3 }),
    ).toBe("By 16 March, Marcus will have 2 behaviour incidents per day (from 5), 0.3 fewer per week.");
    // DBR disruptive 6.5 -> 2 over 10 weeks: -4.5 / 10 = -0.45 -> two rate decimals, "lower".
    expect(
      goalSentence({ studentFirstName: "Sam", measure: DBR_DISRUPTIVE, baseline: 6.5, target: 2, targetDate: "2026-03-16", roiPerWeek: -0.45 }),
    ).toBe("By 16 March, Sam will be rated 2 out of 10 for disruptive behaviour (from 6.5), 0.45 lower per week.");
  });

  it("shows percent measures with % on both values", () => {
    // 5 Jan -> 2 Mar 2026: 26 + 28 + 2 = 56 days = 8 weeks; (80 - 55) / 8 = 3.125 -> 3.1.
    const roi = goalRoi({ baseline: 55, target: 80, startDate: "2026-01-05", targetDate: "2026-03-02" });
    expect(
      goalSentence({ studentFirstName: "Jordan", measure: CICO, baseline: 55, target: 80, targetDate: "2026-03-02", roiPerWeek: roi }),
    ).toBe("By 2 March, Jordan will earn 80% of CICO points (from 55%), 3.1 per week.");
    // Attendance keeps one decimal: 86.25 -> 86.3; rate 0.4375 with two decimals -> 0.44.
    expect(
      goalSentence({ studentFirstName: "Lee", measure: ATTENDANCE, baseline: 86.25, target: 95, targetDate: "2026-06-12", roiPerWeek: 0.4375 }),
    ).toBe("By 12 June, Lee will attend 95% of school days (from 86.3%), 0.44 per week.");
  });

  it("rounds a half rate up: 2.55 -> 2.6", () => {
    // 20 -> 71 WCPM over 20 weeks: 51 / 20 = 2.55 -> 2.6 (toFixed would say 2.5).
    const roi = goalRoi({ baseline: 20, target: 71, startDate: "2026-01-05", targetDate: "2026-05-25" });
    expect(
      goalSentence({ studentFirstName: " Mia ", measure: ORF, baseline: 20, target: 71, targetDate: "2026-05-25", roiPerWeek: roi }),
    ).toBe("By 25 May, Mia will read 71 words correct per minute (from 20), 2.6 per week.");
  });
});

describe("formatRate", () => {
  it("words the rate by its sign and the measure's direction", () => {
    expect(formatRate(ORF, 2.55)).toBe("2.6 per week");
    expect(formatRate(ORF, -1.25)).toBe("1.3 fewer per week"); // a falling reading goal, half away from zero
    expect(formatRate(INCIDENTS, -2.55)).toBe("2.6 fewer per week");
    expect(formatRate(INCIDENTS, 0.3)).toBe("0.3 more per week");
    expect(formatRate(ORF, 0.04)).toBe("0 per week"); // 0.04 -> 0.0 with one decimal
    expect(formatRate(ORF, -0.04)).toBe("0 per week");
  });
});
