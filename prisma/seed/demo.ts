// The demo: two districts (to show tenancy), schools and staff of every role.
// Deterministic: fixed ids and names. Idempotent: a database that already has
// the demo is left as it is.
import { makeDistrict, makeMembership, makeMembershipSchool, makeSchool, makeUser } from "../../tests/factories";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";
import { DEMO_ACCOUNTS, DEMO_DISTRICTS, DEMO_PASSWORD, DEMO_SCHOOLS } from "./demo-data";

/** Builds the demo unless it is there already; returns whether it wrote anything. */
export async function seedDemo(db: AppDb): Promise<boolean> {
  const existing = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => tx.district.count({ where: { id: DEMO_DISTRICTS.maple.id } }), db);
  if (existing > 0) return false;

  for (const district of Object.values(DEMO_DISTRICTS)) {
    await withTenant(district.id, async (tx) => {
      await makeDistrict(tx, district);
      for (const school of Object.values(DEMO_SCHOOLS).filter((s) => DEMO_DISTRICTS[s.district].id === district.id)) {
        await makeSchool(tx, { id: school.id, districtId: district.id, name: school.name, level: school.level, code: school.code });
      }
    }, db);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await makeUser(db, { email: account.email, name: account.name, passwordHash });
    for (const m of account.memberships) {
      const districtId = DEMO_DISTRICTS[m.district].id;
      await withTenant(districtId, async (tx) => {
        const membership = await makeMembership(tx, { districtId, userId: user.id, role: m.role });
        for (const school of m.schools) {
          await makeMembershipSchool(tx, { districtId, membershipId: membership.id, schoolId: DEMO_SCHOOLS[school].id });
        }
      }, db);
    }
  }
  return true;
}
