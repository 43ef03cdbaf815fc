// The demo: two districts (to show tenancy), schools and staff of every role,
// each district's measures and intervention library, and Maple Valley's ORF
// benchmarks and accommodations. Deterministic: fixed ids and names.
// Idempotent: a database that already has the demo districts is left as it is,
// except that the library, benchmark and accommodation steps add what is missing.
import { buildStudent, makeDistrict, makeMembership, makeMembershipSchool, makeSchool, makeUser } from "../../tests/factories";
import type { AppDb } from "@/server/db/client";
import { withTenant, type Tx } from "@/server/db/tenant";
import { hashPassword } from "@/server/auth/password";
import type { Prisma } from "@/generated/prisma/client";
import { DEMO_ACCOUNTS, DEMO_CASELOADS, DEMO_DISTRICTS, DEMO_PASSWORD, DEMO_SCHOOLS, DEMO_STUDENTS, DEMO_STUDENTS_PER_SCHOOL } from "./demo-data";
import { seedFamilyLanguages } from "./family-languages";
import { seedLibrary } from "./library";
import { GRADES_BY_LEVEL, randomStudent, rng } from "./people";
import { seedAccommodations } from "./accommodations";
import { seedBenchmarks } from "./benchmarks";
import { seedPlans } from "./plans";
import { seedProbes } from "./probes";
import { seedInvitations } from "./invitations";
import { seedIdentity } from "./identity";
import { seedTwoFactor } from "./two-factor";
import { seedSessions } from "./sessions";
import { seedYear } from "./year";
import { seedBehavior, seedFbaAndBip } from "./behavior";
import { seedCicoCards } from "./cico";
import { todayIso } from "@/server/students/schemas";
import { seedIep504, seedReferral } from "./iep504";
import { DEMO_REFERRAL_ID, seedReferralRecord } from "./referral-packet";
import { FALL_REASON, FALL_SCREENING_DATE, fallTier } from "./tiers";
import { demoDate } from "./calendar";
import { seedScreening } from "./screening";
import { seedDashboards } from "./dashboards";
import { seedSheetImport } from "./sheet-import";
import { seedClasses } from "./classes";
import { seedGuardianContacts, seedReferralContacts } from "./guardian-contacts";
import { seedMeetings } from "./meetings";
import { seedAccessRecord } from "./access-record";

/**
 * Builds the demo districts unless they are there already, then adds what each
 * district's measures and library lack, Maple Valley's ORF benchmarks when
 * it has none, the demo accommodations, the demo plans it lacks (plans use
 * the library), Maya's probes (on her plan's goal) and the demo plans'
 * sessions when they have none, and the open invitations never answered or
 * made, and the behaviour codes and incidents (prisma/seed/behavior.ts).
 * Says whether it built the districts and how many library rows
 * (measures, interventions), benchmarks, accommodations, plans, probes,
 * sessions, invitations and behaviour rows it added (with the school year of year.ts:
 * every Tier 2/3 student's plan, probes and sessions, in both districts).
 */
export async function seedDemo(db: AppDb): Promise<{
  districts: boolean;
  libraryRows: number;
  benchmarks: number;
  accommodations: number;
  plans: number;
  probes: number;
  sessions: number;
  invitations: number;
  behavior: number;
  iep504: number;
  screening: number;
  sheetImport: number;
  meetings: number;
}> {
  const existing = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => tx.district.count({ where: { id: DEMO_DISTRICTS.maple.id } }), db);
  if (existing === 0) await seedDistricts(db);
  let libraryRows = 0;
  for (const district of Object.values(DEMO_DISTRICTS)) libraryRows += await withTenant(district.id, (tx) => seedLibrary(tx, district.id), db);
  const benchmarks = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedBenchmarks(tx, DEMO_DISTRICTS.maple.id), db);
  const accommodations = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedAccommodations(tx, DEMO_DISTRICTS.maple.id), db);
  const plans = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedPlans(tx, DEMO_DISTRICTS.maple.id), db);
  const probes = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedProbes(tx, DEMO_DISTRICTS.maple.id), db);
  let sessions = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedSessions(tx, DEMO_DISTRICTS.maple.id), db);
  // The school year: a plan for every Tier 2/3 student, with probes and sessions to today (year.ts); a longer transaction (thousands of rows).
  let plansAdded = plans;
  let probesAdded = probes;
  for (const district of Object.values(DEMO_DISTRICTS)) {
    const year = await withTenant(district.id, (tx) => seedYear(tx, district.id), db, 300_000);
    plansAdded += year.plans;
    probesAdded += year.probes;
    sessions += year.sessions;
  }
  const invitations = await seedInvitations(db);
  // Sessions to see on "Where you are signed in", and Riverbend's shorter session limits (prisma/seed/identity.ts).
  await seedIdentity(db);
  await seedTwoFactor(db);
  // Every district gets the default behaviour codes; Maple Valley a school year of incidents so far.
  let behavior = 0;
  for (const district of Object.values(DEMO_DISTRICTS)) {
    const added = await withTenant(district.id, (tx) => seedBehavior(tx, district.id, { today: todayIso(), withIncidents: district.id === DEMO_DISTRICTS.maple.id }), db);
    behavior += added.codes + added.incidents;
  }
  behavior += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedFbaAndBip(tx, DEMO_DISTRICTS.maple.id, { today: todayIso() }), db);
  // Universal screening: windows, screeners and every student's scores in the windows closed so far, agreeing with the tiers above (screening.ts).
  let screening = 0;
  for (const district of Object.values(DEMO_DISTRICTS)) screening += (await withTenant(district.id, (tx) => seedScreening(tx, district.id), db, 120_000)).scores;
  // The outcome dashboards' story: last year's screening windows, English learners' Tier 3 decisions (dashboards.ts).
  screening += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedDashboards(tx, DEMO_DISTRICTS.maple.id), db, 120_000);
  // Two students on daily report cards since early in the year (prisma/seed/cico.ts).
  behavior += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedCicoCards(tx, DEMO_DISTRICTS.maple.id, { today: todayIso() }), db, 120_000);
  // Class rosters and the demo teacher's homeroom, after the cards (classes.ts picks her grade from them).
  await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedClasses(tx, DEMO_DISTRICTS.maple.id), db);
  let iep504 = 0;
  for (const district of Object.values(DEMO_DISTRICTS)) iep504 += await withTenant(district.id, (tx) => seedIep504(tx, district.id), db);
  iep504 += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedReferral(tx, DEMO_DISTRICTS.maple.id), db);
  // The referred student's two years of interventions, so the referral packet has a record to assemble.
  iep504 += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedReferralRecord(tx, DEMO_DISTRICTS.maple.id), db, 120_000);
  // Riverbend, without OneRoster, imported its staff and some guardians from a spreadsheet (sheet-import.ts).
  const sheetImport = await withTenant(DEMO_DISTRICTS.river.id, (tx) => seedSheetImport(tx, DEMO_DISTRICTS.river.id), db, 120_000);
  let meetings = await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedMeetings(tx, DEMO_DISTRICTS.maple.id), db);
  meetings += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedGuardianContacts(tx, DEMO_DISTRICTS.maple.id), db);
  // The referred student's contacts, shown in the referral packet (decision 038).
  meetings += await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedReferralContacts(tx, DEMO_DISTRICTS.maple.id, DEMO_REFERRAL_ID), db);
  // Maya's record of access: a term of views, changes, lists and files that included her (access-record.ts).
  await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedAccessRecord(tx, DEMO_DISTRICTS.maple.id), db);
  // Spanish-speaking families (and one whose language has no report catalogue yet) for the family progress report.
  await withTenant(DEMO_DISTRICTS.maple.id, (tx) => seedFamilyLanguages(tx, DEMO_DISTRICTS.maple.id), db);
  return { districts: existing === 0, libraryRows, benchmarks, accommodations, plans: plansAdded, probes: probesAdded, sessions, invitations, behavior, iep504, screening, sheetImport, meetings };
}

/** The districts, schools, staff and students. */
async function seedDistricts(db: AppDb) {
  for (const district of Object.values(DEMO_DISTRICTS)) {
    await withTenant(district.id, async (tx) => {
      await makeDistrict(tx, district);
      for (const school of Object.values(DEMO_SCHOOLS).filter((s) => DEMO_DISTRICTS[s.district].id === district.id)) {
        await makeSchool(tx, { id: school.id, districtId: district.id, name: school.name, level: school.level, code: school.code });
      }
    }, db);
  }

  const membershipIds = new Map<string, string>();
  const userIds = new Map<string, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await makeUser(db, { email: account.email, name: account.name, passwordHash });
    userIds.set(account.email, user.id);
    for (const m of account.memberships) {
      const districtId = DEMO_DISTRICTS[m.district].id;
      await withTenant(districtId, async (tx) => {
        const membership = await makeMembership(tx, { districtId, userId: user.id, role: m.role });
        membershipIds.set(`${account.email}/${m.district}`, membership.id);
        for (const school of m.schools) {
          await makeMembershipSchool(tx, { districtId, membershipId: membership.id, schoolId: DEMO_SCHOOLS[school].id });
        }
      }, db);
    }
  }
  for (const [key, district] of Object.entries(DEMO_DISTRICTS)) {
    await withTenant(district.id, (tx) => seedStudents(tx, key as keyof typeof DEMO_DISTRICTS, membershipIds, userIds), db);
  }
}

/** The user who coordinates a school (the decider of its tiers), if any. */
function coordinatorOf(schoolKey: string, userIds: Map<string, string>): string | undefined {
  const account = DEMO_ACCOUNTS.find((a) => a.memberships.some((m) => m.role === "COORDINATOR" && (m.schools as readonly string[]).includes(schoolKey)));
  return account && userIds.get(account.email);
}

/** Students, guardians, caseloads and fall tiers of one district, in bulk. */
async function seedStudents(tx: Tx, district: keyof typeof DEMO_DISTRICTS, membershipIds: Map<string, string>, userIds: Map<string, string>) {
  const r = rng(2026);
  const districtId = DEMO_DISTRICTS[district].id;
  const students: Prisma.StudentCreateManyInput[] = [];
  const guardians: Prisma.GuardianCreateManyInput[] = [];
  const bySchool = new Map<string, string[]>();
  let serial = district === "maple" ? 100_100 : 500_000;

  for (const [schoolKey, school] of Object.entries(DEMO_SCHOOLS)) {
    if (school.district !== district) continue;
    const ids: string[] = [];
    const fixed = Object.values(DEMO_STUDENTS).filter((f) => f.school === schoolKey);
    const count = DEMO_STUDENTS_PER_SCHOOL[schoolKey as keyof typeof DEMO_SCHOOLS];
    const grades = GRADES_BY_LEVEL[school.level];
    for (let i = 0; i < fixed.length + count; i++) {
      const f = fixed[i];
      serial += 1;
      const id = f?.id ?? `5d000000-0000-4000-8000-${serial.toString(16).padStart(12, "0")}`;
      const grade = f?.grade ?? grades[i % grades.length]!;
      const { student, guardians: g } = randomStudent(r, { districtId, schoolId: school.id, localId: f?.localId ?? `${district === "maple" ? "MV" : "RB"}${serial}`, grade });
      students.push(buildStudent({ ...student, id, ...(f ? { legalFirstName: f.first, legalLastName: f.last, preferredName: null } : {}) }));
      guardians.push(...g.map((x) => ({ ...x, studentId: id })));
      ids.push(id);
    }
    bySchool.set(schoolKey, ids);
  }

  const assignments: Prisma.CaseloadAssignmentCreateManyInput[] = [];
  for (const c of DEMO_CASELOADS) {
    if (DEMO_SCHOOLS[c.school].district !== district) continue;
    const membershipId = membershipIds.get(`${c.email}/${district}`);
    if (!membershipId) throw new Error(`Demo caseload names ${c.email}, who has no membership in ${district}`);
    // Skip the fixed student who must stay without a caseload member.
    const ids = (bySchool.get(c.school) ?? []).filter((id) => id !== DEMO_STUDENTS.leo.id);
    for (const studentId of ids.slice(c.offset, c.offset + c.count)) {
      assignments.push({ districtId, studentId, membershipId, role: c.role, startedAt: demoDate("2026-09-08", "15:00") });
    }
  }

  // A stream of its own, so adding tiers left the generated students as they were.
  const tierRng = rng(915);
  const tiers: Prisma.StudentTierCreateManyInput[] = [];
  for (const [schoolKey, ids] of bySchool) {
    const decidedByUserId = coordinatorOf(schoolKey, userIds);
    if (!decidedByUserId) continue;
    for (const studentId of ids) {
      const tier = fallTier(tierRng, { districtId, studentId, decidedByUserId });
      // The fixed students are set by hand below (or stay in Tier 1 for the end-to-end tests).
      if (tier && !Object.values(DEMO_STUDENTS).some((f) => f.id === studentId)) tiers.push(tier);
    }
    if (schoolKey === DEMO_STUDENTS.maya.school) {
      tiers.push({
        districtId,
        studentId: DEMO_STUDENTS.maya.id,
        area: "READING",
        tier: "TIER_3",
        effectiveDate: FALL_SCREENING_DATE,
        reason: FALL_REASON.TIER_3,
        decidedByUserId,
        createdAt: demoDate("2026-09-15", "20:00"),
      });
    }
  }

  await tx.student.createMany({ data: students });
  await tx.guardian.createMany({ data: guardians });
  await tx.caseloadAssignment.createMany({ data: assignments });
  await tx.studentTier.createMany({ data: tiers });
}
