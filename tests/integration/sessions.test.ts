// Sessions (issue 5): logging (idempotent by the form's client key, bad input
// refused with nothing saved, only by the plan's interventionists), probe
// scores entered with a session (saved as probes in the same transaction,
// checked as the probe forms check them), editing (7 days for the author,
// always for coordinators, audited with the previous values), Today, dosage
// summaries, the coordinator's oversight and the service log with its CSV
// export.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays, dosageHeadline, isoWeekday } from "@/domain/dosage";
import { PERMISSIONS, type Action, type Scope } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { editSession, logSession, voidSession } from "@/server/sessions/actions";
import { getLogSessionForm, getOversight, getPlanSessions, getServiceLog, getSessionForEdit, getToday, planBriefsIn, planDosageIn, serviceLogCsv } from "@/server/sessions/queries";
import { getStudentProfile } from "@/server/students/queries";
import { GET as serviceLogCsvRoute } from "@/app/(app)/students/[studentId]/service-log/csv/route";
import { makeDistrict, makeGoal, makeIntervention, makePlan, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const today = () => new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const START = addDays(today(), -60);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", ana: "", solo: "", outsider: "" };
const plan = { group: "", solo: "", custom: "", draft: "", south: "" };
const component = { warmup: "", explicit: "", practice: "", retired: "", foreign: "" };
let admin: Person;
let coordinator: Person; // North
let southCoordinator: Person;
let assistant: Person; // North, delivers the group, solo, custom and draft plans
let otherAssistant: Person; // North, delivers nothing
let otherAdmin: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

let keySeq = 0;
const newKey = () => `test-key-${(++keySeq).toString().padStart(8, "0")}-${Math.random().toString(36).slice(2, 10)}`;

/** A held group session: Maya present, Leo absent, Ana partial for 20 of 30 minutes, two components. */
const groupFields = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  unverifiedPlanId: plan.group,
  clientKey: newKey(),
  date: "",
  startTime: "10:15",
  status: "HELD",
  minutes: "30",
  [`attendance:${student.maya}`]: "PRESENT",
  [`attendance:${student.leo}`]: "ABSENT",
  [`attendance:${student.ana}`]: "PARTIAL",
  [`partialMinutes:${student.ana}`]: "20",
  [`partialMinutes:${student.maya}`]: "",
  [`partialMinutes:${student.leo}`]: "",
  unverifiedComponentIds: [component.warmup, component.explicit],
  note: "Worked on vowel teams.",
  ...overrides,
});
/**
 * Most tests here log several sessions of a plan on the same day, so the
 * form says "yes, another session that day" unless a test sets
 * confirmDuplicate itself (the duplicate tests leave it undefined).
 */
const log = (fields: Record<string, string | string[] | undefined>) => logSession(null, formOf("confirmDuplicate" in fields ? fields : { ...fields, confirmDuplicate: "yes" }));
/** Logs and returns the new session's id (from the redirect to Today). */
async function logged(fields: Record<string, string | string[] | undefined>): Promise<string> {
  const to = await redirectOf(log(fields));
  const id = /^\/sessions\?logged=([0-9a-f-]{36})$/.exec(to)?.[1];
  if (!id) throw new Error(`unexpected redirect ${to}`);
  return id;
}

const counts = () =>
  asOwner(async (tx) => ({
    sessions: await tx.interventionSession.count(),
    attendance: await tx.sessionAttendance.count(),
    components: await tx.sessionComponent.count(),
    probes: await tx.probe.count(),
  }));
const sessionRow = (id: string) => asOwner((tx) => tx.interventionSession.findUniqueOrThrow({ where: { id }, include: { attendance: true, components: true } }));
const deniedOf = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    const s = (first: string, last: string, schoolId = school.north) => makeStudent(tx, { districtId, schoolId, legalFirstName: first, legalLastName: last }).then((r) => r.id);
    student.maya = await s("Maya", "Johnson");
    student.leo = await s("Leo", "Park");
    student.ana = await s("Ana", "Ruiz");
    student.solo = await s("Sol", "Okafor");
    student.outsider = await s("Otto", "Other");
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sid South", "COORDINATOR", [school.south]);
  assistant = await person("Jordan Lee", "ASSISTANT", [school.north]);
  otherAssistant = await person("Pat Quinn", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    const phonics = await makeIntervention(tx, { districtId, name: "Phonics Boost", components: ["Warm-up review", "Explicit instruction", "Guided practice", "Old exit ticket"] });
    const comps = await tx.interventionComponent.findMany({ where: { interventionId: phonics.id }, orderBy: { position: "asc" } });
    [component.warmup, component.explicit, component.practice, component.retired] = comps.map((c) => c.id) as [string, string, string, string];
    await tx.interventionComponent.update({ where: { id: component.retired }, data: { retiredAt: new Date() } });
    const math = await makeIntervention(tx, { districtId, name: "Number Sense", area: "MATH", components: ["Fluency drill"] });
    component.foreign = (await tx.interventionComponent.findFirstOrThrow({ where: { interventionId: math.id } })).id;
    const base = { districtId, schoolId: school.north, createdByUserId: coordinator.userId, startDate: day(START), interventionistMembershipIds: [assistant.membershipId] };
    // The group meets today's weekday; the solo plan on another day.
    const todayDay = isoWeekday(today());
    plan.group = (await makePlan(tx, { ...base, interventionId: phonics.id, studentIds: [student.maya, student.leo, student.ana], scheduleDays: [todayDay], scheduleTime: "10:15" })).id;
    plan.solo = (await makePlan(tx, { ...base, interventionId: phonics.id, studentIds: [student.solo], scheduleDays: [(todayDay % 7) + 1] })).id;
    plan.custom = (await makePlan(tx, { ...base, customIntervention: "=Read aloud", studentIds: [student.maya] })).id;
    plan.draft = (await makePlan(tx, { ...base, status: "DRAFT", studentIds: [student.maya] })).id;
    plan.south = (await makePlan(tx, { ...base, schoolId: school.south, studentIds: [await makeStudent(tx, { districtId, schoolId: school.south }).then((r) => r.id)] })).id;
  });
});

beforeEach(() => signInAs(assistant.ctx));

describe("\"All components delivered\" (issue 13)", () => {
  // Without JavaScript the button submits the form with its name and the checklist's ids as its value.
  it("comes back with every component ticked and the rest as typed, saving nothing; then one can be unticked and the session saved", async () => {
    const before = await counts();
    const all = [component.warmup, component.explicit, component.practice].join(",");
    const state = await log(groupFields({ unverifiedComponentIds: undefined, tickAllComponents: all, note: "Kept as typed" }));
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_SAVED" }, values: { note: "Kept as typed", unverifiedComponentIds: [component.warmup, component.explicit, component.practice] } });
    expect(await counts()).toEqual(before);
    // The person unticks "practice" and saves: exactly the two left are delivered.
    const id = await logged(groupFields({ unverifiedComponentIds: [component.warmup, component.explicit] }));
    expect((await sessionRow(id)).componentsDelivered).toBe(2);
  });

  it("only echoes ids: junk in the button's value is dropped, and nothing is read or saved", async () => {
    const before = await counts();
    const state = await log(groupFields({ tickAllComponents: `${component.warmup},not-an-id,'; DROP TABLE x` }));
    expect(state).toMatchObject({ ok: false, error: { code: "NOT_SAVED" }, values: { unverifiedComponentIds: [component.warmup] } });
    expect(await counts()).toEqual(before);
  });
});

describe("logSession", () => {
  it("logs a held group session with attendance, components and a note, today by default, and audits it per student", async () => {
    const id = await logged(groupFields());
    const row = await sessionRow(id);
    expect(row).toMatchObject({ districtId, planId: plan.group, status: "HELD", minutes: 30, startTime: "10:15", note: "Worked on vowel teams.", loggedByUserId: assistant.userId, version: 1, componentsDelivered: 2 });
    expect(row.date.toISOString().slice(0, 10)).toBe(today());
    expect(row.attendance.map((a) => [a.studentId, a.status, a.minutes, a.planId]).sort()).toEqual(
      [
        [student.maya, "PRESENT", null, plan.group],
        [student.leo, "ABSENT", null, plan.group],
        [student.ana, "PARTIAL", 20, plan.group],
      ].sort(),
    );
    expect(row.components.map((c) => c.componentId).sort()).toEqual([component.warmup, component.explicit].sort());
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "InterventionSession", entityId: id, action: "create" } }));
    expect(audit.map((a) => a.studentId).sort()).toEqual([student.maya, student.leo, student.ana].sort());
    expect(audit[0]).toMatchObject({ actorUserId: assistant.userId, detail: { planId: plan.group, date: today(), status: "HELD" } });
  });

  it("treats a repeat of the same form as the same submission: the same session, no second row", async () => {
    const fields = groupFields();
    const before = await counts();
    const first = await logged(fields);
    const second = await logged(fields);
    expect(second).toBe(first);
    expect(await counts()).toEqual({ sessions: before.sessions + 1, attendance: before.attendance + 3, components: before.components + 2, probes: before.probes });
  });

  it("creates one session when the same form arrives twice at once", async () => {
    const fields = groupFields();
    const before = await counts();
    const [a, b] = await Promise.all([logged(fields), logged(fields)]);
    expect(a).toBe(b);
    expect(await counts()).toEqual({ sessions: before.sessions + 1, attendance: before.attendance + 3, components: before.components + 2, probes: before.probes });
  });

  it("records everyone absent for a student-absent session and no minutes or components; nobody for a closed school", async () => {
    const absent = await sessionRow(await logged(groupFields({ status: "STUDENT_ABSENT", date: addDays(today(), -1) })));
    expect(absent).toMatchObject({ status: "STUDENT_ABSENT", minutes: null });
    expect(absent.attendance.map((a) => a.status)).toEqual(["ABSENT", "ABSENT", "ABSENT"]);
    expect(absent.components).toEqual([]);
    const closed = await sessionRow(await logged(groupFields({ status: "SCHOOL_CLOSED", minutes: "", date: addDays(today(), -2) })));
    expect(closed.attendance).toEqual([]);
  });

  it("marks the one student of an individual plan present when the session is held", async () => {
    const id = await logged({ unverifiedPlanId: plan.solo, clientKey: newKey(), date: today(), status: "HELD", minutes: "25", unverifiedComponentIds: [component.practice] });
    expect((await sessionRow(id)).attendance).toEqual([expect.objectContaining({ studentId: student.solo, status: "PRESENT", minutes: null })]);
  });

  it.each([
    ["zero minutes", () => ({ minutes: "0" }), "minutes", "Enter the minutes the session lasted: a whole number from 1 to 480."],
    ["more than 480 minutes", () => ({ minutes: "481" }), "minutes", "Enter the minutes the session lasted: a whole number from 1 to 480."],
    ["no minutes for a held session", () => ({ minutes: "" }), "minutes", "Enter the minutes the session lasted."],
    ["a future date", () => ({ date: addDays(today(), 1) }), "date", "The date cannot be in the future: log a session on or after the day it happens."],
    ["a date before the plan started", () => ({ date: addDays(START, -1) }), "date", `The plan started on ${START}: choose that day or later.`],
    ["a date that does not exist", () => ({ date: "2026-02-30" }), "date", "Enter the date as a full date (year, month and day)."],
    ["a start time that is not a time", () => ({ startTime: "25:00" }), "startTime", "Enter the start time as hours and minutes, like 09:30."],
    ["an unknown status", () => ({ status: "POSTPONED" }), "status", "Choose whether the session was held, and if not, why."],
    ["partial attendance longer than the session", () => ({ [`partialMinutes:${student.ana}`]: "45" }), "attendance", "Partial attendance cannot be longer than the session."],
    ["partial attendance with no minutes", () => ({ [`partialMinutes:${student.ana}`]: "" }), "attendance", "Enter the minutes of each partial attendance."],
    ["a note over 500 characters", () => ({ note: "x".repeat(501) }), "note", "Use at most 500 characters."],
  ])("refuses %s with a clear message and saves nothing", async (_label, overrides, field, message) => {
    const before = await counts();
    const state = await log(groupFields(overrides()));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses attendance for a student not in the group, naming no one, and saves nothing", async () => {
    const before = await counts();
    const state = await log(groupFields({ [`attendance:${student.outsider}`]: "PRESENT" }));
    expect(state).toMatchObject({
      ok: false,
      error: { fieldErrors: { attendance: ["Attendance can only be recorded for the students of this plan. Reload the page to see its current students."] } },
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a held group session without each student's attendance, or with everyone absent", async () => {
    const before = await counts();
    expect(await log(groupFields({ [`attendance:${student.leo}`]: undefined }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { attendance: ["Choose present, absent or partial for Leo Park."] } },
    });
    const allAbsent = { [`attendance:${student.maya}`]: "ABSENT", [`attendance:${student.ana}`]: "ABSENT" };
    expect(await log(groupFields(allAbsent))).toMatchObject({
      ok: false,
      error: { fieldErrors: { attendance: ["Every student is marked absent: choose “Student absent” as the status, or mark who came."] } },
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["of another intervention", () => [component.foreign]],
    ["that was retired", () => [component.retired]],
    ["that does not exist", () => ["00000000-0000-4000-8000-000000000000"]],
  ])("refuses a component %s and saves nothing", async (_label, ids) => {
    const before = await counts();
    const state = await log(groupFields({ unverifiedComponentIds: [component.warmup, ...ids()] }));
    expect(state).toMatchObject({
      ok: false,
      error: { fieldErrors: { unverifiedComponentIds: ["Tick only components of this plan's intervention. Reload the page to see its current checklist."] } },
    });
    expect(state && !state.ok && state.values).toMatchObject({ unverifiedComponentIds: [component.warmup, ...ids()] });
    expect(await counts()).toEqual(before);
  });

  it("offers no components for a custom intervention and refuses any", async () => {
    const before = await counts();
    const state = await log({ unverifiedPlanId: plan.custom, clientKey: newKey(), status: "HELD", minutes: "20", unverifiedComponentIds: [component.warmup] });
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedComponentIds: ["This plan's intervention has no checklist of components."] } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown fields and a missing client key", async () => {
    expect(await log(groupFields({ loggedByUserId: admin.userId }))).toMatchObject({ ok: false, error: { fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    expect(await log(groupFields({ clientKey: "" }))).toMatchObject({ ok: false, error: { fieldErrors: { clientKey: ["This form is incomplete: reload the page and log the session again."] } } });
  });

  it("refuses a client key another person already used", async () => {
    const fields = groupFields();
    await logged(fields);
    await asOwner((tx) => tx.planInterventionist.create({ data: { districtId, planId: plan.group, membershipId: otherAssistant.membershipId } }));
    try {
      signInAs(otherAssistant.ctx);
      expect(await log(fields)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "This form was already used for another session. Reload the page and log the session again." } });
    } finally {
      await asOwner((tx) => tx.planInterventionist.delete({ where: { districtId_planId_membershipId: { districtId, planId: plan.group, membershipId: otherAssistant.membershipId } } }));
    }
  });

  it.each([
    ["an assistant who does not deliver the plan", () => otherAssistant, () => plan.group],
    ["the school's coordinator, who does not deliver it", () => coordinator, () => plan.group],
    ["the district administrator, who does not deliver it", () => admin, () => plan.group],
    ["its interventionist, while the plan is a draft", () => assistant, () => plan.draft],
    ["another district's administrator", () => otherAdmin, () => plan.group],
    ["anyone, for an unknown id", () => assistant, () => "00000000-0000-4000-8000-000000000000"],
    ["anyone, for a malformed id", () => assistant, () => "not-a-plan"],
  ])("answers NOT_FOUND to %s, audits the denial and saves nothing", async (_label, who, planId) => {
    signInAs(who().ctx);
    const before = await counts();
    const deniedBefore = (await deniedOf(who().userId)).length;
    expect(await log(groupFields({ unverifiedPlanId: planId() }))).toMatchObject({ ok: false, error: NOT_FOUND_STATE });
    expect(await counts()).toEqual(before);
    const denied = await deniedOf(who().userId);
    expect(denied).toHaveLength(deniedBefore + 1);
    expect(denied.at(-1)).toMatchObject({ entityType: "InterventionPlan", detail: { attempted: "session.log" } });
  });
});

const NOT_FOUND_STATE = { code: "NOT_FOUND", message: "We could not find that record." };

describe("editSession", () => {
  const editFields = (id: string, version: number, overrides: Record<string, string | string[] | undefined> = {}) => {
    return { ...groupFields(), unverifiedPlanId: undefined, clientKey: undefined, unverifiedSessionId: id, version: String(version), ...overrides };
  };
  const edit = (fields: Record<string, string | string[] | undefined>) => editSession(null, formOf(fields));

  it("lets the author change a session within 7 days: replaces attendance and components, bumps the version, audits the previous values without names", async () => {
    const id = await logged(groupFields());
    const state = await edit(
      editFields(id, 1, { minutes: "35", [`attendance:${student.leo}`]: "PRESENT", [`attendance:${student.ana}`]: "PRESENT", [`partialMinutes:${student.ana}`]: "", unverifiedComponentIds: [component.practice], note: "" }),
    );
    expect(state).toEqual({ ok: true, message: "Session saved." });
    const row = await sessionRow(id);
    expect(row).toMatchObject({ minutes: 35, version: 2, note: null, componentsDelivered: 1 });
    expect(row.attendance.map((a) => [a.studentId, a.status, a.minutes]).sort()).toEqual([
      [student.maya, "PRESENT", null],
      [student.leo, "PRESENT", null],
      [student.ana, "PRESENT", null],
    ].sort());
    expect(row.components.map((c) => c.componentId)).toEqual([component.practice]);
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: id, action: "update" } }));
    expect(audit.map((a) => a.studentId).sort()).toEqual([student.maya, student.leo, student.ana].sort());
    const detail = audit[0]!.detail as { fields: string[]; previous: Record<string, unknown> };
    expect(detail.fields.sort()).toEqual(["attendance", "componentIds", "minutes", "note"]);
    expect(detail.previous).toMatchObject({ minutes: 30, status: "HELD", note: "Worked on vowel teams.", date: today(), startTime: "10:15", componentIds: [component.warmup, component.explicit].sort() });
    expect(detail.previous.attendance).toEqual(
      expect.arrayContaining([{ studentId: student.ana, status: "PARTIAL", minutes: 20 }, { studentId: student.leo, status: "ABSENT", minutes: null }]),
    );
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toMatch(/Maya|Johnson|Park|Ruiz/);
  });

  it("refuses a stale version with a conflict and changes nothing", async () => {
    const id = await logged(groupFields());
    expect(await edit(editFields(id, 1, { minutes: "40" }))).toMatchObject({ ok: true });
    expect(await edit(editFields(id, 1, { minutes: "45" }))).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await sessionRow(id)).toMatchObject({ minutes: 40, version: 2 });
  });

  it("refuses bad input and keeps the session as it was", async () => {
    const id = await logged(groupFields());
    expect(await edit(editFields(id, 1, { minutes: "0" }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await edit(editFields(id, 1, { unverifiedComponentIds: [component.foreign] }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const row = await sessionRow(id);
    expect(row).toMatchObject({ minutes: 30, version: 1 });
    expect(row.attendance).toHaveLength(3);
    expect(row.components).toHaveLength(2);
  });

  it("closes the author's edit window 7 days after logging; a coordinator may still correct it", async () => {
    const id = await logged(groupFields({ date: addDays(today(), -9) }));
    await asOwner((tx) => tx.interventionSession.update({ where: { id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } }));
    expect(await edit(editFields(id, 1, { date: addDays(today(), -9), minutes: "20" }))).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", message: "You can change a session you logged for 7 days after logging it. Ask your coordinator to correct this one." },
    });
    expect(await sessionRow(id)).toMatchObject({ minutes: 30, version: 1 });
    signInAs(coordinator.ctx);
    expect(await edit(editFields(id, 1, { date: addDays(today(), -9), minutes: "20" }))).toMatchObject({ ok: true });
    expect(await sessionRow(id)).toMatchObject({ minutes: 20, version: 2 });
    const audit = await asOwner((tx) => tx.auditEvent.findFirst({ where: { entityId: id, action: "update" } }));
    expect(audit).toMatchObject({ actorUserId: coordinator.userId, detail: { fields: ["minutes"], previous: { minutes: 30 } } });
  });

  it.each([
    ["another assistant", () => otherAssistant],
    ["another school's coordinator", () => southCoordinator],
    ["another district's administrator", () => otherAdmin],
  ])("answers NOT_FOUND to %s, audits the denial and changes nothing", async (_label, who) => {
    const id = await logged(groupFields());
    signInAs(who().ctx);
    expect(await edit(editFields(id, 1, { minutes: "40" }))).toMatchObject({ ok: false, error: NOT_FOUND_STATE });
    expect(await sessionRow(id)).toMatchObject({ minutes: 30, version: 1 });
    expect((await deniedOf(who().userId)).at(-1)).toMatchObject({ entityType: "InterventionSession", entityId: id, detail: { attempted: "session.editAny" } });
  });
});

describe("probe scores entered with a session", () => {
  const measure = { orf: "", dbr: "" };
  // The group's open goals: Maya ORF, Leo ORF, Ana ORF and DBR; plus goals the form must not take.
  const goal = { maya: "", leo: "", ana: "", anaDbr: "", archived: "", otherPlan: "", solo: "" };
  const DBR_SCALE = "The score must be between 0 and 10 for DBR academic engagement (0-10).";
  const MEASURE_CHANGED = "This goal's measure is not the one the form was opened with, so the score was not saved: reload the page and enter it again.";
  const NOT_OF_PLAN = "Probe scores can only be entered for the open goals of this plan's students. Reload the page and enter them again.";

  beforeAll(async () => {
    await asOwner(async (tx) => {
      await ensureDefaultMeasures(tx, districtId);
      measure.orf = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } })).id;
      measure.dbr = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "dbr_academic_engagement" } })).id;
      const g = (planId: string, studentId: string, measureId: string, extra: Record<string, unknown> = {}) =>
        makeGoal(tx, { districtId, planId, studentId, measureId, createdByUserId: coordinator.userId, baselineDate: day(START), ...extra }).then((r) => r.id);
      goal.maya = await g(plan.group, student.maya, measure.orf);
      goal.leo = await g(plan.group, student.leo, measure.orf);
      goal.ana = await g(plan.group, student.ana, measure.orf);
      goal.anaDbr = await g(plan.group, student.ana, measure.dbr, { baselineValue: 4, targetValue: 8 });
      goal.archived = await g(plan.group, student.maya, measure.orf, { archivedAt: new Date() });
      // Maya's goal on another plan the assistant delivers.
      goal.otherPlan = await g(plan.custom, student.maya, measure.orf);
      goal.solo = await g(plan.solo, student.solo, measure.orf);
    });
  });

  /** The group session of groupFields with probe scores by goal (blank ones too, as the form sends them). */
  const withScores = (scores: Record<string, string>, overrides: Record<string, string | string[] | undefined> = {}) => {
    const fields: Record<string, string | string[] | undefined> = groupFields(overrides);
    for (const [goalId, score] of Object.entries(scores)) {
      fields[`measure:${goalId}`] = goalId === goal.anaDbr ? measure.dbr : measure.orf;
      fields[`score:${goalId}`] = score;
    }
    return fields;
  };
  const probesOfKey = (clientKey: string) => asOwner((tx) => tx.probe.findMany({ where: { clientKey }, orderBy: { score: "asc" } }));

  it("offers one score per open goal of the plan's students, by student, with each goal's measure", async () => {
    const form = await getLogSessionForm(assistant.ctx, plan.group);
    expect(form.probeGoals.map((g) => [g.id, g.studentName, g.measure.unit])).toEqual([
      [goal.maya, "Maya Johnson", "WCPM"],
      [goal.leo, "Leo Park", "WCPM"],
      [goal.ana, "Ana Ruiz", "WCPM"],
      [goal.anaDbr, "Ana Ruiz", "rating 0-10"],
    ]);
    expect(form.probeGoals[3]).toMatchObject({ measureId: measure.dbr, measure: { min: 0, max: 10, decimals: 1 } });
    expect((await getLogSessionForm(assistant.ctx, plan.solo)).probeGoals.map((g) => g.id)).toEqual([goal.solo]);
  });

  it("saves each score as a probe of its goal with the session, dated the session's day, given by the assistant who delivers the plan, audited as a probe entry", async () => {
    const fields = withScores({ [goal.maya]: "52", [goal.leo]: "", [goal.ana]: "", [goal.anaDbr]: "7.5" }, { date: addDays(today(), -1) });
    const before = await counts();
    const id = await logged(fields);
    expect(await counts()).toEqual({ sessions: before.sessions + 1, attendance: before.attendance + 3, components: before.components + 2, probes: before.probes + 2 });
    const probes = await probesOfKey(fields.clientKey as string);
    expect(probes.map((p) => [p.goalId, p.studentId, p.measureId, p.score, p.givenByUserId, p.note, p.date.toISOString().slice(0, 10)])).toEqual([
      [goal.anaDbr, student.ana, measure.dbr, 7.5, assistant.userId, null, addDays(today(), -1)],
      [goal.maya, student.maya, measure.orf, 52, assistant.userId, null, addDays(today(), -1)],
    ]);
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Probe", entityId: { in: probes.map((p) => p.id) } } }));
    expect(audit.map((a) => [a.entityId, a.action, a.actorUserId, a.studentId, a.detail]).sort()).toEqual(
      probes.map((p) => [p.id, "create", assistant.userId, p.studentId, { goalId: p.goalId, planId: plan.group, date: addDays(today(), -1) }]).sort(),
    );
    // Today confirms where they went; the edit page lists them, and changing the session leaves them as they are.
    const justLogged = (await getToday(assistant.ctx, { logged: id })).justLogged!;
    expect(justLogged.probes.map((p) => [p.goalId, p.studentName, p.score, p.measure.unit])).toEqual([
      [goal.maya, "Maya Johnson", 52, "WCPM"],
      [goal.anaDbr, "Ana Ruiz", 7.5, "rating 0-10"],
    ]);
    expect((await getSessionForEdit(assistant.ctx, id)).probes.map((p) => p.goalId)).toEqual([goal.maya, goal.anaDbr]);
    const editFields = { ...groupFields(), unverifiedPlanId: undefined, clientKey: undefined, unverifiedSessionId: id, version: "1", date: addDays(today(), -2), minutes: "25" };
    expect(await editSession(null, formOf(editFields))).toMatchObject({ ok: true });
    expect(await probesOfKey(fields.clientKey as string)).toEqual(probes);
  });

  it("takes the one student of an individual plan as present", async () => {
    const fields = { unverifiedPlanId: plan.solo, clientKey: newKey(), status: "HELD", minutes: "25", unverifiedComponentIds: [], [`measure:${goal.solo}`]: measure.orf, [`score:${goal.solo}`]: "33" };
    await logged(fields);
    expect((await probesOfKey(fields.clientKey)).map((p) => [p.goalId, p.score])).toEqual([[goal.solo, 33]]);
  });

  it("saves no probe twice when the same form is sent again, or twice at once", async () => {
    const fields = withScores({ [goal.maya]: "48" });
    const before = await counts();
    const first = await logged(fields);
    expect(await logged(fields)).toBe(first);
    const racing = withScores({ [goal.maya]: "49" });
    const [a, b] = await Promise.all([logged(racing), logged(racing)]);
    expect(a).toBe(b);
    expect(await counts()).toEqual({ sessions: before.sessions + 2, attendance: before.attendance + 6, components: before.components + 4, probes: before.probes + 2 });
    expect((await probesOfKey(fields.clientKey as string)).map((p) => p.score)).toEqual([48]);
    expect((await probesOfKey(racing.clientKey as string)).map((p) => p.score)).toEqual([49]);
  });

  it.each([
    ["a score outside the measure's range", () => withScores({ [goal.anaDbr]: "11" }), () => `score:${goal.anaDbr}`, DBR_SCALE],
    ["a negative score", () => withScores({ [goal.maya]: "-3" }), () => `score:${goal.maya}`, "The score cannot be below 0 for ORF words correct per minute."],
    ["a non-numeric score", () => withScores({ [goal.maya]: "fifty" }), () => `score:${goal.maya}`, "Enter the score as a number, for example 41."],
    ["more decimals than the measure records", () => withScores({ [goal.maya]: "52.5" }), () => `score:${goal.maya}`, "Scores of ORF words correct per minute are whole numbers: check the score and enter it as given."],
    ["a score typed for another measure than the goal's", () => ({ ...withScores({ [goal.maya]: "52" }), [`measure:${goal.maya}`]: measure.dbr }), () => `score:${goal.maya}`, MEASURE_CHANGED],
    ["a score for a student marked absent", () => withScores({ [goal.maya]: "52", [goal.leo]: "40" }), () => `score:${goal.leo}`, "Leo Park is marked absent: clear this score, or change their attendance."],
    ["a score with a session that was cancelled", () => withScores({ [goal.maya]: "52" }, { status: "CANCELLED", minutes: "" }), () => `score:${goal.maya}`, "A probe is given at a held session: choose “Held” above, or clear this score."],
    ["a score with a session the students missed", () => withScores({ [goal.maya]: "52" }, { status: "STUDENT_ABSENT" }), () => `score:${goal.maya}`, "A probe is given at a held session: choose “Held” above, or clear this score."],
    ["a score for a goal of another plan", () => withScores({ [goal.maya]: "52", [goal.otherPlan]: "50" }), () => "probes", NOT_OF_PLAN],
    ["a score for another plan's student", () => withScores({ [goal.solo]: "50" }), () => "probes", NOT_OF_PLAN],
    ["a score for an archived goal", () => withScores({ [goal.archived]: "50" }), () => "probes", NOT_OF_PLAN],
    ["a score for a goal that does not exist", () => withScores({ "00000000-0000-4000-8000-000000000000": "50" }), () => "probes", NOT_OF_PLAN],
    ["a note with a score (the session form has none)", () => ({ ...withScores({ [goal.maya]: "52" }), [`note:${goal.maya}`]: "forged" }), () => "_form", "The form sent fields we do not accept."],
  ])("refuses %s with its message, and saves neither the session nor any probe", async (_label, fields, field, message) => {
    const before = await counts();
    const state = await log(fields());
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field()]: [message] } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a probe dated before the plan with the session's own date problem, and reports session and probe problems together", async () => {
    const before = await counts();
    const early = await log(withScores({ [goal.maya]: "52" }, { date: addDays(START, -1) }));
    expect(early).toMatchObject({ ok: false, error: { fieldErrors: { date: [`The plan started on ${START}: choose that day or later.`] } } });
    const probeError = early && !early.ok ? early.error.fieldErrors?.[`score:${goal.maya}`] : undefined;
    expect(probeError).toEqual([expect.stringMatching(/^The probe date cannot be before the plan's start date \(.+\)\. A probe saved with a session takes the session's date\.$/)]);
    const both = await log(withScores({ [goal.maya]: "fifty" }, { unverifiedComponentIds: [component.foreign] }));
    expect(both && !both.ok && Object.keys(both.error.fieldErrors ?? {}).sort()).toEqual([`score:${goal.maya}`, "unverifiedComponentIds"].sort());
    expect(await counts()).toEqual(before);
  });

  it("offers no scores and refuses a forged one, audited as denied, when the matrix does not let the logger enter the students' probes", async () => {
    const grants = PERMISSIONS.ASSISTANT as Partial<Record<Action, Scope>>;
    const granted = grants["probe.enter"];
    delete grants["probe.enter"];
    try {
      expect((await getLogSessionForm(assistant.ctx, plan.group)).probeGoals).toEqual([]);
      const before = await counts();
      const deniedBefore = (await deniedOf(assistant.userId)).length;
      expect(await log(withScores({ [goal.maya]: "52" }))).toMatchObject({ ok: false, error: NOT_FOUND_STATE });
      expect(await counts()).toEqual(before);
      const denied = await deniedOf(assistant.userId);
      expect(denied).toHaveLength(deniedBefore + 1);
      expect(denied.at(-1)).toMatchObject({ entityType: "Goal", entityId: goal.maya, studentId: student.maya, detail: { attempted: "probe.enter" } });
      // The session alone is still theirs to log.
      await logged(groupFields());
      expect(await counts()).toMatchObject({ sessions: before.sessions + 1, probes: before.probes });
    } finally {
      grants["probe.enter"] = granted;
    }
  });

  it("refuses probe scores sent with an edit: probes are corrected on their goal's page", async () => {
    const id = await logged(groupFields());
    const fields = { ...groupFields(), unverifiedPlanId: undefined, clientKey: undefined, unverifiedSessionId: id, version: "1", [`measure:${goal.maya}`]: measure.orf, [`score:${goal.maya}`]: "52" };
    const before = await counts();
    expect(await editSession(null, formOf(fields))).toMatchObject({ ok: false, error: { fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    expect(await counts()).toEqual(before);
    expect(await sessionRow(id)).toMatchObject({ version: 1 });
  });
});

describe("Today", () => {
  it("lists the user's active plans, today's scheduled ones first, each with what is logged today", async () => {
    const id = await logged(groupFields());
    const t = await getToday(assistant.ctx, { logged: id });
    expect(t.today).toBe(today());
    expect(t.plans.map((p) => p.id)).toEqual(expect.arrayContaining([plan.group, plan.solo, plan.custom]));
    expect(t.plans.map((p) => p.id)).not.toContain(plan.draft);
    expect(t.plans[0]).toMatchObject({ id: plan.group, scheduledToday: true, scheduleTime: "10:15", title: "Phonics Boost" });
    expect(t.plans[0]!.logged).toContainEqual({ id, status: "HELD" });
    expect(t.plans.find((p) => p.id === plan.solo)).toMatchObject({ scheduledToday: false });
    expect(t.justLogged).toMatchObject({ id, planId: plan.group, title: "Phonics Boost" });
    // Someone else's session id is not confirmed.
    expect((await getToday(otherAssistant.ctx, { logged: id })).justLogged).toBeNull();
    expect((await getToday(otherAssistant.ctx)).plans).toEqual([]);
  });
});

describe("dosage, oversight and the service log", () => {
  // A fresh plan with hand-made sessions: Mon/Wed/Fri, 3 x 30 min a week,
  // started on the Monday four weeks before this week's, two students.
  let planId = "";
  let monday = "";
  let kid = { a: "", b: "" };
  beforeAll(async () => {
    const thisMonday = addDays(today(), -(isoWeekday(today()) - 1));
    monday = addDays(thisMonday, -28);
    await asOwner(async (tx) => {
      kid = {
        a: (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Kim", legalLastName: "Adams" })).id,
        b: (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Lou", legalLastName: "Baker" })).id,
      };
      const intervention = await tx.intervention.findFirstOrThrow({ where: { districtId, name: "Phonics Boost" } });
      planId = (
        await makePlan(tx, {
          districtId,
          schoolId: school.north,
          createdByUserId: coordinator.userId,
          interventionId: intervention.id,
          studentIds: [kid.a, kid.b],
          interventionistMembershipIds: [assistant.membershipId],
          scheduleDays: [1, 3, 5],
          startDate: day(monday),
        })
      ).id;
      // Week 1 (4 weeks before this one): Mon held 30 (both present, 3 of 3 components), Wed school closed,
      // Fri held 30 (a present, b partial 15; 1 of 3 components). Nothing else logged.
      const held = async (date: string, attendance: [string, "PRESENT" | "PARTIAL" | "ABSENT", number | null][], componentIds: string[]) => {
        const s = await makeSession(tx, { districtId, planId, loggedByUserId: assistant.userId, date: day(date), minutes: 30, status: "HELD", startTime: "=cmd|' /C calc'!A0", componentsDelivered: componentIds.length });
        await tx.sessionAttendance.createMany({ data: attendance.map(([studentId, status, minutes]) => ({ districtId, sessionId: s.id, planId, studentId, date: day(date), status, minutes })) });
        await tx.sessionComponent.createMany({ data: componentIds.map((componentId) => ({ districtId, sessionId: s.id, componentId })) });
      };
      await held(monday, [[kid.a, "PRESENT", null], [kid.b, "PRESENT", null]], [component.warmup, component.explicit, component.practice]);
      await makeSession(tx, { districtId, planId, loggedByUserId: assistant.userId, date: day(addDays(monday, 2)), minutes: null, status: "SCHOOL_CLOSED" });
      await held(addDays(monday, 4), [[kid.a, "PRESENT", null], [kid.b, "PARTIAL", 15]], [component.warmup]);
    });
  });

  it("summarizes planned vs delivered for the plan and each student", async () => {
    const d = (await asOwner(async (tx) => planDosageIn(tx, districtId, await planBriefsIn(tx, districtId, [planId])))).get(planId)!;
    const weekday = isoWeekday(today());
    // Planned since the start: 4 full weeks x 3 = 12, minus the closed Wednesday = 11,
    // plus this week's Mon/Wed/Fri before today (nothing is logged today).
    const thisWeek = [1, 3, 5].filter((w) => w < weekday).length;
    expect(d.summary.periods.sinceStart.planned.sessions).toBe(11 + thisWeek);
    expect(d.summary.periods.sinceStart.delivered).toEqual({ sessions: 2, minutes: 60 });
    // Fidelity: 3 + 1 of 3 + 3 = 4 / 6; attendance 4 of 4 offered.
    expect(d.summary.periods.sinceStart.fidelityPercent).toBeCloseTo((4 / 6) * 100, 6);
    expect(d.summary.periods.sinceStart.attendancePercent).toBe(100);
    // The last four weeks start this Monday - 21 days: week 1 is outside them, so nothing was delivered in them.
    expect(d.summary.periods.last4Weeks.delivered).toEqual({ sessions: 0, minutes: 0 });
    expect(d.summary.flags.minutes).toBe(true);
    // Kim received 60 minutes; Lou 30 + 15 = 45.
    expect(d.students.map((s) => [s.name, s.summary.periods.sinceStart.delivered.minutes])).toEqual([
      ["Kim Adams", 60],
      ["Lou Baker", 45],
    ]);
  });

  it("shows the plan's sessions to its coordinator and interventionist, audited per student; NOT_FOUND to others", async () => {
    const page = await getPlanSessions(coordinator.ctx, planId);
    expect(page.total).toBe(3);
    expect(page.sessions[0]).toMatchObject({ status: "HELD", minutes: 30, loggedBy: "Jordan Lee", mayEdit: true });
    expect(page.sessions[0]!.attendance).toEqual([
      { name: "Kim Adams", status: "PRESENT", minutes: null },
      { name: "Lou Baker", status: "PARTIAL", minutes: 15 },
    ]);
    expect(page.mayLog).toBe(false);
    const views = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: coordinator.userId, action: "view", entityId: planId } }));
    expect(views.map((v) => v.studentId).sort()).toEqual([kid.a, kid.b].sort());
    expect((await getPlanSessions(assistant.ctx, planId)).mayLog).toBe(true);
    await expect(getPlanSessions(otherAssistant.ctx, planId)).rejects.toMatchObject(NOT_FOUND);
    await expect(getPlanSessions(southCoordinator.ctx, planId)).rejects.toMatchObject(NOT_FOUND);
    await expect(getPlanSessions(otherAdmin.ctx, planId)).rejects.toMatchObject(NOT_FOUND);
  });

  it("lists the plan below threshold for the coordinator, with the same figures as its summary, and who logged this week", async () => {
    const o = await getOversight(coordinator.ctx);
    expect(o.school).toMatchObject({ id: school.north });
    const row = o.flagged.rows.find((r) => r.plan.id === planId)!;
    const summary = (await asOwner(async (tx) => planDosageIn(tx, districtId, await planBriefsIn(tx, districtId, [planId])))).get(planId)!.summary;
    expect(row.figures).toEqual(summary.periods.last4Weeks);
    expect(row.plan.interventionists).toEqual(["Jordan Lee"]);
    // Plans at the south school are not the north coordinator's.
    expect(o.flagged.rows.map((r) => r.plan.id)).not.toContain(plan.south);
    const jordan = o.activity.find((a) => a.membershipId === assistant.membershipId)!;
    expect(jordan.activePlans).toBeGreaterThanOrEqual(4);
    expect(jordan.loggedThisWeek).toBeGreaterThan(0);
    await expect(getOversight(assistant.ctx)).rejects.toMatchObject(NOT_FOUND);
  });

  it("names an interventionist with nothing logged this week first", async () => {
    await asOwner((tx) => tx.planInterventionist.create({ data: { districtId, planId: plan.solo, membershipId: otherAssistant.membershipId } }));
    const o = await getOversight(coordinator.ctx);
    expect(o.activity[0]).toMatchObject({ membershipId: otherAssistant.membershipId, loggedThisWeek: 0, lastLogged: null });
    await asOwner((tx) => tx.planInterventionist.delete({ where: { districtId_planId_membershipId: { districtId, planId: plan.solo, membershipId: otherAssistant.membershipId } } }));
  });

  it("puts each plan's figures for the student on the profile, for those who see sessions", async () => {
    const profile = await getStudentProfile(coordinator.ctx, kid.b);
    expect(profile.dosage).toEqual([expect.objectContaining({ plan: expect.objectContaining({ id: planId }) })]);
    expect(profile.dosage![0]!.summary.periods.sinceStart.delivered).toEqual({ sessions: 2, minutes: 45 });
    expect(profile.may.exportServiceLog).toBe(true);
  });

  it("gives the service log of a date range with minutes received, audited as a view, and as CSV safe for spreadsheets, audited as an export", async () => {
    const range = { from: monday, to: today() };
    const logOf = await getServiceLog(coordinator.ctx, kid.b, range, "view");
    expect(logOf.rows.map((r) => [r.date, r.status, r.attendance, r.minutes, r.deliveredBy])).toEqual([
      [monday, "HELD", "PRESENT", 30, "Jordan Lee"],
      [addDays(monday, 2), "SCHOOL_CLOSED", null, 0, "Jordan Lee"],
      [addDays(monday, 4), "HELD", "PARTIAL", 15, "Jordan Lee"],
    ]);
    expect(logOf.totals).toEqual({ sessionsReceived: 2, minutes: 45 });
    const csv = serviceLogCsv(logOf);
    expect(csv.split("\r\n")[1]).toBe('"Date","Start time","Intervention","Area","Session","Attendance","Minutes received","Delivered by"');
    // A cell a spreadsheet would run as a formula starts with an apostrophe.
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).not.toMatch(/(^|,)"=/m);

    signInAs(coordinator.ctx);
    const response = await serviceLogCsvRoute(new Request(`http://localhost/students/${kid.b}/service-log/csv?from=${monday}&to=${today()}`), { params: Promise.resolve({ studentId: kid.b }) });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="service-log-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(await response.text()).toBe(csv);
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: coordinator.userId, entityType: "ServiceLog", studentId: kid.b }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((a) => a.action)).toEqual(["view", "export"]);
    expect(audit[1]).toMatchObject({ detail: { from: monday, to: today() } });
  });

  it("refuses the service log to an assistant (no export right) and to another district", async () => {
    await expect(getServiceLog(assistant.ctx, kid.b, {}, "export")).rejects.toMatchObject(NOT_FOUND);
    signInAs(otherAdmin.ctx);
    await expect(serviceLogCsvRoute(new Request(`http://localhost/x`), { params: Promise.resolve({ studentId: kid.b }) })).rejects.toMatchObject(NOT_FOUND);
    expect((await deniedOf(otherAdmin.userId)).at(-1)).toMatchObject({ entityType: "Student", detail: { attempted: "session.export" } });
  });
});

describe("a second session on the same day, and voiding a session logged by mistake (issue 13)", () => {
  // A fresh plan of one, Mon/Wed/Fri 3 x 30 minutes, from the Monday two
  // weeks before this one, delivered by two assistants.
  let planId = "";
  let kid = "";
  let monday = "";
  let wednesday = "";
  let partner: Person;
  const fields = (date: string, overrides: Record<string, string | string[] | undefined> = {}) => ({
    unverifiedPlanId: planId,
    clientKey: newKey(),
    date,
    status: "HELD",
    minutes: "30",
    unverifiedComponentIds: [component.warmup],
    confirmDuplicate: undefined,
    ...overrides,
  });
  const voidOf = (id: string, version: number, reason: string) => voidSession(null, formOf({ unverifiedSessionId: id, version: String(version), reason }));
  const dosage = async () => (await asOwner(async (tx) => planDosageIn(tx, districtId, await planBriefsIn(tx, districtId, [planId])))).get(planId)!.summary;
  const sessionsOn = (date: string) => asOwner((tx) => tx.interventionSession.findMany({ where: { planId, date: day(date) }, orderBy: { createdAt: "asc" } }));

  beforeAll(async () => {
    monday = addDays(today(), -(isoWeekday(today()) - 1) - 14);
    wednesday = addDays(monday, 2);
    partner = await person("Riley Brooks", "ASSISTANT", [school.north]);
    await asOwner(async (tx) => {
      kid = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Dee", legalLastName: "Duplicate" })).id;
      const intervention = await tx.intervention.findFirstOrThrow({ where: { districtId, name: "Phonics Boost" } });
      planId = (
        await makePlan(tx, {
          districtId,
          schoolId: school.north,
          createdByUserId: coordinator.userId,
          interventionId: intervention.id,
          studentIds: [kid],
          interventionistMembershipIds: [assistant.membershipId, partner.membershipId],
          scheduleDays: [1, 3, 5],
          startDate: day(monday),
        })
      ).id;
    });
  });

  it("asks before a second session for the plan on a day that has one, naming who logged the first; logs it once confirmed", async () => {
    signInAs(assistant.ctx);
    await logged(fields(monday));
    signInAs(partner.ctx);
    const before = await counts();
    const state = await log(fields(monday, { note: "Same group, logged from the tablet." }));
    expect(state).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        message: expect.stringMatching(/^This plan already has a session logged on .+ \(held, logged by Jordan Lee\)\.$/),
        fieldErrors: { confirmDuplicate: [expect.stringContaining("tick the box and log it again")] },
      },
      // The form comes back with what was typed, so ticking the box and sending it again is all it takes.
      values: expect.objectContaining({ date: monday, note: "Same group, logged from the tablet." }),
    });
    expect(await counts()).toEqual(before);
    // Another day is not a duplicate.
    await logged(fields(wednesday));
    // Confirmed: a second session that day.
    await logged(fields(monday, { confirmDuplicate: "yes" }));
    expect((await sessionsOn(monday)).map((s) => s.loggedByUserId)).toEqual([assistant.userId, partner.userId]);
    // Both count until one is voided: 3 held, 90 minutes.
    expect((await dosage()).periods.sinceStart.delivered).toEqual({ sessions: 3, minutes: 90 });
  });

  it("lets the author void a session within the edit window, with a reason: kept in history, audited, and counted by no dosage, fidelity, oversight or service-log figure", async () => {
    signInAs(partner.ctx);
    const duplicate = (await sessionsOn(monday))[1]!;
    expect(await voidOf(duplicate.id, 1, "  ")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { reason: [expect.stringContaining("Say why")] } } });
    expect(await redirectOf(voidOf(duplicate.id, 1, "Logged twice: Jordan logged this session."))).toBe(`/plans/${planId}/sessions?voided=1`);
    const row = await sessionRow(duplicate.id);
    expect(row).toMatchObject({ voidedByUserId: partner.userId, voidReason: "Logged twice: Jordan logged this session.", version: 2, status: "HELD", minutes: 30 });
    expect(row.voidedAt).toBeInstanceOf(Date);
    // Its attendance and components stay as history.
    expect(row.attendance).toHaveLength(1);
    expect(row.components).toHaveLength(1);
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: duplicate.id, action: "update" } }));
    expect(audit).toEqual([expect.objectContaining({ actorUserId: partner.userId, studentId: kid, detail: expect.objectContaining({ voided: true, reason: "Logged twice: Jordan logged this session.", planId }) })]);

    const summary = await dosage();
    expect(summary.periods.sinceStart.delivered).toEqual({ sessions: 2, minutes: 60 });
    // Fidelity: 1 of 3 components at each of the two sessions that count.
    expect(summary.periods.sinceStart.fidelityPercent).toBeCloseTo((2 / 6) * 100, 6);
    expect(summary.periods.sinceStart.attendancePercent).toBe(100);
    // Oversight sums in SQL: the same figures as the summary.
    const o = await getOversight(coordinator.ctx);
    expect(o.flagged.rows.find((r) => r.plan.id === planId)!.figures).toEqual(summary.periods.last4Weeks);
    expect(summary.periods.last4Weeks.delivered).toEqual({ sessions: 2, minutes: 60 });
    // The student's own figures (profile) and the service log leave it out too.
    const profile = await getStudentProfile(coordinator.ctx, kid);
    expect(profile.dosage![0]!.summary.periods.sinceStart.delivered).toEqual({ sessions: 2, minutes: 60 });
    const serviceLog = await getServiceLog(coordinator.ctx, kid, { from: monday, to: today() }, "view");
    expect(serviceLog.rows.map((r) => r.date)).toEqual([monday, wednesday]);
    expect(serviceLog.totals).toEqual({ sessionsReceived: 2, minutes: 60 });

    // The plan's session list shows it, voided, with who and why, and offers no change.
    const page = await getPlanSessions(coordinator.ctx, planId);
    expect(page.total).toBe(3);
    const shown = page.sessions.find((s) => s.id === duplicate.id)!;
    expect(shown).toMatchObject({ mayEdit: false, voided: { by: "Riley Brooks", reason: "Logged twice: Jordan logged this session." } });
    expect(page.sessions.filter((s) => s.voided === null)).toHaveLength(2);
    expect(page.dosage.summary).toEqual(summary);
  });

  it("refuses to void or change a voided session, and does not count it as the day's session", async () => {
    signInAs(partner.ctx);
    const duplicate = (await sessionsOn(monday))[1]!;
    expect(await voidOf(duplicate.id, 2, "Again")).toMatchObject({ ok: false, error: { message: "This session is already voided." } });
    const edited = await editSession(null, formOf({ unverifiedSessionId: duplicate.id, version: "2", date: monday, status: "HELD", minutes: "20", unverifiedComponentIds: [] }));
    expect(edited).toMatchObject({ ok: false, error: { message: expect.stringContaining("voided") } });
    expect(await sessionRow(duplicate.id)).toMatchObject({ minutes: 30, version: 2 });
    // Void Wednesday's only session: logging Wednesday again asks nothing.
    const [wed] = await sessionsOn(wednesday);
    await redirectOf(voidOf(wed!.id, 1, "Wrong day: it was Thursday."));
    await logged(fields(wednesday));
    expect((await dosage()).periods.sinceStart.delivered).toEqual({ sessions: 2, minutes: 60 });
  });

  it("closes voiding to the author after the edit window, leaves it to the coordinator, and answers NOT_FOUND to anyone else", async () => {
    signInAs(assistant.ctx);
    const [first] = await sessionsOn(monday);
    await asOwner((tx) => tx.interventionSession.update({ where: { id: first!.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } }));
    expect(await voidOf(first!.id, 1, "Mistake")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: expect.stringContaining("Ask your coordinator to void this one") } });
    signInAs(partner.ctx);
    expect(await voidOf(first!.id, 1, "Mistake")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await deniedOf(partner.userId)).at(-1)).toMatchObject({ entityType: "InterventionSession", entityId: first!.id, detail: { attempted: "session.editAny" } });
    signInAs(otherAdmin.ctx);
    expect(await voidOf(first!.id, 1, "Mistake")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(coordinator.ctx);
    expect(await voidOf(first!.id, 5, "Mistake")).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await redirectOf(voidOf(first!.id, 1, "Confirmed with Jordan: not held that day."))).toBe(`/plans/${planId}/sessions?voided=1`);
    expect(await sessionRow(first!.id)).toMatchObject({ voidedByUserId: coordinator.userId });
  });
});

describe("a plan that has not started yet (issue 13)", () => {
  it("has a dosage summary that says it has not started and when it will, for the plan, each student and the profile", async () => {
    const start = addDays(today(), 3);
    const { planId, kid } = await asOwner(async (tx) => {
      const kid = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Nia", legalLastName: "Later" })).id;
      const other = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Ola", legalLastName: "Later" })).id;
      const planId = (
        await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: coordinator.userId, studentIds: [kid, other], interventionistMembershipIds: [assistant.membershipId], startDate: day(start) })
      ).id;
      return { planId, kid };
    });
    const d = (await asOwner(async (tx) => planDosageIn(tx, districtId, await planBriefsIn(tx, districtId, [planId])))).get(planId)!;
    expect(d.summary.startsOn).toBe(start);
    expect(dosageHeadline(d.summary)).toMatchObject({ kind: "not-started", text: expect.stringContaining("(in 3 days). Sessions are planned and counted from that day.") });
    expect(d.students.map((s) => s.summary.startsOn)).toEqual([start, start]);
    const profile = await getStudentProfile(coordinator.ctx, kid);
    expect(dosageHeadline(profile.dosage![0]!.summary).kind).toBe("not-started");
    // Not started is not below threshold: oversight does not list it.
    expect((await getOversight(coordinator.ctx)).flagged.rows.map((r) => r.plan.id)).not.toContain(planId);
  });
});
