import "server-only";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";

/**
 * A school's classes from the roster (decision 018), with their teachers and
 * how many students each has: no student is named, so this is no view of
 * student data. The teacher role will read rosters through the same tables.
 */
export async function listClassesOfSchool(ctx: Ctx, schoolId: string) {
  await authorizePage(ctx, "school.manage", { entityType: "School", entityId: schoolId });
  return withTenant(ctx.districtId, async (tx) => {
    const classes = await tx.schoolClass.findMany({
      where: { districtId: ctx.districtId, schoolId },
      orderBy: [{ title: "asc" }, { classCode: "asc" }],
      take: 500,
      select: {
        id: true,
        title: true,
        courseCode: true,
        classCode: true,
        periods: true,
        term: { select: { title: true } },
        enrollments: { where: { role: { not: "STUDENT" } }, select: { role: true, staff: { select: { givenName: true, familyName: true } } } },
        _count: { select: { enrollments: { where: { role: "STUDENT" } } } },
      },
    });
    return classes.map((c) => ({
      id: c.id,
      title: c.title,
      code: c.classCode ?? c.courseCode,
      periods: c.periods,
      term: c.term?.title ?? null,
      staff: c.enrollments.map((e) => `${e.staff?.givenName ?? ""} ${e.staff?.familyName ?? ""}`.trim() + (e.role === "AIDE" ? " (aide)" : "")),
      students: c._count.enrollments,
    }));
  });
}
