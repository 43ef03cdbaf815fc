import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { studentNames } from "@/server/caseloads/names";
import type { SchoolScope, StudentBrief } from "@/server/caseloads/queries";
import type { Tx } from "@/server/db/tenant";
import type { GradeLevel } from "@/server/students/schemas";
import { todayIso } from "@/server/students/schemas";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";
import type { AttentionFlag } from "./schemas";

// Students whom the process has lost track of, flagged on the coordinator's
// and the administrator's homes and filterable in the student list:
//  - "noPlan": in Tier 2 or 3 in an area (the newest decision in effect today)
//    with no active plan in that area. A draft does not count: nothing is
//    delivered before approval. Per area, because a Tier 3 math student on a
//    reading plan still has no math intervention.
//  - "noMember": on an active plan but with nobody (active) on their caseload,
//    so no one is answerable for the plan between reviews.


const uuidList = (ids: readonly string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
const inScope = (scope: SchoolScope) => (scope ? Prisma.sql`AND s."schoolId" IN (${uuidList(scope)})` : Prisma.empty);

/**
 * (studentId, area, tier) of open students in scope whose current tier in the
 * area is 2 or 3 and who have no active plan in it. The district's current
 * tiers come from one pass over its decisions (DISTINCT ON, newest first),
 * not one probe per student: most students have no decision at all.
 */
function tierWithoutPlanSql(districtId: string, scope: SchoolScope) {
  return Prisma.sql`
    SELECT cur."studentId", cur."area", cur."tier"
    FROM (
      SELECT DISTINCT ON (st."studentId", st."area") st."studentId", st."area", st."tier"
      FROM "StudentTier" st
      WHERE st."districtId" = ${districtId}::uuid AND st."effectiveDate" <= ${todayIso()}::date
      ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
    ) cur
    JOIN "Student" s ON s."districtId" = ${districtId}::uuid AND s."id" = cur."studentId"
    WHERE cur."tier" IN ('TIER_2', 'TIER_3') AND s."archivedAt" IS NULL ${inScope(scope)}
      AND NOT EXISTS (
        SELECT 1 FROM "PlanStudent" ps
        JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
        WHERE ps."districtId" = s."districtId" AND ps."studentId" = s."id" AND p."status" = 'ACTIVE' AND p."area"::text = cur."area"::text
      )`;
}

/** Ids of open students in scope on an active plan with no current caseload member who is active. */
function onPlanWithoutMemberSql(districtId: string, scope: SchoolScope) {
  return Prisma.sql`
    SELECT DISTINCT s."id" AS "studentId"
    FROM "PlanStudent" ps
    JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
    JOIN "Student" s ON s."districtId" = ps."districtId" AND s."id" = ps."studentId"
    WHERE ps."districtId" = ${districtId}::uuid AND p."status" = 'ACTIVE' AND s."archivedAt" IS NULL ${inScope(scope)}
      AND NOT EXISTS (
        SELECT 1 FROM "CaseloadAssignment" ca
        JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
        WHERE ca."districtId" = s."districtId" AND ca."studentId" = s."id" AND ca."endedAt" IS NULL AND m."deactivatedAt" IS NULL
      )`;
}

/** The ids of the students a flag marks, for the student list's filter (the list then pages them). */
export async function studentIdsFlaggedIn(tx: Tx, districtId: string, scope: SchoolScope, flag: AttentionFlag): Promise<string[]> {
  const sql = flag === "noPlan" ? tierWithoutPlanSql(districtId, scope) : onPlanWithoutMemberSql(districtId, scope);
  const rows = await tx.$queryRaw<{ studentId: string }[]>`SELECT DISTINCT f."studentId"::text AS "studentId" FROM (${sql}) f`;
  return rows.map((r) => r.studentId);
}

export interface FlaggedStudent extends StudentBrief {
  /** For noPlan: the areas (and tiers) with no active plan. */
  areas: { area: InterventionArea; tier: TierLevel }[];
}
export interface FlaggedList {
  total: number;
  rows: FlaggedStudent[];
}

/** How many students come first on a home, by name, before "See all". */
export const HOME_FLAGGED_LIST = 5;

/**
 * One flag's count and its first students in name order, in one statement
 * (the flagged set, grouped per student with its areas, counted with
 * count(*) OVER () and cut to the first rows).
 */
async function flaggedIn(tx: Tx, districtId: string, scope: SchoolScope, flag: AttentionFlag, limit: number): Promise<FlaggedList> {
  const set = flag === "noPlan" ? tierWithoutPlanSql(districtId, scope) : Prisma.sql`SELECT w."studentId", NULL::text AS "area", NULL::text AS "tier" FROM (${onPlanWithoutMemberSql(districtId, scope)}) w`;
  type Row = { id: string; preferredName: string | null; legalFirstName: string; legalLastName: string; grade: GradeLevel; schoolName: string; areas: string; total: number };
  const rows = await tx.$queryRaw<Row[]>`
    WITH flagged AS MATERIALIZED (${set}),
    per AS (
      SELECT f."studentId",
             coalesce(json_agg(json_build_object('area', f."area"::text, 'tier', f."tier"::text) ORDER BY f."area"::text) FILTER (WHERE f."area" IS NOT NULL), '[]')::text AS "areas"
      FROM flagged f GROUP BY f."studentId"
    )
    SELECT s."id"::text AS "id", s."preferredName", s."legalFirstName", s."legalLastName", s."grade"::text AS "grade", sc."name" AS "schoolName",
           per."areas", count(*) OVER ()::int AS "total"
    FROM per
    JOIN "Student" s ON s."districtId" = ${districtId}::uuid AND s."id" = per."studentId"
    JOIN "School" sc ON sc."districtId" = s."districtId" AND sc."id" = s."schoolId"
    ORDER BY s."legalLastName", s."legalFirstName", s."id"
    LIMIT ${limit}`;
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    rows: rows.map((r) => ({
      id: r.id,
      ...studentNames(r),
      grade: r.grade,
      schoolName: r.schoolName,
      areas: JSON.parse(r.areas) as FlaggedStudent["areas"],
    })),
  };
}

/** Both flags for a home: two statements whatever the number of students. */
export async function attentionIn(tx: Tx, districtId: string, scope: SchoolScope, limit = HOME_FLAGGED_LIST) {
  return {
    noPlan: await flaggedIn(tx, districtId, scope, "noPlan", limit),
    noMember: await flaggedIn(tx, districtId, scope, "noMember", limit),
  };
}
export type Attention = Awaited<ReturnType<typeof attentionIn>>;
