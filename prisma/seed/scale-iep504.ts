// IEP and 504 records of the scale district (issue 16's benchmark): an active
// IEP for every student the scale seed flags as having one (about 14%), a 504
// plan for three in five of those it flags with one (about 3%; the other
// flags are cleared, as the records are the truth: decision 015), services
// by disability category as in the demo (iep504.ts), a school year of service
// minutes, the district's non-school days and about 500 open referrals at
// every stage before the outcome. Case managers are the students' caseload
// case managers, or one of their school's specialists. Dates spread so some
// annual reviews and re-evaluations are overdue, some due within the month
// and most later; consent dates spread over the last 75 days, so some
// evaluations are overdue on the 60-day clock. INSERT ... SELECT with draws
// from hashes of ids: the same data for a run on the same day.
import { Prisma } from "@/generated/prisma/client";
import { addDays } from "@/domain/dosage";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { CATEGORY_MIX, DEFAULT_SERVICES, MAPLE_CALENDAR, SECTION_504_SERVICE, SERVICES_BY_CATEGORY, type ServiceSeed } from "./iep504";
import { scaleSchoolDays } from "./scale-behavior";
import { uuidOfMd5 } from "./scale-sessions";

/** Weeks of logged service minutes (a school year). */
const MINUTES_WEEKS = 40;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The IDEA categories as a VALUES list with cumulative bounds (constants of iep504.ts, never input). */
function categoryTable(): { sql: Prisma.Sql; total: number } {
  let lo = 0;
  const rows = CATEGORY_MIX.map(([code, w]) => `(${lit(code)}, ${lo}, ${(lo += w)})`);
  return { sql: Prisma.raw(`(VALUES ${rows.join(", ")}) AS cat("code", "lo", "hi")`), total: lo };
}

/** Services per category (and for 504 plans, category '504'). */
function serviceTable(): Prisma.Sql {
  const rows: string[] = [];
  const add = (category: string, list: readonly ServiceSeed[]) =>
    list.forEach((s, i) => rows.push(`(${lit(category)}, ${i}, ${lit(s.area)}, ${s.minutes}, ${lit(s.frequency)}, ${lit(s.providerRole)}, ${lit(s.setting)})`));
  for (const [category] of CATEGORY_MIX) add(category, SERVICES_BY_CATEGORY[category] ?? DEFAULT_SERVICES);
  add("504", [SECTION_504_SERVICE]);
  return Prisma.raw(`(VALUES ${rows.join(", ")}) AS sv("category", "n", "area", "minutes", "frequency", "providerRole", "setting")`);
}

/** Adds the records unless the district has special-education plans; returns whether it wrote anything. */
export async function seedScaleIep504(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const has = await withTenant(districtId, (tx) => tx.specialEdPlan.count({ where: { districtId } }), db);
  if (has > 0) return false;
  const started = performance.now();
  const today = todayIso();
  const schoolDays = scaleSchoolDays(addDays(today, -1), MINUTES_WEEKS * 5);
  const categories = categoryTable();

  await withTenant(
    districtId,
    async (tx) => {
      // The district calendar (the school-day clock counts around it).
      const calendar = MAPLE_CALENDAR.flatMap((b) => {
        const out: { districtId: string; date: Date; label: string }[] = [];
        for (let d = b.from; d <= b.to; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) out.push({ districtId, date: new Date(`${d}T00:00:00Z`), label: b.label });
        return out;
      });
      await tx.districtNonSchoolDay.createMany({ data: calendar, skipDuplicates: true });

      // One statement per type; the flag trigger runs per row. 504 first: the
      // trigger recomputes both flags of the student from the records.
      const plans = await tx.$executeRaw`
        WITH st AS (
          SELECT s."id", s."schoolId", s."hasIep", s."has504", abs(hashtext(s."id"::text || 'iep')) AS h,
                 coalesce(
                   (SELECT ca."membershipId" FROM "CaseloadAssignment" ca JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
                    WHERE ca."districtId" = s."districtId" AND ca."studentId" = s."id" AND ca."role" = 'CASE_MANAGER' AND ca."endedAt" IS NULL AND m."role" = 'SPECIALIST'
                    ORDER BY ca."startedAt", m."id" LIMIT 1),
                   (SELECT (array_agg(m."id" ORDER BY m."id"))[1 + abs(hashtext(s."id"::text || 'cm')) % count(*)::int] FROM "Membership" m
                    JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                    WHERE ms."districtId" = s."districtId" AND ms."schoolId" = s."schoolId" AND m."role" = 'SPECIALIST' AND m."deactivatedAt" IS NULL)
                 ) AS "caseManager",
                 (SELECT m."userId" FROM "Membership" m JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                  WHERE ms."districtId" = s."districtId" AND ms."schoolId" = s."schoolId" AND m."role" = 'COORDINATOR' ORDER BY m."id" LIMIT 1) AS "author"
          FROM "Student" s
          WHERE s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL AND (s."hasIep" OR (s."has504" AND abs(hashtext(s."id"::text || '504')) % 5 < 3))
        ), typed AS (
          SELECT st.*, t."type" FROM st
          CROSS JOIN LATERAL (SELECT 'SECTION_504' AS "type" WHERE st."has504" AND abs(hashtext(st."id"::text || '504')) % 5 < 3
                              UNION ALL SELECT 'IEP' WHERE st."hasIep") t
        ), dated AS (
          -- Annual review from 20 days overdue to 360 days ahead; the last evaluation 0-2 years before the last meeting.
          SELECT typed.*, (${today}::date + (typed.h % 381 - 20)::int) AS "reviewDue",
                 (typed.h / 381) % 3 AS "yearsOn", (typed.h / 1143) % 3 AS "evalYears"
          FROM typed
        )
        INSERT INTO "SpecialEdPlan" ("id", "districtId", "studentId", "type", "status", "startDate", "lastMeetingDate", "annualReviewDue",
                                     "lastEvaluationDate", "reevaluationDue", "caseManagerMembershipId", "disabilityCategory", "documentUrl",
                                     "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-sped/' || d."id" || '/' || d."type")`)}, ${districtId}::uuid, d."id", d."type"::"SpecialEdPlanType", 'ACTIVE',
               (d."reviewDue" - make_interval(years => 1 + d."yearsOn"::int))::date,
               (d."reviewDue" - interval '1 year')::date, d."reviewDue",
               (d."reviewDue" - make_interval(years => 1 + d."evalYears"::int) - interval '21 days')::date,
               (d."reviewDue" - make_interval(years => 1 + d."evalYears"::int) - interval '21 days' + interval '3 years')::date,
               d."caseManager",
               CASE WHEN d."type" = 'IEP' THEN (SELECT cat."code" FROM ${categories.sql} WHERE (d.h / 7) % ${categories.total} >= cat."lo" AND (d.h / 7) % ${categories.total} < cat."hi") END,
               'https://iep.scale.example/plans/' || substr(md5(d."id"::text || d."type"), 1, 10),
               d."author", (d."reviewDue" - make_interval(years => 1 + d."yearsOn"::int))::timestamptz, (d."reviewDue" - interval '1 year')::timestamptz
        FROM dated d
        ORDER BY d."type" DESC, d."id"
        ON CONFLICT DO NOTHING`;
      // The flags a record does not back (504s of the two in five without one).
      const cleared = await tx.$executeRaw`
        UPDATE "Student" s SET "has504" = false
        WHERE s."districtId" = ${districtId}::uuid AND s."has504"
          AND NOT EXISTS (SELECT 1 FROM "SpecialEdPlan" p WHERE p."districtId" = s."districtId" AND p."studentId" = s."id" AND p."type" = 'SECTION_504' AND p."status" = 'ACTIVE' AND p."archivedAt" IS NULL)`;
      log(`  ${plans} IEP and 504 plans (${cleared} unbacked 504 flags cleared)`);

      const services = await tx.$executeRaw`
        INSERT INTO "SpecialEdService" ("id", "districtId", "planId", "area", "minutes", "frequency", "providerRole", "providerMembershipId", "setting", "startDate", "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-service/' || p."id" || '/' || sv."n")`)}, p."districtId", p."id", sv."area", sv."minutes", sv."frequency"::"ServiceFrequency", sv."providerRole",
               CASE WHEN sv."providerRole" = 'Special education teacher' THEN p."caseManagerMembershipId" END,
               sv."setting", p."lastMeetingDate", p."createdByUserId", p."lastMeetingDate"::timestamptz, p."lastMeetingDate"::timestamptz
        FROM "SpecialEdPlan" p
        JOIN ${serviceTable()} ON sv."category" = CASE WHEN p."type" = 'IEP' THEN p."disabilityCategory" ELSE '504' END
        WHERE p."districtId" = ${districtId}::uuid
        ON CONFLICT DO NOTHING`;
      log(`  ${services} services`);

      // Two sittings a school week (one under 45 minutes a week) since the
      // service began; one service in seven logged short, 6% of sittings missed.
      const minutes = await tx.$executeRaw`
        WITH sv AS (
          SELECT s."id", s."districtId", s."startDate", p."studentId",
                 CASE WHEN s."frequency" = 'WEEKLY' THEN s."minutes" ELSE round(s."minutes" * 12 / 52.0)::int END AS "weekly",
                 abs(hashtext(s."id"::text || 'short')) % 7 = 6 AS "short",
                 coalesce((SELECT m."userId" FROM "Membership" m WHERE m."districtId" = s."districtId" AND m."id" = s."providerMembershipId"), p."createdByUserId") AS "by"
          FROM "SpecialEdService" s JOIN "SpecialEdPlan" p ON p."districtId" = s."districtId" AND p."id" = s."planId"
          WHERE s."districtId" = ${districtId}::uuid
        )
        INSERT INTO "ServiceMinutes" ("id", "districtId", "serviceId", "studentId", "date", "minutes", "clientKey", "loggedByUserId", "createdAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-minutes/' || sv."id" || '/' || d)`)}, sv."districtId", sv."id", sv."studentId", d,
               greatest(1, round((CASE WHEN sv."short" THEN 0.6 ELSE 1 END) * sv."weekly" / CASE WHEN sv."weekly" < 45 THEN 1 ELSE 2 END)::int),
               'seed-' || sv."id" || '-' || d, sv."by", d::timestamptz + interval '20 hours'
        FROM sv CROSS JOIN unnest(${schoolDays}::date[]) AS d
        WHERE d >= sv."startDate"
          AND extract(isodow FROM d) IN (CASE WHEN sv."weekly" < 45 THEN 3 ELSE 1 END, CASE WHEN sv."weekly" < 45 THEN 3 ELSE 4 END)
          AND abs(hashtext(sv."id"::text || d::text)) % 100 >= 6
        ON CONFLICT DO NOTHING`;
      log(`  ${minutes} service-minute entries (${MINUTES_WEEKS} school weeks)`);

      // Open referrals: students without an IEP or 504, most of them Tier 3
      // students on a plan (one in ten), some from anywhere (one in 150).
      const referrals = await tx.$executeRaw`
        WITH pick AS (
          SELECT s."id", s."schoolId", abs(hashtext(s."id"::text || 'referral')) AS h,
                 (SELECT m."userId" FROM "Membership" m JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                  WHERE ms."districtId" = s."districtId" AND ms."schoolId" = s."schoolId" AND m."role" = 'COORDINATOR' ORDER BY m."id" LIMIT 1) AS "author"
          FROM "Student" s
          WHERE s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL AND NOT s."hasIep" AND NOT s."has504"
            AND ((abs(hashtext(s."id"::text || 'referral')) % 10 = 0 AND EXISTS (
                   SELECT 1 FROM "PlanStudent" ps JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
                   WHERE ps."districtId" = s."districtId" AND ps."studentId" = s."id" AND p."status" = 'ACTIVE' AND p."groupSize" = 1))
                 OR abs(hashtext(s."id"::text || 'referral')) % 150 = 0)
        ), staged AS (
          -- Stage by how long ago the consent came (0-74 days), a few still waiting for it.
          SELECT pick.*, (pick.h / 11) % 75 AS "ago", pick.h % 11 AS "stage" FROM pick
        )
        INSERT INTO "Referral" ("id", "districtId", "studentId", "reason", "concerns", "status", "referredOn", "consentRequestedOn", "consentDate",
                                "eligibilityMeetingOn", "createdByUserId", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-referral/' || s."id")`)}, ${districtId}::uuid, s."id",
               'Inadequate response to Tier 3 intervention over at least 12 weeks, delivered with fidelity.',
               CASE WHEN s.h % 2 = 0 THEN 'Progress well below the aimline on two measures; the family asks about an evaluation.' END,
               (CASE WHEN s."stage" = 0 THEN 'REFERRED' WHEN s."stage" = 1 THEN 'CONSENT_REQUESTED' WHEN s."stage" < 4 THEN 'CONSENT_RECEIVED'
                     WHEN s."stage" < 9 THEN 'EVALUATION' ELSE 'ELIGIBILITY_MEETING' END)::"ReferralStatus",
               ${today}::date - (s."ago" + 12)::int,
               CASE WHEN s."stage" > 0 THEN ${today}::date - (s."ago" + 8)::int END,
               CASE WHEN s."stage" > 1 THEN ${today}::date - s."ago"::int END,
               CASE WHEN s."stage" = 10 THEN ${today}::date + (7 + s.h % 14)::int END,
               s."author", (${today}::date - (s."ago" + 12)::int)::timestamptz + interval '15 hours', (${today}::date - s."ago"::int)::timestamptz + interval '15 hours'
        FROM staged s
        WHERE s."author" IS NOT NULL
        ON CONFLICT DO NOTHING`;
      log(`  ${referrals} open referrals`);
    },
    db,
    30 * 60_000,
  );
  log(`  IEP and 504 records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
