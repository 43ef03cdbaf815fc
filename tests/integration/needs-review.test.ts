// "Needs review" lists (issue 6): a specialist's caseload goals and a
// coordinator's school goals where a decision rule calls for a change or a
// probe is overdue (weekly at Tier 3, every two weeks otherwise), on active
// plans only, paginated.
//
// "Today" is pinned to Tuesday 1 December 2026 (only Date is faked).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { getHome } from "@/server/dashboards/queries";
import { getNeedsReview, HOME_REVIEW_LIST, needsReviewIn } from "@/server/progress/review";
import { makeCaseloadAssignment, makeDistrict, makeGoal, makePlan, makeProbe, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));

let districtId: string;
const school = { north: "", south: "" };
const goal: Record<string, string> = {};
let specialist: Person; // North; Ava, Bo, Cy, Di on the caseload; delivers Eli's plan
let coordinator: Person; // North
let southCoordinator: Person;
let assistant: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const weeksAfter = (iso: string, weeks: number) => new Date(day(iso).getTime() + weeks * 7 * 86_400_000);
const person = (name: string, role: Ctx["role"], schoolIds: string[]) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T15:00:00Z") });
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    await ensureDefaultMeasures(tx, districtId);
  });
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  await asOwner(async (tx) => {
    const orf = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } })).id;
    // One student with one plan and one ORF goal: baseline 41 on 18 September,
    // 72 by 12 March 2027 (1.24 a week), scores on Fridays after the baseline.
    const add = async (
      key: string,
      o: { schoolId?: string; caseload?: boolean; deliveredBySam?: boolean; status?: "DRAFT" | "ACTIVE"; scores?: number[]; tier?: "TIER_2" | "TIER_3"; archived?: boolean } = {},
    ) => {
      const schoolId = o.schoolId ?? school.north;
      const s = await makeStudent(tx, { districtId, schoolId, legalFirstName: key, legalLastName: `Student` });
      if (o.caseload) await makeCaseloadAssignment(tx, { districtId, studentId: s.id, membershipId: specialist.membershipId });
      const plan = await makePlan(tx, {
        districtId,
        schoolId,
        createdByUserId: specialist.userId,
        studentIds: [s.id],
        status: o.status ?? "ACTIVE",
        startDate: day("2026-09-21"),
        interventionistMembershipIds: o.deliveredBySam ? [specialist.membershipId] : [assistant.membershipId],
      });
      const g = await makeGoal(tx, { districtId, planId: plan.id, studentId: s.id, measureId: orf, createdByUserId: specialist.userId, baselineValue: 41, baselineDate: day("2026-09-18"), archivedAt: o.archived ? new Date() : null });
      goal[key] = g.id;
      for (const [i, score] of (o.scores ?? []).entries()) {
        await makeProbe(tx, { districtId, studentId: s.id, measureId: orf, goalId: g.id, givenByUserId: assistant.userId, date: weeksAfter("2026-09-18", i + 1), score });
      }
      if (o.tier) await tx.studentTier.create({ data: { districtId, studentId: s.id, area: "READING", tier: o.tier, effectiveDate: day("2026-09-15"), reason: "Fall screening", decidedByUserId: coordinator.userId } });
      return g;
    };
    // Ava, Tier 3: one probe on 20 November (11 days ago, more than a week), too few points for a rule;
    // an invalid probe yesterday does not count as monitoring.
    const ava = await add("Ava", { caseload: true, tier: "TIER_3" });
    const probe = { districtId, studentId: ava.studentId, measureId: orf, goalId: ava.id, givenByUserId: assistant.userId };
    await makeProbe(tx, { ...probe, date: day("2026-11-20"), score: 50 });
    await makeProbe(tx, { ...probe, date: day("2026-11-30"), score: 55, invalidatedAt: new Date(), invalidReason: "Wrong passage" });
    // Bo, no tier decision: 10 weekly points to 27 November, flat at 42-43 while the aimline rises: the trend rule says change.
    await add("Bo", { caseload: true, scores: [42, 42, 43, 42, 43, 42, 43, 42, 43, 42] });
    // Cy: ahead of the aimline and projected beyond the target (continue), probed 4 days ago: not listed.
    await add("Cy", { caseload: true, scores: [46, 47, 49, 50, 51, 52, 53, 55, 56, 57] });
    // Di: a draft plan, no probes: not listed (nothing is delivered before approval).
    await add("Di", { caseload: true, status: "DRAFT" });
    // Eli: not on the caseload but Sam delivers the plan; no probe since the plan began on 21 September.
    await add("Eli", { deliveredBySam: true });
    // Fay: North, nobody Sam reaches, no probe: the coordinator's list only.
    await add("Fay");
    // Gus: South, no probe: the South coordinator's list only.
    await add("Gus", { schoolId: school.south });
    // Hal: the last 4 points at or beyond 72: goal met; probes current.
    await add("Hal", { caseload: true, scores: [45, 50, 55, 60, 65, 70, 72, 74, 75, 76] });
    // Ida: an archived goal, no probes: not listed.
    await add("Ida", { caseload: true, archived: true });
  });
});

afterAll(() => {
  vi.useRealTimers();
});

const list = (who: Person, opts: Parameters<typeof needsReviewIn>[2] = {}) => withTenant(districtId, (tx) => needsReviewIn(tx, who.ctx, opts));
const names = (rows: { studentName: string }[]) => rows.map((r) => r.studentName.replace(" Student", ""));

describe("a specialist's list: their caseload and the plans they deliver", () => {
  it("lists the goals a rule calls for a change on and those with a probe overdue, by name", async () => {
    const l = await list(specialist);
    expect(l).toMatchObject({ kind: "caseload", total: 4, byRule: 2, overdue: 2, page: 1, pageCount: 1 });
    expect(names(l.rows)).toEqual(["Ava", "Bo", "Eli", "Hal"]);
  });

  it("says why: the overdue interval by tier, the rule's finding", async () => {
    const rows = new Map((await list(specialist)).rows.map((r) => [r.studentName.replace(" Student", ""), r]));
    expect(rows.get("Ava")!.rule).toBeUndefined();
    expect(rows.get("Ava")).toMatchObject({ tier: "TIER_3", overdue: { overdue: true, intervalDays: 7, daysSince: 11, countedFrom: "2026-11-20", fromProbe: true } });
    expect(rows.get("Ava")!.overdue!.message).toBe("The last probe was 11 days ago (20 November); at Tier 3 probes are due weekly.");
    expect(rows.get("Bo")!.overdue).toBeUndefined();
    expect(rows.get("Bo")).toMatchObject({ tier: null, rule: { outcome: "change", title: "Change instruction" } });
    expect(rows.get("Bo")!.rule!.finding).toMatch(/^The trend \(.*least squares over 10 points since the baseline\) is .*short of the target 72$/);
    expect(rows.get("Eli")!.rule).toBeUndefined();
    expect(rows.get("Eli")).toMatchObject({ tier: null, overdue: { intervalDays: 14, daysSince: 71, countedFrom: "2026-09-21", fromProbe: false } });
    expect(rows.get("Eli")!.overdue!.message).toBe("No probe since monitoring began 71 days ago (21 September); with no Tier 2 or 3 decision in force in this area, probes are due every two weeks (as at Tier 2).");
    expect(rows.get("Hal")!.rule).toEqual({ outcome: "fade-or-exit", title: "Goal met: consider fading or exit", finding: "The 4 most recent points are at or beyond the target 72" });
  });

  it("pages the list, and shows the last page for a page past the end", async () => {
    const p2 = await list(specialist, { pageSize: 3, page: 2 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(names(p2.rows)).toEqual(["Hal"]);
    expect(names((await list(specialist, { pageSize: 3, page: 9 })).rows)).toEqual(["Hal"]);
    expect(names((await list(specialist, { pageSize: 3 })).rows)).toEqual(["Ava", "Bo", "Eli"]);
  });
});

describe("a coordinator's list: every goal of their schools", () => {
  it("lists their school's goals whoever reaches the student, and no other school's", async () => {
    const north = await getNeedsReview(coordinator.ctx, {});
    expect(north.list).toMatchObject({ kind: "schools", total: 5, byRule: 2, overdue: 3 });
    expect(names(north.list.rows)).toEqual(["Ava", "Bo", "Eli", "Fay", "Hal"]);
    const south = await getNeedsReview(southCoordinator.ctx, {});
    expect(names(south.list.rows)).toEqual(["Gus"]);
  });

  it("reads the page from the address", async () => {
    const p = await getNeedsReview(coordinator.ctx, { page: "1" });
    expect(p.list.page).toBe(1);
    expect((await getNeedsReview(coordinator.ctx, { page: "nonsense" })).list.page).toBe(1);
  });

  it("ignores a school outside the coordinator's reach", async () => {
    const p = await getNeedsReview(coordinator.ctx, { school: school.south });
    expect(names(p.list.rows)).toEqual(["Ava", "Bo", "Eli", "Fay", "Hal"]);
  });
});

describe("someone with several schools (issue 13)", () => {
  it("sees every one of their schools by default, and one school when they choose it", async () => {
    const both = await person("Bea Both", "COORDINATOR", [school.north, school.south]);
    const all = await getNeedsReview(both.ctx, {});
    expect(names(all.list.rows)).toEqual(["Ava", "Bo", "Eli", "Fay", "Gus", "Hal"]);
    expect(all.schools.map((s) => s.name)).toEqual(["North Elementary", "South Elementary"]);
    expect(all.school).toBe("");
    const south = await getNeedsReview(both.ctx, { school: school.south });
    expect(names(south.list.rows)).toEqual(["Gus"]);
    expect(south.school).toBe(school.south);
  });

  it("gives an administrator, who reaches every school, all of them, not the first school's list", async () => {
    const admin = await person("Ada Admin", "ADMIN", []);
    const all = await getNeedsReview(admin.ctx, {});
    expect(all.list).toMatchObject({ kind: "schools", total: 6 });
    expect(all.school).toBe("");
    expect(names((await getNeedsReview(admin.ctx, { school: school.north })).list.rows)).toEqual(["Ava", "Bo", "Eli", "Fay", "Hal"]);
  });
});

describe("on the role homes", () => {
  it("shows a specialist and a coordinator the first goals of their list, with the total", async () => {
    const mine = await getHome(specialist.ctx);
    expect(mine.kind === "caseload" && mine.needsReview).toMatchObject({ kind: "caseload", total: 4 });
    const school = await getHome(coordinator.ctx);
    expect(school.kind === "schools" && school.needsReview).toMatchObject({ kind: "schools", total: 5, pageCount: 1 });
    if (school.kind === "schools") expect(school.needsReview!.rows).toHaveLength(HOME_REVIEW_LIST);
  });

  it("shows an assistant no list", async () => {
    const home = await getHome(assistant.ctx);
    expect(home).toMatchObject({ kind: "caseload", needsReview: null });
  });
});

describe("who has the page", () => {
  it("answers not found to an assistant, who writes no plans", async () => {
    await expect(getNeedsReview(assistant.ctx, {})).rejects.toMatchObject(NOT_FOUND);
  });
});
