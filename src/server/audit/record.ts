import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";

export type AuditAction =
  | "view"
  | "create"
  | "update"
  | "export"
  | "denied"
  | "sign_in"
  | "sign_in_failed"
  | "sign_in_blocked"
  | "sign_out"
  | "password_change"
  | "password_reset"
  | "session_end"
  | "two_factor_enrol"
  | "two_factor_verified"
  | "two_factor_disable"
  | "two_factor_failed"
  | "two_factor_reset"
  | "recovery_code_used";

export interface AuditEntry {
  districtId: string | null;
  actorUserId: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  studentId?: string | null;
  detail?: Prisma.InputJsonValue;
  ip?: string | null;
}

/** Appends audit events inside the caller's transaction, in one statement. */
export async function recordAudit(tx: Tx, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // createMany writes without RETURNING: appending needs no read access.
  await tx.auditEvent.createMany({
    data: entries.map((e) => ({ ...e, entityId: e.entityId ?? null, studentId: e.studentId ?? null, ip: e.ip ?? null })),
  });
}
