// Role homes: what each role lands on, from real data.
import { beforeAll, describe, expect, it } from "vitest";
import { getHome } from "@/server/dashboards/queries";
import { buildCaseloadWorld, type CaseloadWorld } from "./caseloads-fixture";

let w: CaseloadWorld;
beforeAll(async () => {
  w = await buildCaseloadWorld();
});

describe("getHome", () => {
  it("gives an administrator the district: open schools with student counts, staff by role", async () => {
    const home = await getHome(w.admin.ctx);
    expect(home).toEqual({
      kind: "district",
      schools: [
        { id: w.school.north, name: "North Elementary", level: "ELEMENTARY", students: 6, withoutCaseload: 2 },
        { id: w.school.south, name: "South Middle", level: "MIDDLE", students: 3, withoutCaseload: 2 },
      ],
      totalStudents: 9,
      withoutCaseload: 4,
      // Gil Gone is deactivated; Otto Other is in another district.
      staffByRole: { ADMIN: 1, COORDINATOR: 2, SPECIALIST: 3, ASSISTANT: 1, TEACHER: 0 },
      // The fixture has no tiers or plans (tests/integration/home-attention.test.ts has the flags).
      attention: { noPlan: { total: 0, rows: [] }, noMember: { total: 0, rows: [] } },
    });
  });

  it("gives a coordinator their schools, the caseload balance and the first students with nobody on their case", async () => {
    const home = await getHome(w.coordinator.ctx);
    expect(home).toEqual({
      kind: "schools",
      schools: [{ id: w.school.north, name: "North Elementary", level: "ELEMENTARY", students: 6, withoutCaseload: 2 }],
      totalStudents: 6,
      attention: { noPlan: { total: 0, rows: [] }, noMember: { total: 0, rows: [] } },
      balance: [
        { staffRole: "COORDINATOR", staff: 2, assignments: 0, average: 0, smallest: 0, largest: 0 },
        { staffRole: "SPECIALIST", staff: 2, assignments: 5, average: 2.5, smallest: 1, largest: 4 },
        { staffRole: "ASSISTANT", staff: 1, assignments: 1, average: 1, smallest: 1, largest: 1 },
      ],
      unassigned: {
        total: 2,
        rows: [
          { id: w.student.n5, name: "Evans, Eve", fullName: "Eve Evans", goesBy: null, grade: "G2", schoolName: "North Elementary" },
          { id: w.student.n6, name: "Fox, Fay", fullName: "Fay Fox", goesBy: null, grade: "G3", schoolName: "North Elementary" },
        ],
      },
      // The fixture has no plans (tests/integration/needs-review.test.ts has the list's contents).
      needsReview: { kind: "schools", total: 0, byRule: 0, overdue: 0, page: 1, pageCount: 1, rows: [] },
      // Plans on the homes: tests/integration/plans.test.ts.
      awaitingApproval: { total: 0, page: 1, pageCount: 1, rows: [] },
    });
  });

  it("gives an all-schools coordinator every open school", async () => {
    const home = await getHome(w.coordinatorAll.ctx);
    expect(home.kind).toBe("schools");
    if (home.kind !== "schools") return;
    expect(home.schools.map((s) => [s.name, s.students, s.withoutCaseload])).toEqual([
      ["North Elementary", 6, 2],
      ["South Middle", 3, 2],
    ]);
    expect(home.unassigned.total).toBe(4);
  });

  it("gives a specialist their caseload", async () => {
    const home = await getHome(w.spec1.ctx);
    expect(home.kind).toBe("caseload");
    if (home.kind !== "caseload") return;
    expect(home.served).toBeNull();
    expect(home.caseload?.map((r) => [r.student.name, r.role])).toEqual([
      ["Abbott, Ana", "CASE_MANAGER"],
      ["Baker, Ben", "CASE_MANAGER"],
      ["Chen, Cal", "CASE_MANAGER"],
      ["Diaz, Dee", "INTERVENTIONIST"],
    ]);
  });

  it("gives an assistant the students they serve", async () => {
    const home = await getHome(w.assistant.ctx);
    // Every student they reach (tests/integration/reach-defects.test.ts has the students of the plans they deliver).
    expect(home).toMatchObject({ kind: "caseload", caseload: null, served: [{ student: { name: "Baker, Ben" } }, { student: { name: "Hill, Hal" } }] });
  });

  it("gives another district's administrator only their own district", async () => {
    const home = await getHome(w.otherAdmin.ctx);
    expect(home).toMatchObject({ kind: "district", totalStudents: 1, withoutCaseload: 1, staffByRole: { ADMIN: 1, COORDINATOR: 0, SPECIALIST: 0, ASSISTANT: 0, TEACHER: 0 } });
    if (home.kind === "district") expect(home.schools.map((s) => s.name)).toEqual(["Hillview High"]);
  });
});
