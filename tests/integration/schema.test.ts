import { describe, expect, it } from "vitest";
import { APP_ROLE } from "@/server/db/config";
import { diffMigrationsToSchema } from "@/server/db/schema-engine";
import { appDb, engine, ownerSql } from "../support/db";

describe("schema", () => {
  // Replays every migration into an in-memory PGlite (WASM): seconds on a quiet
  // machine, far more when the suite shares two cores with a build.
  it("schema.prisma and the migrations agree (no drift)", { timeout: 120_000 }, async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });

  it("every table with a districtId column has row-level security enabled, forced and a policy", async () => {
    const tables = await ownerSql<{ table: string; rls: boolean; forced: boolean; policies: number }>(`
      SELECT c.relname AS "table", c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'districtId' AND NOT a.attisdropped)
      ORDER BY c.relname`);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(["AuditEvent", "Membership", "MembershipSchool", "School"]));
    for (const t of tables) {
      expect({ table: t.table, rls: t.rls, forced: t.forced, hasPolicy: t.policies > 0 }).toEqual({
        table: t.table,
        rls: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });

  it("District itself (the tenant key is its id) has row-level security enabled, forced and a policy", async () => {
    const [row] = await ownerSql<{ rls: boolean; forced: boolean; policies: number }>(`
      SELECT relrowsecurity AS rls, relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies WHERE schemaname = 'public' AND tablename = 'District') AS policies
      FROM pg_class WHERE oid = '"District"'::regclass`);
    expect(row).toEqual({ rls: true, forced: true, policies: expect.any(Number) });
    expect(row!.policies).toBeGreaterThan(0);
  });

  it("the app connects as a role that is not superuser, has no BYPASSRLS and owns no table", async () => {
    const [me] = await appDb().$queryRaw<{ user: string; superuser: boolean; bypassrls: boolean; owned: number }[]>`
      SELECT current_user AS "user", r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(me).toEqual({ user: APP_ROLE, superuser: false, bypassrls: false, owned: 0 });
    if (engine() === "server") {
      // On a server the app logs in as that role: it is not merely SET ROLE.
      const [session] = await appDb().$queryRaw<{ session_user: string }[]>`SELECT session_user`;
      expect(session!.session_user).toBe(APP_ROLE);
    }
  });
});
