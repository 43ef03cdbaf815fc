import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { APP_ROLE, dbTargetFromEnv, type DbTarget } from "./config";

export type AppDb = PrismaClient;

/**
 * A client connected as the application role. On PGlite (one connection,
 * owned by the superuser) the role is taken with SET ROLE once the
 * migrations have run, so row-level security applies there too.
 */
export async function createAppDb(target: DbTarget, opts: { pglite?: PGlite; poolSize?: number } = {}): Promise<AppDb> {
  if (target.kind === "server") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.appUrl, max: opts.poolSize ?? 10 }) });
  }
  const pg = opts.pglite ?? (await PGlite.create(target.dataDir));
  await pg.exec(`SET ROLE ${APP_ROLE}`);
  return new PrismaClient({ adapter: new PrismaPGlite(pg) });
}

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
