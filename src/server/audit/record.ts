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
  | "sign_out";

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

/** Appends one audit event inside the caller's transaction. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  // createMany writes without RETURNING: appending needs no read access.
  await tx.auditEvent.createMany({ data: { ...entry, entityId: entry.entityId ?? null, studentId: entry.studentId ?? null, ip: entry.ip ?? null } });
}
