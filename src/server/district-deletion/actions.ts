"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { confirmRefusal, deletionRunsAt, EXPORT_FRESH_DAYS, exportIsFresh } from "@/domain/district-deletion";
import { formToObject, runAction } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/errors";
import { scheduleDistrictDeletion } from "@/server/jobs/queue";
import { latestDistrictExport } from "./queries";
import { ZNoFields, ZRequestDeletion } from "./schemas";

const TARGET = (districtId: string) => ({ entityType: "District", entityId: districtId });
const PAGE = "/admin/leave";

/**
 * An administrator asks for the whole district to be deleted (decision 041).
 * Only after a whole-district export in the last EXPORT_FRESH_DAYS days (the
 * district keeps its data); nothing is scheduled until a second administrator
 * confirms.
 */
export async function requestDistrictDeletion(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("requestDistrictDeletion", ZRequestDeletion, formToObject(form), async (ctx) => {
    authorizeAction(ctx, "district.delete", TARGET(ctx.districtId));
    await withTenant(ctx.districtId, async (tx) => {
      const existing = await tx.districtDeletion.findUnique({ where: { districtId: ctx.districtId }, select: { id: true } });
      if (existing) throw new AppError("CONFLICT", "A deletion of this district is already requested: see its state below.");
      const exported = await latestDistrictExport(tx, ctx.districtId);
      if (!exported || !exportIsFresh(exported.createdAt, new Date())) {
        throw new AppError(
          "CONFLICT",
          `Download the whole-district export first (Export district data): a deletion can be requested only within ${EXPORT_FRESH_DAYS} days of one, so the district keeps a copy of its data.`,
        );
      }
      const row = await tx.districtDeletion.create({
        data: { districtId: ctx.districtId, requestedByUserId: ctx.userId, exportEventId: exported.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "create",
        entityType: "DistrictDeletion",
        entityId: row.id,
        detail: { step: "requested", exportEventId: exported.id, exportedAt: exported.createdAt.toISOString() },
      });
    });
  });
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return { ok: true, message: "The deletion is requested. Another administrator must now confirm it; nothing is deleted until then and the grace period after it." };
}

/** A second administrator (never the one who asked) confirms: the deletion then runs when the grace period ends. */
export async function confirmDistrictDeletion(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("confirmDistrictDeletion", ZNoFields, formToObject(form), async (ctx) => {
    authorizeAction(ctx, "district.delete", TARGET(ctx.districtId));
    const runAfter = await withTenant(ctx.districtId, async (tx) => {
      const row = await tx.districtDeletion.findUnique({ where: { districtId: ctx.districtId } });
      const refusal = confirmRefusal(row, ctx.userId);
      if (refusal || !row) throw new AppError("CONFLICT", refusal ?? "There is no deletion request to confirm.");
      const confirmedAt = new Date();
      const runAfter = deletionRunsAt(confirmedAt);
      // Only an unconfirmed request: two administrators confirming at once confirm it once.
      const n = await tx.districtDeletion.updateMany({
        where: { id: row.id, districtId: ctx.districtId, confirmedAt: null, requestedByUserId: { not: ctx.userId } },
        data: { confirmedByUserId: ctx.userId, confirmedAt, runAfter },
      });
      if (n.count !== 1) throw new AppError("CONFLICT", "This deletion is already confirmed.");
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictDeletion",
        entityId: row.id,
        detail: { step: "confirmed", requestedByUserId: row.requestedByUserId, runAfter: runAfter.toISOString() },
      });
      return runAfter;
    });
    // After commit: the job is only a wake-up call; the minute sweep finds it as well (decision 041).
    await scheduleDistrictDeletion(ctx.districtId, runAfter);
    return runAfter;
  });
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return { ok: true, message: `The deletion is confirmed. It runs on ${result.data.toISOString().slice(0, 10)} (UTC) unless an administrator cancels it before then.` };
}

/** Any administrator cancels a request (confirmed or not) before it runs. */
export async function cancelDistrictDeletion(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("cancelDistrictDeletion", ZNoFields, formToObject(form), async (ctx) => {
    authorizeAction(ctx, "district.delete", TARGET(ctx.districtId));
    await withTenant(ctx.districtId, async (tx) => {
      const row = await tx.districtDeletion.findUnique({ where: { districtId: ctx.districtId } });
      if (!row) throw new AppError("CONFLICT", "There is no deletion request to cancel.");
      await tx.districtDeletion.delete({ where: { id: row.id } });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictDeletion",
        entityId: row.id,
        detail: {
          step: "cancelled",
          requestedByUserId: row.requestedByUserId,
          confirmedByUserId: row.confirmedByUserId,
          runAfter: row.runAfter?.toISOString() ?? null,
        },
      });
    });
  });
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return { ok: true, message: "The deletion is cancelled. Nothing was deleted." };
}
