import "server-only";
import { z } from "zod";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";

export async function listSchools(ctx: Ctx, opts: { includeArchived?: boolean } = {}) {
  await authorizePage(ctx, "school.view", { entityType: "School" });
  return withTenant(ctx.districtId, (tx) =>
    tx.school.findMany({
      where: {
        districtId: ctx.districtId,
        ...(opts.includeArchived ? {} : { archivedAt: null }),
        ...(ctx.role !== "ADMIN" && ctx.schoolIds.length ? { id: { in: ctx.schoolIds } } : {}),
      },
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
      select: { id: true, name: true, level: true, code: true, archivedAt: true },
    }),
  );
}

export async function getSchoolForEdit(ctx: Ctx, unverifiedSchoolId: string) {
  await authorizePage(ctx, "school.manage", { entityType: "School" });
  const id = z.uuid().safeParse(unverifiedSchoolId);
  const school = id.success
    ? await withTenant(ctx.districtId, (tx) => tx.school.findFirst({ where: { id: id.data, districtId: ctx.districtId } }))
    : null;
  if (!school) return pageNotFound(ctx, "school.manage", { entityType: "School", entityId: unverifiedSchoolId.slice(0, 64) });
  return school;
}
