// The demo's open invitations (decision 009), so the "invited" state of a
// staff list and the acceptance page can be seen. Idempotent: an invitation is
// made only for someone with neither a membership nor an invitation in that
// district, so once accepted or declined it is not asked again; the invited
// person's own account and membership are added when an older demo lacks them.
import { makeMembership, makeMembershipSchool, makeUser } from "../../tests/factories";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";
import { DEMO_ACCOUNTS, DEMO_DISTRICTS, DEMO_INVITATIONS, DEMO_PASSWORD, DEMO_SCHOOLS } from "./demo-data";

/** Adds the demo invitations that are missing; returns how many it added. */
export async function seedInvitations(db: AppDb): Promise<number> {
  let added = 0;
  for (const invitation of DEMO_INVITATIONS) {
    const userId = await ensureAccount(db, invitation.email);
    const districtId = DEMO_DISTRICTS[invitation.district].id;
    added += await withTenant(districtId, async (tx) => {
      const [member, invited] = await Promise.all([
        tx.membership.count({ where: { districtId, userId } }),
        tx.invitation.count({ where: { districtId, userId } }),
      ]);
      if (member + invited > 0) return 0;
      const inviter = await tx.user.findUniqueOrThrow({ where: { email: invitation.invitedBy }, select: { id: true } });
      const created = await tx.invitation.create({
        data: { districtId, userId, invitedName: invitation.invitedName, role: invitation.role, createdAt: new Date("2026-11-30T15:00:00Z") },
        select: { id: true },
      });
      await tx.invitationSchool.createMany({ data: invitation.schools.map((s) => ({ districtId, invitationId: created.id, schoolId: DEMO_SCHOOLS[s].id })) });
      await tx.auditEvent.createMany({
        data: [
          {
            districtId,
            actorUserId: inviter.id,
            action: "create",
            entityType: "Invitation",
            entityId: created.id,
            detail: { email: invitation.email, name: invitation.invitedName, role: invitation.role, schoolIds: invitation.schools.map((s) => DEMO_SCHOOLS[s].id) },
            createdAt: new Date("2026-11-30T15:00:00Z"),
          },
        ],
      });
      return 1;
    }, db);
  }
  return added;
}

/** The invited person's account (and their own memberships), created when a demo seeded before them lacks it. */
async function ensureAccount(db: AppDb, email: string): Promise<string> {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`Demo invitation of ${email}, who is not a demo account`);
  const user = await makeUser(db, { email, name: account.name, passwordHash: await hashPassword(DEMO_PASSWORD) });
  for (const m of account.memberships) {
    const districtId = DEMO_DISTRICTS[m.district].id;
    await withTenant(districtId, async (tx) => {
      const membership = await makeMembership(tx, { districtId, userId: user.id, role: m.role });
      for (const school of m.schools) await makeMembershipSchool(tx, { districtId, membershipId: membership.id, schoolId: DEMO_SCHOOLS[school].id });
    }, db);
  }
  return user.id;
}
