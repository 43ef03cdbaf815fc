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

/** Above this many events, one INSERT ... FROM unnest per chunk: Prisma's createMany costs about 2 ms an event. */
const BULK_FROM = 100;
const BULK_CHUNK = 5000;

/** Appends audit events inside the caller's transaction, in one statement (one per 5,000 events). */
export async function recordAudit(tx: Tx, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length < BULK_FROM) {
    // createMany writes without RETURNING: appending needs no read access.
    await tx.auditEvent.createMany({
      data: entries.map((e) => ({ ...e, entityId: e.entityId ?? null, studentId: e.studentId ?? null, ip: e.ip ?? null })),
    });
    return;
  }
  // An import's or an upload's events (one per student): also without RETURNING.
  for (let i = 0; i < entries.length; i += BULK_CHUNK) {
    const chunk = entries.slice(i, i + BULK_CHUNK);
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("districtId", "actorUserId", "action", "entityType", "entityId", "studentId", "detail", "ip")
      SELECT e.d, e.a, e.act, e.t, e.eid, e.s, e.det::jsonb, e.ip
      FROM unnest(${chunk.map((e) => e.districtId)}::uuid[], ${chunk.map((e) => e.actorUserId)}::uuid[], ${chunk.map((e) => e.action)}::text[],
                  ${chunk.map((e) => e.entityType)}::text[], ${chunk.map((e) => e.entityId ?? null)}::text[], ${chunk.map((e) => e.studentId ?? null)}::uuid[],
                  ${chunk.map((e) => (e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail)))}::text[], ${chunk.map((e) => e.ip ?? null)}::text[])
        AS e(d, a, act, t, eid, s, det, ip)`;
  }
}
