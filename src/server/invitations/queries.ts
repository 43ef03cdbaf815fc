import "server-only";
import type { Role } from "@/domain/permissions";
import { withTenant, withUserScope } from "@/server/db/tenant";

// A person answers at most this many invitations on one page; more are shown
// after these are answered (each district is read in its own tenant transaction).
const MAX_LISTED = 10;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

export interface MyInvitation {
  id: string;
  districtName: string;
  role: Role;
  /** School names; empty means every school of the district. */
  schools: string[];
  invitedAt: Date;
}

/** How many invitations wait for this person's answer. */
export async function pendingInvitationCount(userId: string): Promise<number> {
  return withUserScope(userId, (tx) => tx.invitation.count({ where: { userId, declinedAt: null } }));
}

/**
 * The open invitations of the signed-in person, oldest first: which district,
 * which role, which schools. The user scope finds them; the district's name and
 * school names are the district's rows, so each is read in that district's
 * tenant transaction, filtered again by the person's id.
 */
export async function listMyInvitations(userId: string): Promise<MyInvitation[]> {
  const found = await withUserScope(userId, (tx) =>
    tx.invitation.findMany({
      where: { userId, declinedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_LISTED,
      select: { id: true, districtId: true },
    }),
  );
  const out: MyInvitation[] = [];
  for (const { id, districtId } of found) {
    const invitation = await withTenant(districtId, (tx) =>
      tx.invitation.findFirst({
        where: { id, districtId, userId, declinedAt: null },
        select: {
          id: true,
          role: true,
          createdAt: true,
          district: { select: { name: true } },
          schools: { select: { school: { select: { name: true } } } },
        },
      }),
    );
    if (!invitation) continue;
    out.push({
      id: invitation.id,
      districtName: invitation.district.name,
      role: invitation.role,
      schools: invitation.schools.map((s) => s.school.name).sort(collator.compare),
      invitedAt: invitation.createdAt,
    });
  }
  return out;
}
