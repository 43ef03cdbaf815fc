// The reach defects of issue 12 (2-5) and the assistant's "Students you serve"
// (issue 13), each shown with the data that exposed it. The reach of every
// route and action in general: tests/integration/reach.test.ts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as goalCsvRoute } from "@/app/(app)/goals/[goalId]/csv/route";
import { addDays } from "@/domain/dosage";
import type { Ctx } from "@/server/auth/session";
import { getHome } from "@/server/dashboards/queries";
import { withTenant } from "@/server/db/tenant";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { plansSentBackIn } from "@/server/plans/queries";
import { getGroupProbeEntry, getGoalProbeEntry } from "@/server/probes/queries";
import { getGoalGraph } from "@/server/progress/graph";
import { reachOf } from "@/server/reach";
import { editSession } from "@/server/sessions/actions";
import { getLogSessionForm, getPlanSessions, getSessionForEdit } from "@/server/sessions/queries";
import { makeAttendance, makeCaseloadAssignment, makeDistrict, makeGoal, makePlan, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const today = () => new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const START = addDays(today(), -40);

let districtId: string;
let north: string;
let south: string;
const student = { maya: "", leo: "", ana: "", cal: "", dee: "" };
const plan = { group: "", mayaOther: "", ended: "", removed: "", sentBack: "" };
const goal = { mayaOther: "", ended: "", group: "" };
const session = { ended: "", removed: "" };
let coordinator: Person;
let assistant: Person; // delivers the group (Maya, Leo, Ana); Cal on their caseload; delivered the ended plan
let otherAssistant: Person; // delivers Maya's other plan
let movedSpecialist: Person; // wrote a draft for Dee at North, now works at South without Dee on their caseload
let specialist: Person; // North, Dee on their caseload

const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, select: { entityType: true, entityId: true, detail: true } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    const s = (first: string, last: string) => makeStudent(tx, { districtId, schoolId: north, legalFirstName: first, legalLastName: last }).then((r) => r.id);
    student.maya = await s("Maya", "Johnson");
    student.leo = await s("Leo", "Park");
    student.ana = await s("Ana", "Ruiz");
    student.cal = await s("Cal", "Abbott");
    student.dee = await s("Dee", "Diaz");
    await ensureDefaultMeasures(tx, districtId);
  });
  coordinator = await person("Cora Coordinator", "COORDINATOR", [north]);
  assistant = await person("Jordan Lee", "ASSISTANT", [north]);
  otherAssistant = await person("Pat Quinn", "ASSISTANT", [north]);
  movedSpecialist = await person("Riley Moved", "SPECIALIST", [south]);
  specialist = await person("Sam Patel", "SPECIALIST", [north]);
  await asOwner(async (tx) => {
    const orf = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } })).id;
    const base = { districtId, schoolId: north, createdByUserId: coordinator.userId, startDate: day(START) };
    plan.group = (await makePlan(tx, { ...base, studentIds: [student.maya, student.leo, student.ana], interventionistMembershipIds: [assistant.membershipId] })).id;
    plan.mayaOther = (await makePlan(tx, { ...base, area: "MATH", studentIds: [student.maya], interventionistMembershipIds: [otherAssistant.membershipId] })).id;
    plan.ended = (await makePlan(tx, { ...base, status: "COMPLETED", endDate: day(today()), studentIds: [student.maya], interventionistMembershipIds: [assistant.membershipId] })).id;
    // The assistant logged a session here, then was taken off the plan.
    plan.removed = (await makePlan(tx, { ...base, studentIds: [student.leo], interventionistMembershipIds: [otherAssistant.membershipId] })).id;
    plan.sentBack = (await makePlan(tx, { ...base, status: "DRAFT", createdByUserId: movedSpecialist.userId, returnComment: "Dee's baseline needs three probes.", studentIds: [student.dee] })).id;
    const g = (planId: string, studentId: string) => makeGoal(tx, { districtId, planId, studentId, measureId: orf, createdByUserId: coordinator.userId, baselineDate: day(START), targetDate: day(addDays(today(), 90)) }).then((r) => r.id);
    goal.mayaOther = await g(plan.mayaOther, student.maya);
    goal.ended = await g(plan.ended, student.maya);
    goal.group = await g(plan.group, student.maya);
    // Logged yesterday, created now (inside the author's 7-day edit window).
    const logged = (planId: string, studentId: string) =>
      makeSession(tx, { districtId, planId, loggedByUserId: assistant.userId, date: day(addDays(today(), -1)), note: "Read the decodable text twice." }).then(async (r) => {
        await makeAttendance(tx, r, studentId);
        return r.id;
      });
    session.ended = await logged(plan.ended, student.maya);
    session.removed = await logged(plan.removed, student.leo);
    await makeCaseloadAssignment(tx, { districtId, studentId: student.cal, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
    await makeCaseloadAssignment(tx, { districtId, studentId: student.dee, membershipId: specialist.membershipId });
  });
});

describe("defect 2: an ended plan's sessions", () => {
  it("are 404 with a denied event for the assistant who delivered it, as the plan page is", async () => {
    await expect(getPlanSessions(assistant.ctx, plan.ended)).rejects.toMatchObject(NOT_FOUND);
    expect(await denied(assistant.userId)).toContainEqual({ entityType: "InterventionPlan", entityId: plan.ended, detail: { attempted: "session.view" } });
  });

  it("stay visible to the school's coordinator", async () => {
    expect((await getPlanSessions(coordinator.ctx, plan.ended)).sessions.map((s) => s.id)).toEqual([session.ended]);
  });
});

describe("defect 3: a goal is reached through its plan, not its student", () => {
  it("hides another plan's goal of a student the assistant serves (page and CSV)", async () => {
    await expect(getGoalGraph(assistant.ctx, goal.mayaOther)).rejects.toMatchObject(NOT_FOUND);
    signInAs(assistant.ctx);
    await expect(goalCsvRoute(new Request("http://test/"), { params: Promise.resolve({ goalId: goal.mayaOther }) })).rejects.toMatchObject(NOT_FOUND);
    await expect(getGoalProbeEntry(assistant.ctx, goal.mayaOther)).rejects.toMatchObject(NOT_FOUND);
  });

  it("hides the goals of a plan that ended", async () => {
    await expect(getGoalGraph(assistant.ctx, goal.ended)).rejects.toMatchObject(NOT_FOUND);
    await expect(getGoalProbeEntry(assistant.ctx, goal.ended)).rejects.toMatchObject(NOT_FOUND);
    await expect(getGroupProbeEntry(assistant.ctx, plan.ended)).rejects.toMatchObject(NOT_FOUND);
  });

  it("still shows the goals of the plan they deliver", async () => {
    expect((await getGoalGraph(assistant.ctx, goal.group)).plan.id).toBe(plan.group);
  });
});

describe("defect 4: a session's author who lost the plan", () => {
  const fields = (id: string, studentId: string) => ({ unverifiedSessionId: id, version: "1", date: addDays(today(), -1), startTime: "", status: "HELD", minutes: "5", [`attendance:${studentId}`]: "ABSENT", [`partialMinutes:${studentId}`]: "", note: "rewritten" });
  const row = (id: string) => asOwner((tx) => tx.interventionSession.findUniqueOrThrow({ where: { id }, include: { attendance: true } }));

  for (const [why, key, studentId] of [
    ["the plan completed", "ended", "maya"],
    ["they were taken off the plan", "removed", "leo"],
  ] as const) {
    it(`can neither open nor change it once ${why}`, async () => {
      const id = session[key];
      const before = await row(id);
      await expect(getSessionForEdit(assistant.ctx, id)).rejects.toMatchObject(NOT_FOUND);
      signInAs(assistant.ctx);
      expect(await editSession(null, formOf(fields(id, student[studentId])))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await row(id)).toEqual(before);
      expect((await denied(assistant.userId)).filter((e) => e.entityId === id)).toHaveLength(2);
    });
  }

  it("leaves the coordinator's correction open", async () => {
    expect((await getSessionForEdit(coordinator.ctx, session.ended)).right).toBe("any");
  });
});

describe("defect 5", () => {
  it("lists a draft sent back only to an author who may still write it", async () => {
    const sentBack = (ctx: Ctx) => withTenant(districtId, (tx) => plansSentBackIn(tx, ctx)).then((l) => l.rows.map((r) => r.id));
    expect(await sentBack(movedSpecialist.ctx)).toEqual([]);
    // Once Dee is on their caseload again, it is theirs to fix.
    const assignment = await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: student.dee, membershipId: movedSpecialist.membershipId }));
    expect(await sentBack(movedSpecialist.ctx)).toEqual([plan.sentBack]);
    await asOwner((tx) => tx.caseloadAssignment.update({ where: { id: assignment.id }, data: { endedAt: new Date() } }));
  });

  it("audits the session log form as a view of each student it shows", async () => {
    const form = await getLogSessionForm(assistant.ctx, plan.group);
    expect(form.plan.students).toHaveLength(3);
    const views = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: assistant.userId, action: "view", entityId: plan.group }, select: { studentId: true, detail: true } }));
    expect(views.map((v) => v.studentId).sort()).toEqual([student.maya, student.leo, student.ana].sort());
    expect(views.every((v) => (v.detail as { page?: string }).page === "log session")).toBe(true);
  });
});

describe("the assistant's Students you serve (issue 13)", () => {
  it("lists every student they reach: the group they deliver and their caseload, the set the permission checks use", async () => {
    const home = await getHome(assistant.ctx);
    if (home.kind !== "caseload" || !home.served) throw new Error(`expected a served list, got ${home.kind}`);
    expect(home.served.map((r) => [r.student.name, r.caseRoles, r.plans])).toEqual([
      ["Abbott, Cal", ["INTERVENTIONIST"], []],
      ["Johnson, Maya", [], ["Repeated reading"]],
      ["Park, Leo", [], ["Repeated reading"]],
      ["Ruiz, Ana", [], ["Repeated reading"]],
    ]);
    const reach = await withTenant(districtId, (tx) => reachOf(tx, districtId, Object.values(student)));
    const reached = [...reach].filter(([, users]) => users.includes(assistant.userId)).map(([id]) => id);
    expect(home.served.map((r) => r.student.id).sort()).toEqual(reached.sort());
  });
});
