// The start-up check that the app's database role cannot read across districts
// (issue 2: "the app refuses to run in production mode if its database role
// can bypass RLS"). Runs checkDatabaseRole() as the app role and as roles that
// must be refused: a superuser, a BYPASSRLS role, a role owning a table.
//
// checkDatabaseRole() reads getDb(); each case installs a client connected as
// the role under test and puts the file's app client back afterwards. On the
// server that is a separate connection; on PGlite (one session) it is SET ROLE
// on the shared session, restored to mtss_app.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createAppDb, getDb, installDb } from "@/server/db/client";
import { APP_ROLE } from "@/server/db/config";
import { checkDatabaseRole, exitUnlessDatabaseRoleIsSafe } from "@/server/db/role-check";
import { appDb, engine, ownerSql } from "../support/db";
import { quoteIdent, urlForDatabase, userOfUrl } from "../support/pg-admin";

const suffix = randomBytes(4).toString("hex");
const BYPASS = `mtss_rc_bypass_${suffix}`;
const OWNER = `mtss_rc_owner_${suffix}`;
const PROBE_TABLE = `role_check_probe_${suffix}`;
// Plain roles that are members of a privileged one: they can SET ROLE to it.
const VIA_BYPASS = `mtss_rc_via_bypass_${suffix}`;
const VIA_OWNER = `mtss_rc_via_owner_${suffix}`;

/** The superuser/owner role of this engine: the owner URL's user on the server, PGlite's "postgres". */
function superuserName(): string {
  const ctx = inject("testDb");
  return ctx.engine === "server" ? userOfUrl(ctx.ownerUrl) : "postgres";
}

/** This file's database URL for another role (server only; the server trusts 127.0.0.1). */
async function urlAs(role: string): Promise<string> {
  const ctx = inject("testDb");
  if (ctx.engine !== "server") throw new Error("server only");
  const [row] = await ownerSql<{ db: string }>("select current_database() as db");
  const url = new URL(urlForDatabase(ctx.ownerUrl, row!.db));
  url.username = role;
  url.password = "";
  return url.toString();
}

/** The role getDb()'s client is connected as. */
async function currentUser(): Promise<string | undefined> {
  const rows = await (await getDb()).$queryRaw<{ user: string }[]>`select current_user as "user"`;
  return rows[0]?.user;
}

/** checkDatabaseRole() as `role` (undefined: PGlite's superuser session role). */
async function checkAs(role: string | undefined): Promise<string | null> {
  if (engine() === "server") {
    const db = await createAppDb({ kind: "server", appUrl: await urlAs(role ?? superuserName()), ownerUrl: "" }, { poolSize: 1 });
    installDb(Promise.resolve(db));
    try {
      return await checkDatabaseRole();
    } finally {
      installDb(Promise.resolve(appDb()));
      await db.$disconnect();
    }
  }
  // PGlite: one session, which the harness keeps at SET ROLE mtss_app.
  await appDb().$executeRawUnsafe(role ? `SET ROLE ${quoteIdent(role)}` : "RESET ROLE");
  try {
    return await checkDatabaseRole();
  } finally {
    await appDb().$executeRawUnsafe(`SET ROLE ${APP_ROLE}`);
  }
}

beforeAll(async () => {
  const login = engine() === "server" ? "LOGIN" : "NOLOGIN";
  await ownerSql(`CREATE ROLE ${quoteIdent(BYPASS)} ${login} NOSUPERUSER BYPASSRLS`);
  await ownerSql(`CREATE ROLE ${quoteIdent(OWNER)} ${login} NOSUPERUSER NOBYPASSRLS`);
  await ownerSql(`CREATE TABLE public.${quoteIdent(PROBE_TABLE)} (id int)`);
  await ownerSql(`ALTER TABLE public.${quoteIdent(PROBE_TABLE)} OWNER TO ${quoteIdent(OWNER)}`);
  await ownerSql(`CREATE ROLE ${quoteIdent(VIA_BYPASS)} ${login} NOSUPERUSER NOBYPASSRLS IN ROLE ${quoteIdent(BYPASS)}`);
  await ownerSql(`CREATE ROLE ${quoteIdent(VIA_OWNER)} ${login} NOSUPERUSER NOBYPASSRLS IN ROLE ${quoteIdent(OWNER)}`);
});

afterAll(async () => {
  // Roles are cluster-wide on the server: leave none behind.
  await ownerSql(`DROP TABLE IF EXISTS public.${quoteIdent(PROBE_TABLE)}`);
  await ownerSql(`DROP ROLE IF EXISTS ${quoteIdent(VIA_BYPASS)}`);
  await ownerSql(`DROP ROLE IF EXISTS ${quoteIdent(VIA_OWNER)}`);
  await ownerSql(`DROP ROLE IF EXISTS ${quoteIdent(BYPASS)}`);
  await ownerSql(`DROP ROLE IF EXISTS ${quoteIdent(OWNER)}`);
});

describe("checkDatabaseRole", () => {
  it(`finds nothing wrong with the app role (${APP_ROLE})`, async () => {
    expect(await getDb()).toBe(appDb());
    expect(await currentUser()).toBe(APP_ROLE);
    expect(await checkDatabaseRole()).toBeNull();
    expect(await checkAs(APP_ROLE)).toBeNull();
  });

  it("refuses a superuser", async () => {
    const name = superuserName();
    expect(await checkAs(undefined)).toBe(`database role "${name}" is a superuser, so row-level security does not apply to it`);
  });

  it("refuses a role with BYPASSRLS", async () => {
    expect(await checkAs(BYPASS)).toBe(`database role "${BYPASS}" has BYPASSRLS`);
  });

  it("refuses a role that owns a table", async () => {
    expect(await checkAs(OWNER)).toBe(`database role "${OWNER}" owns (or is a member of the owner of) 1 table(s); connect as a role that owns none (see .env.example)`);
  });

  it("refuses a role that can switch to a role bypassing row-level security", async () => {
    expect(await checkAs(VIA_BYPASS)).toBe(`database role "${VIA_BYPASS}" is a member of ${BYPASS}, which can bypass row-level security`);
  });

  it("refuses a member of a table's owner (members may act as the owner)", async () => {
    expect(await checkAs(VIA_OWNER)).toContain(`database role "${VIA_OWNER}" owns (or is a member of the owner of) 1 table(s)`);
  });

  it("puts the app client back after each case", async () => {
    expect(await getDb()).toBe(appDb());
    expect(await currentUser()).toBe(APP_ROLE);
  });
});

describe("exitUnlessDatabaseRoleIsSafe", () => {
  it("lets the app role start", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      await exitUnlessDatabaseRoleIsSafe();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });

  it("refuses to start as a role that bypasses row-level security, saying why", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      if (engine() === "server") {
        const db = await createAppDb({ kind: "server", appUrl: await urlAs(BYPASS), ownerUrl: "" }, { poolSize: 1 });
        installDb(Promise.resolve(db));
        try {
          await exitUnlessDatabaseRoleIsSafe();
        } finally {
          installDb(Promise.resolve(appDb()));
          await db.$disconnect();
        }
      } else {
        await appDb().$executeRawUnsafe(`SET ROLE ${quoteIdent(BYPASS)}`);
        try {
          await exitUnlessDatabaseRoleIsSafe();
        } finally {
          await appDb().$executeRawUnsafe(`SET ROLE ${APP_ROLE}`);
        }
      }
      expect(exit).toHaveBeenCalledWith(1);
      expect(error).toHaveBeenCalledWith(`Refusing to start: database role "${BYPASS}" has BYPASSRLS.`);
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });
});
