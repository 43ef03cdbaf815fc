// A district leaving (decision 041): the request needs a recent whole-district
// export, a second administrator confirms, any administrator cancels, and when
// the grace period has ended the sweep deletes every row with the district's
// id on every table that has a districtId column (found in the catalogue, so
// a new table is covered without editing this test), the district's accounts
// that have no other district, and nothing of another district (a digest of
// every row of the other district before and after). The certificate is kept
// outside the deleted data and the app role cannot read it.
import type { Readable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DELETION_GRACE_DAYS } from "@/domain/district-deletion";
import { withTenant } from "@/server/db/tenant";
import { cancelDistrictDeletion, confirmDistrictDeletion, requestDistrictDeletion } from "@/server/district-deletion/actions";
import { getDeletionOverview } from "@/server/district-deletion/queries";
import { carryOutDistrictDeletion, runDueDistrictDeletions } from "@/server/district-deletion/run";
import { exportDistrict } from "@/server/export/district";
import { DEMO_DISTRICTS } from "../../prisma/seed/demo-data";
import { appDb, asOwner, ownerSql } from "../support/db";
import { useDemoDatabase } from "../support/demo-db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const maple = DEMO_DISTRICTS.maple.id;
const river = DEMO_DISTRICTS.river.id;
let admin: Person;
let secondAdmin: Person;
let coordinator: Person;
let riverAdmin: Person;
/** A person in both districts: keeps the account and River. */
let both: Person;

const DAY = 24 * 60 * 60 * 1000;

/** Every table of the schema with a districtId column, from the catalogue. */
async function tenantTables(): Promise<string[]> {
  const rows = await ownerSql<{ t: string }>(
    `SELECT c.table_name AS t FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'districtId' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

async function countsOf(districtId: string, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}" WHERE "districtId" = $1::uuid`, [districtId]))[0]!.n);
  return out;
}

/** A digest of every row a district has (each table's rows as text, sorted), its District row and its members' accounts. */
async function digestOf(districtId: string, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    out[t] = (await ownerSql<{ d: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "${t}" x WHERE x."districtId" = $1::uuid`, [districtId]))[0]!.d;
  }
  out.District = (await ownerSql<{ d: string }>(`SELECT md5(x::text) AS d FROM "District" x WHERE x."id" = $1::uuid`, [districtId]))[0]!.d;
  out.User = (await ownerSql<{ d: string }>(
    `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "User" x WHERE x."id" IN (SELECT "userId" FROM "Membership" WHERE "districtId" = $1::uuid)`,
    [districtId],
  ))[0]!.d;
  return out;
}

async function exportAs(person: Person): Promise<void> {
  const { body, done } = await exportDistrict(person.ctx);
  for await (const _chunk of body as Readable) void _chunk;
  await done;
}

const request = () => requestDistrictDeletion(null, formOf({ understood: "on" }));
const confirm = () => confirmDistrictDeletion(null, formOf({}));
const cancel = () => cancelDistrictDeletion(null, formOf({}));
/** The message of a refused action (empty when it was not refused). */
const messageOf = (r: Awaited<ReturnType<typeof request>>) => (r && !r.ok ? r.error.message : "");
const steps = () => asOwner((tx) => tx.auditEvent.findMany({ where: { districtId: maple, entityType: "DistrictDeletion" }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await useDemoDatabase();
  await asOwner(async (tx) => {
    admin = await makePerson(tx, { districtId: maple, role: "ADMIN", email: "leave-admin@maple.test", districtName: DEMO_DISTRICTS.maple.name });
    secondAdmin = await makePerson(tx, { districtId: maple, role: "ADMIN", email: "leave-admin2@maple.test", districtName: DEMO_DISTRICTS.maple.name });
    coordinator = await makePerson(tx, { districtId: maple, role: "COORDINATOR", email: "leave-coord@maple.test" });
    riverAdmin = await makePerson(tx, { districtId: river, role: "ADMIN", email: "leave-admin@river.test" });
    both = await makePerson(tx, { districtId: maple, role: "SPECIALIST", email: "leave-both@maple.test" });
    await tx.membership.create({ data: { districtId: river, userId: both.userId, role: "SPECIALIST" } });
  });
  // The demo data is the point (most tables hold rows of both districts): seeded once per run, cloned here.
}, 300_000);

describe("the request, the confirmation and the cancellation", () => {
  it("is refused to anyone but an administrator, with a denied event", async () => {
    signInAs(coordinator.ctx);
    const r = await request();
    expect(r).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await expect(getDeletionOverview(coordinator.ctx)).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "denied" } }));
    expect(denied).toBe(2);
  });

  it("needs the box ticked and a whole-district export first", async () => {
    signInAs(admin.ctx);
    expect(await requestDistrictDeletion(null, formOf({}))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const before = await request();
    expect(before).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(messageOf(before)).toMatch(/export/);
    expect((await getDeletionOverview(admin.ctx)).exportFresh).toBe(false);
    // An export older than the freshness window does not count either.
    await exportAs(admin);
    await ownerSql(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update_delete`);
    try {
      await ownerSql(`UPDATE "AuditEvent" SET "createdAt" = now() - interval '15 days' WHERE "districtId" = $1::uuid AND "action" = 'export'`, [maple]);
    } finally {
      await ownerSql(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_update_delete`);
    }
    expect(await request()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await asOwner((tx) => tx.districtDeletion.count())).toBe(0);
  });

  it("is requested by one administrator after the export, and the requester may not confirm", async () => {
    await exportAs(admin);
    signInAs(admin.ctx);
    expect(await request()).toMatchObject({ ok: true });
    expect(await request()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const own = await confirm();
    expect(own).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(messageOf(own)).toMatch(/second administrator/i);
    const o = await getDeletionOverview(admin.ctx);
    expect(o).toMatchObject({ stage: "awaiting-confirmation", request: { mine: true, confirmedAt: null, runAfter: null } });
  });

  it("is cancelled by another administrator; then requested again and confirmed by the second one", async () => {
    signInAs(secondAdmin.ctx);
    expect(await cancel()).toMatchObject({ ok: true });
    expect(await cancel()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await confirm()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    signInAs(admin.ctx);
    expect(await request()).toMatchObject({ ok: true });
    signInAs(secondAdmin.ctx);
    const started = Date.now();
    expect(await confirm()).toMatchObject({ ok: true });
    expect(await confirm()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const row = await asOwner((tx) => tx.districtDeletion.findUniqueOrThrow({ where: { districtId: maple } }));
    expect(row.requestedByUserId).toBe(admin.userId);
    expect(row.confirmedByUserId).toBe(secondAdmin.userId);
    expect(Math.abs(row.runAfter!.getTime() - (started + DELETION_GRACE_DAYS * DAY))).toBeLessThan(60_000);
    expect((await getDeletionOverview(secondAdmin.ctx)).stage).toBe("scheduled");
    expect((await steps()).map((e) => [e.action, (e.detail as { step: string }).step, e.actorUserId])).toEqual([
      ["create", "requested", admin.userId],
      ["update", "cancelled", secondAdmin.userId],
      ["create", "requested", admin.userId],
      ["update", "confirmed", secondAdmin.userId],
    ]);
  });

  it("another district's administrator sees only their own district's state", async () => {
    expect((await getDeletionOverview(riverAdmin.ctx)).stage).toBe("none");
    signInAs(riverAdmin.ctx);
    expect(await cancel()).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await asOwner((tx) => tx.districtDeletion.count({ where: { districtId: maple } }))).toBe(1);
  });
});

describe("carrying it out", () => {
  it("does nothing before the grace period ends, whatever clock the app is given", async () => {
    expect(await runDueDistrictDeletions(new Date(Date.now() + 29 * DAY))).toEqual({ deleted: [], failed: [] });
    // The database checks the grace period by its own clock: a caller cannot hurry it.
    await expect(carryOutDistrictDeletion(maple)).rejects.toThrow(/grace period/);
    // Nor delete a district with no confirmed request (River), nor another district from this one's transaction.
    await expect(carryOutDistrictDeletion(river)).rejects.toThrow(/no confirmed request/);
    await expect(withTenant(maple, (tx) => tx.$queryRaw`select delete_district(${river}::uuid)`, appDb())).rejects.toThrow(/not scoped/);
    expect(await asOwner((tx) => tx.district.count({ where: { id: maple } }))).toBe(1);
  });

  it("removes every row of the district on every table and leaves the other district untouched", async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(40);
    const before = await countsOf(maple, tables);
    const nonEmpty = Object.values(before).filter((n) => n > 0).length;
    expect(nonEmpty).toBeGreaterThan(30);
    const riverBefore = await digestOf(river, tables);
    // Members and invited people of Maple; those with a membership or invitation elsewhere keep their account.
    const people = await ownerSql<{ id: string; elsewhere: boolean }>(
      `SELECT p.u::text AS id,
              EXISTS (SELECT 1 FROM "Membership" o WHERE o."userId" = p.u AND o."districtId" <> $1::uuid)
           OR EXISTS (SELECT 1 FROM "Invitation" o WHERE o."userId" = p.u AND o."districtId" <> $1::uuid) AS elsewhere
         FROM (SELECT "userId" AS u FROM "Membership" WHERE "districtId" = $1::uuid UNION SELECT "userId" FROM "Invitation" WHERE "districtId" = $1::uuid) p`,
      [maple],
    );
    const mapleOnly = people.filter((p) => !p.elsewhere);
    const elsewhere = people.filter((p) => p.elsewhere);
    expect(mapleOnly.length).toBeGreaterThan(3);
    expect(elsewhere.map((p) => p.id)).toContain(both.userId);
    const elsewhereBefore = await ownerSql<{ d: string }>(`SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) AS d FROM "User" x WHERE x."id" = ANY($1::uuid[])`, [elsewhere.map((p) => p.id)]);

    // The grace period passes: the sweep at the end of it deletes the district.
    await ownerSql(`UPDATE "DistrictDeletion" SET "runAfter" = now() - interval '1 minute' WHERE "districtId" = $1::uuid`, [maple]);
    expect(await runDueDistrictDeletions(new Date())).toEqual({ deleted: [maple], failed: [] });

    const after = await countsOf(maple, tables);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await ownerSql(`SELECT 1 FROM "District" WHERE "id" = $1::uuid`, [maple])).toEqual([]);
    expect(await digestOf(river, tables)).toEqual(riverBefore);

    // Accounts: gone when Maple was their only district; kept (with River) otherwise.
    const left = await ownerSql<{ id: string }>(`SELECT "id"::text AS id FROM "User" WHERE "id" = ANY($1::uuid[])`, [mapleOnly.map((u) => u.id)]);
    expect(left).toEqual([]);
    const kept = await asOwner((tx) => tx.user.findUnique({ where: { id: both.userId }, include: { memberships: true } }));
    expect(kept?.memberships.map((m) => m.districtId)).toEqual([river]);
    // Accounts that live on elsewhere are untouched (not even made sign-in-less).
    expect(await ownerSql(`SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) AS d FROM "User" x WHERE x."id" = ANY($1::uuid[])`, [elsewhere.map((p) => p.id)])).toEqual(elsewhereBefore);

    // The certificate: outside the deleted data, what, when and who.
    const [cert] = await ownerSql<{ formerDistrictId: string; districtName: string; tables: Record<string, number>; requestedByEmail: string; confirmedByEmail: string; usersRemoved: number; usersKept: number; carriedOutAt: Date }>(
      `SELECT * FROM "DistrictDeletionCertificate" WHERE "formerDistrictId" = $1::uuid`,
      [maple],
    );
    expect(cert).toMatchObject({ districtName: DEMO_DISTRICTS.maple.name, requestedByEmail: "leave-admin@maple.test", confirmedByEmail: "leave-admin2@maple.test", usersRemoved: mapleOnly.length, usersKept: elsewhere.length });
    expect(cert!.tables).toEqual(before);
    expect(Date.now() - new Date(cert!.carriedOutAt).getTime()).toBeLessThan(10 * 60_000);
    // Nothing is left to run: the request went with the district.
    expect(await runDueDistrictDeletions(new Date(Date.now() + 60 * DAY))).toEqual({ deleted: [], failed: [] });
  });

  it("keeps the certificate from the app role", async () => {
    await expect(withTenant(river, (tx) => tx.$queryRaw`select count(*) from "DistrictDeletionCertificate"`, appDb())).rejects.toThrow(/permission denied/);
  });

  it("the audit trail stays append-only for the app role", async () => {
    await expect(
      withTenant(river, async (tx) => {
        await tx.$queryRaw`select set_config('app.deleting_district', ${river}, true)`;
        return tx.$executeRaw`delete from "AuditEvent" where "districtId" = ${river}::uuid`;
      }, appDb()),
    ).rejects.toThrow(/permission denied|append-only/);
  });
});
