// Trend lines over dated points (issue 6 "Underneath"): sorting, OLS on dates
// and Tukey's three-group median method. Every expected number is worked out
// by hand in the comment beside it; none comes from the code under test.
import { describe, expect, it } from "vitest";
import { olsTrend, pointsOnDays, sortPoints, trendLine, trendValueAt, tukeyThirds, tukeyTrend } from "@/domain/progress";

/** The date `days` after 2026-01-05 (a Monday), "yyyy-mm-dd". */
function day(days: number): string {
  return new Date(Date.UTC(2026, 0, 5 + days)).toISOString().slice(0, 10);
}

/** Points on days 0, 7, 14, ... after 2026-01-05 with these scores. */
function weekly(scores: number[]): { date: string; score: number }[] {
  return scores.map((score, i) => ({ date: day(7 * i), score }));
}

describe("sortPoints", () => {
  it("orders by date and keeps the input order of points on the same date", () => {
    const sorted = sortPoints([
      { date: "2026-01-12", score: 46 },
      { date: "2026-01-05", score: 40 },
      { date: "2026-01-12", score: 44 },
    ]);
    // 01-05 first; the two 01-12 points stay 46 then 44, as given.
    expect(sorted.map((p) => [p.date, p.score])).toEqual([
      ["2026-01-05", 40],
      ["2026-01-12", 46],
      ["2026-01-12", 44],
    ]);
  });

  it("reads a Date by its UTC calendar day and resolves day numbers", () => {
    const [p] = sortPoints([{ date: new Date(Date.UTC(2026, 0, 12)), score: 50 }]);
    // 2026-01-12 is 20,465 days after 1970-01-01 (56 years incl. 14 leap days = 20,454, + 11).
    expect(p).toEqual({ date: "2026-01-12", day: 20_465, score: 50 });
  });

  it("refuses an invalid date or a score that is not a finite number", () => {
    expect(() => sortPoints([{ date: "2026-02-30", score: 40 }])).toThrow(RangeError);
    expect(() => sortPoints([{ date: "2026-01-05", score: Number.NaN }])).toThrow(RangeError);
  });
});

describe("pointsOnDays", () => {
  it("reads [day, score, ...] pairs, writes each day number as its date and comes back as sortPoints returns it", () => {
    // 20,465 = 2026-01-12 (see above); 20,458 = 2026-01-05; 20,472 = 2026-01-19.
    const points = pointsOnDays([20_458, 40, 20_465, 44, 20_472, 47]);
    expect(points).toEqual([
      { date: "2026-01-05", day: 20_458, score: 40 },
      { date: "2026-01-12", day: 20_465, score: 44 },
      { date: "2026-01-19", day: 20_472, score: 47 },
    ]);
    // Already sorted: sortPoints hands the same (frozen) array back.
    expect(sortPoints(points)).toBe(points);
    expect(Object.isFrozen(points)).toBe(true);
  });

  it("orders out-of-order days and keeps same-day points in the order given", () => {
    const points = pointsOnDays([20_465, 46, 20_458, 40, 20_465, 44]);
    expect(points.map((p) => [p.date, p.score])).toEqual([
      ["2026-01-05", 40],
      ["2026-01-12", 46],
      ["2026-01-12", 44],
    ]);
  });

  it("refuses a day that is not a whole number, a score that is not finite, or a list that does not pair up", () => {
    expect(() => pointsOnDays([20_458.5, 40])).toThrow(RangeError);
    expect(() => pointsOnDays([20_458, Number.NaN])).toThrow(RangeError);
    expect(() => pointsOnDays([20_458, 40, 20_465])).toThrow(RangeError);
    expect(pointsOnDays([])).toEqual([]);
  });
});

describe("olsTrend", () => {
  // Days 0, 2, 7, 11 after 2026-01-05 with scores 40, 41, 45, 46 (irregular dates).
  // mean x = 20 / 4 = 5; x - 5 = -5, -3, 2, 6; Sxx = 25 + 9 + 4 + 36 = 74.
  // mean y = 172 / 4 = 43; y - 43 = -3, -2, 2, 3; Sxy = 15 + 6 + 4 + 18 = 43.
  // slope = 43 / 74 per day = 301 / 74 = 4.067567... per week;
  // intercept on day 0 = 43 - (43 / 74) * 5 = 2967 / 74 = 40.094594...
  const irregular = [
    { date: day(0), score: 40 },
    { date: day(2), score: 41 },
    { date: day(7), score: 45 },
    { date: day(11), score: 46 },
  ];

  it("fits days since the first point, slope per week", () => {
    const t = olsTrend(irregular);
    expect(t?.method).toBe("OLS");
    expect(t?.origin).toBe("2026-01-05");
    expect(t?.slopePerWeek).toBeCloseTo(301 / 74, 12);
    expect(t?.intercept).toBeCloseTo(2967 / 74, 12);
    expect(t?.pointCount).toBe(4);
    // By point index instead of date (x = 0..3) the slope would be 11 / 5 = 2.2 per point.
    expect(t?.slopePerWeek).not.toBeCloseTo(2.2, 1);
  });

  it("gives the same line whatever the input order", () => {
    const t = olsTrend([irregular[2], irregular[0], irregular[3], irregular[1]] as typeof irregular);
    expect(t?.slopePerWeek).toBeCloseTo(301 / 74, 12);
    expect(t?.intercept).toBeCloseTo(2967 / 74, 12);
  });

  it("counts x from a given origin: same slope, intercept on the origin date", () => {
    // Origin 2026-01-01, 4 days earlier: x = 4, 6, 11, 15, mean 9, same deviations.
    // intercept = 43 - (43 / 74) * 9 = 2795 / 74 = 37.77027...
    const t = olsTrend(irregular, "2026-01-01");
    expect(t?.origin).toBe("2026-01-01");
    expect(t?.slopePerWeek).toBeCloseTo(301 / 74, 12);
    expect(t?.intercept).toBeCloseTo(2795 / 74, 12);
    // Back on 2026-01-05: 2795 / 74 + (301 / 74) * 4 / 7 = (2795 + 172) / 74 = 2967 / 74.
    expect(trendValueAt(t!, "2026-01-05")).toBeCloseTo(2967 / 74, 12);
  });

  it("extends the line beyond the points to project", () => {
    // Day 14 (2026-01-19): 2967 / 74 + (43 / 74) * 14 = 3569 / 74 = 48.22972...
    expect(trendValueAt(olsTrend(irregular)!, "2026-01-19")).toBeCloseTo(3569 / 74, 12);
    // Day -7 (2025-12-29): 2967 / 74 - 301 / 74 = 2666 / 74 = 36.027...
    expect(trendValueAt(olsTrend(irregular)!, "2025-12-29")).toBeCloseTo(2666 / 74, 12);
  });

  it("handles ties on a date", () => {
    // Days 0, 7, 7, 14 with 40, 44, 46, 48: mean x 7, x - 7 = -7, 0, 0, 7, Sxx = 98;
    // mean y = 178 / 4 = 44.5, y - 44.5 = -4.5, -0.5, 1.5, 3.5; Sxy = 31.5 + 0 + 0 + 24.5 = 56.
    // slope = 56 / 98 = 4 / 7 per day = 4 per week; intercept = 44.5 - (4 / 7) * 7 = 40.5.
    const t = olsTrend([
      { date: day(0), score: 40 },
      { date: day(7), score: 44 },
      { date: day(7), score: 46 },
      { date: day(14), score: 48 },
    ]);
    expect(t?.slopePerWeek).toBeCloseTo(4, 12);
    expect(t?.intercept).toBeCloseTo(40.5, 12);
  });

  it("has no line for no point, a single point or points all on one date (never NaN)", () => {
    expect(olsTrend([])).toBeUndefined();
    expect(olsTrend([{ date: day(0), score: 40 }])).toBeUndefined();
    expect(
      olsTrend([
        { date: day(7), score: 40 },
        { date: day(7), score: 45 },
        { date: day(7), score: 50 },
      ]),
    ).toBeUndefined();
  });

  it("gives slope 0 (not -0) and the common score for all-equal scores", () => {
    // y - mean y = 0 everywhere, so Sxy = 0 whatever the dates.
    const t = olsTrend([
      { date: day(0), score: 45 },
      { date: day(3), score: 45 },
      { date: day(10), score: 45 },
    ]);
    expect(Object.is(t?.slopePerWeek, 0)).toBe(true);
    expect(t?.intercept).toBe(45);
  });

  it("fits a falling series with a negative slope", () => {
    // Days 0, 7, 14 with 6, 4, 2 incidents: exactly -2 per week, intercept 6.
    const t = olsTrend(weekly([6, 4, 2]));
    expect(t?.slopePerWeek).toBeCloseTo(-2, 12);
    expect(t?.intercept).toBeCloseTo(6, 12);
  });
});

describe("tukeyThirds", () => {
  it("splits 6, 7, 8, 9 points with equal outer thirds", () => {
    expect(tukeyThirds(6)).toEqual([2, 2, 2]);
    // 7 = 3 * 2 + 1: the extra point goes to the middle.
    expect(tukeyThirds(7)).toEqual([2, 3, 2]);
    // 8 = 3 * 2 + 2: one extra point to each outer third.
    expect(tukeyThirds(8)).toEqual([3, 2, 3]);
    expect(tukeyThirds(9)).toEqual([3, 3, 3]);
  });

  it("splits small counts the same way", () => {
    expect(tukeyThirds(0)).toEqual([0, 0, 0]);
    expect(tukeyThirds(1)).toEqual([0, 1, 0]);
    expect(tukeyThirds(2)).toEqual([1, 0, 1]);
    expect(tukeyThirds(4)).toEqual([1, 2, 1]);
    expect(tukeyThirds(5)).toEqual([2, 1, 2]);
    expect(tukeyThirds(10)).toEqual([3, 4, 3]);
  });

  it("refuses a count that is not a whole number", () => {
    expect(() => tukeyThirds(2.5)).toThrow(RangeError);
    expect(() => tukeyThirds(-1)).toThrow(RangeError);
  });
});

describe("tukeyTrend", () => {
  it("6 points: line through the medians of the first and last two", () => {
    // Days 0, 7, 14, 21, 28, 35 with 40, 44, 43, 47, 50, 48; thirds 2, 2, 2.
    // First: median day (0 + 7) / 2 = 3.5, median score (40 + 44) / 2 = 42.
    // Last: median day (28 + 35) / 2 = 31.5, median score (50 + 48) / 2 = 49.
    // slope = (49 - 42) * 7 / (31.5 - 3.5) = 49 / 28 = 1.75 per week.
    // intercept on day 0 = 42 + 7 * (0 - 3.5) / 28 = 42 - 0.875 = 41.125.
    const t = tukeyTrend(weekly([40, 44, 43, 47, 50, 48]));
    expect(t?.method).toBe("TUKEY");
    expect(t?.slopePerWeek).toBeCloseTo(1.75, 12);
    expect(t?.intercept).toBeCloseTo(41.125, 12);
    expect(t?.first).toEqual({ count: 2, medianDay: 3.5, medianScore: 42 });
    expect(t?.middleCount).toBe(2);
    expect(t?.last).toEqual({ count: 2, medianDay: 31.5, medianScore: 49 });
    // OLS on the same points: x in weeks 0..5, Sxx 17.5, Sxy = 31 -> 1.771...; Tukey differs.
    expect(olsTrend(weekly([40, 44, 43, 47, 50, 48]))?.slopePerWeek).toBeCloseTo(31 / 17.5, 12);
  });

  it("7 points: 2, 3, 2 (the extra point in the middle)", () => {
    // Days 0..42 weekly with 40, 42, 41, 45, 44, 47, 52.
    // First two: day 3.5, score (40 + 42) / 2 = 41. Last two: day (35 + 42) / 2 = 38.5, score (47 + 52) / 2 = 49.5.
    // slope = 8.5 * 7 / 35 = 1.7 per week.
    // A 3, 1, 3 split would give (47 - 41) * 7 / (35 - 7) = 1.5 instead.
    const t = tukeyTrend(weekly([40, 42, 41, 45, 44, 47, 52]));
    expect(t?.slopePerWeek).toBeCloseTo(1.7, 12);
    expect([t?.first.count, t?.middleCount, t?.last.count]).toEqual([2, 3, 2]);
    // intercept on day 0 = 41 + 8.5 * (0 - 3.5) / 35 = 41 - 0.85 = 40.15.
    expect(t?.intercept).toBeCloseTo(40.15, 12);
  });

  it("8 points: 3, 2, 3, medians not means", () => {
    // Days 0..49 weekly with 40, 47, 42, 44, 46, 45, 53, 50.
    // First three: median day 7, median score of 40, 47, 42 = 42 (the mean would be 43).
    // Last three: median day 42, median score of 45, 53, 50 = 50 (the mean would be 49.33).
    // slope = (50 - 42) * 7 / 35 = 1.6 per week; intercept on day 0 = 42 - 8 * 7 / 35 = 40.4.
    // A 2, 4, 2 split would give (51.5 - 43.5) * 7 / 42 = 1.33; means 1.27.
    const t = tukeyTrend(weekly([40, 47, 42, 44, 46, 45, 53, 50]));
    expect(t?.slopePerWeek).toBeCloseTo(1.6, 12);
    expect(t?.intercept).toBeCloseTo(40.4, 12);
    expect([t?.first.count, t?.middleCount, t?.last.count]).toEqual([3, 2, 3]);
  });

  it("9 points on irregular dates: median dates of each third", () => {
    // Days 0, 3, 7 | 14, 17, 21 | 28, 30, 35 with 30, 34, 31 | 35, 37, 36 | 40, 43, 41.
    // First: median day 3, median score 31. Last: median day 30, median score 41.
    // slope = 10 * 7 / 27 = 70 / 27 = 2.592592... per week (mean days 3.33 and 31 would give 2.53).
    // intercept on day 0 = 31 + 10 * (0 - 3) / 27 = 31 - 10 / 9 = 269 / 9 = 29.888...
    const days = [0, 3, 7, 14, 17, 21, 28, 30, 35];
    const scores = [30, 34, 31, 35, 37, 36, 40, 43, 41];
    const t = tukeyTrend(days.map((d, i) => ({ date: day(d), score: scores[i] as number })));
    expect(t?.slopePerWeek).toBeCloseTo(70 / 27, 12);
    expect(t?.intercept).toBeCloseTo(269 / 9, 12);
    expect(t?.first).toEqual({ count: 3, medianDay: 3, medianScore: 31 });
    expect(t?.last).toEqual({ count: 3, medianDay: 30, medianScore: 41 });
  });

  it("splits points tied on a date by their order", () => {
    // Days 0, 7, 7, 14, 21, 28. With 44 before 43 on day 7 the first third is 40, 44:
    // median 42 at day 3.5; last third 50, 48: 49 at day 24.5; slope = 7 * 7 / 21 = 2.333...
    const a = tukeyTrend([
      { date: day(0), score: 40 },
      { date: day(7), score: 44 },
      { date: day(7), score: 43 },
      { date: day(14), score: 47 },
      { date: day(21), score: 50 },
      { date: day(28), score: 48 },
    ]);
    expect(a?.slopePerWeek).toBeCloseTo(7 / 3, 12);
    // With 43 first the first third is 40, 43: median 41.5; slope = 7.5 * 7 / 21 = 2.5.
    const b = tukeyTrend([
      { date: day(0), score: 40 },
      { date: day(7), score: 43 },
      { date: day(7), score: 44 },
      { date: day(14), score: 47 },
      { date: day(21), score: 50 },
      { date: day(28), score: 48 },
    ]);
    expect(b?.slopePerWeek).toBeCloseTo(2.5, 12);
  });

  it("counts x from a given origin", () => {
    // The 6-point line above from origin day 7 (2026-01-12): 42 + 7 * (7 - 3.5) / 28 = 42.875.
    const t = tukeyTrend(weekly([40, 44, 43, 47, 50, 48]), "2026-01-12");
    expect(t?.intercept).toBeCloseTo(42.875, 12);
    expect(t?.first.medianDay).toBe(-3.5);
    // On day 35: 42.875 + 1.75 * 4 = 49.875 = 41.125 + 1.75 * 5.
    expect(trendValueAt(t!, day(35))).toBeCloseTo(49.875, 12);
  });

  it("has no line for fewer than 2 points or outer thirds on one date", () => {
    expect(tukeyTrend([])).toBeUndefined();
    expect(tukeyTrend([{ date: day(0), score: 40 }])).toBeUndefined();
    expect(
      tukeyTrend([
        { date: day(7), score: 40 },
        { date: day(7), score: 44 },
        { date: day(7), score: 41 },
      ]),
    ).toBeUndefined();
  });

  it("draws 2 points as the line through them", () => {
    // Thirds 1, 0, 1: (0, 40) and (14, 46): 6 * 7 / 14 = 3 per week.
    const t = tukeyTrend([
      { date: day(0), score: 40 },
      { date: day(14), score: 46 },
    ]);
    expect(t?.slopePerWeek).toBeCloseTo(3, 12);
  });

  it("gives slope 0 (not -0) for all-equal scores", () => {
    const t = tukeyTrend(weekly([45, 45, 45, 45, 45, 45]));
    expect(Object.is(t?.slopePerWeek, 0)).toBe(true);
    expect(t?.intercept).toBe(45);
  });
});

describe("trendLine", () => {
  it("uses the district's method", () => {
    const points = weekly([40, 44, 43, 47, 50, 48]);
    expect(trendLine(points, "TUKEY")?.slopePerWeek).toBeCloseTo(1.75, 12);
    expect(trendLine(points, "OLS")?.slopePerWeek).toBeCloseTo(31 / 17.5, 12);
  });
});
