// Accommodations: adding, editing (with a version check), ending and removing
// them (who may, bad input with nothing saved), what the profile shows of them
// to whom (the source only to those who may see IEP/504 status), and the
// current accommodations of several students at once.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";
import { archiveAccommodation, createAccommodation, updateAccommodation } from "@/server/accommodations/actions";
import { accommodationsOfStudentsIn, accommodationsToHonourIn } from "@/server/accommodations/queries";
import { withTenant } from "@/server/db/tenant";
import { getPlanPage } from "@/server/plans/queries";
import { getStudentProfile } from "@/server/students/queries";
import { makeAccommodation, makeCaseloadAssignment, makeDistrict, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
// maya: IEP, specialist's case, assistant delivers her plan; leo: nobody's case;
// zoe: 504 plan, the assistant on her caseload (the profile's tests).
const student = { maya: "", leo: "", zoe: "", south: "", archived: "", other: "" };
let admin: Person;
let coordinator: Person; // North only
let specialist: Person; // North, case manager of Maya
let colleague: Person; // a North specialist not on Maya's case
let assistant: Person; // North, interventionist of Maya's plan (not on her caseload)
let idleAssistant: Person; // North, serves nobody
let otherAdmin: Person;
let planId: string; // Maya's, delivered by the assistant

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

const daysFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const today = () => daysFromToday(0);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const fields = (overrides: Record<string, string> = {}) => ({
  unverifiedStudentId: student.maya,
  description: "Read-aloud of directions",
  source: "IEP",
  startDate: "2026-09-08",
  endDate: "",
  ...overrides,
});
const add = (overrides: Record<string, string> = {}) => createAccommodation(null, formOf(fields(overrides)));

/** An accommodation of Maya's (or another student's) as the database would hold it, made by the owner. */
const existing = (overrides: Partial<Prisma.StudentAccommodationUncheckedCreateInput> = {}) =>
  asOwner((tx) => makeAccommodation(tx, { districtId, studentId: student.maya, createdByUserId: specialist.userId, ...overrides }));

const editFields = (row: { id: string; version: number }, overrides: Record<string, string> = {}) => ({
  unverifiedAccommodationId: row.id,
  version: String(row.version),
  description: "Extended time (1.5x) on tests",
  source: "IEP",
  startDate: "2026-09-08",
  endDate: "",
  ...overrides,
});
const edit = (row: { id: string; version: number }, overrides: Record<string, string> = {}) => updateAccommodation(null, formOf(editFields(row, overrides)));
const remove = (id: string) => archiveAccommodation(null, formOf({ unverifiedAccommodationId: id }));

const rowOf = (id: string) => asOwner((tx) => tx.studentAccommodation.findUniqueOrThrow({ where: { id } }));
const rowsOf = (studentId: string) => asOwner((tx) => tx.studentAccommodation.findMany({ where: { studentId }, orderBy: { createdAt: "asc" } }));
const rowCount = () => asOwner((tx) => tx.studentAccommodation.count());
const auditOf = (id: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "StudentAccommodation", entityId: id }, orderBy: { createdAt: "asc" } }));
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson", hasIep: true })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.zoe = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Zoe", legalLastName: "Adams", has504: true })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
    student.archived = (await makeStudent(tx, { districtId, schoolId: school.north, archivedAt: new Date() })).id;
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  colleague = await person("Cleo Colleague", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  idleAssistant = await person("Ida Idle", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.zoe, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
    // The assistant reaches Maya as an interventionist of her open plan, not through her caseload.
    planId = (await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: specialist.userId, studentIds: [student.maya], interventionistMembershipIds: [assistant.membershipId] })).id;
  });
});

beforeEach(() => {
  signInAs(specialist.ctx);
});

describe("createAccommodation", () => {
  it("lets a specialist add one for a student on their caseload, with who added it and an audit event naming the fields", async () => {
    const state = await add({ description: "  Breaks on request  ", source: "SECTION_504", startDate: "2026-10-01", endDate: "2027-06-18" });
    expect(state).toEqual({ ok: true, message: "Accommodation added." });
    const row = (await rowsOf(student.maya)).at(-1)!;
    expect(row).toMatchObject({ districtId, description: "Breaks on request", source: "SECTION_504", startDate: day("2026-10-01"), endDate: day("2027-06-18"), createdByUserId: specialist.userId, version: 1, archivedAt: null });
    expect(await auditOf(row.id)).toEqual([
      expect.objectContaining({ action: "create", actorUserId: specialist.userId, studentId: student.maya, detail: { fields: ["description", "source", "startDate", "endDate"] } }),
    ]);
  });

  it.each([
    ["a coordinator, for a student of their school nobody serves", () => coordinator, () => student.leo],
    ["an administrator, at any school", () => admin, () => student.south],
  ])("lets %s add one", async (_label, who, studentId) => {
    signInAs(who().ctx);
    expect(await add({ unverifiedStudentId: studentId(), description: "Preferential seating" })).toMatchObject({ ok: true });
    expect(await rowsOf(studentId())).toEqual(expect.arrayContaining([expect.objectContaining({ description: "Preferential seating", createdByUserId: who().userId, endDate: null })]));
  });

  it.each([
    ["a student of their school not on their caseload", () => student.leo],
    ["another school's student", () => student.south],
    ["another district's student", () => student.other],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", () => "not-a-uuid"],
  ])("answers a specialist NOT_FOUND for %s, writes a denied event and saves nothing", async (_label, id) => {
    const before = await rowCount();
    const deniedBefore = (await denied(specialist.userId)).length;
    expect(await add({ unverifiedStudentId: id() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: "We could not find that record." } });
    expect(await rowCount()).toBe(before);
    const events = await denied(specialist.userId);
    expect(events).toHaveLength(deniedBefore + 1);
    expect(events.at(-1)).toMatchObject({ entityType: "Student", detail: { attempted: "accommodation.manage" } });
  });

  it("names the student in the denied event when the student exists in the district", async () => {
    await add({ unverifiedStudentId: student.leo });
    expect((await denied(specialist.userId)).at(-1)).toMatchObject({ entityId: student.leo, studentId: student.leo });
  });

  it.each([
    ["an assistant who delivers the student's plan", () => assistant],
    ["a specialist of the school not on the case", () => colleague],
    ["another district's administrator", () => otherAdmin],
  ])("refuses %s (NOT_FOUND, denied event, nothing saved)", async (_label, who) => {
    signInAs(who().ctx);
    const before = await rowCount();
    expect(await add()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await rowCount()).toBe(before);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ detail: { attempted: "accommodation.manage" } });
  });

  it.each([
    ["a blank description", { description: "   " }, "description", "Describe the accommodation, for example: Extended time (1.5x) on tests."],
    ["a description too long", { description: "x".repeat(301) }, "description", "Use at most 300 characters."],
    ["no source", { source: "" }, "source", "Choose where the accommodation comes from."],
    ["an unknown source", { source: "DOCTOR" }, "source", "Choose where the accommodation comes from."],
    ["no start date", { startDate: "" }, "startDate", "Enter the date the accommodation starts."],
    ["a start date that is not a date", { startDate: "2026-02-30" }, "startDate", "Enter the start date as a full date (year, month and day)."],
    ["a start date before 2000", { startDate: "1999-09-01" }, "startDate", "The start date cannot be before 1 January 2000. Check the year."],
    ["a start more than a year ahead", { startDate: daysFromToday(400) }, "startDate", "The start date cannot be more than a year from today. Check the year."],
    ["a last day that is not a date", { endDate: "soon" }, "endDate", "Enter the last day as a full date (year, month and day)."],
    ["a last day before the start", { endDate: "2026-09-07" }, "endDate", "The last day cannot be before the start date."],
  ])("refuses %s with a clear message, hands the input back and saves nothing", async (_label, overrides, field, message) => {
    const before = await rowCount();
    const state = await add(overrides);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(state && !state.ok && state.values).toMatchObject(fields(overrides));
    expect(await rowCount()).toBe(before);
  });

  it("accepts a 300-character description and a one-day accommodation", async () => {
    const description = "x".repeat(300);
    expect(await add({ description, startDate: "2026-11-20", endDate: "2026-11-20" })).toMatchObject({ ok: true });
    expect((await rowsOf(student.maya)).at(-1)).toMatchObject({ description, startDate: day("2026-11-20"), endDate: day("2026-11-20") });
  });

  it("refuses unknown form fields", async () => {
    const before = await rowCount();
    const state = await createAccommodation(null, formOf({ ...fields(), createdByUserId: admin.userId }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    expect(await rowCount()).toBe(before);
  });

  it("refuses an archived student", async () => {
    signInAs(coordinator.ctx);
    expect(await add({ unverifiedStudentId: student.archived })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", message: "This student is archived. Restore them before changing their accommodations." },
    });
    expect(await rowsOf(student.archived)).toEqual([]);
  });
});

describe("updateAccommodation", () => {
  it("saves the changed fields, raises the version and audits only what changed", async () => {
    const row = await existing();
    expect(await edit(row, { description: "Extended time (2x) on tests", endDate: "2027-06-18" })).toEqual({ ok: true, message: "Accommodation saved." });
    expect(await rowOf(row.id)).toMatchObject({ description: "Extended time (2x) on tests", source: "IEP", endDate: day("2027-06-18"), version: 2 });
    expect(await auditOf(row.id)).toEqual([
      expect.objectContaining({ action: "update", actorUserId: specialist.userId, studentId: student.maya, detail: { fields: ["description", "endDate"] } }),
    ]);
  });

  it("says so when nothing changed, and writes nothing", async () => {
    const row = await existing();
    expect(await edit(row)).toEqual({ ok: true, message: "There were no changes to save." });
    expect(await rowOf(row.id)).toMatchObject({ version: 1 });
    expect(await auditOf(row.id)).toEqual([]);
  });

  it("refuses a stale version with a clear message and keeps the other person's edit", async () => {
    const row = await existing();
    expect(await edit(row, { description: "Extended time (2x) on tests" })).toMatchObject({ ok: true });
    const state = await edit(row, { description: "Extended time (1.25x) on tests" });
    expect(state).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        message: "Someone else saved changes to this accommodation since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
      },
      values: { description: "Extended time (1.25x) on tests" },
    });
    expect(await rowOf(row.id)).toMatchObject({ description: "Extended time (2x) on tests", version: 2 });
  });

  it("lets only one of two edits from the same version through", async () => {
    const row = await existing();
    signInAs(coordinator.ctx);
    const states = await Promise.all([edit(row, { description: "Version A" }), edit(row, { description: "Version B" })]);
    expect(states.map((s) => (s?.ok ? "ok" : s?.error.code)).sort()).toEqual(["CONFLICT", "ok"]);
    const saved = await rowOf(row.id);
    expect(saved.version).toBe(2);
    expect(await auditOf(row.id)).toHaveLength(1);
  });

  it("refuses bad input with the field's message and changes nothing", async () => {
    const row = await existing();
    expect(await edit(row, { endDate: "2026-09-01" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { endDate: ["The last day cannot be before the start date."] } } });
    expect(await edit(row, { description: "" })).toMatchObject({ ok: false, error: { fieldErrors: { description: [expect.stringContaining("Describe the accommodation")] } } });
    expect(await rowOf(row.id)).toMatchObject({ description: "Extended time (1.5x) on tests", endDate: null, version: 1 });
  });

  it.each([
    ["a specialist of the school not on the case", () => colleague],
    ["the assistant who delivers the student's plan", () => assistant],
    ["another district's administrator", () => otherAdmin],
  ])("answers %s NOT_FOUND with a denied event and changes nothing", async (_label, who) => {
    const row = await existing();
    signInAs(who().ctx);
    expect(await edit(row, { description: "Changed" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await rowOf(row.id)).toMatchObject({ description: "Extended time (1.5x) on tests", version: 1 });
    expect((await denied(who().userId)).at(-1)).toMatchObject({ entityType: "StudentAccommodation", detail: { attempted: "accommodation.manage" } });
  });

  it("answers NOT_FOUND for an unknown or malformed id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect(await edit({ id, version: 1 })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect((await denied(specialist.userId)).at(-1)).toMatchObject({ entityType: "StudentAccommodation", entityId: id, studentId: null });
    }
  });

  it("refuses to change a removed accommodation", async () => {
    const row = await existing({ archivedAt: new Date() });
    expect(await edit(row, { description: "Changed" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", message: "This accommodation was removed: it is kept as history and can no longer be changed." },
    });
    expect(await rowOf(row.id)).toMatchObject({ description: "Extended time (1.5x) on tests" });
  });
});

describe("archiveAccommodation", () => {
  it("removes one entered by mistake once, keeping the row, with one audit event", async () => {
    const row = await existing();
    expect(await remove(row.id)).toEqual({ ok: true, message: "Accommodation removed: it is kept with the past accommodations." });
    expect(await remove(row.id)).toMatchObject({ ok: true });
    const saved = await rowOf(row.id);
    expect(saved.archivedAt).toBeInstanceOf(Date);
    expect(saved.version).toBe(2);
    expect(await auditOf(row.id)).toEqual([expect.objectContaining({ action: "update", studentId: student.maya, detail: { fields: ["archivedAt"] } })]);
  });

  it("refuses the assistant who delivers the plan (NOT_FOUND, denied event, not archived)", async () => {
    const row = await existing();
    signInAs(assistant.ctx);
    expect(await remove(row.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await rowOf(row.id)).archivedAt).toBeNull();
    // Refused before any lookup: the role keeps no accommodations anywhere.
    expect((await denied(assistant.userId)).at(-1)).toMatchObject({ entityType: "StudentAccommodation", entityId: row.id, detail: { attempted: "accommodation.manage" } });
  });
});

describe("the profile's accommodations, by who looks", () => {
  let ids: { current: string; upcoming: string; ended: string; removed: string };

  beforeAll(async () => {
    const make = (description: string, source: "IEP" | "SECTION_504" | "OTHER", startDate: string, extra: { endDate?: string; archivedAt?: Date } = {}) =>
      asOwner((tx) =>
        makeAccommodation(tx, {
          districtId,
          studentId: student.zoe,
          createdByUserId: coordinator.userId,
          description,
          source,
          startDate: day(startDate),
          endDate: extra.endDate ? day(extra.endDate) : null,
          archivedAt: extra.archivedAt ?? null,
        }),
      ).then((r) => r.id);
    ids = {
      current: await make("Water bottle at the desk", "SECTION_504", "2026-09-08", { endDate: today() }),
      upcoming: await make("Calculator for word problems", "OTHER", daysFromToday(10)),
      ended: await make("Scribe for written answers", "SECTION_504", "2025-09-03", { endDate: daysFromToday(-1) }),
      removed: await make("Wrong student", "SECTION_504", "2026-09-08", { archivedAt: new Date() }),
    };
  });

  it("shows a coordinator the current ones (ending today or starting later included) and the past ones, with their sources and the forms", async () => {
    const profile = await getStudentProfile(coordinator.ctx, student.zoe);
    expect(profile.accommodations!.current).toEqual([
      { id: ids.current, description: "Water bottle at the desk", source: "SECTION_504", startDate: "2026-09-08", endDate: today(), version: 1, archived: false },
      { id: ids.upcoming, description: "Calculator for word problems", source: "OTHER", startDate: daysFromToday(10), endDate: null, version: 1, archived: false },
    ]);
    expect(profile.accommodations!.past.map((a) => [a.id, a.source, a.archived])).toEqual([
      [ids.ended, "SECTION_504", false],
      [ids.removed, "SECTION_504", true],
    ]);
    expect(profile.may.manageAccommodations).toBe(true);
  });

  it("shows an assistant who serves the student the text and dates, never the source, and no forms", async () => {
    const profile = await getStudentProfile(assistant.ctx, student.zoe);
    const all = [...profile.accommodations!.current, ...profile.accommodations!.past];
    expect(profile.accommodations!.current.map((a) => a.description)).toEqual(["Water bottle at the desk", "Calculator for word problems"]);
    expect(all).toHaveLength(4);
    expect(all.every((a) => a.source === null)).toBe(true);
    expect(JSON.stringify(profile)).not.toMatch(/SECTION_504|has504|hasIep/);
    expect(profile.sensitive).toBeNull();
    expect(profile.may.manageAccommodations).toBe(false);
  });

  it("shows them to an assistant who reaches the student through a plan only", async () => {
    await existing({ description: "Preferential seating", source: "IEP" });
    const profile = await getStudentProfile(assistant.ctx, student.maya);
    expect(profile.accommodations!.current.map((a) => a.description)).toContain("Preferential seating");
    expect(profile.accommodations!.current.every((a) => a.source === null)).toBe(true);
  });

  it("shows a specialist of the school who is not on the case the sources, but no forms", async () => {
    const profile = await getStudentProfile(colleague.ctx, student.zoe);
    expect(profile.accommodations!.current.map((a) => a.source)).toEqual(["SECTION_504", "OTHER"]);
    expect(profile.may.manageAccommodations).toBe(false);
  });

  it("gives an assistant who does not serve the student 404 and a denied event", async () => {
    await expect(getStudentProfile(idleAssistant.ctx, student.zoe)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(idleAssistant.userId)).at(-1)).toMatchObject({ studentId: student.zoe, detail: { attempted: "student.view" } });
  });

  it("gives another district's administrator 404 and a denied event", async () => {
    await expect(getStudentProfile(otherAdmin.ctx, student.zoe)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(otherAdmin.userId)).at(-1)).toMatchObject({ detail: { attempted: "student.view" } });
  });

  it("ending one by its last day moves it to the past ones", async () => {
    signInAs(coordinator.ctx);
    const row = await rowOf(ids.upcoming);
    const startDate = daysFromToday(10);
    expect(await edit(row, { description: row.description, source: "OTHER", startDate, endDate: startDate })).toMatchObject({ ok: true });
    // Still current (it has not ended yet); a last day of yesterday on the one in effect ends it.
    const current = await rowOf(ids.current);
    expect(await edit(current, { description: current.description, source: "SECTION_504", startDate: "2026-09-08", endDate: daysFromToday(-1) })).toMatchObject({ ok: true });
    const profile = await getStudentProfile(coordinator.ctx, student.zoe);
    expect(profile.accommodations!.current.map((a) => a.id)).toEqual([ids.upcoming]);
    // Oldest first: by start date, then by when they were entered.
    expect(profile.accommodations!.past.map((a) => a.id)).toEqual([ids.ended, ids.current, ids.removed]);
  });
});

describe("accommodationsOfStudentsIn", () => {
  it("gives the current ones of several students in one call, without sources unless asked, [] for those with none", async () => {
    const south = await asOwner((tx) => makeAccommodation(tx, { districtId, studentId: student.south, createdByUserId: admin.userId, description: "Large-print handouts", source: "OTHER" }));
    await asOwner((tx) => makeAccommodation(tx, { districtId, studentId: student.south, createdByUserId: admin.userId, description: "Ended", endDate: day("2026-09-30") }));
    const ids = [student.south, student.archived];
    const hidden = await withTenant(districtId, (tx) => accommodationsOfStudentsIn(tx, districtId, ids));
    expect([...hidden.keys()]).toEqual(ids);
    expect(hidden.get(student.archived)).toEqual([]);
    expect(hidden.get(student.south)).toEqual(
      expect.arrayContaining([{ id: south.id, description: "Large-print handouts", source: null, startDate: "2026-09-08", endDate: null }]),
    );
    expect(hidden.get(student.south)!.map((a) => a.description)).not.toContain("Ended");
    const shown = await withTenant(districtId, (tx) => accommodationsOfStudentsIn(tx, districtId, ids, (id) => id === student.south));
    expect(shown.get(student.south)!.find((a) => a.id === south.id)!.source).toBe("OTHER");
  });

  it("sees nothing of another district, even when asked for its students", async () => {
    await asOwner((tx) => makeAccommodation(tx, { districtId: otherDistrictId, studentId: student.other, createdByUserId: otherAdmin.userId }));
    const map = await withTenant(districtId, (tx) => accommodationsOfStudentsIn(tx, districtId, [student.other]));
    expect(map.get(student.other)).toEqual([]);
    // Row-level security too: the other district's rows are invisible inside this district's transaction.
    const leaked = await withTenant(districtId, (tx) => accommodationsOfStudentsIn(tx, otherDistrictId, [student.other]));
    expect(leaked.get(student.other)).toEqual([]);
  });
});

describe("accommodationsToHonourIn", () => {
  const honour = async (who: Person) => {
    const students = [
      { id: student.maya, schoolId: school.north },
      { id: student.leo, schoolId: school.north },
      { id: student.south, schoolId: school.south },
    ];
    const map = await withTenant(districtId, (tx) => accommodationsToHonourIn(tx, who.ctx, students));
    const sources = (id: string) => [...new Set(map.get(id)?.map((a) => a.source))];
    return { ids: [...map.keys()], sources };
  };

  it("gives an assistant those of the students they serve only, without sources", async () => {
    const { ids, sources } = await honour(assistant);
    expect(ids).toEqual([student.maya]);
    expect(sources(student.maya)).toEqual([null]);
  });

  it("gives a specialist those of their school's students, with sources", async () => {
    const { ids, sources } = await honour(colleague);
    expect(ids).toEqual([student.maya, student.leo]);
    expect(sources(student.maya)).not.toContain(null);
  });

  it("gives an administrator every student's, and another district's administrator none", async () => {
    expect((await honour(admin)).ids).toEqual([student.maya, student.leo, student.south]);
    const other = await withTenant(otherDistrictId, (tx) => accommodationsToHonourIn(tx, otherAdmin.ctx, [{ id: student.maya, schoolId: school.north }]));
    expect(other.get(student.maya) ?? []).toEqual([]);
  });
});

describe("the plan page's accommodations to honour", () => {
  it("shows the assistant who delivers the plan its student's current accommodations without sources", async () => {
    await existing({ description: "Breaks on request", source: "IEP" });
    const page = await getPlanPage(assistant.ctx, planId);
    const list = page.accommodations.get(student.maya)!;
    expect(list.map((a) => a.description)).toContain("Breaks on request");
    expect(list.every((a) => a.source === null)).toBe(true);
  });

  it("shows a coordinator of the school the sources", async () => {
    const page = await getPlanPage(coordinator.ctx, planId);
    expect(page.accommodations.get(student.maya)!.find((a) => a.description === "Breaks on request")!.source).toBe("IEP");
  });
});
