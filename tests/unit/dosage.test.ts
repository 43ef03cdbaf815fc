// Dosage and fidelity arithmetic (issue 5 "Underneath"): planned sessions and
// minutes from phases and schedule (partial weeks, school-closed days), what
// was delivered per plan and per student, attendance, fidelity and flags.
// Every expected number is worked out by hand in the comment beside it.
// Calendar: 2026-09-21 is a Monday.
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysNotPlanned,
  DEFAULT_THRESHOLDS,
  dosageHeadline,
  dosagePeriods,
  formatAmount,
  formatPercent,
  isoWeekday,
  minutesReceived,
  planDosage,
  plannedDosage,
  planTotals,
  studentDosage,
  studentTotals,
  weekStart,
  type AttendanceRecord,
  type DosagePlan,
  type SessionRecord,
  type StudentSessionRecord,
} from "@/domain/dosage";

const MWF: DosagePlan = {
  startDate: "2026-09-21",
  endDate: null,
  scheduleDays: [1, 3, 5],
  phases: [{ startDate: "2026-09-21", sessionsPerWeek: 3, minutesPerSession: 30 }],
};

describe("days and weeks", () => {
  it("knows the ISO weekday and the Monday of a week", () => {
    expect(isoWeekday("2026-09-21")).toBe(1); // Monday
    expect(isoWeekday("2026-09-27")).toBe(7); // Sunday
    expect(isoWeekday("2026-12-01")).toBe(2); // Tuesday
    expect(weekStart("2026-09-27")).toBe("2026-09-21"); // Sunday belongs to the week that began on Monday
    expect(weekStart("2026-09-21")).toBe("2026-09-21");
    expect(weekStart("2026-10-01")).toBe("2026-09-28"); // Thursday, across the month end
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-09-30", 1)).toBe("2026-10-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-10-05", -21)).toBe("2026-09-14");
  });

  it("rejects a date that does not exist", () => {
    expect(() => isoWeekday("2026-02-30")).toThrow(RangeError);
  });

  it("has this week from Monday, the last four weeks from three Mondays before, since the start, all up to today", () => {
    // Wednesday 14 October: Monday 12 October; 12 October - 21 days = 21 September.
    expect(dosagePeriods("2026-09-23", "2026-10-14")).toEqual({
      week: { from: "2026-10-12", to: "2026-10-14" },
      last4Weeks: { from: "2026-09-21", to: "2026-10-14" },
      sinceStart: { from: "2026-09-23", to: "2026-10-14" },
    });
  });
});

describe("plannedDosage", () => {
  it("plans one session on each scheduled day of a full week", () => {
    // Mon, Wed, Fri x 3/3 = 3 sessions; 3 x 30 = 90 minutes.
    expect(plannedDosage(MWF, { from: "2026-09-21", to: "2026-09-27" })).toEqual({ sessions: 3, minutes: 90 });
  });

  it("counts only the scheduled days of a partial week, and none before the plan starts", () => {
    // From Wednesday: Wed and Fri = 2 sessions, 60 minutes.
    expect(plannedDosage(MWF, { from: "2026-09-23", to: "2026-09-27" })).toEqual({ sessions: 2, minutes: 60 });
    // The week before the start plans nothing: still 3 sessions over two weeks.
    expect(plannedDosage(MWF, { from: "2026-09-14", to: "2026-09-27" })).toEqual({ sessions: 3, minutes: 90 });
    // Up to Tuesday: Monday only.
    expect(plannedDosage(MWF, { from: "2026-09-21", to: "2026-09-22" })).toEqual({ sessions: 1, minutes: 30 });
  });

  it("pro-rates a plan with no fixed days over the school weekdays", () => {
    const free = { ...MWF, scheduleDays: [] };
    // Monday to Wednesday: 3 weekdays x 3/5 = 1.8 sessions; x 30 = 54 minutes.
    const part = plannedDosage(free, { from: "2026-09-21", to: "2026-09-23" });
    expect(part.sessions).toBeCloseTo(1.8, 10);
    expect(part.minutes).toBeCloseTo(54, 10);
    // A full week: 5 x 3/5 = 3 sessions, 90 minutes.
    const week = plannedDosage(free, { from: "2026-09-21", to: "2026-09-27" });
    expect(week.sessions).toBeCloseTo(3, 10);
    expect(week.minutes).toBeCloseTo(90, 10);
    // A weekend plans nothing.
    expect(plannedDosage(free, { from: "2026-09-26", to: "2026-09-27" })).toEqual({ sessions: 0, minutes: 0 });
  });

  it("changes dosage at each phase's start date", () => {
    const plan: DosagePlan = {
      startDate: "2026-09-21",
      endDate: null,
      scheduleDays: [1, 2, 3, 4, 5],
      phases: [
        // Given out of order on purpose.
        { startDate: "2026-10-05", sessionsPerWeek: 5, minutesPerSession: 20 },
        { startDate: "2026-09-21", sessionsPerWeek: 3, minutesPerSession: 30 },
      ],
    };
    // Week of 28 Sep: 5 days x 3/5 = 3 sessions x 30 = 90 min.
    // Week of 5 Oct: 5 days x 5/5 = 5 sessions x 20 = 100 min. Total 8 sessions, 190 min.
    const planned = plannedDosage(plan, { from: "2026-09-28", to: "2026-10-09" });
    expect(planned.sessions).toBeCloseTo(8, 10);
    expect(planned.minutes).toBeCloseTo(190, 10);
  });

  it("leaves out school-closed days", () => {
    // Wednesday closed: Mon and Fri = 2 sessions, 60 minutes.
    expect(plannedDosage(MWF, { from: "2026-09-21", to: "2026-09-27" }, new Set(["2026-09-23"]))).toEqual({ sessions: 2, minutes: 60 });
    // A closed day the plan does not meet on changes nothing.
    expect(plannedDosage(MWF, { from: "2026-09-21", to: "2026-09-27" }, new Set(["2026-09-22"]))).toEqual({ sessions: 3, minutes: 90 });
  });

  it("stops at the plan's end date", () => {
    // Ended on Wednesday: Mon and Wed.
    expect(plannedDosage({ ...MWF, endDate: "2026-09-23" }, { from: "2026-09-21", to: "2026-09-27" })).toEqual({ sessions: 2, minutes: 60 });
  });

  it("shares more sessions than meeting days among them", () => {
    // 4 a week on Tuesday and Thursday: 2 per day; a week = 4 sessions x 25 = 100 min.
    const plan = { ...MWF, scheduleDays: [2, 4], phases: [{ startDate: "2026-09-21", sessionsPerWeek: 4, minutesPerSession: 25 }] };
    expect(plannedDosage(plan, { from: "2026-09-21", to: "2026-09-27" })).toEqual({ sessions: 4, minutes: 100 });
  });
});

// A group of three on the MWF plan. Today is Friday 2 October.
const TODAY = "2026-10-02";
// Sessions as logged, with every student's attendance row; the records the
// functions take are made from them below.
type Logged = Omit<SessionRecord, "offered" | "attended"> & { attendance: AttendanceRecord[] };
const held = (date: string, minutes: number, delivered: number, attendance: AttendanceRecord[]): Logged => ({
  date,
  status: "HELD",
  minutes,
  componentsExpected: 3,
  componentsDelivered: delivered,
  attendance,
});
const P = { status: "PRESENT", minutes: null } as const;
const A = { status: "ABSENT", minutes: null } as const;
const LOGGED: Logged[] = [
  held("2026-09-21", 30, 3, [P, P, { status: "PARTIAL", minutes: 20 }]),
  held("2026-09-23", 30, 2, [P, A, P]),
  { date: "2026-09-25", status: "SCHOOL_CLOSED", minutes: null, componentsExpected: 3, componentsDelivered: 0, attendance: [] },
  { date: "2026-09-28", status: "STUDENT_ABSENT", minutes: null, componentsExpected: 3, componentsDelivered: 0, attendance: [A, A, A] },
  { date: "2026-09-30", status: "CANCELLED", minutes: null, componentsExpected: 3, componentsDelivered: 0, attendance: [] },
  held("2026-10-02", 25, 1, [P, P, P]),
];
const forPlan = (sessions: Logged[]): SessionRecord[] =>
  sessions.map(({ attendance, ...s }) => ({ ...s, offered: attendance.length, attended: attendance.filter((a) => a.status !== "ABSENT").length }));
const GROUP = forPlan(LOGGED);
const onlyStudent = (i: number): StudentSessionRecord[] => LOGGED.map(({ attendance, ...s }) => ({ ...s, attendance: attendance[i] ?? null }));

describe("planTotals", () => {
  it("counts held sessions and their minutes, attendance over offered sessions, fidelity over held sessions", () => {
    const t = planTotals(GROUP, dosagePeriods(MWF.startDate, TODAY));
    // Held: 21, 23 Sep and 2 Oct; 30 + 30 + 25 = 85 minutes.
    // Offered rows: 3 (21st) + 3 (23rd) + 3 (28th, all absent) + 3 (2nd) = 12; attended 3 + 2 + 0 + 3 = 8.
    // Components over held sessions: expected 3 x 3 = 9, delivered 3 + 2 + 1 = 6.
    expect(t.sinceStart).toEqual({ delivered: { sessions: 3, minutes: 85 }, offered: 12, attended: 8, componentsExpected: 9, componentsDelivered: 6 });
    // This week (28 Sep - 2 Oct): held 2 Oct only; offered 3 + 3, attended 3.
    expect(t.week).toEqual({ delivered: { sessions: 1, minutes: 25 }, offered: 6, attended: 3, componentsExpected: 3, componentsDelivered: 1 });
  });

  it("never counts more components delivered than a session expects", () => {
    const t = planTotals(forPlan([held("2026-09-21", 30, 5, [P])]), dosagePeriods(MWF.startDate, TODAY));
    expect(t.sinceStart.componentsDelivered).toBe(3);
  });
});

describe("studentTotals and minutesReceived", () => {
  it("counts a group session once for each student present, partial attendance with its own minutes", () => {
    const periods = dosagePeriods(MWF.startDate, TODAY);
    // Student 3: partial 20 (21st), present 30 (23rd), absent (28th), present 25 (2nd): 3 sessions, 75 minutes;
    // attended 3 of 4 offered; components of the sessions attended 3 + 2 + 1 = 6 of 9.
    expect(studentTotals(onlyStudent(2), periods).sinceStart).toEqual({ delivered: { sessions: 3, minutes: 75 }, offered: 4, attended: 3, componentsExpected: 9, componentsDelivered: 6 });
    // Student 2: present 21st (30), absent 23rd, absent 28th, present 2nd (25): 2 sessions, 55 minutes; 2 of 4; components 3 + 1 of 6.
    expect(studentTotals(onlyStudent(1), periods).sinceStart).toEqual({ delivered: { sessions: 2, minutes: 55 }, offered: 4, attended: 2, componentsExpected: 6, componentsDelivered: 4 });
  });

  it("gives the session's minutes when present, the partial minutes (at most the session's) when partial, none when absent", () => {
    expect(minutesReceived(30, P)).toBe(30);
    expect(minutesReceived(30, { status: "PARTIAL", minutes: 12 })).toBe(12);
    expect(minutesReceived(30, { status: "PARTIAL", minutes: 45 })).toBe(30);
    expect(minutesReceived(30, { status: "PARTIAL", minutes: null })).toBe(30);
    expect(minutesReceived(30, A)).toBe(0);
  });
});

describe("planDosage and studentDosage", () => {
  it("compares planned with delivered per period, without the closed day, and flags the last four weeks", () => {
    const s = planDosage(MWF, GROUP, TODAY, DEFAULT_THRESHOLDS);
    expect(daysNotPlanned(LOGGED, TODAY)).toEqual(new Set(["2026-09-25"]));
    // Planned since the start: 21, 23, (25 closed), 28, 30 Sep, 2 Oct = 5 sessions, 150 minutes.
    expect(s.periods.sinceStart.planned).toEqual({ sessions: 5, minutes: 150 });
    expect(s.periods.sinceStart.delivered).toEqual({ sessions: 3, minutes: 85 });
    // 85 / 150 = 56.67%; attendance 8 / 12 = 66.67%; fidelity 6 / 9 = 66.67%.
    expect(s.periods.sinceStart.minutesPercent).toBeCloseTo(56.6667, 3);
    expect(s.periods.sinceStart.attendancePercent).toBeCloseTo(66.6667, 3);
    expect(s.periods.sinceStart.fidelityPercent).toBeCloseTo(66.6667, 3);
    // This week: planned 28, 30 Sep, 2 Oct = 3 sessions, 90 min; delivered 25 / 90 = 27.78%.
    expect(s.periods.week.planned).toEqual({ sessions: 3, minutes: 90 });
    expect(s.periods.week.minutesPercent).toBeCloseTo(27.7778, 3);
    // The last four weeks start on 7 Sep, before the plan: the same as since the start.
    expect(s.periods.last4Weeks.planned).toEqual({ sessions: 5, minutes: 150 });
    expect(s.flags).toEqual({ minutes: true, fidelity: true });
    expect(s.flagged).toBe(true);
  });

  it("does not plan today until one of today's sessions is logged", () => {
    // Today is Friday 2 October; without its session the week plans Mon 28 and Wed 30 only.
    const morning = GROUP.filter((s) => s.date !== TODAY);
    expect(daysNotPlanned(morning, TODAY)).toEqual(new Set(["2026-09-25", TODAY]));
    expect(planDosage(MWF, morning, TODAY, DEFAULT_THRESHOLDS).periods.week.planned).toEqual({ sessions: 2, minutes: 60 });
  });

  it("gives each student their own figures on the plan's planned dosage", () => {
    const s = studentDosage(MWF, onlyStudent(2), TODAY, DEFAULT_THRESHOLDS);
    // 75 / 150 = 50%; attendance 3 / 4 = 75%.
    expect(s.periods.sinceStart.minutesPercent).toBeCloseTo(50, 10);
    expect(s.periods.sinceStart.attendancePercent).toBeCloseTo(75, 10);
    expect(s.flags.minutes).toBe(true);
  });

  it("flags below the threshold only: exactly the threshold is not a flag", () => {
    // One week, 3 planned x 30 = 90 min; delivered 24 + 24 + 24 = 72 = 80% exactly, components 12 of 15 = 80%.
    const week: SessionRecord[] = ["2026-09-21", "2026-09-23", "2026-09-25"].map((date, i) => ({
      date,
      status: "HELD",
      minutes: 24,
      componentsExpected: 5,
      componentsDelivered: i === 0 ? 2 : 5,
      offered: 1,
      attended: 1,
    }));
    const exact = planDosage(MWF, week, "2026-09-25", DEFAULT_THRESHOLDS);
    expect(exact.periods.week.minutesPercent).toBeCloseTo(80, 10);
    expect(exact.flagged).toBe(false);
    // A district threshold of 85% flags both.
    const strict = planDosage(MWF, week, "2026-09-25", { dosage: 85, fidelity: 85 });
    expect(strict.flags).toEqual({ minutes: true, fidelity: true });
  });

  it("does not flag what cannot be compared: nothing planned yet, or a custom intervention with no checklist", () => {
    // Today is before the start: nothing planned, nothing delivered.
    const early = planDosage(MWF, [], "2026-09-20", DEFAULT_THRESHOLDS);
    expect(early.periods.sinceStart.planned).toEqual({ sessions: 0, minutes: 0 });
    expect(early.periods.sinceStart.minutesPercent).toBeNull();
    expect(early.flagged).toBe(false);
    // A custom intervention: no components expected, fidelity not measured.
    const custom = planDosage(MWF, forPlan([{ ...held("2026-09-21", 30, 0, [P]), componentsExpected: 0 }]), "2026-09-21", DEFAULT_THRESHOLDS);
    expect(custom.periods.sinceStart.fidelityPercent).toBeNull();
    expect(custom.flags).toEqual({ minutes: false, fidelity: false });
  });

  it("judges flags on the last four weeks, not on an early stretch before them", () => {
    // Nothing delivered in the first two weeks (21 Sep - 4 Oct), every session since (5 Oct - 30 Oct).
    const sessions: Logged[] = [];
    for (let d = "2026-10-05"; d <= "2026-10-30"; d = addDays(d, 1)) if ([1, 3, 5].includes(isoWeekday(d))) sessions.push(held(d, 30, 3, [P]));
    const s = planDosage(MWF, forPlan(sessions), "2026-10-30", DEFAULT_THRESHOLDS);
    // Last four weeks = 5 Oct (Monday of 26 Oct - 21 days) to 30 Oct: 12 planned, 12 held.
    expect(s.periods.last4Weeks.minutesPercent).toBeCloseTo(100, 10);
    // Since the start: 18 planned, 12 held = 66.67%, shown as below, but not the flag.
    expect(s.periods.sinceStart.minutesBelow).toBe(true);
    expect(s.flagged).toBe(false);
  });
});

describe("formatting", () => {
  it("writes amounts with at most one decimal and percentages rounded down", () => {
    expect(formatAmount(3)).toBe("3");
    expect(formatAmount(1.8)).toBe("1.8");
    expect(formatAmount(1.7999999)).toBe("1.8");
    expect(formatPercent(79.99)).toBe("79%");
    expect(formatPercent(80)).toBe("80%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("a plan that has not started yet (issue 13)", () => {
  // MWF starts Monday 21 September 2026; today is Thursday 17 September, four days before.
  it("says it has not started and when it will, instead of 'on track' with zeros", () => {
    const summary = planDosage(MWF, [], "2026-09-17", DEFAULT_THRESHOLDS);
    expect(summary.startsOn).toBe("2026-09-21");
    expect(summary.periods.last4Weeks.planned).toEqual({ sessions: 0, minutes: 0 });
    expect(summary.flagged).toBe(false);
    expect(dosageHeadline(summary)).toEqual({
      kind: "not-started",
      text: "Not started yet: the plan starts on 21 September (in 4 days). Sessions are planned and counted from that day.",
    });
    // The day before: tomorrow. A start in another year names the year.
    expect(dosageHeadline(planDosage(MWF, [], "2026-09-20", DEFAULT_THRESHOLDS)).text).toContain("starts on 21 September (tomorrow)");
    expect(dosageHeadline(planDosage({ ...MWF, startDate: "2027-01-04" }, [], "2026-12-30", DEFAULT_THRESHOLDS)).text).toContain("starts on 4 January 2027 (in 5 days)");
    expect(studentDosage(MWF, [], "2026-09-17", DEFAULT_THRESHOLDS).startsOn).toBe("2026-09-21");
  });

  it("counts as started on its start day: on track, or below threshold with the reasons", () => {
    const first = planDosage(MWF, [], "2026-09-21", DEFAULT_THRESHOLDS);
    expect(first.startsOn).toBeNull();
    // Nothing is planned yet on the start day (today is not over), so nothing is below.
    expect(dosageHeadline(first)).toEqual({ kind: "on-track", text: "On track over the last 4 weeks (thresholds: minutes 80%, fidelity 80%)." });
    // A week later with nothing logged: 3 sessions x 30 = 90 minutes planned (Mon, Wed, Fri), 0 delivered = 0%.
    expect(dosageHeadline(planDosage(MWF, [], "2026-09-28", DEFAULT_THRESHOLDS))).toEqual({
      kind: "below",
      text: "Below threshold over the last 4 weeks: delivered minutes 0% (threshold 80%).",
    });
  });
});
