// Measures list and number rounding/formatting (DOMAIN.md step 5; issue 4).
// Every expectation is a hand-checked number, with the working beside it.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MEASURES,
  formatNumber,
  formatValue,
  measureByKey,
  nameInSentence,
  rateDecimalsOf,
  roundHalfAwayFromZero,
} from "@/domain/measures";

describe("DEFAULT_MEASURES", () => {
  it("has the thirteen district measures under stable snake_case keys", () => {
    expect(DEFAULT_MEASURES.map((m) => m.key)).toEqual([
      "orf_wcpm",
      "maze_correct",
      "letter_sound_fluency",
      "math_computation_dcpm",
      "math_concepts_points",
      "math_composite",
      "written_expression_cws",
      "behaviour_incidents_per_day",
      "cico_percent_points",
      "dbr_academic_engagement",
      "dbr_disruptive_behaviour",
      "minutes_tardy_per_week",
      "attendance_rate",
    ]);
    for (const m of DEFAULT_MEASURES) expect(m.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it("says which way is better: only incidents, disruptive DBR and tardy minutes are lower-is-better", () => {
    const lower = DEFAULT_MEASURES.filter((m) => m.direction === "lower").map((m) => m.key);
    expect(lower).toEqual(["behaviour_incidents_per_day", "dbr_disruptive_behaviour", "minutes_tardy_per_week"]);
  });

  it("bounds the percent scales at 0-100 and the DBR scales at 0-10", () => {
    const bounds = (key: string) => {
      const m = measureByKey(key);
      return [m?.min, m?.max];
    };
    expect(bounds("cico_percent_points")).toEqual([0, 100]);
    expect(bounds("attendance_rate")).toEqual([0, 100]);
    expect(bounds("dbr_academic_engagement")).toEqual([0, 10]);
    expect(bounds("dbr_disruptive_behaviour")).toEqual([0, 10]);
    expect(bounds("orf_wcpm")).toEqual([0, undefined]);
  });

  it("gives every measure a sentence phrase with exactly one {n}", () => {
    for (const m of DEFAULT_MEASURES) expect(m.phrase.split("{n}")).toHaveLength(2);
  });

  it("finds a measure by key, and nothing for an unknown key", () => {
    expect(measureByKey("orf_wcpm")?.name).toBe("ORF words correct per minute");
    expect(measureByKey("nope")).toBeUndefined();
  });

  it("shows rates with one more decimal than the scores unless told", () => {
    // ORF scores are whole words: 0 decimals -> rate 0 + 1 = 1 ("2.6 per week").
    expect(rateDecimalsOf(measureByKey("orf_wcpm")!)).toBe(1);
    // DBR ratings have 1 decimal -> rate 2 decimals ("0.45 lower per week").
    expect(rateDecimalsOf(measureByKey("dbr_disruptive_behaviour")!)).toBe(2);
    expect(rateDecimalsOf({ ...measureByKey("orf_wcpm")!, rateDecimals: 0 })).toBe(0);
  });

  it("lowers a leading capital inside a sentence, but not an acronym", () => {
    expect(nameInSentence(measureByKey("maze_correct")!)).toBe("maze correct responses");
    expect(nameInSentence(measureByKey("orf_wcpm")!)).toBe("ORF words correct per minute");
    expect(nameInSentence(measureByKey("cico_percent_points")!)).toBe("CICO percent of points earned");
  });
});

describe("roundHalfAwayFromZero", () => {
  it("rounds a typed half up even when the double is just below it", () => {
    // 2.55 is stored as 2.54999999999999982...; by hand 2.55 -> 2.6. (toFixed gives "2.5".)
    expect(roundHalfAwayFromZero(2.55, 1)).toBe(2.6);
    // 1.005 * 100 = 100.49999999999999 in doubles; by hand 1.005 -> 1.01.
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    // 2.45 -> 2.5 (half goes up, not to even: to-even would give 2.4).
    expect(roundHalfAwayFromZero(2.45, 1)).toBe(2.5);
    // 0.5 -> 1, 2.5 -> 3 (to-even would give 0 and 2).
    expect(roundHalfAwayFromZero(0.5, 0)).toBe(1);
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3);
  });

  it("rounds negative halves away from zero", () => {
    // -2.55 -> -2.6; -2.5 -> -3 (Math.round(-2.5) is -2).
    expect(roundHalfAwayFromZero(-2.55, 1)).toBe(-2.6);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
  });

  it("leaves non-halves to the nearest value", () => {
    // 2.549 -> 2.5 (the 4 in the second place decides); 31/12 = 2.58333 -> 2.6.
    expect(roundHalfAwayFromZero(2.549, 1)).toBe(2.5);
    expect(roundHalfAwayFromZero(31 / 12, 1)).toBe(2.6);
    // 3.125 -> 3.1 with one decimal (the 2 decides), 3.13 with two (a half, up).
    expect(roundHalfAwayFromZero(3.125, 1)).toBe(3.1);
    expect(roundHalfAwayFromZero(3.125, 2)).toBe(3.13);
  });

  it("never returns negative zero", () => {
    // -0.04 with one decimal is -0.0: shown as 0.
    expect(Object.is(roundHalfAwayFromZero(-0.04, 1), 0)).toBe(true);
  });

  it("handles numbers whose shortest form is exponential", () => {
    // 1e-7 with 2 decimals is 0.00; 1.5e21 has no fraction to round.
    expect(roundHalfAwayFromZero(1e-7, 2)).toBe(0);
    expect(roundHalfAwayFromZero(1.5e21, 0)).toBe(1.5e21);
    // 123456789012345680000 prints without an exponent, but shifted one place it passes 1e21.
    expect(roundHalfAwayFromZero(1.2345678901234568e20, 1)).toBe(1.2345678901234568e20);
  });

  it("refuses non-finite values and bad decimals", () => {
    expect(() => roundHalfAwayFromZero(Number.NaN, 1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(Infinity, 1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });
});

describe("formatNumber / formatValue", () => {
  it("writes the rounded number without trailing zeros", () => {
    expect(formatNumber(72, 0)).toBe("72");
    expect(formatNumber(2.6, 2)).toBe("2.6"); // not "2.60"
    expect(formatNumber(3, 1)).toBe("3"); // not "3.0"
    expect(formatNumber(71.5, 0)).toBe("72"); // half up
    expect(formatNumber(-0.04, 1)).toBe("0"); // not "-0"
  });

  it("uses the measure's decimals", () => {
    // Attendance keeps 1 decimal: 86.25 -> 86.3 (exact half in binary too, away from zero).
    expect(formatValue(measureByKey("attendance_rate")!, 86.25)).toBe("86.3");
    // ORF keeps none: 41.5 -> 42.
    expect(formatValue(measureByKey("orf_wcpm")!, 41.5)).toBe("42");
  });
});
