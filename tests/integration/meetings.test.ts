// Meetings (issue 19, decision 024): decisions are applied once, in one
// transaction, through the plan/tier/referral functions, with audit events;
// a stale plan and a student off the agenda are refused; action items need an
// owner and a due date not before the meeting; only coordinators of the
// meeting's school (and administrators) run it.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { addDays } from "@/domain/dosage";
import { addActionItem, addToAgenda, recordDecision, saveMinutes } from "@/server/meetings/actions";
import { getMeetingRecap } from "@/server/meetings/queries";
import { todayIso } from "@/server/students/schemas";
import { makeDistrict, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
const school = { north: "", south: "" };
const student = { maya: "", leo: "", south: "" };
let plan: string;
let meeting: string;
let coordinator: Person;
let southCoordinator: Person;
let interventionist: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const state = (s: unknown) => s as { ok: boolean; message?: string; error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
const planRow = () => asOwner((tx) => tx.interventionPlan.findUniqueOrThrow({ where: { id: plan }, include: { phases: { orderBy: { number: "asc" } } } }));
const decisions = () => asOwner((tx) => tx.meetingDecision.count({ where: { meetingId: meeting } }));
const auditOf = (entityType: string) => asOwner((tx) => tx.auditEvent.count({ where: { districtId, entityType, action: { in: ["create", "update"] } } }));
const changePlan = async (clientKey: string, overrides: Record<string, string> = {}) => {
  const p = await planRow();
  return state(
    await recordDecision(
      null,
      formOf({ unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, clientKey, kind: "CHANGE_PLAN", unverifiedPlanId: plan, version: String(p.version), sessionsPerWeek: "4", minutesPerSession: "30", reviewDate: "", reason: "Not closing the gap: add a session a week.", ...overrides }),
    ),
  );
};

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Meeting Unified" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.leo = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
  });
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  interventionist = await person("Jordan Lee", "SPECIALIST", [school.north]);
  await asOwner(async (tx) => {
    plan = (await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: coordinator.userId, studentIds: [student.maya], interventionistMembershipIds: [interventionist.membershipId] })).id;
    meeting = (await tx.meeting.create({ data: { districtId, schoolId: school.north, kind: "PROBLEM_SOLVING", date: new Date(`${todayIso()}T00:00:00Z`), createdByUserId: coordinator.userId } })).id;
  });
});

beforeEach(() => signInAs(coordinator.ctx));

describe("decisions that apply themselves", () => {
  it("refuses a decision for a student not on the agenda, and saves nothing", async () => {
    const r = await changePlan(randomUUID());
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/not on the meeting's agenda/);
    expect((await planRow()).phases).toHaveLength(1);
    expect(await decisions()).toBe(0);
  });

  it("refuses a student of another school on the agenda", async () => {
    const r = state(await addToAgenda(null, formOf({ unverifiedMeetingId: meeting, source: "CHOSEN", unverifiedStudentIds: [student.south] })));
    expect(r.error?.fieldErrors?.unverifiedStudentIds?.join(" ")).toMatch(/students of North/);
    expect(state(await addToAgenda(null, formOf({ unverifiedMeetingId: meeting, source: "NEEDS_REVIEW", unverifiedStudentIds: [student.maya, student.leo] }))).ok).toBe(true);
  });

  it("changes the plan once: a new phase from the meeting's day, one decision, audited; the same form again applies nothing", async () => {
    const key = randomUUID();
    const phaseAudits = await auditOf("InterventionPlan");
    const first = await changePlan(key);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(first.message).toBe(`Applied: Maya moves to Repeated reading, 4 sessions a week of 30 minutes with Jordan Lee (was 3 sessions a week) from ${(await import("@/domain/meetings")).dayMonth(todayIso())} (phase 2); next review 18 December.`);
    const after = await planRow();
    expect(after.sessionsPerWeek).toBe(4);
    expect(after.phases.map((p) => [p.number, p.sessionsPerWeek])).toEqual([[1, 3], [2, 4]]);
    expect(after.phases[1]!.change).toBe("Not closing the gap: add a session a week.");
    expect(await decisions()).toBe(1);
    expect(await auditOf("InterventionPlan")).toBe(phaseAudits + 1);
    expect(await auditOf("MeetingDecision")).toBe(1);

    // The same submission again (a double click, a retry): found, not applied twice.
    const p = after;
    const again = state(await recordDecision(null, formOf({ unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, clientKey: key, kind: "CHANGE_PLAN", unverifiedPlanId: plan, version: String(p.version - 1), sessionsPerWeek: "4", minutesPerSession: "30", reviewDate: "", reason: "Not closing the gap: add a session a week." })));
    expect(again.ok).toBe(true);
    expect(again.message).toMatch(/^Already applied: /);
    expect((await planRow()).phases).toHaveLength(2);
    expect(await decisions()).toBe(1);
  });

  it("says so when the plan changed since the page was opened (stale version), and applies nothing", async () => {
    const p = await planRow();
    const r = await changePlan(randomUUID(), { version: String(p.version - 1), sessionsPerWeek: "5" });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe("CONFLICT");
    expect((await planRow()).sessionsPerWeek).toBe(4);
    expect(await decisions()).toBe(1);
  });

  it("rolls everything back when the applied change fails half-way (a review date before the start)", async () => {
    const r = await changePlan(randomUUID(), { sessionsPerWeek: "5", reviewDate: "2026-01-01" });
    expect(r.ok).toBe(false);
    expect((await planRow()).phases).toHaveLength(2);
    expect(await decisions()).toBe(1);
  });

  it("changes the tier through the tier decisions, and refuses the tier the student already has", async () => {
    const form = (tier: string) =>
      formOf({ unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, clientKey: randomUUID(), kind: "CHANGE_TIER", area: "READING", tier, reason: "Two goals below the aimline." });
    const r = state(await recordDecision(null, form("TIER_3")));
    expect(r.message).toBe("Applied: Maya moves to Tier 3 in reading.");
    const tiers = await asOwner((tx) => tx.studentTier.findMany({ where: { studentId: student.maya } }));
    expect(tiers.map((t) => t.tier)).toEqual(["TIER_3"]);
    const same = state(await recordDecision(null, form("TIER_3")));
    expect(same.error?.fieldErrors?.tier?.join(" ")).toMatch(/already at Tier 3/);
    expect(await decisions()).toBe(2);
  });

  it("starts a referral, and discontinues the plan with a reason (required)", async () => {
    const ref = state(await recordDecision(null, formOf({ unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, clientKey: randomUUID(), kind: "START_REFERRAL", reason: "No adequate response to two Tier 3 plans." })));
    expect(ref.ok).toBe(true);
    expect(await asOwner((tx) => tx.referral.count({ where: { studentId: student.maya } }))).toBe(1);
    const p = await planRow();
    const base = { unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, kind: "END_PLAN", unverifiedPlanId: plan, version: String(p.version), outcome: "DISCONTINUED" };
    const noReason = state(await recordDecision(null, formOf({ ...base, clientKey: randomUUID(), reason: "" })));
    expect(noReason.error?.fieldErrors?.reason).toBeDefined();
    const ended = state(await recordDecision(null, formOf({ ...base, clientKey: randomUUID(), reason: "Moving to a Tier 3 plan." })));
    expect(ended.message).toBe("Applied: Maya's Repeated reading plan is discontinued: Moving to a Tier 3 plan.");
    expect((await planRow()).status).toBe("DISCONTINUED");
  });

  it("refuses a coordinator of another school (not found, nothing written)", async () => {
    signInAs(southCoordinator.ctx);
    const r = await changePlan(randomUUID());
    expect(r.error?.code).toBe("NOT_FOUND");
    expect(await decisions()).toBe(4);
  });
});

describe("action items, minutes and the recap", () => {
  it("needs an owner and a due date not before the meeting", async () => {
    const base = { unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, description: "Send the reading log home." };
    const noOwner = state(await addActionItem(null, formOf({ ...base, unverifiedOwnerId: "", dueDate: addDays(todayIso(), 7) })));
    expect(noOwner.error?.fieldErrors?.unverifiedOwnerId?.join(" ")).toMatch(/owner/);
    const early = state(await addActionItem(null, formOf({ ...base, unverifiedOwnerId: interventionist.membershipId, dueDate: addDays(todayIso(), -1) })));
    expect(early.error?.fieldErrors?.dueDate?.join(" ")).toMatch(/before the meeting/);
    expect(state(await addActionItem(null, formOf({ ...base, unverifiedOwnerId: interventionist.membershipId, dueDate: addDays(todayIso(), 7) }))).ok).toBe(true);
    expect(state(await saveMinutes(null, formOf({ unverifiedMeetingId: meeting, unverifiedStudentId: student.maya, minutes: "Jordan reports steady growth." }))).ok).toBe(true);
  });

  it("writes the recap from the decisions, with the action items, and audits the view per student", async () => {
    const recap = await getMeetingRecap(coordinator.ctx, meeting, student.maya);
    const maya = recap.students[0]!;
    expect(maya.decisions.map((d) => d.sentence)[0]).toMatch(/^Maya moves to Repeated reading, 4 sessions a week/);
    expect(maya.decisions).toHaveLength(4);
    expect(maya.actionItems.map((a) => a.sentence)).toEqual([expect.stringMatching(/^Jordan Lee: Send the reading log home, by /)]);
    const views = await asOwner((tx) => tx.auditEvent.count({ where: { districtId, entityType: "Meeting", action: "view", studentId: student.maya } }));
    expect(views).toBe(1);
  });
});
