// A school's behaviour overview and a student's behaviour section (issue 15):
// the big five and rates from the database's incidents, who may see them, and
// the audit events they write.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { schoolDaysBetween } from "@/domain/behavior";
import { installDefaultCodes } from "@/server/behavior/codes";
import { getBehaviorOverview, getStudentBehavior, studentSummaryOf } from "@/server/behavior/queries";
import { makeCaseloadAssignment, makeDistrict, makeIncident, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
const school = { north: "", south: "" };
const students: string[] = [];
let admin: Person;
let coordinator: Person; // North
let southCoordinator: Person;
let specialist: Person;
let assistant: Person; // serves students[0]

const daysAgo = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
const today = daysAgo(0);
/** The Monday 3 weeks before this week's Monday: the first incident's day, always in this school year's range unless early August. */
const firstDay = (() => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 21);
  return d.toISOString().slice(0, 10);
})();

beforeAll(async () => {
  const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle" })).id;
    for (let i = 0; i < 8; i++) students.push((await makeStudent(tx, { districtId, schoolId: school.north })).id);
    await makeStudent(tx, { districtId, schoolId: school.north, archivedAt: new Date() }); // not enrolled: not counted
    await makeStudent(tx, { districtId, schoolId: school.south });
    await installDefaultCodes(tx, districtId);
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sid South", "COORDINATOR", [school.south]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: students[0]!, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
    const code = async (key: string) => (await tx.behaviorCode.findFirstOrThrow({ where: { districtId, code: key } })).id;
    const [defiance, fighting, cafeteria, classroom, avoid] = [await code("M_DEFIANCE"), await code("J_FIGHTING"), await code("CAFETERIA"), await code("CLASSROOM"), await code("AVOID_TASK")];
    const base = { districtId, schoolId: school.north, reportedByUserId: specialist.userId };
    const at = (day: string, minute: number) => ({ occurredOn: new Date(`${day}T00:00:00Z`), occurredMinute: minute });
    // students[0]: 3 incidents (2 defiance in the cafeteria at 12:xx, 1 fighting in class at 14:10); students[1]: 1.
    await makeIncident(tx, { ...base, studentId: students[0]!, behaviorCodeId: defiance, locationCodeId: cafeteria, motivationCodeId: avoid, othersInvolved: ["PEERS"], ...at(firstDay, 12 * 60 + 5) });
    await makeIncident(tx, { ...base, studentId: students[0]!, behaviorCodeId: defiance, locationCodeId: cafeteria, motivationCodeId: avoid, othersInvolved: ["PEERS"], ...at(daysAgo(1), 12 * 60 + 40) });
    await makeIncident(tx, { ...base, studentId: students[0]!, behaviorCodeId: fighting, severity: "MAJOR", locationCodeId: classroom, othersInvolved: ["PEERS", "TEACHER"], ...at(daysAgo(1), 14 * 60 + 10) });
    await makeIncident(tx, { ...base, studentId: students[1]!, behaviorCodeId: defiance, locationCodeId: classroom, ...at(daysAgo(2), 9 * 60) });
    // An archived (removed) incident is not counted.
    await makeIncident(tx, { ...base, studentId: students[1]!, behaviorCodeId: defiance, locationCodeId: classroom, archivedAt: new Date(), ...at(daysAgo(2), 9 * 60) });
  });
});

describe("getBehaviorOverview", () => {
  it("gives the coordinator their school's counts, the rate per 100 students per school day and the big five, and audits the view", async () => {
    const o = await getBehaviorOverview(coordinator.ctx, {});
    if (!o.school) throw new Error("no school");
    const days = schoolDaysBetween(firstDay, today);
    expect(o).toMatchObject({ school: { id: school.north }, students: 8, majors: 1, minors: 3, since: firstDay, schoolDays: days });
    // 4 incidents / 8 students x 100 = 50 per 100 students, over the school days.
    expect(o.rate).toBeCloseTo(50 / days, 10);
    expect(o.majorRate).toBeCloseTo(12.5 / days, 10);
    expect(o.five.behaviors.map((t) => [t.label, t.count, t.percent])).toEqual([["Defiance or non-compliance", 3, 75], ["Fighting", 1, 25]]);
    expect(o.five.locations.map((t) => [t.label, t.count])).toEqual([["Cafeteria", 2], ["Classroom", 2]]);
    expect(o.five.others.map((t) => [t.label, t.count])).toEqual([["Peers", 3], ["Not recorded", 1], ["Teacher", 1]]);
    expect(o.weeks.reduce((s, w) => s + w.count, 0)).toBe(4);
    expect(o.weeks[0]).toEqual({ week: firstDay, count: 1 });
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: coordinator.userId, entityType: "SchoolBehavior" } }));
    expect(audit).toEqual([expect.objectContaining({ action: "view", entityId: school.north, studentId: null })]);
  });

  it("keeps a coordinator to their own schools (another school's id shows their own) and lets an administrator choose any", async () => {
    const o = await getBehaviorOverview(southCoordinator.ctx, { school: school.north });
    expect(o.school?.id).toBe(school.south);
    expect(o.school && "majors" in o ? o.majors + o.minors : -1).toBe(0);
    expect((await getBehaviorOverview(admin.ctx, { school: school.south })).school?.id).toBe(school.south);
  });

  it("answers 404 to specialists and assistants", async () => {
    await expect(getBehaviorOverview(specialist.ctx, {})).rejects.toMatchObject(NOT_FOUND);
    await expect(getBehaviorOverview(assistant.ctx, {})).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("getStudentBehavior", () => {
  it("gives the student's big five and rate per school day", async () => {
    const data = await getStudentBehavior(assistant.ctx, students[0]!);
    if (!data) throw new Error("hidden");
    const s = studentSummaryOf(data);
    expect(s.five.count).toBe(3);
    expect(s.five.hours.map((t) => [t.label, t.count])).toEqual([["12:00–12:59", 2], ["13:00–13:59", 0], ["14:00–14:59", 1]]);
    expect(s.five.motivations.map((t) => [t.label, t.count])).toEqual([["Avoid task or activity", 2], ["Not recorded", 1]]);
    expect(s.perDay).toBeCloseTo(3 / schoolDaysBetween(firstDay, today), 10);
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: assistant.userId, entityType: "StudentBehavior" } }));
    expect(audit).toEqual([expect.objectContaining({ action: "view", studentId: students[0] })]);
  });

  it("shows nothing to an assistant for a student they do not serve", async () => {
    expect(await getStudentBehavior(assistant.ctx, students[1]!)).toBeNull();
    expect(await getStudentBehavior(southCoordinator.ctx, students[1]!)).toBeNull();
    expect((await getStudentBehavior(specialist.ctx, students[1]!))?.incidents).toHaveLength(1);
  });
});
