// Behaviour incident arithmetic (issue 15) against numbers worked out by hand.
import { describe, expect, it } from "vitest";
import { abcSummary, bigFive, hourLabel, incidentsPerWeek, perHour, ratePer100PerDay, ratePerDay, schoolDaysBetween, schoolYearStart, tally, type IncidentFacts } from "@/domain/behavior";
import { DEFAULT_BEHAVIOR_CODES, EDFI_CODE_VALUES, EDFI_DESCRIPTOR_OF_KIND, isEdfiValueOf } from "@/domain/behavior-codes";

describe("schoolYearStart", () => {
  it.each([
    ["2026-12-05", "2026-08-01"],
    ["2026-08-01", "2026-08-01"],
    ["2026-07-31", "2025-08-01"],
    ["2027-06-11", "2026-08-01"],
  ])("%s -> %s", (day, start) => expect(schoolYearStart(day)).toBe(start));
});

describe("schoolDaysBetween", () => {
  it("counts Monday to Friday inclusive: Mon 30 Nov to Fri 11 Dec 2026 is 10", () => {
    expect(schoolDaysBetween("2026-11-30", "2026-12-11")).toBe(10);
  });
  it("leaves out weekends at both ends (Sat 28 Nov to Sun 6 Dec: 5) and closed days (Thanksgiving 25-27 Nov in Mon 23 to Fri 27: 2)", () => {
    expect(schoolDaysBetween("2026-11-28", "2026-12-06")).toBe(5);
    expect(schoolDaysBetween("2026-11-23", "2026-11-27", new Set(["2026-11-25", "2026-11-26", "2026-11-27"]))).toBe(2);
  });
  it("is 0 for a range that ends before it starts, and 1 for a single weekday", () => {
    expect(schoolDaysBetween("2026-12-04", "2026-12-03")).toBe(0);
    expect(schoolDaysBetween("2026-12-04", "2026-12-04")).toBe(1);
  });
});

describe("incidentsPerWeek", () => {
  it("counts by Monday-starting week, with empty weeks as 0 and days outside the range left out", () => {
    // Wed 2 Dec to Tue 22 Dec 2026: weeks of Mon 30 Nov, 7 Dec, 14 Dec, 21 Dec.
    const days = ["2026-12-02", "2026-12-04", "2026-12-04", "2026-12-16", "2026-12-22", "2026-12-23", "2026-11-27"];
    expect(incidentsPerWeek(days, "2026-12-02", "2026-12-22")).toEqual([
      { week: "2026-11-30", count: 3 },
      { week: "2026-12-07", count: 0 },
      { week: "2026-12-14", count: 1 },
      { week: "2026-12-21", count: 1 },
    ]);
  });
});

describe("tally", () => {
  it("counts each key once per incident, most first, ties by label, with shares of the incidents", () => {
    const a = { key: "a", label: "Alpha" };
    const b = { key: "b", label: "Beta" };
    const c = { key: "c", label: "Gamma" };
    // 4 incidents: [a], [a, b], [b, b (repeated)], [c]. a: 2 (50%), b: 2 (50%), c: 1 (25%).
    expect(tally([[a], [a, b], [b, b], [c]])).toEqual([
      { key: "a", label: "Alpha", count: 2, percent: 50 },
      { key: "b", label: "Beta", count: 2, percent: 50 },
      { key: "c", label: "Gamma", count: 1, percent: 25 },
    ]);
  });
  it("rounds shares to one decimal (1 of 3 = 33.3%) and is empty for no incidents", () => {
    expect(tally([[{ key: "x", label: "X" }], [{ key: "y", label: "Y" }], [{ key: "y", label: "Y" }]]).map((t) => t.percent)).toEqual([66.7, 33.3]);
    expect(tally([])).toEqual([]);
  });
});

describe("perHour", () => {
  it("fills every hour from the first to the last with incidents, in order", () => {
    // 08:10, 08:59, 10:00, 10:30, 10:45 -> 08: 2, 09: 0, 10: 3 of 5.
    expect(perHour([490, 539, 600, 630, 645])).toEqual([
      { key: "8", label: "08:00–08:59", count: 2, percent: 40 },
      { key: "9", label: "09:00–09:59", count: 0, percent: 0 },
      { key: "10", label: "10:00–10:59", count: 3, percent: 60 },
    ]);
    expect(perHour([])).toEqual([]);
    expect(hourLabel(14)).toBe("14:00–14:59");
  });
});

describe("bigFive", () => {
  const defiance = { key: "def", label: "Defiance" };
  const fighting = { key: "fight", label: "Fighting" };
  const cafeteria = { key: "caf", label: "Cafeteria" };
  const classroom = { key: "cls", label: "Classroom" };
  const peers = { key: "PEERS", label: "Peers" };
  const avoid = { key: "avoid", label: "Avoid task" };
  const incident = (over: Partial<IncidentFacts>): IncidentFacts => ({ occurredOn: "2026-12-01", occurredMinute: 12 * 60, behavior: defiance, location: cafeteria, motivation: avoid, othersInvolved: [peers], ...over });

  it("answers how often, what, where, when, with whom and why", () => {
    const five = bigFive([
      incident({}),
      incident({ occurredMinute: 12 * 60 + 30 }),
      incident({ behavior: fighting, location: classroom, occurredMinute: 14 * 60 + 5, motivation: null, othersInvolved: [] }),
      incident({ location: classroom, occurredMinute: 14 * 60 + 50, othersInvolved: [peers, { key: "STAFF", label: "Staff" }] }),
    ]);
    expect(five.count).toBe(4);
    expect(five.behaviors).toEqual([
      { key: "def", label: "Defiance", count: 3, percent: 75 },
      { key: "fight", label: "Fighting", count: 1, percent: 25 },
    ]);
    expect(five.locations.map((t) => [t.label, t.count])).toEqual([["Cafeteria", 2], ["Classroom", 2]]);
    expect(five.hours.map((t) => [t.label, t.count])).toEqual([["12:00–12:59", 2], ["13:00–13:59", 0], ["14:00–14:59", 2]]);
    expect(five.motivations.map((t) => [t.label, t.count])).toEqual([["Avoid task", 3], ["Not recorded", 1]]);
    expect(five.others.map((t) => [t.label, t.count, t.percent])).toEqual([["Peers", 3, 75], ["Not recorded", 1, 25], ["Staff", 1, 25]]);
  });
});

describe("rates", () => {
  it("per 100 students per school day: 45 incidents, 300 students, 90 days = 0.1667; 12 incidents, 40 students, 60 days = 0.5", () => {
    // 45 / 300 = 0.15 per student; x 100 = 15 per 100 students; / 90 days = 0.16666...
    expect(ratePer100PerDay(45, 300, 90)).toBeCloseTo(0.166667, 6);
    // 12 / 40 x 100 = 30; / 60 = 0.5. The smaller school has three times the rate.
    expect(ratePer100PerDay(12, 40, 60)).toBe(0.5);
  });
  it("is null without students or school days (no division by zero)", () => {
    expect(ratePer100PerDay(3, 0, 10)).toBeNull();
    expect(ratePer100PerDay(3, 10, 0)).toBeNull();
    expect(ratePerDay(3, 0)).toBeNull();
    expect(ratePerDay(9, 36)).toBe(0.25);
  });
});

describe("default code lists", () => {
  it("map every code to an Ed-Fi value of its kind's descriptor (motivations: none), with unique keys per kind", () => {
    for (const c of DEFAULT_BEHAVIOR_CODES) {
      expect(isEdfiValueOf(c.kind, c.edfiCodeValue), c.code).toBe(true);
      expect(c.severity !== null, c.code).toBe(c.kind === "BEHAVIOR");
      if (c.kind === "MOTIVATION") expect(c.edfiCodeValue).toBeNull();
      else expect(EDFI_CODE_VALUES[EDFI_DESCRIPTOR_OF_KIND[c.kind]!]).toContain(c.edfiCodeValue);
    }
    const keys = DEFAULT_BEHAVIOR_CODES.map((c) => `${c.kind}/${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(isEdfiValueOf("LOCATION", "Fighting")).toBe(false);
    expect(isEdfiValueOf("MOTIVATION", "Other")).toBe(false);
  });
});

describe("abcSummary", () => {
  const r = (antecedentKind: string, consequenceKind: string, setting: string, intensity: number | null, durationMinutes: number | null) => ({ antecedentKind, consequenceKind, setting, intensity, durationMinutes });
  it("counts antecedents, consequences and settings, with the median intensity and minutes observed", () => {
    const s = abcSummary(
      [r("TASK_DEMAND", "TASK_REMOVED", "Math block", 3, 5), r("TASK_DEMAND", "ADULT_ATTENTION", "math block ", 4, 10), r("TRANSITION", "TASK_REMOVED", "Hallway", null, null), r("TASK_DEMAND", "TASK_REMOVED", "Math block", 2, 3)],
      [{ key: "m1", label: "Avoid task or activity" }, { key: "m1", label: "Avoid task or activity" }],
    );
    expect(s.records).toBe(4);
    expect(s.antecedents.map((t) => [t.label, t.count, t.percent])).toEqual([["Task or demand given", 3, 75], ["Transition or change in routine", 1, 25]]);
    expect(s.consequences.map((t) => [t.label, t.count])).toEqual([["Task removed, delayed or reduced", 3], ["Adult attention (talk, reprimand, help)", 1]]);
    // "Math block" and "math block " are one setting.
    expect(s.settings.map((t) => t.count)).toEqual([3, 1]);
    // Intensities 2, 3, 4 -> median 3; minutes 5 + 10 + 3 = 18.
    expect(s.medianIntensity).toBe(3);
    expect(s.minutesObserved).toBe(18);
    expect(s.incidentMotivations).toEqual([{ key: "m1", label: "Avoid task or activity", count: 2, percent: 100 }]);
  });
  it("takes the mean of the middle two for an even count, and has no median without intensities", () => {
    expect(abcSummary([r("OTHER", "OTHER", "x", 2, null), r("OTHER", "OTHER", "x", 5, null)]).medianIntensity).toBe(3.5);
    expect(abcSummary([]).medianIntensity).toBeNull();
  });
});
