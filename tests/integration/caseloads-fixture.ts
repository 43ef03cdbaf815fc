// A small district with known caseloads, shared by the caseload and home
// query tests. Counts the tests rely on are spelled out next to the rows.
import type { Ctx } from "@/server/auth/session";
import { makeCaseloadAssignment, makeDistrict, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, type Person } from "../support/session";

export interface CaseloadWorld {
  districtId: string;
  school: { north: string; south: string; closed: string };
  admin: Person;
  coordinator: Person; // North
  coordinatorAll: Person; // no schools = all
  spec1: Person; // North
  spec2: Person; // North
  specSouth: Person; // South
  assistant: Person; // all schools
  gone: Person; // North, deactivated, still holds n5
  otherAdmin: Person; // another district
  /** North: n1..n6 open, n7 archived. South: s1..s3. */
  student: Record<"n1" | "n2" | "n3" | "n4" | "n5" | "n6" | "n7" | "s1" | "s2" | "s3", string>;
}

/**
 * Current assignments:
 *   spec1:     CM n1 n2 n3, INT n4, CM n7 (archived, not counted)
 *   spec2:     INT n1 (and an ended CM on n6)
 *   assistant: INT n2, INT s1
 *   gone:      CM n5 (deactivated, so n5 counts as having nobody)
 *   specSouth: CM s1
 * Without an active caseload member: North n5 n6, South s2 s3.
 */
export async function buildCaseloadWorld(): Promise<CaseloadWorld> {
  return asOwner(async (tx) => {
    const districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    const otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    const school = {
      north: (await makeSchool(tx, { districtId, name: "North Elementary" })).id,
      south: (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id,
      closed: (await makeSchool(tx, { districtId, name: "Old Annex", archivedAt: new Date() })).id,
    };
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview High" })).id;
    await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool });

    const person = (name: string, role: Ctx["role"], schoolIds: string[], opts: { inDistrict?: string; deactivated?: boolean } = {}) =>
      makePerson(tx, { districtId: opts.inDistrict ?? districtId, role, name, schoolIds, deactivated: opts.deactivated, districtName: "Lakeside" });
    const world = {
      districtId,
      school,
      admin: await person("Ada Admin", "ADMIN", []),
      coordinator: await person("Cora Coordinator", "COORDINATOR", [school.north]),
      coordinatorAll: await person("Cole Coordinator", "COORDINATOR", []),
      spec1: await person("Sam Patel", "SPECIALIST", [school.north]),
      spec2: await person("Pat Quinn", "SPECIALIST", [school.north]),
      specSouth: await person("Sue South", "SPECIALIST", [school.south]),
      assistant: await person("Ari Lund", "ASSISTANT", []),
      gone: await person("Gil Gone", "SPECIALIST", [school.north], { deactivated: true }),
      otherAdmin: await person("Otto Other", "ADMIN", [], { inDistrict: otherDistrictId }),
    };
    const s = async (schoolId: string, first: string, last: string, extra: { archivedAt?: Date; grade?: "KG" | "G2" | "G7" } = {}) =>
      (await makeStudent(tx, { districtId, schoolId, legalFirstName: first, legalLastName: last, ...extra })).id;
    const student = {
      n1: await s(school.north, "Ana", "Abbott", { grade: "KG" }),
      n2: await s(school.north, "Ben", "Baker"),
      n3: await s(school.north, "Cal", "Chen"),
      n4: await s(school.north, "Dee", "Diaz"),
      n5: await s(school.north, "Eve", "Evans", { grade: "G2" }),
      n6: await s(school.north, "Fay", "Fox"),
      n7: await s(school.north, "Gus", "Gray", { archivedAt: new Date() }),
      s1: await s(school.south, "Hal", "Hill", { grade: "G7" }),
      s2: await s(school.south, "Ida", "Ives", { grade: "G7" }),
      s3: await s(school.south, "Jo", "Jones", { grade: "G7" }),
    };
    const a = (studentId: string, p: Person, role: "CASE_MANAGER" | "INTERVENTIONIST", endedAt: Date | null = null) =>
      makeCaseloadAssignment(tx, { districtId, studentId, membershipId: p.membershipId, role, endedAt, startedAt: new Date("2026-09-01T12:00:00Z") });
    for (const id of [student.n1, student.n2, student.n3, student.n7]) await a(id, world.spec1, "CASE_MANAGER");
    await a(student.n4, world.spec1, "INTERVENTIONIST");
    await a(student.n1, world.spec2, "INTERVENTIONIST");
    await a(student.n6, world.spec2, "CASE_MANAGER", new Date("2026-10-01T12:00:00Z"));
    await a(student.n2, world.assistant, "INTERVENTIONIST");
    await a(student.s1, world.assistant, "INTERVENTIONIST");
    await a(student.n5, world.gone, "CASE_MANAGER");
    await a(student.s1, world.specSouth, "CASE_MANAGER");
    return { ...world, student };
  });
}
