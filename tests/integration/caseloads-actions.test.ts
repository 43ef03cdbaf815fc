// Caseload assignment actions as a browser calls them (FormData in,
// ActionState out), with the session replaced by a chosen Ctx.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { assignStudents, endAssignment } from "@/server/caseloads/actions";
import { makeCaseloadAssignment, makeDistrict, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let admin: Person;
let coordinator: Person; // North only
let specialistNorth: Person;
let specialistSouth: Person;
let assistantAll: Person; // no schools = every school
let deactivated: Person;
let otherAdmin: Person;
let otherDistrictStudent: string;
let archivedNorth: string;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], opts: { inDistrict?: string; deactivated?: boolean } = {}) =>
  asOwner((tx) => makePerson(tx, { districtId: opts.inDistrict ?? districtId, role, name, schoolIds, deactivated: opts.deactivated }));

const students = (schoolId: string, n: number, extra: { archivedAt?: Date } = {}) =>
  asOwner(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await makeStudent(tx, { districtId, schoolId, ...extra })).id);
    return ids;
  });

const assign = (fields: { students: string[]; to: string; role?: string }) =>
  assignStudents(null, formOf({ unverifiedStudentIds: fields.students, unverifiedMembershipId: fields.to, role: fields.role ?? "INTERVENTIONIST" }));

const current = (membershipId: string) =>
  asOwner((tx) => tx.caseloadAssignment.findMany({ where: { membershipId, endedAt: null }, orderBy: { studentId: "asc" } }));

const snapshot = () =>
  asOwner(async (tx) => ({
    assignments: await tx.caseloadAssignment.count(),
    ended: await tx.caseloadAssignment.count({ where: { endedAt: { not: null } } }),
    audit: await tx.auditEvent.count({ where: { action: { not: "denied" } } }),
  }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview High" })).id;
    otherDistrictStudent = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialistNorth = await person("Sam Patel", "SPECIALIST", [school.north]);
  specialistSouth = await person("Sue South", "SPECIALIST", [school.south]);
  assistantAll = await person("Ari Lund", "ASSISTANT");
  deactivated = await person("Gone Person", "SPECIALIST", [school.north], { deactivated: true });
  otherAdmin = await person("Otto Other", "ADMIN", [], { inDistrict: otherDistrictId });
  archivedNorth = (await students(school.north, 1, { archivedAt: new Date() }))[0]!;
});

beforeEach(() => {
  signInAs(coordinator.ctx);
});

describe("assignStudents", () => {
  it("assigns one student, audits it with the student, and names both in the message", async () => {
    const [id] = await asOwner(async (tx) => [(await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Lee", legalLastName: "Ana" })).id]);
    const result = await assign({ students: [id!], to: specialistNorth.membershipId, role: "CASE_MANAGER" });
    expect(result).toEqual({ ok: true, message: "Lee Ana assigned to Sam Patel as case manager." });

    const rows = await asOwner((tx) => tx.caseloadAssignment.findMany({ where: { studentId: id } }));
    expect(rows).toEqual([
      expect.objectContaining({ districtId, membershipId: specialistNorth.membershipId, role: "CASE_MANAGER", endedAt: null, assignedByUserId: coordinator.ctx.userId }),
    ]);
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: rows[0]!.id } }));
    expect(events).toEqual([
      expect.objectContaining({ districtId, actorUserId: coordinator.ctx.userId, action: "create", entityType: "CaseloadAssignment", studentId: id }),
    ]);
  });

  it("names the student by the name they go by, as the profile heading and goal sentences do (issue 13)", async () => {
    const [id] = await asOwner(async (tx) => [
      (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Robert", preferredName: "Bobby", legalLastName: "Tables" })).id,
    ]);
    expect(await assign({ students: [id!], to: specialistNorth.membershipId })).toEqual({ ok: true, message: "Bobby Tables assigned to Sam Patel as interventionist." });
  });

  it("assigns in bulk, one audit event per assignment", async () => {
    const ids = await students(school.north, 3);
    const before = await snapshot();
    expect(await assign({ students: ids, to: assistantAll.membershipId })).toEqual({ ok: true, message: "3 students assigned to Ari Lund as interventionist." });
    const after = await snapshot();
    expect(after.assignments - before.assignments).toBe(3);
    expect(after.audit - before.audit).toBe(3);
    const audited = await asOwner((tx) => tx.auditEvent.findMany({ where: { action: "create", entityType: "CaseloadAssignment", studentId: { in: ids } } }));
    expect(audited.map((e) => e.studentId).sort()).toEqual([...ids].sort());
  });

  it("skips students who already have that person in that role, and says how many", async () => {
    const ids = await students(school.north, 4);
    await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: ids[0]!, membershipId: specialistNorth.membershipId, role: "INTERVENTIONIST" }));
    // Same person in the other role, and an ended assignment in this role, do not count as already assigned.
    await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: ids[1]!, membershipId: specialistNorth.membershipId, role: "CASE_MANAGER" }));
    await asOwner((tx) =>
      makeCaseloadAssignment(tx, { districtId, studentId: ids[2]!, membershipId: specialistNorth.membershipId, role: "INTERVENTIONIST", endedAt: new Date() }),
    );
    const before = await snapshot();
    const result = await assign({ students: [...ids, ids[3]!], to: specialistNorth.membershipId });
    expect(result).toEqual({
      ok: true,
      message: "3 students assigned to Sam Patel as interventionist. 1 student was already assigned and left as they were.",
    });
    expect((await snapshot()).assignments - before.assignments).toBe(3);

    expect(await assign({ students: ids.slice(0, 2), to: specialistNorth.membershipId })).toEqual({
      ok: true,
      message: "All 2 students were already assigned to Sam Patel as interventionist; nothing changed.",
    });
  });

  it("refuses a staff member whose schools do not include a student's school, and saves nothing", async () => {
    signInAs(admin.ctx);
    const [north] = await students(school.north, 1);
    const [south] = await students(school.south, 1);
    const before = await snapshot();
    const result = await assign({ students: [north!, south!], to: specialistSouth.membershipId });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { unverifiedMembershipId: ["Sue South does not work at North Elementary. Choose someone who does."] } },
      values: { unverifiedStudentIds: [north, south], unverifiedMembershipId: specialistSouth.membershipId, role: "INTERVENTIONIST" },
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["a deactivated staff member", () => deactivated.membershipId],
    ["an administrator", () => admin.membershipId],
    ["someone of another district", () => otherAdmin.membershipId],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
  ])("refuses %s as the staff member", async (_label, to) => {
    const [id] = await students(school.north, 1);
    const before = await snapshot();
    expect(await assign({ students: [id!], to: to() })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { unverifiedMembershipId: ["Choose an active staff member from the list."] } },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("treats a student outside the coordinator's schools as not found, audits the attempt and saves nothing", async () => {
    const [north] = await students(school.north, 1);
    const [south] = await students(school.south, 1);
    const before = await snapshot();
    const result = await assign({ students: [north!, south!], to: assistantAll.membershipId });
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", studentId: south } }));
    expect(denied).toEqual([
      expect.objectContaining({ districtId, actorUserId: coordinator.ctx.userId, entityType: "Student", entityId: south, detail: { attempted: "caseload.assign" } }),
    ]);
  });

  it("treats another district's student as not found, and audits it in the user's district", async () => {
    const [north] = await students(school.north, 1);
    const before = await snapshot();
    expect(await assign({ students: [north!, otherDistrictStudent], to: specialistNorth.membershipId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", entityId: otherDistrictStudent } }));
    expect(denied).toEqual([expect.objectContaining({ districtId, studentId: null, detail: { attempted: "caseload.assign" } })]);
  });

  it("refuses archived students by name", async () => {
    const [north] = await students(school.north, 1);
    const before = await snapshot();
    const result = await assign({ students: [north!, archivedNorth], to: specialistNorth.membershipId });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { unverifiedStudentIds: [expect.stringMatching(/^Archived students cannot be assigned: First\d+ Last\d+\.$/)] } } });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["assistants", () => assistantAll],
    ["specialists", () => specialistNorth],
  ])("is refused to %s (no caseload.assign) with a denied audit event", async (_label, who) => {
    signInAs(who().ctx);
    const [north] = await students(school.north, 1);
    const before = await snapshot();
    expect(await assign({ students: [north!], to: specialistNorth.membershipId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { action: "denied", actorUserId: who().ctx.userId } }))).toBeGreaterThan(0);
  });

  it("validates its input and names each bad field", async () => {
    const before = await snapshot();
    const result = await assignStudents(null, formOf({ unverifiedMembershipId: "nope", role: "BOSS" }));
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const fieldErrors = result?.ok === false ? result.error.fieldErrors : {};
    expect(fieldErrors).toEqual({
      unverifiedStudentIds: ["Choose at least one student."],
      unverifiedMembershipId: ["Choose a staff member."],
      role: ["Choose the role on the case."],
    });
    const tooMany = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(await assign({ students: tooMany, to: specialistNorth.membershipId })).toMatchObject({
      ok: false,
      error: { fieldErrors: { unverifiedStudentIds: ["Assign at most 200 students at a time."] } },
    });
    expect(await assignStudents(null, formOf({ unverifiedStudentIds: [archivedNorth], unverifiedMembershipId: specialistNorth.membershipId, role: "CASE_MANAGER", extra: "x" }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { _form: ["The form sent fields we do not accept."] } },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("an administrator assigns across schools", async () => {
    signInAs(admin.ctx);
    const ids = [...(await students(school.north, 1)), ...(await students(school.south, 1))];
    expect(await assign({ students: ids, to: assistantAll.membershipId, role: "CASE_MANAGER" })).toEqual({
      ok: true,
      message: "2 students assigned to Ari Lund as case manager.",
    });
  });

  it("is refused to another district's administrator as not found", async () => {
    signInAs(otherAdmin.ctx);
    const [north] = await students(school.north, 1);
    const before = await snapshot();
    expect(await assign({ students: [north!], to: specialistNorth.membershipId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("endAssignment", () => {
  const end = (id: string) => endAssignment(null, formOf({ unverifiedAssignmentId: id }));

  it("ends a current assignment, keeps the row as history, and audits it with the student", async () => {
    const [id] = await asOwner(async (tx) => [(await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Mia", legalLastName: "Wong" })).id]);
    await assign({ students: [id!], to: specialistNorth.membershipId });
    const [row] = await asOwner((tx) => tx.caseloadAssignment.findMany({ where: { studentId: id } }));

    expect(await end(row!.id)).toEqual({ ok: true, message: "Sam Patel is no longer interventionist for Mia Wong." });
    const after = await asOwner((tx) => tx.caseloadAssignment.findUniqueOrThrow({ where: { id: row!.id } }));
    expect(after.endedAt).toBeInstanceOf(Date);
    expect(after.endedByUserId).toBe(coordinator.ctx.userId);
    expect(after.startedAt).toEqual(row!.startedAt);
    expect(await current(specialistNorth.membershipId)).not.toContainEqual(expect.objectContaining({ studentId: id }));
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: row!.id, action: "update" } }));
    expect(events).toEqual([expect.objectContaining({ districtId, actorUserId: coordinator.ctx.userId, entityType: "CaseloadAssignment", studentId: id })]);

    // Ending again is a conflict; assigning again starts a new current row beside the history.
    expect(await end(row!.id)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await assign({ students: [id!], to: specialistNorth.membershipId })).toMatchObject({ ok: true });
    const all = await asOwner((tx) => tx.caseloadAssignment.findMany({ where: { studentId: id }, orderBy: { startedAt: "asc" } }));
    expect(all.map((a) => a.endedAt === null)).toEqual([false, true]);
  });

  it("treats an assignment of a student outside the coordinator's schools as not found, audited with the student", async () => {
    const [south] = await students(school.south, 1);
    const a = await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: south!, membershipId: specialistSouth.membershipId }));
    const before = await snapshot();
    expect(await end(a.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    expect(await asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", entityId: a.id } }))).toEqual([
      expect.objectContaining({ studentId: south, detail: { attempted: "caseload.assign" } }),
    ]);
  });

  it.each([
    ["a malformed id", "not-a-uuid"],
    ["an unknown id", "00000000-0000-4000-8000-000000000001"],
  ])("answers not found for %s", async (_label, id) => {
    expect(await end(id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { action: "denied", entityId: id } }))).toBe(1);
  });

  it("is refused to a specialist, even for their own caseload", async () => {
    const [north] = await students(school.north, 1);
    const a = await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: north!, membershipId: specialistNorth.membershipId }));
    signInAs(specialistNorth.ctx);
    expect(await end(a.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await asOwner((tx) => tx.caseloadAssignment.findUniqueOrThrow({ where: { id: a.id } }))).endedAt).toBeNull();
  });

  it("is refused to another district's administrator", async () => {
    const [north] = await students(school.north, 1);
    const a = await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: north!, membershipId: specialistNorth.membershipId }));
    signInAs(otherAdmin.ctx);
    expect(await end(a.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await asOwner((tx) => tx.caseloadAssignment.findUniqueOrThrow({ where: { id: a.id } }))).endedAt).toBeNull();
  });
});
