import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { hasCaseloadGrants } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";

/**
 * Who reaches each student for caseload-scoped grants (permissions.ts): the
 * staff currently on the student's caseload and the interventionists of the
 * student's open plans (draft or active), whose memberships are active. One
 * query for any number of students; students nobody reaches map to [].
 */
export async function reachOf(tx: Tx, districtId: string, studentIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(studentIds.map((id) => [id, []]));
  if (studentIds.length === 0) return out;
  const rows = await tx.$queryRaw<{ studentId: string; userId: string }[]>`
    SELECT ca."studentId"::text AS "studentId", m."userId"::text AS "userId"
    FROM "CaseloadAssignment" ca
    JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
    WHERE ca."districtId" = ${districtId}::uuid AND ca."studentId" = ANY(${studentIds}::uuid[])
      AND ca."endedAt" IS NULL AND m."deactivatedAt" IS NULL
    UNION
    SELECT ps."studentId"::text, m."userId"::text
    FROM "PlanStudent" ps
    JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
    JOIN "PlanInterventionist" pi ON pi."districtId" = p."districtId" AND pi."planId" = p."id"
    JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
    WHERE ps."districtId" = ${districtId}::uuid AND ps."studentId" = ANY(${studentIds}::uuid[])
      AND p."status" IN ('DRAFT', 'ACTIVE') AND m."deactivatedAt" IS NULL`;
  for (const r of rows) out.get(r.studentId)?.push(r.userId);
  return out;
}

/**
 * Who reaches each student, for permission checks by `ctx`: reachOf, or []
 * for everyone without a statement when the user's role has no
 * caseload-scoped grant (can() reads the lists only for those).
 */
export async function reachesForChecks(tx: Tx, ctx: Pick<Ctx, "districtId" | "role">, studentIds: readonly string[]): Promise<Map<string, string[]>> {
  if (!hasCaseloadGrants(ctx.role)) return new Map(studentIds.map((id) => [id, []]));
  return reachOf(tx, ctx.districtId, studentIds);
}

/** reachesForChecks for one student. */
export async function reachForChecks(tx: Tx, ctx: Pick<Ctx, "districtId" | "role">, studentId: string): Promise<string[]> {
  return (await reachesForChecks(tx, ctx, [studentId])).get(studentId) ?? [];
}

/** The users who reach every one of the students (a group plan's writers must reach them all). */
export async function reachingAll(tx: Tx, districtId: string, studentIds: readonly string[]): Promise<string[]> {
  const lists = [...(await reachOf(tx, districtId, studentIds)).values()];
  return lists.reduce((common, users) => common.filter((u) => users.includes(u)), lists[0] ?? []);
}

/**
 * SQL condition on `"Student" s`: the membership reaches the student as
 * reachOf counts it (current caseload, or an open plan it delivers).
 */
export function reachedBySql(membershipId: string): Prisma.Sql {
  return Prisma.sql`(
    EXISTS (
      SELECT 1 FROM "CaseloadAssignment" ca
      WHERE ca."districtId" = s."districtId" AND ca."studentId" = s."id" AND ca."membershipId" = ${membershipId}::uuid AND ca."endedAt" IS NULL
    )
    OR EXISTS (
      SELECT 1 FROM "PlanStudent" ps
      JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
      JOIN "PlanInterventionist" pi ON pi."districtId" = p."districtId" AND pi."planId" = p."id"
      WHERE ps."districtId" = s."districtId" AND ps."studentId" = s."id" AND pi."membershipId" = ${membershipId}::uuid
        AND p."status" IN ('DRAFT', 'ACTIVE')
    )
  )`;
}
