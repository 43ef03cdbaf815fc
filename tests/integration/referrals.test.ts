// Referrals for special-education evaluation (issue 16): who may start and
// update them (administrators, coordinators of the school, the student's case
// manager), bad dates refused with nothing saved, the legal clock on the
// profile (calendar or school days, with the district's non-school days), and
// the administrator's calendar (by hand and by CSV, a bad file saving nothing).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { addDays } from "@/domain/dosage";
import { getStudentSpecialEd } from "@/server/iep504/queries";
import { addNonSchoolDays, saveClockSettings, startReferral, updateReferral, uploadNonSchoolDays } from "@/server/referrals/actions";
import { todayIso } from "@/server/students/schemas";
import { makeCaseloadAssignment, makeDistrict, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", south: "" };
let admin: Person;
let coordinator: Person;
let specialist: Person; // Maya's case manager
let colleague: Person; // delivers Maya's plan, not her case manager
let assistant: Person; // delivers Maya's plan

const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const referralsOf = (studentId: string) => asOwner((tx) => tx.referral.findMany({ where: { studentId }, orderBy: { createdAt: "asc" } }));
const count = () => asOwner((tx) => tx.referral.count());
const start = (studentId: string, overrides: Record<string, string> = {}) =>
  startReferral(null, formOf({ unverifiedStudentId: studentId, reason: "No adequate response to two Tier 3 reading interventions", concerns: "", referredOn: addDays(todayIso(), -30), ...overrides }));
const update = (row: { id: string; version: number }, overrides: Record<string, string> = {}) =>
  updateReferral(null, formOf({ unverifiedReferralId: row.id, version: String(row.version), status: "CONSENT_RECEIVED", consentRequestedOn: "", consentDate: "", eligibilityMeetingOn: "", outcome: "", ...overrides }));
const fieldErr = (state: unknown, field: string) => ((state as { error?: { fieldErrors?: Record<string, string[]> } }).error?.fieldErrors?.[field] ?? []).join(" ");

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  colleague = await person("Cleo Colleague", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: specialist.userId, studentIds: [student.maya], interventionistMembershipIds: [colleague.membershipId, assistant.membershipId] });
  });
});

beforeEach(() => signInAs(coordinator.ctx));

describe("starting and updating a referral", () => {
  it("lets a coordinator start one, records consent, and the profile shows the due date 60 calendar days after consent with the days left", async () => {
    expect(await start(student.maya)).toEqual({ ok: true, message: "Referral started." });
    const [row] = await referralsOf(student.maya);
    expect(row).toMatchObject({ status: "REFERRED", createdByUserId: coordinator.userId });
    const consent = addDays(todayIso(), -21);
    expect(await update(row!, { consentRequestedOn: addDays(todayIso(), -28), consentDate: consent })).toEqual({ ok: true, message: "Referral saved." });
    const section = await getStudentSpecialEd(coordinator.ctx, student.maya);
    expect(section!.referrals).toEqual([expect.objectContaining({ status: "CONSENT_RECEIVED", consentDate: consent, clock: expect.objectContaining({ due: addDays(consent, 60), daysLeft: 39, overdue: false }) })]);
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Referral", entityId: row!.id }, orderBy: { createdAt: "asc" } }));
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
  });

  it("refuses a second open referral for the same student", async () => {
    const before = await count();
    expect(await start(student.maya)).toMatchObject({ ok: false, error: { message: "This student already has an open referral: update that one." } });
    expect(await count()).toBe(before);
  });

  it.each([
    ["a consent date in the future", () => ({ consentDate: addDays(todayIso(), 1) }), "consentDate", "cannot be in the future"],
    ["a consent date before the referral", () => ({ consentDate: addDays(todayIso(), -31) }), "consentDate", "cannot be before the referral"],
    ["consent received without its date", () => ({ consentDate: "" }), "consentDate", "Enter the date the parent consented"],
    ["an outcome status without the outcome", () => ({ status: "OUTCOME", consentDate: addDays(todayIso(), -21) }), "outcome", "Choose the outcome."],
  ])("refuses %s with a clear message, saving nothing", async (_label, overrides, field, message) => {
    const [row] = await referralsOf(student.maya);
    const state = await update(row!, overrides());
    expect(fieldErr(state, field)).toContain(message);
    expect((await referralsOf(student.maya))[0]).toEqual(row);
  });

  it("refuses a referral date in the future, saving nothing", async () => {
    const before = await count();
    expect(fieldErr(await start(student.leo, { referredOn: addDays(todayIso(), 2) }), "referredOn")).toContain("cannot be in the future");
    expect(await count()).toBe(before);
  });

  it("lets the student's case manager (a specialist) start one", async () => {
    signInAs(specialist.ctx);
    const other = await asOwner((tx) => makeStudent(tx, { districtId, schoolId: school.north }));
    await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: other.id, membershipId: specialist.membershipId, role: "CASE_MANAGER" }));
    expect(await start(other.id)).toMatchObject({ ok: true });
  });

  it.each([
    ["a specialist who delivers the student's plan but is not the case manager", () => colleague, () => student.maya],
    ["an assistant", () => assistant, () => student.maya],
    ["a coordinator, for another school's student", () => coordinator, () => student.south],
  ])("answers %s NOT_FOUND with a denied event, saving nothing", async (_label, who, id) => {
    signInAs(who().ctx);
    const before = await count();
    expect(await start(id())).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await count()).toBe(before);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: who().userId, action: "denied" } }));
    expect(denied.some((e) => (e.detail as { attempted?: string }).attempted === "referral.manage")).toBe(true);
  });

  it("never shows the referral to the plan's specialist who is not case manager, nor to the assistant", async () => {
    for (const who of [colleague, assistant]) {
      signInAs(who.ctx);
      const section = await getStudentSpecialEd(who.ctx, student.maya);
      expect(section?.referrals ?? null).toBeNull();
      expect(JSON.stringify(section)).not.toContain("Tier 3 reading interventions");
    }
  });
});

describe("the district calendar and the clock in school days", () => {
  it("refuses the calendar to a coordinator (NOT_FOUND)", async () => {
    expect(await saveClockSettings(null, formOf({ evaluationDays: "30", evaluationDayCount: "SCHOOL" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("counts school days around the administrator's non-school days once the district switches", async () => {
    signInAs(admin.ctx);
    expect(await saveClockSettings(null, formOf({ evaluationDays: "0", evaluationDayCount: "SCHOOL" }))).toMatchObject({ ok: false, error: { fieldErrors: { evaluationDays: ["Enter at least 1 day."] } } });
    expect(await saveClockSettings(null, formOf({ evaluationDays: "10", evaluationDayCount: "SCHOOL" }))).toEqual({ ok: true, message: "Evaluation timeline saved." });
    // Consent on Monday 2 Nov 2026; Tuesday 3 Nov (election day) closed: 10 school days -> Tue 17 Nov instead of Mon 16 Nov.
    const row = await asOwner((tx) =>
      tx.referral.create({ data: { districtId, studentId: student.leo, reason: "Math: no response to Tier 3", referredOn: new Date("2026-10-20T00:00:00Z"), createdByUserId: coordinator.userId } }),
    );
    signInAs(coordinator.ctx);
    expect(await update(row, { consentDate: "2026-11-02" })).toMatchObject({ ok: true });
    const due = async () => (await getStudentSpecialEd(coordinator.ctx, student.leo))!.referrals![0]!.clock!.due;
    expect(await due()).toBe("2026-11-16");
    signInAs(admin.ctx);
    expect(await addNonSchoolDays(null, formOf({ from: "2026-11-03", to: "", label: "Election day" }))).toEqual({ ok: true, message: "1 day added." });
    signInAs(coordinator.ctx);
    expect(await due()).toBe("2026-11-17");
  });

  it("loads a CSV of breaks (weekends left out) and saves nothing from a file with a bad row", async () => {
    signInAs(admin.ctx);
    const file = (text: string) => {
      const form = new FormData();
      form.append("file", new File([text], "calendar.csv", { type: "text/csv" }));
      return form;
    };
    const days = () => asOwner((tx) => tx.districtNonSchoolDay.count({ where: { districtId } }));
    const before = await days();
    const bad = await uploadNonSchoolDays(null, file("start,end,label\n2026-12-21,2027-01-01,Winter break\n2026-13-01,2026-13-02,Nonsense\n"));
    expect(bad).toMatchObject({ ok: false, error: { fieldErrors: { file: ["Row 3: write dates as yyyy-mm-dd (for example 2026-12-21)."] } } });
    expect(await days()).toBe(before);
    expect(await uploadNonSchoolDays(null, file("start,end,label\n2026-12-21,2027-01-01,Winter break\n"))).toEqual({ ok: true, message: "10 non-school days loaded." });
    expect(await days()).toBe(before + 10);
  });

  it("refuses a calendar file whose name holds a NUL, with a message, saving nothing", async () => {
    signInAs(admin.ctx);
    const form = new FormData();
    form.append("file", new File(["start,end,label\n2027-02-15,2027-02-19,Winter recess\n"], "calendar\u0000.csv", { type: "text/csv" }));
    const days = () => asOwner((tx) => tx.districtNonSchoolDay.count({ where: { districtId } }));
    const before = await days();
    expect(await uploadNonSchoolDays(null, form)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { file: [expect.stringMatching(/control character \(such as NUL/)] } } });
    expect(await days()).toBe(before);
  });

  // Issue 21: a label is stored as text, and PostgreSQL refuses a NUL in text (an error page, not a refusal, before the check).
  it("refuses a calendar file whose contents hold a NUL (a zero byte), with a message, saving nothing", async () => {
    signInAs(admin.ctx);
    const form = new FormData();
    form.append("file", new File(["start,end,label\n2027-03-15,2027-03-19,Spring\u0000 break\n"], "calendar.csv", { type: "text/csv" }));
    const days = () => asOwner((tx) => tx.districtNonSchoolDay.count({ where: { districtId } }));
    const before = await days();
    expect(await uploadNonSchoolDays(null, form)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { file: [expect.stringMatching(/zero byte/)] } } });
    expect(await days()).toBe(before);
  });
});
