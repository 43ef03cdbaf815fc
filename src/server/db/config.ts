import "server-only";
import path from "node:path";

/** The role the application connects as: not superuser, no BYPASSRLS, owns nothing. */
export const APP_ROLE = "mtss_app";

export type DbTarget =
  | { kind: "server"; appUrl: string; ownerUrl: string }
  | { kind: "embedded"; dataDir: string };

/** DATABASE_URL set: a PostgreSQL server. Unset: embedded PGlite under .data/. */
export function dbTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (env.DATABASE_URL) {
    return { kind: "server", appUrl: env.DATABASE_URL, ownerUrl: env.DATABASE_OWNER_URL || env.DATABASE_URL };
  }
  return { kind: "embedded", dataDir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR || ".data/pglite") };
}
