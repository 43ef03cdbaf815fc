import "server-only";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";

/** What every home page starts from: the schools in reach and the staff count per role. */
export async function getHomeSummary(ctx: Ctx) {
  return withTenant(ctx.districtId, async (tx) => {
    const schoolFilter = ctx.schoolIds.length ? { id: { in: ctx.schoolIds } } : {};
    const [schools, staffByRole] = await Promise.all([
      tx.school.findMany({ where: { districtId: ctx.districtId, archivedAt: null, ...schoolFilter }, orderBy: { name: "asc" }, select: { id: true, name: true, level: true } }),
      tx.membership.groupBy({ by: ["role"], where: { districtId: ctx.districtId, deactivatedAt: null }, _count: { _all: true } }),
    ]);
    return { schools, staffByRole: Object.fromEntries(staffByRole.map((r) => [r.role, r._count._all])) as Record<string, number> };
  });
}
