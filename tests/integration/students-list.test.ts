// The student list: the page's first load (getStudentListPage) and the list
// form's action (searchStudents) as a browser calls it, with the session
// replaced by a chosen Ctx. Search, filters, sort, pages, who sees whom, and
// bulk assignment from the list.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";
import { searchStudents } from "@/server/students/actions";
import { getStudentListPage } from "@/server/students/queries";
import { studentListHref, studentListQueryOf, type StudentListState } from "@/server/students/schemas";
import { makeCaseloadAssignment, makeDistrict, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
const school = { north: "", south: "", other: "" };
let admin: Person;
let coordinator: Person; // North only
let specialist: Person; // North only
let assistant: Person; // North only
let otherAdmin: Person;
const named: Record<string, string> = {};
/** Students generated for paging, all at South in grade 9. */
const BULK = 120;

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

const initial: StudentListState = { values: {}, result: null };
const search = (fields: Record<string, string | string[] | undefined> = {}) => searchStudents(initial, formOf({ intent: "search", ...fields }));
const ids = (state: StudentListState) => state.result?.rows.map((r) => r.id) ?? [];
const lastNames = (state: StudentListState) => state.result?.rows.map((r) => r.legalLastName) ?? [];
const deniedCount = (userId: string) => asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: userId, action: "denied" } }));

beforeAll(async () => {
  let otherDistrictId = "";
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South High", level: "HIGH" })).id;
    school.other = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], otherDistrictId);

  await asOwner(async (tx) => {
    const add = async (key: string, data: Partial<Prisma.StudentUncheckedCreateInput> & { schoolId: string }) => {
      named[key] = (await makeStudent(tx, { districtId, ...data })).id;
    };
    await add("maya", { schoolId: school.north, legalFirstName: "Maya", legalLastName: "Johnson", localId: "N-1001", grade: "G3", englishLearner: true, hasIep: true });
    await add("leo", { schoolId: school.north, legalFirstName: "Leonie", legalLastName: "Marchetti", preferredName: "Leo", localId: "N-1002", grade: "KG", has504: true });
    await add("ava", { schoolId: school.north, legalFirstName: "Ava", legalLastName: "Johnston", localId: "N-1003", grade: "PK", hasIep: true, has504: true });
    await add("old", { schoolId: school.north, legalFirstName: "Olive", legalLastName: "Archer", localId: "N-1004", grade: "G5", archivedAt: new Date() });
    await add("under", { schoolId: school.north, legalFirstName: "Una", legalLastName: "O_Brien", localId: "N-1005", grade: "G1" });
    await add("underx", { schoolId: school.north, legalFirstName: "Uri", legalLastName: "OxBrien", localId: "N-1006", grade: "G1" });
    await add("noah", { schoolId: school.south, legalFirstName: "Noah", legalLastName: "Bennett", localId: "S-2001", grade: "G10", englishLearner: true });
    named.elsewhere = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: school.other, legalFirstName: "Maya", legalLastName: "Johnson", localId: "N-1001" })).id;
    await tx.student.createMany({
      data: Array.from({ length: BULK }, (_, i) => ({
        districtId,
        schoolId: school.south,
        localId: `B-${String(i).padStart(4, "0")}`,
        legalFirstName: `Bulk${i}`,
        legalLastName: `Zed${String(i).padStart(4, "0")}`,
        dateOfBirth: new Date("2010-01-01"),
        grade: "G9" as const,
      })),
    });
    await makeCaseloadAssignment(tx, { districtId, studentId: named.maya!, membershipId: specialist.membershipId, role: "CASE_MANAGER" });
    await makeCaseloadAssignment(tx, { districtId, studentId: named.maya!, membershipId: assistant.membershipId, role: "INTERVENTIONIST" });
    // An ended assignment does not make someone a current caseload member.
    await makeCaseloadAssignment(tx, { districtId, studentId: named.ava!, membershipId: assistant.membershipId, role: "INTERVENTIONIST", endedAt: new Date() });
  });
});

beforeEach(() => {
  signInAs(admin.ctx);
});

const ACTIVE_NORTH = 5; // maya, leo, ava, under, underx
const ACTIVE_DISTRICT = ACTIVE_NORTH + 1 + BULK;

describe("who sees whom", () => {
  it("an administrator lists the whole district, not another district's students", async () => {
    const state = await search();
    expect(state.error).toBeUndefined();
    expect(state.result!.total).toBe(ACTIVE_DISTRICT);
    const q = await search({ q: "johnson" });
    expect(ids(q)).toEqual([named.maya]);
  });

  it("a coordinator lists their own schools only; filtering by another school finds nothing", async () => {
    signInAs(coordinator.ctx);
    const state = await search();
    expect(state.result!.total).toBe(ACTIVE_NORTH);
    expect(new Set(state.result!.rows.map((r) => r.schoolName))).toEqual(new Set(["North Elementary"]));
    expect((await search({ q: "bennett" })).result!.total).toBe(0);
    expect((await search({ school: school.south })).result!.total).toBe(0);
  });

  it("a specialist lists their own schools with the plan flags", async () => {
    signInAs(specialist.ctx);
    const state = await search({ q: "maya" });
    expect(state.result!.rows).toEqual([expect.objectContaining({ id: named.maya, hasIep: true, has504: false, englishLearner: true })]);
    expect((await search({ q: "noah" })).result!.total).toBe(0);
  });

  it("a coordinator or specialist with no schools listed sees every school", async () => {
    signInAs((await person("Cal Everywhere", "COORDINATOR")).ctx);
    expect((await search()).result!.total).toBe(ACTIVE_DISTRICT);
  });

  it("an assistant has no student list: the page is not found and the action answers NOT_FOUND, both audited as denied", async () => {
    const before = await deniedCount(assistant.ctx.userId);
    await expect(getStudentListPage(assistant.ctx)).rejects.toMatchObject(NOT_FOUND);
    signInAs(assistant.ctx);
    const state = await search({ q: "maya" });
    expect(state.result).toBeNull();
    expect(state.error?.code).toBe("NOT_FOUND");
    expect(await deniedCount(assistant.ctx.userId)).toBe(before + 2);
  });

  it("another district's administrator sees only their own district", async () => {
    signInAs(otherAdmin.ctx);
    const state = await search({ q: "johnson" });
    expect(ids(state)).toEqual([named.elsewhere]);
  });
});

describe("the first page (getStudentListPage)", () => {
  it("renders the first page by name with the filter and assignment choices of a coordinator", async () => {
    const page = await getStudentListPage(coordinator.ctx);
    expect(page.initial?.total).toBe(ACTIVE_NORTH);
    expect(page.initial?.page).toBe(1);
    expect(page.initial?.rows.map((r) => r.legalLastName)).toEqual(["Johnson", "Johnston", "Marchetti", "O_Brien", "OxBrien"]);
    expect(page.schools).toEqual([{ id: school.north, name: "North Elementary" }]);
    expect(page.mayAssign).toBe(true);
    expect(page.showPlanFlags).toBe(true);
    expect(page.staff.map((s) => s.name)).toEqual(expect.arrayContaining(["Sam Patel", "Ari Lund"]));
    expect(page.staff.map((s) => s.name)).not.toContain("Ada Admin");
  });

  it("leaves the first page out when asked (a search posted without JavaScript shows the action's result)", async () => {
    const page = await getStudentListPage(coordinator.ctx, { firstPage: false });
    expect(page.initial).toBeNull();
    expect(page.schools).toEqual([{ id: school.north, name: "North Elementary" }]);
  });

  it("gives a specialist no bulk assignment", async () => {
    const page = await getStudentListPage(specialist.ctx);
    expect(page.mayAssign).toBe(false);
  });

  it("shows each row's current caseload members, not ended ones", async () => {
    const page = await getStudentListPage(admin.ctx);
    const byId = new Map(page.initial!.rows.map((r) => [r.id, r]));
    expect(byId.get(named.maya!)!.members).toEqual([
      { name: "Sam Patel", role: "CASE_MANAGER" },
      { name: "Ari Lund", role: "INTERVENTIONIST" },
    ]);
    expect(byId.get(named.ava!)!.members).toEqual([]);
  });
});

describe("search", () => {
  it.each([
    ["a last name, in any case", "MARCHETTI", ["leo"]],
    ["a first name", "leonie", ["leo"]],
    ["a preferred name", "Leo", ["leo"]],
    ["part of a name", "johns", ["maya", "ava"]],
    ["a local id", "n-1003", ["ava"]],
    ["first and last name together", "maya johnson", ["maya"]],
    ["words in any order", "johnson maya", ["maya"]],
    ["words that do not belong to one student", "maya marchetti", []],
  ])("finds students by %s", async (_label, q, keys) => {
    expect(ids(await search({ q }))).toEqual(keys.map((k) => named[k]));
  });

  it("treats % and _ as the characters, not wildcards", async () => {
    expect(ids(await search({ q: "o_b" }))).toEqual([named.under]);
    expect((await search({ q: "%" })).result!.total).toBe(0);
  });

  it("keeps what was typed and resets to the first page on a new search", async () => {
    const state = await search({ q: "  zed  ", page: "2" });
    expect(state.values.q).toBe("  zed  ");
    expect(state.result!.page).toBe(1);
    expect(state.values.page).toBe("1");
  });

  it("refuses a search longer than 100 characters beside the field", async () => {
    const state = await search({ q: "x".repeat(101) });
    expect(state.result).toBeNull();
    expect(state.error?.fieldErrors?.q).toEqual(["Use at most 100 characters."]);
  });

  it("refuses unknown fields", async () => {
    const state = await search({ q: "maya", orderBy: "dateOfBirth" });
    expect(state.result).toBeNull();
    expect(state.error?.code).toBe("INVALID_INPUT");
  });
});

describe("filters", () => {
  it("by school and grade", async () => {
    expect((await search({ school: school.south })).result!.total).toBe(BULK + 1);
    expect(ids(await search({ grade: "KG" }))).toEqual([named.leo]);
    expect(ids(await search({ school: school.south, grade: "G10" }))).toEqual([named.noah]);
  });

  it("by English learner", async () => {
    expect(ids(await search({ englishLearner: "yes" }))).toEqual([named.noah, named.maya]);
    expect((await search({ englishLearner: "no" })).result!.total).toBe(ACTIVE_DISTRICT - 2);
  });

  it.each([
    ["iep", ["maya", "ava"]],
    ["504", ["ava", "leo"]],
    ["either", ["maya", "ava", "leo"]],
  ])("by plan flag %s", async (plan, keys) => {
    expect(ids(await search({ plan, school: school.north }))).toEqual(keys.map((k) => named[k]));
  });

  it("by plan flag neither", async () => {
    expect(ids(await search({ plan: "neither", school: school.north }))).toEqual([named.under, named.underx]);
  });

  it("by current caseload member (an ended assignment does not count)", async () => {
    expect(ids(await search({ member: assistant.membershipId }))).toEqual([named.maya]);
    expect(ids(await search({ member: specialist.membershipId }))).toEqual([named.maya]);
  });

  it("hides archived students unless asked to show them", async () => {
    expect(ids(await search({ q: "archer" }))).toEqual([]);
    const shown = await search({ q: "archer", archived: "on" });
    expect(shown.result!.rows).toEqual([expect.objectContaining({ id: named.old, archived: true })]);
  });

  it("refuses a grade that does not exist beside the field", async () => {
    const state = await search({ grade: "G13" });
    expect(state.error?.fieldErrors?.grade).toEqual(["Choose a grade from the list."]);
  });
});

describe("sort", () => {
  it("by name (last, then first) by default", async () => {
    expect(lastNames(await search({ school: school.north }))).toEqual(["Johnson", "Johnston", "Marchetti", "O_Brien", "OxBrien"]);
  });

  it("by grade in school order (pre-K, kindergarten, 1, ...), then name", async () => {
    const state = await search({ school: school.north, sort: "grade" });
    expect(state.result!.rows.map((r) => r.grade)).toEqual(["PK", "KG", "G1", "G1", "G3"]);
    expect(lastNames(state).slice(2, 4)).toEqual(["O_Brien", "OxBrien"]);
  });

  it("by school name, then name", async () => {
    const state = await search({ sort: "school", q: "e" });
    const schools = state.result!.rows.map((r) => r.schoolName);
    expect(schools).toEqual([...schools].sort());
    expect(schools[0]).toBe("North Elementary");
  });

  it("by local id", async () => {
    const state = await search({ school: school.north, sort: "localId" });
    expect(state.result!.rows.map((r) => r.localId)).toEqual(["N-1001", "N-1002", "N-1003", "N-1005", "N-1006"]);
  });
});

describe("pages", () => {
  it("shows 50 a page with the total, and a page button names its page", async () => {
    const first = await search({ q: "zed" });
    expect(first.result).toMatchObject({ total: BULK, page: 1, pageCount: 3 });
    expect(first.result!.rows).toHaveLength(50);
    expect(first.result!.rows[0]!.legalLastName).toBe("Zed0000");

    const second = await searchStudents(first, formOf({ q: "zed", page: "1", goto: "2" }));
    expect(second.result!.page).toBe(2);
    expect(second.values.page).toBe("2");
    expect(second.result!.rows[0]!.legalLastName).toBe("Zed0050");

    const third = await searchStudents(second, formOf({ q: "zed", page: "2", goto: "3" }));
    expect(third.result).toMatchObject({ total: BULK, page: 3, pageCount: 3 });
    expect(third.result!.rows).toHaveLength(BULK - 100);
  });

  it("shows the last page for a page past the end, and the first for a nonsense page", async () => {
    const past = await searchStudents(initial, formOf({ q: "zed", goto: "99" }));
    expect(past.result).toMatchObject({ total: BULK, page: 3, pageCount: 3 });
    expect(past.result!.rows.map((r) => r.legalLastName)).toEqual(Array.from({ length: BULK - 100 }, (_, i) => `Zed${String(100 + i).padStart(4, "0")}`));
    const nonsense = await searchStudents(initial, formOf({ q: "zed", goto: "-4" }));
    expect(nonsense.result!.page).toBe(1);
  });
});

describe("bulk assignment from the list", () => {
  it("assigns the ticked students and shows them with their new caseload member on the same page", async () => {
    signInAs(coordinator.ctx);
    const state = await searchStudents(
      initial,
      formOf({
        intent: "assign",
        q: "",
        page: "1",
        unverifiedStudentIds: [named.leo!, named.ava!],
        unverifiedMembershipId: specialist.membershipId,
        role: "INTERVENTIONIST",
      }),
    );
    expect(state.assign).toEqual({ ok: true, message: "2 students assigned to Sam Patel as interventionist." });
    const byId = new Map(state.result!.rows.map((r) => [r.id, r]));
    expect(byId.get(named.leo!)!.members).toEqual([{ name: "Sam Patel", role: "INTERVENTIONIST" }]);
    expect(byId.get(named.ava!)!.members).toEqual([{ name: "Sam Patel", role: "INTERVENTIONIST" }]);
  });

  it("keeps the ticked rows and choices after a failed assignment, and assigns nothing", async () => {
    signInAs(coordinator.ctx);
    const before = await asOwner((tx) => tx.caseloadAssignment.count());
    const state = await searchStudents(initial, formOf({ intent: "assign", page: "1", unverifiedStudentIds: [named.under!], role: "CASE_MANAGER" }));
    expect(state.assign).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedMembershipId: ["Choose a staff member."] } } });
    expect(state.assign && !state.assign.ok && state.assign.values).toMatchObject({ unverifiedStudentIds: [named.under], role: "CASE_MANAGER" });
    expect(state.result!.total).toBe(ACTIVE_NORTH);
    expect(await asOwner((tx) => tx.caseloadAssignment.count())).toBe(before);
  });

  it("refuses a student outside the coordinator's schools as not found", async () => {
    signInAs(coordinator.ctx);
    const state = await searchStudents(
      initial,
      formOf({ intent: "assign", page: "1", unverifiedStudentIds: [named.noah!], unverifiedMembershipId: specialist.membershipId, role: "CASE_MANAGER" }),
    );
    expect(state.assign).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("filters in the address (issue 13)", () => {
  it("reads the filters a bookmarked or shared address carries, never search text", async () => {
    const { query, values } = studentListQueryOf({ school: school.north, grade: "G1", q: "Johnson", sort: "localId", englishLearner: "no" });
    expect(values).toEqual({ school: school.north, grade: "G1", sort: "localId", englishLearner: "no" });
    expect(query.q).toBe("");
    signInAs(coordinator.ctx);
    const page = await getStudentListPage(coordinator.ctx, { query });
    expect(page.initial?.rows.map((r) => r.legalLastName)).toEqual(["O_Brien", "OxBrien"]);
  });

  it("drops a bad value rather than showing an error nobody typed", () => {
    expect(studentListQueryOf({ grade: "G99", school: "not-a-uuid", tier: "TIER_3" }).values).toEqual({ tier: "TIER_3" });
    expect(studentListQueryOf({ tierArea: "MATH" }).values).toEqual({});
  });

  it("writes the chosen filters into the address, without the search text, the page or the default sort", () => {
    expect(studentListHref({ q: "Maya Johnson", school: school.north, tier: "TIER_3", flag: "noPlan", page: "3", sort: "name", archived: "on" })).toBe(
      `/students?school=${school.north}&tier=TIER_3&flag=noPlan&archived=on`,
    );
    expect(studentListHref({ q: "Maya" })).toBe("/students");
  });
});

describe("the record of access (FERPA 99.32): list opens and searches are audited", () => {
  const listEvents = (userId: string) =>
    asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "view", entityType: "StudentList" }, orderBy: { createdAt: "asc" } }));

  it("opening the list records who saw which students, with the filters", async () => {
    signInAs(coordinator.ctx);
    const before = (await listEvents(coordinator.userId)).length;
    const page = await getStudentListPage(coordinator.ctx);
    const events = await listEvents(coordinator.userId);
    expect(events).toHaveLength(before + 1);
    const detail = events.at(-1)!.detail as { searched: boolean; shownStudentIds: string[]; total: number; filters: Record<string, unknown> };
    expect(detail.searched).toBe(false);
    expect(detail.shownStudentIds).toEqual(page.initial!.rows.map((r) => r.id));
    expect(detail.total).toBe(page.initial!.total);
    expect(events.at(-1)!.districtId).toBe(districtId);
  });

  it("a search records that a search was made and whom it showed, never the text typed", async () => {
    signInAs(admin.ctx);
    const before = new Set((await listEvents(admin.userId)).map((e) => e.id));
    const result = await search({ q: "Marchetti" });
    const added = (await listEvents(admin.userId)).filter((e) => !before.has(e.id));
    expect(added).toHaveLength(1);
    const event = added[0]!;
    const detail = event.detail as { searched: boolean; searchLength: number; shownStudentIds: string[]; filters: Record<string, unknown> };
    expect(detail.searched).toBe(true);
    expect(detail.searchLength).toBe("Marchetti".length);
    expect(detail.shownStudentIds).toEqual(ids(result));
    expect(detail.shownStudentIds).toContain(named.leo);
    expect(detail.filters).toMatchObject({ page: 1 });
    expect(JSON.stringify(event)).not.toMatch(/marchetti/i);
  });
});
