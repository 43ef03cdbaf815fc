// The demo's open invitation (decision 009): made once, for an older demo that
// lacks the invited person too, and never again once answered.
import { beforeAll, expect, it } from "vitest";
import { seedInvitations } from "../../prisma/seed/invitations";
import { DEMO_DISTRICTS, DEMO_INVITATIONS, DEMO_SCHOOLS } from "../../prisma/seed/demo-data";
import { makeDistrict, makeMembership, makeSchool, makeUser } from "../factories";
import { appDb, asOwner } from "../support/db";

const AVERY = DEMO_INVITATIONS[0]!;

beforeAll(async () => {
  // Only what the step needs of a demo seeded before invitations existed.
  await asOwner(async (tx) => {
    for (const d of Object.values(DEMO_DISTRICTS)) await makeDistrict(tx, d);
    for (const s of Object.values(DEMO_SCHOOLS)) {
      await makeSchool(tx, { id: s.id, districtId: DEMO_DISTRICTS[s.district].id, name: s.name, level: s.level, code: s.code });
    }
    const inviter = await makeUser(tx, { email: AVERY.invitedBy, name: "Alex Rivera" });
    await makeMembership(tx, { districtId: DEMO_DISTRICTS.maple.id, userId: inviter.id, role: "ADMIN" });
  });
});

it("adds the invited account and its invitation once, as the app role, and nothing on a second run", async () => {
  expect(await seedInvitations(appDb())).toBe(1);
  const { user, invitation } = await asOwner(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { email: AVERY.email }, include: { memberships: true } });
    const invitation = await tx.invitation.findFirstOrThrow({ where: { userId: user.id }, include: { schools: true } });
    return { user, invitation };
  });
  expect(user.memberships.map((m) => [m.districtId, m.role])).toEqual([[DEMO_DISTRICTS.river.id, "SPECIALIST"]]);
  expect(invitation).toMatchObject({ districtId: DEMO_DISTRICTS.maple.id, invitedName: AVERY.invitedName, role: AVERY.role, declinedAt: null });
  expect(invitation.schools.map((s) => s.schoolId)).toEqual([DEMO_SCHOOLS.cedarMiddle.id]);

  expect(await seedInvitations(appDb())).toBe(0);
  expect(await asOwner((tx) => tx.invitation.count())).toBe(1);
});

it("does not invite again once the invitation was accepted", async () => {
  await asOwner(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { email: AVERY.email } });
    await tx.invitation.deleteMany({ where: { userId: user.id } });
    await makeMembership(tx, { districtId: DEMO_DISTRICTS.maple.id, userId: user.id, role: AVERY.role });
  });
  expect(await seedInvitations(appDb())).toBe(0);
  expect(await asOwner((tx) => tx.invitation.count())).toBe(0);
});
