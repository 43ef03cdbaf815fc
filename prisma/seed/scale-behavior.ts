// A school year of behaviour data for the scale district (issue 15's
// benchmark): the district's default code lists, about 60,000 incidents over
// the last 200 school days across its 40 schools, and ABC records for its
// most-referred students. Rates and patterns follow the demo (behavior.ts):
// about 0.5 referrals per 100 students per school day in elementary schools,
// more in middle and high schools; 15% majors; more in unstructured places
// (cafeteria, playground, hallways, bus) and late in the day; about half of
// the referrals go to 5% of the students and one student per school has about
// one every other day. The database makes the rows (INSERT ... SELECT over
// generate_series) and every draw comes from hashes of ids, so a run on the
// same day writes the same data.
//
// The 200 school days are counted back from yesterday over weekdays outside
// the summer (13 June to 25 August) and the winter break (21 December to 1
// January): the current school year so far and the end of the previous one,
// so the school's overview (this school year) reads the current part.
import { Prisma } from "@/generated/prisma/client";
import { addDays, isoWeekday } from "@/domain/dosage";
import type { AppDb } from "@/server/db/client";
import { installDefaultCodes } from "@/server/behavior/codes";
import { withTenant } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { LOCATIONS, MAJOR, MAJOR_ACTION, MINOR, MINOR_ACTION, MOTIVATION, NOTES, OTHERS, type Weighted } from "./behavior";
import { uuidOfMd5 } from "./scale-sessions";

export const SCALE_INCIDENTS = 60_000;
export const SCALE_BEHAVIOR_DAYS = 200;
/** Referrals per school day relative to each other, by school level (as the demo's DAILY_MEAN). */
const LEVEL_RATE: Record<string, number> = { ELEMENTARY: 1.1, MIDDLE: 1.7, HIGH: 1.3 };
/** Percent of a school's incidents that go to its most-referred student, and to its frequent 5%. */
const TOP_SHARE = 7;
const FREQUENT_SHARE = 45;
const MAJOR_PERCENT = 15;
/** ABC records for each school's most-referred student and for one frequent student in ten. */
const ABC_PER_STUDENT = 8;

/** The last `n` school days up to `until` (weekdays outside the summer and the winter break), oldest first. */
export function scaleSchoolDays(until: string, n = SCALE_BEHAVIOR_DAYS): string[] {
  const out: string[] = [];
  for (let d = until; out.length < n; d = addDays(d, -1)) {
    const md = d.slice(5);
    if (isoWeekday(d) > 5 || (md >= "06-13" && md <= "08-25") || md >= "12-21" || md <= "01-01") continue;
    out.push(d);
  }
  return out.reverse();
}

/**
 * A weighted choice as a VALUES list: rows (grp, code, lo, hi, total), a draw
 * h picks the row of its group with lo <= h % total < hi. Codes and groups are
 * this file's constants, never input. A null choice is the code '-'.
 */
function weightedTable(alias: string, groups: Record<string, Weighted<string | null>>): Prisma.Sql {
  const rows: string[] = [];
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (const [grp, items] of Object.entries(groups)) {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let lo = 0;
    for (const [code, w] of items) {
      rows.push(`(${lit(grp)}, ${lit(code ?? "-")}, ${lo}, ${lo + w}, ${total})`);
      lo += w;
    }
  }
  return Prisma.raw(`(VALUES ${rows.join(", ")}) AS ${alias}("grp", "code", "lo", "hi", "total")`);
}
const pick = (alias: string, h: string) => Prisma.raw(`${h} % ${alias}."total" >= ${alias}."lo" AND ${h} % ${alias}."total" < ${alias}."hi"`);

/** Adds the codes the district lacks and, unless it has incidents, the incidents and ABC records; returns whether it wrote anything. */
export async function seedScaleBehavior(db: AppDb, districtId: string, log: (line: string) => void): Promise<boolean> {
  const codes = await withTenant(districtId, (tx) => installDefaultCodes(tx, districtId), db);
  const has = await withTenant(districtId, (tx) => tx.incident.count({ where: { districtId } }), db);
  if (has > 0) return codes > 0;
  const started = performance.now();
  const today = todayIso();
  const yesterday = addDays(today, -1);
  const days = scaleSchoolDays(yesterday);
  const awaitingSince = addDays(today, -5);
  const levels = await withTenant(districtId, (tx) => tx.school.groupBy({ by: ["level"], where: { districtId }, _count: true }), db);
  const weight = levels.reduce((s, l) => s + l._count * (LEVEL_RATE[l.level] ?? 1), 0);
  const perSchool = (level: string) => Math.round((SCALE_INCIDENTS * (LEVEL_RATE[level] ?? 1)) / weight);

  await withTenant(
    districtId,
    async (tx) => {
      const incidents = await tx.$executeRaw`
        WITH sch AS MATERIALIZED (
          SELECT s."id", s."level"::text AS "level",
                 (SELECT array_agg(st."id" ORDER BY st."id") FROM "Student" st
                  WHERE st."districtId" = s."districtId" AND st."schoolId" = s."id" AND st."archivedAt" IS NULL) AS "everyone",
                 (SELECT array_agg(st."id" ORDER BY st."id") FROM "Student" st
                  WHERE st."districtId" = s."districtId" AND st."schoolId" = s."id" AND st."archivedAt" IS NULL AND abs(hashtext(st."id"::text || 'frequent')) % 20 = 0) AS "frequent",
                 (SELECT array_agg(m."userId" ORDER BY m."id") FROM "Membership" m
                  JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                  WHERE ms."districtId" = s."districtId" AND ms."schoolId" = s."id" AND m."deactivatedAt" IS NULL) AS "staff",
                 (SELECT m."userId" FROM "Membership" m
                  JOIN "MembershipSchool" ms ON ms."districtId" = m."districtId" AND ms."membershipId" = m."id"
                  WHERE ms."districtId" = s."districtId" AND ms."schoolId" = s."id" AND m."role" = 'COORDINATOR' AND m."deactivatedAt" IS NULL
                  ORDER BY m."id" LIMIT 1) AS "coordinator"
          FROM "School" s WHERE s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL
        ), drawn AS MATERIALIZED (
          SELECT sch."id" AS "schoolId", sch."level", sch."staff", sch."coordinator", k,
                 (${days}::date[])[1 + abs(hashtext(sch."id"::text || k || 'day')) % ${days.length}] AS "day",
                 CASE WHEN abs(hashtext(sch."id"::text || k || 'who')) % 100 < ${TOP_SHARE} THEN sch."frequent"[1]
                      WHEN abs(hashtext(sch."id"::text || k || 'who')) % 100 < ${TOP_SHARE + FREQUENT_SHARE}
                        THEN sch."frequent"[1 + abs(hashtext(sch."id"::text || k || 'student')) % cardinality(sch."frequent")]
                      ELSE sch."everyone"[1 + abs(hashtext(sch."id"::text || k || 'student')) % cardinality(sch."everyone")] END AS "studentId",
                 abs(hashtext(sch."id"::text || k || 'major')) % 100 < ${MAJOR_PERCENT} AS "major",
                 abs(hashtext(sch."id"::text || k || 'loc')) AS "hLoc",
                 abs(hashtext(sch."id"::text || k || 'code')) AS "hCode",
                 abs(hashtext(sch."id"::text || k || 'why')) AS "hWhy",
                 abs(hashtext(sch."id"::text || k || 'act')) AS "hAct",
                 abs(hashtext(sch."id"::text || k || 'oth')) AS "hOth",
                 abs(hashtext(sch."id"::text || k || 'when')) AS "hWhen",
                 abs(hashtext(sch."id"::text || k || 'min')) AS "hMin"
          FROM sch
          CROSS JOIN LATERAL generate_series(1, CASE sch."level" WHEN 'ELEMENTARY' THEN ${perSchool("ELEMENTARY")}::int WHEN 'MIDDLE' THEN ${perSchool("MIDDLE")}::int ELSE ${perSchool("HIGH")}::int END) AS k
        )
        INSERT INTO "Incident" ("id", "districtId", "schoolId", "studentId", "reportId", "occurredOn", "occurredMinute", "behaviorCodeId", "severity",
                                "locationCodeId", "motivationCodeId", "actionCodeId", "othersInvolved", "notes", "status",
                                "reportedByUserId", "reviewedByUserId", "reviewedAt", "createdAt", "updatedAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-incident/' || d."schoolId" || '/' || d.k)`)}, ${districtId}::uuid, d."schoolId", d."studentId",
               ${uuidOfMd5(Prisma.sql`md5('scale-report/' || d."schoolId" || '/' || d.k)`)}, d."day",
               -- When, by place (behavior.ts minuteAt): lunch, recess, the bus runs, passing periods; class hours weighted to the afternoon.
               CASE lw."code"
                 WHEN 'CAFETERIA' THEN 660 + d."hMin" % 120
                 WHEN 'PLAYGROUND' THEN CASE WHEN d."hWhen" % 100 < 35 THEN 600 + d."hMin" % 20 ELSE 720 + d."hMin" % 45 END
                 WHEN 'BUS' THEN CASE WHEN d."hWhen" % 100 < 30 THEN 450 + d."hMin" % 35 ELSE 905 + d."hMin" % 35 END
                 WHEN 'PARKING_LOT' THEN CASE WHEN d."hWhen" % 100 < 30 THEN 450 + d."hMin" % 35 ELSE 905 + d."hMin" % 35 END
                 WHEN 'HALLWAY' THEN (ARRAY[535, 650, 650, 805, 805, 805, 860, 860, 860])[1 + d."hWhen" % 9] + d."hMin" % 15
                 WHEN 'RESTROOM' THEN (ARRAY[535, 650, 650, 805, 805, 805, 860, 860, 860])[1 + d."hWhen" % 9] + d."hMin" % 15
                 ELSE CASE WHEN d."hWhen" % 82 < 6 THEN 480 WHEN d."hWhen" % 82 < 14 THEN 540 WHEN d."hWhen" % 82 < 23 THEN 600 WHEN d."hWhen" % 82 < 32 THEN 660
                           WHEN d."hWhen" % 82 < 42 THEN 720 WHEN d."hWhen" % 82 < 56 THEN 780 WHEN d."hWhen" % 82 < 73 THEN 840 ELSE 870 END + d."hMin" % 60
               END,
               bc."id", (CASE WHEN d."major" THEN 'MAJOR' ELSE 'MINOR' END)::"BehaviorSeverity", lc."id", mc."id", ac."id",
               string_to_array(ow."code", ','),
               (${NOTES}::text[])[1 + d."hMin" % ${NOTES.length}],
               (CASE WHEN NOT d."major" THEN 'HANDLED' WHEN d."day" >= ${awaitingSince}::date THEN 'AWAITING_REVIEW' ELSE 'REVIEWED' END)::"IncidentStatus",
               d."staff"[1 + d."hOth" % cardinality(d."staff")],
               CASE WHEN d."major" AND d."day" < ${awaitingSince}::date THEN d."coordinator" END,
               CASE WHEN d."major" AND d."day" < ${awaitingSince}::date THEN (d."day" + 1)::timestamptz + interval '16 hours' END,
               d."day"::timestamptz + interval '20 hours', d."day"::timestamptz + interval '20 hours'
        FROM drawn d
        JOIN ${weightedTable("lw", LOCATIONS)} ON lw."grp" = d."level" AND ${pick("lw", `d."hLoc"`)}
        JOIN ${weightedTable("bw", { MINOR, MAJOR })} ON bw."grp" = CASE WHEN d."major" THEN 'MAJOR' ELSE 'MINOR' END AND ${pick("bw", `d."hCode"`)}
        JOIN ${weightedTable("mw", { all: MOTIVATION })} ON ${pick("mw", `d."hWhy"`)}
        JOIN ${weightedTable("aw", { MINOR: MINOR_ACTION, MAJOR: MAJOR_ACTION })} ON aw."grp" = CASE WHEN d."major" THEN 'MAJOR' ELSE 'MINOR' END AND ${pick("aw", `d."hAct"`)}
        JOIN ${weightedTable("ow", { all: OTHERS.map(([o, w]) => [o.join(","), w] as const) })} ON ${pick("ow", `(d."hOth" / 7)`)}
        JOIN "BehaviorCode" bc ON bc."districtId" = ${districtId}::uuid AND bc."kind" = 'BEHAVIOR' AND bc."code" = bw."code"
        JOIN "BehaviorCode" lc ON lc."districtId" = ${districtId}::uuid AND lc."kind" = 'LOCATION' AND lc."code" = lw."code"
        LEFT JOIN "BehaviorCode" mc ON mc."districtId" = ${districtId}::uuid AND mc."kind" = 'MOTIVATION' AND mc."code" = mw."code"
        LEFT JOIN "BehaviorCode" ac ON ac."districtId" = ${districtId}::uuid AND ac."kind" = 'ACTION' AND ac."code" = aw."code"
        WHERE d."studentId" IS NOT NULL
        ON CONFLICT DO NOTHING`;
      log(`  ${incidents} incidents (${days.length} school days from ${days[0]} to ${days.at(-1)})`);

      // ABC observations around the latest weeks for each school's most-referred
      // student and one frequent student in ten (data for an FBA, not yet linked to one).
      const abc = await tx.$executeRaw`
        WITH observed AS MATERIALIZED (
          SELECT st."id" AS "studentId",
                 (SELECT m."userId" FROM "CaseloadAssignment" ca JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
                  WHERE ca."districtId" = st."districtId" AND ca."studentId" = st."id" AND ca."endedAt" IS NULL ORDER BY ca."role", m."id" LIMIT 1) AS "observer"
          FROM "Student" st
          WHERE st."districtId" = ${districtId}::uuid AND st."archivedAt" IS NULL AND abs(hashtext(st."id"::text || 'frequent')) % 20 = 0
            AND (abs(hashtext(st."id"::text || 'abc')) % 10 = 0
                 OR st."id" = (SELECT min(s2."id"::text)::uuid FROM "Student" s2
                               WHERE s2."districtId" = st."districtId" AND s2."schoolId" = st."schoolId" AND s2."archivedAt" IS NULL
                                 AND abs(hashtext(s2."id"::text || 'frequent')) % 20 = 0))
        )
        INSERT INTO "AbcRecord" ("id", "districtId", "studentId", "observedOn", "observedMinute", "setting", "antecedentKind", "antecedent", "behavior",
                                 "consequenceKind", "consequence", "durationMinutes", "intensity", "recordedByUserId", "clientKey", "createdAt")
        SELECT ${uuidOfMd5(Prisma.sql`md5('scale-abc/' || o."studentId" || '/' || k)`)}, ${districtId}::uuid, o."studentId",
               (${days}::date[])[${days.length} - 3 * k], 600 + abs(hashtext(o."studentId"::text || k || 'min')) % 300,
               (ARRAY['Writing block, whole class', 'Math block, small group', 'Hallway, transition to specials', 'Cafeteria, lunch', 'Reading block, independent work'])[1 + abs(hashtext(o."studentId"::text || k || 'set')) % 5],
               (ARRAY['TASK_DEMAND', 'TASK_DEMAND', 'TRANSITION', 'PEER', 'CORRECTION', 'DENIED', 'UNSTRUCTURED', 'ATTENTION_ELSEWHERE'])[1 + abs(hashtext(o."studentId"::text || k || 'ant')) % 8],
               CASE WHEN k % 2 = 0 THEN 'Asked to start independent work' END,
               (ARRAY['Pushed the work away and left the seat', 'Shouted at a classmate', 'Refused to follow the direction, put head down', 'Threw a pencil across the room'])[1 + abs(hashtext(o."studentId"::text || k || 'beh')) % 4],
               (ARRAY['ADULT_ATTENTION', 'TASK_REMOVED', 'SENT_OUT', 'PEER_ATTENTION', 'IGNORED', 'ITEM_GIVEN'])[1 + abs(hashtext(o."studentId"::text || k || 'con')) % 6],
               CASE WHEN k % 3 = 0 THEN 'Teacher redirected and waited nearby' END,
               2 + abs(hashtext(o."studentId"::text || k || 'dur')) % 9, 1 + abs(hashtext(o."studentId"::text || k || 'int')) % 5,
               o."observer", ${uuidOfMd5(Prisma.sql`md5('scale-abc-key/' || o."studentId" || '/' || k)`)},
               (${days}::date[])[${days.length} - 3 * k]::timestamptz + interval '21 hours'
        FROM observed o CROSS JOIN generate_series(0, ${ABC_PER_STUDENT - 1}) AS k
        WHERE o."observer" IS NOT NULL
        ON CONFLICT DO NOTHING`;
      log(`  ${abc} ABC records`);
    },
    db,
    30 * 60_000,
  );
  log(`  behaviour in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
