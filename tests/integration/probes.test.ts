// Probes: entering one for a goal, entering a group's on one date from the
// grid (all rows or none), corrections with version checks, invalid probes
// (kept, flagged, left out) and restoring them; who may do each, every refusal
// of bad input with nothing saved, idempotent repeats and the audit trail.
//
// "Today" is pinned to 1 December 2026 (only Date is faked; timers run).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { correctProbe, enterGroupProbes, enterProbe, setProbeValidity } from "@/server/probes/actions";
import { getGoalProbeEntry, getGroupProbeEntry, probesOfGoalIn } from "@/server/probes/queries";
import { makeCaseloadAssignment, makeDistrict, makeGoal, makePlan, makeProbe, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", sol: "" };
const measure = { orf: "", dbr: "" };
const plan = { group: "", completed: "", south: "" };
// The group plan's goals: Maya has two (ORF and DBR), Leo one.
const goal = { mayaOrf: "", mayaDbr: "", leoOrf: "", archived: "", completed: "", south: "", otherDistrict: "" };
let admin: Person;
let coordinator: Person; // North
let southCoordinator: Person; // South only
let specialist: Person; // North, Maya and Leo on the caseload
let mayaOnly: Person; // North specialist, only Maya on the caseload
let outOfReach: Person; // North specialist with nobody on the caseload
let assistant: Person; // North, delivers the group plan
let otherAssistant: Person; // North, delivers nothing
let otherAdmin: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const MEASURE_CHANGED = "This goal's measure is not the one the form was opened with, so the score was not saved: reload the page and enter it again.";
const GIVER_UNKNOWN = "Choose who gave the probe from the list: you, the plan's interventionists or the student's caseload staff.";
const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
let keys = 0;
const freshKey = () => key(++keys);

const one = (overrides: Record<string, string> = {}) => ({
  unverifiedGoalId: goal.mayaOrf,
  unverifiedMeasureId: measure.orf,
  unverifiedGivenByUserId: "",
  clientKey: freshKey(),
  date: "2026-11-30",
  score: "44",
  note: "",
  ...overrides,
});
const enter = (fields: Record<string, string>) => enterProbe(null, formOf(fields));

/** The grid as the form posts it: every row of the plan, blank ones too. */
function grid(cells: Record<string, { score?: string; note?: string; measure?: string }>, overrides: Record<string, string> = {}) {
  const fields: Record<string, string> = { unverifiedPlanId: plan.group, unverifiedGivenByUserId: "", clientKey: freshKey(), date: "2026-11-30", ...overrides };
  for (const [goalId, c] of Object.entries(cells)) {
    fields[`measure:${goalId}`] = c.measure ?? (goalId === goal.mayaDbr ? measure.dbr : measure.orf);
    fields[`score:${goalId}`] = c.score ?? "";
    fields[`note:${goalId}`] = c.note ?? "";
  }
  return fields;
}
const allRows = (scores: [string, string, string]) => ({ [goal.leoOrf]: { score: scores[0] }, [goal.mayaDbr]: { score: scores[1] }, [goal.mayaOrf]: { score: scores[2] } });
const enterGrid = (fields: Record<string, string>) => enterGroupProbes(null, formOf(fields));

const probeCount = () => asOwner((tx) => tx.probe.count());
const probesOf = (goalId: string) => asOwner((tx) => tx.probe.findMany({ where: { goalId }, orderBy: [{ date: "asc" }, { createdAt: "asc" }] }));
const probeRow = (id: string) => asOwner((tx) => tx.probe.findUniqueOrThrow({ where: { id } }));
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));
const auditOf = (probeId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Probe", entityId: probeId }, orderBy: { createdAt: "asc" } }));
const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));
/** A probe of Maya's ORF goal made directly, to change. */
const seededProbe = (overrides: Record<string, unknown> = {}) =>
  asOwner((tx) =>
    makeProbe(tx, { districtId, studentId: student.maya, measureId: measure.orf, goalId: goal.mayaOrf, givenByUserId: specialist.userId, date: day("2026-11-16"), score: 40, ...overrides }),
  );

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T15:00:00Z") });
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Adams" })).id;
    student.sol = (await makeStudent(tx, { districtId, schoolId: school.south, legalFirstName: "Sol", legalLastName: "Vega" })).id;
    await ensureDefaultMeasures(tx, districtId);
    await ensureDefaultMeasures(tx, otherDistrictId);
    const measureId = async (k: string, inDistrict = districtId) => (await tx.measure.findFirstOrThrow({ where: { districtId: inDistrict, key: k } })).id;
    measure.orf = await measureId("orf_wcpm");
    measure.dbr = await measureId("dbr_academic_engagement");
    admin = await makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" });
  });
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  mayaOnly = await person("Mia Only", "SPECIALIST", [school.north]);
  outOfReach = await person("Omar Out", "SPECIALIST", [school.north]);
  assistant = await person("Jordan Lee", "ASSISTANT", [school.north]);
  otherAssistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    for (const s of [student.maya, student.leo]) await makeCaseloadAssignment(tx, { districtId, studentId: s, membershipId: specialist.membershipId });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: mayaOnly.membershipId });
    const base = { districtId, schoolId: school.north, createdByUserId: specialist.userId, startDate: day("2026-11-02") };
    plan.group = (await makePlan(tx, { ...base, studentIds: [student.maya, student.leo], interventionistMembershipIds: [assistant.membershipId] })).id;
    plan.completed = (await makePlan(tx, { ...base, studentIds: [student.leo], status: "COMPLETED", interventionistMembershipIds: [assistant.membershipId] })).id;
    plan.south = (await makePlan(tx, { ...base, schoolId: school.south, studentIds: [student.sol] })).id;
    const g = (planId: string, studentId: string, measureId: string, extra: Record<string, unknown> = {}) =>
      makeGoal(tx, { districtId, planId, studentId, measureId, createdByUserId: specialist.userId, baselineDate: day("2026-11-02"), ...extra }).then((r) => r.id);
    goal.mayaOrf = await g(plan.group, student.maya, measure.orf);
    goal.mayaDbr = await g(plan.group, student.maya, measure.dbr, { baselineValue: 4, targetValue: 8 });
    goal.leoOrf = await g(plan.group, student.leo, measure.orf);
    goal.archived = await g(plan.group, student.leo, measure.orf, { archivedAt: new Date() });
    goal.completed = await g(plan.completed, student.leo, measure.orf);
    goal.south = await g(plan.south, student.sol, measure.orf);

    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    const otherStudent = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
    const otherMeasure = (await tx.measure.findFirstOrThrow({ where: { districtId: otherDistrictId, key: "orf_wcpm" } })).id;
    const otherPlan = await makePlan(tx, { districtId: otherDistrictId, schoolId: otherSchool, createdByUserId: otherAdmin.userId, studentIds: [otherStudent], startDate: day("2026-11-02") });
    goal.otherDistrict = (await makeGoal(tx, { districtId: otherDistrictId, planId: otherPlan.id, studentId: otherStudent, measureId: otherMeasure, createdByUserId: otherAdmin.userId, baselineDate: day("2026-11-02") })).id;
  });
});

afterAll(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  signInAs(specialist.ctx);
});

describe("enterProbe", () => {
  it("saves a probe with the goal's student and measure, given by the signed-in user, with its audit event", async () => {
    const fields = one({ score: "44", note: "  Grade 3 passage  " });
    expect(await enter(fields)).toEqual({ ok: true, message: "Probe saved: 44 WCPM on 30 November." });
    const [probe] = await probesOf(goal.mayaOrf);
    expect(probe).toMatchObject({
      districtId,
      studentId: student.maya,
      measureId: measure.orf,
      goalId: goal.mayaOrf,
      date: day("2026-11-30"),
      score: 44,
      note: "Grade 3 passage",
      givenByUserId: specialist.userId,
      clientKey: fields.clientKey,
      invalidatedAt: null,
      version: 1,
    });
    expect(await auditOf(probe!.id)).toEqual([
      expect.objectContaining({ action: "create", actorUserId: specialist.userId, studentId: student.maya, detail: { goalId: goal.mayaOrf, planId: plan.group, date: "2026-11-30" } }),
    ]);
    await asOwner((tx) => tx.probe.delete({ where: { id: probe!.id } }));
  });

  it("lets the assistant who delivers the plan enter a probe and name the student's specialist as the one who gave it", async () => {
    signInAs(assistant.ctx);
    expect(await enter(one({ unverifiedGoalId: goal.leoOrf, unverifiedGivenByUserId: specialist.userId, score: "39" }))).toMatchObject({ ok: true });
    expect(await probesOf(goal.leoOrf)).toEqual([expect.objectContaining({ score: 39, givenByUserId: specialist.userId })]);
    expect((await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Probe", actorUserId: assistant.userId } }))).map((e) => e.action)).toEqual(["create"]);
  });

  it.each([
    ["coordinator of the school", () => coordinator],
    ["administrator", () => admin],
  ])("lets a %s enter a probe", async (_label, who) => {
    signInAs(who().ctx);
    const before = (await probesOf(goal.mayaDbr)).length;
    expect(await enter(one({ unverifiedGoalId: goal.mayaDbr, unverifiedMeasureId: measure.dbr, score: "6.5" }))).toEqual({ ok: true, message: "Probe saved: 6.5 rating 0-10 on 30 November." });
    expect(await probesOf(goal.mayaDbr)).toHaveLength(before + 1);
  });

  it.each([
    ["an assistant who does not deliver the plan", () => otherAssistant, () => goal.mayaOrf],
    ["a specialist whose caseload does not include the student", () => outOfReach, () => goal.mayaOrf],
    ["a coordinator of another school", () => southCoordinator, () => goal.mayaOrf],
    ["a coordinator, for another school's goal", () => coordinator, () => goal.south],
    ["an administrator, for another district's goal", () => admin, () => goal.otherDistrict],
    ["another district's administrator", () => otherAdmin, () => goal.mayaOrf],
    ["a specialist, for an unknown id", () => specialist, () => key(999)],
    ["a specialist, for a malformed id", () => specialist, () => "not-a-uuid"],
  ])("answers NOT_FOUND to %s, writes a denied event and saves nothing", async (_label, who, goalId) => {
    signInAs(who().ctx);
    const before = await probeCount();
    const deniedBefore = (await denied(who().userId)).length;
    expect(await enter(one({ unverifiedGoalId: goalId() }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await probeCount()).toBe(before);
    const events = await denied(who().userId);
    expect(events).toHaveLength(deniedBefore + 1);
    expect(events.at(-1)).toMatchObject({ detail: { attempted: "probe.enter" } });
  });

  it("records the student in the denied event when the goal exists but is out of reach", async () => {
    signInAs(otherAssistant.ctx);
    await enter(one());
    expect((await denied(otherAssistant.userId)).at(-1)).toMatchObject({ entityType: "Goal", entityId: goal.mayaOrf, studentId: student.maya });
  });

  it.each([
    ["a date before the plan's start", () => ({ date: "2026-11-01" }), "date", "The probe date cannot be before the plan's start date (2 November)."],
    ["a date in the future", () => ({ date: "2026-12-02" }), "date", "The probe date cannot be in the future."],
    ["a date that is not a date", () => ({ date: "2026-11-31" }), "date", "Enter the date as a full date (year, month and day)."],
    ["no date", () => ({ date: "" }), "date", "Enter the date the probe was given."],
    ["a score below the measure's minimum", () => ({ score: "-3" }), "score", "The score cannot be below 0 for ORF words correct per minute."],
    ["a score above the measure's maximum", () => ({ unverifiedGoalId: goal.mayaDbr, unverifiedMeasureId: measure.dbr, score: "11" }), "score", "The score must be between 0 and 10 for DBR academic engagement (0-10)."],
    ["a non-numeric score", () => ({ score: "forty-four" }), "score", "Enter the score as a number, for example 41."],
    ["a score with a decimal comma", () => ({ unverifiedGoalId: goal.mayaDbr, unverifiedMeasureId: measure.dbr, score: "6,5" }), "score", "Enter the score as a number, for example 7 or 7.5."],
    ["more decimals than the measure records", () => ({ score: "44.5" }), "score", "Scores of ORF words correct per minute are whole numbers: check the score and enter it as given."],
    ["no score", () => ({ score: " " }), "score", "Enter the score."],
    ["no measure", () => ({ unverifiedMeasureId: "" }), "score", MEASURE_CHANGED],
    ["another goal's measure", () => ({ unverifiedMeasureId: measure.dbr }), "score", MEASURE_CHANGED],
    ["a note over 500 characters", () => ({ note: "x".repeat(501) }), "note", "Use at most 500 characters."],
    ["a giver who neither delivers the plan nor serves the student", () => ({ unverifiedGivenByUserId: outOfReach.userId }), "unverifiedGivenByUserId", GIVER_UNKNOWN],
  ])("refuses %s with a clear message and saves nothing", async (_label, overrides, field, message) => {
    const fields = one(overrides());
    const before = await probeCount();
    const state = await enter(fields);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(state && !state.ok && state.values).toMatchObject({ score: fields.score, date: fields.date });
    expect(await probeCount()).toBe(before);
  });

  it("refuses unknown form fields", async () => {
    const state = await enter({ ...one(), studentId: student.leo });
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
  });

  it.each([
    ["an archived goal", () => goal.archived, "This goal is archived, so its probes can no longer be entered or changed."],
    ["a goal of a completed plan", () => goal.completed, "This plan is completed, so probes can no longer be entered or changed for its goals."],
  ])("refuses %s and saves nothing", async (_label, goalId, message) => {
    const before = await probeCount();
    expect(await enter(one({ unverifiedGoalId: goalId() }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message } });
    expect(await probeCount()).toBe(before);
  });

  it("answers a repeat of the same submission with the probe it saved, once", async () => {
    const fields = one({ unverifiedGoalId: goal.leoOrf, date: "2026-11-23", score: "37" });
    const first = await enter(fields);
    expect(first).toEqual({ ok: true, message: "Probe saved: 37 WCPM on 23 November." });
    // A repeat with other values (a stale retry) still answers with what was saved.
    expect(await enter({ ...fields, score: "38" })).toEqual(first);
    expect((await probesOf(goal.leoOrf)).filter((p) => p.clientKey === fields.clientKey)).toEqual([expect.objectContaining({ score: 37 })]);
  });

  it("answers with the probe a concurrent copy of the submission saved, when that copy wins the insert", async () => {
    const fields = one({ unverifiedGoalId: goal.leoOrf, date: "2026-11-24", score: "36" });
    // The other copy has inserted the key but not committed yet: this one's
    // insert waits on the unique key, fails once the other commits, and the
    // second look finds the other's probe.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const other = asOwner(async (tx) => {
      await makeProbe(tx, { districtId, studentId: student.leo, measureId: measure.orf, goalId: goal.leoOrf, givenByUserId: specialist.userId, date: day("2026-11-24"), score: 36, clientKey: fields.clientKey });
      await committed;
    });
    const entering = enter(fields);
    await new Promise((resolve) => setTimeout(resolve, 500));
    commit();
    await other;
    expect(await entering).toEqual({ ok: true, message: "Probe saved: 36 WCPM on 24 November." });
    expect((await probesOf(goal.leoOrf)).filter((p) => p.clientKey === fields.clientKey)).toHaveLength(1);
  });

  it("refuses a client key already used for another goal", async () => {
    const fields = one({ date: "2026-11-25" });
    expect(await enter(fields)).toMatchObject({ ok: true });
    const before = await probeCount();
    expect(await enter({ ...fields, unverifiedGoalId: goal.leoOrf })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", message: "This form was already used for other probes. Reload the page and enter the probes again." },
    });
    expect(await probeCount()).toBe(before);
  });
});

describe("enterGroupProbes", () => {
  it("saves the filled rows of the grid on one date, skips blank ones, and audits each probe", async () => {
    const before = await probeCount();
    const fields = grid({ [goal.leoOrf]: { score: "41", note: "Fast today" }, [goal.mayaDbr]: {}, [goal.mayaOrf]: { score: "47" } }, { date: "2026-11-27", unverifiedGivenByUserId: assistant.userId });
    expect(await enterGrid(fields)).toEqual({ ok: true, message: "Saved 2 probes for 27 November: Leo Adams and Maya Johnson." });
    const saved = await asOwner((tx) => tx.probe.findMany({ where: { clientKey: fields.clientKey }, orderBy: { score: "asc" } }));
    expect(saved).toEqual([
      expect.objectContaining({ goalId: goal.leoOrf, studentId: student.leo, measureId: measure.orf, score: 41, note: "Fast today", date: day("2026-11-27"), givenByUserId: assistant.userId }),
      expect.objectContaining({ goalId: goal.mayaOrf, studentId: student.maya, measureId: measure.orf, score: 47, note: null, date: day("2026-11-27"), givenByUserId: assistant.userId }),
    ]);
    expect(await probeCount()).toBe(before + 2);
    for (const p of saved) expect(await auditOf(p.id)).toEqual([expect.objectContaining({ action: "create", studentId: p.studentId, actorUserId: specialist.userId })]);
  });

  it("saves nothing when one row is wrong, and says so on that row only", async () => {
    const before = await probeCount();
    const state = await enterGrid(grid({ [goal.leoOrf]: { score: "41" }, [goal.mayaDbr]: { score: "7.25" }, [goal.mayaOrf]: { score: "", note: "Absent" } }));
    expect(state).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        fieldErrors: {
          [`score:${goal.mayaDbr}`]: ["Scores of DBR academic engagement (0-10) have at most 1 decimal place: check the score and enter it as given."],
          [`score:${goal.mayaOrf}`]: ["Enter the score, or clear the note."],
        },
      },
    });
    if (state && !state.ok) {
      expect(Object.keys(state.error.fieldErrors!)).toHaveLength(2);
      expect(state.values).toMatchObject({ [`score:${goal.leoOrf}`]: "41", [`score:${goal.mayaDbr}`]: "7.25" });
    }
    expect(await probeCount()).toBe(before);
  });

  it.each([
    ["a date in the future", () => ({ date: "2026-12-05" }), "date", "The probe date cannot be in the future."],
    ["a date before the plan", () => ({ date: "2026-10-30" }), "date", "The probe date cannot be before the plan's start date (2 November)."],
    ["a giver who is not staff of the plan or its students", () => ({ unverifiedGivenByUserId: otherAssistant.userId }), "unverifiedGivenByUserId", GIVER_UNKNOWN],
  ])("refuses %s for the whole grid and saves nothing", async (_label, overrides, field, message) => {
    const before = await probeCount();
    expect(await enterGrid(grid(allRows(["40", "6", "45"]), overrides()))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(await probeCount()).toBe(before);
  });

  it("asks for at least one score when every row is blank", async () => {
    expect(await enterGrid(grid(allRows(["", "", ""])))).toMatchObject({ ok: false, error: { fieldErrors: { _form: ["Enter at least one score: rows left blank are skipped."] } } });
  });

  it("refuses a row whose measure is not its goal's", async () => {
    const before = await probeCount();
    const state = await enterGrid(grid({ [goal.mayaOrf]: { score: "45", measure: measure.dbr } }));
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { [`score:${goal.mayaOrf}`]: [MEASURE_CHANGED] } } });
    expect(await probeCount()).toBe(before);
  });

  it.each([
    ["an archived goal", () => goal.archived],
    ["a goal of another plan", () => goal.completed],
  ])("refuses a row for %s and saves nothing", async (_label, goalId) => {
    const before = await probeCount();
    const state = await enterGrid(grid({ [goal.mayaOrf]: { score: "45" }, [goalId()]: { score: "40" } }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: expect.stringContaining("no longer open goals of this plan") } });
    expect(await probeCount()).toBe(before);
  });

  it("answers NOT_FOUND when a row's student is out of the user's reach, and saves none of the rows", async () => {
    signInAs(mayaOnly.ctx);
    const before = await probeCount();
    expect(await enterGrid(grid({ [goal.mayaOrf]: { score: "45" }, [goal.leoOrf]: { score: "40" } }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await probeCount()).toBe(before);
    expect((await denied(mayaOnly.userId)).at(-1)).toMatchObject({ studentId: student.leo, detail: { attempted: "probe.enter" } });
    expect(await enterGrid(grid({ [goal.mayaOrf]: { score: "45" } }, { date: "2026-11-26" }))).toMatchObject({ ok: true });
  });

  it.each([
    ["an assistant who does not deliver the plan", () => otherAssistant, () => plan.group],
    ["a coordinator of another school", () => southCoordinator, () => plan.group],
    ["a specialist, for an unknown plan", () => specialist, () => key(998)],
  ])("answers NOT_FOUND to %s and saves nothing", async (_label, who, planId) => {
    signInAs(who().ctx);
    const before = await probeCount();
    expect(await enterGrid(grid(allRows(["40", "6", "45"]), { unverifiedPlanId: planId() }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await probeCount()).toBe(before);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ detail: { attempted: "probe.enter" } });
  });

  it("refuses a completed plan", async () => {
    const state = await enterGrid(grid({ [goal.completed]: { score: "40" } }, { unverifiedPlanId: plan.completed }));
    expect(state).toMatchObject({ ok: false, error: { message: "This plan is completed, so probes can no longer be entered or changed for its goals." } });
  });

  it("answers a repeat of the same grid with what it saved, without saving twice", async () => {
    const fields = grid(allRows(["33", "5.5", ""]), { date: "2026-11-20" });
    const first = await enterGrid(fields);
    expect(first).toEqual({ ok: true, message: "Saved 2 probes for 20 November: Leo Adams and Maya Johnson." });
    const before = await probeCount();
    expect(await enterGrid(fields)).toEqual(first);
    expect(await probeCount()).toBe(before);
  });
});

describe("correcting, invalidating and restoring a probe", () => {
  const correct = (id: string, version: number, overrides: Record<string, string> = {}) =>
    correctProbe(null, formOf({ unverifiedProbeId: id, version: String(version), date: "2026-11-16", score: "40", note: "", ...overrides }));
  const invalidate = (id: string, version: number, reason = "Wrong passage level") => setProbeValidity(null, formOf({ unverifiedProbeId: id, version: String(version), valid: "no", reason }));
  const restore = (id: string, version: number) => setProbeValidity(null, formOf({ unverifiedProbeId: id, version: String(version), valid: "yes" }));

  it("corrects the date, score and note, and audits the previous values", async () => {
    const probe = await seededProbe({ note: "first try" });
    expect(await correct(probe.id, 1, { date: "2026-11-17", score: "42", note: "" })).toEqual({ ok: true, message: "Probe corrected." });
    expect(await probeRow(probe.id)).toMatchObject({ date: day("2026-11-17"), score: 42, note: null, version: 2 });
    expect(await auditOf(probe.id)).toEqual([
      expect.objectContaining({
        action: "update",
        studentId: student.maya,
        actorUserId: specialist.userId,
        detail: { goalId: goal.mayaOrf, planId: plan.group, fields: ["date", "score", "note"], previous: { date: "2026-11-16", score: 40, note: "first try" } },
      }),
    ]);
    expect(await correct(probe.id, 2, { date: "2026-11-17", score: "42" })).toEqual({ ok: true, message: "There were no changes to save." });
    expect(await auditOf(probe.id)).toHaveLength(1);
  });

  it("refuses a correction made from a stale version, keeping the other change", async () => {
    const probe = await seededProbe();
    expect(await correct(probe.id, 1, { score: "41" })).toMatchObject({ ok: true });
    const state = await correct(probe.id, 1, { score: "39" });
    expect(state).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("Someone changed this probe since you opened it") } });
    expect(await probeRow(probe.id)).toMatchObject({ score: 41, version: 2 });
  });

  it.each([
    ["a score off the scale", { score: "-1" }, "score", "The score cannot be below 0 for ORF words correct per minute."],
    ["a date in the future", { date: "2026-12-09" }, "date", "The probe date cannot be in the future."],
    ["a date before the plan", { date: "2026-10-09" }, "date", "The probe date cannot be before the plan's start date (2 November)."],
  ])("refuses a correction with %s and keeps the probe as it was", async (_label, overrides, field, message) => {
    const probe = await seededProbe();
    expect(await correct(probe.id, 1, overrides)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(await probeRow(probe.id)).toMatchObject({ score: 40, version: 1 });
  });

  it("answers NOT_FOUND to someone out of reach and changes nothing", async () => {
    const probe = await seededProbe();
    for (const who of [outOfReach, otherAssistant, southCoordinator, otherAdmin]) {
      signInAs(who.ctx);
      expect(await correct(probe.id, 1, { score: "50" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await invalidate(probe.id, 1)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect((await denied(who.userId)).at(-1)).toMatchObject({ detail: { attempted: "probe.enter" } });
    }
    expect(await probeRow(probe.id)).toMatchObject({ score: 40, invalidatedAt: null, version: 1 });
  });

  it("refuses changes to a probe of a completed plan's goal", async () => {
    const probe = await seededProbe({ goalId: goal.completed, studentId: student.leo });
    expect(await correct(probe.id, 1, { score: "50" })).toMatchObject({ ok: false, error: { message: "This plan is completed, so probes can no longer be entered or changed for its goals." } });
    expect(await probeRow(probe.id)).toMatchObject({ score: 40 });
  });

  it("marks a probe invalid with a reason: kept, flagged by probesOfGoalIn, left out of the grid's latest probe; and restores it", async () => {
    await asOwner((tx) => tx.probe.deleteMany({ where: { goalId: goal.mayaDbr } }));
    const valid = await seededProbe({ goalId: goal.mayaDbr, measureId: measure.dbr, date: day("2026-11-23"), score: 5 });
    const probe = await seededProbe({ goalId: goal.mayaDbr, measureId: measure.dbr, date: day("2026-11-30"), score: 9.5 });

    expect(await invalidate(probe.id, 1, "  ")).toMatchObject({ ok: false, error: { fieldErrors: { reason: [expect.stringContaining("Enter why the probe is not valid")] } } });
    expect(await invalidate(probe.id, 1, "x".repeat(501))).toMatchObject({ ok: false, error: { fieldErrors: { reason: ["Use at most 500 characters."] } } });
    expect(await probeRow(probe.id)).toMatchObject({ invalidatedAt: null, version: 1 });

    expect(await invalidate(probe.id, 1, " Student was ill ")).toEqual({ ok: true, message: "Probe marked invalid: it is kept, and left out of the graph's trend and the decision rules." });
    expect(await probeRow(probe.id)).toMatchObject({ invalidatedAt: new Date("2026-12-01T15:00:00Z"), invalidReason: "Student was ill", version: 2 });
    expect(await invalidate(probe.id, 2)).toMatchObject({ ok: false, error: { message: "This probe is already marked invalid." } });

    const rows = await withTenant(districtId, (tx) => probesOfGoalIn(tx, districtId, goal.mayaDbr));
    expect(rows).toEqual([
      { id: valid.id, date: "2026-11-23", score: 5, givenByName: "Sam Patel", note: null, invalid: false, invalidReason: null, version: 1 },
      { id: probe.id, date: "2026-11-30", score: 9.5, givenByName: "Sam Patel", note: null, invalid: true, invalidReason: "Student was ill", version: 2 },
    ]);
    const gridPage = await getGroupProbeEntry(specialist.ctx, plan.group);
    expect(gridPage.grid!.rows.find((r) => r.id === goal.mayaDbr)!.last).toEqual({ date: "2026-11-23", score: 5 });

    expect(await restore(probe.id, 1)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await restore(probe.id, 2)).toEqual({ ok: true, message: "Probe restored: it counts again." });
    expect(await probeRow(probe.id)).toMatchObject({ invalidatedAt: null, invalidReason: null, version: 3 });
    expect(await restore(probe.id, 3)).toMatchObject({ ok: false, error: { message: "This probe is not marked invalid." } });
    expect((await getGroupProbeEntry(specialist.ctx, plan.group)).grid!.rows.find((r) => r.id === goal.mayaDbr)!.last).toEqual({ date: "2026-11-30", score: 9.5 });

    expect((await auditOf(probe.id)).map((e) => e.detail)).toEqual([
      { goalId: goal.mayaDbr, planId: plan.group, fields: ["invalidatedAt", "invalidReason"], previous: { invalidatedAt: null, invalidReason: null } },
      { goalId: goal.mayaDbr, planId: plan.group, fields: ["invalidatedAt", "invalidReason"], previous: { invalidatedAt: "2026-12-01T15:00:00.000Z", invalidReason: "Student was ill" } },
    ]);
  });

  it("cannot store an invalid probe without a reason (database check)", async () => {
    const probe = await seededProbe();
    await expect(asOwner((tx) => tx.probe.update({ where: { id: probe.id }, data: { invalidatedAt: new Date() } }))).rejects.toThrow();
  });
});

describe("the probe pages", () => {
  it("gives the entry page the goal, its probes and who may be named as the giver, and audits the view", async () => {
    const page = await getGoalProbeEntry(specialist.ctx, goal.leoOrf);
    expect(page.goal).toMatchObject({ id: goal.leoOrf, studentName: "Leo Adams", measureId: measure.orf, planStartDate: "2026-11-02", measure: expect.objectContaining({ key: "orf_wcpm" }) });
    expect(page.closed).toBeNull();
    expect(page.form).toMatchObject({ goalId: goal.leoOrf, measureId: measure.orf, planStartDate: "2026-11-02", today: "2026-12-01", currentUserId: specialist.userId });
    expect(page.form!.clientKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.form!.givers.map((g) => g.name)).toEqual(["Jordan Lee", "Sam Patel"]);
    expect(page.probes.length).toBeGreaterThan(0);
    expect(page.probes.map((p) => p.date)).toEqual([...page.probes.map((p) => p.date)].sort());
    const views = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: specialist.userId, action: "view", entityId: goal.leoOrf } }));
    expect(views).toEqual([expect.objectContaining({ entityType: "Goal", studentId: student.leo, detail: { page: "probe entry" } })]);
  });

  it("says a closed goal takes no probes", async () => {
    const page = await getGoalProbeEntry(specialist.ctx, goal.archived);
    expect(page.closed).toBe("This goal is archived, so its probes can no longer be entered or changed.");
    expect(page.form).toBeNull();
  });

  it.each([
    ["an assistant who does not deliver the plan", () => otherAssistant, () => goal.mayaOrf],
    ["another district's administrator", () => otherAdmin, () => goal.mayaOrf],
    ["an administrator, for another district's goal", () => admin, () => goal.otherDistrict],
  ])("is not found for %s, with a denied event", async (_label, who, goalId) => {
    await expect(getGoalProbeEntry(who().ctx, goalId())).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ detail: { attempted: "probe.enter" } });
  });

  it("lists one grid row per open goal of the plan, by student, and audits a view of each student", async () => {
    const views = () => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: specialist.userId, action: "view", entityId: plan.group }, orderBy: { createdAt: "asc" } }));
    const before = (await views()).length;
    const page = await getGroupProbeEntry(specialist.ctx, plan.group);
    expect(page.plan).toMatchObject({ id: plan.group, name: "Repeated reading", startDate: "2026-11-02", closed: null });
    expect(page.grid!.rows.map((r) => [r.studentName, r.measure.key])).toEqual([
      ["Leo Adams", "orf_wcpm"],
      ["Maya Johnson", "orf_wcpm"],
      ["Maya Johnson", "dbr_academic_engagement"],
    ]);
    const added = (await views()).slice(before);
    expect(added.map((v) => v.studentId).sort()).toEqual([student.leo, student.maya].sort());
    expect(added[0]).toMatchObject({ entityType: "InterventionPlan", detail: { page: "group probes" } });
  });

  it("offers no grid for a completed plan, and says why", async () => {
    const page = await getGroupProbeEntry(specialist.ctx, plan.completed);
    expect(page.grid).toBeNull();
    expect(page.plan.closed).toBe("This plan is completed, so probes can no longer be entered or changed for its goals.");
  });

  it("shows a specialist only the rows of the students they reach, and nobody else the grid", async () => {
    expect((await getGroupProbeEntry(mayaOnly.ctx, plan.group)).grid!.rows.map((r) => r.studentName)).toEqual(["Maya Johnson", "Maya Johnson"]);
    await expect(getGroupProbeEntry(outOfReach.ctx, plan.group)).rejects.toMatchObject(NOT_FOUND);
    await expect(getGroupProbeEntry(southCoordinator.ctx, plan.group)).rejects.toMatchObject(NOT_FOUND);
    expect((await denied(outOfReach.userId)).at(-1)).toMatchObject({ entityType: "InterventionPlan", entityId: plan.group, detail: { attempted: "probe.enter" } });
  });
});
