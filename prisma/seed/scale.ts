// A district at the size the app must stay fast at: 40 schools, 50,000
// students, 600 staff with full caseloads, plans for its Tier 2/3 students
// with a school year of sessions (scale-sessions.ts), their goals with two years
// of weekly probes (scale-probes.ts), the previous year's plans and sessions
// of one school (scale-history.ts), a school year of behaviour incidents
// (scale-behavior.ts), daily report cards for 2,000 students
// (scale-cico.ts), IEP and 504 records with their services, minutes and
// open referrals (scale-iep504.ts). Deterministic ids and data; written
// with createMany in batches (a few hundred statements, not 150,000).
import type { Prisma } from "@/generated/prisma/client";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";
import { buildStudent, makeDistrict } from "../../tests/factories";
import { DEMO_PASSWORD } from "./demo-data";
import { seedLibrary } from "./library";
import { GRADES_BY_LEVEL, randomStudent, rng } from "./people";
import { seedScaleBehavior } from "./scale-behavior";
import { seedScaleCico } from "./scale-cico";
import { seedScaleHistory } from "./scale-history";
import { seedScaleIep504 } from "./scale-iep504";
import { seedScaleMeetings } from "./scale-meetings";
import { seedScaleProbes } from "./scale-probes";
import { seedScaleSessions } from "./scale-sessions";
import { fallTier } from "./tiers";

export const SCALE_DISTRICT = { id: "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c0000ff", name: "Great Lakes Scale District", slug: "scale" };
export const SCALE = { schools: 40, students: 50_000, staff: 600 };
/** Sign-ins of the scale district (password: the demo password). */
export const SCALE_ACCOUNTS = { admin: "admin1@scale.example", coordinator: "coordinator1@scale.example", specialist: "specialist1@scale.example" };

const BATCH = 2_000;

/** A deterministic uuid for the n-th row of a kind (kind: 2 hex digits). */
const uid = (kind: number, n: number) => `5ca1e000-${kind.toString(16).padStart(4, "0")}-4000-8000-${n.toString(16).padStart(12, "0")}`;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export async function seedScale(db: AppDb, log: (line: string) => void = console.log): Promise<boolean> {
  const districtId = SCALE_DISTRICT.id;
  const exists = await withTenant(districtId, (tx) => tx.district.count({ where: { id: districtId } }), db);
  // An existing district still gets what its library, plans, sessions, goals and probes lack.
  if (exists) {
    const library = await withTenant(districtId, (tx) => seedLibrary(tx, districtId), db);
    const admin = await seedScaleAdmin(db, districtId, log);
    const sessions = await seedScaleSessions(db, districtId, log);
    const probes = await seedScaleProbes(db, districtId, log);
    const history = await seedScaleHistory(db, districtId, log);
    const behavior = await seedScaleBehavior(db, districtId, log);
    const cico = await seedScaleCico(db, districtId, log);
    const iep504 = await seedScaleIep504(db, districtId, log);
    const meetings = await seedScaleMeetings(db, districtId, SCALE_ACCOUNTS.coordinator, log);
    return admin || probes || sessions || history || behavior || cico || iep504 || meetings || library > 0;
  }
  const r = rng(50_000);

  // 24 elementary, 10 middle and 6 high schools.
  const schools = Array.from({ length: SCALE.schools }, (_, i) => {
    const level = i < 24 ? ("ELEMENTARY" as const) : i < 34 ? ("MIDDLE" as const) : ("HIGH" as const);
    return { id: uid(1, i + 1), districtId, name: `${level[0]}${level.slice(1).toLowerCase()} School ${i + 1}`, level, code: `GL${i + 1}` };
  });

  // Per school: 1 coordinator, 6 specialists, 8 assistants; 0 is the admin team. 40 x 15 = 600.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Prisma.UserCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const membershipSchools: Prisma.MembershipSchoolCreateManyInput[] = [];
  const staffBySchool = new Map<string, { specialists: string[]; assistants: string[] }>();
  const counters = { admin: 0, coordinator: 0, specialist: 0, assistant: 0 };
  const addStaff = (role: "ADMIN" | "COORDINATOR" | "SPECIALIST" | "ASSISTANT", schoolId?: string) => {
    const key = role.toLowerCase() as keyof typeof counters;
    const n = ++counters[key];
    const userId = uid(2, users.length + 1);
    const membershipId = uid(3, users.length + 1);
    users.push({ id: userId, email: `${key}${n}@scale.example`, name: `${key[0]!.toUpperCase()}${key.slice(1)} ${n}`, passwordHash });
    memberships.push({ id: membershipId, districtId, userId, role });
    if (schoolId) membershipSchools.push({ districtId, membershipId, schoolId });
    return membershipId;
  };
  const coordinatorUserIds = new Map<string, string>();
  for (const school of schools) {
    addStaff("COORDINATOR", school.id);
    coordinatorUserIds.set(school.id, users.at(-1)!.id!);
    const staff = { specialists: [] as string[], assistants: [] as string[] };
    for (let i = 0; i < 6; i++) staff.specialists.push(addStaff("SPECIALIST", school.id));
    for (let i = 0; i < 8; i++) staff.assistants.push(addStaff("ASSISTANT", school.id));
    staffBySchool.set(school.id, staff);
  }
  while (users.length < SCALE.staff) addStaff("ADMIN");

  const students: Prisma.StudentCreateManyInput[] = [];
  const guardians: Prisma.GuardianCreateManyInput[] = [];
  const assignments: Prisma.CaseloadAssignmentCreateManyInput[] = [];
  const tiers: Prisma.StudentTierCreateManyInput[] = [];
  // A stream of its own, so adding tiers left the generated students as they were.
  const tierRng = rng(915);
  const perSchool = SCALE.students / SCALE.schools;
  const startedAt = new Date("2026-09-08T15:00:00Z");
  for (const school of schools) {
    const grades = GRADES_BY_LEVEL[school.level];
    const staff = staffBySchool.get(school.id)!;
    for (let i = 0; i < perSchool; i++) {
      const id = uid(4, students.length + 1);
      const { student, guardians: g } = randomStudent(r, { districtId, schoolId: school.id, localId: `GL${700_000 + students.length}`, grade: grades[i % grades.length]! });
      students.push(buildStudent({ ...student, id }));
      guardians.push(...g.map((x) => ({ ...x, studentId: id })));
      const tier = fallTier(tierRng, { districtId, studentId: id, decidedByUserId: coordinatorUserIds.get(school.id)! });
      if (tier) tiers.push(tier);
      // Each specialist manages 35 students and each assistant serves 20 of them.
      const s = Math.floor(i / 35);
      if (s < staff.specialists.length) assignments.push({ districtId, studentId: id, membershipId: staff.specialists[s]!, role: "CASE_MANAGER", startedAt });
      const a = Math.floor(i / 20);
      if (a < staff.assistants.length) assignments.push({ districtId, studentId: id, membershipId: staff.assistants[a]!, role: "INTERVENTIONIST", startedAt });
    }
  }

  // One transaction, so an interrupted run leaves nothing behind to confuse the next.
  await withTenant(districtId, async (tx) => {
    await makeDistrict(tx, SCALE_DISTRICT);
    await tx.school.createMany({ data: schools });
    await inBatches(users, (batch) => tx.user.createMany({ data: batch }));
    log(`  ${schools.length} schools, ${users.length} staff`);
    await inBatches(memberships, (batch) => tx.membership.createMany({ data: batch }));
    await inBatches(membershipSchools, (batch) => tx.membershipSchool.createMany({ data: batch }));
    await inBatches(students, (batch) => tx.student.createMany({ data: batch }));
    log(`  ${students.length} students`);
    await inBatches(guardians, (batch) => tx.guardian.createMany({ data: batch }));
    log(`  ${guardians.length} guardians`);
    await inBatches(assignments, (batch) => tx.caseloadAssignment.createMany({ data: batch }));
    log(`  ${assignments.length} caseload assignments`);
    await inBatches(tiers, (batch) => tx.studentTier.createMany({ data: batch }));
    log(`  ${tiers.length} tier decisions`);
    await seedLibrary(tx, districtId);
    log("  measures and the intervention library");
  }, db, 10 * 60_000);
  await seedScaleAdmin(db, districtId, log);
  await seedScaleSessions(db, districtId, log);
  await seedScaleProbes(db, districtId, log);
  await seedScaleHistory(db, districtId, log);
  await seedScaleBehavior(db, districtId, log);
  await seedScaleCico(db, districtId, log);
  await seedScaleIep504(db, districtId, log);
  await seedScaleMeetings(db, districtId, SCALE_ACCOUNTS.coordinator, log);
  return true;
}

/**
 * The district administrator of SCALE_ACCOUNTS (the compliance calendar's
 * benchmark): the 600 staff fill the schools, so the loop above adds no
 * administrator. Added when missing.
 */
async function seedScaleAdmin(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const email = SCALE_ACCOUNTS.admin;
  return withTenant(districtId, async (tx) => {
    if ((await tx.membership.count({ where: { districtId, role: "ADMIN", user: { email } } })) > 0) return false;
    const user = (await tx.user.findUnique({ where: { email }, select: { id: true } })) ?? (await tx.user.create({ data: { id: uid(2, 0xad01), email, name: "Admin 1", passwordHash: await hashPassword(DEMO_PASSWORD) }, select: { id: true } }));
    await tx.membership.create({ data: { id: uid(3, 0xad01), districtId, userId: user.id, role: "ADMIN" } });
    log(`  ${email} (district administrator)`);
    return true;
  }, db);
}
