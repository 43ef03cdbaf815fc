// The previous school year of the benchmark school's students on plans (issue
// 14's benchmark: the history feed of a student with two years of weekly
// probes and sessions). Each active plan of the school of the scale
// district's coordinator gets a completed plan of the year before, with the
// same students, interventionist and dosage, and its 40 weeks of sessions,
// attendance and components (scale-sessions.ts insertSessions), ten weeks
// before the current plans began. Only that school: the rest of the district
// keeps one year of sessions, which is what the other targets measure.
import { Prisma } from "@/generated/prisma/client";
import { addDays, weekStart } from "@/domain/dosage";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { CLOSED_WEEKS, insertSessions, SCALE_SCHOOL_WEEKS, uuidOfMd5 } from "./scale-sessions";

/** The coordinator whose school gets the previous year (SCALE_ACCOUNTS.coordinator). */
const HISTORY_COORDINATOR = "coordinator1@scale.example";

/** Adds the previous year's plans and sessions unless the district has completed plans; returns whether it wrote anything. */
export async function seedScaleHistory(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const has = await withTenant(districtId, (tx) => tx.interventionPlan.count({ where: { districtId, status: "COMPLETED" } }), db);
  if (has > 0) return false;
  const started = performance.now();
  const today = todayIso();
  const start = addDays(weekStart(today), -7 * SCALE_SCHOOL_WEEKS);
  const from = addDays(start, -7 * (SCALE_SCHOOL_WEEKS + 10));
  const to = addDays(from, 7 * SCALE_SCHOOL_WEEKS - 3);
  const closedDays = CLOSED_WEEKS.map((w) => addDays(from, 7 * w + 4));

  await withTenant(
    districtId,
    async (tx) => {
      const school = await tx.membershipSchool.findFirst({
        where: { districtId, membership: { role: "COORDINATOR", user: { email: HISTORY_COORDINATOR } } },
        select: { schoolId: true },
      });
      if (!school) return;
      const newId = (what: string) => uuidOfMd5(Prisma.sql`md5(${`scale-previous-${what}/`} || p."id")`);
      const plans = await tx.$executeRaw`
        INSERT INTO "InterventionPlan" ("id", "districtId", "schoolId", "area", "interventionId", "minutesPerSession", "sessionsPerWeek", "groupSize",
                                        "scheduleDays", "scheduleTime", "startDate", "reviewDate", "endDate", "status", "statusReason",
                                        "createdByUserId", "approvedByUserId", "approvedAt", "createdAt", "updatedAt")
        SELECT ${newId("plan")}, p."districtId", p."schoolId", p."area", p."interventionId", p."minutesPerSession", p."sessionsPerWeek", p."groupSize",
               p."scheduleDays", p."scheduleTime", ${from}::date, ${to}::date, ${to}::date, 'COMPLETED',
               'End of the school year: the team continues support in the fall with a new plan',
               p."createdByUserId", p."approvedByUserId", ${from}::timestamptz, ${from}::timestamptz, ${to}::timestamptz
        FROM "InterventionPlan" p
        WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'ACTIVE'`;
      await tx.$executeRaw`
        INSERT INTO "PlanStudent" ("districtId", "planId", "studentId", "addedAt")
        SELECT ps."districtId", ${newId("plan")}, ps."studentId", ${from}::timestamptz
        FROM "InterventionPlan" p JOIN "PlanStudent" ps ON ps."districtId" = p."districtId" AND ps."planId" = p."id"
        WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'ACTIVE'`;
      await tx.$executeRaw`
        INSERT INTO "PlanInterventionist" ("districtId", "planId", "membershipId")
        SELECT pi."districtId", ${newId("plan")}, pi."membershipId"
        FROM "InterventionPlan" p JOIN "PlanInterventionist" pi ON pi."districtId" = p."districtId" AND pi."planId" = p."id"
        WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'ACTIVE'`;
      await tx.$executeRaw`
        INSERT INTO "PlanPhase" ("id", "districtId", "planId", "number", "startDate", "interventionId", "customIntervention", "minutesPerSession",
                                 "sessionsPerWeek", "groupSize", "interventionistNames", "createdByUserId", "createdAt")
        SELECT ${newId("phase")}, pp."districtId", ${newId("plan")}, 1, ${from}::date, pp."interventionId", pp."customIntervention", pp."minutesPerSession",
               pp."sessionsPerWeek", pp."groupSize", pp."interventionistNames", pp."createdByUserId", ${from}::timestamptz
        FROM "InterventionPlan" p JOIN "PlanPhase" pp ON pp."districtId" = p."districtId" AND pp."planId" = p."id" AND pp."number" = 1
        WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'ACTIVE'`;
      await tx.$executeRaw`
        INSERT INTO "PlanEvent" ("id", "districtId", "planId", "kind", "comment", "actorUserId", "createdAt")
        SELECT ${newId("completed")}, p."districtId", ${newId("plan")}, 'COMPLETED', 'End of the school year: the team continues support in the fall with a new plan',
               p."createdByUserId", ${to}::timestamptz + interval '16 hours'
        FROM "InterventionPlan" p
        WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'ACTIVE'`;
      log(`  ${plans} completed plans of the previous school year (${from} to ${to}) in the coordinator's school`);
      await insertSessions(
        tx,
        districtId,
        Prisma.sql`p."schoolId" = ${school.schoolId}::uuid AND p."status" = 'COMPLETED' AND p."startDate" = ${from}::date`,
        from,
        to,
        closedDays,
        log,
      );
    },
    db,
    30 * 60_000,
  );
  log(`  previous school year in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
