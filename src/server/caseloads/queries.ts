import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { can, type Role } from "@/domain/permissions";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { STUDENT_NAME_SELECT, studentDisplayName } from "./names";
import type { CaseRole } from "./schemas";

// Sorted here, not in SQL: the database's collation may be "C" (PGlite is).
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Whether the user may assign caseloads (for one school's student when schoolId is given). */
export function canAssignCaseloads(ctx: Ctx, schoolId?: string): boolean {
  return can(ctx, "caseload.assign", { districtId: ctx.districtId, ...(schoolId ? { schoolId } : {}) });
}

export interface AssignableStaff {
  /** The membership id: what assignStudents takes as unverifiedMembershipId. */
  id: string;
  name: string;
  role: Role;
  /** Empty means every school of the district. */
  schoolIds: string[];
}

/** Staff who work in any of these schools (or in all schools). */
const workingIn = (schoolIds: readonly string[]): Prisma.MembershipWhereInput =>
  schoolIds.length ? { OR: [{ schools: { none: {} } }, { schools: { some: { schoolId: { in: [...schoolIds] } } } }] } : {};

/**
 * Active staff the user may put students with, inside the caller's transaction:
 * everyone but administrators, limited to the user's schools, or to one school
 * (a student's) when schoolId is given. The caller authorizes.
 */
export async function assignableStaffIn(tx: Tx, ctx: Ctx, opts: { schoolId?: string } = {}): Promise<AssignableStaff[]> {
  const rows = await tx.membership.findMany({
    where: {
      districtId: ctx.districtId,
      deactivatedAt: null,
      role: { not: "ADMIN" },
      AND: [workingIn(ctx.schoolIds), opts.schoolId ? workingIn([opts.schoolId]) : {}],
    },
    select: { id: true, role: true, user: { select: { name: true } }, schools: { select: { schoolId: true } } },
  });
  return rows
    .map((m) => ({ id: m.id, name: m.user.name, role: m.role, schoolIds: m.schools.map((s) => s.schoolId) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The staff choices of an assignment form, in their own transaction. */
export async function listAssignableStaff(ctx: Ctx, opts: { schoolId?: string } = {}): Promise<AssignableStaff[]> {
  await authorizePage(ctx, "caseload.assign", { entityType: "Membership" });
  return withTenant(ctx.districtId, (tx) => assignableStaffIn(tx, ctx, opts));
}

export interface CurrentAssignment {
  id: string;
  membershipId: string;
  staffName: string;
  staffRole: Role;
  role: CaseRole;
  startedAt: Date;
}

/** A student's current caseload members, inside the caller's transaction (the caller authorizes). */
export async function currentAssignmentsOf(tx: Tx, districtId: string, studentId: string): Promise<CurrentAssignment[]> {
  const rows = await tx.caseloadAssignment.findMany({
    where: { districtId, studentId, endedAt: null },
    orderBy: [{ role: "asc" }, { startedAt: "asc" }],
    select: { id: true, membershipId: true, role: true, startedAt: true, membership: { select: { role: true, user: { select: { name: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    membershipId: r.membershipId,
    staffName: r.membership.user.name,
    staffRole: r.membership.role,
    role: r.role,
    startedAt: r.startedAt,
  }));
}

export { studentDisplayName, STUDENT_NAME_SELECT };
