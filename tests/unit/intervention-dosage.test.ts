// How the library words a recommended dosage and a group size (list and detail pages).
import { describe, expect, it } from "vitest";
import { dosagePhrase, groupSizeRange } from "@/server/interventions/schemas";

const none = { minutesPerSession: null, sessionsPerWeek: null, weeks: null, groupSizeMin: null, groupSizeMax: null };

describe("dosagePhrase", () => {
  it.each([
    [{ minutesPerSession: 30, sessionsPerWeek: 3, weeks: 12, groupSizeMin: 1, groupSizeMax: 5 }, "30 min × 3 a week for 12 weeks, groups of 1–5"],
    [{ minutesPerSession: 30, sessionsPerWeek: 5, weeks: 20, groupSizeMin: 1, groupSizeMax: 1 }, "30 min × 5 a week for 20 weeks, one to one"],
    [{ minutesPerSession: 20, sessionsPerWeek: 3 }, "20 min × 3 a week"],
    [{ sessionsPerWeek: 5, weeks: 1 }, "5 a week for 1 week"],
    [{ weeks: 8 }, "for 8 weeks"],
    [{ groupSizeMin: 3 }, "groups of 3 or more"],
    [{ minutesPerSession: 45, groupSizeMax: 6 }, "45 min, groups of up to 6"],
    [{}, null],
  ])("%j reads %j", (dosage, phrase) => {
    expect(dosagePhrase({ ...none, ...dosage })).toBe(phrase);
  });
});

describe("groupSizeRange", () => {
  it.each([
    [2, 2, "2"],
    [2, 5, "2–5"],
    [4, null, "4 or more"],
    [null, 6, "up to 6"],
    [null, null, null],
  ])("%s to %s is %j", (groupSizeMin, groupSizeMax, range) => {
    expect(groupSizeRange({ ...none, groupSizeMin, groupSizeMax })).toBe(range);
  });
});
