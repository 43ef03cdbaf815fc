// The demo: two districts (to show tenancy), schools and staff of every role.
// Deterministic: fixed ids and names. Idempotent: a database that already has
// the demo is left as it is.
import { makeDistrict, makeMembership, makeMembershipSchool, makeSchool, makeUser } from "../../tests/factories";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";

/** Shared by every demo account; printed at start-up and in README. */
export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_DISTRICTS = {
  maple: { id: "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c000001", name: "Maple Valley School District", slug: "maple-valley" },
  river: { id: "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c000002", name: "Riverbend Unified", slug: "riverbend" },
} as const;

export const DEMO_SCHOOLS = {
  mapleElementary: { id: "5c4001e0-0000-4000-8000-000000000001", district: "maple", name: "Maple Valley Elementary", level: "ELEMENTARY", code: "MVE" },
  cedarMiddle: { id: "5c4001e0-0000-4000-8000-000000000002", district: "maple", name: "Cedar Ridge Middle", level: "MIDDLE", code: "CRM" },
  mapleHigh: { id: "5c4001e0-0000-4000-8000-000000000003", district: "maple", name: "Maple Valley High", level: "HIGH", code: "MVH" },
  riverbendK8: { id: "5c4001e0-0000-4000-8000-000000000011", district: "river", name: "Riverbend K-8", level: "ELEMENTARY", code: "RBK8" },
} as const;

type DistrictKey = keyof typeof DEMO_DISTRICTS;
type SchoolKey = keyof typeof DEMO_SCHOOLS;

export interface DemoAccount {
  email: string;
  name: string;
  memberships: { district: DistrictKey; role: "ADMIN" | "COORDINATOR" | "SPECIALIST" | "ASSISTANT"; schools: SchoolKey[] }[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@maplevalley.example", name: "Alex Rivera", memberships: [{ district: "maple", role: "ADMIN", schools: [] }] },
  { email: "coordinator@maplevalley.example", name: "Casey Morgan", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["mapleElementary"] }] },
  { email: "specialist@maplevalley.example", name: "Sam Patel", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["mapleElementary"] }] },
  { email: "assistant@maplevalley.example", name: "Jordan Lee", memberships: [{ district: "maple", role: "ASSISTANT", schools: ["mapleElementary"] }] },
  { email: "coordinator.middle@maplevalley.example", name: "Morgan Chen", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["cedarMiddle"] }] },
  { email: "specialist.middle@maplevalley.example", name: "Riley Brooks", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["cedarMiddle"] }] },
  { email: "coordinator.high@maplevalley.example", name: "Taylor Nguyen", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["mapleHigh"] }] },
  { email: "specialist.high@maplevalley.example", name: "Jamie Okafor", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["mapleHigh"] }] },
  { email: "admin@riverbend.example", name: "Dana Whitfield", memberships: [{ district: "river", role: "ADMIN", schools: [] }] },
  {
    email: "consultant@mtss.example",
    name: "Robin Castillo",
    memberships: [
      { district: "maple", role: "SPECIALIST", schools: [] },
      { district: "river", role: "COORDINATOR", schools: [] },
    ],
  },
];

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

export function describeDemoSignIns(): string {
  const rows = DEMO_ACCOUNTS.map((a) => {
    const roles = a.memberships.map((m) => `${m.role.toLowerCase()} in ${DEMO_DISTRICTS[m.district].name}`).join("; ");
    return `  ${a.email.padEnd(40)} ${roles}`;
  });
  return [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...rows].join("\n");
}
