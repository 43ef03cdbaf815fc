// Caseload reads: assignable staff, a student's current members, balance,
// students with nobody on their case, one person's caseload, "My caseload".
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import {
  currentAssignmentsOf,
  getCaseloadOverview,
  getMyCaseload,
  getStaffCaseload,
  listAssignableStaff,
  unassignedStudentsIn,
} from "@/server/caseloads/queries";
import { withTenant } from "@/server/db/tenant";
import { makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { NOT_FOUND } from "../support/session";
import { buildCaseloadWorld, type CaseloadWorld } from "./caseloads-fixture";

// The queries take their Ctx as an argument; the mock only keeps the real
// session module (Auth.js) from loading.
vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));

let w: CaseloadWorld;
beforeAll(async () => {
  w = await buildCaseloadWorld();
});

const deniedOf = (ctx: Ctx) => asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", actorUserId: ctx.userId }, orderBy: { createdAt: "asc" } }));

describe("listAssignableStaff", () => {
  it("gives a North coordinator the active non-administrators who work at North or everywhere", async () => {
    const staff = await listAssignableStaff(w.coordinator.ctx);
    expect(staff.map((s) => s.name)).toEqual(["Ari Lund", "Cole Coordinator", "Cora Coordinator", "Pat Quinn", "Sam Patel"]);
    expect(staff.find((s) => s.name === "Sam Patel")).toEqual({ id: w.spec1.membershipId, name: "Sam Patel", role: "SPECIALIST", schoolIds: [w.school.north] });
    expect(staff.find((s) => s.name === "Ari Lund")?.schoolIds).toEqual([]);
  });

  it("gives an administrator everyone active but administrators, and narrows to one school on request", async () => {
    expect((await listAssignableStaff(w.admin.ctx)).map((s) => s.name)).toEqual([
      "Ari Lund",
      "Cole Coordinator",
      "Cora Coordinator",
      "Pat Quinn",
      "Sam Patel",
      "Sue South",
    ]);
    expect((await listAssignableStaff(w.admin.ctx, { schoolId: w.school.south })).map((s) => s.name)).toEqual(["Ari Lund", "Cole Coordinator", "Sue South"]);
  });

  it("is not found for a specialist, with a denied audit event", async () => {
    await expect(listAssignableStaff(w.spec1.ctx)).rejects.toMatchObject(NOT_FOUND);
    expect(await deniedOf(w.spec1.ctx)).toEqual([expect.objectContaining({ entityType: "Membership", detail: { attempted: "caseload.assign" } })]);
  });

  it("shows another district's administrator none of this district's staff", async () => {
    expect(await listAssignableStaff(w.otherAdmin.ctx)).toEqual([]);
  });
});

describe("currentAssignmentsOf", () => {
  it("lists a student's current members only, case managers first", async () => {
    const rows = await withTenant(w.districtId, (tx) => currentAssignmentsOf(tx, w.districtId, w.student.n1));
    expect(rows).toEqual([
      expect.objectContaining({ membershipId: w.spec1.membershipId, staffName: "Sam Patel", staffRole: "SPECIALIST", role: "CASE_MANAGER" }),
      expect.objectContaining({ membershipId: w.spec2.membershipId, staffName: "Pat Quinn", role: "INTERVENTIONIST" }),
    ]);
    expect(await withTenant(w.districtId, (tx) => currentAssignmentsOf(tx, w.districtId, w.student.n6))).toEqual([]);
  });
});

describe("getCaseloadOverview", () => {
  it("balances a North coordinator's school: sizes per role, largest first, zeros and deactivated holders included", async () => {
    const { schools, school, balance, unassigned, staff } = await getCaseloadOverview(w.coordinator.ctx, {});
    expect(schools.map((s) => s.name)).toEqual(["North Elementary"]);
    expect(school).toBeNull();
    expect(balance.rows.map((r) => [r.name, r.counts.CASE_MANAGER, r.counts.INTERVENTIONIST, r.total, r.fromAverage, r.active])).toEqual([
      ["Sam Patel", 3, 1, 4, 1.5, true],
      ["Ari Lund", 0, 1, 1, 0, true],
      ["Gil Gone", 1, 0, 1, -1.5, false],
      ["Pat Quinn", 0, 1, 1, -1.5, true],
      ["Cole Coordinator", 0, 0, 0, 0, true],
      ["Cora Coordinator", 0, 0, 0, 0, true],
    ]);
    expect(balance.byStaffRole).toEqual([
      { staffRole: "COORDINATOR", staff: 2, assignments: 0, average: 0, smallest: 0, largest: 0 },
      { staffRole: "SPECIALIST", staff: 2, assignments: 5, average: 2.5, smallest: 1, largest: 4 },
      { staffRole: "ASSISTANT", staff: 1, assignments: 1, average: 1, smallest: 1, largest: 1 },
    ]);
    expect(unassigned).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(unassigned.rows).toEqual([
      { id: w.student.n5, name: "Evans, Eve", fullName: "Eve Evans", goesBy: null, grade: "G2", schoolName: "North Elementary" },
      { id: w.student.n6, name: "Fox, Fay", fullName: "Fay Fox", goesBy: null, grade: "G3", schoolName: "North Elementary" },
    ]);
    expect(staff.map((s) => s.name)).toContain("Sam Patel");
    expect(staff.map((s) => s.name)).not.toContain("Sue South");
  });

  it("covers the whole district for an administrator, and one school when chosen", async () => {
    const all = await getCaseloadOverview(w.admin.ctx, {});
    expect(all.schools.map((s) => s.name)).toEqual(["North Elementary", "South Middle"]);
    expect(all.balance.rows.map((r) => [r.name, r.total])).toEqual([
      ["Sam Patel", 4],
      ["Ari Lund", 2],
      ["Gil Gone", 1],
      ["Pat Quinn", 1],
      ["Sue South", 1],
      ["Cole Coordinator", 0],
      ["Cora Coordinator", 0],
    ]);
    expect(all.unassigned.rows.map((r) => r.name)).toEqual(["Evans, Eve", "Fox, Fay", "Ives, Ida", "Jones, Jo"]);

    const south = await getCaseloadOverview(w.admin.ctx, { school: w.school.south });
    expect(south.school?.name).toBe("South Middle");
    expect(south.balance.rows.map((r) => [r.name, r.total])).toEqual([
      ["Ari Lund", 1],
      ["Sue South", 1],
      ["Cole Coordinator", 0],
    ]);
    expect(south.unassigned.rows.map((r) => r.name)).toEqual(["Ives, Ida", "Jones, Jo"]);
    expect(south.staff.map((s) => s.name)).toEqual(["Ari Lund", "Cole Coordinator", "Sue South"]);
  });

  it("ignores a school outside the coordinator's reach, and a nonsense page", async () => {
    const r = await getCaseloadOverview(w.coordinator.ctx, { school: w.school.south, page: "-3" });
    expect(r.school).toBeNull();
    expect(r.unassigned.rows.map((s) => s.name)).toEqual(["Evans, Eve", "Fox, Fay"]);
  });

  it.each([
    ["a specialist", () => w.spec1.ctx],
    ["an assistant", () => w.assistant.ctx],
  ])("is not found for %s, with a denied audit event", async (_label, ctx) => {
    const before = (await deniedOf(ctx())).length;
    await expect(getCaseloadOverview(ctx(), {})).rejects.toMatchObject(NOT_FOUND);
    expect((await deniedOf(ctx())).length).toBe(before + 1);
  });

  it("shows another district's administrator nothing of this district", async () => {
    const r = await getCaseloadOverview(w.otherAdmin.ctx, { school: w.school.north });
    expect(r.school).toBeNull();
    expect(r.balance.rows.map((row) => row.name)).toEqual([]);
    expect(r.unassigned.total).toBe(1); // their own district's one student
  });
});

describe("unassignedStudentsIn", () => {
  it("pages server-side in name order and clamps the page", async () => {
    const { districtId, school } = w;
    const ctx = w.coordinator.ctx;
    const first = await withTenant(districtId, (tx) => unassignedStudentsIn(tx, ctx, [school.north], { page: 1, pageSize: 1 }));
    expect(first).toMatchObject({ total: 2, page: 1, pageCount: 2, rows: [{ name: "Evans, Eve" }] });
    const second = await withTenant(districtId, (tx) => unassignedStudentsIn(tx, ctx, [school.north], { page: 9, pageSize: 1 }));
    expect(second).toMatchObject({ total: 2, page: 2, rows: [{ name: "Fox, Fay" }] });
  });

  it("counts a student again once their last active member is ended", async () => {
    const id = await asOwner(async (tx) => (await makeStudent(tx, { districtId: w.districtId, schoolId: w.school.south, legalFirstName: "Kim", legalLastName: "Kerr" })).id);
    const count = () => withTenant(w.districtId, (tx) => unassignedStudentsIn(tx, w.admin.ctx, [w.school.south]));
    expect((await count()).rows.map((r) => r.name)).toContain("Kerr, Kim");
    const a = await asOwner((tx) => tx.caseloadAssignment.create({ data: { districtId: w.districtId, studentId: id, membershipId: w.specSouth.membershipId, role: "CASE_MANAGER" } }));
    expect((await count()).rows.map((r) => r.name)).not.toContain("Kerr, Kim");
    await asOwner((tx) => tx.caseloadAssignment.update({ where: { id: a.id }, data: { endedAt: new Date() } }));
    expect((await count()).rows.map((r) => r.name)).toContain("Kerr, Kim");
    await asOwner((tx) => tx.student.update({ where: { id }, data: { archivedAt: new Date() } }));
  });
});

describe("getStaffCaseload", () => {
  it("shows a person's current students in the coordinator's schools, in name order", async () => {
    const c = await getStaffCaseload(w.coordinator.ctx, w.spec1.membershipId);
    expect(c).toMatchObject({ membershipId: w.spec1.membershipId, name: "Sam Patel", staffRole: "SPECIALIST", active: true, schoolNames: ["North Elementary"] });
    expect(c.rows.map((r) => [r.student.name, r.role])).toEqual([
      ["Abbott, Ana", "CASE_MANAGER"],
      ["Baker, Ben", "CASE_MANAGER"],
      ["Chen, Cal", "CASE_MANAGER"],
      ["Diaz, Dee", "INTERVENTIONIST"],
    ]);
    expect(c.rows[0]).toMatchObject({ student: { id: w.student.n1, grade: "KG", schoolName: "North Elementary" }, startedAt: new Date("2026-09-01T12:00:00Z") });
  });

  it("limits an all-schools assistant's caseload to the coordinator's schools", async () => {
    expect((await getStaffCaseload(w.coordinator.ctx, w.assistant.membershipId)).rows.map((r) => r.student.name)).toEqual(["Baker, Ben"]);
    expect((await getStaffCaseload(w.admin.ctx, w.assistant.membershipId)).rows.map((r) => r.student.name)).toEqual(["Baker, Ben", "Hill, Hal"]);
  });

  it("shows a deactivated person who still holds students, so they can be reassigned", async () => {
    expect(await getStaffCaseload(w.coordinator.ctx, w.gone.membershipId)).toMatchObject({ active: false, rows: [{ student: { name: "Evans, Eve" } }] });
  });

  it.each([
    ["someone who works only at another school", () => w.specSouth.membershipId],
    ["another district's person", () => w.otherAdmin.membershipId],
    ["an unknown id", () => "00000000-0000-4000-8000-00000000abcd"],
    ["a malformed id", () => "nope"],
  ])("is not found for %s, with a denied audit event", async (_label, id) => {
    await expect(getStaffCaseload(w.coordinator.ctx, id())).rejects.toMatchObject(NOT_FOUND);
    const denied = await deniedOf(w.coordinator.ctx);
    expect(denied.at(-1)).toMatchObject({ entityType: "Membership", entityId: id(), detail: { attempted: "caseload.assign" } });
  });

  it("is not found for a specialist, even about themselves", async () => {
    await expect(getStaffCaseload(w.spec1.ctx, w.spec1.membershipId)).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("getMyCaseload", () => {
  it("lists a specialist's own current open students with role and since", async () => {
    const rows = await getMyCaseload(w.spec1.ctx);
    expect(rows.map((r) => [r.student.name, r.role])).toEqual([
      ["Abbott, Ana", "CASE_MANAGER"],
      ["Baker, Ben", "CASE_MANAGER"],
      ["Chen, Cal", "CASE_MANAGER"],
      ["Diaz, Dee", "INTERVENTIONIST"],
    ]);
  });

  it("lists an assistant's students across schools", async () => {
    expect((await getMyCaseload(w.assistant.ctx)).map((r) => [r.student.name, r.student.schoolName])).toEqual([
      ["Baker, Ben", "North Elementary"],
      ["Hill, Hal", "South Middle"],
    ]);
  });

  it("leaves out ended assignments and students outside a specialist's schools", async () => {
    expect(await getMyCaseload(w.spec2.ctx)).toEqual([expect.objectContaining({ student: expect.objectContaining({ name: "Abbott, Ana" }), role: "INTERVENTIONIST" })]);
    const id = await asOwner(async (tx) => {
      const s = await makeStudent(tx, { districtId: w.districtId, schoolId: w.school.south, legalFirstName: "Out", legalLastName: "Ofreach" });
      await tx.caseloadAssignment.create({ data: { districtId: w.districtId, studentId: s.id, membershipId: w.spec2.membershipId, role: "CASE_MANAGER" } });
      return s.id;
    });
    expect((await getMyCaseload(w.spec2.ctx)).map((r) => r.student.id)).not.toContain(id);
  });

  it("is empty for an administrator with no caseload, and for another district's person", async () => {
    expect(await getMyCaseload(w.admin.ctx)).toEqual([]);
    expect(await getMyCaseload(w.otherAdmin.ctx)).toEqual([]);
  });
});

describe("student names", () => {
  it("lists by legal family name with the preferred name beside it", async () => {
    const id = await asOwner(async (tx) => {
      const s = await makeStudent(tx, { districtId: w.districtId, schoolId: w.school.south, legalFirstName: "Robert", preferredName: "Bobby", legalLastName: "Aaron" });
      return s.id;
    });
    const page = await withTenant(w.districtId, (tx) => unassignedStudentsIn(tx, w.admin.ctx, [w.school.south]));
    expect(page.rows.find((r) => r.id === id)).toEqual({ id, name: "Aaron, Robert", fullName: "Bobby Aaron", goesBy: "Bobby", grade: "G3", schoolName: "South Middle" });
    await asOwner((tx) => tx.student.update({ where: { id }, data: { archivedAt: new Date() } }));
  });
});
