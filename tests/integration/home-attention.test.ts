// Issue 13: the coordinator's and administrator's homes flag students the
// process has lost track of (Tier 2 or 3 in an area with no active plan in
// it; on an active plan with nobody on their caseload), not only overdue
// probes, and the student list filters by the same flags.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getHome } from "@/server/dashboards/queries";
import { studentIdsFlaggedIn } from "@/server/dashboards/attention";
import { withTenant } from "@/server/db/tenant";
import { searchStudents } from "@/server/students/actions";
import { makeCaseloadAssignment, makeDistrict, makePlan, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
const school = { north: "", south: "" };
const id: Record<string, string> = {};
let admin: Person;
let coordinator: Person; // North only
let specialist: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
  });
  admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" }));
  coordinator = await asOwner((tx) => makePerson(tx, { districtId, role: "COORDINATOR", name: "Cora Coordinator", schoolIds: [school.north] }));
  specialist = await asOwner((tx) => makePerson(tx, { districtId, role: "SPECIALIST", name: "Sam Patel", schoolIds: [school.north] }));
  const gone = await asOwner((tx) => makePerson(tx, { districtId, role: "SPECIALIST", name: "Gil Gone", schoolIds: [school.north], deactivated: true }));
  await asOwner(async (tx) => {
    const student = async (key: string, schoolId = school.north) => {
      id[key] = (await makeStudent(tx, { districtId, schoolId, legalFirstName: key, legalLastName: "Student" })).id;
      return id[key]!;
    };
    const tier = (studentId: string, area: "READING" | "MATH", t: "TIER_1" | "TIER_2" | "TIER_3", effective = "2026-09-15") =>
      tx.studentTier.create({ data: { districtId, studentId, area, tier: t, effectiveDate: day(effective), reason: "Screening", decidedByUserId: admin.userId } });
    const plan = (studentId: string, o: { area?: "READING" | "MATH"; status?: "ACTIVE" | "DRAFT" | "COMPLETED"; schoolId?: string } = {}) =>
      makePlan(tx, { districtId, schoolId: o.schoolId ?? school.north, createdByUserId: specialist.userId, studentIds: [studentId], area: o.area ?? "READING", status: o.status ?? "ACTIVE" });
    const member = (studentId: string, who = specialist) => makeCaseloadAssignment(tx, { districtId, studentId, membershipId: who.membershipId });

    // Ava: Tier 3 reading, no plan at all: flagged (reading).
    await tier(await student("Ava"), "READING", "TIER_3");
    // Bo: Tier 2 reading with an active reading plan and a caseload member: not flagged.
    const bo = await student("Bo");
    await tier(bo, "READING", "TIER_2");
    await plan(bo);
    await member(bo);
    // Cy: Tier 3 math on an active reading plan only (with a member): flagged (math).
    const cy = await student("Cy");
    await tier(cy, "MATH", "TIER_3");
    await plan(cy);
    await member(cy);
    // Di: Tier 2 reading with only a draft plan: flagged; no active plan, so not the second flag.
    const di = await student("Di");
    await tier(di, "READING", "TIER_2");
    await plan(di, { status: "DRAFT" });
    // Eli: was Tier 3, moved back to Tier 1 on 1 November: not flagged.
    const eli = await student("Eli");
    await tier(eli, "READING", "TIER_3");
    await tier(eli, "READING", "TIER_1", "2026-11-01");
    // Fay: on an active plan with nobody on her case: the second flag.
    await plan(await student("Fay"));
    // Gus: on an active plan whose only caseload member is deactivated: the second flag.
    const gus = await student("Gus");
    await plan(gus);
    await member(gus, gone);
    // Hal: South, Tier 3 reading with no plan: the administrator's flag, not North's coordinator's.
    await tier(await student("Hal", school.south), "READING", "TIER_3");
    // Ida: Tier 3 reading with no plan but archived: not flagged.
    const ida = await student("Ida");
    await tier(ida, "READING", "TIER_3");
    await tx.student.update({ where: { id: ida }, data: { archivedAt: new Date() } });
    // Jo: Tier 3 decided for next month (not in effect yet): not flagged.
    await tier(await student("Jo"), "READING", "TIER_3", "2099-01-04");
  });
});

const firstNames = (rows: { fullName: string }[]) => rows.map((r) => r.fullName.replace(" Student", ""));

describe("a coordinator's home", () => {
  it("flags Tier 2/3 students with no active plan in the area, with the areas, and students on plans with no caseload member", async () => {
    const home = await getHome(coordinator.ctx);
    expect(home.kind).toBe("schools");
    if (home.kind !== "schools") return;
    expect(home.attention.noPlan.total).toBe(3);
    expect(home.attention.noPlan.rows.map((r) => [r.fullName.replace(" Student", ""), r.areas])).toEqual([
      ["Ava", [{ area: "READING", tier: "TIER_3" }]],
      ["Cy", [{ area: "MATH", tier: "TIER_3" }]],
      ["Di", [{ area: "READING", tier: "TIER_2" }]],
    ]);
    expect(home.attention.noMember.total).toBe(2);
    expect(firstNames(home.attention.noMember.rows)).toEqual(["Fay", "Gus"]);
  });
});

describe("an administrator's home", () => {
  it("flags the whole district's students", async () => {
    const home = await getHome(admin.ctx);
    expect(home.kind).toBe("district");
    if (home.kind !== "district") return;
    expect(firstNames(home.attention.noPlan.rows)).toEqual(["Ava", "Cy", "Di", "Hal"]);
    expect(home.attention.noMember.total).toBe(2);
  });
});

describe("the flags as a filter", () => {
  it("gives the ids of a school's flagged students", async () => {
    const noPlan = await withTenant(districtId, (tx) => studentIdsFlaggedIn(tx, districtId, [school.north], "noPlan"));
    expect(new Set(noPlan)).toEqual(new Set([id.Ava, id.Cy, id.Di]));
    const noMember = await withTenant(districtId, (tx) => studentIdsFlaggedIn(tx, districtId, null, "noMember"));
    expect(new Set(noMember)).toEqual(new Set([id.Fay, id.Gus]));
  });
});

describe("the student list's \"needs attention\" filter (where the homes' \"See all\" links go)", () => {
  const search = (fields: Record<string, string>) => searchStudents({ values: {}, result: null }, formOf({ intent: "search", ...fields }));
  const names = async (fields: Record<string, string>) => (await search(fields)).result!.rows.map((r) => r.legalFirstName);

  it("lists the same students as the home, within the user's reach", async () => {
    signInAs(coordinator.ctx);
    expect(await names({ flag: "noPlan" })).toEqual(["Ava", "Cy", "Di"]);
    expect(await names({ flag: "noMember" })).toEqual(["Fay", "Gus"]);
    signInAs(admin.ctx);
    expect(await names({ flag: "noPlan" })).toEqual(["Ava", "Cy", "Di", "Hal"]);
    expect(await names({ flag: "noPlan", school: school.south })).toEqual(["Hal"]);
  });

  it("refuses a flag that does not exist beside the field", async () => {
    signInAs(admin.ctx);
    expect(await search({ flag: "everyone" })).toMatchObject({ error: { code: "INVALID_INPUT", fieldErrors: { flag: ["Choose from the list."] } } });
  });
});
