import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";

export type AuditAction =
  | "view"
  | "create"
  | "update"
  | "export"
  /** A record given to someone outside the school (a family progress report to a guardian). */
  | "disclose"
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
  /**
   * The students an event about many of them touched (a list page, a CSV of
   * many students): linked one row each in AuditEventStudent, so the record of
   * access finds the event per student (decision 035). Only for events with a
   * district.
   */
  studentIds?: readonly string[];
}

/** Above this many events, one INSERT ... FROM unnest per chunk: Prisma's createMany costs about 2 ms an event. */
const BULK_FROM = 100;
const BULK_CHUNK = 5000;

/**
 * PostgreSQL refuses U+0000 in text and jsonb. Audit entries copy unverified
 * input (a denied request's id, slice(0, 64)); a NUL there must not turn a
 * refusal into an error, so it is shown as U+FFFD instead.
 */
const NUL = /\u0000/g;
function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replace(NUL, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  return value;
}

/** Appends audit events inside the caller's transaction: one statement, two when events touch many students. */
export async function recordAudit(tx: Tx, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const links: Prisma.AuditEventStudentCreateManyInput[] = [];
  const data = entries.map(({ studentIds, ...e }) => {
    const row = withoutNul({ ...e, entityId: e.entityId ?? null, studentId: e.studentId ?? null, ip: e.ip ?? null });
    const many = e.districtId ? [...new Set(studentIds ?? [])] : [];
    if (many.length === 0) return row;
    // The id and time are chosen here (not by the database) so the links can
    // name the event without reading it back.
    const id = randomUUID();
    const createdAt = new Date();
    for (const studentId of many) links.push({ districtId: e.districtId!, auditEventId: id, studentId, createdAt });
    return { ...row, id, createdAt };
  });
  if (data.length < BULK_FROM || links.length) {
    // createMany writes without RETURNING: appending needs no read access.
    await tx.auditEvent.createMany({ data });
  } else {
    // An import's or an upload's events (one per student): also without RETURNING.
    for (let i = 0; i < data.length; i += BULK_CHUNK) {
      const chunk = data.slice(i, i + BULK_CHUNK);
      await tx.$executeRaw`
        INSERT INTO "AuditEvent" ("districtId", "actorUserId", "action", "entityType", "entityId", "studentId", "detail", "ip")
        SELECT e.d, e.a, e.act, e.t, e.eid, e.s, e.det::jsonb, e.ip
        FROM unnest(${chunk.map((e) => e.districtId)}::uuid[], ${chunk.map((e) => e.actorUserId)}::uuid[], ${chunk.map((e) => e.action)}::text[],
                    ${chunk.map((e) => e.entityType)}::text[], ${chunk.map((e) => e.entityId)}::text[], ${chunk.map((e) => e.studentId)}::uuid[],
                    ${chunk.map((e) => (e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail)))}::text[], ${chunk.map((e) => e.ip)}::text[])
          AS e(d, a, act, t, eid, s, det, ip)`;
    }
  }
  if (links.length) await tx.auditEventStudent.createMany({ data: links });
}
