import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { hasCaseloadGrants, type Resource } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";

// Who reaches a student (docs/decisions/006 and 010): the staff on the
// student's current caseload and the interventionists of the student's open
// plans. reachOf answers it for checks, reachedBySql for lists and counts;
// the two say the same thing and tests/integration/reach*.test.ts holds them
// to it.
//
// Classroom teachers (decision 020) reach the students of the classes they
// teach: a current STUDENT enrolment in a class where the teacher's roster
// record (RosterStaff.userId, linked by the OneRoster import) has a current
// TEACHER enrolment. Only TEACHER memberships count this way, so a specialist
// who also teaches a class gains nothing caseload-scoped from the roster.

/** An enrolment (alias `a`) that has not ended. */
const CURRENT_ENROLMENT = (a: "se" | "te") => Prisma.raw(`(${a}."endDate" IS NULL OR ${a}."endDate" >= CURRENT_DATE) AND (${a}."beginDate" IS NULL OR ${a}."beginDate" <= CURRENT_DATE)`);

/**
 * SQL condition on `"ClassEnrollment" se` (a student's enrolment): the
 * membership teaches that class now. Also used by src/server/classes.
 */
export function teachesClassSql(membershipId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "ClassEnrollment" te
    JOIN "RosterStaff" rs ON rs."districtId" = te."districtId" AND rs."id" = te."rosterStaffId" AND rs."archivedAt" IS NULL
    JOIN "Membership" m ON m."districtId" = rs."districtId" AND m."userId" = rs."userId"
    WHERE te."districtId" = se."districtId" AND te."classId" = se."classId" AND te."role" = 'TEACHER' AND ${CURRENT_ENROLMENT("te")}
      AND m."id" = ${membershipId}::uuid AND m."role" = 'TEACHER' AND m."deactivatedAt" IS NULL
  )`;
}

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
      AND p."status" IN ('DRAFT', 'ACTIVE') AND m."deactivatedAt" IS NULL
    UNION
    SELECT se."studentId"::text, m."userId"::text
    FROM "ClassEnrollment" se
    JOIN "ClassEnrollment" te ON te."districtId" = se."districtId" AND te."classId" = se."classId" AND te."role" = 'TEACHER'
    JOIN "RosterStaff" rs ON rs."districtId" = te."districtId" AND rs."id" = te."rosterStaffId" AND rs."archivedAt" IS NULL
    JOIN "Membership" m ON m."districtId" = rs."districtId" AND m."userId" = rs."userId"
    WHERE se."districtId" = ${districtId}::uuid AND se."studentId" = ANY(${studentIds}::uuid[]) AND se."role" = 'STUDENT'
      AND ${CURRENT_ENROLMENT("se")} AND ${CURRENT_ENROLMENT("te")}
      AND m."role" = 'TEACHER' AND m."deactivatedAt" IS NULL`;
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

/** A student as the permission check sees it: their school and who reaches them. */
export async function studentReach(tx: Tx, ctx: Pick<Ctx, "districtId" | "role">, student: { id: string; schoolId: string }): Promise<Resource> {
  return { districtId: ctx.districtId, schoolId: student.schoolId, caseloadUserIds: await reachForChecks(tx, ctx, student.id) };
}

/** studentReach for many students in one statement, by student id. */
export async function studentsReach(tx: Tx, ctx: Pick<Ctx, "districtId" | "role">, students: readonly { id: string; schoolId: string }[]): Promise<Map<string, Resource>> {
  const reach = await reachesForChecks(tx, ctx, students.map((s) => s.id));
  return new Map(students.map((s) => [s.id, { districtId: ctx.districtId, schoolId: s.schoolId, caseloadUserIds: reach.get(s.id) ?? [] }]));
}

/**
 * SQL condition: the student (SQL expressions for their district and id) is
 * currently enrolled in a class the membership teaches as a TEACHER.
 */
export function taughtBySql(membershipId: string, districtId: Prisma.Sql, studentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "ClassEnrollment" se
    WHERE se."districtId" = ${districtId} AND se."studentId" = ${studentId} AND se."role" = 'STUDENT' AND ${CURRENT_ENROLMENT("se")}
      AND ${teachesClassSql(membershipId)}
  )`;
}

/**
 * SQL condition on `"Student" s`: the membership reaches the student as
 * reachOf counts it (current caseload, an open plan it delivers, or a class
 * it teaches as a TEACHER).
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
    OR ${taughtBySql(membershipId, Prisma.sql`s."districtId"`, Prisma.sql`s."id"`)}
  )`;
}
