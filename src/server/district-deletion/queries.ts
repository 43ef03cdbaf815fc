import "server-only";
import { deletionStage, DELETION_GRACE_DAYS, EXPORT_FRESH_DAYS, exportIsFresh, type DeletionStage } from "@/domain/district-deletion";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";

export interface DeletionOverview {
  stage: DeletionStage;
  graceDays: number;
  exportFreshDays: number;
  /** The latest whole-district export (any administrator's), or null. */
  lastExportAt: Date | null;
  exportFresh: boolean;
  request: {
    requestedBy: string;
    requestedAt: Date;
    confirmedBy: string | null;
    confirmedAt: Date | null;
    runAfter: Date | null;
    /** The signed-in administrator asked for it, so may not confirm it. */
    mine: boolean;
  } | null;
}

/** The latest whole-district export: its audit event (decision 022 records it before the first byte leaves). */
export async function latestDistrictExport(tx: Tx, districtId: string): Promise<{ id: string; createdAt: Date } | null> {
  return tx.auditEvent.findFirst({
    where: { districtId, action: "export", entityType: "District", entityId: districtId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
}

/**
 * What the "Leave the app" page shows (administrators). It holds no student
 * record, so no view event; a refusal is audited by authorizePage.
 */
export async function getDeletionOverview(ctx: Ctx, now = new Date()): Promise<DeletionOverview> {
  await authorizePage(ctx, "district.delete", { entityType: "District", entityId: ctx.districtId });
  return withTenant(ctx.districtId, async (tx) => {
    const [row, lastExport] = await Promise.all([
      tx.districtDeletion.findUnique({ where: { districtId: ctx.districtId } }),
      latestDistrictExport(tx, ctx.districtId),
    ]);
    let request: DeletionOverview["request"] = null;
    if (row) {
      const ids = [row.requestedByUserId, ...(row.confirmedByUserId ? [row.confirmedByUserId] : [])];
      const people = await tx.membership.findMany({ where: { districtId: ctx.districtId, userId: { in: ids } }, select: { userId: true, user: { select: { name: true } } } });
      const nameOf = (id: string) => people.find((p) => p.userId === id)?.user.name ?? "a former administrator";
      request = {
        requestedBy: nameOf(row.requestedByUserId),
        requestedAt: row.requestedAt,
        confirmedBy: row.confirmedByUserId ? nameOf(row.confirmedByUserId) : null,
        confirmedAt: row.confirmedAt,
        runAfter: row.runAfter,
        mine: row.requestedByUserId === ctx.userId,
      };
    }
    return {
      stage: deletionStage(row, now),
      graceDays: DELETION_GRACE_DAYS,
      exportFreshDays: EXPORT_FRESH_DAYS,
      lastExportAt: lastExport?.createdAt ?? null,
      exportFresh: exportIsFresh(lastExport?.createdAt ?? null, now),
      request,
    };
  });
}
