// Students: create, edit (with the version conflict), archive, the profile and
// the edit page's loader, as a browser and a page call them, with the session
// replaced by a chosen Ctx.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { createStudent, searchStudents, setStudentArchived, updateStudent } from "@/server/students/actions";
import { ACCESS_HISTORY_SIZE, getNewStudentForm, getStudentForEdit, getStudentProfile } from "@/server/students/queries";
import { makeAuditEvent, makeCaseloadAssignment, makeDistrict, makeGuardian, makeSchool, makeStudent } from "../factories";
import { appDb, asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectTarget, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

type Fields = Record<string, string | string[] | undefined>;

let districtId: string;
const school = { north: "", south: "", closed: "", other: "" };
let admin: Person;
let coordinator: Person; // North only
let specialist: Person; // North only
let assistant: Person; // North only
let otherAdmin: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

/** A date of birth that makes the student `years` old today (UTC). */
function bornYearsAgo(years: number, dayOffset = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + dayOffset);
  return d.toISOString().slice(0, 10);
}

let localSeq = 0;
const validFields = (overrides: Fields = {}): Fields => ({
  localId: `T-${++localSeq}`,
  legalFirstName: "Maya",
  legalMiddleName: "",
  legalLastName: "Johnson",
  preferredName: "",
  dateOfBirth: bornYearsAgo(8, -30),
  grade: "G3",
  unverifiedSchoolId: school.north,
  gender: "FEMALE",
  races: ["WHITE", "ASIAN"],
  hispanicLatino: "on",
  englishLearner: "on",
  homeLanguage: "Spanish",
  guardian0Name: "Rosa Johnson",
  guardian0Relationship: "Mother",
  guardian0Phone: "(555) 010-2000",
  guardian0Email: "rosa@example.test",
  guardian0Language: "Spanish",
  guardian1Name: "",
  guardian1Relationship: "",
  ...overrides,
});

/** createStudent redirects to the new profile on success; this returns its id, or the error state. */
async function create(fields: Fields) {
  try {
    const state = await createStudent(null, formOf(fields));
    return { state, id: null };
  } catch (error) {
    const match = /^\/students\/([0-9a-f-]{36})$/.exec(redirectTarget(error) ?? "");
    if (!match) throw error;
    return { state: null, id: match[1]! };
  }
}

const snapshot = () =>
  asOwner(async (tx) => ({
    students: await tx.student.count(),
    guardians: await tx.guardian.count(),
    versions: (await tx.student.findMany({ select: { version: true } })).reduce((sum, s) => sum + s.version, 0),
    audit: await tx.auditEvent.count({ where: { action: { not: "denied" } } }),
  }));

const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));
const auditOf = (studentId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { studentId, action }, orderBy: { createdAt: "asc" } }));
const studentRow = (id: string) => asOwner((tx) => tx.student.findUniqueOrThrow({ where: { id }, include: { guardians: { orderBy: { position: "asc" } } } }));

beforeAll(async () => {
  let otherDistrictId = "";
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    school.closed = (await makeSchool(tx, { districtId, name: "Old Annex", archivedAt: new Date() })).id;
    school.other = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
});

beforeEach(() => {
  signInAs(coordinator.ctx);
});

describe("createStudent", () => {
  it("creates the student with guardians (blank rows ignored) and audits the field names, not the values", async () => {
    const fields = validFields({ legalMiddleName: "Ann", preferredName: "May" });
    const { state, id } = await create(fields);
    expect(state).toBeNull();
    const s = await studentRow(id!);
    expect(s).toMatchObject({
      districtId,
      schoolId: school.north,
      localId: fields.localId,
      legalFirstName: "Maya",
      legalMiddleName: "Ann",
      legalLastName: "Johnson",
      preferredName: "May",
      dateOfBirth: new Date(`${fields.dateOfBirth}T00:00:00.000Z`),
      grade: "G3",
      gender: "FEMALE",
      hispanicLatino: true,
      races: ["ASIAN", "WHITE"],
      englishLearner: true,
      economicallyDisadvantaged: false,
      homeLanguage: "Spanish",
      hasIep: false,
      has504: false,
      version: 1,
      archivedAt: null,
    });
    expect(s.guardians).toEqual([
      expect.objectContaining({ name: "Rosa Johnson", relationship: "Mother", phone: "(555) 010-2000", email: "rosa@example.test", preferredLanguage: "Spanish", position: 0 }),
    ]);

    const events = await auditOf(id!, "create");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: coordinator.ctx.userId, entityType: "Student", entityId: id });
    const detail = events[0]!.detail as { fields: string[] };
    expect(detail.fields).toEqual(expect.arrayContaining(["localId", "legalFirstName", "dateOfBirth", "races", "hispanicLatino", "englishLearner", "guardians"]));
    expect(detail.fields).not.toContain("hasIep");
    const text = JSON.stringify(events[0]!.detail);
    for (const value of ["Maya", "Johnson", "Rosa", "Spanish", fields.dateOfBirth as string]) expect(text).not.toContain(value);
  });

  it("stores optional fields left blank as empty, not as blank text", async () => {
    const { id } = await create(validFields({ homeLanguage: "  ", guardian0Name: "", guardian0Relationship: "", guardian0Phone: "", guardian0Email: "", guardian0Language: "" }));
    const s = await studentRow(id!);
    expect(s).toMatchObject({ legalMiddleName: null, preferredName: null, homeLanguage: null });
    expect(s.guardians).toEqual([]);
  });

  it("says so beside the field when the local id is taken in the district, and saves nothing", async () => {
    const { id } = await create(validFields({ localId: "DUP-1" }));
    expect(id).not.toBeNull();
    const before = await snapshot();
    const { state } = await create(validFields({ localId: "DUP-1", legalFirstName: "Other" }));
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { localId: ["Another student in this district already has this local student id."] } } });
    expect(state && !state.ok && state.values?.legalFirstName).toBe("Other");
    expect(await snapshot()).toEqual(before);
  });

  it("allows a local id that another district uses", async () => {
    await asOwner((tx) => makeStudent(tx, { districtId: otherAdmin.ctx.districtId, schoolId: school.other, localId: "SHARED-1" }));
    const { id } = await create(validFields({ localId: "SHARED-1" }));
    expect(id).not.toBeNull();
  });

  it.each([
    ["a date of birth in the future", { dateOfBirth: bornYearsAgo(0, 1) }, "dateOfBirth", "The date of birth cannot be in the future."],
    ["a student younger than 2", { dateOfBirth: bornYearsAgo(1) }, "dateOfBirth", "That makes the student 1 year old; a pre-K to grade 12 student is 2 to 22. Check the year."],
    ["a student older than 22", { dateOfBirth: "1950-04-01" }, "dateOfBirth", "pre-K to grade 12 student is 2 to 22"],
    ["a date that does not exist", { dateOfBirth: "2017-02-30" }, "dateOfBirth", "Enter the date of birth as a full date (year, month and day)."],
    ["no date of birth", { dateOfBirth: "" }, "dateOfBirth", "Enter the date of birth."],
    ["an absurd grade", { grade: "G13" }, "grade", "Choose a grade from the list (pre-K, kindergarten or 1 to 12)."],
    ["no legal last name", { legalLastName: "  " }, "legalLastName", "Enter the legal last name."],
    ["a local id with spaces", { localId: "A 1" }, "localId", "Use letters, digits, dots, dashes and underscores only."],
    ["a race outside the federal categories", { races: ["WHITE", "MARTIAN"] }, "races", "Choose from the listed categories."],
    ["a guardian row without a name", { guardian1Phone: "555 0100" }, "guardian1Name", "Enter the guardian's name, or clear this row."],
    ["a guardian row without a relationship", { guardian1Name: "Ben" }, "guardian1Relationship", "Enter how this person is related"],
    ["a guardian email that is not one", { guardian0Email: "rosa(at)example" }, "guardian0Email", "Enter an email address like name@example.org."],
    ["no school chosen", { unverifiedSchoolId: "" }, "unverifiedSchoolId", "Choose a school from the list."],
  ])("refuses %s beside the field and saves nothing", async (_label, overrides, field, message) => {
    const before = await snapshot();
    const { state } = await create(validFields(overrides as Fields));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const errors = state && !state.ok ? state.error.fieldErrors?.[field] : undefined;
    expect(errors?.join(" ")).toContain(message);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["an archived school", () => school.closed],
    ["a school outside the coordinator's schools", () => school.south],
    ["another district's school", () => school.other],
  ])("refuses %s as a school choice and saves nothing", async (_label, schoolId) => {
    const before = await snapshot();
    const { state } = await create(validFields({ unverifiedSchoolId: schoolId() }));
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedSchoolId: ["Choose a school from the list."] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unknown fields and saves nothing", async () => {
    const before = await snapshot();
    const { state } = await create(validFields({ districtId: otherAdmin.ctx.districtId }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("lets an administrator create at any open school", async () => {
    signInAs(admin.ctx);
    const { id } = await create(validFields({ unverifiedSchoolId: school.south, grade: "G7", dateOfBirth: bornYearsAgo(12) }));
    expect((await studentRow(id!)).schoolId).toBe(school.south);
  });

  it("is refused to a specialist as not found, with a denied audit event", async () => {
    signInAs(specialist.ctx);
    const before = await snapshot();
    const { state } = await create(validFields());
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    expect(await denied(specialist.ctx.userId)).toEqual([expect.objectContaining({ entityType: "Student", detail: { attempted: "student.create" } })]);
  });

  it("offers a coordinator only their open schools in the form", async () => {
    expect(await getNewStudentForm(coordinator.ctx)).toEqual({ schools: [{ id: school.north, name: "North Elementary" }] });
    expect((await getNewStudentForm(admin.ctx)).schools.map((s) => s.name)).toEqual(["North Elementary", "South Middle"]);
    await expect(getNewStudentForm(specialist.ctx)).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("updateStudent", () => {
  async function fresh(overrides: Fields = {}) {
    signInAs(coordinator.ctx);
    const { id } = await create(validFields(overrides));
    return id!;
  }
  const update = (id: string, version: number, overrides: Fields = {}) =>
    updateStudent(null, formOf({ ...validFields(overrides), unverifiedStudentId: id, version: String(version) }));

  it("saves the changes, bumps the version, replaces guardians and audits the changed field names", async () => {
    const id = await fresh({ localId: "ED-1" });
    const result = await update(id, 1, {
      localId: "ED-1",
      legalLastName: "Johnson-Reyes",
      grade: "G4",
      guardian0Phone: "555 0199",
      guardian1Name: "Luis Reyes",
      guardian1Relationship: "Stepfather",
    });
    expect(result).toEqual({ ok: true, message: "Saved." });
    const s = await studentRow(id);
    expect(s).toMatchObject({ legalLastName: "Johnson-Reyes", grade: "G4", version: 2 });
    expect(s.guardians.map((g) => [g.name, g.relationship, g.phone, g.position])).toEqual([
      ["Rosa Johnson", "Mother", "555 0199", 0],
      ["Luis Reyes", "Stepfather", null, 1],
    ]);
    const events = await auditOf(id, "update");
    expect(events).toHaveLength(1);
    expect((events[0]!.detail as { fields: string[] }).fields.sort()).toEqual(["grade", "guardians", "legalLastName"]);
    expect(JSON.stringify(events[0]!.detail)).not.toContain("Reyes");
  });

  it("refuses the former IEP and 504 flags: they follow the student's IEP/504 records and are not edited here", async () => {
    const id = await fresh({ localId: "ED-FLAG" });
    for (const flag of ["hasIep", "has504"]) {
      const result = await update(id, 1, { localId: "ED-FLAG", [flag]: "on" });
      expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    }
    expect(await studentRow(id)).toMatchObject({ hasIep: false, has504: false, version: 1 });
  });

  it("saves nothing and says so when nothing changed", async () => {
    const id = await fresh({ localId: "ED-2" });
    expect(await update(id, 1, { localId: "ED-2" })).toEqual({ ok: true, message: "There were no changes to save." });
    expect((await studentRow(id)).version).toBe(1);
    expect(await auditOf(id, "update")).toEqual([]);
  });

  it("reports a conflict to the second of two people who opened the same version, and keeps the first one's changes", async () => {
    const id = await fresh({ localId: "ED-3" });
    expect(await update(id, 1, { localId: "ED-3", preferredName: "Mae" })).toMatchObject({ ok: true });
    const second = await update(id, 1, { localId: "ED-3", homeLanguage: "Portuguese" });
    expect(second).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining("Someone else saved changes to this student since you opened it") },
    });
    expect(second && !second.ok && second.values?.homeLanguage).toBe("Portuguese");
    const s = await studentRow(id);
    expect(s).toMatchObject({ preferredName: "Mae", homeLanguage: "Spanish", version: 2 });
  });

  it("when two saves race from the same version, exactly one wins", async () => {
    const id = await fresh({ localId: "ED-4" });
    const results = await Promise.all([update(id, 1, { localId: "ED-4", grade: "G2" }), update(id, 1, { localId: "ED-4", grade: "G5" })]);
    expect(results.map((r) => (r?.ok ? "ok" : r?.error.code)).sort()).toEqual(["CONFLICT", "ok"]);
    expect((await studentRow(id)).version).toBe(2);
  });

  it("says so beside the field when the new local id is taken, and saves nothing", async () => {
    await fresh({ localId: "ED-5" });
    const id = await fresh({ localId: "ED-6" });
    const before = await snapshot();
    const result = await update(id, 1, { localId: "ED-5" });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { localId: ["Another student in this district already has this local student id."] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses invalid fields beside them and saves nothing", async () => {
    const id = await fresh({ localId: "ED-7" });
    const before = await snapshot();
    const result = await update(id, 1, { localId: "ED-7", dateOfBirth: bornYearsAgo(0, 3), grade: "G13" });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { dateOfBirth: expect.any(Array), grade: expect.any(Array) } } });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a student at their school when that school has since closed", async () => {
    const id = await asOwner(async (tx) => (await makeStudent(tx, { districtId, schoolId: school.closed, localId: "ED-8", dateOfBirth: new Date(bornYearsAgo(9)) })).id);
    signInAs(admin.ctx);
    expect(await update(id, 1, { localId: "ED-8", unverifiedSchoolId: school.closed, preferredName: "Kit" })).toMatchObject({ ok: true });
    const moveToClosed = await fresh({ localId: "ED-9" });
    signInAs(admin.ctx);
    expect(await update(moveToClosed, 1, { localId: "ED-9", unverifiedSchoolId: school.closed })).toMatchObject({
      ok: false,
      error: { fieldErrors: { unverifiedSchoolId: ["Choose a school from the list."] } },
    });
  });

  it("does not let a coordinator move a student to a school outside their schools", async () => {
    const id = await fresh({ localId: "ED-10" });
    expect(await update(id, 1, { localId: "ED-10", unverifiedSchoolId: school.south })).toMatchObject({
      ok: false,
      error: { fieldErrors: { unverifiedSchoolId: ["Choose a school from the list."] } },
    });
  });

  it.each([
    ["a student at another school", "south"],
    ["another district's student", "other"],
    ["an unknown id", "unknown"],
    ["a malformed id", "malformed"],
  ] as const)("answers NOT_FOUND for %s, writes a denied event and changes nothing", async (_label, which) => {
    const ids = await asOwner(async (tx) => ({
      south: (await makeStudent(tx, { districtId, schoolId: school.south })).id,
      other: (await makeStudent(tx, { districtId: otherAdmin.ctx.districtId, schoolId: school.other })).id,
      unknown: "00000000-0000-4000-8000-000000000000",
      malformed: "not-an-id'; drop table",
    }));
    const before = await snapshot();
    const deniedBefore = (await denied(coordinator.ctx.userId)).length;
    expect(await update(ids[which], 1)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    const events = await denied(coordinator.ctx.userId);
    expect(events).toHaveLength(deniedBefore + 1);
    expect(events.at(-1)).toMatchObject({ districtId, entityType: "Student", entityId: ids[which].slice(0, 64), detail: { attempted: "student.edit" } });
  });

  it("is refused to a specialist as not found", async () => {
    const id = await fresh({ localId: "ED-11" });
    signInAs(specialist.ctx);
    expect(await update(id, 1, { localId: "ED-11", grade: "G5" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await studentRow(id)).grade).toBe("G3");
  });
});

describe("setStudentArchived", () => {
  const archive = (id: string, archived: "yes" | "no") => setStudentArchived(null, formOf({ unverifiedStudentId: id, archived }));
  const listed = async (id: string, showArchived = false) => {
    const state = await searchStudents({ values: {}, result: null }, formOf({ q: "", ...(showArchived ? { archived: "on" } : {}), sort: "localId" }));
    const all = [state];
    for (let page = 2; page <= state.result!.pageCount; page++) {
      all.push(await searchStudents(state, formOf({ q: "", ...(showArchived ? { archived: "on" } : {}), goto: String(page) })));
    }
    return all.some((s) => s.result!.rows.some((r) => r.id === id));
  };

  it("archives (never deletes) a student, hiding them from the default list, and restores them", async () => {
    const { id } = await create(validFields({ localId: "AR-1" }));
    expect(await listed(id!)).toBe(true);

    expect(await archive(id!, "yes")).toMatchObject({ ok: true, message: expect.stringContaining("archived") });
    const s = await studentRow(id!);
    expect(s.archivedAt).toBeInstanceOf(Date);
    expect(s.version).toBe(2);
    expect(await listed(id!)).toBe(false);
    expect(await listed(id!, true)).toBe(true);
    // Archiving twice changes nothing more.
    expect(await archive(id!, "yes")).toMatchObject({ ok: true });
    expect((await studentRow(id!)).version).toBe(2);

    expect(await archive(id!, "no")).toMatchObject({ ok: true, message: "The student is no longer archived." });
    expect((await studentRow(id!)).archivedAt).toBeNull();
    expect(await listed(id!)).toBe(true);
    expect((await auditOf(id!, "update")).map((e) => e.detail)).toEqual([{ fields: ["archivedAt"] }, { fields: ["archivedAt"] }]);
  });

  it("is refused to a specialist, and for a student at another school, as not found", async () => {
    const { id } = await create(validFields({ localId: "AR-2" }));
    const south = await asOwner(async (tx) => (await makeStudent(tx, { districtId, schoolId: school.south })).id);
    expect(await archive(south, "yes")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(specialist.ctx);
    expect(await archive(id!, "yes")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await studentRow(id!)).archivedAt).toBeNull();
    expect((await studentRow(south)).archivedAt).toBeNull();
  });

  it("cannot delete: the app role has no DELETE on students", async () => {
    const { id } = await create(validFields({ localId: "AR-3" }));
    await expect(withTenant(districtId, (tx) => tx.student.delete({ where: { id: id! } }), appDb())).rejects.toThrow();
    expect(await studentRow(id!)).toBeTruthy();
  });
});

describe("getStudentProfile", () => {
  let maya: string; // North, on the assistant's and the specialist's caseload
  let leo: string; // North, was on the assistant's caseload (ended)
  let noah: string; // South
  let elsewhere: string; // another district

  beforeAll(async () => {
    await asOwner(async (tx) => {
      maya = (
        await makeStudent(tx, {
          districtId,
          schoolId: school.north,
          legalFirstName: "Maya",
          legalLastName: "Profile",
          preferredName: "May",
          dateOfBirth: new Date("2017-03-04"),
          races: ["ASIAN"],
          hispanicLatino: true,
          economicallyDisadvantaged: true,
          hasIep: true,
          englishLearner: true,
          homeLanguage: "Tagalog",
        })
      ).id;
      await makeGuardian(tx, { districtId, studentId: maya, name: "Grace Profile", relationship: "Grandmother", phone: "555 0101" });
      await makeCaseloadAssignment(tx, { districtId, studentId: maya, membershipId: specialist.membershipId, role: "CASE_MANAGER", startedAt: new Date("2026-09-01") });
      await makeCaseloadAssignment(tx, { districtId, studentId: maya, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
      await makeCaseloadAssignment(tx, {
        districtId,
        studentId: maya,
        membershipId: coordinator.membershipId,
        role: "CASE_MANAGER",
        startedAt: new Date("2025-09-01"),
        endedAt: new Date("2026-01-15"),
      });
      leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Ended" })).id;
      await makeCaseloadAssignment(tx, { districtId, studentId: leo, membershipId: assistant.membershipId, role: "INTERVENTIONIST", endedAt: new Date() });
      noah = (await makeStudent(tx, { districtId, schoolId: school.south, legalFirstName: "Noah", legalLastName: "South" })).id;
      elsewhere = (await makeStudent(tx, { districtId: otherAdmin.ctx.districtId, schoolId: school.other })).id;
    });
  });

  it("shows a coordinator of the school the whole record and current and past caseload, and writes a view event", async () => {
    const before = (await auditOf(maya, "view")).length;
    const p = await getStudentProfile(coordinator.ctx, maya);
    expect(p).toMatchObject({ id: maya, legalFirstName: "Maya", preferredName: "May", schoolName: "North Elementary", englishLearner: true, homeLanguage: "Tagalog" });
    expect(p.sensitive).toMatchObject({ dateOfBirth: "2017-03-04", hispanicLatino: true, races: ["ASIAN"], economicallyDisadvantaged: true, hasIep: true, has504: false });
    expect(p.guardians).toEqual([expect.objectContaining({ name: "Grace Profile", relationship: "Grandmother", phone: "555 0101" })]);
    expect(p.currentCaseload.map((a) => [a.staffName, a.role])).toEqual([
      ["Sam Patel", "CASE_MANAGER"],
      ["Ari Lund", "INTERVENTIONIST"],
    ]);
    expect(p.pastCaseload).toEqual([expect.objectContaining({ staffName: "Cora Coordinator", role: "CASE_MANAGER", endedAt: new Date("2026-01-15") })]);
    expect(p.may).toEqual({ edit: true, archive: true, assignCaseload: true, setTier: true, exportServiceLog: true, manageAccommodations: true, writePlan: true, viewSpecialEd: true, viewReferrals: true });
    expect(p.accessHistory).toBeNull();
    // One view of the record, and one of each section with its own audit (behaviour, IEP/504), read with it.
    const views = (await auditOf(maya, "view")).slice(before);
    expect(views.map((v) => v.entityType).sort()).toEqual(["SpecialEdPlan", "Student", "StudentBehavior"]);
    expect(views.find((v) => v.entityType === "Student")).toMatchObject({ districtId, actorUserId: coordinator.ctx.userId, entityId: maya });
  });

  it("reads and audits one view of the record at a time: the glance with the latest history, or the glance with one section", async () => {
    let before = (await auditOf(maya, "view")).length;
    const first = await getStudentProfile(coordinator.ctx, maya, { section: "history" });
    expect(first.recentHistory).not.toBeNull();
    expect(first.glance).toBeDefined();
    expect(first.currentCaseload.map((a) => a.staffName)).toEqual(["Sam Patel", "Ari Lund"]);
    // Nothing of the other sections is read (nor audited as seen).
    expect([first.guardians, first.behavior, first.specialEd, first.accommodations]).toEqual([null, null, null, null]);
    expect(first.assignableStaff).toEqual([]);
    let views = (await auditOf(maya, "view")).slice(before);
    expect(views.map((v) => [v.entityType, v.detail])).toEqual([["Student", null]]);

    before = (await auditOf(maya, "view")).length;
    const behaviour = await getStudentProfile(coordinator.ctx, maya, { section: "behavior" });
    expect(behaviour.behavior).not.toBeNull();
    expect([behaviour.recentHistory, behaviour.guardians, behaviour.specialEd]).toEqual([null, null, null]);
    views = (await auditOf(maya, "view")).slice(before);
    expect(views.map((v) => [v.entityType, v.detail]).sort()).toEqual([
      ["Student", { section: "behavior" }],
      ["StudentBehavior", { page: "behaviour section" }],
    ]);

    const guardians = await getStudentProfile(coordinator.ctx, maya, { section: "guardians" });
    expect(guardians.guardians).toEqual([expect.objectContaining({ name: "Grace Profile" })]);
    expect(guardians.behavior).toBeNull();
    // An assistant asking for the guardians' view gets none: the grant decides, not the address.
    expect((await getStudentProfile(assistant.ctx, maya, { section: "guardians" })).guardians).toBeNull();
  });

  it("shows a specialist of the school the sensitive fields, without edit rights (accommodations of their caseload excepted)", async () => {
    const p = await getStudentProfile(specialist.ctx, maya);
    expect(p.sensitive).not.toBeNull();
    // Maya is on their caseload, so they may write her a plan.
    expect(p.may).toEqual({ edit: false, archive: false, assignCaseload: false, setTier: false, exportServiceLog: true, manageAccommodations: true, writePlan: true, viewSpecialEd: true, viewReferrals: true });
  });

  it("shows an assistant a student on their caseload without date of birth, race/ethnicity, economic status, plan flags or guardians", async () => {
    const p = await getStudentProfile(assistant.ctx, maya);
    expect(p.sensitive).toBeNull();
    expect(p.legalLastName).toBe("Profile");
    const text = JSON.stringify(p);
    for (const secret of ["2017-03-04", "Grace Profile", "ASIAN", "hasIep", "economicallyDisadvantaged", "hispanicLatino"]) expect(text).not.toContain(secret);
    expect(await auditOf(maya, "view")).toEqual(expect.arrayContaining([expect.objectContaining({ actorUserId: assistant.ctx.userId })]));
  });

  it.each([
    ["a coordinator: a student at another school", () => coordinator, () => noah, true],
    ["a specialist: a student at another school", () => specialist, () => noah, true],
    ["an assistant: a student at their school not on their caseload", () => assistant, () => noah, true],
    ["an assistant: a student whose assignment has ended", () => assistant, () => leo, true],
    ["an administrator: another district's student", () => admin, () => elsewhere, false],
    ["an administrator: an unknown id", () => admin, () => "00000000-0000-4000-8000-000000000000", false],
    ["an administrator: a malformed id", () => admin, () => "../../etc/passwd", false],
  ])("is not found for %s, with a denied audit event and no view event", async (_label, who, target, known) => {
    const p = who();
    const id = target();
    const before = (await denied(p.ctx.userId)).length;
    const viewsBefore = await asOwner((tx) => tx.auditEvent.count({ where: { action: "view", actorUserId: p.ctx.userId } }));
    await expect(getStudentProfile(p.ctx, id)).rejects.toMatchObject(NOT_FOUND);
    const events = await denied(p.ctx.userId);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ districtId, entityType: "Student", entityId: id.slice(0, 64), studentId: known ? id : null, detail: { attempted: "student.view" } });
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { action: "view", actorUserId: p.ctx.userId } }))).toBe(viewsBefore);
  });

  it("gives an administrator the student's access history, newest first, at most 50 events, with who did what", async () => {
    const busy = await asOwner(async (tx) => {
      const id = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
      for (let i = 0; i < ACCESS_HISTORY_SIZE + 5; i++) {
        await makeAuditEvent(tx, { districtId, studentId: id, actorUserId: specialist.ctx.userId, action: "view", entityType: "Student", createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
      }
      await makeAuditEvent(tx, { districtId, studentId: maya, actorUserId: coordinator.ctx.userId, action: "view", entityType: "Student" });
      return id;
    });
    const p = await getStudentProfile(admin.ctx, busy);
    const history = p.accessHistory!;
    expect(history).toHaveLength(ACCESS_HISTORY_SIZE);
    // The newest is this very view by the administrator.
    expect(history[0]).toMatchObject({ actorName: "Ada Admin", action: "view", entityType: "Student" });
    // Issue 13: what it was about, in words (the student record, by name), not an id.
    const name = `${p.legalFirstName} ${p.legalLastName}`;
    expect(history[0]!.what).toBe(`Student: ${name}`);
    const dates = history.map((e) => e.createdAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(history.slice(1).every((e) => e.actorName === "Sam Patel")).toBe(true);
    // Denied attempts on this student show up too, with what was attempted.
    await expect(getStudentProfile(coordinator.ctx, busy)).rejects.toMatchObject(NOT_FOUND);
    const afterDenied = (await getStudentProfile(admin.ctx, busy)).accessHistory!;
    expect(afterDenied[1]).toMatchObject({ action: "denied", actorName: "Cora Coordinator", note: "student.view" });
  });

  it("gives the access history to administrators only", async () => {
    expect((await getStudentProfile(specialist.ctx, maya)).accessHistory).toBeNull();
    expect((await getStudentProfile(assistant.ctx, maya)).accessHistory).toBeNull();
    expect((await getStudentProfile(admin.ctx, maya)).accessHistory!.length).toBeGreaterThan(0);
  });
});

describe("getStudentForEdit", () => {
  it("gives a coordinator the record and their school choices, and audits it as a view of the edit page", async () => {
    const { id } = await create(validFields({ localId: "GE-1" }));
    const { student, schools } = await getStudentForEdit(coordinator.ctx, id!);
    expect(student).toMatchObject({ id, localId: "GE-1", version: 1, dateOfBirth: validFields().dateOfBirth, archived: false });
    expect(student.guardians).toHaveLength(1);
    expect(schools).toEqual([{ id: school.north, name: "North Elementary" }]);
    expect((await auditOf(id!, "view")).at(-1)).toMatchObject({ actorUserId: coordinator.ctx.userId, detail: { page: "edit" } });
  });

  it("is not found for a specialist, a student at another school, and another district's student", async () => {
    const { id } = await create(validFields({ localId: "GE-2" }));
    await expect(getStudentForEdit(specialist.ctx, id!)).rejects.toMatchObject(NOT_FOUND);
    const south = await asOwner(async (tx) => (await makeStudent(tx, { districtId, schoolId: school.south })).id);
    const before = (await denied(coordinator.ctx.userId)).length;
    await expect(getStudentForEdit(coordinator.ctx, south)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(coordinator.ctx.userId)).at(-1)).toMatchObject({ studentId: south, detail: { attempted: "student.edit" } });
    await expect(getStudentForEdit(otherAdmin.ctx, id!)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(coordinator.ctx.userId)).length).toBe(before + 1);
  });
});
