// Probe entry checks (issue 6 "Bad input"): the score against the measure
// (number, decimals, range), the date against the plan and today, the note.
import { describe, expect, it } from "vitest";
import { measureByKey, type Measure } from "@/domain/measures";
import { checkProbe, parseNote, parseScore, probeDateProblem, scoreRule } from "@/domain/probes";

const measure = (key: string): Measure => measureByKey(key)!;
const ORF = measure("orf_wcpm"); // min 0, whole numbers
const DBR = measure("dbr_academic_engagement"); // 0-10, one decimal
const CICO = measure("cico_percent_points"); // 0-100, whole numbers

describe("scoreRule", () => {
  it.each([
    [ORF, "A whole number, 0 or more."],
    [CICO, "A whole number from 0 to 100."],
    [DBR, "From 0 to 10, with up to 1 decimal place."],
    [{ ...DBR, min: undefined, max: undefined, decimals: 2 }, "Any number, with up to 2 decimal places."],
    [{ ...ORF, min: undefined, max: 5 }, "A whole number, 5 or less."],
  ])("says what a score may be: %#", (m, text) => {
    expect(scoreRule(m)).toBe(text);
  });
});

describe("parseScore", () => {
  it.each([
    [ORF, "41", 41],
    [ORF, " 41 ", 41],
    [ORF, "0", 0],
    [ORF, "41.", 41],
    [ORF, "41.0", 41],
    [DBR, "7.5", 7.5],
    [DBR, "7.50", 7.5],
    [DBR, ".5", 0.5],
    [DBR, "10", 10],
    [CICO, "100", 100],
  ])("accepts %#: %s", (m, text, value) => {
    expect(parseScore(m, text)).toEqual({ ok: true, value });
  });

  it.each([
    [ORF, "", "Enter the score."],
    [ORF, "   ", "Enter the score."],
    [ORF, "forty", "Enter the score as a number, for example 41."],
    [ORF, "4,5", "Enter the score as a number, for example 41."],
    [ORF, "1e3", "Enter the score as a number, for example 41."],
    [DBR, "7,5", "Enter the score as a number, for example 7 or 7.5."],
    [ORF, "41.5", "Scores of ORF words correct per minute are whole numbers: check the score and enter it as given."],
    [DBR, "7.25", "Scores of DBR academic engagement (0-10) have at most 1 decimal place: check the score and enter it as given."],
    [ORF, "-1", "The score cannot be below 0 for ORF words correct per minute."],
    [DBR, "10.5", "The score must be between 0 and 10 for DBR academic engagement (0-10)."],
    [CICO, "101", "The score must be between 0 and 100 for CICO percent of points earned."],
  ])("refuses %#: %s", (m, text, message) => {
    expect(parseScore(m, text)).toEqual({ ok: false, message });
  });
});

describe("probeDateProblem", () => {
  const start = "2026-11-02";
  const today = "2026-12-01";
  it("accepts the plan's start date, today and any day between", () => {
    for (const d of ["2026-11-02", "2026-11-17", "2026-12-01"]) expect(probeDateProblem(d, start, today)).toBeUndefined();
  });
  it.each([
    ["", "Enter the date the probe was given."],
    ["2026-02-30", "Enter the date as a full date (year, month and day)."],
    ["1/12/2026", "Enter the date as a full date (year, month and day)."],
    ["2026-12-02", "The probe date cannot be in the future."],
    ["2026-11-01", "The probe date cannot be before the plan's start date (2 November)."],
  ])("refuses %j", (date, message) => {
    expect(probeDateProblem(date, start, today)).toBe(message);
  });
  it("names the start's year when it is not the probe's", () => {
    expect(probeDateProblem("2025-12-31", "2026-01-05", "2026-02-01")).toBe("The probe date cannot be before the plan's start date (5 January 2026).");
  });
});

describe("parseNote", () => {
  it("trims, stores blank as none and refuses more than 500 characters", () => {
    expect(parseNote("  read the grade 3 passage ")).toEqual({ ok: true, value: "read the grade 3 passage" });
    expect(parseNote("   ")).toEqual({ ok: true, value: null });
    expect(parseNote(undefined)).toEqual({ ok: true, value: null });
    expect(parseNote("x".repeat(500))).toEqual({ ok: true, value: "x".repeat(500) });
    expect(parseNote("x".repeat(501))).toEqual({ ok: false, message: "Use at most 500 characters." });
  });
});

describe("checkProbe", () => {
  const base = { measure: ORF, planStartDate: "2026-11-02", today: "2026-12-01" };
  it("returns the values to store", () => {
    expect(checkProbe({ ...base, score: "44", date: "2026-11-30", note: " " })).toEqual({ ok: true, score: 44, date: "2026-11-30", note: null });
  });
  it("lists every problem in the form's order", () => {
    expect(checkProbe({ ...base, score: "x", date: "2027-01-01", note: "y".repeat(501) })).toEqual({
      ok: false,
      problems: [
        { field: "date", message: "The probe date cannot be in the future." },
        { field: "score", message: "Enter the score as a number, for example 41." },
        { field: "note", message: "Use at most 500 characters." },
      ],
    });
  });
});
