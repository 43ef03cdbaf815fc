// Daily report cards (CICO) of the scale district (issue 15's benchmark): a
// card for 2,000 students on Check-In/Check-Out plans (the Tier 2/3
// behaviour plans of scale-sessions.ts, and individual CICO plans begun with
// the cards for the most-referred students without one, with their daily
// sessions), each with its goal
// (percent of the day's points, cico_percent_points), about 12 school weeks of
// days rated period by period (about 2 million ratings), the day rows and a
// probe per rated day, as the app writes them (src/server/cico/ratings.ts).
// Two in three students respond (their day climbs past the goal), the others
// stay flat; 5% of days absent, 4% late arrivals (first period unrated), 3%
// early pick-ups (last two unrated), as the demo (cico.ts). One staff member,
// SCALE_CICO_RATER, rates exactly SCALE_CICO_RATER_CARDS cards (the rating
// screen's benchmark): students of the CICO plans they deliver, and of more
// plans of their school they are added to when theirs have too few students.
// INSERT ... SELECT with draws from hashes of ids: the same data for a run on
// the same day; a district with fewer cards gets the missing ones.
import { Prisma } from "@/generated/prisma/client";
import { CICO_INTERVENTION_NAME, CICO_MEASURE_KEY, DEFAULT_CICO_EXPECTATIONS, DEFAULT_CICO_PERIODS, DEFAULT_GOAL_PERCENT, DEFAULT_SCALE_MAX } from "@/domain/cico";
import { addDays, weekStart } from "@/domain/dosage";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { scaleSchoolDays } from "./scale-behavior";
import { CLOSED_WEEKS, insertSessions, SCALE_SCHOOL_WEEKS, uuidOfMd5 } from "./scale-sessions";

export const SCALE_CICO_CARDS = 2_000;
/** School days each card has been kept (about 2 million ratings over 2,000 cards). */
export const SCALE_CICO_DAYS = 58;
/** The staff member of the rating screen's benchmark and how many cards they rate. */
export const SCALE_CICO_RATER = "assistant1@scale.example";
export const SCALE_CICO_RATER_CARDS = 10;
const GOAL_WEEKS = 20;

/** Adds the cards the district lacks (up to SCALE_CICO_CARDS); returns whether it wrote anything. */
export async function seedScaleCico(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const has = await withTenant(districtId, (tx) => tx.cicoCard.count({ where: { districtId } }), db);
  if (has >= SCALE_CICO_CARDS) return false;
  const started = performance.now();
  const today = todayIso();
  const days = scaleSchoolDays(addDays(today, -1), SCALE_CICO_DAYS);
  const start = days[0]!;
  // The closed Fridays of the sessions seed's weeks (its calendar), for the new plans' sessions.
  const sessionsStart = addDays(weekStart(today), -7 * SCALE_SCHOOL_WEEKS);
  const closedDays = CLOSED_WEEKS.map((w) => addDays(sessionsStart, 7 * w + 4));

  await withTenant(
    districtId,
    async (tx) => {
      const rater = await tx.membership.findFirst({
        where: { districtId, user: { email: SCALE_CICO_RATER } },
        select: { id: true, userId: true, schools: { select: { schoolId: true } } },
      });
      const schoolId = rater?.schools[0]?.schoolId;
      if (!rater || !schoolId) throw new Error(`${SCALE_CICO_RATER} is not a member of a scale school`);
      const newCards: { planId: string; studentId: string }[] = [];
      if (has === 0) {
        // The CICO plans of the rater's school, theirs first, with their students.
        const plans = await tx.interventionPlan.findMany({
          where: { districtId, schoolId, status: "ACTIVE", intervention: { name: CICO_INTERVENTION_NAME } },
          orderBy: { id: "asc" },
          select: { id: true, students: { select: { studentId: true }, orderBy: { studentId: "asc" } }, interventionists: { select: { membershipId: true } } },
        });
        const own = (p: (typeof plans)[number]) => p.interventionists.some((i) => i.membershipId === rater.id);
        const raterPlans: typeof plans = [];
        for (const p of [...plans.filter(own), ...plans.filter((p) => !own(p))]) {
          if (raterPlans.reduce((n, x) => n + x.students.length, 0) >= SCALE_CICO_RATER_CARDS) break;
          raterPlans.push(p);
        }
        const raterCards = raterPlans.flatMap((p) => p.students.map((s) => ({ planId: p.id, studentId: s.studentId }))).slice(0, SCALE_CICO_RATER_CARDS);
        if (raterCards.length < SCALE_CICO_RATER_CARDS) throw new Error(`${SCALE_CICO_RATER}'s school has too few students on CICO plans`);
        const added = raterPlans.filter((p) => !own(p));
        if (added.length) await tx.planInterventionist.createMany({ data: added.map((p) => ({ districtId, planId: p.id, membershipId: rater.id })), skipDuplicates: true });
        newCards.push(...raterCards);
      }
      const wanted = SCALE_CICO_CARDS - has - newCards.length;

      // Students of CICO plans the rater does not deliver (their screen keeps its ten) and without a card.
      const candidates = Prisma.sql`
        FROM "PlanStudent" ps
        JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
        JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
        JOIN "Student" s ON s."districtId" = ps."districtId" AND s."id" = ps."studentId"
        WHERE p."districtId" = ${districtId}::uuid AND p."status" = 'ACTIVE' AND i."name" = ${CICO_INTERVENTION_NAME} AND s."archivedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "PlanInterventionist" pi WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" AND pi."membershipId" = ${rater.id}::uuid)
          AND NOT EXISTS (SELECT 1 FROM "CicoCard" c WHERE c."districtId" = ps."districtId" AND c."studentId" = ps."studentId")
          AND NOT (ps."studentId" = ANY(${newCards.map((c) => c.studentId)}::uuid[]))`;
      const available = (await tx.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT ps."studentId")::int AS n ${candidates}`)[0]?.n ?? 0;
      if (available < wanted) {
        // Individual CICO plans, begun with the cards, for the most-referred students without a behaviour plan.
        const plans = await tx.$queryRaw<{ id: string }[]>`
          WITH pick AS MATERIALIZED (
            SELECT s."id", s."schoolId", count(inc."id") AS n FROM "Student" s
            JOIN "Incident" inc ON inc."districtId" = s."districtId" AND inc."studentId" = s."id"
            WHERE s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL
              AND NOT EXISTS (SELECT 1 FROM "PlanStudent" ps JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
                              WHERE ps."districtId" = s."districtId" AND ps."studentId" = s."id" AND p."area" = 'BEHAVIOR' AND p."status" IN ('DRAFT', 'ACTIVE'))
            GROUP BY s."id" ORDER BY n DESC, s."id" LIMIT ${wanted - available}
          )
          INSERT INTO "InterventionPlan" ("id", "districtId", "schoolId", "area", "interventionId", "minutesPerSession", "sessionsPerWeek", "groupSize",
                                          "scheduleDays", "scheduleTime", "startDate", "reviewDate", "status", "createdByUserId", "approvedByUserId", "approvedAt", "createdAt", "updatedAt")
          SELECT ${uuidOfMd5(Prisma.sql`md5('scale-cico-plan/' || pick."id")`)}, ${districtId}::uuid, pick."schoolId", 'BEHAVIOR', i."id", coalesce(i."minutesPerSession", 10), 5, 1,
                 '{1,2,3,4,5}', '08:00', ${start}::date, ${addDays(start, 7 * GOAL_WEEKS)}::date, 'ACTIVE', co."userId", co."userId",
                 ${start}::timestamptz, ${start}::timestamptz, ${start}::timestamptz
          FROM pick
          JOIN "Intervention" i ON i."districtId" = ${districtId}::uuid AND i."name" = ${CICO_INTERVENTION_NAME}
          CROSS JOIN LATERAL (SELECT m."userId" FROM "Membership" m JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                              WHERE ms."districtId" = ${districtId}::uuid AND ms."schoolId" = pick."schoolId" AND m."role" = 'COORDINATOR' ORDER BY m."id" LIMIT 1) co
          ON CONFLICT DO NOTHING
          RETURNING "id"::text AS "id"`;
        const ids = plans.map((p) => p.id);
        await tx.$executeRaw`
          INSERT INTO "PlanStudent" ("districtId", "planId", "studentId", "addedAt")
          SELECT ${districtId}::uuid, ${uuidOfMd5(Prisma.sql`md5('scale-cico-plan/' || s."id")`)}, s."id", ${start}::timestamptz
          FROM "Student" s WHERE s."districtId" = ${districtId}::uuid AND ${uuidOfMd5(Prisma.sql`md5('scale-cico-plan/' || s."id")`)} = ANY(${ids}::uuid[])`;
        // Delivered by one of the school's assistants (never the rater of the benchmark).
        await tx.$executeRaw`
          INSERT INTO "PlanInterventionist" ("districtId", "planId", "membershipId")
          SELECT p."districtId", p."id", a."id"
          FROM "InterventionPlan" p
          CROSS JOIN LATERAL (
            SELECT m."id" FROM "Membership" m JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
            WHERE ms."districtId" = p."districtId" AND ms."schoolId" = p."schoolId" AND m."role" = 'ASSISTANT' AND m."deactivatedAt" IS NULL AND m."id" <> ${rater.id}::uuid
            ORDER BY md5(m."id"::text || p."id"::text) LIMIT 1) a
          WHERE p."districtId" = ${districtId}::uuid AND p."id" = ANY(${ids}::uuid[])`;
        await tx.$executeRaw`
          INSERT INTO "PlanPhase" ("id", "districtId", "planId", "number", "startDate", "interventionId", "minutesPerSession", "sessionsPerWeek", "groupSize",
                                   "interventionistNames", "createdByUserId", "createdAt")
          SELECT ${uuidOfMd5(Prisma.sql`md5('scale-cico-phase/' || p."id")`)}, p."districtId", p."id", 1, p."startDate", p."interventionId", p."minutesPerSession", 5, 1,
                 ARRAY[(SELECT u."name" FROM "PlanInterventionist" pi JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
                        JOIN "User" u ON u."id" = m."userId" WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" LIMIT 1)],
                 p."createdByUserId", p."createdAt"
          FROM "InterventionPlan" p WHERE p."districtId" = ${districtId}::uuid AND p."id" = ANY(${ids}::uuid[])`;
        log(`  ${ids.length} individual CICO plans for the most-referred students without a behaviour plan`);
        await insertSessions(tx, districtId, Prisma.sql`p."id" = ANY(${ids}::uuid[])`, start, addDays(today, -1), closedDays, log);
      }
      // One card per student (a student in two CICO plans gets one, on the first).
      const others = await tx.$queryRaw<{ planId: string; studentId: string }[]>`
        SELECT DISTINCT ON (md5('scale-cico/' || ps."studentId"), ps."studentId") ps."planId"::text AS "planId", ps."studentId"::text AS "studentId"
        ${candidates}
        ORDER BY md5('scale-cico/' || ps."studentId"), ps."studentId", ps."planId"
        LIMIT ${wanted}`;
      const cards = [...newCards, ...others];
      const goals = await tx.$executeRaw`
        INSERT INTO "Goal" ("id", "districtId", "planId", "studentId", "measureId", "baselineValue", "baselineDate", "baselineScores", "baselineDates",
                            "targetValue", "targetDate", "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-cico-goal/' || x."studentId")`)}, p."districtId", p."id", x."studentId"::uuid, m."id",
               50 + abs(hashtext(x."studentId" || 'cico-baseline')) % 15, ${addDays(start, -7)}::date, '{}', '{}',
               ${DEFAULT_GOAL_PERCENT}, ${addDays(start, 7 * GOAL_WEEKS)}::date, p."createdByUserId", ${start}::timestamptz, ${start}::timestamptz
        FROM unnest(${cards.map((c) => c.planId)}::uuid[], ${cards.map((c) => c.studentId)}::text[]) AS x("planId", "studentId")
        JOIN "InterventionPlan" p ON p."districtId" = ${districtId}::uuid AND p."id" = x."planId"
        JOIN "Measure" m ON m."districtId" = p."districtId" AND m."key" = ${CICO_MEASURE_KEY}`;
      const made = await tx.$executeRaw`
        INSERT INTO "CicoCard" ("id", "districtId", "studentId", "planId", "goalId", "expectations", "periods", "scaleMax", "goalPercent", "startedOn",
                                "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-cico-card/' || x."studentId")`)}, p."districtId", x."studentId"::uuid, p."id",
               ${uuidOfMd5(Prisma.sql`md5('scale-cico-goal/' || x."studentId")`)}, ${[...DEFAULT_CICO_EXPECTATIONS]}::text[],
               CASE sc."level" WHEN 'ELEMENTARY' THEN ${[...DEFAULT_CICO_PERIODS.ELEMENTARY]}::text[] WHEN 'MIDDLE' THEN ${[...DEFAULT_CICO_PERIODS.MIDDLE]}::text[]
                 ELSE ${[...DEFAULT_CICO_PERIODS.HIGH]}::text[] END,
               ${DEFAULT_SCALE_MAX}, ${DEFAULT_GOAL_PERCENT}, ${start}::date, p."createdByUserId", ${start}::timestamptz, ${start}::timestamptz
        FROM unnest(${cards.map((c) => c.planId)}::uuid[], ${cards.map((c) => c.studentId)}::text[]) AS x("planId", "studentId")
        JOIN "InterventionPlan" p ON p."districtId" = ${districtId}::uuid AND p."id" = x."planId"
        JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"`;
      log(`  ${made} CICO cards with their goals (${goals}) from ${start}${has === 0 ? `; ${SCALE_CICO_RATER} rates ${SCALE_CICO_RATER_CARDS}` : ""}`);

      // The rated days: who rates (the rater of the benchmark on their cards, else the plan's interventionist), absent, late, early.
      await tx.$executeRaw`
        CREATE TEMPORARY TABLE scale_cico_day ON COMMIT DROP AS
        SELECT c."id" AS "cardId", c."districtId", c."studentId", c."goalId", g."measureId", c."periods", c."expectations", c."scaleMax",
               x."day", x."i", abs(hashtext(c."id"::text || x."day"::text)) % 100 AS "u",
               abs(hashtext(c."id"::text || 'responding')) % 3 <> 0 AS "responding",
               (SELECT m."userId" FROM "PlanInterventionist" pi JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
                WHERE pi."districtId" = c."districtId" AND pi."planId" = c."planId" ORDER BY (m."id" = ${rater.id}::uuid) DESC, m."id" LIMIT 1) AS "rater"
        FROM "CicoCard" c
        JOIN "Goal" g ON g."districtId" = c."districtId" AND g."id" = c."goalId"
        CROSS JOIN unnest(${days}::date[]) WITH ORDINALITY AS x("day", "i")
        WHERE c."districtId" = ${districtId}::uuid AND c."studentId" = ANY(${cards.map((c) => c.studentId)}::uuid[])`;
      const ratings = await tx.$executeRaw`
        INSERT INTO "CicoRating" ("districtId", "cardId", "date", "period", "expectation", "value", "scaleMax", "ratedByUserId", "createdAt", "updatedAt")
        SELECT d."districtId", d."cardId", d."day", per."p", ex."e",
               CASE WHEN v.v < q.p2 THEN 2 WHEN v.v < q.p2 + (1 - q.p2) / 2 THEN 1 ELSE 0 END,
               d."scaleMax", d."rater",
               d."day"::timestamptz + make_interval(hours => 8 + per."n"::int), d."day"::timestamptz + make_interval(hours => 8 + per."n"::int)
        FROM scale_cico_day d
        CROSS JOIN unnest(d."periods") WITH ORDINALITY AS per("p", "n")
        CROSS JOIN unnest(d."expectations") AS ex("e")
        -- The expected share of the day's points: climbing from 55% to about 90%, or flat around 60%; P(2) gives that mean on a 0-2 scale.
        CROSS JOIN LATERAL (
          SELECT greatest(0, least(1, (4 * (CASE WHEN d."responding" THEN 0.55 + 0.35 * least(1, (d."i" - 1)::float8 / ${days.length - 1} * 1.3)
                                                 ELSE 0.6 + 0.04 * sin(d."i" / 5.0) END) - 1) / 3)) AS p2
        ) q
        CROSS JOIN LATERAL (SELECT (abs(hashtext(d."cardId"::text || d."day"::text || per."p" || ex."e")) % 1000) / 1000.0 AS v) v
        WHERE d."u" >= 5 AND NOT (d."u" < 9 AND per."n" = 1) AND NOT (d."u" >= 9 AND d."u" < 12 AND per."n" > cardinality(d."periods") - 2)`;
      const dayRows = await tx.$executeRaw`
        INSERT INTO "CicoDay" ("districtId", "cardId", "date", "checkedIn", "checkedOut", "absent", "points", "possible", "updatedByUserId", "updatedAt")
        SELECT d."districtId", d."cardId", d."day",
               d."u" >= 5 AND abs(hashtext(d."cardId"::text || d."day"::text || 'in')) % 100 >= CASE WHEN d."responding" THEN 5 ELSE 30 END,
               d."u" >= 5 AND NOT (d."u" >= 9 AND d."u" < 12) AND abs(hashtext(d."cardId"::text || d."day"::text || 'out')) % 100 >= 8,
               d."u" < 5, coalesce(r."points", 0), coalesce(r."possible", 0), d."rater", d."day"::timestamptz + interval '15 hours'
        FROM scale_cico_day d
        LEFT JOIN (
          SELECT "cardId", "date", sum("value")::int AS "points", sum("scaleMax")::int AS "possible" FROM "CicoRating"
          WHERE "districtId" = ${districtId}::uuid AND "cardId" IN (SELECT DISTINCT "cardId" FROM scale_cico_day) GROUP BY 1, 2
        ) r ON r."cardId" = d."cardId" AND r."date" = d."day"`;
      // A probe of the card's goal per rated day (dayPercent: half up on integers; dayProbeKey).
      const probes = await tx.$executeRaw`
        INSERT INTO "Probe" ("id", "districtId", "studentId", "measureId", "goalId", "date", "score", "givenByUserId", "note", "clientKey", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-cico-probe/' || d."cardId" || '/' || d."day")`)}, d."districtId", d."studentId", d."measureId", d."goalId", d."day",
               floor((cd."points" * 200 + cd."possible")::float8 / (cd."possible" * 2)), d."rater",
               'Daily report card: ' || cd."points" || ' of ' || cd."possible" || ' points.', 'cico:' || d."cardId" || ':' || to_char(d."day", 'YYYY-MM-DD'),
               d."day"::timestamptz + interval '21 hours', d."day"::timestamptz + interval '21 hours'
        FROM scale_cico_day d
        JOIN "CicoDay" cd ON cd."districtId" = d."districtId" AND cd."cardId" = d."cardId" AND cd."date" = d."day"
        WHERE cd."possible" > 0`;
      log(`  ${ratings} period ratings, ${dayRows} card days, ${probes} daily probes (${days.length} school days)`);
    },
    db,
    30 * 60_000,
  );
  log(`  CICO cards in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
