// IEP and 504 records and their services (issue 16): who may add and edit
// them, bad input refused with nothing saved, the student list's flags
// following the records, and what the profile's section shows to whom (the
// disability category only to administrators, coordinators of the school and
// the case manager; assistants only the services they deliver), audited.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { createService, createSpecialEdPlan, logServiceMinutes, updateService, updateSpecialEdPlan } from "@/server/iep504/actions";
import { getMyDueDates, getMyServices, getStudentSpecialEd } from "@/server/iep504/queries";
import { addDays } from "@/domain/dosage";
import { todayIso } from "@/server/students/schemas";
import { makeCaseloadAssignment, makeDistrict, makePlan, makeSchool, makeSpecialEdPlan, makeSpecialEdService, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
// maya: the specialist's case (no record yet); leo: nobody's case; zoe: active IEP with a service the assistant delivers.
const student = { maya: "", leo: "", zoe: "", south: "", other: "" };
let admin: Person;
let coordinator: Person; // North
let southCoordinator: Person;
let specialist: Person; // North, case manager of Maya and of Zoe's IEP
let colleague: Person; // North specialist, reaches nobody
let assistant: Person; // North, delivers Zoe's speech service
let idleAssistant: Person;
let zoeIep: { id: string; version: number };
let zoeService: { id: string; version: number };

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

const fields = (overrides: Record<string, string> = {}) => ({
  unverifiedStudentId: student.maya,
  type: "IEP",
  status: "ACTIVE",
  startDate: "2026-03-02",
  lastMeetingDate: "2026-03-02",
  annualReviewDue: "2027-03-01",
  lastEvaluationDate: "2026-01-15",
  reevaluationDue: "2029-01-14",
  unverifiedCaseManagerId: "",
  disabilityCategory: "Specific Learning Disability",
  documentUrl: "https://iep.example.org/students/123/iep",
  ...overrides,
});
const add = (overrides: Record<string, string> = {}) => createSpecialEdPlan(null, formOf(fields(overrides)));
const plansOf = (studentId: string) => asOwner((tx) => tx.specialEdPlan.findMany({ where: { studentId }, orderBy: { createdAt: "asc" } }));
const planCount = () => asOwner((tx) => tx.specialEdPlan.count());
const flagsOf = (id: string) => asOwner((tx) => tx.student.findUniqueOrThrow({ where: { id }, select: { hasIep: true, has504: true } }));
const deniedOf = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" } }));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.zoe = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Zoe", legalLastName: "Adams" })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  colleague = await person("Cleo Colleague", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  idleAssistant = await person("Ida Idle", "ASSISTANT", [school.north]);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.zoe, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    // The assistant reaches Zoe through a plan they deliver (so they may open her profile).
    await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: specialist.userId, studentIds: [student.zoe], interventionistMembershipIds: [assistant.membershipId] });
    zoeIep = await makeSpecialEdPlan(tx, { districtId, studentId: student.zoe, caseManagerMembershipId: specialist.membershipId, disabilityCategory: "Speech or Language Impairment" });
    zoeService = await makeSpecialEdService(tx, {
      districtId,
      planId: zoeIep.id,
      createdByUserId: specialist.userId,
      area: "Speech-language therapy",
      minutes: 60,
      providerRole: "Paraprofessional",
      providerMembershipId: assistant.membershipId,
    });
    await makeSpecialEdService(tx, { districtId, planId: zoeIep.id, createdByUserId: specialist.userId, area: "Specialized instruction: reading", providerMembershipId: specialist.membershipId });
  });
});

beforeEach(() => signInAs(coordinator.ctx));

describe("createSpecialEdPlan", () => {
  it("lets a coordinator add an active IEP for a student of their school: saved with its dates, the list's IEP flag set, audited by field names", async () => {
    const state = await add({ unverifiedCaseManagerId: specialist.membershipId });
    expect(state).toEqual({ ok: true, message: "Record added." });
    const [row] = await plansOf(student.maya);
    expect(row).toMatchObject({
      type: "IEP",
      status: "ACTIVE",
      startDate: day("2026-03-02"),
      annualReviewDue: day("2027-03-01"),
      reevaluationDue: day("2029-01-14"),
      caseManagerMembershipId: specialist.membershipId,
      disabilityCategory: "Specific Learning Disability",
      createdByUserId: coordinator.userId,
      migratedFromFlag: false,
    });
    expect(await flagsOf(student.maya)).toEqual({ hasIep: true, has504: false });
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "SpecialEdPlan", entityId: row!.id } }));
    expect(events).toEqual([expect.objectContaining({ action: "create", actorUserId: coordinator.userId, studentId: student.maya })]);
    expect(JSON.stringify(events[0]!.detail)).not.toContain("Specific Learning");
  });

  it.each([
    ["an annual review due before the start date", { startDate: "2026-03-02", lastMeetingDate: "", annualReviewDue: "2026-02-27" }, "annualReviewDue", "The annual review cannot be due before the start date."],
    ["an annual review more than a year after the last meeting", { lastMeetingDate: "2026-03-02", annualReviewDue: "2027-03-03" }, "annualReviewDue", "within one year of the last meeting: on or before 2027-03-02"],
    ["an unknown disability category", { disabilityCategory: "Moldova" }, "disabilityCategory", "Choose a disability category from the list"],
    ["a disability category on a 504 plan", { type: "SECTION_504" }, "disabilityCategory", "A 504 plan has no IDEA disability category"],
    ["an IEP re-evaluation more than three years after the last evaluation", { lastEvaluationDate: "2026-01-15", reevaluationDue: "2029-01-16" }, "reevaluationDue", "on or before 2029-01-15"],
    ["an active plan without an annual review date", { annualReviewDue: "" }, "annualReviewDue", "Enter when the annual review is due"],
    ["a link that is not a web address", { documentUrl: "javascript:alert(1)" }, "documentUrl", "starting with https://"],
    ["a start date that is not a date", { startDate: "2026-02-30" }, "startDate", "as a full date"],
  ])("refuses %s with a clear message and saves nothing", async (_label, overrides, field, message) => {
    const before = await planCount();
    const state = await add({ unverifiedStudentId: student.leo, ...overrides });
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const errors = state && !state.ok ? state.error.fieldErrors?.[field] : undefined;
    expect(errors?.join(" ")).toContain(message);
    expect(await planCount()).toBe(before);
  });

  it("refuses a second active IEP for the same student with a clear message, saving nothing", async () => {
    const before = await planCount();
    const state = await add({ unverifiedStudentId: student.zoe });
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { status: ["This student already has an active IEP. Exit or update that one instead of adding a second."] } } });
    expect(await planCount()).toBe(before);
  });

  it("refuses an unknown key in the form (strict input)", async () => {
    const state = await createSpecialEdPlan(null, formOf({ ...fields({ unverifiedStudentId: student.leo }), hasIep: "on" }));
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
  });

  it.each([
    ["a specialist, for a student of their school not in their reach", () => colleague, () => student.leo],
    ["a coordinator, for another school's student", () => coordinator, () => student.south],
    ["a coordinator of another school, for a North student", () => southCoordinator, () => student.leo],
    ["an assistant, for a student whose service they deliver", () => assistant, () => student.zoe],
    ["an administrator, for another district's student", () => admin, () => student.other],
    ["anyone, for a malformed id", () => coordinator, () => "not-a-uuid"],
  ])("answers %s NOT_FOUND with a denied audit event, saving nothing", async (_label, who, id) => {
    signInAs(who().ctx);
    const before = await planCount();
    const deniedBefore = (await deniedOf(who().userId)).length;
    expect(await add({ unverifiedStudentId: id(), type: "SECTION_504", disabilityCategory: "" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await planCount()).toBe(before);
    expect((await deniedOf(who().userId)).length).toBe(deniedBefore + 1);
  });

  // Found by the reach suite's review (tests/integration/reach/cases.ts): the
  // case manager was checked before the reach, so someone outside the student's
  // reach naming a case manager not of the student's school got a field error
  // (which told them the student exists and who works at their school) and left
  // no denied event.
  it.each([
    ["a coordinator of another school, naming nobody of the student's school", () => southCoordinator, () => crypto.randomUUID()],
    ["a specialist who does not reach the student, naming a South coordinator", () => colleague, () => southCoordinator.membershipId],
  ])("answers %s as case manager NOT_FOUND with a denied audit event (the reach comes before the case manager)", async (_label, who, caseManager) => {
    signInAs(who().ctx);
    const before = await planCount();
    const deniedBefore = (await deniedOf(who().userId)).length;
    expect(await add({ unverifiedStudentId: student.leo, type: "SECTION_504", disabilityCategory: "", unverifiedCaseManagerId: caseManager() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await planCount()).toBe(before);
    expect((await deniedOf(who().userId)).length).toBe(deniedBefore + 1);
  });

  it("lets a specialist add a record for a student they reach, but set the disability category only when they are its case manager", async () => {
    signInAs(specialist.ctx);
    const leoLike = await asOwner((tx) => makeStudent(tx, { districtId, schoolId: school.north }));
    await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: leoLike.id, membershipId: specialist.membershipId, role: "CASE_MANAGER" }));
    const refused = await add({ unverifiedStudentId: leoLike.id, unverifiedCaseManagerId: colleague.membershipId });
    expect(refused).toMatchObject({ ok: false, error: { fieldErrors: { disabilityCategory: [expect.stringContaining("Only administrators, coordinators")] } } });
    expect(await plansOf(leoLike.id)).toEqual([]);
    expect(await add({ unverifiedStudentId: leoLike.id, unverifiedCaseManagerId: specialist.membershipId })).toMatchObject({ ok: true });
    expect(await plansOf(leoLike.id)).toEqual([expect.objectContaining({ disabilityCategory: "Specific Learning Disability", caseManagerMembershipId: specialist.membershipId })]);
  });

  it("refuses a case manager who does not work at the student's school", async () => {
    const southSpecialist = await person("Sid South", "SPECIALIST", [school.south]);
    const state = await add({ unverifiedStudentId: student.leo, type: "SECTION_504", disabilityCategory: "", unverifiedCaseManagerId: southSpecialist.membershipId });
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedCaseManagerId: [expect.stringContaining("Choose someone from the list")] } } });
  });
});

describe("updateSpecialEdPlan", () => {
  const editFields = (row: { id: string; version: number }, overrides: Record<string, string> = {}) => {
    const rest: Record<string, string> = fields({ unverifiedCaseManagerId: specialist.membershipId, disabilityCategory: "Speech or Language Impairment" });
    delete rest.unverifiedStudentId;
    delete rest.type;
    return { ...rest, unverifiedPlanId: row.id, version: String(row.version), ...overrides };
  };

  it("exits an IEP: the list's flag clears; a stale version is a conflict and saves nothing", async () => {
    const row = await asOwner((tx) => makeSpecialEdPlan(tx, { districtId, studentId: student.leo, caseManagerMembershipId: specialist.membershipId }));
    expect(await flagsOf(student.leo)).toEqual({ hasIep: true, has504: false });
    expect(await updateSpecialEdPlan(null, formOf(editFields(row, { status: "EXITED" })))).toEqual({ ok: true, message: "Record saved." });
    expect(await flagsOf(student.leo)).toEqual({ hasIep: false, has504: false });
    const stale = await updateSpecialEdPlan(null, formOf(editFields(row, { status: "ACTIVE" })));
    expect(stale).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await flagsOf(student.leo)).toEqual({ hasIep: false, has504: false });
  });

  it("keeps the stored disability category when someone who may not see it edits the record, and refuses them setting one", async () => {
    // The colleague reaches Zoe through a caseload assignment, but is not the IEP's case manager.
    const zoeCase = await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: student.zoe, membershipId: colleague.membershipId, role: "INTERVENTIONIST" }));
    signInAs(colleague.ctx);
    const current = await asOwner((tx) => tx.specialEdPlan.findUniqueOrThrow({ where: { id: zoeIep.id } }));
    // The fields the form shows someone who may not see evaluation details.
    const visible: Record<string, string> = editFields(current, { documentUrl: "https://iep.example.org/zoe" });
    delete visible.disabilityCategory;
    delete visible.lastEvaluationDate;
    const tooLate = await updateSpecialEdPlan(null, formOf({ ...visible }));
    expect(tooLate).toMatchObject({ ok: false, error: { fieldErrors: { reevaluationDue: [expect.stringContaining("Ask the case manager")] } } });
    expect(JSON.stringify(tooLate)).not.toContain("2028-12-01");
    const state = await updateSpecialEdPlan(null, formOf({ ...visible, reevaluationDue: "2028-11-30" }));
    expect(state).toEqual({ ok: true, message: "Record saved." });
    expect(await asOwner((tx) => tx.specialEdPlan.findUniqueOrThrow({ where: { id: zoeIep.id } }))).toMatchObject({
      documentUrl: "https://iep.example.org/zoe",
      disabilityCategory: "Speech or Language Impairment",
      lastEvaluationDate: day("2025-12-01"),
    });
    const after = await asOwner((tx) => tx.specialEdPlan.findUniqueOrThrow({ where: { id: zoeIep.id } }));
    const refused = await updateSpecialEdPlan(null, formOf({ ...visible, version: String(after.version), disabilityCategory: "Autism Spectrum Disorders" }));
    expect(refused).toMatchObject({ ok: false, error: { fieldErrors: { disabilityCategory: [expect.stringContaining("Only administrators")] } } });
    await asOwner((tx) => tx.caseloadAssignment.update({ where: { id: zoeCase.id }, data: { endedAt: new Date() } }));
  });
});

describe("services", () => {
  const serviceFields = (overrides: Record<string, string> = {}) => ({
    unverifiedPlanId: zoeIep.id,
    area: "Occupational therapy",
    minutes: "30",
    frequency: "MONTHLY",
    providerRole: "Occupational therapist",
    unverifiedProviderId: "",
    setting: "Therapy room",
    startDate: "2026-09-01",
    endDate: "",
    ...overrides,
  });
  const serviceCount = () => asOwner((tx) => tx.specialEdService.count());

  it("adds a service to a record, audited", async () => {
    expect(await createService(null, formOf(serviceFields()))).toEqual({ ok: true, message: "Service added." });
    expect(await asOwner((tx) => tx.specialEdService.findFirst({ where: { area: "Occupational therapy" } }))).toMatchObject({ minutes: 30, frequency: "MONTHLY", planId: zoeIep.id });
  });

  it.each([
    ["zero minutes", { minutes: "0" }, "minutes", "The minutes must be at least 1."],
    ["negative minutes", { minutes: "-30" }, "minutes", "The minutes must be at least 1."],
    ["a last day before the start", { endDate: "2026-08-01" }, "endDate", "The last day cannot be before the start date."],
    ["no provider role", { providerRole: " " }, "providerRole", "Enter who provides it"],
  ])("refuses %s, saving nothing", async (_label, overrides, field, message) => {
    const before = await serviceCount();
    const state = await createService(null, formOf(serviceFields(overrides)));
    expect(state && !state.ok ? state.error.fieldErrors?.[field]?.join(" ") : "").toContain(message);
    expect(await serviceCount()).toBe(before);
  });

  it("answers an assistant NOT_FOUND when they try to change the service they deliver", async () => {
    signInAs(assistant.ctx);
    const state = await updateService(null, formOf({ ...serviceFields({ minutes: "600" }), unverifiedPlanId: undefined, unverifiedServiceId: zoeService.id, version: String(zoeService.version) }));
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.specialEdService.findUniqueOrThrow({ where: { id: zoeService.id } }))).toMatchObject({ minutes: 60 });
  });
});

describe("the profile's IEP and 504 section", () => {
  const section = (who: Person) => {
    signInAs(who.ctx);
    return getStudentSpecialEd(who.ctx, student.zoe);
  };

  it.each([
    ["an administrator", () => admin],
    ["a coordinator of the school", () => coordinator],
    ["the case manager", () => specialist],
  ])("shows %s the record with its disability category", async (_label, who) => {
    const data = await section(who());
    expect(data?.seesRecords).toBe(true);
    const iep = data!.plans.find((p) => p.id === zoeIep.id)!;
    expect(iep.disabilityCategory).toEqual({ code: "Speech or Language Impairment", label: "Speech or language impairment" });
    expect(iep.services.map((s) => s.area)).toEqual(expect.arrayContaining(["Speech-language therapy", "Specialized instruction: reading"]));
  });

  it("shows another specialist of the school the record and its dates, never the disability category or the last evaluation", async () => {
    const data = await section(colleague);
    expect(data?.seesRecords).toBe(true);
    const iep = data!.plans.find((p) => p.id === zoeIep.id)!;
    expect(iep).toMatchObject({ disabilityCategory: null, lastEvaluationDate: null, mayViewDisability: false, annualReviewDue: expect.any(String) });
    expect(JSON.stringify(data)).not.toMatch(/Speech or Language Impairment|2025-12-01/);
  });

  it("shows an assistant only the service they deliver: no record, dates or disability category", async () => {
    const data = await section(assistant);
    expect(data).toMatchObject({ seesRecords: false, plans: [] });
    expect(data!.provided).toEqual([expect.objectContaining({ id: zoeService.id, area: "Speech-language therapy", mayLog: true })]);
    expect(JSON.stringify(data)).not.toMatch(/Speech or Language Impairment|annualReviewDue|Specialized instruction/);
  });

  it("shows nothing to an assistant who delivers none of the student's services", async () => {
    expect(await section(idleAssistant)).toBeNull();
  });

  it("writes a view audit event for the student when shown", async () => {
    const before = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, entityType: "SpecialEdPlan", action: "view", studentId: student.zoe } }));
    await section(coordinator);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, entityType: "SpecialEdPlan", action: "view", studentId: student.zoe } }))).toBe(before + 1);
  });

  it("shows nothing for a student of another school (the profile answers 404 for them)", async () => {
    signInAs(southCoordinator.ctx);
    expect(await getStudentSpecialEd(southCoordinator.ctx, student.zoe)).toBeNull();
  });
});

describe("service minutes", () => {
  let key = 0;
  const nextKey = () => `test-minutes-key-${String(++key).padStart(4, "0")}`;
  const log = (overrides: Record<string, string> = {}) =>
    logServiceMinutes(null, formOf({ unverifiedServiceId: zoeService.id, date: todayIso(), minutes: "25", note: "", clientKey: nextKey(), ...overrides }));
  const minutesCount = () => asOwner((tx) => tx.serviceMinutes.count());

  it("lets the provider (an assistant) log minutes; the same form submitted twice saves them once", async () => {
    signInAs(assistant.ctx);
    const form = { unverifiedServiceId: zoeService.id, date: todayIso(), minutes: "30", note: "Worked on /r/ in sentences", clientKey: "repeat-key-0000000001" };
    const before = await minutesCount();
    expect(await logServiceMinutes(null, formOf(form))).toEqual({ ok: true, message: "Minutes logged." });
    expect(await logServiceMinutes(null, formOf(form))).toEqual({ ok: true, message: "These minutes were already saved." });
    expect(await minutesCount()).toBe(before + 1);
    const row = await asOwner((tx) => tx.serviceMinutes.findFirstOrThrow({ where: { clientKey: form.clientKey } }));
    expect(row).toMatchObject({ studentId: student.zoe, minutes: 30, loggedByUserId: assistant.userId, note: "Worked on /r/ in sentences" });
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "ServiceMinutes", entityId: row.id } }));
    expect(events).toEqual([expect.objectContaining({ action: "create", studentId: student.zoe, detail: { fields: ["date", "minutes", "note"] } })]);
  });

  it.each([
    ["zero minutes", { minutes: "0" }, "minutes", "at least 1"],
    ["negative minutes", { minutes: "-15" }, "minutes", "at least 1"],
    ["more than a school day", { minutes: "601" }, "minutes", "at most 600"],
    ["a day in the future", { date: "2999-01-01" }, "date", "cannot be in the future"],
    ["a day before the service started", { date: "2026-01-05" }, "date", "did not apply on that day"],
  ])("refuses %s with a clear message, saving nothing", async (_label, overrides, field, message) => {
    signInAs(assistant.ctx);
    const before = await minutesCount();
    const state = await log(overrides);
    expect(state && !state.ok ? state.error.fieldErrors?.[field]?.join(" ") : "").toContain(message);
    expect(await minutesCount()).toBe(before);
  });

  it.each([
    ["an assistant who is not the provider", () => idleAssistant],
    ["a specialist who is not the provider", () => colleague],
    ["a coordinator of another school", () => southCoordinator],
  ])("answers %s NOT_FOUND with a denied event, saving nothing", async (_label, who) => {
    signInAs(who().ctx);
    const before = await minutesCount();
    expect(await log()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await minutesCount()).toBe(before);
    expect((await deniedOf(who().userId)).some((e) => (e.detail as { attempted?: string }).attempted === "service.log")).toBe(true);
  });

  it("lets a coordinator of the school log minutes for any provider", async () => {
    signInAs(coordinator.ctx);
    expect(await log()).toEqual({ ok: true, message: "Minutes logged." });
  });

  it("shows required vs delivered minutes per week on the profile, and the provider's services on their IEP services page", async () => {
    signInAs(assistant.ctx);
    const mine = await getMyServices(assistant.ctx);
    expect(mine.services.map((s) => [s.student.name, s.service.area])).toEqual([["Zoe Adams", "Speech-language therapy"]]);
    const thisWeek = mine.services[0]!.service.weeks.at(-1)!;
    // 30 by the assistant and 25 by the coordinator, both today.
    expect(thisWeek).toMatchObject({ current: true, required: 60, delivered: 55, shortfall: false });
    signInAs(coordinator.ctx);
    const section = await getStudentSpecialEd(coordinator.ctx, student.zoe);
    const reading = section!.plans.find((p) => p.id === zoeIep.id)!.services.find((s) => s.area === "Specialized instruction: reading")!;
    // Nothing was ever logged for the reading service: every completed week falls short.
    expect(reading.shortfall).toBe(true);
    expect(reading.weeks.filter((w) => !w.current).every((w) => w.shortfall && w.delivered === 0 && w.required === 120)).toBe(true);
  });
});

describe("a case manager's due dates (home)", () => {
  it("lists the annual reviews and re-evaluations of the records they manage, overdue and due within 90 days, soonest first", async () => {
    const late = await asOwner((tx) => makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Lena", legalLastName: "Late" }));
    const today = todayIso();
    await asOwner((tx) =>
      makeSpecialEdPlan(tx, {
        districtId,
        studentId: late.id,
        type: "SECTION_504",
        caseManagerMembershipId: specialist.membershipId,
        startDate: new Date(`${addDays(today, -400)}T00:00:00Z`),
        lastMeetingDate: new Date(`${addDays(today, -370)}T00:00:00Z`),
        annualReviewDue: new Date(`${addDays(today, -5)}T00:00:00Z`),
        reevaluationDue: new Date(`${addDays(today, 400)}T00:00:00Z`),
      }),
    );
    signInAs(specialist.ctx);
    const items = await getMyDueDates(specialist.ctx);
    expect(items[0]).toEqual({ studentId: late.id, studentName: "Lena Late", what: "Annual review", due: addDays(today, -5), daysLeft: -5 });
    // Nothing beyond 90 days (the 504's re-evaluation in 400 days).
    expect(items.every((i) => i.daysLeft <= 90)).toBe(true);
    expect(items.some((i) => i.what === "Re-evaluation" && i.studentId === late.id)).toBe(false);
    const views = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: specialist.userId, action: "view", studentId: late.id, entityType: "SpecialEdPlan" } }));
    expect(views).toBeGreaterThan(0);
  });

  it("lists nothing for a specialist who manages no record", async () => {
    signInAs(colleague.ctx);
    expect(await getMyDueDates(colleague.ctx)).toEqual([]);
  });
});
