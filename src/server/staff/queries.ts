import "server-only";
import { z } from "zod";
import type { Role } from "@/domain/permissions";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";

// Sorted here, not in SQL: the database's collation may be "C" (PGlite is),
// which puts "adams" after "Zhou"; people expect a case-insensitive order.
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byName = <T extends { user: { name: string; email: string } }>(rows: T[]) =>
  rows.sort((a, b) => collator.compare(a.user.name, b.user.name) || collator.compare(a.user.email, b.user.email));

/** The district's open schools: the choices of a staff member's school checkboxes. */
export function activeSchoolOptions(tx: Tx, districtId: string) {
  return tx.school.findMany({ where: { districtId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export type StaffStatus = "active" | "deactivated" | "invited" | "declined";

export interface StaffRow {
  /** "member": a Membership (id is its id, editable); "invitation": not accepted (id is the invitation's). */
  kind: "member" | "invitation";
  id: string;
  name: string;
  email: string;
  role: Role;
  /** School names; empty means every school. */
  schools: string[];
  status: StaffStatus;
}

/**
 * The district's staff and its open or declined invitations. An invitation
 * shows what the administrator typed and nothing of the account behind the
 * email (its name, its other districts) until the person accepts (decision 009).
 */
export async function listStaff(ctx: Ctx): Promise<StaffRow[]> {
  await authorizePage(ctx, "staff.manage", { entityType: "Membership" });
  const [members, invitations] = await withTenant(ctx.districtId, (tx) =>
    Promise.all([
      tx.membership.findMany({
        where: { districtId: ctx.districtId },
        select: {
          id: true,
          role: true,
          deactivatedAt: true,
          user: { select: { name: true, email: true } },
          schools: { select: { school: { select: { name: true } } } },
        },
      }),
      tx.invitation.findMany({
        where: { districtId: ctx.districtId },
        select: {
          id: true,
          role: true,
          invitedName: true,
          declinedAt: true,
          // The email is the one the administrator typed (stored lowercase).
          user: { select: { email: true } },
          schools: { select: { school: { select: { name: true } } } },
        },
      }),
    ]),
  );
  const schoolNames = (rows: { school: { name: string } }[]) => rows.map((r) => r.school.name).sort(collator.compare);
  const rows: StaffRow[] = [
    ...members.map((m) => ({
      kind: "member" as const,
      id: m.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      schools: schoolNames(m.schools),
      status: (m.deactivatedAt ? "deactivated" : "active") as StaffStatus,
    })),
    ...invitations.map((i) => ({
      kind: "invitation" as const,
      id: i.id,
      name: i.invitedName,
      email: i.user.email,
      role: i.role,
      schools: schoolNames(i.schools),
      status: (i.declinedAt ? "declined" : "invited") as StaffStatus,
    })),
  ];
  return rows.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email));
}

/** The page data of /admin/staff/new, in one transaction. */
export async function getNewStaffForm(ctx: Ctx) {
  await authorizePage(ctx, "staff.manage", { entityType: "Membership" });
  return { schools: await withTenant(ctx.districtId, (tx) => activeSchoolOptions(tx, ctx.districtId)) };
}

/** A membership of this district and the school choices, or 404 (and a denied audit event). */
export async function getStaffForEdit(ctx: Ctx, unverifiedMembershipId: string) {
  await authorizePage(ctx, "staff.manage", { entityType: "Membership" });
  const id = z.uuid().safeParse(unverifiedMembershipId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const member = await tx.membership.findFirst({
          where: { id: id.data, districtId: ctx.districtId },
          select: {
            id: true,
            role: true,
            deactivatedAt: true,
            user: { select: { name: true, email: true } },
            schools: { select: { schoolId: true } },
          },
        });
        return member ? { member, schools: await activeSchoolOptions(tx, ctx.districtId) } : null;
      })
    : null;
  if (!found) return pageNotFound(ctx, "staff.manage", { entityType: "Membership", entityId: unverifiedMembershipId.slice(0, 64) });
  const { member, schools } = found;
  return {
    id: member.id,
    name: member.user.name,
    email: member.user.email,
    role: member.role,
    schoolIds: member.schools.map((s) => s.schoolId),
    deactivated: Boolean(member.deactivatedAt),
    isSelf: member.id === ctx.membershipId,
    schools,
  };
}

/** Everyone who has been on the district's staff, for choosing a person (audit log filter). */
export async function listStaffPeople(tx: Tx, districtId: string) {
  return byName(await tx.membership.findMany({ where: { districtId }, select: { userId: true, user: { select: { name: true, email: true } } } }));
}
