// Tiers: setting a student's tier per area (who may, bad input, history kept),
// what the profile shows of them, and who sees them.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { getCaseloadOverview } from "@/server/caseloads/queries";
import { searchStudents } from "@/server/students/actions";
import { getStudentProfile } from "@/server/students/queries";
import type { StudentListState } from "@/server/students/schemas";
import { setTier } from "@/server/tiers/actions";
import { makeCaseloadAssignment, makeDistrict, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const student = { north: "", north2: "", south: "", other: "", archived: "" };
let admin: Person;
let coordinator: Person; // North only
let specialist: Person; // North only
let assistant: Person; // North only, case of student.north
let otherAdmin: Person;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const fields = (overrides: Record<string, string> = {}) => ({
  unverifiedStudentId: student.north,
  area: "READING",
  tier: "TIER_2",
  effectiveDate: today(),
  reason: "Fall screening: below benchmark",
  ...overrides,
});
const set = (overrides: Record<string, string> = {}) => setTier(null, formOf(fields(overrides)));

const tierRows = (studentId: string) => asOwner((tx) => tx.studentTier.findMany({ where: { studentId }, orderBy: { createdAt: "asc" } }));
const tierCount = () => asOwner((tx) => tx.studentTier.count());
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    student.north = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson" })).id;
    student.north2 = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Leo", legalLastName: "Park" })).id;
    student.south = (await makeStudent(tx, { districtId, schoolId: school.south })).id;
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
    student.archived = (await makeStudent(tx, { districtId, schoolId: school.north, archivedAt: new Date() })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);
  await asOwner((tx) => makeCaseloadAssignment(tx, { districtId, studentId: student.north, membershipId: assistant.membershipId, role: "INTERVENTIONIST" }));
});

beforeEach(() => {
  signInAs(coordinator.ctx);
});

describe("setTier", () => {
  it("lets a coordinator set a tier for a student of their school, recording who decided and an audit event", async () => {
    const state = await set({ unverifiedStudentId: student.north2, area: "MATH", tier: "TIER_3", reason: "Well below benchmark" });
    expect(state).toEqual({ ok: true, message: `Leo Park: Tier 3 in math from ${today()}.` });
    const [row] = await tierRows(student.north2);
    expect(row).toMatchObject({ districtId, area: "MATH", tier: "TIER_3", reason: "Well below benchmark", decidedByUserId: coordinator.userId });
    expect(row!.effectiveDate.toISOString().slice(0, 10)).toBe(today());
    const audit = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "StudentTier", entityId: row!.id } }));
    expect(audit).toEqual([
      expect.objectContaining({ action: "create", actorUserId: coordinator.userId, studentId: student.north2, detail: { area: "MATH", tier: "TIER_3", effectiveDate: today() } }),
    ]);
  });

  it("lets an administrator set a tier at any school of the district", async () => {
    signInAs(admin.ctx);
    expect(await set({ unverifiedStudentId: student.south, area: "BEHAVIOR" })).toMatchObject({ ok: true });
    expect(await tierRows(student.south)).toEqual([expect.objectContaining({ area: "BEHAVIOR", decidedByUserId: admin.userId })]);
  });

  it.each([
    ["another school's student", () => student.south],
    ["another district's student", () => student.other],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", () => "not-a-uuid"],
  ])("answers NOT_FOUND for %s, writes a denied event and saves nothing", async (_label, id) => {
    const before = await tierCount();
    const deniedBefore = (await denied(coordinator.userId)).length;
    expect(await set({ unverifiedStudentId: id() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await tierCount()).toBe(before);
    const events = await denied(coordinator.userId);
    expect(events).toHaveLength(deniedBefore + 1);
    expect(events.at(-1)).toMatchObject({ entityType: "Student", detail: { attempted: "tier.set" } });
  });

  it("refuses another district's administrator", async () => {
    signInAs(otherAdmin.ctx);
    expect(await set()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await denied(otherAdmin.userId)).toEqual([expect.objectContaining({ studentId: null, detail: { attempted: "tier.set" } })]);
  });

  it.each([
    ["specialist", () => specialist],
    ["assistant on the student's case", () => assistant],
  ])("refuses a %s (NOT_FOUND, denied event, nothing saved)", async (_label, who) => {
    signInAs(who().ctx);
    const before = await tierCount();
    expect(await set()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await tierCount()).toBe(before);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ detail: { attempted: "tier.set" } });
  });

  it.each([
    ["a missing area", { area: "" }, "area", "Choose the area."],
    ["an unknown area", { area: "SCIENCE" }, "area", "Choose the area."],
    ["an unknown tier", { tier: "TIER_4" }, "tier", "Choose the tier."],
    ["a future date", { effectiveDate: daysFromToday(1) }, "effectiveDate", "The effective date cannot be in the future; record a tier on or after the day it starts."],
    ["a date before 2000", { effectiveDate: "1999-12-31" }, "effectiveDate", "The effective date cannot be before 1 January 2000. Check the year."],
    ["a date that is not a date", { effectiveDate: "2026-02-30" }, "effectiveDate", "Enter the effective date as a full date (year, month and day)."],
    ["a blank reason", { reason: "   " }, "reason", "Enter the reason for the decision."],
    ["a reason too long", { reason: "x".repeat(501) }, "reason", "Use at most 500 characters."],
  ])("refuses %s with a clear message and saves nothing", async (_label, overrides, field, message) => {
    const before = await tierCount();
    const state = await set(overrides);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(state && !state.ok && state.values).toMatchObject(fields(overrides));
    expect(await tierCount()).toBe(before);
  });

  it("refuses unknown form fields", async () => {
    const state = await setTier(null, formOf({ ...fields(), decidedByUserId: admin.userId }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
  });

  it("refuses an archived student", async () => {
    expect(await set({ unverifiedStudentId: student.archived })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await tierRows(student.archived)).toEqual([]);
  });
});

describe("tier history and the current tier", () => {
  it("keeps every decision; the current tier per area is the latest in effect", async () => {
    const id = student.north;
    expect(await set({ area: "READING", tier: "TIER_2", effectiveDate: "2026-01-10", reason: "Winter screening" })).toMatchObject({ ok: true });
    expect(await set({ area: "READING", tier: "TIER_3", effectiveDate: "2026-03-01", reason: "Not responding" })).toMatchObject({ ok: true });
    // Recorded later but effective earlier: history, not the current tier.
    expect(await set({ area: "READING", tier: "TIER_1", effectiveDate: "2025-09-15", reason: "Fall: at benchmark" })).toMatchObject({ ok: true });
    expect(await set({ area: "MATH", tier: "TIER_2", effectiveDate: "2026-03-01", reason: "Below benchmark" })).toMatchObject({ ok: true });
    // Same day twice: the later record wins.
    expect(await set({ area: "MATH", tier: "TIER_3", effectiveDate: "2026-03-01", reason: "Corrected" })).toMatchObject({ ok: true });
    // A future-dated row (only the database can hold one) is not current yet.
    await asOwner((tx) =>
      tx.studentTier.create({
        data: { districtId, studentId: id, area: "READING", tier: "TIER_1", effectiveDate: new Date(`${daysFromToday(30)}T00:00:00Z`), reason: "Planned exit", decidedByUserId: admin.userId },
      }),
    );
    expect(await tierRows(id)).toHaveLength(6);

    const profile = await getStudentProfile(coordinator.ctx, id);
    expect(profile.tiers!.current.map((t) => [t.area, t.tier, t.effectiveDate, t.decidedByName])).toEqual([
      ["READING", "TIER_3", "2026-03-01", "Cora Coordinator"],
      ["MATH", "TIER_3", "2026-03-01", "Cora Coordinator"],
    ]);
    expect(profile.tiers!.history.map((t) => [t.effectiveDate, t.area, t.tier, t.reason])).toEqual([
      [daysFromToday(30), "READING", "TIER_1", "Planned exit"],
      ["2026-03-01", "MATH", "TIER_3", "Corrected"],
      ["2026-03-01", "MATH", "TIER_2", "Below benchmark"],
      ["2026-03-01", "READING", "TIER_3", "Not responding"],
      ["2026-01-10", "READING", "TIER_2", "Winter screening"],
      ["2025-09-15", "READING", "TIER_1", "Fall: at benchmark"],
    ]);
    expect(profile.may.setTier).toBe(true);
  });

  it("cannot be overwritten or deleted by the application role", async () => {
    const { withTenant } = await import("@/server/db/tenant");
    await expect(withTenant(districtId, (tx) => tx.studentTier.updateMany({ where: { studentId: student.north }, data: { tier: "TIER_1" } }))).rejects.toThrow();
    await expect(withTenant(districtId, (tx) => tx.studentTier.deleteMany({ where: { studentId: student.north } }))).rejects.toThrow();
    expect((await tierRows(student.north)).length).toBeGreaterThan(0);
  });
});

describe("who sees tiers", () => {
  it("shows an assistant the tiers of a caseload student, and no form", async () => {
    const profile = await getStudentProfile(assistant.ctx, student.north);
    expect(profile.tiers!.current.length).toBeGreaterThan(0);
    expect(profile.may.setTier).toBe(false);
  });

  it("gives an assistant 404 for a student not on their caseload", async () => {
    await expect(getStudentProfile(assistant.ctx, student.north2)).rejects.toMatchObject(NOT_FOUND);
  });

  it("shows a specialist the tiers without the form", async () => {
    const profile = await getStudentProfile(specialist.ctx, student.north2);
    expect(profile.tiers!.current).toEqual([expect.objectContaining({ area: "MATH", tier: "TIER_3" })]);
    expect(profile.may.setTier).toBe(false);
  });

  it("shows an empty history for a student without decisions", async () => {
    const profile = await getStudentProfile(coordinator.ctx, student.archived);
    expect(profile.tiers).toEqual({ current: [], history: [] });
  });
});

describe("the student list's tier filter", () => {
  const search = (fields: Record<string, string>) => searchStudents({ values: {}, result: null }, formOf({ intent: "search", ...fields }));
  const ids = (state: StudentListState) => (state.result?.rows.map((r) => r.id) ?? []).sort();

  it("finds the students whose current tier in the area is the one asked for", async () => {
    // North: Maya is Tier 3 in reading and math now; Leo Tier 3 in math.
    expect(ids(await search({ tierArea: "MATH", tier: "TIER_3" }))).toEqual([student.north, student.north2].sort());
    expect(ids(await search({ tierArea: "READING", tier: "TIER_3" }))).toEqual([student.north]);
    // Maya was Tier 2 in reading once: history, not the current tier.
    expect(ids(await search({ tierArea: "READING", tier: "TIER_2" }))).toEqual([]);
    // No decision in an area is Tier 1.
    expect(ids(await search({ tierArea: "READING", tier: "TIER_1" }))).toEqual([student.north2]);
  });

  it("stays within the user's reach", async () => {
    signInAs(admin.ctx);
    expect(ids(await search({ tierArea: "BEHAVIOR", tier: "TIER_2" }))).toEqual([student.south]);
    signInAs(coordinator.ctx);
    expect(ids(await search({ tierArea: "BEHAVIOR", tier: "TIER_2" }))).toEqual([]);
  });

  it("filters by a tier in any area without choosing an area (issue 13)", async () => {
    // Maya: Tier 3 in reading and math; Leo: Tier 3 in math; Maya's old Tier 2 in reading is history.
    expect(ids(await search({ tier: "TIER_3" }))).toEqual([student.north, student.north2].sort());
    expect(ids(await search({ tier: "TIER_2" }))).toEqual([]);
    signInAs(admin.ctx);
    expect(ids(await search({ tier: "TIER_2" }))).toEqual([student.south]);
    // Tier 1 without an area: Tier 1 in every area, so none of the above.
    const tier1 = ids(await search({ tier: "TIER_1" }));
    expect(tier1).not.toContain(student.north);
    expect(tier1).not.toContain(student.north2);
    expect(tier1).not.toContain(student.south);
  });

  it("shows each row's current tier per area, areas in order, history left out", async () => {
    const state = await search({ tier: "TIER_3" });
    const byId = new Map(state.result!.rows.map((r) => [r.id, r.tiers]));
    expect(byId.get(student.north)).toEqual([
      { area: "READING", tier: "TIER_3" },
      { area: "MATH", tier: "TIER_3" },
    ]);
    expect(byId.get(student.north2)).toEqual([{ area: "MATH", tier: "TIER_3" }]);
  });

  it("needs a tier with an area", async () => {
    expect(await search({ tierArea: "MATH" })).toMatchObject({ error: { code: "INVALID_INPUT", fieldErrors: { tier: ["Choose the tier to filter by in this area."] } } });
  });
});

describe("the caseload page's tier filter", () => {
  const unassigned = async (params: Record<string, string>) => (await getCaseloadOverview(coordinator.ctx, params)).unassigned.rows.map((r) => r.id).sort();

  it("narrows the students with no caseload member to a current tier in an area", async () => {
    // Maya (Tier 3 in math) has an assistant on her case; Leo (Tier 3 in math) has nobody.
    expect(await unassigned({})).toEqual([student.north2]);
    expect(await unassigned({ tierArea: "MATH", tier: "TIER_3" })).toEqual([student.north2]);
    expect(await unassigned({ tierArea: "MATH", tier: "TIER_1" })).toEqual([]);
    expect(await unassigned({ tierArea: "READING", tier: "TIER_1" })).toEqual([student.north2]);
    expect(await unassigned({ tierArea: "READING", tier: "TIER_2" })).toEqual([]);
  });

  it("ignores half a filter or unknown values", async () => {
    const overview = await getCaseloadOverview(coordinator.ctx, { tierArea: "MATH", tier: "TIER_9" });
    expect(overview.tier).toBeNull();
    expect(overview.unassigned.rows.map((r) => r.id)).toEqual([student.north2]);
    expect((await getCaseloadOverview(coordinator.ctx, { tier: "TIER_2" })).tier).toBeNull();
  });
});
