import "server-only";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DbTarget } from "./config";
import { lockDataDir, unlockDataDir } from "./pglite-lock";
import { applyMigrations } from "./schema-engine";

/**
 * @prisma/adapter-pg's executeScript splits a migration on every ";", which
 * breaks dollar-quoted bodies (DO blocks, functions). This sends it whole as
 * one simple-protocol query, which PostgreSQL runs as one implicit transaction.
 */
class PrismaPgWholeScript extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script: string) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  }
}

/** Applies pending migrations as the owner of the tables. Returns their names. */
export async function migrateTarget(target: DbTarget, pglite?: PGlite): Promise<string[]> {
  if (target.kind === "server") {
    return applyMigrations(new PrismaPgWholeScript({ connectionString: target.ownerUrl, max: 1 }));
  }
  let pg = pglite;
  if (!pg) {
    await mkdir(target.dataDir, { recursive: true });
    lockDataDir(target.dataDir);
    pg = await PGlite.create(target.dataDir);
  }
  try {
    return await applyMigrations(new PrismaPGlite(pg) as SqlMigrationAwareDriverAdapterFactory);
  } finally {
    if (!pglite) {
      await pg.close();
      unlockDataDir(target.dataDir);
    }
  }
}
