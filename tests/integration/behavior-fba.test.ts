// ABC records, FBAs and BIPs (issue 15): ABC entry by those who serve the
// student, FBAs that link ABC records and incidents and complete only when
// whole, BIPs only from a completed FBA (with crisis steps), versions kept,
// and the active BIP shown to assistants without the FBA.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { createBip, createFba, recordAbc, updateFba } from "@/server/behavior/fba-actions";
import { installDefaultCodes } from "@/server/behavior/codes";
import { getFbaPage, getNewBipForm } from "@/server/behavior/fba-queries";
import { getStudentBehavior } from "@/server/behavior/queries";
import { makeCaseloadAssignment, makeDistrict, makeIncident, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let schoolId: string;
const student = { ben: "", other: "" };
let specialist: Person; // Ben's case manager
let colleague: Person; // a specialist of the school, not on Ben's case
let assistant: Person; // serves Ben
let incidentId: string;
let fbaId: string;
const abcIds: string[] = [];

const yesterday = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const abc = (overrides: Record<string, string> = {}) =>
  recordAbc(null, formOf({ clientKey: randomUUID(), unverifiedStudentId: student.ben, observedOn: yesterday(), observedTime: "10:20", setting: "Math block", antecedentKind: "TASK_DEMAND", antecedent: "Worksheet handed out", behavior: "Tore the worksheet and left his seat", consequenceKind: "TASK_REMOVED", consequence: "Sent to the reading corner", durationMinutes: "6", intensity: "3", ...overrides }));
const fbaFields = (overrides: Record<string, string | string[]> = {}) => ({
  unverifiedFbaId: fbaId,
  version: "1",
  targetBehavior: "Leaves his seat and tears work within 2 minutes of a written task",
  settings: "Math and writing blocks",
  otherSources: "",
  function: "",
  hypothesis: "",
  team: "",
  guardianConsentOn: "",
  linkedAbcIds: abcIds,
  linkedIncidentIds: [incidentId],
  completedOn: "",
  ...overrides,
});
const bipFields = (overrides: Record<string, string> = {}) => ({
  unverifiedFbaId: fbaId,
  targetBehavior: "Leaves his seat and tears work",
  replacementBehavior: "Asks for a break with the break card",
  prevention: "Chunk written tasks; first-then board",
  teaching: "Teach and practise the break card daily for two weeks",
  reinforcement: "Points for each break card use, traded at lunch",
  response: "Calm prompt to the break card; no task removal after tearing",
  crisisSteps: "Clear the area\nCall the office on extension 200\nStay with the student",
  crisisContacts: "Office 200; counsellor 214",
  unverifiedGoalId: "",
  reviewOn: "2027-02-15",
  implementers: "Classroom teacher, Jordan (assistant)",
  ...overrides,
});

beforeAll(async () => {
  const person = (name: string, role: Ctx["role"]) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds: [schoolId] }));
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx)).id;
    schoolId = (await makeSchool(tx, { districtId })).id;
    student.ben = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Ben", legalLastName: "Ortiz" })).id;
    student.other = (await makeStudent(tx, { districtId, schoolId })).id;
    await installDefaultCodes(tx, districtId);
  });
  specialist = await person("Sam Patel", "SPECIALIST");
  colleague = await person("Cleo Colleague", "SPECIALIST");
  assistant = await person("Ari Lund", "ASSISTANT");
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: student.ben, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.ben, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
    const code = async (key: string) => (await tx.behaviorCode.findFirstOrThrow({ where: { districtId, code: key } })).id;
    incidentId = (await makeIncident(tx, { districtId, schoolId, studentId: student.ben, behaviorCodeId: await code("M_DISRUPTION"), locationCodeId: await code("CLASSROOM"), motivationCodeId: await code("AVOID_TASK"), reportedByUserId: assistant.userId, occurredOn: new Date(`${yesterday()}T00:00:00Z`) })).id;
  });
});

beforeEach(() => signInAs(specialist.ctx));

describe("recordAbc", () => {
  it("lets an assistant who serves the student record ABC data, once per form", async () => {
    signInAs(assistant.ctx);
    const key = randomUUID();
    expect(await abc({ clientKey: key })).toEqual({ ok: true, message: "ABC record saved." });
    expect(await abc({ clientKey: key })).toEqual({ ok: true, message: "This record was saved already; nothing new was saved." });
    expect(await abc({ antecedentKind: "TRANSITION", consequenceKind: "ADULT_ATTENTION", setting: "Hallway", intensity: "" })).toMatchObject({ ok: true });
    const rows = await asOwner((tx) => tx.abcRecord.findMany({ where: { studentId: student.ben }, orderBy: { createdAt: "asc" } }));
    expect(rows.map((r) => [r.antecedentKind, r.consequenceKind, r.intensity, r.durationMinutes, r.observedMinute, r.recordedByUserId])).toEqual([
      ["TASK_DEMAND", "TASK_REMOVED", 3, 6, 620, assistant.userId],
      ["TRANSITION", "ADULT_ATTENTION", null, 6, 620, assistant.userId],
    ]);
    abcIds.push(...rows.map((r) => r.id));
  });

  it("refuses an assistant for a student they do not serve (NOT_FOUND) and bad values on their fields", async () => {
    signInAs(assistant.ctx);
    expect(await abc({ unverifiedStudentId: student.other })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await abc({ intensity: "7", antecedentKind: "BORED" })).toMatchObject({ ok: false, error: { fieldErrors: { intensity: ["Choose an intensity from 1 to 5."], antecedentKind: ["Choose what happened just before."] } } });
    expect(await asOwner((tx) => tx.abcRecord.count({ where: { studentId: student.other } }))).toBe(0);
  });
});

describe("FBA", () => {
  it("is started by the case manager, not by a specialist off the case or an assistant", async () => {
    signInAs(colleague.ctx);
    expect(await createFba(null, formOf({ unverifiedStudentId: student.ben, targetBehavior: "x", settings: "" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(assistant.ctx);
    expect(await createFba(null, formOf({ unverifiedStudentId: student.ben, targetBehavior: "x", settings: "" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(specialist.ctx);
    const to = await redirectOf(createFba(null, formOf({ unverifiedStudentId: student.ben, targetBehavior: "Leaves his seat", settings: "" })));
    fbaId = to.replace("/behavior/fba/", "");
    expect(await asOwner((tx) => tx.fba.findUniqueOrThrow({ where: { id: fbaId } }))).toMatchObject({ studentId: student.ben, createdByUserId: specialist.userId, completedOn: null });
  });

  it("links ABC records and incidents and counts them; completing needs function, hypothesis, team and date", async () => {
    expect(await updateFba(null, formOf(fbaFields()))).toEqual({ ok: true, message: "FBA saved." });
    const page = await getFbaPage(specialist.ctx, fbaId);
    expect(page.summary.antecedents.map((t) => [t.label, t.count])).toEqual([["Task or demand given", 1], ["Transition or change in routine", 1]]);
    expect(page.summary.incidentMotivations.map((t) => [t.label, t.count])).toEqual([["Avoid task or activity", 1]]);
    expect(page.summary.minutesObserved).toBe(12);
    const state = await updateFba(null, formOf(fbaFields({ version: "2", complete: "true" })));
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { function: [expect.any(String)], hypothesis: [expect.any(String)], team: [expect.any(String)], completedOn: ["Enter the date the FBA was completed."] } } });
    expect(await asOwner((tx) => tx.fba.findUniqueOrThrow({ where: { id: fbaId } }))).toMatchObject({ completedOn: null, version: 2 });
  });

  it("refuses a BIP while the FBA is not complete", async () => {
    expect(await createBip(null, formOf(bipFields()))).toMatchObject({ ok: false, error: { message: "A BIP is written from a completed FBA. Complete the FBA first." } });
    expect(await asOwner((tx) => tx.bip.count())).toBe(0);
  });

  it("completes, after which it cannot be changed", async () => {
    const complete = fbaFields({ version: "2", complete: "true", function: "ESCAPE_TASK", hypothesis: "When given a written task, Ben tears the work and leaves his seat in order to escape the task.", team: "Sam Patel (specialist), Ms Hale (teacher), Ben's mother", guardianParticipated: "on", guardianConsentOn: yesterday(), completedOn: yesterday() });
    expect(await redirectOf(updateFba(null, formOf(complete)))).toBe(`/behavior/fba/${fbaId}?completed=1`);
    expect(await updateFba(null, formOf({ ...complete, version: "3" }))).toMatchObject({ ok: false, error: { message: expect.stringContaining("complete and can no longer be changed") } });
    expect(await asOwner((tx) => tx.fba.findUniqueOrThrow({ where: { id: fbaId } }))).toMatchObject({ function: "ESCAPE_TASK", guardianParticipated: true, version: 3 });
  });

  it("is never shown to an assistant (404 with a denied event)", async () => {
    await expect(getFbaPage(assistant.ctx, fbaId)).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: assistant.userId, action: "denied" } }));
    expect(denied).toBeGreaterThan(0);
  });
});

describe("BIP", () => {
  it("refuses a crisis plan without steps, saving nothing", async () => {
    expect(await createBip(null, formOf(bipFields({ crisisSteps: "  \n " })))).toMatchObject({ ok: false, error: { fieldErrors: { crisisSteps: ["A crisis or safety plan needs at least one step (one per line)."] } } });
    expect(await asOwner((tx) => tx.bip.count())).toBe(0);
  });

  it("writes version 1, then version 2 supersedes it (kept); only the active one is shown", async () => {
    expect(await redirectOf(createBip(null, formOf(bipFields())))).toBe(`/students/${student.ben}?section=behavior#behavior`);
    expect(await redirectOf(createBip(null, formOf(bipFields({ prevention: "Chunk tasks; first-then board; seat near the teacher" }))))).toBe(`/students/${student.ben}?section=behavior#behavior`);
    const bips = await asOwner((tx) => tx.bip.findMany({ where: { studentId: student.ben }, orderBy: { version: "asc" } }));
    expect(bips.map((b) => [b.version, b.supersededAt === null])).toEqual([[1, false], [2, true]]);
    expect(bips[1]!.crisisSteps).toEqual(["Clear the area", "Call the office on extension 200", "Stay with the student"]);
    expect((await getNewBipForm(specialist.ctx, { fba: fbaId })).active?.version).toBe(2);
  });

  it("shows the assistant the active BIP with its crisis plan, but no FBA", async () => {
    const data = await getStudentBehavior(assistant.ctx, student.ben);
    expect(data?.plans.bip).toMatchObject({ version: 2, prevention: "Chunk tasks; first-then board; seat near the teacher", crisisSteps: ["Clear the area", "Call the office on extension 200", "Stay with the student"] });
    expect(data?.plans.may).toMatchObject({ viewFba: false, viewBip: true, recordAbc: true });
    expect(data?.plans.fbas).toEqual([]);
    expect(JSON.stringify(data)).not.toContain("in order to escape the task");
  });

  it("refuses a goal that is not the student's", async () => {
    expect(await createBip(null, formOf(bipFields({ unverifiedGoalId: randomUUID() })))).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedGoalId: ["Choose one of this student's goals from the list."] } } });
  });
});
