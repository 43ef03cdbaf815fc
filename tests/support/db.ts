// The database of the current integration test file (see setup-db.ts, which
// creates it before the file's tests and installs it as getDb()).
//
//   import { appDb, asOwner, ownerSql, openAppPoolOfOne, engine } from "../support/db";
//
// appDb()            the app-role client (RLS applies), the same one getDb() returns
// asOwner(fn)        a Prisma transaction as the owner (RLS bypassed): fixtures, checks
// ownerSql(sql, p)   raw SQL as the owner, returns rows
// openAppPoolOfOne() a separate app-role client over exactly one connection
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { AppDb } from "@/server/db/client";
import type { Tx } from "@/server/db/tenant";

export type Engine = "server" | "embedded";

export interface TestDbHandle {
  engine: Engine;
  /** Database name on the server; "" for PGlite. */
  name: string;
  app: AppDb;
  /** Server only: owner pool on this file's database. */
  ownerPool?: pg.Pool;
  /** Server only: owner Prisma client, created on first use. */
  ownerClient?: () => Promise<AppDb>;
  /** Embedded only: the single PGlite instance (its session is SET ROLE mtss_app). */
  pglite?: PGlite;
  /** Server only: app URL of this file's database. */
  appUrl?: string;
}

const holder = globalThis as unknown as { __mtssTestDb?: TestDbHandle };

export function setTestDb(handle: TestDbHandle | undefined): void {
  holder.__mtssTestDb = handle;
}

function current(): TestDbHandle {
  const handle = holder.__mtssTestDb;
  if (!handle) throw new Error("No test database: is this an integration test (tests/integration) run through vitest?");
  return handle;
}

export function engine(): Engine {
  return current().engine;
}

/** The application-role client: not superuser, no BYPASSRLS; row-level security applies. */
export function appDb(): AppDb {
  return current().app;
}

// A fixture builds a whole district in one transaction: Prisma's default 5 s
// limit was hit on a busy machine (two workers, builds beside them).
const FIXTURE_TX = { maxWait: 30_000, timeout: 120_000 };

/**
 * Runs fn in one transaction as the database owner, so row-level security does
 * not apply (fixtures that span districts, checks of what really is stored).
 * On PGlite the one connection is SET ROLE mtss_app; the transaction switches
 * back to the session's superuser with SET LOCAL ROLE NONE, which ends with it.
 */
export async function asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const h = current();
  if (h.engine === "embedded") {
    return h.app.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL ROLE NONE");
      return fn(tx);
    }, FIXTURE_TX);
  }
  const owner = await h.ownerClient!();
  return owner.$transaction((tx) => fn(tx), FIXTURE_TX);
}

/**
 * Raw SQL as the owner. With params: one statement, $1..$n placeholders.
 * Without: may hold several statements; the rows of the last one are returned.
 */
export async function ownerSql<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]> {
  const h = current();
  if (h.engine === "embedded") {
    return h.pglite!.transaction(async (tx) => {
      await tx.exec("SET LOCAL ROLE NONE");
      if (params?.length) return (await tx.query<R>(sql, params)).rows;
      const results = await tx.exec(sql);
      return (results.at(-1)?.rows ?? []) as R[];
    });
  }
  const result = (await h.ownerPool!.query(sql, params)) as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(result) ? result.at(-1) : result;
  return (last?.rows ?? []) as R[];
}

/**
 * A separate app-role client whose pool holds exactly one connection, to show
 * that nothing set in one transaction survives into the next on that
 * connection. On PGlite there only ever is one connection (the same instance).
 * Close it when done.
 */
export async function openAppPoolOfOne(): Promise<{ db: AppDb; close: () => Promise<void> }> {
  const h = current();
  const { createAppDb } = await import("@/server/db/client");
  const db =
    h.engine === "embedded"
      ? await createAppDb({ kind: "embedded", dataDir: "" }, { pglite: h.pglite! })
      : await createAppDb({ kind: "server", appUrl: h.appUrl!, ownerUrl: "" }, { poolSize: 1 });
  return { db, close: () => db.$disconnect() };
}
