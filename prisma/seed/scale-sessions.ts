// Intervention plans and one school year of sessions for the scale district
// (issue 5's benchmark: about 2 million session-student rows). Every Tier 2
// student is in a group of up to four (same school and area), every Tier 3
// student has a plan of their own; all meet Monday to Friday and are
// delivered by one of the school's assistants. The sessions cover the 40
// weeks (200 school days) before the current week and are written by a few
// INSERT ... SELECT over generate_series, so the database makes the rows,
// not JavaScript. Outcomes come from hashes of the ids: deterministic for a
// given run date, with some plans delivered poorly (cancelled sessions) or
// with low fidelity (components left out) so the oversight list has rows.
import { Prisma } from "@/generated/prisma/client";
import type { AppDb } from "@/server/db/client";
import { withTenant, type Tx } from "@/server/db/tenant";
import { addDays, weekStart } from "@/domain/dosage";
import { todayIso } from "@/server/students/schemas";

/** The library intervention each area's plans use (prisma/seed/library.ts). */
const INTERVENTION_OF_AREA: Record<string, string> = {
  READING: "Read Naturally",
  MATH: "Number Rockets",
  BEHAVIOR: "Check-In/Check-Out (CICO)",
};
export const SCALE_SCHOOL_WEEKS = 40;
const GROUP_SIZE = 4;
/** Weeks (after the start) whose Friday the schools were closed. */
export const CLOSED_WEEKS = [6, 12, 18, 24, 30, 36];

/**
 * SQL for a deterministic uuid from an md5 in hex: with the version (4) and
 * variant bits set, so it is a valid RFC 9562 uuid (z.uuid() checks them).
 */
export const uuidOfMd5 = (hex: Prisma.Sql) => Prisma.sql`(substr(${hex}, 1, 12) || '4' || substr(${hex}, 14, 3) || '8' || substr(${hex}, 18))::uuid`;

/**
 * Whether the session with id `sessionId` (SQL) of plan `p` delivered the
 * component `c`: 97% of the time, and only the first three of five for the
 * 10% of plans with low fidelity. Shared by the count on the session and its rows.
 */
const deliveredSql = (sessionId: Prisma.Sql) =>
  Prisma.sql`(abs(hashtext(p."id"::text || 'fidelity')) % 100 >= 10 OR c."position" < 3) AND abs(hashtext(${sessionId}::text || c."id"::text)) % 100 < 97`;
/** Component `c` is one of plan `p`'s intervention's active components. */
const activeComponentSql = Prisma.sql`c."districtId" = p."districtId" AND c."interventionId" = p."interventionId" AND c."retiredAt" IS NULL`;

/** Deterministic uuids of some texts, in their order. */
const hashUuids = (tx: Tx, texts: string[]) =>
  tx.$queryRaw<{ id: string }[]>`SELECT ${uuidOfMd5(Prisma.sql`md5(t)`)}::text AS id FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`.then((r) => r.map((x) => x.id));

/** Adds the plans and sessions unless the district has plans already; returns whether it wrote anything. */
export async function seedScaleSessions(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const has = await withTenant(districtId, (tx) => tx.interventionPlan.count({ where: { districtId } }), db);
  if (has > 0) return false;
  const started = performance.now();
  const today = todayIso();
  const start = addDays(weekStart(today), -7 * SCALE_SCHOOL_WEEKS);
  const closedDays = CLOSED_WEEKS.map((w) => addDays(start, 7 * w + 4));

  await withTenant(
    districtId,
    async (tx) => {
      const plans = await planRows(tx, districtId, start);
      await tx.interventionPlan.createMany({ data: plans.map((p) => p.plan) });
      await tx.planStudent.createMany({ data: plans.flatMap((p) => p.students) });
      await tx.planInterventionist.createMany({ data: plans.map((p) => p.interventionist) });
      await tx.planPhase.createMany({ data: plans.map((p) => p.phase) });
      log(`  ${plans.length} plans for ${plans.reduce((n, p) => n + p.students.length, 0)} Tier 2/3 students`);

      await insertSessions(tx, districtId, Prisma.sql`TRUE`, start, addDays(today, -1), closedDays, log);
    },
    db,
    30 * 60_000,
  );
  log(`  plans and sessions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * The sessions of the plans `p` that match `plans` (SQL over the plan row
 * "p") on the school days from `from` to `to`, with their attendance and
 * delivered components.
 */
export async function insertSessions(tx: Tx, districtId: string, plans: Prisma.Sql, from: string, to: string, closedDays: string[], log: (line: string) => void) {
  // One row per plan and school day before today. About 15% of plans
  // lose a quarter of their sessions to cancellations (below the dosage
  // threshold); about 10% deliver 3 components of 5 (below fidelity).
  const sessions = await tx.$executeRaw`
    INSERT INTO "InterventionSession" ("id", "districtId", "planId", "date", "startTime", "minutes", "status", "componentsDelivered", "clientKey", "loggedByUserId", "createdAt", "updatedAt")
    SELECT k.id, p."districtId", p."id", d::date, p."scheduleTime",
           CASE WHEN o.status = 'HELD' THEN p."minutesPerSession" - CASE WHEN o.r % 10 = 0 THEN 5 ELSE 0 END END,
           o.status::"SessionStatus",
           CASE WHEN o.status = 'HELD' THEN (SELECT count(*) FROM "InterventionComponent" c WHERE ${activeComponentSql} AND ${deliveredSql(Prisma.sql`k.id`)}) ELSE 0 END,
           'seed-' || k.h, m."userId",
           d + interval '15 hours', d + interval '15 hours'
    FROM "InterventionPlan" p
    JOIN "PlanInterventionist" pi ON pi."districtId" = p."districtId" AND pi."planId" = p."id"
    JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
    CROSS JOIN generate_series(${from}::date, ${to}::date, interval '1 day') AS d
    CROSS JOIN LATERAL (SELECT h, ${uuidOfMd5(Prisma.sql`h`)} AS id FROM (SELECT md5(p."id"::text || d::date::text) AS h) x) k
    CROSS JOIN LATERAL (
      SELECT r, CASE
        WHEN d::date = ANY(${closedDays}::date[]) THEN 'SCHOOL_CLOSED'
        WHEN r < (CASE WHEN abs(hashtext(p."id"::text)) % 100 < 15 THEN 25 ELSE 3 END) THEN 'CANCELLED'
        WHEN r < (CASE WHEN abs(hashtext(p."id"::text)) % 100 < 15 THEN 27 ELSE 5 END) THEN 'INTERVENTIONIST_ABSENT'
        WHEN p."groupSize" = 1 AND r >= 95 THEN 'STUDENT_ABSENT'
        ELSE 'HELD' END AS status
      FROM (SELECT abs(hashtext(p."id"::text || d::date::text)) % 100 AS r) x
    ) o
    WHERE p."districtId" = ${districtId}::uuid AND ${plans} AND extract(isodow FROM d) BETWEEN 1 AND 5`;
  log(`  ${sessions} sessions (${from} to ${to})`);

  // Everyone is offered a held or student-absent session: in groups about
  // 6% are absent and 3% partial; a plan of one student attends when held.
  const attendance = await tx.$executeRaw`
    INSERT INTO "SessionAttendance" ("districtId", "sessionId", "planId", "studentId", "date", "status", "minutes")
    SELECT s."districtId", s."id", s."planId", ps."studentId", s."date", a.status::"AttendanceStatus",
           CASE WHEN a.status = 'PARTIAL' THEN s."minutes" / 2 END
    FROM "InterventionSession" s
    JOIN "InterventionPlan" p ON p."districtId" = s."districtId" AND p."id" = s."planId"
    JOIN "PlanStudent" ps ON ps."districtId" = s."districtId" AND ps."planId" = s."planId"
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN s."status" = 'STUDENT_ABSENT' THEN 'ABSENT'
        WHEN p."groupSize" = 1 THEN 'PRESENT'
        WHEN abs(hashtext(s."id"::text || ps."studentId"::text)) % 100 < 6 THEN 'ABSENT'
        WHEN abs(hashtext(s."id"::text || ps."studentId"::text)) % 100 < 9 THEN 'PARTIAL'
        ELSE 'PRESENT' END AS status
    ) a
    WHERE s."districtId" = ${districtId}::uuid AND ${plans} AND s."date" BETWEEN ${from}::date AND ${to}::date AND s."status" IN ('HELD', 'STUDENT_ABSENT')`;
  log(`  ${attendance} session-student attendance rows`);

  const components = await tx.$executeRaw`
    INSERT INTO "SessionComponent" ("districtId", "sessionId", "componentId")
    SELECT s."districtId", s."id", c."id"
    FROM "InterventionSession" s
    JOIN "InterventionPlan" p ON p."districtId" = s."districtId" AND p."id" = s."planId"
    JOIN "InterventionComponent" c ON ${activeComponentSql}
    WHERE s."districtId" = ${districtId}::uuid AND ${plans} AND s."date" BETWEEN ${from}::date AND ${to}::date AND s."status" = 'HELD' AND ${deliveredSql(Prisma.sql`s."id"`)}`;
  log(`  ${components} components delivered`);
}

/** The plans, their students, interventionist and phase 1, from the district's current Tier 2/3 decisions. */
async function planRows(tx: Tx, districtId: string, start: string) {
  const tiers = await tx.studentTier.findMany({
    where: { districtId, tier: { in: ["TIER_2", "TIER_3"] } },
    select: { studentId: true, area: true, tier: true, student: { select: { schoolId: true } } },
    orderBy: [{ studentId: "asc" }],
  });
  const staff = await tx.membership.findMany({
    where: { districtId, role: { in: ["ASSISTANT", "COORDINATOR"] }, deactivatedAt: null },
    select: { id: true, userId: true, role: true, user: { select: { name: true } }, schools: { select: { schoolId: true } } },
    orderBy: { id: "asc" },
  });
  const assistants = new Map<string, string[]>();
  const names = new Map(staff.map((m) => [m.id, m.user.name]));
  const coordinators = new Map<string, string>();
  for (const m of staff) {
    for (const { schoolId } of m.schools) {
      if (m.role === "ASSISTANT") assistants.set(schoolId, [...(assistants.get(schoolId) ?? []), m.id]);
      else coordinators.set(schoolId, m.userId);
    }
  }
  const interventions = await tx.intervention.findMany({
    where: { districtId, name: { in: Object.values(INTERVENTION_OF_AREA) } },
    select: { id: true, name: true, minutesPerSession: true },
  });
  const byArea = new Map(Object.entries(INTERVENTION_OF_AREA).map(([area, name]) => [area, interventions.find((i) => i.name === name)]));

  // Tier 2 students in groups of GROUP_SIZE per school and area; Tier 3 alone.
  type Group = { key: string; schoolId: string; area: (typeof tiers)[number]["area"]; tier: string; studentIds: string[] };
  const groups: Group[] = [];
  const filling = new Map<string, Group>();
  for (const t of tiers) {
    const kind = `${t.student.schoolId}/${t.area}/${t.tier}`;
    let group = filling.get(kind);
    if (!group || group.studentIds.length === (t.tier === "TIER_2" ? GROUP_SIZE : 1)) {
      group = { key: `${kind}/${groups.length}`, schoolId: t.student.schoolId, area: t.area, tier: t.tier, studentIds: [] };
      groups.push(group);
      filling.set(kind, group);
    }
    group.studentIds.push(t.studentId);
  }
  const ids = await hashUuids(tx, groups.map((g) => `scale-plan/${g.key}`));
  const startDate = new Date(`${start}T00:00:00Z`);
  return groups.map((g, i) => {
    const id = ids[i]!;
    const intervention = byArea.get(g.area);
    const schoolAssistants = assistants.get(g.schoolId) ?? [];
    const createdByUserId = coordinators.get(g.schoolId);
    if (!intervention || schoolAssistants.length === 0 || !createdByUserId) throw new Error(`The scale seed has no intervention, assistant or coordinator for ${g.key}.`);
    const minutesPerSession = g.tier === "TIER_3" ? 45 : (intervention.minutesPerSession ?? 30);
    const plan: Prisma.InterventionPlanCreateManyInput = {
      id,
      districtId,
      schoolId: g.schoolId,
      area: g.area,
      interventionId: intervention.id,
      minutesPerSession,
      sessionsPerWeek: 5,
      groupSize: g.studentIds.length,
      scheduleDays: [1, 2, 3, 4, 5],
      scheduleTime: `${String(8 + (i % 7)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`,
      startDate,
      reviewDate: new Date(`${addDays(start, 7 * (SCALE_SCHOOL_WEEKS + 6))}T00:00:00Z`),
      status: "ACTIVE",
      createdByUserId,
      approvedByUserId: createdByUserId,
      approvedAt: startDate,
      createdAt: startDate,
    };
    const membershipId = schoolAssistants[i % schoolAssistants.length]!;
    return {
      plan,
      students: g.studentIds.map((studentId) => ({ districtId, planId: id, studentId, addedAt: startDate })),
      interventionist: { districtId, planId: id, membershipId },
      phase: {
        districtId,
        planId: id,
        number: 1,
        startDate,
        interventionId: intervention.id,
        minutesPerSession,
        sessionsPerWeek: 5,
        groupSize: g.studentIds.length,
        interventionistNames: [names.get(membershipId)!],
        createdByUserId,
        createdAt: startDate,
      } satisfies Prisma.PlanPhaseCreateManyInput,
    };
  });
}
