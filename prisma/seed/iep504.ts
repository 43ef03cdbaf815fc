// IEP and 504 records of the demo (issue 16) for the students the demo flags
// as having an IEP or a 504 plan: dates that put a few annual reviews due in
// the coming weeks and one overdue (on Sam Patel's caseload, so his home and
// the compliance lists show them), case managers from the students'
// caseloads, IDEA categories in a realistic mix, and one or two services
// each, the speech service of the first IEP student on Jordan Lee's caseload
// delivered by Jordan (the assistant's view). Dates are relative to the seed
// day. Records made in the app, or already seeded, are left as they are;
// records made from the former flags by the migration get the seed's dates.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { addDays } from "@/domain/dosage";
import { addYears } from "@/domain/iep504/dates";
import { todayIso } from "@/server/students/schemas";
import { rng } from "./people";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const idOf = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

// Roughly the national mix of IDEA categories among school-age students (specific learning
// disability and speech or language impairment lead, then other health impairment and autism).
const CATEGORY_MIX: readonly [string, number][] = [
  ["Specific Learning Disability", 32],
  ["Speech or Language Impairment", 19],
  ["Other Health Impairment", 15],
  ["Autism Spectrum Disorders", 12],
  ["Preschooler with a Disability", 7],
  ["Serious Emotional Disability", 5],
  ["Intellectual Disability", 5],
  ["Multiple Disabilities", 2],
  ["Hearing Impairment, including Deafness", 1],
  ["Orthopedic Impairment", 1],
  ["Visual Impairment, including Blindness", 1],
];

function category(r: ReturnType<typeof rng>): string {
  let x = r.next() * CATEGORY_MIX.reduce((s, [, w]) => s + w, 0);
  for (const [code, w] of CATEGORY_MIX) if ((x -= w) < 0) return code;
  return CATEGORY_MIX[0]![0];
}

interface ServiceSeed {
  area: string;
  minutes: number;
  frequency: "WEEKLY" | "MONTHLY";
  providerRole: string;
  setting: string;
  byAssistant?: boolean;
}

const SERVICES_BY_CATEGORY: Record<string, ServiceSeed[]> = {
  "Specific Learning Disability": [{ area: "Specialized instruction: reading", minutes: 150, frequency: "WEEKLY", providerRole: "Special education teacher", setting: "Resource room" }],
  "Speech or Language Impairment": [{ area: "Speech-language therapy", minutes: 60, frequency: "WEEKLY", providerRole: "Speech-language pathologist", setting: "Therapy room" }],
  "Other Health Impairment": [{ area: "Behavior support", minutes: 30, frequency: "WEEKLY", providerRole: "Special education teacher", setting: "General education classroom" }],
  "Autism Spectrum Disorders": [
    { area: "Social skills instruction", minutes: 60, frequency: "WEEKLY", providerRole: "Special education teacher", setting: "Resource room" },
    { area: "Speech-language therapy", minutes: 120, frequency: "MONTHLY", providerRole: "Speech-language pathologist", setting: "Therapy room" },
  ],
};
const DEFAULT_SERVICES: ServiceSeed[] = [{ area: "Specialized instruction: math", minutes: 120, frequency: "WEEKLY", providerRole: "Special education teacher", setting: "Resource room" }];
const SECTION_504_SERVICE: ServiceSeed = { area: "Check-ins with the school nurse", minutes: 60, frequency: "MONTHLY", providerRole: "School nurse", setting: "Health office" };
const ASSISTANT_SERVICE: ServiceSeed = { area: "Reading fluency practice (IEP)", minutes: 90, frequency: "WEEKLY", providerRole: "Paraprofessional", setting: "General education classroom", byAssistant: true };

/** Adds the demo IEP and 504 records the district lacks; returns how many records it wrote. */
export async function seedIep504(tx: Tx, districtId: string): Promise<number> {
  const today = todayIso();
  const r = rng(16);
  const flagged = await tx.student.findMany({
    where: { districtId, archivedAt: null, OR: [{ hasIep: true }, { has504: true }] },
    orderBy: { localId: "asc" },
    select: {
      id: true,
      hasIep: true,
      has504: true,
      caseload: { where: { endedAt: null }, orderBy: { startedAt: "asc" }, select: { membershipId: true, role: true, membership: { select: { role: true, user: { select: { email: true } } } } } },
      specialEdPlans: { select: { id: true, type: true, migratedFromFlag: true } },
    },
  });
  const assistant = await tx.membership.findFirst({ where: { districtId, user: { email: "assistant@maplevalley.example" } }, select: { id: true } });
  const author = await tx.membership.findFirst({ where: { districtId, role: { in: ["ADMIN", "COORDINATOR"] } }, orderBy: { createdAt: "asc" }, select: { userId: true } });
  if (!author) return 0;

  let written = 0;
  // Ids are global: each district's numbers start at their own base (its id's last digits).
  const base = parseInt(districtId.slice(-4), 16) * 0x10000;
  let serial = base;
  let serviceSerial = base;
  // The first few IEPs on the demo specialist's caseload: two reviews due within the month, one overdue.
  let samIeps = 0;
  let assistantServiceGiven = false;
  const services: Prisma.SpecialEdServiceCreateManyInput[] = [];
  for (const s of flagged) {
    const caseManager = s.caseload.find((c) => c.role === "CASE_MANAGER" && c.membership.role !== "ASSISTANT");
    const isSams = caseManager?.membership.user.email === "specialist@maplevalley.example";
    for (const type of ["IEP", "SECTION_504"] as const) {
      if (type === "IEP" ? !s.hasIep : !s.has504) continue;
      serial += 1;
      const existing = s.specialEdPlans.find((p) => p.type === type);
      if (existing && !existing.migratedFromFlag) continue;
      const offset =
        type === "IEP" && isSams && samIeps < 3 ? [12, 26, -6][samIeps++]! : 20 + Math.floor(r.next() * 320);
      const annualReviewDue = addDays(today, offset);
      const lastMeetingDate = addYears(annualReviewDue, -1);
      const yearsOn = Math.floor(r.next() * 3);
      const startDate = addYears(lastMeetingDate, -yearsOn);
      const lastEvaluationDate = addDays(addYears(lastMeetingDate, -Math.floor(r.next() * 3)), -21);
      const reevaluationDue = addYears(lastEvaluationDate, 3);
      const code = type === "IEP" ? category(r) : null;
      const data = {
        status: "ACTIVE" as const,
        startDate: day(startDate),
        lastMeetingDate: day(lastMeetingDate),
        annualReviewDue: day(annualReviewDue),
        lastEvaluationDate: day(lastEvaluationDate),
        reevaluationDue: day(reevaluationDue),
        caseManagerMembershipId: caseManager?.membershipId ?? null,
        disabilityCategory: code,
        documentUrl: `https://iep.maplevalley.example/plans/${idOf("1e000000", serial).slice(-6)}`,
        migratedFromFlag: false,
      };
      let planId: string;
      if (existing) {
        await tx.specialEdPlan.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
        planId = existing.id;
      } else {
        planId = idOf("1e000000", serial);
        const made = await tx.specialEdPlan.createMany({
          data: [{ id: planId, districtId, studentId: s.id, type, createdByUserId: author.userId, createdAt: day(startDate), ...data }],
          skipDuplicates: true,
        });
        if (made.count === 0) continue;
      }
      written += 1;
      const onAssistantsCaseload = assistant && s.caseload.some((c) => c.membershipId === assistant.id);
      const list =
        type === "SECTION_504"
          ? [SECTION_504_SERVICE]
          : [...(SERVICES_BY_CATEGORY[code!] ?? DEFAULT_SERVICES), ...(onAssistantsCaseload && !assistantServiceGiven ? [ASSISTANT_SERVICE] : [])];
      if (list.includes(ASSISTANT_SERVICE)) assistantServiceGiven = true;
      for (const sv of list) {
        services.push({
          id: idOf("5e000000", ++serviceSerial),
          districtId,
          planId,
          area: sv.area,
          minutes: sv.minutes,
          frequency: sv.frequency,
          providerRole: sv.providerRole,
          providerMembershipId: sv.byAssistant ? assistant!.id : sv.providerRole === "Special education teacher" ? (caseManager?.membershipId ?? null) : null,
          setting: sv.setting,
          startDate: day(lastMeetingDate),
          createdByUserId: author.userId,
        });
      }
    }
  }
  if (services.length) await tx.specialEdService.createMany({ data: services, skipDuplicates: true });
  await seedServiceMinutes(tx, districtId, today, author.userId);
  return written;
}

/** Services whose minutes are logged short in the demo (every seventh): the shortfall flag shows. */
const SHORT_EVERY = 7;
const MINUTES_WEEKS = 8;

/**
 * Minutes of the last eight weeks (to yesterday) for the demo services that
 * have none logged: two or three entries a school week adding up to the
 * requirement, fewer for every seventh service and now and then a missed day.
 */
async function seedServiceMinutes(tx: Tx, districtId: string, today: string, fallbackUserId: string) {
  const services = await tx.specialEdService.findMany({
    where: { districtId, archivedAt: null, minutesLogged: { none: {} } },
    orderBy: { id: "asc" },
    select: { id: true, minutes: true, frequency: true, startDate: true, plan: { select: { studentId: true } }, provider: { select: { userId: true } } },
  });
  const r = rng(1616);
  const rows: Prisma.ServiceMinutesCreateManyInput[] = [];
  const firstMonday = addDays(today, -7 * MINUTES_WEEKS - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  services.forEach((sv, i) => {
    const weekly = sv.frequency === "WEEKLY" ? sv.minutes : Math.round((sv.minutes * 12) / 52);
    const short = i % SHORT_EVERY === SHORT_EVERY - 1;
    const start = sv.startDate.toISOString().slice(0, 10);
    for (let w = 0; w <= MINUTES_WEEKS; w++) {
      const monday = addDays(firstMonday, 7 * w);
      // Monday, Wednesday and Thursday; a weekly requirement under 45 minutes is one sitting on Wednesday.
      const days = weekly < 45 ? [2] : [0, 2, 3];
      const share = Math.round((short ? weekly * 0.6 : weekly) / days.length);
      for (const d of days) {
        const date = addDays(monday, d);
        if (date < start || date >= today || r.chance(0.06)) continue;
        rows.push({
          districtId,
          serviceId: sv.id,
          studentId: sv.plan.studentId,
          date: day(date),
          minutes: Math.max(1, share),
          clientKey: `seed-${sv.id}-${date}`,
          loggedByUserId: sv.provider?.userId ?? fallbackUserId,
          createdAt: new Date(`${date}T20:00:00Z`),
        });
      }
    }
  });
  if (rows.length) await tx.serviceMinutes.createMany({ data: rows, skipDuplicates: true });
}

/** Maple Valley's non-school days of 2026-27 (the sessions seed's closed days among them). */
const MAPLE_CALENDAR: readonly { from: string; to: string; label: string }[] = [
  { from: "2026-09-07", to: "2026-09-07", label: "Labor Day" },
  { from: "2026-10-09", to: "2026-10-09", label: "In-service day" },
  { from: "2026-11-11", to: "2026-11-11", label: "Veterans Day" },
  { from: "2026-11-26", to: "2026-11-27", label: "Thanksgiving break" },
  { from: "2026-12-21", to: "2027-01-01", label: "Winter break" },
  { from: "2027-01-18", to: "2027-01-18", label: "Martin Luther King Jr. Day" },
  { from: "2027-02-15", to: "2027-02-15", label: "Presidents' Day" },
  { from: "2027-03-22", to: "2027-03-26", label: "Spring break" },
  { from: "2027-05-31", to: "2027-05-31", label: "Memorial Day" },
];

/**
 * The district calendar (when the district has none) and one open referral
 * with the parent's consent three weeks before the seed day, for the first
 * student on Sam Patel's caseload without an IEP or a 504 plan (not Maya,
 * whom other journeys use). Returns how many rows it wrote.
 */
export async function seedReferral(tx: Tx, districtId: string): Promise<number> {
  let written = 0;
  if ((await tx.districtNonSchoolDay.count({ where: { districtId } })) === 0) {
    const days = MAPLE_CALENDAR.flatMap((b) => {
      const out: { districtId: string; date: Date; label: string }[] = [];
      for (let d = b.from; d <= b.to; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) out.push({ districtId, date: day(d), label: b.label });
      return out;
    });
    written += (await tx.districtNonSchoolDay.createMany({ data: days, skipDuplicates: true })).count;
  }
  const sam = await tx.membership.findFirst({ where: { districtId, user: { email: "specialist@maplevalley.example" } }, select: { id: true } });
  const coordinator = await tx.membership.findFirst({ where: { districtId, user: { email: "coordinator@maplevalley.example" } }, select: { userId: true } });
  if (!sam || !coordinator) return written;
  const student = await tx.student.findFirst({
    where: { districtId, hasIep: false, has504: false, id: { not: "5d000000-0000-4000-8000-000000000001" }, caseload: { some: { membershipId: sam.id, role: "CASE_MANAGER", endedAt: null } } },
    orderBy: { localId: "asc" },
    select: { id: true },
  });
  if (!student) return written;
  const today = todayIso();
  const made = await tx.referral.createMany({
    data: [
      {
        id: "4ef00000-0000-4000-8000-000000000001",
        districtId,
        studentId: student.id,
        reason: "Inadequate response to two reading interventions over two school years (Tier 2, then Tier 3), each changed once without closing the gap.",
        concerns: "Decoding of multisyllabic words and oral reading fluency remain well below the grade benchmark; the family reports frustration with homework.",
        status: "EVALUATION",
        referredOn: day(addDays(today, -35)),
        consentRequestedOn: day(addDays(today, -30)),
        consentDate: day(addDays(today, -21)),
        createdByUserId: coordinator.userId,
      },
    ],
    skipDuplicates: true,
  });
  written += made.count;
  return written + (await seedMiddleReferral(tx, districtId, coordinator.userId, today));
}

/**
 * A second open referral, at Cedar Middle for a student on Riley Brooks's
 * caseload, with the parent's consent 50 days before the seed day: its
 * evaluation falls due within the compliance calendar's nearest horizon (30
 * days) while Sam Patel's falls in the next, so every horizon shows a referral
 * deadline. Returns how many rows it wrote.
 */
async function seedMiddleReferral(tx: Tx, districtId: string, fallbackUserId: string, today: string): Promise<number> {
  const riley = await tx.membership.findFirst({ where: { districtId, user: { email: "specialist.middle@maplevalley.example" } }, select: { id: true } });
  if (!riley) return 0;
  // Started by Cedar Middle's coordinator, Morgan Chen.
  const morgan = await tx.membership.findFirst({ where: { districtId, user: { email: "coordinator.middle@maplevalley.example" } }, select: { userId: true } });
  const createdByUserId = morgan?.userId ?? fallbackUserId;
  const student = await tx.student.findFirst({
    where: { districtId, hasIep: false, has504: false, caseload: { some: { membershipId: riley.id, role: "CASE_MANAGER", endedAt: null } } },
    orderBy: { localId: "asc" },
    select: { id: true },
  });
  if (!student) return 0;
  const made = await tx.referral.createMany({
    data: [
      {
        id: "4ef00000-0000-4000-8000-000000000002",
        districtId,
        studentId: student.id,
        reason: "Math computation and problem solving far below grade level after a Tier 3 plan of 14 weeks; attention concerns reported by three teachers.",
        concerns: "Completes under half of independent work; the family asks whether an attention difficulty is part of the picture.",
        status: "EVALUATION",
        referredOn: day(addDays(today, -63)),
        consentRequestedOn: day(addDays(today, -58)),
        consentDate: day(addDays(today, -50)),
        createdByUserId,
      },
    ],
    skipDuplicates: true,
  });
  return made.count;
}
