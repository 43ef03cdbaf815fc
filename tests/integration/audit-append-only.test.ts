// AuditEvent is append-only: the app role may only insert and read, and a
// trigger refuses UPDATE, DELETE and TRUNCATE even for the owner.
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/server/audit/record";
import { withTenant } from "@/server/db/tenant";
import { makeAuditEvent, makeDistrict } from "../factories";
import { appDb, asOwner, ownerSql } from "../support/db";

let districtId: string;
let eventId: string;

beforeAll(async () => {
  districtId = (await asOwner((tx) => makeDistrict(tx))).id;
  eventId = (await withTenant(districtId, (tx) => makeAuditEvent(tx, { districtId, action: "case.opened", detail: { a: 1 } }))).id;
});

async function storedEvent() {
  const rows = await ownerSql<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "id" = $1`, [eventId]);
  return rows;
}

describe("AuditEvent as the app role", () => {
  it("can be inserted and read within its district", async () => {
    const events = await withTenant(districtId, (tx) => tx.auditEvent.findMany());
    expect(events.map((e) => [e.id, e.action, e.detail])).toEqual([[eventId, "case.opened", { a: 1 }]]);
  });

  it("rejects UPDATE", async () => {
    await expect(
      withTenant(districtId, (tx) => tx.auditEvent.updateMany({ where: { id: eventId }, data: { action: "tampered" } })),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(
      withTenant(districtId, (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${eventId}::uuid`),
    ).rejects.toThrow(/permission denied|append-only/);
    expect(await storedEvent()).toEqual([{ action: "case.opened" }]);
  });

  it("rejects DELETE", async () => {
    await expect(withTenant(districtId, (tx) => tx.auditEvent.deleteMany({ where: { id: eventId } }))).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(withTenant(districtId, (tx) => tx.$executeRaw`DELETE FROM "AuditEvent"`)).rejects.toThrow(
      /permission denied|append-only/,
    );
    expect(await storedEvent()).toHaveLength(1);
  });

  it("cannot TRUNCATE", async () => {
    await expect(appDb().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/permission denied|append-only/);
    expect(await storedEvent()).toHaveLength(1);
  });
});

describe("AuditEvent as the owner", () => {
  it("rejects UPDATE", async () => {
    await expect(ownerSql(`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = $1`, [eventId])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    expect(await storedEvent()).toEqual([{ action: "case.opened" }]);
  });

  it("rejects DELETE", async () => {
    await expect(ownerSql(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [eventId])).rejects.toThrow(/append-only: DELETE/);
    expect(await storedEvent()).toHaveLength(1);
  });

  it("rejects TRUNCATE", async () => {
    // AuditEventStudent refers to the events (decision 035): a plain TRUNCATE
    // is refused for that first, and CASCADE reaches both tables' triggers.
    await expect(ownerSql(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE|referenced in a foreign key/);
    await expect(ownerSql(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(ownerSql(`TRUNCATE "AuditEventStudent"`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await storedEvent()).toHaveLength(1);
  });

  it("can still append", async () => {
    await asOwner((tx) => makeAuditEvent(tx, { districtId, action: "owner.appended" }));
    const [row] = await ownerSql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "districtId" = $1`, [districtId]);
    expect(row!.n).toBe(2);
  });
});

describe("recordAudit in bulk", () => {
  it("appends an import's many events in bulk exactly as one by one, and RLS refuses another district's", async () => {
    // 150 events take the INSERT ... FROM unnest path (100 or more): fields, nulls and JSON as createMany writes them.
    // A district of its own: the tests below count this district's events.
    const bulkDistrict = (await asOwner((tx) => makeDistrict(tx))).id;
    const entries = Array.from({ length: 150 }, (_, i) => ({
      districtId: bulkDistrict,
      actorUserId: null,
      action: "update" as const,
      entityType: "BulkTest",
      entityId: i % 2 ? `e${i}` : null,
      detail: i % 3 ? { i, list: [1, null], text: `quote " and 'apostrophe'` } : undefined,
    }));
    await withTenant(bulkDistrict, (tx) => recordAudit(tx, ...entries));
    const stored = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId: bulkDistrict, entityType: "BulkTest" }, select: { entityId: true, detail: true, action: true, studentId: true, ip: true } }));
    const key = (e: { entityId: string | null; detail: unknown }) => JSON.stringify([e.entityId, e.detail ?? null]);
    expect(stored.map(key).sort()).toEqual(entries.map(key).sort());
    expect(stored.every((e) => e.action === "update" && e.studentId === null && e.ip === null)).toBe(true);
    const other = (await asOwner((tx) => makeDistrict(tx))).id;
    await expect(withTenant(bulkDistrict, (tx) => recordAudit(tx, ...entries.map((e) => ({ ...e, districtId: other }))))).rejects.toThrow(/row-level security/);
  });
});
