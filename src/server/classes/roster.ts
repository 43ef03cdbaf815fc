import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT } from "@/server/caseloads/names";
import type { Tx } from "@/server/db/tenant";
import { teachesClassSql } from "@/server/reach";

// Class rosters from the OneRoster import (decision 018) as the teacher role
// reads them (decision 020). Who may read which class is decided by
// src/server/reach (classReach, teachesClassSql); these only read rows.

const CURRENT = Prisma.sql`(se."endDate" IS NULL OR se."endDate" >= CURRENT_DATE) AND (se."beginDate" IS NULL OR se."beginDate" <= CURRENT_DATE)`;

export interface ClassSummary {
  id: string;
  title: string;
  code: string | null;
  periods: string | null;
  schoolId: string;
  schoolName: string;
  students: number;
}

/**
 * Classes with their current student counts: those the membership teaches
 * (`teaching`), or every class of some schools (null = the whole district).
 * No student is named.
 */
export async function classSummariesIn(tx: Tx, ctx: Ctx, which: { teaching: true } | { schoolIds: readonly string[] | null }): Promise<ClassSummary[]> {
  const filter =
    "teaching" in which
      ? Prisma.sql`EXISTS (SELECT 1 FROM "ClassEnrollment" se WHERE se."districtId" = c."districtId" AND se."classId" = c."id" AND ${teachesClassSql(ctx.membershipId)})`
      : which.schoolIds
        ? Prisma.sql`c."schoolId" = ANY(${[...which.schoolIds]}::uuid[])`
        : Prisma.sql`TRUE`;
  return tx.$queryRaw<ClassSummary[]>`
    SELECT c."id"::text AS "id", c."title", COALESCE(c."classCode", c."courseCode") AS "code", c."periods", c."schoolId"::text AS "schoolId", sc."name" AS "schoolName",
      (SELECT count(*)::int FROM "ClassEnrollment" se JOIN "Student" s ON s."districtId" = se."districtId" AND s."id" = se."studentId"
        WHERE se."districtId" = c."districtId" AND se."classId" = c."id" AND se."role" = 'STUDENT' AND s."archivedAt" IS NULL AND ${CURRENT}) AS "students"
    FROM "SchoolClass" c
    JOIN "School" sc ON sc."districtId" = c."districtId" AND sc."id" = c."schoolId"
    WHERE c."districtId" = ${ctx.districtId}::uuid AND sc."archivedAt" IS NULL AND ${filter}
    ORDER BY sc."name", c."title", c."classCode" NULLS LAST, c."id"
    LIMIT 500`;
}

/** A class of the district by an unverified id, or null. */
export async function classIn(tx: Tx, districtId: string, unverifiedClassId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(unverifiedClassId)) return null;
  return tx.schoolClass.findFirst({
    where: { districtId, id: unverifiedClassId },
    select: { id: true, title: true, classCode: true, courseCode: true, periods: true, schoolId: true, school: { select: { name: true } } },
  });
}

/** The students currently enrolled in a class (not archived), by family name. */
export async function classStudentsIn(tx: Tx, districtId: string, classId: string) {
  const rows = await tx.classEnrollment.findMany({
    where: {
      districtId,
      classId,
      role: "STUDENT",
      student: { archivedAt: null },
      AND: [{ OR: [{ endDate: null }, { endDate: { gte: startOfToday() } }] }, { OR: [{ beginDate: null }, { beginDate: { lte: startOfToday() } }] }],
    },
    select: { student: { select: { id: true, localId: true, grade: true, schoolId: true, ...STUDENT_NAME_SELECT } } },
  });
  const seen = new Set<string>();
  return rows
    .map((r) => r.student!)
    .filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)))
    .sort((a, b) => a.legalLastName.localeCompare(b.legalLastName) || a.legalFirstName.localeCompare(b.legalFirstName) || a.id.localeCompare(b.id));
}

/** Today as a Date column value (dates are compared at midnight UTC, as Prisma stores @db.Date). */
function startOfToday(): Date {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
