import "server-only";
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Debug } from "@prisma/client/runtime/client";
import { clearLogs } from "@prisma/debug";
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

/**
 * Prisma keeps the last 100 debug messages with their arguments, even with
 * debugging off, to attach them to crash reports, in two rings: the client's
 * (bundled in its runtime) and the driver adapter's (@prisma/debug, where the
 * adapter logs every query with its parameters). A large statement's
 * parameters (a quarter of a megabyte of staged rows, several MB of bulk
 * columns) so stayed alive for the next hundred statements: 25-40 MB of a
 * roster import's heap, and kept after the job ended (decision 056). The
 * adapter's ring can be cleared; the client's only pushed out, with a hundred
 * empty messages of our own (no statement, no round trip).
 */
function forgetQueryLogsOfThisBundle(): void {
  clearLogs();
  for (let i = 0; i < 100; i++) pushOut("-");
}
const pushOut = Debug("mtss:forget-query-logs");

// One client per process: PGlite allows a single instance per data directory,
// and Next.js may evaluate this module in more than one bundle. The rings to
// clear are those of the bundle that created the client (its adapter's
// @prisma/debug), so that bundle's forgetter is kept with it.
const holder = globalThis as unknown as { __mtssDb?: Promise<AppDb>; __mtssForgetQueryLogs?: () => void };

export function getDb(): Promise<AppDb> {
  if (!holder.__mtssDb) {
    holder.__mtssDb = createAppDb(dbTargetFromEnv());
    holder.__mtssForgetQueryLogs = forgetQueryLogsOfThisBundle;
  }
  return holder.__mtssDb;
}

/** Replace the process-wide client (test harness, scripts). */
export function installDb(db: Promise<AppDb>): void {
  holder.__mtssDb = db;
  holder.__mtssForgetQueryLogs = forgetQueryLogsOfThisBundle;
}

/** Drops the parameters Prisma keeps of the last statements: call after a large one. */
export function forgetQueryLogs(): void {
  (holder.__mtssForgetQueryLogs ?? forgetQueryLogsOfThisBundle)();
}
