import "server-only";
import { hasCaseloadGrants, type Resource } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";

// Who reaches a class (decision 020): for caseload-scoped grants (teachers),
// the users whose TEACHER membership is linked to a roster record
// (RosterStaff.userId) with a current TEACHER enrolment in the class; for
// school-scoped grants, the class's school. The same rule as teachesClassSql
// and the class part of reachOf in ./students.ts.

/** The class as the permission check sees it: its school and who teaches it now. */
export async function classReach(tx: Tx, ctx: Pick<Ctx, "districtId" | "role">, cls: { id: string; schoolId: string }): Promise<Resource> {
  if (!hasCaseloadGrants(ctx.role)) return { districtId: ctx.districtId, schoolId: cls.schoolId, caseloadUserIds: [] };
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT m."userId"::text AS "userId"
    FROM "ClassEnrollment" te
    JOIN "RosterStaff" rs ON rs."districtId" = te."districtId" AND rs."id" = te."rosterStaffId" AND rs."archivedAt" IS NULL
    JOIN "Membership" m ON m."districtId" = rs."districtId" AND m."userId" = rs."userId"
    WHERE te."districtId" = ${ctx.districtId}::uuid AND te."classId" = ${cls.id}::uuid AND te."role" = 'TEACHER'
      AND (te."endDate" IS NULL OR te."endDate" >= CURRENT_DATE) AND (te."beginDate" IS NULL OR te."beginDate" <= CURRENT_DATE)
      AND m."role" = 'TEACHER' AND m."deactivatedAt" IS NULL`;
  return { districtId: ctx.districtId, schoolId: cls.schoolId, caseloadUserIds: rows.map((r) => r.userId) };
}
