import "server-only";
import { notFound } from "next/navigation";
import { can, type Action, type Resource } from "@/domain/permissions";
import { recordAudit } from "@/server/audit/record";
import { withTenant } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import type { Ctx } from "./session";

interface Target extends Partial<Resource> {
  entityType: string;
  entityId?: string | null;
  studentId?: string | null;
}

/** Writes the `denied` audit event in its own transaction, so it survives the caller's rollback. */
export async function recordDenied(ctx: Ctx, action: string, target: Target): Promise<void> {
  await withTenant(ctx.districtId, (tx) =>
    recordAudit(tx, {
      districtId: ctx.districtId,
      actorUserId: ctx.userId,
      action: "denied",
      entityType: target.entityType,
      entityId: target.entityId ?? null,
      studentId: target.studentId ?? null,
      detail: { attempted: action },
    }),
  );
}

function resourceOf(ctx: Ctx, target: Target): Resource {
  return { districtId: target.districtId ?? ctx.districtId, schoolId: target.schoolId, caseloadUserIds: target.caseloadUserIds };
}

/** For pages: a record the user may not see does not exist (404), and the attempt is logged. */
export async function authorizePage(ctx: Ctx, action: Action, target: Target): Promise<void> {
  if (can(ctx, action, resourceOf(ctx, target))) return;
  await recordDenied(ctx, action, target);
  notFound();
}

/** For server actions and code inside a transaction: runAction turns the DeniedError into 404 and the audit event. */
export function authorizeAction(ctx: Ctx, action: Action, target: Target): void {
  if (!can(ctx, action, resourceOf(ctx, target))) throw new DeniedError(action, target);
}

/** A page whose record was not found (unknown, malformed or another district's id). */
export async function pageNotFound(ctx: Ctx, action: Action, target: Target): Promise<never> {
  await recordDenied(ctx, action, target);
  notFound();
}
