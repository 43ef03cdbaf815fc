// Intervention plans (issue 4): writing them, approval, status changes,
// phases, who may do what, bad input (nothing saved), and where plans show.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/components/ui/action-state";
import type { Ctx } from "@/server/auth/session";
import { getHome } from "@/server/dashboards/queries";
import { approvePlan, completePlan, createPlan, discontinuePlan, returnPlan, submitPlan, updatePlan } from "@/server/plans/actions";
import { getNewPlanForm, getPlanForEdit, getPlanList, getPlanPage } from "@/server/plans/queries";
import { getStudentProfile } from "@/server/students/queries";
import { makeCaseloadAssignment, makeDistrict, makeGoal, makeIntervention, makeMeasure, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectTarget, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let measureId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", ana: "", sid: "", archived: "", other: "" };
const intervention = { reading: "", math: "", retired: "", other: "" };
let admin: Person;
let coordinator: Person; // North
let coordinatorSouth: Person;
let specialist: Person; // North; case manager of Maya, Leo and the archived student
let specialist2: Person; // North; nobody on their caseload
let assistant: Person; // North
let assistant2: Person; // North
let assistantSouth: Person;
let gone: Person; // North, deactivated
let otherAdmin: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], opts: { inDistrict?: string; deactivated?: boolean } = {}) =>
  asOwner((tx) => makePerson(tx, { districtId: opts.inDistrict ?? districtId, role, name, schoolIds, deactivated: opts.deactivated }));

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

type Fields = Record<string, string | string[]>;
const fields = (overrides: Fields = {}): Fields => ({
  unverifiedStudentIds: [student.maya],
  area: "READING",
  unverifiedInterventionId: intervention.reading,
  customIntervention: "",
  unverifiedInterventionistIds: [assistant.membershipId],
  minutesPerSession: "30",
  sessionsPerWeek: "4",
  groupSize: "",
  scheduleDays: ["1", "2", "3", "4"],
  scheduleTime: "09:30",
  startDate: "2026-09-21",
  reviewDate: "2026-12-18",
  notes: "Decoding and fluency; reads aloud daily.",
  ...overrides,
});

/** createPlan redirects to the new plan on success; this returns its id, or the error state. */
async function create(overrides: Fields = {}): Promise<{ state: ActionState; id: string | null }> {
  try {
    return { state: await createPlan(null, formOf(fields(overrides))), id: null };
  } catch (error) {
    const match = /^\/plans\/([0-9a-f-]{36})$/.exec(redirectTarget(error) ?? "");
    if (!match) throw error;
    return { state: null, id: match[1]! };
  }
}
async function created(overrides: Fields = {}): Promise<string> {
  const { state, id } = await create(overrides);
  expect(state).toBeNull();
  return id!;
}

const planRow = (id: string) =>
  asOwner((tx) => tx.interventionPlan.findUniqueOrThrow({ where: { id }, include: { students: true, interventionists: true, phases: { orderBy: { number: "asc" } }, events: { orderBy: { createdAt: "asc" } } } }));

/** An edit of a plan: its current values as the edit form would post them, with overrides. */
async function editFields(id: string, overrides: Fields = {}): Promise<Fields> {
  const p = await planRow(id);
  return {
    unverifiedPlanId: id,
    version: String(p.version),
    area: p.area,
    unverifiedInterventionId: p.interventionId ?? "",
    customIntervention: p.customIntervention ?? "",
    unverifiedInterventionistIds: p.interventionists.map((i) => i.membershipId),
    minutesPerSession: String(p.minutesPerSession),
    sessionsPerWeek: String(p.sessionsPerWeek),
    groupSize: String(p.groupSize),
    scheduleDays: p.scheduleDays.map(String),
    scheduleTime: p.scheduleTime ?? "",
    startDate: p.startDate.toISOString().slice(0, 10),
    reviewDate: p.reviewDate.toISOString().slice(0, 10),
    notes: p.notes ?? "",
    changeDate: "",
    changeReason: "",
    ...overrides,
  };
}
/** updatePlan redirects to the plan when it saved something; this returns "saved" or the state. */
async function update(id: string, overrides: Fields = {}): Promise<ActionState | "saved"> {
  const form = formOf(await editFields(id, overrides));
  try {
    return await updatePlan(null, form);
  } catch (error) {
    if (redirectTarget(error) === `/plans/${id}`) return "saved";
    throw error;
  }
}

const step = async (action: (prev: ActionState, form: FormData) => Promise<ActionState>, id: string, extra: Fields = {}) =>
  action(null, formOf({ unverifiedPlanId: id, version: String((await planRow(id)).version), ...extra }));

const addGoal = (planId: string, studentId = student.maya) =>
  asOwner((tx) => makeGoal(tx, { districtId, planId, studentId, measureId, createdByUserId: specialist.userId }));

/** A submitted draft of Maya's plan, with a goal. */
async function submitted(overrides: Fields = {}): Promise<string> {
  signInAs(specialist.ctx);
  const id = await created(overrides);
  await addGoal(id, [overrides.unverifiedStudentIds ?? student.maya].flat()[0]);
  expect(await step(submitPlan, id)).toMatchObject({ ok: true });
  return id;
}
async function active(overrides: Fields = {}): Promise<string> {
  const id = await submitted(overrides);
  signInAs(coordinator.ctx);
  expect(await step(approvePlan, id)).toMatchObject({ ok: true });
  return id;
}

const snapshot = () =>
  asOwner(async (tx) => ({
    plans: await tx.interventionPlan.count(),
    versions: (await tx.interventionPlan.aggregate({ _sum: { version: true } }))._sum.version,
    students: await tx.planStudent.count(),
    interventionists: await tx.planInterventionist.count(),
    phases: await tx.planPhase.count(),
    events: await tx.planEvent.count(),
    audit: await tx.auditEvent.count({ where: { action: { not: "denied" } } }),
  }));
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));
const planAudit = (planId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "InterventionPlan", entityId: planId }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.ana = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Ana", legalLastName: "Diaz" })).id;
    student.sid = (await makeStudent(tx, { districtId, schoolId: school.south, legalFirstName: "Sid", legalLastName: "Moore" })).id;
    student.archived = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Arch", legalLastName: "Ived", archivedAt: new Date() })).id;
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
    measureId = (await makeMeasure(tx, { districtId })).id;
    intervention.reading = (await makeIntervention(tx, { districtId, name: "Road to Reading", components: ["Phonemic awareness warm-up", "Decoding", "Connected text"] })).id;
    intervention.math = (await makeIntervention(tx, { districtId, name: "Number Sense Boost", area: "MATH" })).id;
    intervention.retired = (await makeIntervention(tx, { districtId, name: "Old Phonics", retiredAt: new Date() })).id;
    intervention.other = (await makeIntervention(tx, { districtId: otherDistrictId, name: "Hillview Reading" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  coordinatorSouth = await person("Sol South", "COORDINATOR", [school.south]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  specialist2 = await person("Sue Second", "SPECIALIST", [school.north]);
  assistant = await person("Jordan Lee", "ASSISTANT", [school.north]);
  assistant2 = await person("Ari Lund", "ASSISTANT", [school.north]);
  assistantSouth = await person("Sky South", "ASSISTANT", [school.south]);
  gone = await person("Gil Gone", "ASSISTANT", [school.north], { deactivated: true });
  otherAdmin = await person("Otto Other", "ADMIN", [], { inDistrict: otherDistrictId });
  await asOwner(async (tx) => {
    for (const studentId of [student.maya, student.leo, student.archived]) {
      await makeCaseloadAssignment(tx, { districtId, studentId, membershipId: specialist.membershipId });
    }
  });
});

beforeEach(() => signInAs(specialist.ctx));

describe("createPlan", () => {
  it("lets a specialist write a draft for a caseload student: students, interventionists, phase 1, history and audit", async () => {
    const id = await created();
    const plan = await planRow(id);
    expect(plan).toMatchObject({
      districtId,
      schoolId: school.north,
      area: "READING",
      interventionId: intervention.reading,
      customIntervention: null,
      minutesPerSession: 30,
      sessionsPerWeek: 4,
      groupSize: 1,
      scheduleDays: [1, 2, 3, 4],
      scheduleTime: "09:30",
      status: "DRAFT",
      submittedAt: null,
      notes: "Decoding and fluency; reads aloud daily.",
      createdByUserId: specialist.userId,
      version: 1,
    });
    expect(plan.startDate.toISOString().slice(0, 10)).toBe("2026-09-21");
    expect(plan.students.map((s) => s.studentId)).toEqual([student.maya]);
    expect(plan.interventionists.map((i) => i.membershipId)).toEqual([assistant.membershipId]);
    expect(plan.phases).toEqual([
      expect.objectContaining({ number: 1, interventionId: intervention.reading, minutesPerSession: 30, sessionsPerWeek: 4, groupSize: 1, interventionistNames: ["Jordan Lee"], change: null }),
    ]);
    expect(plan.events.map((e) => [e.kind, e.actorUserId])).toEqual([["CREATED", specialist.userId]]);
    expect(await planAudit(id)).toEqual([
      expect.objectContaining({ action: "create", actorUserId: specialist.userId, studentId: student.maya, detail: { area: "READING", status: "DRAFT" } }),
    ]);
  });

  it("writes a group plan for students of one school; the group size defaults to the number of students", async () => {
    const id = await created({ unverifiedStudentIds: [student.maya, student.leo, student.maya], unverifiedInterventionistIds: [assistant.membershipId, specialist.membershipId] });
    const plan = await planRow(id);
    expect(plan.groupSize).toBe(2);
    expect(plan.students.map((s) => s.studentId).sort()).toEqual([student.maya, student.leo].sort());
    expect(plan.phases[0]!.interventionistNames).toEqual(["Jordan Lee", "Sam Patel"]);
    expect((await planAudit(id)).map((e) => e.studentId).sort()).toEqual([student.maya, student.leo].sort());
  });

  it("takes no fixed days: sessions may then fall on any school day", async () => {
    expect((await planRow(await created({ scheduleDays: [], scheduleTime: "" }))).scheduleDays).toEqual([]);
  });

  it("takes a custom intervention instead of one from the library", async () => {
    const id = await created({ unverifiedInterventionId: "", customIntervention: "Repeated reading with a peer" });
    expect(await planRow(id)).toMatchObject({ interventionId: null, customIntervention: "Repeated reading with a peer" });
  });

  it("lets a coordinator write for any student of their school, and an administrator anywhere", async () => {
    signInAs(coordinator.ctx);
    expect((await planRow(await created({ unverifiedStudentIds: [student.ana] }))).createdByUserId).toBe(coordinator.userId);
    signInAs(admin.ctx);
    const id = await created({ unverifiedStudentIds: [student.sid], unverifiedInterventionistIds: [assistantSouth.membershipId] });
    expect(await planRow(id)).toMatchObject({ schoolId: school.south, createdByUserId: admin.userId });
  });

  it.each([
    ["an assistant", () => assistant, () => student.maya],
    ["a specialist, for a student not in their reach", () => specialist, () => student.ana],
    ["a coordinator, for another school's student", () => coordinator, () => student.sid],
    ["anyone, for another district's student", () => admin, () => student.other],
    ["anyone, for an unknown student", () => admin, () => "00000000-0000-4000-8000-000000000000"],
    ["another district's administrator", () => otherAdmin, () => student.maya],
  ])("refuses %s as not found, writes a denied event and saves nothing", async (_label, who, studentId) => {
    signInAs(who().ctx);
    const before = await snapshot();
    const deniedBefore = (await denied(who().userId)).length;
    const { state } = await create({ unverifiedStudentIds: [studentId()] });
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    expect((await denied(who().userId)).length).toBe(deniedBefore + 1);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ detail: { attempted: "plan.write" } });
  });

  const dosage = (what: string, range: string) => `Enter the ${what} as a whole number from ${range}.`;
  it.each([
    ["zero minutes", { minutesPerSession: "0" }, "minutesPerSession", dosage("minutes per session", "1 to 240")],
    ["negative minutes", { minutesPerSession: "-30" }, "minutesPerSession", dosage("minutes per session", "1 to 240")],
    ["too many minutes", { minutesPerSession: "241" }, "minutesPerSession", dosage("minutes per session", "1 to 240")],
    ["minutes that are not a number", { minutesPerSession: "half an hour" }, "minutesPerSession", dosage("minutes per session", "1 to 240")],
    ["zero sessions a week", { sessionsPerWeek: "0" }, "sessionsPerWeek", dosage("sessions per week", "1 to 10")],
    ["too many sessions a week", { sessionsPerWeek: "11" }, "sessionsPerWeek", dosage("sessions per week", "1 to 10")],
    ["a fractional session count", { sessionsPerWeek: "2.5" }, "sessionsPerWeek", dosage("sessions per week", "1 to 10")],
    ["a group of zero", { groupSize: "0" }, "groupSize", dosage("group size", "1 to 30")],
    ["a group of 31", { groupSize: "31" }, "groupSize", dosage("group size", "1 to 30")],
    ["a group smaller than its students", { unverifiedStudentIds: ["maya", "leo"], groupSize: "1" }, "groupSize", "The group has at least the 2 students of this plan."],
    ["a review date on the start date", { reviewDate: "2026-09-21" }, "reviewDate", "The review date must be after the start date."],
    ["a review date before the start date", { reviewDate: "2026-09-01" }, "reviewDate", "The review date must be after the start date."],
    ["a start date that is not a date", { startDate: "2026-02-30" }, "startDate", "Enter the start date as a full date (year, month and day)."],
    ["a start date before 2000", { startDate: "1926-09-21" }, "startDate", "The start date cannot be before 1 January 2000. Check the year."],
    ["no intervention", { unverifiedInterventionId: "" }, "unverifiedInterventionId", "Choose an intervention from the library, or name a custom one."],
    ["both a library and a custom intervention", { customIntervention: "My own" }, "customIntervention", "Choose a library intervention or name a custom one, not both."],
    ["another district's intervention", { unverifiedInterventionId: "other" }, "unverifiedInterventionId", "Choose an intervention from the library's list."],
    ["a retired intervention", { unverifiedInterventionId: "retired" }, "unverifiedInterventionId", "Choose an intervention from the library's list."],
    ["an intervention of another area", { unverifiedInterventionId: "math" }, "unverifiedInterventionId", "Number Sense Boost is a math intervention. Choose one for reading, or change the area."],
    ["no interventionist", { unverifiedInterventionistIds: [] }, "unverifiedInterventionistIds", "Choose who delivers the plan."],
    ["an interventionist of another school", { unverifiedInterventionistIds: ["south"] }, "unverifiedInterventionistIds", "Choose interventionists from the list: active staff of North Elementary."],
    ["a deactivated interventionist", { unverifiedInterventionistIds: ["gone"] }, "unverifiedInterventionistIds", "Choose interventionists from the list: active staff of North Elementary."],
    ["an administrator as interventionist", { unverifiedInterventionistIds: ["admin"] }, "unverifiedInterventionistIds", "Choose interventionists from the list: active staff of North Elementary."],
    ["another district's staff member", { unverifiedInterventionistIds: ["otherAdmin"] }, "unverifiedInterventionistIds", "Choose interventionists from the list: active staff of North Elementary."],
    ["a Saturday", { scheduleDays: ["6"] }, "scheduleDays", "Choose days from Monday to Friday."],
    ["a start time that is not a time", { scheduleTime: "25:00" }, "scheduleTime", "Enter the start time as hours and minutes, like 09:30."],
    ["no students", { unverifiedStudentIds: [] }, "unverifiedStudentIds", "Choose at least one student."],
    ["an archived student", { unverifiedStudentIds: ["archived"] }, "unverifiedStudentIds", "Archived students cannot be put on a plan: Arch Ived."],
  ])("refuses %s with a clear message and saves nothing", async (_label, raw: Fields, field, message) => {
    // Ids are named here and looked up once the fixtures exist.
    const ids: Record<string, () => string> = {
      other: () => intervention.other,
      retired: () => intervention.retired,
      math: () => intervention.math,
      south: () => assistantSouth.membershipId,
      gone: () => gone.membershipId,
      admin: () => admin.membershipId,
      otherAdmin: () => otherAdmin.membershipId,
      archived: () => student.archived,
      maya: () => student.maya,
      leo: () => student.leo,
    };
    const resolve = (v: string) => ids[v]?.() ?? v;
    const overrides = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(resolve) : resolve(v)]));
    const before = await snapshot();
    const { state } = await create(overrides);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(state && !state.ok && state.values).toMatchObject({ area: "READING", minutesPerSession: fields(overrides).minutesPerSession });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses students of different schools, even from an administrator", async () => {
    signInAs(admin.ctx);
    const before = await snapshot();
    const { state } = await create({ unverifiedStudentIds: [student.maya, student.sid] });
    expect(state).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { unverifiedStudentIds: ["The students of a plan must all be at one school; these are at North Elementary and South Middle."] } },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unknown form fields", async () => {
    const state = await createPlan(null, formOf({ ...fields(), status: "ACTIVE" }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
  });
});

describe("approval", () => {
  it("lets the author submit a draft, and a coordinator of the school approve it", async () => {
    const id = await created();
    await addGoal(id);
    expect(await step(submitPlan, id)).toEqual({ ok: true, message: "Submitted for approval." });
    expect(await planRow(id)).toMatchObject({ status: "DRAFT", version: 2, submittedAt: expect.any(Date) });
    signInAs(coordinator.ctx);
    expect(await step(approvePlan, id)).toEqual({ ok: true, message: "Approved: the plan is active." });
    const plan = await planRow(id);
    expect(plan).toMatchObject({ status: "ACTIVE", approvedByUserId: coordinator.userId, approvedAt: expect.any(Date), version: 3 });
    expect(plan.events.map((e) => [e.kind, e.actorUserId])).toEqual([
      ["CREATED", specialist.userId],
      ["SUBMITTED", specialist.userId],
      ["APPROVED", coordinator.userId],
    ]);
    expect((await planAudit(id)).map((e) => [e.action, e.actorUserId, e.detail])).toEqual([
      ["create", specialist.userId, { area: "READING", status: "DRAFT" }],
      ["update", specialist.userId, { event: "SUBMITTED" }],
      ["update", coordinator.userId, { event: "APPROVED" }],
    ]);
  });

  it.each([
    ["the specialist who wrote it (no plan.approve)", () => specialist],
    ["an assistant", () => assistant],
    ["a coordinator of another school", () => coordinatorSouth],
    ["another district's administrator", () => otherAdmin],
  ])("refuses approval by %s as not found, and the plan stays a submitted draft", async (_label, who) => {
    const id = await submitted();
    signInAs(who().ctx);
    expect(await step(approvePlan, id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await step(returnPlan, id, { comment: "No." })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await planRow(id)).toMatchObject({ status: "DRAFT", submittedAt: expect.any(Date), version: 2 });
    expect((await denied(who().userId)).at(-1)).toMatchObject({ entityType: "InterventionPlan", entityId: id, detail: { attempted: "plan.approve" } });
  });

  it("lets an administrator approve at any school", async () => {
    signInAs(coordinatorSouth.ctx);
    const id = await created({ unverifiedStudentIds: [student.sid], unverifiedInterventionistIds: [assistantSouth.membershipId] });
    await addGoal(id, student.sid);
    expect(await step(submitPlan, id)).toMatchObject({ ok: true });
    signInAs(admin.ctx);
    expect(await step(approvePlan, id)).toMatchObject({ ok: true });
    expect(await planRow(id)).toMatchObject({ status: "ACTIVE", approvedByUserId: admin.userId });
  });

  it("refuses to approve a plan without a goal, with a clear message", async () => {
    const id = await created();
    await step(submitPlan, id);
    await asOwner((tx) => makeGoal(tx, { districtId, planId: id, studentId: student.maya, measureId, createdByUserId: specialist.userId, archivedAt: new Date() }));
    signInAs(coordinator.ctx);
    const before = await snapshot();
    expect(await step(approvePlan, id)).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", message: "This plan has no goal yet. A plan needs at least one measurable goal before it can be approved: send it back to ask for one." },
      values: expect.any(Object),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to approve a draft that was not submitted", async () => {
    const id = await created();
    await addGoal(id);
    signInAs(coordinator.ctx);
    expect(await step(approvePlan, id)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "Only a draft submitted for approval can be approved or sent back." } });
    expect((await planRow(id)).status).toBe("DRAFT");
  });

  it("sends a draft back with a required comment the author then sees; submitting again clears it", async () => {
    const id = await submitted();
    signInAs(coordinator.ctx);
    expect(await step(returnPlan, id, { comment: "  " })).toMatchObject({ ok: false, error: { fieldErrors: { comment: ["Say what the author should change."] } } });
    expect(await step(returnPlan, id, { comment: "Lower the group size and add a fluency goal." })).toEqual({ ok: true, message: "Sent back to the author with your comment." });
    expect(await planRow(id)).toMatchObject({ status: "DRAFT", submittedAt: null, returnComment: "Lower the group size and add a fluency goal." });

    const page = await getPlanPage(specialist.ctx, id);
    expect(page.plan.returnComment).toBe("Lower the group size and add a fluency goal.");
    expect(page.events.at(-1)).toMatchObject({ kind: "RETURNED", comment: "Lower the group size and add a fluency goal.", actorName: "Cora Coordinator" });
    expect(page.may).toMatchObject({ submit: true, decide: false });
    const home = await getHome(specialist.ctx);
    expect(home.kind === "caseload" && home.plans.kind === "writer" && home.plans.sentBack.rows.map((r) => r.id)).toContain(id);

    signInAs(specialist.ctx);
    expect(await step(submitPlan, id)).toMatchObject({ ok: true });
    expect(await planRow(id)).toMatchObject({ returnComment: null, submittedAt: expect.any(Date) });
  });

  it("answers CONFLICT to a decision on a stale version, and changes nothing", async () => {
    const id = await submitted();
    signInAs(coordinator.ctx);
    const before = await snapshot();
    expect(await approvePlan(null, formOf({ unverifiedPlanId: id, version: "1" }))).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("completing and discontinuing", () => {
  it("completes an active plan on an end date, with an event and an audit event", async () => {
    const id = await active();
    signInAs(specialist.ctx);
    expect(await step(completePlan, id, { endDate: "2026-09-01" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { endDate: ["The end date cannot be before the plan started on Sep 21, 2026."] } },
    });
    expect(await step(completePlan, id, { endDate: daysFromToday(1) })).toMatchObject({ ok: false, error: { fieldErrors: { endDate: ["The end date cannot be in the future."] } } });
    expect(await step(completePlan, id, { endDate: today(), note: "Goal met three weeks early." })).toEqual({ ok: true, message: "The plan is completed." });
    const plan = await planRow(id);
    expect(plan).toMatchObject({ status: "COMPLETED", statusReason: "Goal met three weeks early." });
    expect(plan.endDate!.toISOString().slice(0, 10)).toBe(today());
    expect(plan.events.at(-1)).toMatchObject({ kind: "COMPLETED", comment: "Goal met three weeks early.", actorUserId: specialist.userId });
    expect((await planAudit(id)).at(-1)).toMatchObject({ action: "update", actorUserId: specialist.userId, studentId: student.maya, detail: { event: "COMPLETED" } });
  });

  it("discontinues an active plan only with a reason", async () => {
    const id = await active();
    signInAs(coordinator.ctx);
    const before = await snapshot();
    expect(await step(discontinuePlan, id, { endDate: today(), reason: "" })).toMatchObject({ ok: false, error: { fieldErrors: { reason: ["Say why the plan is discontinued."] } } });
    expect(await snapshot()).toEqual(before);
    expect(await step(discontinuePlan, id, { endDate: today(), reason: "Family moved out of district." })).toMatchObject({ ok: true });
    expect(await planRow(id)).toMatchObject({ status: "DISCONTINUED", statusReason: "Family moved out of district." });
    expect((await planRow(id)).events.at(-1)).toMatchObject({ kind: "DISCONTINUED", comment: "Family moved out of district." });
  });

  it("refuses to end a draft, and refuses edits once a plan has ended", async () => {
    const draft = await created();
    expect(await step(completePlan, draft, { endDate: today() })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "Only an active plan can be completed or discontinued." } });
    const id = await active();
    signInAs(specialist.ctx);
    await step(discontinuePlan, id, { endDate: today(), reason: "Not needed." });
    expect(await update(id, { notes: "Late note" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "This plan has ended, so it can no longer be changed." } });
  });

  it("refuses an assistant, and a specialist who does not reach the students", async () => {
    const id = await active();
    for (const who of [assistant, specialist2]) {
      signInAs(who.ctx);
      expect(await step(completePlan, id, { endDate: today() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    expect((await planRow(id)).status).toBe("ACTIVE");
  });
});

describe("edits and phases", () => {
  it("lets a draft's phase 1 follow its edits", async () => {
    const id = await created();
    expect(await update(id, { minutesPerSession: "45", startDate: "2026-09-28", unverifiedInterventionistIds: [assistant2.membershipId] })).toBe("saved");
    const plan = await planRow(id);
    expect(plan).toMatchObject({ minutesPerSession: 45, version: 2 });
    expect(plan.interventionists.map((i) => i.membershipId)).toEqual([assistant2.membershipId]);
    expect(plan.phases).toEqual([expect.objectContaining({ number: 1, minutesPerSession: 45, interventionistNames: ["Ari Lund"] })]);
    expect(plan.phases[0]!.startDate.toISOString().slice(0, 10)).toBe("2026-09-28");
    expect((await planAudit(id)).at(-1)).toMatchObject({ action: "update", detail: { fields: ["minutesPerSession", "startDate", "interventionists"] } });
  });

  it("records a dated phase for a change of dosage or interventionists once active, and not for other edits", async () => {
    const id = await active();
    signInAs(specialist.ctx);
    const before = await snapshot();
    expect(await update(id, { sessionsPerWeek: "5" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { changeReason: ["Say what changed and why: a change of intervention, dosage or interventionists starts a new phase."] } },
    });
    expect(await update(id, { sessionsPerWeek: "5", changeReason: "x", changeDate: "2026-09-01" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { changeDate: ["The change cannot start before the current phase, which began on Sep 21, 2026."] } },
    });
    expect(await update(id, { sessionsPerWeek: "5", changeReason: "x", changeDate: daysFromToday(1) })).toMatchObject({
      ok: false,
      error: { fieldErrors: { changeDate: ["The date of the change cannot be in the future."] } },
    });
    expect(await snapshot()).toEqual(before);

    expect(await update(id, { sessionsPerWeek: "5", changeReason: "Four points below the aimline: one more session a week.", changeDate: "2026-10-19" })).toBe("saved");
    expect(await update(id, { unverifiedInterventionistIds: [assistant2.membershipId], changeReason: "Jordan moved to another building." })).toBe("saved");
    expect(await update(id, { notes: "Prefers morning sessions.", reviewDate: "2027-01-15", scheduleDays: ["1", "3"] })).toBe("saved");

    const plan = await planRow(id);
    expect(plan).toMatchObject({ sessionsPerWeek: 5, notes: "Prefers morning sessions.", scheduleDays: [1, 3] });
    expect(plan.interventionists.map((i) => i.membershipId)).toEqual([assistant2.membershipId]);
    expect(plan.phases.map((p) => [p.number, p.startDate.toISOString().slice(0, 10), p.sessionsPerWeek, p.interventionistNames, p.change])).toEqual([
      [1, "2026-09-21", 4, ["Jordan Lee"], null],
      [2, "2026-10-19", 5, ["Jordan Lee"], "Four points below the aimline: one more session a week."],
      [3, today(), 5, ["Ari Lund"], "Jordan moved to another building."],
    ]);
    expect(plan.events.filter((e) => e.kind === "CHANGED").map((e) => e.comment)).toEqual(["Four points below the aimline: one more session a week.", "Jordan moved to another building."]);
    expect((await planAudit(id)).slice(-3).map((e) => e.detail)).toEqual([
      { fields: ["sessionsPerWeek"], phase: 2 },
      { fields: ["interventionists"], phase: 3 },
      { fields: ["scheduleDays", "reviewDate", "notes"] },
    ]);
  });

  it("records a phase for a change of intervention, keeping a retired one the plan already has", async () => {
    const id = await active();
    signInAs(specialist.ctx);
    expect(await update(id, { unverifiedInterventionId: "", customIntervention: "Read Naturally", changeReason: "Switched to a fluency program." })).toBe("saved");
    expect((await planRow(id)).phases.at(-1)).toMatchObject({ number: 2, interventionId: null, customIntervention: "Read Naturally" });
    await asOwner((tx) => tx.interventionPlan.update({ where: { id }, data: { interventionId: intervention.retired, customIntervention: null } }));
    expect((await getPlanForEdit(specialist.ctx, id)).interventions.map((i) => i.name)).toContain("Old Phonics");
    expect(await update(id, { notes: "Still fine." })).toBe("saved");
    expect((await planRow(id)).interventionId).toBe(intervention.retired);
  });

  it("keeps an active plan's area and start date", async () => {
    const id = await active();
    signInAs(specialist.ctx);
    expect(await update(id, { area: "MATH", unverifiedInterventionId: intervention.math })).toMatchObject({ ok: false, error: { fieldErrors: { area: [expect.stringContaining("cannot change")] } } });
    expect(await update(id, { startDate: "2026-09-22" })).toMatchObject({ ok: false, error: { fieldErrors: { startDate: [expect.stringContaining("cannot change")] } } });
  });

  it("answers CONFLICT to an edit of a stale version, and saves nothing", async () => {
    const id = await created();
    expect(await update(id, { notes: "First" })).toBe("saved");
    const before = await snapshot();
    expect(await update(id, { version: "1", notes: "Second" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await snapshot()).toEqual(before);
    expect((await planRow(id)).notes).toBe("First");
  });

  it("says so when nothing changed", async () => {
    const id = await created();
    expect(await update(id)).toEqual({ ok: true, message: "There were no changes to save." });
    expect((await planRow(id)).version).toBe(1);
  });

  it("refuses edits from an assistant or a specialist who does not reach the students, and another district's ids", async () => {
    const id = await created();
    for (const who of [assistant, specialist2, otherAdmin]) {
      signInAs(who.ctx);
      expect(await update(id, { notes: "Mine now" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    signInAs(specialist.ctx);
    expect(await update(id, { unverifiedPlanId: "not-a-uuid" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await planRow(id)).notes).toBe(fields().notes);
  });
});

describe("the plan page", () => {
  it("shows a writer everything, and writes a view audit event per student", async () => {
    const id = await active({ unverifiedStudentIds: [student.maya, student.leo] });
    const page = await getPlanPage(specialist.ctx, id);
    expect(page.plan).toMatchObject({
      status: "ACTIVE",
      interventionName: "Road to Reading",
      intervention: { components: [{ label: "Phonemic awareness warm-up" }, { label: "Decoding" }, { label: "Connected text" }] },
      createdByName: "Sam Patel",
      approvedByName: "Cora Coordinator",
      notes: fields().notes,
      interventionists: [{ name: "Jordan Lee", role: "ASSISTANT" }],
    });
    expect(page.plan.students.map((s) => s.name)).toEqual(["Johnson, Maya", "Park, Leo"]);
    expect(page.phases).toHaveLength(1);
    expect(page.events.map((e) => e.kind)).toEqual(["CREATED", "SUBMITTED", "APPROVED"]);
    expect(page.goals.map((g) => g.studentId)).toEqual([student.maya]);
    expect(page.may).toEqual({ edit: true, writeGoals: true, submit: false, decide: false, end: true, viewLibrary: true, viewSessions: true, enterProbes: true });
    const views = (await planAudit(id)).filter((e) => e.action === "view" && e.actorUserId === specialist.userId);
    expect(views.map((e) => [e.studentId, e.detail])).toEqual(
      expect.arrayContaining([
        [student.maya, { page: "plan" }],
        [student.leo, { page: "plan" }],
      ]),
    );
    expect(views).toHaveLength(2);
  });

  it("shows the assistant who delivers it only what delivery needs", async () => {
    const id = await active();
    const page = await getPlanPage(assistant.ctx, id);
    expect(page.deliveryOnly).toBe(true);
    expect(page.plan).toMatchObject({ notes: null, returnComment: null, statusReason: null, minutesPerSession: 30, scheduleDays: [1, 2, 3, 4] });
    expect(page.plan.intervention?.components).toHaveLength(3);
    expect(page.goals).toHaveLength(1);
    expect(page.phases).toEqual([]);
    expect(page.events).toEqual([]);
    expect(page.measures).toEqual([]);
    expect(page.may).toEqual({ edit: false, writeGoals: false, submit: false, decide: false, end: false, viewLibrary: false, viewSessions: true, enterProbes: true });
  });

  it("lets a coordinator decide a submitted draft, and another specialist of the school read without writing", async () => {
    const id = await submitted();
    expect((await getPlanPage(coordinator.ctx, id)).may).toMatchObject({ decide: true, edit: true });
    expect((await getPlanPage(specialist2.ctx, id)).may).toEqual({ edit: false, writeGoals: false, submit: false, decide: false, end: false, viewLibrary: true, viewSessions: true, enterProbes: false });
  });

  it.each([
    ["an assistant who does not deliver it", () => assistant2, () => "plan"],
    ["a coordinator of another school", () => coordinatorSouth, () => "plan"],
    ["another district's administrator", () => otherAdmin, () => "plan"],
    ["a malformed id", () => admin, () => "not-a-uuid"],
    ["an unknown id", () => admin, () => "00000000-0000-4000-8000-000000000000"],
  ])("is not found for %s, with a denied event", async (_label, who, which) => {
    const id = await created();
    const before = (await denied(who().userId)).length;
    await expect(getPlanPage(who().ctx, which() === "plan" ? id : which())).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(who().userId)).length).toBe(before + 1);
  });

  it("gives the edit form to writers only", async () => {
    const id = await created();
    expect((await getPlanForEdit(specialist.ctx, id)).plan).toMatchObject({ id, status: "DRAFT", phaseStart: "2026-09-21", interventionistIds: [assistant.membershipId] });
    await expect(getPlanForEdit(assistant.ctx, id)).rejects.toMatchObject(NOT_FOUND);
    await expect(getPlanForEdit(specialist2.ctx, id)).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("the new plan form", () => {
  it("offers a specialist the students they reach, the library and the school's staff", async () => {
    const form = await getNewPlanForm(specialist.ctx, {});
    expect(form.school).toEqual({ id: school.north, name: "North Elementary" });
    if (!form.school) return;
    expect(form.students.map((s) => s.name)).toEqual(["Johnson, Maya", "Park, Leo"]);
    expect(form.interventions.map((i) => i.name)).toEqual(["Number Sense Boost", "Road to Reading"]);
    expect(form.interventionists.map((i) => i.name)).toEqual(["Ari Lund", "Cora Coordinator", "Jordan Lee", "Sam Patel", "Sue Second"]);
  });

  it("preselects a student from their profile, and is not found for one out of reach", async () => {
    const form = await getNewPlanForm(specialist.ctx, { student: student.leo });
    expect(form.school && form.preselected).toEqual([student.leo]);
    await expect(getNewPlanForm(specialist.ctx, { student: student.ana })).rejects.toMatchObject(NOT_FOUND);
    await expect(getNewPlanForm(assistant.ctx, {})).rejects.toMatchObject(NOT_FOUND);
  });

  it("asks an administrator to choose a school first", async () => {
    const form = await getNewPlanForm(admin.ctx, {});
    expect(form).toEqual({ schools: [{ id: school.north, name: "North Elementary" }, { id: school.south, name: "South Middle" }], school: null });
    const south = await getNewPlanForm(admin.ctx, { school: school.south });
    expect(south.school && south.students.map((s) => s.name)).toEqual(["Moore, Sid"]);
  });
});

describe("where plans show", () => {
  it("lists the plans in the user's scope with server-side filters and pages", async () => {
    const fresh = await asOwner(async (tx) => {
      const schoolId = (await makeSchool(tx, { districtId, name: "West Elementary" })).id;
      const kid = (await makeStudent(tx, { districtId, schoolId })).id;
      const plans = [];
      for (let i = 0; i < 27; i++) {
        plans.push(
          (await makePlan(tx, { districtId, schoolId, createdByUserId: admin.userId, studentIds: [kid], area: i % 3 === 0 ? "MATH" : "READING", status: i === 0 ? "COMPLETED" : "ACTIVE" })).id,
        );
      }
      return { schoolId, plans };
    });
    const list = (params: Record<string, string>) => getPlanList(admin.ctx, { school: fresh.schoolId, ...params });
    expect(await list({})).toMatchObject({ total: 26, page: 1, pageCount: 2 });
    expect((await list({})).rows).toHaveLength(25);
    expect((await list({ page: "2" })).rows).toHaveLength(1);
    expect((await list({ page: "9" })).page).toBe(2);
    expect((await list({ status: "all" })).total).toBe(27);
    expect((await list({ status: "COMPLETED" })).rows.map((r) => r.id)).toEqual([fresh.plans[0]]);
    expect((await list({ area: "MATH" })).total).toBe(8);
    expect((await list({ status: "bogus", area: "SCIENCE" })).query).toMatchObject({ status: "open", area: undefined });
    // A coordinator of North sees none of West's plans.
    expect((await getPlanList(coordinator.ctx, { school: fresh.schoolId })).total).toBe(0);
  });

  it("shows an assistant only the open plans they deliver", async () => {
    // Math plans: the only ones of the file with these interventionists, so one page holds them all.
    const math = { area: "MATH", unverifiedInterventionId: intervention.math };
    const mine = await active(math);
    const notMine = await active({ ...math, unverifiedInterventionistIds: [assistant2.membershipId] });
    expect((await getPlanList(assistant.ctx, { status: "all", area: "MATH" })).rows.map((r) => r.id)).toEqual([mine]);
    expect((await getPlanList(assistant2.ctx, { status: "all", area: "MATH" })).rows.map((r) => r.id)).toEqual([notMine]);
  });

  it("shows a student's current and past plans with their goals on the profile, and a New plan link for writers", async () => {
    const current = await active({ unverifiedStudentIds: [student.maya, student.leo] });
    await addGoal(current, student.leo);
    const past = await active({ unverifiedStudentIds: [student.leo] });
    signInAs(specialist.ctx);
    await step(completePlan, past, { endDate: today() });
    const profile = await getStudentProfile(specialist.ctx, student.leo);
    expect(profile.plans!.current.map((p) => p.id)).toContain(current);
    expect(profile.plans!.past.map((p) => p.id)).toContain(past);
    // Only Leo's goals: the group plan's other goals belong to Maya's record.
    expect(profile.plans!.current.find((p) => p.id === current)!.goals.map((g) => g.studentId)).toEqual([student.leo]);
    expect(profile.may.writePlan).toBe(true);
    expect((await getStudentProfile(specialist2.ctx, student.leo)).may.writePlan).toBe(false);
  });

  it("gives an assistant interventionist the student's profile while the plan is open, and not after", async () => {
    signInAs(coordinator.ctx);
    const id = await created({ unverifiedStudentIds: [student.ana], unverifiedInterventionistIds: [assistant2.membershipId] });
    const profile = await getStudentProfile(assistant2.ctx, student.ana);
    expect(profile.plans!.current.map((p) => p.id)).toEqual([id]);
    expect(profile.sensitive).toBeNull();
    await addGoal(id, student.ana);
    await step(submitPlan, id);
    await step(approvePlan, id);
    await step(discontinuePlan, id, { endDate: today(), reason: "Moved to a Tier 3 plan." });
    await expect(getStudentProfile(assistant2.ctx, student.ana)).rejects.toMatchObject(NOT_FOUND);
  });

  it("puts plans on each role's home: awaiting approval, past review and sent back, delivered", async () => {
    // At South, the only draft waiting for approval in this file.
    signInAs(coordinatorSouth.ctx);
    const waiting = await created({ unverifiedStudentIds: [student.sid], unverifiedInterventionistIds: [assistantSouth.membershipId] });
    await addGoal(waiting, student.sid);
    await step(submitPlan, waiting);
    const overdue = await active({ reviewDate: daysFromToday(-1), startDate: "2026-09-01" });
    const home = async (who: Person) => getHome(who.ctx);

    const southHome = await home(coordinatorSouth);
    expect(southHome.kind === "schools" && southHome.awaitingApproval!.rows.map((r) => r.id)).toEqual([waiting]);
    const northHome = await home(coordinator);
    expect(northHome.kind === "schools" && northHome.awaitingApproval!.rows.map((r) => r.id)).not.toContain(waiting);

    const specialistHome = await home(specialist);
    expect(specialistHome.kind === "caseload" && specialistHome.plans.kind === "writer" && specialistHome.plans.pastReview.rows.map((r) => r.id)).toContain(overdue);
    const otherSpecialist = await home(specialist2);
    expect(otherSpecialist.kind === "caseload" && otherSpecialist.plans.kind === "writer" && otherSpecialist.plans.pastReview.total).toBe(0);

    const assistantHome = await home(assistant);
    if (assistantHome.kind !== "caseload" || assistantHome.plans.kind !== "deliverer") throw new Error("expected the assistant's home");
    const row = assistantHome.plans.delivered.rows.find((r) => r.id === overdue)!;
    expect(row).toMatchObject({ minutesPerSession: 30, sessionsPerWeek: 4, scheduleDays: [1, 2, 3, 4], scheduleTime: "09:30", students: [{ id: student.maya, name: "Johnson, Maya" }] });
    // Drafts they are named on are not delivered yet.
    expect(new Set(assistantHome.plans.delivered.rows.map((r) => r.status))).toEqual(new Set(["ACTIVE"]));
  });
});

describe("a plan that does not fit its intervention (issue 13)", () => {
  // Recommended: groups of 1 to 3, 5 x 30 = 150 minutes a week.
  let fussy = "";
  beforeAll(async () => {
    fussy = (
      await asOwner((tx) =>
        makeIntervention(tx, { districtId, name: "Intensive Decoding", groupSizeMin: 1, groupSizeMax: 3, minutesPerSession: 30, sessionsPerWeek: 5 }),
      )
    ).id;
  });

  it("needs the approving coordinator's reason, kept in the plan's history and audited; the same plan fitting its intervention needs none", async () => {
    // 2 x 40 = 80 minutes a week: 53% of 150, under 75%; a group of 6 is outside 1 to 3.
    const id = await submitted({ unverifiedInterventionId: fussy, minutesPerSession: "40", sessionsPerWeek: "2", scheduleDays: ["1", "3"], groupSize: "6" });
    signInAs(coordinator.ctx);
    const refused = await step(approvePlan, id);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        fieldErrors: {
          fitReason: [
            "A group of 6 is outside Intensive Decoding's recommended group size (1 to 3). " +
              "80 minutes a week (2 x 40) is well below Intensive Decoding's recommended 150 (5 x 30): 53%, under 75%. " +
              "Say why it is approved anyway, or send it back.",
          ],
        },
      },
    });
    expect(await planRow(id)).toMatchObject({ status: "DRAFT" });
    expect(await step(approvePlan, id, { fitReason: "Only two slots a week this term; the group is six to keep the peers together." })).toMatchObject({ ok: true });
    const plan = await planRow(id);
    expect(plan.status).toBe("ACTIVE");
    expect(plan.events.at(-1)).toMatchObject({ kind: "APPROVED", actorUserId: coordinator.userId, comment: "Only two slots a week this term; the group is six to keep the peers together." });
    expect((await planAudit(id)).at(-1)).toMatchObject({ actorUserId: coordinator.userId, detail: { event: "APPROVED", fitReason: "Only two slots a week this term; the group is six to keep the peers together." } });

    // 5 x 25 = 125 minutes (83%), a group of 2: it fits, no reason asked.
    const fits = await submitted({ unverifiedInterventionId: fussy, minutesPerSession: "25", sessionsPerWeek: "5", scheduleDays: ["1", "2", "3", "4", "5"], groupSize: "2" });
    signInAs(coordinator.ctx);
    expect(await step(approvePlan, fits)).toEqual({ ok: true, message: "Approved: the plan is active." });
  });

  it("needs a reason when the group's students are outside the intervention's grades, naming each of them", async () => {
    // Built for kindergarten to grade 2; Maya and Leo are in grade 3 (the factory's grade). Group and dosage fit (2 of 1 to 5; 4 x 30 of 3 x 30).
    const early = await asOwner((tx) => makeIntervention(tx, { districtId, name: "Early Phonics", gradeMin: "KG", gradeMax: "G2" }));
    const id = await submitted({ unverifiedInterventionId: early.id, unverifiedStudentIds: [student.leo, student.maya] });
    signInAs(coordinator.ctx);
    expect(await step(approvePlan, id)).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { fitReason: ["Grade 3 (Maya and Leo) is outside Early Phonics's grades (K to 2). Say why it is approved anyway, or send it back."] } },
    });
    expect(await planRow(id)).toMatchObject({ status: "DRAFT" });
    expect(await step(approvePlan, id, { fitReason: "Both read at a first-grade level; the grade 3 materials come next term." })).toMatchObject({ ok: true });
    expect(await planRow(id)).toMatchObject({ status: "ACTIVE" });
  });
});
