// The student record (issue 14): the history feed shows each role only what
// it may see (an assistant's feed has no IEP/504 details or disability
// fields, and no plan the assistant does not deliver), refuses bad filters
// with a message, shows an empty page past the end, and is 404 for a student
// out of reach; the case at a glance gives each goal the recommendation its
// goal page gives.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { getStudentHistory } from "@/server/history/queries";
import { getGoalGraph } from "@/server/progress/graph";
import { getStudentProfile } from "@/server/students/queries";
import { makeAccommodation, makeCaseloadAssignment, makeDistrict, makeGoal, makeMeasure, makePlan, makeProbe, makeSchool, makeSession, makeSpecialEdPlan, makeSpecialEdService, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let schoolId: string;
const student = { maya: "", other: "" };
let coordinator: Person;
let specialist: Person;
let assistant: Person;
const plan = { delivered: "", other: "" };
let goalId: string;

const person = (name: string, role: Ctx["role"], schoolIds: string[]) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const daysAgo = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
/** Every text of a history page: titles, details and who. */
const textOf = (entries: { title: string; detail?: string; who: string[] }[]) => entries.map((e) => [e.title, e.detail ?? "", ...e.who].join(" | ")).join("\n");

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    student.maya = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Maya", legalLastName: "Johnson", hasIep: true, has504: false })).id;
    student.other = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Leo", legalLastName: "Park" })).id;
  });
  coordinator = await person("Cora Coordinator", "COORDINATOR", [schoolId]);
  specialist = await person("Sam Patel", "SPECIALIST", [schoolId]);
  assistant = await person("Ari Lund", "ASSISTANT", [schoolId]);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: student.maya, membershipId: specialist.membershipId, role: "CASE_MANAGER", assignedByUserId: coordinator.userId });
    await tx.studentTier.create({ data: { districtId, studentId: student.maya, area: "READING", tier: "TIER_3", effectiveDate: day(daysAgo(70)), reason: "Fall screening: well below benchmark", decidedByUserId: coordinator.userId } });
    const measure = await makeMeasure(tx, { districtId, name: "ORF", unit: "WCPM" });
    plan.delivered = (
      await makePlan(tx, { districtId, schoolId, createdByUserId: specialist.userId, studentIds: [student.maya], interventionistMembershipIds: [assistant.membershipId], startDate: day(daysAgo(63)), reviewDate: day(daysAgo(-30)), scheduleDays: [1, 2, 3, 4, 5], sessionsPerWeek: 5 })
    ).id;
    plan.other = (
      await makePlan(tx, { districtId, schoolId, createdByUserId: specialist.userId, studentIds: [student.maya], customIntervention: "Social skills group", area: "SOCIAL_EMOTIONAL", status: "COMPLETED", startDate: day(daysAgo(200)), endDate: day(daysAgo(120)) })
    ).id;
    await tx.planEvent.create({ data: { districtId, planId: plan.other, kind: "COMPLETED", actorUserId: specialist.userId, comment: "Goal met.", createdAt: day(daysAgo(120)) } });
    goalId = (await makeGoal(tx, { districtId, planId: plan.delivered, studentId: student.maya, measureId: measure.id, createdByUserId: specialist.userId, baselineValue: 40, baselineDate: day(daysAgo(64)), targetValue: 70, targetDate: day(daysAgo(-90)) })).id;
    // Weekly probes that stay flat under a rising aimline, one marked invalid.
    for (let w = 8; w >= 1; w--) {
      await makeProbe(tx, { districtId, studentId: student.maya, measureId: measure.id, goalId, givenByUserId: assistant.userId, date: day(daysAgo(w * 7)), score: 40 + (w % 2) });
    }
    await makeProbe(tx, { districtId, studentId: student.maya, measureId: measure.id, goalId, givenByUserId: assistant.userId, date: day(daysAgo(14)), score: 60, invalidatedAt: new Date(), invalidReason: "Read last week's passage" });
    for (let n = 60; n >= 1; n--) {
      const s = await makeSession(tx, { districtId, planId: plan.delivered, loggedByUserId: assistant.userId, date: day(daysAgo(n)), minutes: 30, status: "HELD" });
      await tx.sessionAttendance.create({ data: { districtId, sessionId: s.id, planId: plan.delivered, studentId: student.maya, date: day(daysAgo(n)), status: n % 10 === 0 ? "ABSENT" : "PRESENT" } });
    }
    await makeAccommodation(tx, { districtId, studentId: student.maya, createdByUserId: specialist.userId, description: "Extended time (1.5x) on tests", source: "IEP", startDate: day(daysAgo(80)) });
    await makeAccommodation(tx, { districtId, studentId: student.maya, createdByUserId: specialist.userId, description: "Breaks on request", source: "SECTION_504", startDate: day(daysAgo(50)) });
    // Her IEP, with a disability category, and a service of it the assistant delivers: none of it may reach the assistant's feed.
    const iep = await makeSpecialEdPlan(tx, { districtId, studentId: student.maya, caseManagerMembershipId: specialist.membershipId, disabilityCategory: "Specific Learning Disability" });
    await makeSpecialEdService(tx, { districtId, planId: iep.id, createdByUserId: specialist.userId, area: "Reading fluency practice", providerMembershipId: assistant.membershipId });
  });
});

describe("the history feed: what each role sees", () => {
  it("gives an assistant no IEP/504 details or disability fields, and no plan they do not deliver", async () => {
    const history = await getStudentHistory(assistant.ctx, student.maya, { page: "1" });
    if (!history.ok) throw new Error(history.messages.join());
    const all = [];
    for (let page = 1; page <= history.page.pageCount; page++) {
      const h = await getStudentHistory(assistant.ctx, student.maya, { page: String(page) });
      if (!h.ok) throw new Error(h.messages.join());
      all.push(...h.page.entries);
    }
    expect(all).toHaveLength(history.page.total);
    const text = textOf(all);
    expect(text).not.toMatch(/\bIEP\b|\b504\b|disabilit|Section|Learning|Annual review|evaluation/i);
    expect(text).not.toContain("Social skills group");
    // What the assistant does see: the accommodations to honour, the probes and sessions they gave, the tier.
    expect(text).toContain("Accommodation starts: Extended time (1.5x) on tests");
    expect(text).toContain("Accommodation starts: Breaks on request");
    expect(all.filter((e) => e.kind === "probe" && e.weekOf)).toHaveLength(8);
    expect(all.some((e) => e.kind === "session")).toBe(true);
    expect(all.some((e) => e.kind === "tier")).toBe(true);
    expect(all.every((e) => e.href === null || !e.href.includes(plan.other))).toBe(true);
  });

  it("gives a specialist of the school the sources of the accommodations and every plan, with who did what", async () => {
    const history = await getStudentHistory(specialist.ctx, student.maya, { kind: ["plan", "accommodation"] });
    if (!history.ok) throw new Error(history.messages.join());
    const text = textOf(history.page.entries);
    expect(text).toContain("Accommodation starts: Extended time (1.5x) on tests (from the IEP)");
    expect(text).toContain("Accommodation starts: Breaks on request (from the 504 plan)");
    expect(text).toContain("Plan completed: Social skills group");
    expect(history.page.entries.every((e) => e.kind === "plan" || e.kind === "accommodation")).toBe(true);
    expect(history.page.entries.filter((e) => e.kind === "plan").every((e) => e.who.includes("Sam Patel"))).toBe(true);
  });

  it("summarises probes by week, invalid ones named, newest first", async () => {
    const history = await getStudentHistory(coordinator.ctx, student.maya, { kind: "probe" });
    if (!history.ok) throw new Error(history.messages.join());
    const entries = history.page.entries;
    expect(entries.map((e) => e.day)).toEqual([...entries.map((e) => e.day)].sort().reverse());
    expect(entries.find((e) => e.title.startsWith("Probe marked invalid"))).toMatchObject({ detail: "Read last week's passage", href: `/goals/${goalId}` });
    const twoWeeks = entries.find((e) => e.weekOf && e.detail?.includes("marked invalid"));
    expect(twoWeeks?.title).toMatch(/^ORF: 1 probe \(4[01]\)$/);
  });

  it("filters by date, and pages 25 at a time with an empty page past the end", async () => {
    const from = daysAgo(10);
    const dated = await getStudentHistory(coordinator.ctx, student.maya, { from, to: daysAgo(0) });
    if (!dated.ok) throw new Error(dated.messages.join());
    expect(dated.page.entries.length).toBeGreaterThan(0);
    expect(dated.page.entries.every((e) => e.day >= from)).toBe(true);

    const first = await getStudentHistory(coordinator.ctx, student.maya, {});
    if (!first.ok) throw new Error(first.messages.join());
    expect(first.page.entries).toHaveLength(25);
    const past = await getStudentHistory(coordinator.ctx, student.maya, { page: String(first.page.pageCount + 1) });
    expect(past).toMatchObject({ ok: true, page: { pastEnd: true, entries: [], pageCount: first.page.pageCount } });
  });

  it.each([
    [{ kind: "diagnosis" }, /^Unknown kind of history: "diagnosis"/],
    [{ from: "2026-02-30" }, /^"From" must be a real date/],
    [{ from: "2026-11-02", to: "2026-10-01" }, /^"From" \(2026-11-02\) is after "To" \(2026-10-01\)/],
    [{ page: "-1" }, /^The page must be a whole number/],
    [{ sort: "oldest" }, /^Unknown history filter: "sort"/],
  ])("refuses %o with a clear message and shows nothing", async (params, message) => {
    const history = await getStudentHistory(coordinator.ctx, student.maya, params);
    expect(history.ok).toBe(false);
    if (history.ok) return;
    expect(history.messages).toEqual([expect.stringMatching(message)]);
  });

  it("is 404 for a student out of the user's reach, with a denied audit event", async () => {
    await expect(getStudentHistory(assistant.ctx, student.other, {})).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: assistant.userId, action: "denied", studentId: student.other } }));
    expect(denied).toHaveLength(1);
  });

  it("writes a view audit event naming the page", async () => {
    await getStudentHistory(specialist.ctx, student.maya, {});
    const views = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: specialist.userId, action: "view", studentId: student.maya } }));
    expect(views.some((v) => (v.detail as { page?: string } | null)?.page === "history")).toBe(true);
  });
});

describe("the record's latest history and the history page (decision 050)", () => {
  it("are the same entries for each role: the record's feed, built from the tiers, plans and caseload it read, is the page's", async () => {
    // Leo: a tier decision, a plan written by the coordinator, and a caseload assignment that ended (who ended it is in the feed).
    await asOwner(async (tx) => {
      await tx.studentTier.create({ data: { districtId, studentId: student.other, area: "MATH", tier: "TIER_2", effectiveDate: day(daysAgo(30)), reason: "Below benchmark", decidedByUserId: coordinator.userId } });
      await makePlan(tx, { districtId, schoolId, createdByUserId: coordinator.userId, studentIds: [student.other], customIntervention: "Math facts", area: "MATH", startDate: day(daysAgo(20)), reviewDate: day(daysAgo(-20)) });
      await makeCaseloadAssignment(tx, {
        districtId,
        studentId: student.other,
        membershipId: assistant.membershipId,
        role: "INTERVENTIONIST",
        assignedByUserId: coordinator.userId,
        startedAt: day(daysAgo(40)),
        endedAt: day(daysAgo(5)),
        endedByUserId: specialist.userId,
      });
    });
    // The assistant reaches Maya only (the plan they deliver).
    const views = [coordinator, specialist].flatMap((who) => [student.maya, student.other].map((id) => ({ who, id }))).concat([{ who: assistant, id: student.maya }]);
    for (const { who, id } of views) {
      {
        const profile = await getStudentProfile(who.ctx, id);
        const history = await getStudentHistory(who.ctx, id, {});
        if (!history.ok) throw new Error(history.messages.join());
        expect(profile.recentHistory!.total).toBe(history.page.total);
        expect(profile.recentHistory!.entries).toEqual(history.page.entries.slice(0, profile.recentHistory!.entries.length));
      }
    }
    const leo = await getStudentHistory(coordinator.ctx, student.other, {});
    if (!leo.ok) throw new Error(leo.messages.join());
    expect(textOf(leo.page.entries)).toContain("Ari Lund leaves the case");
    expect(leo.page.entries.find((e) => e.title.startsWith("Ari Lund leaves the case"))!.who).toEqual(["Sam Patel"]);
    const fromRecord = await getStudentProfile(coordinator.ctx, student.other);
    expect(textOf(fromRecord.recentHistory!.entries)).toMatch(/Math: Tier 2[\s\S]*Below benchmark/);
  });
});

describe("the case at a glance", () => {
  it("gives each goal the recommendation its goal page gives, with a sparkline and its text", async () => {
    const profile = await getStudentProfile(specialist.ctx, student.maya);
    const goals = profile.glance.find((g) => g.planId === plan.delivered)!.goals;
    expect(goals).toHaveLength(1);
    const graph = await getGoalGraph(specialist.ctx, goalId);
    expect(goals[0]!.recommendation).toEqual({ kind: graph.recommendation.kind, title: graph.recommendation.title, reason: graph.recommendation.reason });
    // The trend is flat under the aimline, but the sessions logged no fidelity: the dosage gate speaks first, on both pages.
    expect(goals[0]!.recommendation).toMatchObject({ kind: "insufficient", title: "Not enough delivery to judge yet" });
    expect(goals[0]!.sparkline.text).toMatch(/^ORF: 8 probes since .*aimline to 70 by/);
    expect(goals[0]!.sparkline.points.split(" ")).toHaveLength(8);
    expect(profile.glance.some((g) => g.planId === plan.other)).toBe(false);
  });

  it("gives an assistant the glance and the latest history without IEP/504 details", async () => {
    const profile = await getStudentProfile(assistant.ctx, student.maya);
    expect(profile.sensitive).toBeNull();
    expect(profile.glance).toHaveLength(1);
    expect(textOf(profile.recentHistory!.entries)).not.toMatch(/\bIEP\b|\b504\b|disabilit|Learning/i);
    expect(profile.recentHistory!.entries.length).toBeGreaterThan(0);
  });
});
