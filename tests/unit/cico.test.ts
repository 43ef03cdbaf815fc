// Daily behaviour report cards (issue 15): a day's percentage on hand-checked
// numbers (absences and partial days count rated periods only), the card's
// setup bounds, the bad ratings, and the CICO rules teams use.
import { describe, expect, it } from "vitest";
import { cardSetupProblems, cicoRules, cleanLabels, dayPercent, dayPoints, dayProbeKey, ratingProblem, type CardDay, type Rating } from "@/domain/cico";

const EXPECTATIONS = ["Be safe", "Be respectful", "Be responsible"];
const PERIODS = ["Morning meeting", "Reading", "Math", "Lunch and recess", "Specials", "Afternoon"];

/** Every expectation of `periods` rated with the values given per period (one value for all three). */
const day = (values: Record<string, number[]>, scaleMax = 2): Rating[] =>
  Object.entries(values).flatMap(([period, vs]) => EXPECTATIONS.map((expectation, i) => ({ period, expectation, value: vs[i] ?? vs[0]!, scaleMax })));

describe("dayPoints and dayPercent", () => {
  it("a full day: 6 periods x 3 expectations on 0-2 is 36 possible points", () => {
    const ratings = day({ "Morning meeting": [2], Reading: [2, 1, 2], Math: [1], "Lunch and recess": [0, 1, 2], Specials: [2], Afternoon: [2, 2, 1] });
    // 6 + 5 + 3 + 3 + 6 + 5 = 28 of 36 = 77.78% -> 78
    expect(dayPoints(ratings)).toEqual({ points: 28, possible: 36, ratedPeriods: 6 });
    expect(dayPercent(dayPoints(ratings))).toBe(78);
  });

  it("an absent period is not a zero: the morning missed (late arrival) counts 5 periods", () => {
    const ratings = day({ Reading: [2], Math: [2], "Lunch and recess": [1], Specials: [2], Afternoon: [2] });
    // 6 + 6 + 3 + 6 + 6 = 27 of 30 = 90%; had the morning been a zero it would be 27 / 36 = 75%.
    expect(dayPoints(ratings)).toEqual({ points: 27, possible: 30, ratedPeriods: 5 });
    expect(dayPercent(dayPoints(ratings))).toBe(90);
  });

  it("a partial day (picked up at noon) counts the morning only", () => {
    const ratings = day({ "Morning meeting": [2, 2, 1], Reading: [1, 1, 2], Math: [2, 0, 1] });
    // 5 + 4 + 3 = 12 of 18 = 66.67% -> 67
    expect(dayPercent(dayPoints(ratings))).toBe(67);
  });

  it("a period rated on one expectation only counts that expectation", () => {
    const ratings: Rating[] = [...day({ Reading: [2] }), { period: "Math", expectation: "Be safe", value: 0, scaleMax: 2 }];
    // 6 + 0 of 6 + 2 = 75%
    expect(dayPoints(ratings)).toEqual({ points: 6, possible: 8, ratedPeriods: 2 });
    expect(dayPercent(dayPoints(ratings))).toBe(75);
  });

  it("a day with nothing rated (absent all day) has no percentage", () => {
    expect(dayPoints([])).toEqual({ points: 0, possible: 0, ratedPeriods: 0 });
    expect(dayPercent({ points: 0, possible: 0 })).toBeNull();
  });

  it("rounds half up on exact halves, and keeps 0 and 100", () => {
    expect(dayPercent({ points: 19, possible: 40 })).toBe(48); // 47.5
    expect(dayPercent({ points: 1, possible: 8 })).toBe(13); // 12.5
    expect(dayPercent({ points: 1, possible: 3 })).toBe(33); // 33.33
    expect(dayPercent({ points: 2, possible: 3 })).toBe(67); // 66.67
    expect(dayPercent({ points: 0, possible: 36 })).toBe(0);
    expect(dayPercent({ points: 36, possible: 36 })).toBe(100);
  });

  it("ratings keep the scale they were given on: a day rated partly on 0-2, partly on 0-4", () => {
    const ratings: Rating[] = [...day({ Reading: [2] }, 2), ...day({ Math: [3] }, 4)];
    // 6 of 6, then 9 of 12: 15 of 18 = 83.33 -> 83
    expect(dayPercent(dayPoints(ratings))).toBe(83);
  });
});

describe("ratingProblem: refuses what is not on the card", () => {
  const card = { expectations: EXPECTATIONS, periods: PERIODS, scaleMax: 2 };
  it("accepts a rating of the card", () => {
    expect(ratingProblem(card, { period: "Math", expectation: "Be safe", value: 0 })).toBeUndefined();
    expect(ratingProblem(card, { period: "Afternoon", expectation: "Be responsible", value: 2 })).toBeUndefined();
  });
  it("a value outside the scale", () => {
    expect(ratingProblem(card, { period: "Math", expectation: "Be safe", value: 3 })).toMatch(/whole number from 0 to 2/);
    expect(ratingProblem(card, { period: "Math", expectation: "Be safe", value: -1 })).toMatch(/0 to 2/);
    expect(ratingProblem(card, { period: "Math", expectation: "Be safe", value: 1.5 })).toMatch(/0 to 2/);
  });
  it("a period not on the card", () => {
    expect(ratingProblem(card, { period: "Science", expectation: "Be safe", value: 2 })).toMatch(/“Science” is not a period on this card/);
  });
  it("an expectation not on the card (labels are exact)", () => {
    expect(ratingProblem(card, { period: "Math", expectation: "Be kind", value: 2 })).toMatch(/“Be kind” is not an expectation/);
    expect(ratingProblem(card, { period: "Math", expectation: "be safe", value: 2 })).toMatch(/not an expectation/);
  });
});

describe("cardSetupProblems", () => {
  const ok = { expectations: EXPECTATIONS, periods: PERIODS, scaleMax: 2, goalPercent: 80 };
  it("accepts the defaults", () => expect(cardSetupProblems(ok)).toEqual({}));
  it("3 to 5 expectations", () => {
    expect(cardSetupProblems({ ...ok, expectations: ["Be safe", "Be kind"] }).expectations).toBe("A card has 3 to 5 expectations; this one has 2.");
    expect(cardSetupProblems({ ...ok, expectations: ["a", "b", "c", "d", "e", "f"] }).expectations).toMatch(/this one has 6/);
    expect(cardSetupProblems({ ...ok, expectations: ["a", "b", "c", "d", "e"] })).toEqual({});
  });
  it("no expectation or period twice (case-insensitively)", () => {
    expect(cardSetupProblems({ ...ok, expectations: ["Be safe", "be safe", "Be kind"] }).expectations).toBe("Each expectation appears once.");
    expect(cardSetupProblems({ ...ok, periods: ["Math", "MATH"] }).periods).toBe("Each period appears once.");
  });
  it("2 to 10 periods", () => {
    expect(cardSetupProblems({ ...ok, periods: ["All day"] }).periods).toMatch(/2 to 10 periods; this one has 1/);
  });
  it("the scale's top is 1 to 5 and the goal 50 to 100, whole numbers", () => {
    expect(cardSetupProblems({ ...ok, scaleMax: 0 }).scaleMax).toBeDefined();
    expect(cardSetupProblems({ ...ok, scaleMax: 6 }).scaleMax).toBeDefined();
    expect(cardSetupProblems({ ...ok, goalPercent: 101 }).goalPercent).toBeDefined();
    expect(cardSetupProblems({ ...ok, goalPercent: 49 }).goalPercent).toBeDefined();
    expect(cardSetupProblems({ ...ok, goalPercent: 80.5 }).goalPercent).toBeDefined();
  });
  it("cleanLabels trims, squeezes spaces and drops blanks", () => {
    expect(cleanLabels(["  Be  safe ", "", "   ", "Be kind"])).toEqual(["Be safe", "Be kind"]);
  });
});

const d = (n: number, percent: number | null, checkedIn = true): CardDay => ({ date: `2026-10-${String(n).padStart(2, "0")}`, percent, checkedIn, checkedOut: true, absent: percent === null });
const rule = (days: CardDay[], key: string, goal = 80) => cicoRules(days, goal).find((r) => r.key === key)!;

describe("cicoRules", () => {
  it("below goal on 3 of the last 5 days: fires, and says what the team does", () => {
    const days = [d(1, 90), d(2, 85), d(5, 70), d(6, 82), d(7, 75), d(8, 79)];
    const r = rule(days, "belowGoal");
    // last 5: 85, 70, 82, 75, 79 -> 3 below 80
    expect(r.status).toBe("flag");
    expect(r.finding).toBe("Below 80% on 3 of the last 5 rated days.");
    expect(r.action).toMatch(/Team review/);
  });

  it("2 of the last 5 below goal does not fire; the goal itself is met (80 is not below 80)", () => {
    const r = rule([d(1, 80), d(2, 60), d(5, 80), d(6, 95), d(7, 79)], "belowGoal");
    expect(r.status).toBe("ok");
    expect(r.finding).toBe("Below 80% on 2 of the last 5 rated days.");
    expect(r.action).toBeUndefined();
  });

  it("absences neither help nor hurt: the last 5 are the last 5 rated days", () => {
    const days = [d(1, 60), d(2, 65), d(5, 70), d(6, null), d(7, null), d(8, 90), d(9, 95)];
    const r = rule(days, "belowGoal");
    // rated: 60, 65, 70, 90, 95 -> 3 below
    expect(r.status).toBe("flag");
    expect(r.finding).toBe("Below 80% on 3 of the last 5 rated days.");
  });

  it("fewer than 5 rated days: not enough, unless 3 are below already", () => {
    expect(rule([d(1, 90), d(2, 70)], "belowGoal").status).toBe("notEnough");
    expect(rule([d(1, 70), d(2, 70), d(5, 60)], "belowGoal").status).toBe("flag");
    expect(rule([], "belowGoal")).toMatchObject({ status: "notEnough", finding: "No rated days yet." });
  });

  it("fade: at or above goal on 16 of the last 20 rated days", () => {
    const days = Array.from({ length: 20 }, (_, i) => d(i + 1, i < 4 ? 70 : 85));
    expect(rule(days, "fade")).toMatchObject({ status: "flag", finding: "At or above 80% on 16 of the last 20 rated days." });
    const fewer = Array.from({ length: 20 }, (_, i) => d(i + 1, i < 5 ? 70 : 85));
    expect(rule(fewer, "fade")).toMatchObject({ status: "ok", finding: "At or above 80% on 15 of the last 20 rated days." });
    expect(rule(days.slice(0, 19), "fade").status).toBe("notEnough");
  });

  it("the rules read the card's own goal", () => {
    const days = [d(1, 72), d(2, 74), d(5, 71), d(6, 73), d(7, 75)];
    expect(rule(days, "belowGoal", 80).status).toBe("flag");
    expect(rule(days, "belowGoal", 70).status).toBe("ok");
  });

  it("check-in missed on 3 of the last 10 days at school", () => {
    const days = Array.from({ length: 10 }, (_, i) => d(i + 1, 85, ![2, 5, 9].includes(i)));
    expect(rule(days, "checkIn")).toMatchObject({ status: "flag", finding: "Check-in missed on 3 of the last 10 rated days." });
    const two = Array.from({ length: 10 }, (_, i) => d(i + 1, 85, ![2, 5].includes(i)));
    expect(rule(two, "checkIn").status).toBe("ok");
    // Days absent are not "missed check-ins".
    expect(rule([...two, d(20, null, false), d(21, null, false)], "checkIn").status).toBe("ok");
  });

  it("reads the days in date order whatever order they come in", () => {
    const days = [d(9, 95), d(8, 90), d(1, 60), d(2, 65), d(5, 70), d(6, 99)];
    // oldest first: 60, 65, 70, 99, 90, 95 -> last 5: 65, 70, 99, 90, 95: 2 below
    expect(rule(days, "belowGoal").finding).toBe("Below 80% on 2 of the last 5 rated days.");
  });
});

describe("dayProbeKey", () => {
  it("one key per card and day", () => {
    expect(dayProbeKey("c1", "2026-10-01")).toBe("cico:c1:2026-10-01");
    expect(dayProbeKey("c1", "2026-10-02")).not.toBe(dayProbeKey("c1", "2026-10-01"));
  });
});
