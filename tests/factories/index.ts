// Row factories for tests, the seed and e2e fixtures. Each takes a Prisma
// client or transaction and optional overrides, inserts one row and returns it.
// Defaults come from a per-process sequence (District 1, district-1, ...), so
// the same calls in the same order give the same rows; pass explicit values
// (id, slug, email) where a fixed identity matters.
//
// Row-level security applies to what you pass in: as the app role, create a
// tenant row inside withTenant(districtId, ...) for that district, and a
// District inside withTenant(id, ...) with that same id; an owner transaction
// (tests/support/db.ts asOwner) may create anything.
import type { Prisma } from "@/generated/prisma/client";

/** A PrismaClient or an interactive transaction client. */
export type Db = Prisma.TransactionClient;

let sequence = 0;

/** Next number of the shared sequence used for default names. */
export function nextSeq(): number {
  return ++sequence;
}

/** Restart default names at 1 (e.g. at the top of a seed). */
export function resetSequence(): void {
  sequence = 0;
}

export function makeDistrict(db: Db, overrides: Partial<Prisma.DistrictUncheckedCreateInput> = {}) {
  const n = nextSeq();
  return db.district.create({ data: { name: `District ${n}`, slug: `district-${n}`, ...overrides } });
}

export function makeSchool(
  db: Db,
  overrides: Partial<Prisma.SchoolUncheckedCreateInput> & Pick<Prisma.SchoolUncheckedCreateInput, "districtId">,
) {
  const n = nextSeq();
  return db.school.create({ data: { name: `School ${n}`, level: "ELEMENTARY", ...overrides } });
}

export const FAKE_PASSWORD_HASH = "not-a-password-hash";

/** Email is stored lowercase (a CHECK constraint insists), so overrides are lowercased too. */
export function makeUser(db: Db, overrides: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const n = nextSeq();
  const email = (overrides.email ?? `user${n}@example.test`).toLowerCase();
  return db.user.create({ data: { name: `User ${n}`, passwordHash: FAKE_PASSWORD_HASH, ...overrides, email } });
}

export function makeMembership(
  db: Db,
  overrides: Partial<Prisma.MembershipUncheckedCreateInput> & Pick<Prisma.MembershipUncheckedCreateInput, "districtId" | "userId">,
) {
  return db.membership.create({ data: { role: "SPECIALIST", ...overrides } });
}

export function makeMembershipSchool(db: Db, data: Prisma.MembershipSchoolUncheckedCreateInput) {
  return db.membershipSchool.create({ data });
}

export function makeAuditEvent(
  db: Db,
  overrides: Partial<Prisma.AuditEventUncheckedCreateInput> & Pick<Prisma.AuditEventUncheckedCreateInput, "districtId">,
) {
  const n = nextSeq();
  return db.auditEvent.create({ data: { action: "test.event", entityType: "Test", entityId: String(n), ...overrides } });
}

type StudentData = Prisma.StudentCreateManyInput;

/** A student row's data (for createMany in seeds); makeStudent inserts one. */
export function buildStudent(overrides: Partial<StudentData> & Pick<StudentData, "districtId" | "schoolId">): StudentData {
  const n = nextSeq();
  return {
    localId: `S${String(n).padStart(6, "0")}`,
    legalFirstName: `First${n}`,
    legalLastName: `Last${n}`,
    dateOfBirth: new Date("2016-05-01"),
    grade: "G3",
    ...overrides,
  };
}

export function makeStudent(db: Db, overrides: Partial<StudentData> & Pick<StudentData, "districtId" | "schoolId">) {
  return db.student.create({ data: buildStudent(overrides) });
}

export function makeGuardian(
  db: Db,
  overrides: Partial<Prisma.GuardianUncheckedCreateInput> & Pick<Prisma.GuardianUncheckedCreateInput, "districtId" | "studentId">,
) {
  const n = nextSeq();
  return db.guardian.create({ data: { name: `Guardian ${n}`, relationship: "Parent", ...overrides } });
}

export function makeCaseloadAssignment(
  db: Db,
  overrides: Partial<Prisma.CaseloadAssignmentUncheckedCreateInput> &
    Pick<Prisma.CaseloadAssignmentUncheckedCreateInput, "districtId" | "studentId" | "membershipId">,
) {
  return db.caseloadAssignment.create({ data: { role: "CASE_MANAGER", ...overrides } });
}

// ------------------------------------------------ measures, library, plans

export function makeMeasure(db: Db, overrides: Partial<Prisma.MeasureUncheckedCreateInput> & Pick<Prisma.MeasureUncheckedCreateInput, "districtId">) {
  const n = nextSeq();
  return db.measure.create({
    data: {
      key: `measure_${n}`,
      name: `ORF words correct per minute ${n}`,
      unit: "WCPM",
      direction: "HIGHER",
      minValue: 0,
      decimals: 0,
      phrase: "read {n} words correct per minute",
      ...overrides,
    },
  });
}

/** An intervention with its fidelity components (labels, in order) and fitting measures. */
export async function makeIntervention(
  db: Db,
  overrides: Partial<Prisma.InterventionUncheckedCreateInput> &
    Pick<Prisma.InterventionUncheckedCreateInput, "districtId"> & { components?: string[]; measureIds?: string[] },
) {
  const n = nextSeq();
  const { components = ["Warm-up review", "Explicit instruction", "Guided practice"], measureIds = [], ...data } = overrides;
  const intervention = await db.intervention.create({
    data: {
      name: `Intervention ${n}`,
      area: "READING",
      tiers: ["TIER_2", "TIER_3"],
      description: "Small-group explicit instruction.",
      evidenceLevel: "MODERATE",
      minutesPerSession: 30,
      sessionsPerWeek: 3,
      weeks: 12,
      groupSizeMin: 1,
      groupSizeMax: 5,
      ...data,
    },
  });
  await db.interventionComponent.createMany({
    data: components.map((label, position) => ({ districtId: intervention.districtId, interventionId: intervention.id, label, position })),
  });
  if (measureIds.length) {
    await db.interventionMeasure.createMany({ data: measureIds.map((measureId) => ({ districtId: intervention.districtId, interventionId: intervention.id, measureId })) });
  }
  return intervention;
}

/**
 * A plan with its students, interventionists (memberships) and phase 1, as
 * createPlan would leave it. Status defaults to ACTIVE (approved by the author).
 */
export async function makePlan(
  db: Db,
  overrides: Partial<Prisma.InterventionPlanUncheckedCreateInput> &
    Pick<Prisma.InterventionPlanUncheckedCreateInput, "districtId" | "schoolId" | "createdByUserId"> & {
      studentIds: string[];
      interventionistMembershipIds?: string[];
    },
) {
  const { studentIds, interventionistMembershipIds = [], ...data } = overrides;
  const status = data.status ?? "ACTIVE";
  const plan = await db.interventionPlan.create({
    data: {
      area: "READING",
      minutesPerSession: 30,
      sessionsPerWeek: 3,
      groupSize: studentIds.length,
      scheduleDays: [1, 3, 5],
      startDate: new Date("2026-09-21T00:00:00Z"),
      reviewDate: new Date("2026-12-18T00:00:00Z"),
      ...(data.interventionId ? {} : { customIntervention: "Repeated reading" }),
      ...(status === "ACTIVE" ? { approvedByUserId: data.createdByUserId, approvedAt: new Date() } : {}),
      ...data,
      status,
    },
  });
  const { districtId } = plan;
  await db.planStudent.createMany({ data: studentIds.map((studentId) => ({ districtId, planId: plan.id, studentId })) });
  if (interventionistMembershipIds.length) {
    await db.planInterventionist.createMany({ data: interventionistMembershipIds.map((membershipId) => ({ districtId, planId: plan.id, membershipId })) });
  }
  const interventionists = await db.membership.findMany({ where: { districtId, id: { in: interventionistMembershipIds } }, select: { user: { select: { name: true } } } });
  await db.planPhase.create({
    data: {
      districtId,
      planId: plan.id,
      number: 1,
      startDate: plan.startDate,
      interventionId: plan.interventionId,
      customIntervention: plan.customIntervention,
      minutesPerSession: plan.minutesPerSession,
      sessionsPerWeek: plan.sessionsPerWeek,
      groupSize: plan.groupSize,
      interventionistNames: interventionists.map((m) => m.user.name).sort(),
      createdByUserId: plan.createdByUserId,
      createdAt: plan.createdAt,
    },
  });
  await db.planEvent.create({ data: { districtId, planId: plan.id, kind: "CREATED", actorUserId: plan.createdByUserId, createdAt: plan.createdAt } });
  return plan;
}

export function makeGoal(
  db: Db,
  overrides: Partial<Prisma.GoalUncheckedCreateInput> &
    Pick<Prisma.GoalUncheckedCreateInput, "districtId" | "planId" | "studentId" | "measureId" | "createdByUserId">,
) {
  return db.goal.create({
    data: {
      baselineValue: 41,
      baselineDate: new Date("2026-09-18T00:00:00Z"),
      targetValue: 72,
      targetDate: new Date("2027-03-12T00:00:00Z"),
      ...overrides,
    },
  });
}

export function makeSession(
  db: Db,
  overrides: Partial<Prisma.InterventionSessionUncheckedCreateInput> &
    Pick<Prisma.InterventionSessionUncheckedCreateInput, "districtId" | "planId" | "loggedByUserId">,
) {
  const n = nextSeq();
  return db.interventionSession.create({
    data: { date: new Date("2026-09-21T00:00:00Z"), minutes: 30, status: "HELD", clientKey: `factory-${n}`, ...overrides },
  });
}

/** A student's attendance of a session (its plan and date copied from the session, as logSession writes them). */
export function makeAttendance(
  db: Db,
  session: { districtId: string; id: string; planId: string; date: Date },
  studentId: string,
  overrides: Partial<Prisma.SessionAttendanceUncheckedCreateInput> = {},
) {
  return db.sessionAttendance.create({
    data: { districtId: session.districtId, sessionId: session.id, planId: session.planId, date: session.date, studentId, status: "PRESENT", ...overrides },
  });
}

export function makeProbe(
  db: Db,
  overrides: Partial<Prisma.ProbeUncheckedCreateInput> & Pick<Prisma.ProbeUncheckedCreateInput, "districtId" | "studentId" | "measureId" | "givenByUserId">,
) {
  return db.probe.create({ data: { date: new Date("2026-09-25T00:00:00Z"), score: 45, ...overrides } });
}

// ------------------------------------------------------------ accommodations

export function makeAccommodation(
  db: Db,
  overrides: Partial<Prisma.StudentAccommodationUncheckedCreateInput> &
    Pick<Prisma.StudentAccommodationUncheckedCreateInput, "districtId" | "studentId" | "createdByUserId">,
) {
  return db.studentAccommodation.create({
    data: { description: "Extended time (1.5x) on tests", source: "IEP", startDate: new Date("2026-09-08T00:00:00Z"), ...overrides },
  });
}

// ------------------------------------------------------------ behaviour

export function makeBehaviorCode(
  db: Db,
  overrides: Partial<Prisma.BehaviorCodeUncheckedCreateInput> & Pick<Prisma.BehaviorCodeUncheckedCreateInput, "districtId">,
) {
  const n = nextSeq();
  const kind = overrides.kind ?? "BEHAVIOR";
  return db.behaviorCode.create({ data: { kind, code: `CODE_${n}`, label: `Code ${n}`, severity: kind === "BEHAVIOR" ? "MINOR" : null, ...overrides } });
}

export function makeIncident(
  db: Db,
  overrides: Partial<Prisma.IncidentUncheckedCreateInput> &
    Pick<Prisma.IncidentUncheckedCreateInput, "districtId" | "schoolId" | "studentId" | "behaviorCodeId" | "locationCodeId" | "reportedByUserId">,
) {
  const severity = overrides.severity ?? "MINOR";
  return db.incident.create({
    data: {
      reportId: crypto.randomUUID(),
      occurredOn: new Date("2026-10-06T00:00:00Z"),
      occurredMinute: 10 * 60 + 15,
      severity,
      status: severity === "MAJOR" ? "AWAITING_REVIEW" : "HANDLED",
      ...overrides,
    },
  });
}

// ------------------------------------------------------------ IEP and 504 records

/** An active IEP (or what overrides say) with its dates a year and three years on. */
export function makeSpecialEdPlan(
  db: Db,
  overrides: Partial<Prisma.SpecialEdPlanUncheckedCreateInput> & Pick<Prisma.SpecialEdPlanUncheckedCreateInput, "districtId" | "studentId">,
) {
  return db.specialEdPlan.create({
    data: {
      type: "IEP",
      status: "ACTIVE",
      startDate: new Date("2026-02-10T00:00:00Z"),
      lastMeetingDate: new Date("2026-02-10T00:00:00Z"),
      annualReviewDue: new Date("2027-02-10T00:00:00Z"),
      lastEvaluationDate: new Date("2025-12-01T00:00:00Z"),
      reevaluationDue: new Date("2028-12-01T00:00:00Z"),
      ...overrides,
    },
  });
}

export function makeSpecialEdService(
  db: Db,
  overrides: Partial<Prisma.SpecialEdServiceUncheckedCreateInput> & Pick<Prisma.SpecialEdServiceUncheckedCreateInput, "districtId" | "planId" | "createdByUserId">,
) {
  return db.specialEdService.create({
    data: {
      area: "Specialized instruction: reading",
      minutes: 120,
      frequency: "WEEKLY",
      providerRole: "Special education teacher",
      setting: "Resource room",
      startDate: new Date("2026-02-10T00:00:00Z"),
      ...overrides,
    },
  });
}
