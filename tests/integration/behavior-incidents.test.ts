// Behaviour code lists and incidents (issue 15): the defaults with their
// Ed-Fi mappings, codes per district edited by administrators only, phone
// entry of incidents by any staff member of the student's school, majors to
// review, corrections that keep the original, bad input refused with nothing
// saved, who sees which incidents and notes, and row-level security.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { DEFAULT_BEHAVIOR_CODES } from "@/domain/behavior-codes";
import { correctIncident, createBehaviorCode, installDefaultBehaviorCodes, recordIncident, reviewIncident, setBehaviorCodeRetired, updateBehaviorCode } from "@/server/behavior/actions";
import { installDefaultCodes } from "@/server/behavior/codes";
import { getBehaviorCodesPage, getIncidentPage, getNewIncidentForm, getReviewQueue, getStudentBehavior } from "@/server/behavior/queries";
import { withTenant } from "@/server/db/tenant";
import { makeBehaviorCode, makeCaseloadAssignment, makeDistrict, makeIncident, makeSchool, makeStudent } from "../factories";
import { appDb, asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", south: "", archived: "", other: "" };
let admin: Person;
let coordinator: Person; // North
let specialist: Person; // North
let assistant: Person; // North, Maya on caseload
let southAssistant: Person; // South
let otherAdmin: Person;
const code = { defiance: "", fighting: "", cafeteria: "", classroom: "", peerAttention: "", conference: "", otherDistrictBehavior: "" };

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

const daysFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const incidentFields = (overrides: Record<string, string | string[]> = {}) => ({
  reportId: randomUUID(),
  unverifiedStudentIds: [student.maya],
  occurredOn: daysFromToday(-1),
  occurredTime: "13:40",
  behaviorCodeId: code.defiance,
  locationCodeId: code.cafeteria,
  motivationCodeId: code.peerAttention,
  actionCodeId: code.conference,
  othersInvolved: ["PEERS"],
  notes: "Refused to line up; Leo was teasing him.",
  ...overrides,
});
const record = (overrides: Record<string, string | string[]> = {}) => recordIncident(null, formOf(incidentFields(overrides)));

const incidentsOf = (studentId: string) => asOwner((tx) => tx.incident.findMany({ where: { studentId }, orderBy: { createdAt: "asc" } }));
const incidentCount = () => asOwner((tx) => tx.incident.count());
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" } }));
const codeByKey = (key: string, inDistrict = districtId) => asOwner((tx) => tx.behaviorCode.findFirstOrThrow({ where: { districtId: inDistrict, code: key } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
    student.archived = (await makeStudent(tx, { districtId, schoolId: school.north, archivedAt: new Date() })).id;
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
    code.otherDistrictBehavior = (await makeBehaviorCode(tx, { districtId: otherDistrictId, label: "Hillview defiance" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  southAssistant = await person("Sol South", "ASSISTANT", [school.south]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: assistant.membershipId, role: "INTERVENTIONIST" }));
});

beforeEach(() => signInAs(admin.ctx));

describe("code lists", () => {
  it("refuses anyone but an administrator (NOT_FOUND and a denied event), saving nothing", async () => {
    for (const who of [coordinator, specialist, assistant]) {
      signInAs(who.ctx);
      expect(await installDefaultBehaviorCodes(null, formOf({}))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect((await denied(who.userId)).length).toBeGreaterThan(0);
      await expect(getBehaviorCodesPage(who.ctx)).rejects.toMatchObject(NOT_FOUND);
    }
    expect(await asOwner((tx) => tx.behaviorCode.count({ where: { districtId } }))).toBe(0);
  });

  it("adds the defaults once, each keeping its Ed-Fi descriptor and value; a second press adds nothing", async () => {
    expect(await installDefaultBehaviorCodes(null, formOf({}))).toEqual({ ok: true, message: `Added ${DEFAULT_BEHAVIOR_CODES.length} default codes.` });
    expect(await installDefaultBehaviorCodes(null, formOf({}))).toEqual({ ok: true, message: "Every default code is on the lists already." });
    expect(await codeByKey("J_FIGHTING")).toMatchObject({ kind: "BEHAVIOR", label: "Fighting", severity: "MAJOR", edfiDescriptor: "BehaviorDescriptor", edfiCodeValue: "State Offense" });
    expect(await codeByKey("M_DEFIANCE")).toMatchObject({ severity: "MINOR", edfiCodeValue: "School Code of Conduct" });
    expect(await codeByKey("CAFETERIA")).toMatchObject({ kind: "LOCATION", edfiDescriptor: "IncidentLocationDescriptor", edfiCodeValue: "Cafeteria area", severity: null });
    expect(await codeByKey("OSS")).toMatchObject({ kind: "ACTION", edfiDescriptor: "DisciplineDescriptor", edfiCodeValue: "Out of School Suspension" });
    expect(await codeByKey("PEER_ATTENTION")).toMatchObject({ kind: "MOTIVATION", edfiDescriptor: null, edfiCodeValue: null });
    const page = await getBehaviorCodesPage(admin.ctx);
    expect(page.BEHAVIOR.map((c) => c.label)).toContain("Fighting");
    // Each district has its own lists: Hillview has only its own code.
    expect((await getBehaviorCodesPage(otherAdmin.ctx)).BEHAVIOR.map((c) => c.label)).toEqual(["Hillview defiance"]);
    code.defiance = (await codeByKey("M_DEFIANCE")).id;
    code.fighting = (await codeByKey("J_FIGHTING")).id;
    code.cafeteria = (await codeByKey("CAFETERIA")).id;
    code.classroom = (await codeByKey("CLASSROOM")).id;
    code.peerAttention = (await codeByKey("PEER_ATTENTION")).id;
    code.conference = (await codeByKey("CONFERENCE")).id;
  });

  it("adds a district code, refusing a behaviour without its class, an Ed-Fi value not of the list, and a duplicate name", async () => {
    const before = await asOwner((tx) => tx.behaviorCode.count({ where: { districtId } }));
    expect(await createBehaviorCode(null, formOf({ kind: "BEHAVIOR", label: "Off-task talk", severity: "", edfiCodeValue: "" }))).toMatchObject({ ok: false, error: { fieldErrors: { severity: ["Choose whether the behaviour is minor or major."] } } });
    expect(await createBehaviorCode(null, formOf({ kind: "LOCATION", label: "Art room", edfiCodeValue: "Fighting" }))).toMatchObject({ ok: false, error: { fieldErrors: { edfiCodeValue: ["Choose an Ed-Fi value from the list, or none."] } } });
    expect(await createBehaviorCode(null, formOf({ kind: "BEHAVIOR", label: "fighting", severity: "MAJOR", edfiCodeValue: "" }))).toMatchObject({ ok: false, error: { fieldErrors: { label: [expect.stringContaining("has a code with that name")] } } });
    expect(await asOwner((tx) => tx.behaviorCode.count({ where: { districtId } }))).toBe(before);
    expect(await createBehaviorCode(null, formOf({ kind: "LOCATION", label: "Art room", edfiCodeValue: "On-campus other inside area" }))).toEqual({ ok: true, message: "Code added." });
    expect(await codeByKey("ART_ROOM")).toMatchObject({ label: "Art room", edfiDescriptor: "IncidentLocationDescriptor", edfiCodeValue: "On-campus other inside area" });
  });

  it("edits a code with a version check, and another district's administrator cannot touch it", async () => {
    const row = await codeByKey("ART_ROOM");
    const form = (version: number) => formOf({ unverifiedCodeId: row.id, version: String(version), label: "Art or music room", edfiCodeValue: "On-campus other inside area" });
    expect(await updateBehaviorCode(null, form(row.version))).toEqual({ ok: true, message: "Code saved." });
    expect(await updateBehaviorCode(null, formOf({ unverifiedCodeId: row.id, version: String(row.version), label: "Music", edfiCodeValue: "" }))).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    signInAs(otherAdmin.ctx);
    expect(await updateBehaviorCode(null, form(row.version + 1))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await setBehaviorCodeRetired(null, formOf({ unverifiedCodeId: row.id, retired: "true" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await codeByKey("ART_ROOM")).toMatchObject({ label: "Art or music room", retiredAt: null, version: 2 });
  });
});

describe("recordIncident", () => {
  it("lets an assistant record a minor incident for a student they serve: handled, audited, with every field", async () => {
    signInAs(assistant.ctx);
    const occurredOn = daysFromToday(-1);
    expect(await record({ occurredOn })).toEqual({ ok: true, message: "Incident recorded." });
    const [row] = await incidentsOf(student.maya);
    expect(row).toMatchObject({
      districtId, schoolId: school.north, occurredOn: new Date(`${occurredOn}T00:00:00Z`), occurredMinute: 13 * 60 + 40, behaviorCodeId: code.defiance, severity: "MINOR",
      locationCodeId: code.cafeteria, motivationCodeId: code.peerAttention, actionCodeId: code.conference, othersInvolved: ["PEERS"], status: "HANDLED", reportedByUserId: assistant.userId, version: 1,
    });
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Incident", entityId: row!.id } }));
    expect(audit).toEqual([expect.objectContaining({ action: "create", actorUserId: assistant.userId, studentId: student.maya })]);
  });

  it("records one incident per student of a report, and a major one goes to the school's review", async () => {
    signInAs(specialist.ctx);
    const state = await record({ unverifiedStudentIds: [student.maya, student.leo], behaviorCodeId: code.fighting, notes: "" });
    expect(state).toEqual({ ok: true, message: "2 incidents recorded (one per student). It is a major incident: it goes to your school's coordinator for review." });
    const rows = (await asOwner((tx) => tx.incident.findMany({ where: { behaviorCodeId: code.fighting } })));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.reportId)).size).toBe(1);
    expect(rows.every((r) => r.status === "AWAITING_REVIEW" && r.severity === "MAJOR" && r.notes === null)).toBe(true);
    const queue = await getReviewQueue(coordinator.ctx, {});
    expect(queue.rows.map((r) => r.studentName).sort()).toEqual(["Leo Park", "Maya Johnson"]);
    await expect(getReviewQueue(specialist.ctx, {})).rejects.toMatchObject(NOT_FOUND);
  });

  it("records a resubmitted report (double tap, retry) once", async () => {
    signInAs(assistant.ctx);
    const fields = incidentFields();
    const before = await incidentCount();
    expect(await recordIncident(null, formOf(fields))).toMatchObject({ ok: true, message: "Incident recorded." });
    expect(await recordIncident(null, formOf(fields))).toEqual({ ok: true, message: "This incident was recorded already; nothing new was saved." });
    expect(await incidentCount()).toBe(before + 1);
  });

  it.each([
    ["a day in the future", { occurredOn: daysFromToday(1) }, "occurredOn", "The day cannot be in the future. Check the date."],
    ["a time that is not a time", { occurredTime: "25:10" }, "occurredTime", "Enter the time as hours and minutes, for example 10:15."],
    ["no behaviour", { behaviorCodeId: "" }, "behaviorCodeId", "Choose the problem behaviour."],
    ["a location code used as the behaviour", { behaviorCodeId: "@location" }, "behaviorCodeId", "That problem behaviour is not on your district's list. Choose one from the list."],
    ["another district's code", { behaviorCodeId: "@other" }, "behaviorCodeId", "That problem behaviour is not on your district's list. Choose one from the list."],
    ["an unknown code id", { locationCodeId: "00000000-0000-4000-8000-000000000000" }, "locationCodeId", "That location is not on your district's list. Choose one from the list."],
    ["someone involved not on the list", { othersInvolved: ["PRINCIPAL"] }, "othersInvolved", "Choose who else was involved from the list."],
    ["no student", { unverifiedStudentIds: [] }, "unverifiedStudentIds", "Choose the student (or students) involved."],
  ])("refuses %s with a clear message on the field, saving nothing", async (_label, overrides, field, message) => {
    signInAs(assistant.ctx);
    const resolved = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v === "@location" ? code.cafeteria : v === "@other" ? code.otherDistrictBehavior : v]));
    const before = await incidentCount();
    const state = await record(resolved as Record<string, string | string[]>);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(await incidentCount()).toBe(before);
  });

  it("refuses a retired code, saving nothing, and takes it again once restored", async () => {
    signInAs(admin.ctx);
    expect(await setBehaviorCodeRetired(null, formOf({ unverifiedCodeId: code.cafeteria, retired: "true" }))).toMatchObject({ ok: true });
    signInAs(assistant.ctx);
    const before = await incidentCount();
    expect(await record()).toMatchObject({ ok: false, error: { fieldErrors: { locationCodeId: ["“Cafeteria” has been retired from the list. Choose another location."] } } });
    expect(await incidentCount()).toBe(before);
    expect((await getNewIncidentForm(assistant.ctx, {})).codes.LOCATION.map((c) => c.id)).not.toContain(code.cafeteria);
    signInAs(admin.ctx);
    expect(await setBehaviorCodeRetired(null, formOf({ unverifiedCodeId: code.cafeteria, retired: "false" }))).toMatchObject({ ok: true, message: "Code restored." });
    signInAs(assistant.ctx);
    expect(await record()).toMatchObject({ ok: true });
  });

  it.each([
    ["a student of another school", () => [student.south]],
    ["a report naming one student of their school and one of another", () => [student.maya, student.south]],
    ["another district's student", () => [student.other]],
    ["a malformed id", () => ["not-a-uuid"]],
  ])("refuses %s with a message saying so, a denied event, and nothing saved", async (_label, ids) => {
    signInAs(assistant.ctx);
    const before = await incidentCount();
    const deniedBefore = (await denied(assistant.userId)).length;
    const state = await record({ unverifiedStudentIds: ids() });
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: expect.stringMatching(/^We could not find one of those students at your school/) } });
    expect(await incidentCount()).toBe(before);
    expect((await denied(assistant.userId)).length).toBe(deniedBefore + 1);
  });

  it("refuses an archived student", async () => {
    signInAs(specialist.ctx);
    expect(await record({ unverifiedStudentIds: [student.archived] })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "One of those students is archived. Restore them before recording an incident." } });
  });

  it("lets an assistant record for any student of their school (any staff member records), not see them afterwards", async () => {
    signInAs(southAssistant.ctx);
    expect(await record({ unverifiedStudentIds: [student.south], behaviorCodeId: code.defiance, locationCodeId: code.classroom })).toMatchObject({ ok: true });
    expect(await getStudentBehavior(southAssistant.ctx, student.south)).toBeNull();
  });
});

describe("reviews and corrections", () => {
  it("lets the coordinator review a major, once; an assistant cannot", async () => {
    const [major] = (await incidentsOf(student.leo)).filter((r) => r.status === "AWAITING_REVIEW");
    signInAs(assistant.ctx);
    expect(await reviewIncident(null, formOf({ unverifiedIncidentId: major!.id, version: "1", reviewNote: "" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(coordinator.ctx);
    expect(await reviewIncident(null, formOf({ unverifiedIncidentId: major!.id, version: "1", reviewNote: "Parent called; restorative conversation Monday." }))).toEqual({ ok: true, message: "Incident marked reviewed." });
    expect(await asOwner((tx) => tx.incident.findUniqueOrThrow({ where: { id: major!.id } }))).toMatchObject({ status: "REVIEWED", reviewedByUserId: coordinator.userId, version: 2 });
    expect(await reviewIncident(null, formOf({ unverifiedIncidentId: major!.id, version: "2", reviewNote: "" }))).toMatchObject({ ok: false, error: { message: "This incident has been reviewed already." } });
  });

  it("keeps the original when the reporter corrects an incident, and a minor made major goes to review", async () => {
    signInAs(assistant.ctx);
    const [first] = await incidentsOf(student.maya);
    const state = await correctIncident(null, formOf({ ...incidentFields({ behaviorCodeId: code.fighting, locationCodeId: code.classroom }), unverifiedIncidentId: first!.id, version: "1", reason: "It was a fight, in the classroom.", reportId: undefined as unknown as string, unverifiedStudentIds: undefined as unknown as string }));
    expect(state).toEqual({ ok: true, message: "Incident corrected. What it said before is kept in its history." });
    const now = await asOwner((tx) => tx.incident.findUniqueOrThrow({ where: { id: first!.id } }));
    expect(now).toMatchObject({ behaviorCodeId: code.fighting, severity: "MAJOR", status: "AWAITING_REVIEW", locationCodeId: code.classroom, version: 2 });
    const revisions = await asOwner((tx) => tx.incidentRevision.findMany({ where: { incidentId: first!.id } }));
    expect(revisions).toEqual([
      expect.objectContaining({ version: 1, changedByUserId: assistant.userId, reason: "It was a fight, in the classroom.", previous: expect.objectContaining({ behaviorCodeId: code.defiance, locationCodeId: code.cafeteria, severity: "MINOR", occurredTime: "13:40" }) }),
    ]);
    const page = await getIncidentPage(assistant.ctx, first!.id);
    expect(page.revisions[0]!.was).toMatchObject({ behavior: "Defiance or non-compliance", location: "Cafeteria" });
  });

  it("answers NOT_FOUND to a staff member who neither reported the incident nor reviews (a specialist correcting an assistant's report)", async () => {
    signInAs(specialist.ctx);
    const [first] = await incidentsOf(student.maya);
    const before = await asOwner((tx) => tx.incident.findUniqueOrThrow({ where: { id: first!.id } }));
    const state = await correctIncident(null, formOf({ ...incidentFields(), unverifiedIncidentId: first!.id, version: String(before.version), reason: "x", reportId: undefined as unknown as string, unverifiedStudentIds: undefined as unknown as string }));
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.incident.findUniqueOrThrow({ where: { id: first!.id } }))).toMatchObject({ version: before.version });
  });
});

describe("who sees incidents and notes", () => {
  it("shows an assistant the incidents of students they serve, without the notes of incidents others reported", async () => {
    const other = await asOwner((tx) => makeIncident(tx, { districtId, schoolId: school.north, studentId: student.maya, behaviorCodeId: code.defiance, locationCodeId: code.classroom, reportedByUserId: specialist.userId, notes: "Leo's parents were called too." }));
    const section = await getStudentBehavior(assistant.ctx, student.maya);
    expect(section?.incidents.find((i) => i.id === other.id)?.notes).toBeUndefined();
    expect(section?.incidents.some((i) => i.notes === "Refused to line up; Leo was teasing him.")).toBe(true);
    expect((await getIncidentPage(assistant.ctx, other.id)).notes).toBeUndefined();
    expect((await getIncidentPage(specialist.ctx, other.id)).notes).toBe("Leo's parents were called too.");
    const viewed = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Incident", entityId: other.id, action: "view" } }));
    expect(viewed.map((e) => e.actorUserId).sort()).toEqual([assistant.userId, specialist.userId].sort());
  });

  it("answers 404 (with a denied event) to an assistant opening an incident of a student they do not serve, and to another district", async () => {
    const [leos] = await incidentsOf(student.leo);
    const deniedBefore = (await denied(assistant.userId)).length;
    await expect(getIncidentPage(assistant.ctx, leos!.id)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(assistant.userId)).length).toBe(deniedBefore + 1);
    await expect(getIncidentPage(otherAdmin.ctx, leos!.id)).rejects.toMatchObject(NOT_FOUND);
    expect(await getStudentBehavior(assistant.ctx, student.leo)).toBeNull();
  });

  it("keeps each district's incidents and codes to itself under row-level security", async () => {
    const mine = await withTenant(districtId, (tx) => tx.incident.count(), appDb());
    expect(mine).toBeGreaterThan(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.incident.count({ where: { districtId } }), appDb())).toBe(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.behaviorCode.count({ where: { districtId } }), appDb())).toBe(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.incidentRevision.count(), appDb())).toBe(0);
    await expect(withTenant(otherDistrictId, (tx) => installDefaultCodes(tx, districtId), appDb())).rejects.toThrow();
  });
});
