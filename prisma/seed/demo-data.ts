// The demo's people and places as plain data, shared by the seed, README
// and the end-to-end tests (which cannot import server modules).

/** Shared by every demo account; printed at start-up and in README. */
export const DEMO_PASSWORD = "demo-password-2026";

/** Two-factor in the demo (prisma/seed/two-factor.ts, decision 033): Riley Brooks is enrolled with this key (base32), printed in the README. */
export const DEMO_TOTP_EMAIL = "specialist.middle@maplevalley.example";
export const DEMO_TOTP_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
/** Her recovery codes (shown as xxxxx-xxxxx); the first was used in October, the second is printed in the README. */
export const DEMO_RECOVERY_CODES = ["7KQ2M9XDRP", "H4TW8CNZ3V", "M2R6PJ9K0X", "Q8VDN4T7HS", "ZB5K1WQ6MR", "3FJX7P2CNW", "T9HM4RZ8QD", "W6C3KV0JB5", "R1NZ8XG4PT", "E7PW2QMD9K"];

export const DEMO_DISTRICTS = {
  // Time zones (issue 13): Maple Valley is a Midwestern district; Riverbend, a California "unified" district.
  maple: { id: "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c000001", name: "Maple Valley School District", slug: "maple-valley", timeZone: "America/Chicago" },
  river: { id: "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c000002", name: "Riverbend Unified", slug: "riverbend", timeZone: "America/Los_Angeles" },
} as const;

export const DEMO_SCHOOLS = {
  mapleElementary: { id: "5c4001e0-0000-4000-8000-000000000001", district: "maple", name: "Maple Valley Elementary", level: "ELEMENTARY", code: "MVE" },
  cedarMiddle: { id: "5c4001e0-0000-4000-8000-000000000002", district: "maple", name: "Cedar Ridge Middle", level: "MIDDLE", code: "CRM" },
  mapleHigh: { id: "5c4001e0-0000-4000-8000-000000000003", district: "maple", name: "Maple Valley High", level: "HIGH", code: "MVH" },
  riverbendK8: { id: "5c4001e0-0000-4000-8000-000000000011", district: "river", name: "Riverbend K-8", level: "ELEMENTARY", code: "RBK8" },
} as const;

/** Students the end-to-end tests and README rely on; the rest are generated. */
export const DEMO_STUDENTS = {
  // On the caseloads of specialist@ (case manager) and assistant@ (interventionist).
  maya: { id: "5d000000-0000-4000-8000-000000000001", school: "mapleElementary", localId: "MV100001", first: "Maya", last: "Johnson", grade: "G3" },
  // At the elementary school with no caseload member: the coordinator assigns her.
  leo: { id: "5d000000-0000-4000-8000-000000000002", school: "mapleElementary", localId: "MV100002", first: "Leonie", last: "Marchetti", grade: "G2" },
  // At the middle school: not on the elementary assistant's caseload.
  noah: { id: "5d000000-0000-4000-8000-000000000003", school: "cedarMiddle", localId: "MV100003", first: "Noah", last: "Bennett", grade: "G7" },
} as const;

/**
 * A generated student on Sam Patel's caseload (not the assistant's) whom the
 * demo gives no plan: the plans journey (e2e/plans.spec.ts) writes the first.
 */
export const DEMO_PLANLESS_STUDENT = { localId: "MV100125" } as const;

/** Generated students per school (the fixed ones above come on top). */
export const DEMO_STUDENTS_PER_SCHOOL: Record<SchoolKey, number> = { mapleElementary: 208, cedarMiddle: 188, mapleHigh: 200, riverbendK8: 40 };

/** Current caseloads: how many of a school's students each account serves, and in which role. */
export const DEMO_CASELOADS: readonly { email: string; school: SchoolKey; role: "CASE_MANAGER" | "INTERVENTIONIST"; count: number; offset: number }[] = [
  { email: "specialist@maplevalley.example", school: "mapleElementary", role: "CASE_MANAGER", count: 24, offset: 0 },
  { email: "assistant@maplevalley.example", school: "mapleElementary", role: "INTERVENTIONIST", count: 12, offset: 0 },
  { email: "consultant@mtss.example", school: "mapleElementary", role: "CASE_MANAGER", count: 6, offset: 24 },
  { email: "specialist.middle@maplevalley.example", school: "cedarMiddle", role: "CASE_MANAGER", count: 20, offset: 0 },
  { email: "specialist.high@maplevalley.example", school: "mapleHigh", role: "CASE_MANAGER", count: 20, offset: 0 },
  { email: "consultant@mtss.example", school: "riverbendK8", role: "CASE_MANAGER", count: 5, offset: 0 },
];

type DistrictKey = keyof typeof DEMO_DISTRICTS;
type SchoolKey = keyof typeof DEMO_SCHOOLS;

export interface DemoAccount {
  email: string;
  name: string;
  memberships: { district: DistrictKey; role: "ADMIN" | "COORDINATOR" | "SPECIALIST" | "ASSISTANT" | "TEACHER"; schools: SchoolKey[] }[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@maplevalley.example", name: "Alex Rivera", memberships: [{ district: "maple", role: "ADMIN", schools: [] }] },
  { email: "coordinator@maplevalley.example", name: "Casey Morgan", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["mapleElementary"] }] },
  { email: "specialist@maplevalley.example", name: "Sam Patel", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["mapleElementary"] }] },
  { email: "assistant@maplevalley.example", name: "Jordan Lee", memberships: [{ district: "maple", role: "ASSISTANT", schools: ["mapleElementary"] }] },
  // A classroom teacher (decision 020): her class roster (prisma/seed/classes.ts) is all she reaches.
  { email: "teacher@maplevalley.example", name: "Pat Kim", memberships: [{ district: "maple", role: "TEACHER", schools: ["mapleElementary"] }] },
  { email: "coordinator.middle@maplevalley.example", name: "Morgan Chen", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["cedarMiddle"] }] },
  { email: "specialist.middle@maplevalley.example", name: "Riley Brooks", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["cedarMiddle"] }] },
  { email: "coordinator.high@maplevalley.example", name: "Taylor Nguyen", memberships: [{ district: "maple", role: "COORDINATOR", schools: ["mapleHigh"] }] },
  { email: "specialist.high@maplevalley.example", name: "Jamie Okafor", memberships: [{ district: "maple", role: "SPECIALIST", schools: ["mapleHigh"] }] },
  { email: "admin@riverbend.example", name: "Dana Whitfield", memberships: [{ district: "river", role: "ADMIN", schools: [] }] },
  // Invited by Maple Valley (DEMO_INVITATIONS): asked to accept at sign-in.
  { email: "interventionist@riverbend.example", name: "Avery Santos", memberships: [{ district: "river", role: "SPECIALIST", schools: ["riverbendK8"] }] },
  {
    email: "consultant@mtss.example",
    name: "Robin Castillo",
    memberships: [
      { district: "maple", role: "SPECIALIST", schools: [] },
      { district: "river", role: "COORDINATOR", schools: [] },
    ],
  },
];

export interface DemoInvitation {
  email: string;
  district: DistrictKey;
  /** The name the inviting administrator typed. */
  invitedName: string;
  role: "ADMIN" | "COORDINATOR" | "SPECIALIST" | "ASSISTANT";
  schools: SchoolKey[];
  /** Who invited them (an administrator of the district). */
  invitedBy: string;
}

/**
 * Open invitations (decision 009): Maple Valley asks Riverbend's
 * interventionist to help at Cedar Ridge Middle. Until Avery accepts, Maple
 * Valley's staff list shows the invitation as invited, under the typed name.
 */
export const DEMO_INVITATIONS: readonly DemoInvitation[] = [
  {
    email: "interventionist@riverbend.example",
    district: "maple",
    invitedName: "Avery Santos",
    role: "SPECIALIST",
    schools: ["cedarMiddle"],
    invitedBy: "admin@maplevalley.example",
  },
];

export function describeDemoSignIns(): string {
  const rows = DEMO_ACCOUNTS.map((a) => {
    const invited = DEMO_INVITATIONS.filter((i) => i.email === a.email).map((i) => `invited to ${DEMO_DISTRICTS[i.district].name} as ${i.role.toLowerCase()}`);
    const roles = [...a.memberships.map((m) => `${m.role.toLowerCase()} in ${DEMO_DISTRICTS[m.district].name}`), ...invited].join("; ");
    return `  ${a.email.padEnd(40)} ${roles}`;
  });
  return [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...rows].join("\n");
}
