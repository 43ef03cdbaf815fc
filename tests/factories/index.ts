// Row factories for tests, the seed and e2e fixtures. Each takes a Prisma
// client or transaction and optional overrides, inserts one row and returns it.
// Defaults come from a per-process sequence (District 1, district-1, ...), so
// the same calls in the same order give the same rows; pass explicit values
// (id, slug, email) where a fixed identity matters.
//
// Row-level security applies to what you pass in: as the app role, create a
// tenant row inside withTenant(districtId, ...) for that district, and a
// District inside withTenant(id, ...) with that same id; an owner transaction
// (tests/support/db.ts asOwner) may create anything.
import type { Prisma } from "@/generated/prisma/client";

/** A PrismaClient or an interactive transaction client. */
export type Db = Prisma.TransactionClient;

let sequence = 0;

/** Next number of the shared sequence used for default names. */
export function nextSeq(): number {
  return ++sequence;
}

/** Restart default names at 1 (e.g. at the top of a seed). */
export function resetSequence(): void {
  sequence = 0;
}

export function makeDistrict(db: Db, overrides: Partial<Prisma.DistrictUncheckedCreateInput> = {}) {
  const n = nextSeq();
  return db.district.create({ data: { name: `District ${n}`, slug: `district-${n}`, ...overrides } });
}

export function makeSchool(
  db: Db,
  overrides: Partial<Prisma.SchoolUncheckedCreateInput> & Pick<Prisma.SchoolUncheckedCreateInput, "districtId">,
) {
  const n = nextSeq();
  return db.school.create({ data: { name: `School ${n}`, level: "ELEMENTARY", ...overrides } });
}

export const FAKE_PASSWORD_HASH = "not-a-password-hash";

/** Email is stored lowercase (a CHECK constraint insists), so overrides are lowercased too. */
export function makeUser(db: Db, overrides: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const n = nextSeq();
  const email = (overrides.email ?? `user${n}@example.test`).toLowerCase();
  return db.user.create({ data: { name: `User ${n}`, passwordHash: FAKE_PASSWORD_HASH, ...overrides, email } });
}

export function makeMembership(
  db: Db,
  overrides: Partial<Prisma.MembershipUncheckedCreateInput> & Pick<Prisma.MembershipUncheckedCreateInput, "districtId" | "userId">,
) {
  return db.membership.create({ data: { role: "SPECIALIST", ...overrides } });
}

export function makeMembershipSchool(db: Db, data: Prisma.MembershipSchoolUncheckedCreateInput) {
  return db.membershipSchool.create({ data });
}

export function makeAuditEvent(
  db: Db,
  overrides: Partial<Prisma.AuditEventUncheckedCreateInput> & Pick<Prisma.AuditEventUncheckedCreateInput, "districtId">,
) {
  const n = nextSeq();
  return db.auditEvent.create({ data: { action: "test.event", entityType: "Test", entityId: String(n), ...overrides } });
}

type StudentData = Prisma.StudentCreateManyInput;

/** A student row's data (for createMany in seeds); makeStudent inserts one. */
export function buildStudent(overrides: Partial<StudentData> & Pick<StudentData, "districtId" | "schoolId">): StudentData {
  const n = nextSeq();
  return {
    localId: `S${String(n).padStart(6, "0")}`,
    legalFirstName: `First${n}`,
    legalLastName: `Last${n}`,
    dateOfBirth: new Date("2016-05-01"),
    grade: "G3",
    ...overrides,
  };
}

export function makeStudent(db: Db, overrides: Partial<StudentData> & Pick<StudentData, "districtId" | "schoolId">) {
  return db.student.create({ data: buildStudent(overrides) });
}

export function makeGuardian(
  db: Db,
  overrides: Partial<Prisma.GuardianUncheckedCreateInput> & Pick<Prisma.GuardianUncheckedCreateInput, "districtId" | "studentId">,
) {
  const n = nextSeq();
  return db.guardian.create({ data: { name: `Guardian ${n}`, relationship: "Parent", ...overrides } });
}

export function makeCaseloadAssignment(
  db: Db,
  overrides: Partial<Prisma.CaseloadAssignmentUncheckedCreateInput> &
    Pick<Prisma.CaseloadAssignmentUncheckedCreateInput, "districtId" | "studentId" | "membershipId">,
) {
  return db.caseloadAssignment.create({ data: { role: "CASE_MANAGER", ...overrides } });
}
