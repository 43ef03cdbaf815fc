// The behaviour and compliance dashboards' statistics (decision 030) on
// hand-checked numbers, and the big five from SQL counts agreeing with the
// big five from incidents (the school overview's function).
import { describe, expect, it } from "vitest";
import { bigFive, bigFiveOfCounts, perHour, perHourOfCounts, tally, tallyOfCounts, type IncidentFacts } from "@/domain/behavior";
import { cicoGoalShare, dueBucket, meetsDailyGoal, monthEnd, monthlyRates, schoolDaysInMonth, schoolYearMonths, yearRate } from "@/domain/behavior-dashboard";
import { equityRuleProblems } from "@/domain/equity-rules";

describe("school-year months and school days", () => {
  it("runs July to June", () => {
    expect(schoolYearMonths(2026)).toEqual(["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]);
    expect(monthEnd("2027-02")).toBe("2027-02-28");
    expect(monthEnd("2028-02")).toBe("2028-02-29");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
  });

  it("counts a month's weekdays from the first day with an incident to the last day counted, less closed days", () => {
    // September 2026: Tuesday 1st to Wednesday 30th = 22 weekdays; less Labor Day = 21.
    expect(schoolDaysInMonth("2026-09", "2026-09-01", "2027-06-30", new Set(["2026-09-07"]))).toBe(21);
    // From the 15th (Tuesday): 12 weekdays.
    expect(schoolDaysInMonth("2026-09", "2026-09-15", "2027-06-30")).toBe(12);
    // To today, Monday 15 March 2027: 11 weekdays.
    expect(schoolDaysInMonth("2027-03", "2026-09-01", "2027-03-15")).toBe(11);
    // Before the first incident, after the last day, or with no incident at all: none.
    expect(schoolDaysInMonth("2026-08", "2026-09-01", "2027-06-30")).toBe(0);
    expect(schoolDaysInMonth("2027-04", "2026-09-01", "2027-03-15")).toBe(0);
    expect(schoolDaysInMonth("2026-09", null, "2027-06-30")).toBe(0);
  });
});

describe("monthlyRates", () => {
  const months = monthlyRates({
    year: 2026,
    students: 30,
    counts: new Map([
      ["2026-09", 6],
      ["2025-09", 12],
      ["2025-10", 4],
    ]),
    firstDay: { current: "2026-09-01", previous: "2025-09-02" },
    lastDay: { current: "2026-10-15", previous: "2026-06-30" },
    closed: new Set(["2026-09-07"]),
  });

  it("gives each month's rate per 100 students per school day beside last year's", () => {
    const sep = months.find((m) => m.month === "2026-09")!;
    // 6 * 100 / 30 / 21 = 0.952...; last year 12 * 100 / 30 / 21 (2 to 30 September 2025) = 1.905...
    expect(sep.current).toEqual({ incidents: 6, schoolDays: 21, rate: 600 / 30 / 21 });
    expect(sep.previous).toEqual({ incidents: 12, schoolDays: 21, rate: 1200 / 30 / 21 });
    expect(sep.change).toBeCloseTo(600 / 30 / 21 - 1200 / 30 / 21, 10);
    // October 2026 to the 15th: 11 weekdays and no incident is a rate of 0, not no rate.
    expect(months.find((m) => m.month === "2026-10")!.current).toEqual({ incidents: 0, schoolDays: 11, rate: 0 });
  });

  it("leaves out months with no school day in either year, and has no rate where a year has no school day", () => {
    expect(months.map((m) => m.month)).toEqual(["2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]);
    const nov = months.find((m) => m.month === "2026-11")!;
    expect(nov.current).toEqual({ incidents: 0, schoolDays: 0, rate: null });
    expect(nov.change).toBeNull();
  });

  it("gives no rate without students (never a division by zero)", () => {
    const none = monthlyRates({ year: 2026, students: 0, counts: new Map([["2026-09", 3]]), firstDay: { current: "2026-09-01", previous: null }, lastDay: { current: "2026-09-30", previous: "2026-06-30" } });
    expect(none).toEqual([{ month: "2026-09", current: { incidents: 3, schoolDays: 22, rate: null }, previous: { incidents: 0, schoolDays: 0, rate: null }, change: null }]);
  });

  it("sums a year over its school days", () => {
    const sepOct = months.filter((m) => m.current.schoolDays > 0);
    // 6 incidents over 21 + 11 = 32 days; last year's September and October: 16 over 21 + 23 = 44 days.
    expect(yearRate(sepOct, 30, "current")).toEqual({ incidents: 6, schoolDays: 32, rate: 600 / 30 / 32 });
    expect(yearRate(sepOct, 30, "previous")).toEqual({ incidents: 16, schoolDays: 44, rate: 1600 / 30 / 44 });
  });
});

describe("CICO students meeting their daily goal", () => {
  it("judges a student by their average day against their goal", () => {
    // 90, 70, 85 against 80: average 81.7, meets; 80 and 60: 70, does not; exactly the goal meets.
    expect(meetsDailyGoal({ days: 3, percentSum: 245, goalSum: 240, daysMet: 2 })).toBe(true);
    expect(meetsDailyGoal({ days: 2, percentSum: 140, goalSum: 160, daysMet: 1 })).toBe(false);
    expect(meetsDailyGoal({ days: 1, percentSum: 80, goalSum: 80, daysMet: 1 })).toBe(true);
    expect(meetsDailyGoal({ days: 0, percentSum: 0, goalSum: 0, daysMet: 0 })).toBe(false);
  });

  it("shares students and days, nobody rated is no share", () => {
    expect(
      cicoGoalShare([
        { days: 3, percentSum: 245, goalSum: 240, daysMet: 2 },
        { days: 2, percentSum: 140, goalSum: 160, daysMet: 1 },
        { days: 0, percentSum: 0, goalSum: 0, daysMet: 0 },
      ]),
    ).toEqual({ students: 2, meeting: 1, share: 0.5, days: 5, daysMet: 3, dayShare: 0.6 });
    expect(cicoGoalShare([])).toEqual({ students: 0, meeting: 0, share: null, days: 0, daysMet: 0, dayShare: null });
  });
});

describe("dueBucket", () => {
  it.each([
    ["2027-03-14", "overdue"],
    ["2027-03-15", "within30"],
    ["2027-04-14", "within30"],
    ["2027-04-15", "within60"],
    ["2027-05-14", "within60"],
    ["2027-05-15", "within90"],
    ["2027-06-13", "within90"],
    ["2027-06-14", null],
  ])("%s seen on 15 March 2027 is %s", (due, bucket) => {
    expect(dueBucket(due, "2027-03-15")).toBe(bucket);
  });
});

describe("the big five from counts", () => {
  const facts: IncidentFacts[] = [
    { occurredOn: "2026-09-01", occurredMinute: 615, behavior: { key: "d", label: "Defiance" }, location: { key: "c", label: "Classroom" }, motivation: null, othersInvolved: [{ key: "PEERS", label: "Peers" }] },
    { occurredOn: "2026-09-02", occurredMinute: 790, behavior: { key: "d", label: "Defiance" }, location: { key: "h", label: "Hallway" }, motivation: { key: "a", label: "Avoid task" }, othersInvolved: [] },
    { occurredOn: "2026-09-03", occurredMinute: 620, behavior: { key: "x", label: "Disruption" }, location: { key: "c", label: "Classroom" }, motivation: { key: "a", label: "Avoid task" }, othersInvolved: [{ key: "PEERS", label: "Peers" }, { key: "STAFF", label: "Staff" }] },
  ];

  it("equals the big five of the incidents themselves", () => {
    const counted = bigFiveOfCounts(3, {
      behaviors: [
        { key: "d", label: "Defiance", count: 2 },
        { key: "x", label: "Disruption", count: 1 },
      ],
      locations: [
        { key: "h", label: "Hallway", count: 1 },
        { key: "c", label: "Classroom", count: 2 },
      ],
      hours: [
        { hour: 13, count: 1 },
        { hour: 10, count: 2 },
      ],
      motivations: [
        { key: null, label: null, count: 1 },
        { key: "a", label: "Avoid task", count: 2 },
      ],
      others: [
        { key: "PEERS", label: "Peers", count: 2 },
        { key: "STAFF", label: "Staff", count: 1 },
        { key: null, label: null, count: 1 },
      ],
    });
    expect(counted).toEqual(bigFive(facts));
    // Hours between the first and last are filled with zeros, as perHour does.
    expect(counted.hours.map((h) => h.count)).toEqual([2, 0, 0, 1]);
  });

  it("keeps tally and perHour as they were", () => {
    expect(tallyOfCounts([{ key: "b", label: "B", count: 1 }, { key: "a", label: "A", count: 1 }, { key: "z", label: "Z", count: 0 }], 4)).toEqual([
      { key: "a", label: "A", count: 1, percent: 25 },
      { key: "b", label: "B", count: 1, percent: 25 },
    ]);
    expect(tally([[{ key: "a", label: "A" }], [{ key: "a", label: "A" }]])).toEqual([{ key: "a", label: "A", count: 2, percent: 100 }]);
    expect(perHourOfCounts([])).toEqual([]);
    expect(perHour([600, 601, 720])).toEqual(perHourOfCounts([{ hour: 10, count: 2 }, { hour: 12, count: 1 }]));
  });
});

describe("equity rules", () => {
  it("accepts the federal defaults and the bounds", () => {
    expect(equityRuleProblems({ threshold: 3, minCell: 10, minN: 30 })).toEqual({});
    expect(equityRuleProblems({ threshold: 1, minCell: 5, minN: 10 })).toEqual({});
    expect(equityRuleProblems({ threshold: 10, minCell: 30, minN: 100 })).toEqual({});
    expect(equityRuleProblems({ threshold: 2.5, minCell: 12, minN: 12 })).toEqual({});
  });

  it("refuses a cell size below 5, a threshold with two decimals, and an n-size below the cell size", () => {
    expect(Object.keys(equityRuleProblems({ threshold: 3, minCell: 4, minN: 30 }))).toEqual(["minCell"]);
    expect(Object.keys(equityRuleProblems({ threshold: 2.25, minCell: 10, minN: 30 }))).toEqual(["threshold"]);
    expect(Object.keys(equityRuleProblems({ threshold: 0.9, minCell: 10, minN: 30 }))).toEqual(["threshold"]);
    expect(equityRuleProblems({ threshold: 3, minCell: 20, minN: 15 })).toEqual({ minN: "The n-size cannot be smaller than the minimum cell size." });
    expect(Object.keys(equityRuleProblems({ threshold: 3, minCell: 10, minN: 101 }))).toEqual(["minN"]);
  });
});
