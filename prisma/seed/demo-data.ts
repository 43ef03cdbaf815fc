// The demo's people and places as plain data, shared by the seed, README
// and the end-to-end tests (which cannot import server modules).

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

export function describeDemoSignIns(): string {
  const rows = DEMO_ACCOUNTS.map((a) => {
    const roles = a.memberships.map((m) => `${m.role.toLowerCase()} in ${DEMO_DISTRICTS[m.district].name}`).join("; ");
    return `  ${a.email.padEnd(40)} ${roles}`;
  });
  return [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...rows].join("\n");
}
