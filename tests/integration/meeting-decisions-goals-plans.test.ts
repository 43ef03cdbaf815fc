// Meetings, decision 031: "raise or change the goal" and "start a plan" are
// applied once, in the decision's transaction, through the goal form's and the
// plan form's own functions (updateGoalIn, createPlanIn), linked to the
// meeting and audited; a goal saved since the page was opened, a student off
// the agenda and a coordinator of another school are refused with nothing
// written. Guardian contacts: who may log and read them, their audit and RLS.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { dayMonth } from "@/domain/meetings";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { logGuardianContact } from "@/server/guardian-contacts/actions";
import { getStudentGuardianContacts } from "@/server/guardian-contacts/queries";
import { recordDecision } from "@/server/meetings/actions";
import { getStudentHistory } from "@/server/history/queries";
import { getMeetingRecap } from "@/server/meetings/queries";
import { goalGraphsOfStudentIn } from "@/server/progress/graph";
import { todayIso } from "@/server/students/schemas";
import { makeCaseloadAssignment, makeDistrict, makeGoal, makeGuardian, makeIntervention, makeMeasure, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", offAgenda: "" };
let plan: string;
let goal: string;
let meeting: string;
let readNaturally: string;
let mathFacts: string;
let guardian: string;
let leoGuardian: string;
let coordinator: Person;
let southCoordinator: Person;
let specialist: Person;
let otherSpecialist: Person;
let assistant: Person;
let teacher: Person;
let southSpecialist: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const state = (s: unknown) => s as { ok: boolean; message?: string; error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
const goalRow = () => asOwner((tx) => tx.goal.findUniqueOrThrow({ where: { id: goal } }));
const goalChanges = () => asOwner((tx) => tx.goalChange.findMany({ where: { goalId: goal } }));
const decisionsOf = (kind: "CHANGE_GOAL" | "START_PLAN") => asOwner((tx) => tx.meetingDecision.findMany({ where: { meetingId: meeting, kind } }));
const plansOfMaya = () => asOwner((tx) => tx.interventionPlan.findMany({ where: { districtId, students: { some: { studentId: student.maya } } }, include: { interventionists: true, phases: true, events: true } }));
const audits = (entityType: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, entityType, action: action as "view" } }));

const raiseGoal = async (clientKey: string, overrides: Record<string, string> = {}) => {
  const g = await goalRow();
  return state(
    await recordDecision(
      null,
      formOf({
        unverifiedMeetingId: meeting,
        unverifiedStudentId: student.maya,
        clientKey,
        kind: "CHANGE_GOAL",
        unverifiedGoalId: goal,
        goalVersion: String(g.version),
        targetValue: "80",
        targetDate: "2027-03-12",
        reason: "Four points above the aimline.",
        ...overrides,
      }),
    ),
  );
};

const startPlan = (clientKey: string, overrides: Record<string, string> = {}) =>
  recordDecision(
    null,
    formOf({
      unverifiedMeetingId: meeting,
      unverifiedStudentId: student.maya,
      clientKey,
      kind: "START_PLAN",
      area: "READING",
      unverifiedInterventionId: readNaturally,
      unverifiedInterventionistIds: specialist.membershipId,
      sessionsPerWeek: "3",
      minutesPerSession: "30",
      reviewDate: "2027-02-26",
      ...overrides,
    }),
  ).then(state);

const contactForm = (overrides: Record<string, string> = {}) =>
  formOf({
    unverifiedStudentId: student.maya,
    unverifiedGuardianId: guardian,
    contactedOn: todayIso(),
    method: "PHONE",
    interpreterUsed: "yes",
    interpreterLanguage: "Spanish",
    purpose: "Invite Ms. Rivera to the review meeting.",
    summary: "She will come on Thursday; she asked for reading games to play at home.",
    followUp: "Send the reading log home.",
    ...overrides,
  });

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Decisions Unified" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson", grade: "G3" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.offAgenda = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Ana", legalLastName: "Off" })).id;
    guardian = (await makeGuardian(tx, { districtId, studentId: student.maya, name: "Lucia Rivera", relationship: "Mother", preferredLanguage: "Spanish" })).id;
    leoGuardian = (await makeGuardian(tx, { districtId, studentId: student.leo, name: "Sam Park", relationship: "Father" })).id;
    readNaturally = (await makeIntervention(tx, { districtId, name: "Read Naturally", area: "READING" })).id;
    mathFacts = (await makeIntervention(tx, { districtId, name: "Math Facts Fluency", area: "MATH" })).id;
  });
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  specialist = await person("Jordan Lee", "SPECIALIST", [school.north]);
  otherSpecialist = await person("Pat Other", "SPECIALIST", [school.north]);
  southSpecialist = await person("Sky South", "SPECIALIST", [school.south]);
  assistant = await person("Ari Assistant", "ASSISTANT", [school.north]);
  teacher = await person("Tess Teacher", "TEACHER", [school.north]);
  await asOwner(async (tx) => {
    const measure = await makeMeasure(tx, { districtId, name: "ORF words correct per minute" });
    plan = (await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: coordinator.userId, studentIds: [student.maya], interventionistMembershipIds: [specialist.membershipId, assistant.membershipId] })).id;
    goal = (await makeGoal(tx, { districtId, planId: plan, studentId: student.maya, measureId: measure.id, createdByUserId: coordinator.userId })).id;
    meeting = (await tx.meeting.create({ data: { districtId, schoolId: school.north, kind: "PROBLEM_SOLVING", date: new Date(`${todayIso()}T00:00:00Z`), createdByUserId: coordinator.userId } })).id;
    await tx.meetingStudent.createMany({
      data: [
        { districtId, meetingId: meeting, studentId: student.maya, position: 1, source: "NEEDS_REVIEW" },
        { districtId, meetingId: meeting, studentId: student.leo, position: 2, source: "CHOSEN" },
      ],
    });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: specialist.membershipId });
  });
});

beforeEach(() => signInAs(coordinator.ctx));

describe("raise or change the goal", () => {
  it("refuses a student not on the agenda, a goal of another student, and a coordinator of another school; nothing written", async () => {
    const off = await raiseGoal(randomUUID(), { unverifiedStudentId: student.offAgenda });
    expect(off.error?.message).toMatch(/not on the meeting's agenda/);
    const leo = await raiseGoal(randomUUID(), { unverifiedStudentId: student.leo });
    expect(leo.error?.fieldErrors?.unverifiedGoalId?.join(" ")).toMatch(/this student's goals/);
    signInAs(southCoordinator.ctx);
    expect((await raiseGoal(randomUUID())).error?.code).toBe("NOT_FOUND");
    expect((await goalRow()).targetValue).toBe(72);
    expect(await goalChanges()).toHaveLength(0);
    expect(await decisionsOf("CHANGE_GOAL")).toHaveLength(0);
  });

  it("raises the goal once: the goal, a dated goal change linked to the meeting, the decision, the audit events; the same form again applies nothing", async () => {
    const key = randomUUID();
    const first = await raiseGoal(key);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const sentence = "Maya's reading goal rises to 80 words correct per minute by 12 March (was 72 words correct per minute by 12 March).";
    expect(first.message).toBe(`Applied: ${sentence}`);
    const g = await goalRow();
    expect([g.targetValue, g.version]).toEqual([80, 2]);
    const changes = await goalChanges();
    expect(changes.map((c) => [c.previousTargetValue, c.targetValue, c.meetingId, c.changedOn.toISOString().slice(0, 10), c.reason])).toEqual([[72, 80, meeting, todayIso(), "Four points above the aimline."]]);
    const decisions = await decisionsOf("CHANGE_GOAL");
    expect(decisions.map((d) => [d.studentId, d.planId])).toEqual([[student.maya, plan]]);
    const goalAudit = (await audits("Goal", "update")).filter((a) => a.entityId === goal);
    expect(goalAudit).toHaveLength(1);
    expect(goalAudit[0]!.detail).toMatchObject({ meetingId: meeting, fields: ["targetValue"] });
    expect((await audits("MeetingDecision", "create")).filter((a) => (a.detail as { kind?: string }).kind === "CHANGE_GOAL")).toHaveLength(1);

    const again = await raiseGoal(key, { goalVersion: "1" });
    expect(again.message).toBe(`Already applied: ${sentence}`);
    expect(await goalChanges()).toHaveLength(1);
    expect((await goalRow()).version).toBe(2);
  });

  it("refuses a goal saved since the page was opened (stale version) with a message, and applies nothing", async () => {
    const r = await raiseGoal(randomUUID(), { goalVersion: "1", targetValue: "85" });
    expect(r.error?.code).toBe("CONFLICT");
    expect(r.error?.message).toMatch(/goal changed after the meeting page was opened/);
    expect((await goalRow()).targetValue).toBe(80);
    expect(await goalChanges()).toHaveLength(1);
  });

  it("refuses the target the goal already has, and a target the goal form would refuse (rolled back whole)", async () => {
    expect((await raiseGoal(randomUUID())).error?.fieldErrors?.targetValue?.join(" ")).toMatch(/goal's target now/);
    const past = await raiseGoal(randomUUID(), { targetValue: "85", targetDate: "2026-09-01" });
    expect(past.ok).toBe(false);
    expect((await goalRow()).targetValue).toBe(80);
    expect(await decisionsOf("CHANGE_GOAL")).toHaveLength(1);
  });

  it("draws the change on the goal graph, as a line with the plan's phase lines, and the recap says it", async () => {
    const [view] = await withTenant(districtId, (tx) => goalGraphsOfStudentIn(tx, districtId, student.maya, { id: goal }));
    expect(view!.goalChanges).toEqual([{ date: todayIso(), label: expect.stringMatching(/^Goal raised to 80 by .+ \(was 72\)$/) }]);
    expect(view!.graph.phaseLines.map((l) => l.label)).toContain(view!.goalChanges[0]!.label);
    const recap = await getMeetingRecap(coordinator.ctx, meeting, student.maya);
    expect(recap.students[0]!.decisions.map((d) => d.sentence)).toContain("Maya's reading goal rises to 80 words correct per minute by 12 March (was 72 words correct per minute by 12 March).");
  });
});

describe("start a plan", () => {
  it("refuses an intervention of another area and an interventionist of another school (the plan form's checks), writing nothing", async () => {
    const area = await startPlan(randomUUID(), { unverifiedInterventionId: mathFacts });
    expect(area.error?.fieldErrors?.unverifiedInterventionId?.join(" ")).toMatch(/math intervention/);
    const who = await startPlan(randomUUID(), { unverifiedInterventionistIds: southSpecialist.membershipId });
    expect(who.error?.fieldErrors?.unverifiedInterventionistIds?.join(" ")).toMatch(/active staff of North/);
    expect(await plansOfMaya()).toHaveLength(1);
  });

  it("starts a draft plan once, from the meeting's day, linked to the meeting, audited; the same form again applies nothing", async () => {
    const key = randomUUID();
    const r = await startPlan(key);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const sentence = `Maya starts Read Naturally, 3 sessions a week of 30 minutes with Jordan Lee from ${dayMonth(todayIso())}; next review 26 February. The plan is a draft until its goal is written and it is approved.`;
    expect(r.message).toBe(`Applied: ${sentence}`);
    const started = (await plansOfMaya()).find((p) => p.id !== plan)!;
    expect([started.status, started.interventionId, started.startDate.toISOString().slice(0, 10), started.sessionsPerWeek]).toEqual(["DRAFT", readNaturally, todayIso(), 3]);
    expect(started.interventionists.map((i) => i.membershipId)).toEqual([specialist.membershipId]);
    expect(started.phases).toHaveLength(1);
    expect(started.events.map((e) => e.kind)).toEqual(["CREATED"]);
    expect((await decisionsOf("START_PLAN")).map((d) => d.planId)).toEqual([started.id]);
    const created = (await audits("InterventionPlan", "create")).filter((a) => a.entityId === started.id);
    expect(created.map((a) => a.detail)).toEqual([expect.objectContaining({ meetingId: meeting, status: "DRAFT" })]);

    const again = await startPlan(key);
    expect(again.message).toBe(`Already applied: ${sentence}`);
    expect(await plansOfMaya()).toHaveLength(2);
  });

  it("refuses a second plan of the same intervention (it can no longer apply) and a review date not after the meeting", async () => {
    const twice = await startPlan(randomUUID());
    expect(twice.error?.fieldErrors?.unverifiedInterventionId?.join(" ")).toMatch(/already has a draft Read Naturally plan/);
    const early = await startPlan(randomUUID(), { reviewDate: todayIso() });
    expect(early.error?.fieldErrors?.reviewDate?.join(" ")).toMatch(/after the meeting/);
    expect(await plansOfMaya()).toHaveLength(2);
    expect(await decisionsOf("START_PLAN")).toHaveLength(1);
  });

  it("is refused to a coordinator of another school (not found, audited as denied)", async () => {
    signInAs(southCoordinator.ctx);
    const r = await startPlan(randomUUID(), { unverifiedInterventionId: readNaturally });
    expect(r.error?.code).toBe("NOT_FOUND");
    expect(await plansOfMaya()).toHaveLength(2);
    expect((await audits("Meeting", "denied")).length).toBeGreaterThan(0);
  });
});

describe("guardian contacts", () => {
  it("a coordinator logs a contact: kept with the guardian's name as on that day, audited without its content", async () => {
    const r = state(await logGuardianContact(null, contactForm()));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const rows = await asOwner((tx) => tx.guardianContact.findMany({ where: { studentId: student.maya } }));
    expect(rows.map((c) => [c.guardianName, c.guardianRelationship, c.method, c.interpreterUsed, c.interpreterLanguage])).toEqual([["Lucia Rivera", "Mother", "PHONE", true, "Spanish"]]);
    const audit = await audits("GuardianContact", "create");
    expect(audit.map((a) => a.detail)).toEqual([{ method: "PHONE", interpreterUsed: true }]);
    expect(JSON.stringify(audit)).not.toMatch(/reading games/);
  });

  it("refuses bad input with a message and saves nothing", async () => {
    const otherGuardian = state(await logGuardianContact(null, contactForm({ unverifiedGuardianId: leoGuardian })));
    expect(otherGuardian.error?.fieldErrors?.unverifiedGuardianId?.join(" ")).toMatch(/this student's guardians/);
    const future = state(await logGuardianContact(null, contactForm({ contactedOn: "2099-01-01" })));
    expect(future.error?.fieldErrors?.contactedOn?.join(" ")).toMatch(/future/);
    const language = state(await logGuardianContact(null, contactForm({ interpreterUsed: "" })));
    expect(language.error?.fieldErrors?.interpreterLanguage?.join(" ")).toMatch(/Interpreter used/);
    const empty = state(await logGuardianContact(null, contactForm({ summary: " " })));
    expect(empty.error?.fieldErrors?.summary).toBeDefined();
    expect(await asOwner((tx) => tx.guardianContact.count({ where: { studentId: student.maya } }))).toBe(1);
  });

  it("reach: the case's specialist logs and reads; another specialist, an assistant who delivers the plan and a teacher get nothing (denied, audited)", async () => {
    signInAs(specialist.ctx);
    expect(state(await logGuardianContact(null, contactForm({ method: "EMAIL", interpreterUsed: "", interpreterLanguage: "" }))).ok).toBe(true);
    const mine = await getStudentGuardianContacts(specialist.ctx, student.maya);
    expect(mine?.contacts.map((c) => c.method)).toEqual(expect.arrayContaining(["PHONE", "EMAIL"]));
    expect(mine?.mayLog).toBe(true);
    expect(mine?.guardians.map((g) => g.name)).toEqual(["Lucia Rivera"]);

    for (const p of [otherSpecialist, assistant, teacher]) {
      signInAs(p.ctx);
      expect(await getStudentGuardianContacts(p.ctx, student.maya)).toBeNull();
      const r = state(await logGuardianContact(null, contactForm()));
      expect(r.error?.code).toBe("NOT_FOUND");
    }
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { districtId, action: "denied", actorUserId: { in: [otherSpecialist.userId, assistant.userId, teacher.userId] } } }));
    expect(denied).toBe(3);
    expect(await asOwner((tx) => tx.guardianContact.count({ where: { studentId: student.maya } }))).toBe(2);
  });

  it("every read is audited as a view of the student's record", async () => {
    const before = (await audits("GuardianContact", "view")).length;
    const data = await getStudentGuardianContacts(coordinator.ctx, student.maya);
    expect(data?.contacts).toHaveLength(2);
    const after = await audits("GuardianContact", "view");
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ studentId: student.maya, actorUserId: coordinator.userId });
  });

  it("the history feed lists a contact (purpose, not what was said) to those who may read contacts, and to no one else", async () => {
    const feed = async (p: Person) => {
      const history = await getStudentHistory(p.ctx, student.maya, { kind: "family" });
      return history.ok ? history.page.entries : [];
    };
    const entries = await feed(coordinator);
    expect(entries.map((e) => e.title)).toContain("Phone call with Lucia Rivera (Mother), with an interpreter");
    expect(entries.map((e) => e.detail)).toContain("Invite Ms. Rivera to the review meeting.");
    expect(JSON.stringify(entries)).not.toMatch(/reading games/);
    signInAs(assistant.ctx);
    expect(await feed(assistant)).toEqual([]);
  });

  it("RLS: another district's transaction sees none of them and cannot write one here", async () => {
    const seen = await withTenant(otherDistrictId, (tx) => tx.guardianContact.count());
    expect(seen).toBe(0);
    const changes = await withTenant(otherDistrictId, (tx) => tx.goalChange.count());
    expect(changes).toBe(0);
    await expect(
      withTenant(otherDistrictId, (tx) =>
        tx.guardianContact.create({ data: { districtId, studentId: student.maya, contactedOn: new Date(), guardianName: "X", guardianRelationship: "Y", method: "PHONE", purpose: "p", summary: "s", createdByUserId: coordinator.userId } }),
      ),
    ).rejects.toThrow();
    expect(await withTenant(districtId, (tx) => tx.guardianContact.count())).toBe(2);
  });
});
