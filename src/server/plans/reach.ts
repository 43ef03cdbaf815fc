import "server-only";
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
