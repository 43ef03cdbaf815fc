// Issue 13, the assistant's day: Today lists the scheduled sessions of earlier
// school days this week that nobody logged (each with a link to log it for
// that day), and on a day with nothing scheduled says what is next.
//
// "Now" is faked (only Date): Thursday 3 December 2026, then Friday 4 December.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getToday } from "@/server/sessions/queries";
import { makeDistrict, makePlan, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));

let assistant: Person;
let other: Person;
const plan: Record<string, string> = {};
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T15:00:00Z") });
  await asOwner(async (tx) => {
    const districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    const schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    assistant = await makePerson(tx, { districtId, role: "ASSISTANT", name: "Jordan Lee", schoolIds: [schoolId] });
    other = await makePerson(tx, { districtId, role: "ASSISTANT", name: "Ari Lund", schoolIds: [schoolId] });
    const specialist = await makePerson(tx, { districtId, role: "SPECIALIST", name: "Sam Patel", schoolIds: [schoolId] });
    const kid = async (first: string) => (await makeStudent(tx, { districtId, schoolId, legalFirstName: first, legalLastName: "Reed" })).id;
    const [maya, leo, ana, bo] = [await kid("Maya"), await kid("Leo"), await kid("Ana"), await kid("Bo")];
    const make = (key: string, o: { title: string; students: string[]; days: number[]; time: string | null; start?: string; by?: Person }) =>
      makePlan(tx, {
        districtId,
        schoolId,
        createdByUserId: specialist.userId,
        studentIds: o.students,
        customIntervention: o.title,
        scheduleDays: o.days,
        scheduleTime: o.time,
        startDate: day(o.start ?? "2026-09-21"),
        interventionistMembershipIds: [(o.by ?? assistant).membershipId],
      }).then((p) => (plan[key] = p.id));
    // Mon, Tue, Thu at 10:30 for a group: Monday logged, Tuesday not.
    await make("rn", { title: "Read Naturally", students: [maya, leo], days: [1, 2, 4], time: "10:30" });
    await makeSession(tx, { districtId, planId: plan.rn!, loggedByUserId: assistant.userId, date: day("2026-11-30") });
    // Wednesday at 13:00 for one student: logged as "school closed" (a closure is a log, not a miss).
    await make("math", { title: "Math facts", students: [ana], days: [3], time: "13:00" });
    await makeSession(tx, { districtId, planId: plan.math!, loggedByUserId: other.userId, date: day("2026-12-02"), minutes: null, status: "SCHOOL_CLOSED" });
    // Mon and Tue, but it started on Wednesday: nothing missed yet.
    await make("late", { title: "Phonics", students: [bo], days: [1, 2], time: "09:00", start: "2026-12-02" });
    // Someone else's plan with a missed Monday: not this assistant's.
    await make("theirs", { title: "Writing lab", students: [bo], days: [1], time: "11:00", by: other });
    // Last week's Friday, not logged: not this week.
    await make("friday", { title: "Spelling", students: [maya], days: [5], time: "14:00" });
  });
});

afterAll(() => {
  vi.useRealTimers();
});

describe("Today's sessions not logged earlier this week", () => {
  it("lists Tuesday's Read Naturally group, which nobody logged, and nothing that was logged, closed, not started or not theirs", async () => {
    const t = await getToday(assistant.ctx);
    expect(t.today).toBe("2026-12-03");
    expect(t.missed).toEqual([{ planId: plan.rn, title: "Read Naturally", students: "Leo Reed and Maya Reed", date: "2026-12-01", weekday: 2, scheduleTime: "10:30" }]);
  });

  it("counts a session logged later for that day: the day is no longer missed", async () => {
    await asOwner(async (tx) => {
      const districtId = (await tx.interventionPlan.findUniqueOrThrow({ where: { id: plan.rn! } })).districtId;
      await makeSession(tx, { districtId, planId: plan.rn!, loggedByUserId: assistant.userId, date: day("2026-12-01"), status: "STUDENT_ABSENT", minutes: null });
    });
    expect((await getToday(assistant.ctx)).missed).toEqual([]);
  });

  it("shows another assistant only their own missed sessions", async () => {
    expect((await getToday(other.ctx)).missed.map((m) => [m.title, m.date])).toEqual([["Writing lab", "2026-11-30"]]);
  });
});

describe("a day with nothing scheduled", () => {
  it("has no next when something meets today", async () => {
    expect((await getToday(assistant.ctx)).next).toBeNull();
  });

  it("says what is next, in order of time", async () => {
    // Saturday: nothing meets at weekends; Monday is next.
    vi.setSystemTime(new Date("2026-12-05T15:00:00Z"));
    const t = await getToday(assistant.ctx);
    expect(t.plans.some((p) => p.scheduledToday)).toBe(false);
    expect(t.next).toEqual({
      date: "2026-12-07",
      weekday: 1,
      plans: [
        { id: plan.late, title: "Phonics", students: "Bo Reed", scheduleTime: "09:00" },
        { id: plan.rn, title: "Read Naturally", students: "Leo Reed and Maya Reed", scheduleTime: "10:30" },
      ],
    });
    // Saturday: Friday's Spelling was not logged; Thursday's Read Naturally neither.
    expect(t.missed.map((m) => [m.title, m.date])).toEqual([
      ["Read Naturally", "2026-12-03"],
      ["Spelling", "2026-12-04"],
    ]);
  });
});
