import "server-only";
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { APP_ROLE, dbTargetFromEnv, type DbTarget } from "./config";
import { lockDataDir } from "./pglite-lock";

export type AppDb = PrismaClient;

/**
 * A client connected as the application role. On PGlite (one connection,
 * owned by the superuser) the role is taken with SET ROLE once the
 * migrations have run, so row-level security applies there too.
 */
export async function createAppDb(target: DbTarget, opts: { pglite?: PGlite; poolSize?: number } = {}): Promise<AppDb> {
  if (target.kind === "server") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.appUrl, max: opts.poolSize ?? 10 }, { statementNameGenerator: statementName }) });
  }
  if (!opts.pglite) lockDataDir(target.dataDir);
  // relaxedDurability false (decision 027): a query returns only after its
  // writes reached the data directory's files, so a commit acknowledged to a
  // browser survives the process being killed.
  const pg = opts.pglite ?? (await PGlite.create(target.dataDir, { relaxedDurability: false }));
  await pg.exec(`SET ROLE ${APP_ROLE}`);
  return new PrismaClient({ adapter: new PrismaPGlite(pg) });
}

/**
 * Named (prepared) statements on a server connection: PostgreSQL parses a
 * statement once per connection and, after a few runs, reuses its plan,
 * instead of parsing and planning every statement with its row-level-security
 * policies again (most of a page's database CPU: docs/decisions/007). Named
 * by a hash of the text, so one text is one statement; statements with long
 * parameter lists (id lists of varying length) stay unnamed, so a connection
 * does not collect a prepared statement per list length.
 */
function statementName(query: { sql: string; args: readonly unknown[] }): string {
  // "" is pg's unnamed statement.
  if (query.args.length > MAX_NAMED_PARAMETERS) return "";
  return `p${createHash("sha1").update(query.sql).digest("base64url")}`;
}
const MAX_NAMED_PARAMETERS = 16;

// One client per process: PGlite allows a single instance per data directory,
// and Next.js may evaluate this module in more than one bundle.
const holder = globalThis as unknown as { __mtssDb?: Promise<AppDb> };

export function getDb(): Promise<AppDb> {
  holder.__mtssDb ??= createAppDb(dbTargetFromEnv());
  return holder.__mtssDb;
}

/** Replace the process-wide client (test harness, scripts). */
export function installDb(db: Promise<AppDb>): void {
  holder.__mtssDb = db;
}
