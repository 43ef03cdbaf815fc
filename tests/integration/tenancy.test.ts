// Row-level security keeps districts apart even when a query forgets its
// `where: { districtId }`: these tests deliberately omit it.
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { makeAuditEvent, makeDistrict, makeMembership, makeSchool, makeUser } from "../factories";
import { appDb, asOwner, openAppPoolOfOne, ownerSql } from "../support/db";

interface Fixture {
  districtId: string;
  schoolId: string;
  membershipId: string;
  auditEventId: string;
}

let A: Fixture;
let B: Fixture;
let sharedUserId: string;

async function makeFixture(name: string, userId: string): Promise<Fixture> {
  return asOwner(async (tx) => {
    const district = await makeDistrict(tx, { name, slug: name.toLowerCase().replace(/\W+/g, "-") });
    const school = await makeSchool(tx, { districtId: district.id, name: `${name} Elementary` });
    const membership = await makeMembership(tx, { districtId: district.id, userId, role: "ADMIN" });
    const event = await makeAuditEvent(tx, { districtId: district.id, actorUserId: userId, action: "fixture.created" });
    return { districtId: district.id, schoolId: school.id, membershipId: membership.id, auditEventId: event.id };
  });
}

beforeAll(async () => {
  sharedUserId = (await asOwner((tx) => makeUser(tx, { email: "Both.Districts@Example.test" }))).id;
  A = await makeFixture("District A", sharedUserId);
  B = await makeFixture("District B", sharedUserId);
});

describe("within district A's context", () => {
  it("reads only A's rows, even without a where clause", async () => {
    const seen = await withTenant(A.districtId, async (tx) => ({
      districts: await tx.district.findMany(),
      schools: await tx.school.findMany(),
      memberships: await tx.membership.findMany(),
      events: await tx.auditEvent.findMany(),
      bSchoolById: await tx.school.findUnique({ where: { id: B.schoolId } }),
      bSchoolsCounted: await tx.school.count({ where: { districtId: B.districtId } }),
    }));
    expect(seen.districts.map((d) => d.id)).toEqual([A.districtId]);
    expect(seen.schools.map((s) => s.id)).toEqual([A.schoolId]);
    expect(seen.memberships.map((m) => m.id)).toEqual([A.membershipId]);
    expect(seen.events.map((e) => e.id)).toEqual([A.auditEventId]);
    expect(seen.bSchoolById).toBeNull();
    expect(seen.bSchoolsCounted).toBe(0);
  });

  it("cannot update B's rows", async () => {
    const result = await withTenant(A.districtId, async (tx) => ({
      schools: await tx.school.updateMany({ data: { code: "CHANGED" } }),
      memberships: await tx.membership.updateMany({ data: { role: "ASSISTANT" } }),
      raw: await tx.$executeRaw`UPDATE "School" SET "code" = 'RAW' WHERE "id" = ${B.schoolId}::uuid`,
    }));
    expect(result).toEqual({ schools: { count: 1 }, memberships: { count: 1 }, raw: 0 });
    await expect(
      withTenant(A.districtId, (tx) => tx.school.update({ where: { id: B.schoolId }, data: { code: "BY-ID" } })),
    ).rejects.toMatchObject({ code: "P2025" });

    const [bSchool] = await ownerSql<{ code: string | null }>(`SELECT "code" FROM "School" WHERE "id" = $1`, [B.schoolId]);
    const [bMembership] = await ownerSql<{ role: string }>(`SELECT "role"::text FROM "Membership" WHERE "id" = $1`, [B.membershipId]);
    expect(bSchool).toEqual({ code: null });
    expect(bMembership).toEqual({ role: "ADMIN" });

    // Put A back as it was for the other tests.
    await withTenant(A.districtId, async (tx) => {
      await tx.school.update({ where: { id: A.schoolId }, data: { code: null } });
      await tx.membership.update({ where: { id: A.membershipId }, data: { role: "ADMIN" } });
    });
  });

  it("cannot delete B's rows", async () => {
    // Rows of A's own that nothing references, so deleting them is allowed.
    const extra = await withTenant(A.districtId, async (tx) => {
      const school = await makeSchool(tx, { districtId: A.districtId, name: "A Annex" });
      const user = await makeUser(tx);
      const membership = await makeMembership(tx, { districtId: A.districtId, userId: user.id });
      return { schoolId: school.id, membershipId: membership.id };
    });
    const bBefore = await ownerSql<{ n: number }>(
      `SELECT (SELECT count(*) FROM "School" WHERE "districtId" = $1) + (SELECT count(*) FROM "Membership" WHERE "districtId" = $1) AS n`,
      [B.districtId],
    );

    const deleted = await withTenant(A.districtId, async (tx) => ({
      schools: await tx.school.deleteMany({ where: { id: { in: [extra.schoolId, B.schoolId] } } }),
      memberships: await tx.membership.deleteMany({ where: { id: { in: [extra.membershipId, B.membershipId] } } }),
      raw: await tx.$executeRaw`DELETE FROM "Membership" WHERE "districtId" = ${B.districtId}::uuid`,
    }));
    expect(deleted).toEqual({ schools: { count: 1 }, memberships: { count: 1 }, raw: 0 });
    await expect(withTenant(A.districtId, (tx) => tx.school.delete({ where: { id: B.schoolId } }))).rejects.toMatchObject({
      code: "P2025",
    });

    const bAfter = await ownerSql<{ n: number }>(
      `SELECT (SELECT count(*) FROM "School" WHERE "districtId" = $1) + (SELECT count(*) FROM "Membership" WHERE "districtId" = $1) AS n`,
      [B.districtId],
    );
    expect(bAfter).toEqual(bBefore);
    const bEvents = await ownerSql(`SELECT 1 FROM "AuditEvent" WHERE "id" = $1`, [B.auditEventId]);
    expect(bEvents).toHaveLength(1);
  });

  it("cannot insert rows carrying B's districtId", async () => {
    const user = await asOwner((tx) => makeUser(tx));
    const attempts = {
      school: () => withTenant(A.districtId, (tx) => makeSchool(tx, { districtId: B.districtId })),
      membership: () => withTenant(A.districtId, (tx) => makeMembership(tx, { districtId: B.districtId, userId: user.id })),
      auditEvent: () => withTenant(A.districtId, (tx) => makeAuditEvent(tx, { districtId: B.districtId })),
      district: () => withTenant(A.districtId, (tx) => makeDistrict(tx)),
    };
    for (const [what, attempt] of Object.entries(attempts)) {
      await expect(attempt(), what).rejects.toThrow(/row-level security/);
    }
    const [counts] = await ownerSql<{ schools: number; memberships: number; events: number; districts: number }>(
      `SELECT (SELECT count(*)::int FROM "School" WHERE "districtId" = $1) AS schools,
              (SELECT count(*)::int FROM "Membership" WHERE "userId" = $2) AS memberships,
              (SELECT count(*)::int FROM "AuditEvent" WHERE "districtId" = $1) AS events,
              (SELECT count(*)::int FROM "District") AS districts`,
      [B.districtId, user.id],
    );
    expect(counts).toEqual({ schools: 1, memberships: 0, events: 1, districts: 2 });
  });

  it("cannot move its own row into B", async () => {
    await expect(
      withTenant(A.districtId, (tx) => tx.school.update({ where: { id: A.schoolId }, data: { districtId: B.districtId } })),
    ).rejects.toThrow(/row-level security/);
  });
});

describe("without a tenant context", () => {
  it("the app role sees no rows in any tenant table", async () => {
    const tables = await ownerSql<{ table: string }>(`
      SELECT DISTINCT c.relname AS "table"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'districtId' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
    const names = ["District", ...tables.map((t) => t.table)];
    expect(names).toEqual(expect.arrayContaining(["School", "Membership", "MembershipSchool", "AuditEvent"]));
    for (const table of names) {
      const [asApp] = await appDb().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
      expect({ table, n: asApp!.n }).toEqual({ table, n: 0 });
    }
    // ...while the rows are there.
    const [stored] = await ownerSql<{ n: number }>(`SELECT count(*)::int AS n FROM "School"`);
    expect(stored!.n).toBeGreaterThan(0);
  });

  it("the app role cannot insert into a tenant table", async () => {
    await expect(appDb().school.create({ data: { districtId: A.districtId, name: "No context", level: "HIGH" } })).rejects.toThrow(
      /row-level security/,
    );
  });
});

describe("transactions", () => {
  it("an error thrown inside withTenant leaves nothing written", async () => {
    await expect(
      withTenant(A.districtId, async (tx) => {
        const user = await makeUser(tx, { email: "rolled.back@example.test" });
        await makeSchool(tx, { districtId: A.districtId, name: "Rolled Back" });
        await makeMembership(tx, { districtId: A.districtId, userId: user.id });
        await makeAuditEvent(tx, { districtId: A.districtId, action: "rolled.back" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const [left] = await ownerSql<{ n: number }>(
      `SELECT (SELECT count(*) FROM "School" WHERE "name" = 'Rolled Back')
            + (SELECT count(*) FROM "User" WHERE "email" = 'rolled.back@example.test')
            + (SELECT count(*) FROM "AuditEvent" WHERE "action" = 'rolled.back') AS n`,
    );
    expect(Number(left!.n)).toBe(0);
  });

  it("alternating districts over one pooled connection never shows the other district, and nothing lingers", async () => {
    const pool = await openAppPoolOfOne();
    try {
      const pid = async () => (await pool.db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
      const firstPid = await pid();
      for (let i = 0; i < 20; i++) {
        const me = i % 2 === 0 ? A : B;
        const seen = await withTenant(
          me.districtId,
          async (tx) => ({
            setting: (await tx.$queryRaw<{ v: string }[]>`SELECT current_setting('app.district_id', true) AS v`)[0]!.v,
            districts: (await tx.district.findMany()).map((d) => d.id),
            schools: (await tx.school.findMany()).map((s) => s.districtId),
            memberships: (await tx.membership.findMany()).map((m) => m.districtId),
            events: (await tx.auditEvent.findMany()).map((e) => e.districtId),
          }),
          pool.db,
        );
        expect(seen).toEqual({
          setting: me.districtId,
          districts: [me.districtId],
          schools: [me.districtId],
          memberships: [me.districtId],
          events: [me.districtId],
        });

        const [after] = await pool.db.$queryRaw<{ district: string | null; user: string | null }[]>`
          SELECT current_setting('app.district_id', true) AS district, current_setting('app.user_id', true) AS "user"`;
        expect([null, ""]).toContain(after!.district);
        expect([null, ""]).toContain(after!.user);
        expect(await pool.db.school.count()).toBe(0);
      }
      expect(await pid()).toBe(firstPid);
    } finally {
      await pool.close();
    }
  });

  it("a failed transaction does not leave its district behind on the connection either", async () => {
    const pool = await openAppPoolOfOne();
    try {
      await expect(
        withTenant(
          A.districtId,
          async () => {
            throw new Error("boom");
          },
          pool.db,
        ),
      ).rejects.toThrow("boom");
      const [after] = await pool.db.$queryRaw<{ v: string | null }[]>`SELECT current_setting('app.district_id', true) AS v`;
      expect([null, ""]).toContain(after!.v);
      expect(await pool.db.school.count()).toBe(0);
    } finally {
      await pool.close();
    }
  });
});

describe("user scope", () => {
  it("shows a person's own memberships in every district and nothing else", async () => {
    const other = await asOwner(async (tx) => {
      const user = await makeUser(tx);
      return makeMembership(tx, { districtId: A.districtId, userId: user.id });
    });
    const seen = await withUserScope(sharedUserId, async (tx) => ({
      memberships: (await tx.membership.findMany()).map((m) => m.id).sort(),
      districts: (await tx.district.findMany()).map((d) => d.id).sort(),
      schools: await tx.school.count(),
    }));
    expect(seen).toEqual({
      memberships: [A.membershipId, B.membershipId].sort(),
      districts: [A.districtId, B.districtId].sort(),
      schools: 0,
    });
    expect(seen.memberships).not.toContain(other.id);
  });
});
