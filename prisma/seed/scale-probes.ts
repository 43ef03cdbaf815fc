// Goals and two years of weekly probes for the scale district's plans
// (issue 6's benchmark: about 1.5 million probes), a plan change on a third
// of the plans, and a specialist whose caseload holds 60 students on plans
// (the "needs review" list it measures). Runs after the plans and sessions
// (scale-sessions.ts); the database makes the rows with INSERT ... SELECT over
// generate_series, and every score comes from hashes of ids, so a run on the
// same day writes the same data.
//
// Each student on an active plan gets one goal per measure of the plan's area
// (reading: ORF and maze; math: computation; behaviour: disruptive behaviour,
// where lower is better), its baseline two years before last Friday and its
// target ten weeks ahead, and a probe every Friday since the baseline. The
// goals span more than the plans (which began this school year): the
// monitoring history a two-year graph reads. Students grow at 0.8 to 1.2
// times their aimline's pace, from a level up to 35% of the goal's growth
// above or below the baseline, with a few points of noise, so the decision
// rules land on every outcome (about a third continue); 1% of probes are
// marked invalid and 8% of goals stopped being probed four weeks ago (overdue).
import { Prisma } from "@/generated/prisma/client";
import { addDays, weekStart } from "@/domain/dosage";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { uuidOfMd5 } from "./scale-sessions";

/** Weekly probes per goal: two school years and the summers between. */
export const SCALE_PROBE_WEEKS = 104;
/** Students on plans in the needs-review benchmark's caseload. */
export const SCALE_REVIEW_CASELOAD = 60;
/** The specialist whose caseload is brought to SCALE_REVIEW_CASELOAD students on plans (SCALE_ACCOUNTS.specialist). */
const REVIEW_SPECIALIST = "specialist1@scale.example";
const WEEKS_AHEAD = 10;

// Per area, the measures and how their goals and scores are drawn: baseline
// from lo to lo + span, aimline rate per week, noise per probe (± 3 steps).
const MEASURES = Prisma.sql`(VALUES
  ('READING', 'orf_wcpm', 20::float8, 40::float8, 0.8::float8, 1.5::float8),
  ('READING', 'maze_correct', 3, 8, 0.15, 0.7),
  ('MATH', 'math_computation_dcpm', 8, 15, 0.3, 1),
  ('BEHAVIOR', 'dbr_disruptive_behaviour', 6, 3, -0.035, 0.3)
) AS sp("area", "key", "lo", "span", "aim", "noise")`;

/** Adds the goals, probes, plan changes and caseload unless the district has goals; returns whether it wrote anything. */
export async function seedScaleProbes(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const has = await withTenant(districtId, (tx) => tx.goal.count({ where: { districtId } }), db);
  if (has > 0) return false;
  const started = performance.now();
  const today = todayIso();
  const baselineDate = addDays(weekStart(today), -3 - 7 * SCALE_PROBE_WEEKS);
  const targetDate = addDays(weekStart(today), 7 * WEEKS_AHEAD);
  const goalWeeks = (SCALE_PROBE_WEEKS * 7 + 3 + 7 * WEEKS_AHEAD) / 7;
  const phaseStart = addDays(weekStart(today), -7 * 16);

  await withTenant(
    districtId,
    async (tx) => {
      const goals = await tx.$executeRaw`
        INSERT INTO "Goal" ("id", "districtId", "planId", "studentId", "measureId", "baselineValue", "baselineDate", "baselineScores", "baselineDates",
                            "targetValue", "targetDate", "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-goal/' || ps."planId" || '/' || ps."studentId" || '/' || sp."key")`)}, p."districtId", p."id", ps."studentId", m."id",
               b."value", ${baselineDate}::date, '{}', '{}',
               round((b."value" + sp."aim" * ${goalWeeks}::float8)::numeric, m."decimals")::float8, ${targetDate}::date,
               p."createdByUserId", ${baselineDate}::timestamptz, ${baselineDate}::timestamptz
        FROM "PlanStudent" ps
        JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
        JOIN ${MEASURES} ON sp."area" = p."area"::text
        JOIN "Measure" m ON m."districtId" = p."districtId" AND m."key" = sp."key"
        CROSS JOIN LATERAL (
          SELECT round((sp."lo" + (abs(hashtext(ps."studentId"::text || sp."key")) % 1000) / 1000.0 * sp."span")::numeric, m."decimals")::float8 AS "value"
        ) b
        WHERE p."districtId" = ${districtId}::uuid AND p."status" = 'ACTIVE'`;
      log(`  ${goals} goals (baselines on ${baselineDate}, targets on ${targetDate})`);

      const probes = await tx.$executeRaw`
        INSERT INTO "Probe" ("id", "districtId", "studentId", "measureId", "goalId", "date", "score", "givenByUserId", "invalidatedAt", "invalidReason", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5(g."id"::text || '/' || k)`)}, g."districtId", g."studentId", g."measureId", g."id", g."baselineDate" + 7 * k,
               least(coalesce(m."maxValue", 'Infinity'), greatest(coalesce(m."minValue", '-Infinity'), round((
                 g."baselineValue" + (g."targetValue" - g."baselineValue") * (f."level" + k / ${goalWeeks}::float8 * f."pace")
                 + sp."noise" * (abs(hashtext(g."id"::text || k)) % 7 - 3))::numeric, m."decimals")::float8)),
               giver."userId",
               CASE WHEN f."invalid" THEN (g."baselineDate" + 7 * k)::timestamptz + interval '20 hours' END,
               CASE WHEN f."invalid" THEN 'Read a passage the student had practised' END,
               (g."baselineDate" + 7 * k)::timestamptz + interval '14 hours', (g."baselineDate" + 7 * k)::timestamptz + interval '14 hours'
        FROM "Goal" g
        JOIN "Measure" m ON m."districtId" = g."districtId" AND m."id" = g."measureId"
        JOIN ${MEASURES} ON sp."key" = m."key"
        CROSS JOIN LATERAL (
          SELECT mm."userId" FROM "PlanInterventionist" pi
          JOIN "Membership" mm ON mm."districtId" = pi."districtId" AND mm."id" = pi."membershipId"
          WHERE pi."districtId" = g."districtId" AND pi."planId" = g."planId"
          ORDER BY mm."id" LIMIT 1
        ) giver
        CROSS JOIN generate_series(1, ${SCALE_PROBE_WEEKS}) AS k
        CROSS JOIN LATERAL (
          SELECT 0.8 + (abs(hashtext(g."id"::text || 'pace')) % 41) / 100.0 AS "pace",
                 (abs(hashtext(g."id"::text || 'level')) % 71 - 35) / 100.0 AS "level",
                 abs(hashtext(g."id"::text || 'stop')) % 100 < 8 AS "stopped",
                 abs(hashtext(g."id"::text || k || 'invalid')) % 100 = 0 AS "invalid"
        ) f
        WHERE g."districtId" = ${districtId}::uuid AND (NOT f."stopped" OR k <= ${SCALE_PROBE_WEEKS - 4})`;
      log(`  ${probes} probes (weekly, ${SCALE_PROBE_WEEKS} weeks)`);

      // A plan change 16 weeks ago on a third of the plans (same dosage, so the
      // sessions' planned minutes stay as they were): phase lines on the graph,
      // and a shorter period for the decision rules.
      const phases = await tx.$executeRaw`
        INSERT INTO "PlanPhase" ("id", "districtId", "planId", "number", "startDate", "interventionId", "customIntervention", "minutesPerSession",
                                 "sessionsPerWeek", "groupSize", "interventionistNames", "change", "createdByUserId", "createdAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-phase-2/' || pp."planId")`)}, pp."districtId", pp."planId", 2, ${phaseStart}::date, pp."interventionId", pp."customIntervention",
               pp."minutesPerSession", pp."sessionsPerWeek", pp."groupSize", pp."interventionistNames",
               'Smaller steps and daily error correction after the data review', pp."createdByUserId", ${phaseStart}::timestamptz
        FROM "PlanPhase" pp
        WHERE pp."districtId" = ${districtId}::uuid AND pp."number" = 1 AND abs(hashtext(pp."planId"::text || 'phase')) % 3 = 0`;
      await tx.$executeRaw`
        INSERT INTO "PlanEvent" ("id", "districtId", "planId", "kind", "comment", "actorUserId", "createdAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-phase-2-event/' || pp."planId")`)}, pp."districtId", pp."planId", 'CHANGED', pp."change", pp."createdByUserId", pp."createdAt"
        FROM "PlanPhase" pp
        WHERE pp."districtId" = ${districtId}::uuid AND pp."number" = 2`;
      log(`  ${phases} plan changes (phase 2 from ${phaseStart})`);

      // The review specialist's caseload: enough of their school's students on plans to have SCALE_REVIEW_CASELOAD.
      const added = await tx.$executeRaw`
        WITH me AS (
          SELECT m."id", ms."schoolId" FROM "Membership" m
          JOIN "User" u ON u."id" = m."userId"
          JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
          WHERE m."districtId" = ${districtId}::uuid AND u."email" = ${REVIEW_SPECIALIST}
        ), on_plans AS (
          SELECT DISTINCT ps."studentId", EXISTS (
                   SELECT 1 FROM "CaseloadAssignment" ca
                   WHERE ca."districtId" = ps."districtId" AND ca."studentId" = ps."studentId" AND ca."membershipId" = me."id" AND ca."endedAt" IS NULL
                 ) AS "mine"
          FROM "PlanStudent" ps
          JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
          CROSS JOIN me
          WHERE p."districtId" = ${districtId}::uuid AND p."schoolId" = me."schoolId" AND p."status" = 'ACTIVE'
        )
        INSERT INTO "CaseloadAssignment" ("id", "districtId", "studentId", "membershipId", "role", "startedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-review-caseload/' || o."studentId")`)}, ${districtId}::uuid, o."studentId", me."id", 'CASE_MANAGER', ${baselineDate}::timestamptz
        FROM on_plans o CROSS JOIN me
        WHERE NOT o."mine"
        ORDER BY o."studentId"
        LIMIT greatest(0, ${SCALE_REVIEW_CASELOAD} - (SELECT count(*) FROM on_plans WHERE "mine"))`;
      log(`  ${added} students added to ${REVIEW_SPECIALIST}'s caseload (${SCALE_REVIEW_CASELOAD} on plans)`);
    },
    db,
    30 * 60_000,
  );
  log(`  goals and probes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
