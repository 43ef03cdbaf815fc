// The evaluation clock on hand-checked dates. The calendar below is a made-up
// district's 2026-27 year: Thanksgiving (26-27 Nov 2026), a winter break from
// 21 Dec 2026 to 1 Jan 2027, Martin Luther King Jr. Day (18 Jan 2027) and
// Presidents' Day (15 Feb 2027). Every expected date was counted by hand on a
// paper calendar; the comments show the count.
import { describe, expect, it } from "vitest";
import { addSchoolDays, clockState, evaluationDeadline, isSchoolDay, lastSchoolDayOnOrBefore, schoolDaysBetween } from "@/domain/iep504/clock";

const WINTER_BREAK = ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"];
const CLOSED = new Set(["2026-11-26", "2026-11-27", ...WINTER_BREAK, "2027-01-18", "2027-02-15"]);
const NONE = new Set<string>();

describe("isSchoolDay / lastSchoolDayOnOrBefore", () => {
  it("knows weekends and the district's closed days", () => {
    expect(isSchoolDay("2026-12-04", CLOSED)).toBe(true); // Friday
    expect(isSchoolDay("2026-12-05", CLOSED)).toBe(false); // Saturday
    expect(isSchoolDay("2026-12-06", CLOSED)).toBe(false); // Sunday
    expect(isSchoolDay("2026-11-26", CLOSED)).toBe(false); // Thanksgiving
    expect(isSchoolDay("2026-11-26", NONE)).toBe(true);
  });

  it("goes back across a weekend and the whole winter break", () => {
    expect(lastSchoolDayOnOrBefore("2026-12-06", CLOSED)).toBe("2026-12-04");
    // Sunday 3 Jan 2027 -> back over the break to Friday 18 Dec 2026.
    expect(lastSchoolDayOnOrBefore("2027-01-03", CLOSED)).toBe("2026-12-18");
  });
});

describe("calendar days (the IDEA default: 60)", () => {
  const rule = { days: 60, count: "CALENDAR" as const };

  it("counts 60 calendar days from consent, weekends and holidays included", () => {
    // 1 Oct + 60: Oct has 30 more days (to 31 Oct), Nov 30 -> 30 Nov.
    expect(evaluationDeadline("2026-10-01", rule, CLOSED)).toEqual({ due: "2026-11-30", dueIsSchoolDay: true, lastSchoolDay: "2026-11-30" });
  });

  it("keeps the legal date when it falls on a non-school day, and names the last school day before it", () => {
    // 23 Oct + 60: 8 days to 31 Oct, 30 in Nov (38), 22 more -> 22 Dec, in the winter break.
    expect(evaluationDeadline("2026-10-23", rule, CLOSED)).toEqual({ due: "2026-12-22", dueIsSchoolDay: false, lastSchoolDay: "2026-12-18" });
    // 6 Oct + 60 -> 5 Dec, a Saturday: the team is done by Friday 4 Dec.
    expect(evaluationDeadline("2026-10-06", rule, CLOSED)).toEqual({ due: "2026-12-05", dueIsSchoolDay: false, lastSchoolDay: "2026-12-04" });
  });

  it("starts from a consent given on a non-school day like any other day", () => {
    // Consent on Saturday 3 Oct: + 60 -> 2 Dec (Wednesday).
    expect(evaluationDeadline("2026-10-03", rule, CLOSED).due).toBe("2026-12-02");
  });

  it("honours a state's other timeline (45 days)", () => {
    // 1 Oct + 45 -> 15 Nov, a Sunday; last school day Friday 13 Nov.
    expect(evaluationDeadline("2026-10-01", { days: 45, count: "CALENDAR" }, CLOSED)).toEqual({ due: "2026-11-15", dueIsSchoolDay: false, lastSchoolDay: "2026-11-13" });
  });
});

describe("school days", () => {
  const rule = { days: 60, count: "SCHOOL" as const };

  it("counts ten school days across a weekend: day 1 is the first school day after consent", () => {
    // Consent Monday 2 Nov: Tue 3 (1) ... Fri 6 (4), Mon 9 ... Fri 13 (9), Mon 16 (10).
    expect(addSchoolDays("2026-11-02", 10, CLOSED)).toBe("2026-11-16");
  });

  it("skips Thanksgiving", () => {
    // Consent Mon 23 Nov: Tue 24 (1), Wed 25 (2), Thu-Fri closed, Mon 30 (3), Tue 1 Dec (4), Wed 2 Dec (5).
    expect(addSchoolDays("2026-11-23", 5, CLOSED)).toBe("2026-12-02");
    expect(addSchoolDays("2026-11-23", 5, NONE)).toBe("2026-11-30");
  });

  it("skips the winter break", () => {
    // Consent Thu 17 Dec: Fri 18 (1), break to 1 Jan, Mon 4 Jan (2), Tue 5 (3).
    expect(addSchoolDays("2026-12-17", 3, CLOSED)).toBe("2027-01-05");
  });

  it("starts counting at the next school day after a consent given on a Saturday or during the break", () => {
    // Saturday 5 Dec: Mon 7 (1), Tue 8 (2), Wed 9 (3) - the same as a consent on Friday 4 Dec.
    expect(addSchoolDays("2026-12-05", 3, CLOSED)).toBe("2026-12-09");
    expect(addSchoolDays("2026-12-04", 3, CLOSED)).toBe("2026-12-09");
    // Consent on Wed 23 Dec (break): Mon 4 Jan is day 1.
    expect(addSchoolDays("2026-12-23", 1, CLOSED)).toBe("2027-01-04");
  });

  it("counts 60 school days across Thanksgiving, the winter break, MLK Day and Presidents' Day", () => {
    // Consent Mon 2 Nov 2026. School days: Nov 3-25 = 17 (Nov 3-6: 4, 9-13: 5, 16-20: 5, 23-25: 3);
    // Nov 30-Dec 18 = 15 (32); Jan 4-15 = 10 (42); Jan 19-22 = 4 (46); Jan 25-29 = 5 (51);
    // Feb 1-5 = 5 (56); Feb 8-11 = 4 (60) -> Thursday 11 Feb 2027.
    expect(evaluationDeadline("2026-11-02", rule, CLOSED)).toEqual({ due: "2027-02-11", dueIsSchoolDay: true, lastSchoolDay: "2027-02-11" });
    // Without the district's closed days, weekdays only: Nov 3-30 = 20; Dec = 23 (43);
    // Fri 1 Jan (44), Jan 4-8 (49), 11-15 (54), 18-22 (59), Mon 25 Jan 2027 (60).
    expect(evaluationDeadline("2026-11-02", rule, NONE).due).toBe("2027-01-25");
  });

  it("counts the school days between two dates, excluding the first", () => {
    expect(schoolDaysBetween("2026-11-23", "2026-12-02", CLOSED)).toBe(5);
    expect(schoolDaysBetween("2026-12-02", "2026-11-23", CLOSED)).toBe(0);
  });
});

describe("clockState", () => {
  it("says how many days are left, and school days left when counting school days", () => {
    const s = clockState("2026-11-23", { days: 5, count: "SCHOOL" }, CLOSED, "2026-11-25");
    // Due Wed 2 Dec; from Wed 25 Nov: 7 calendar days; school days after 25 Nov to 2 Dec: 30 Nov, 1, 2 Dec = 3.
    expect(s).toMatchObject({ due: "2026-12-02", daysLeft: 7, schoolDaysLeft: 3, overdue: false });
  });

  it("is overdue the day after the due date, not on it", () => {
    expect(clockState("2026-10-01", { days: 60, count: "CALENDAR" }, CLOSED, "2026-11-30")).toMatchObject({ daysLeft: 0, overdue: false, schoolDaysLeft: null });
    expect(clockState("2026-10-01", { days: 60, count: "CALENDAR" }, CLOSED, "2026-12-01")).toMatchObject({ daysLeft: -1, overdue: true });
  });
});
