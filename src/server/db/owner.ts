import "server-only";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DbTarget } from "./config";
import { applyMigrations } from "./schema-engine";

/** Applies pending migrations as the owner of the tables. Returns their names. */
export async function migrateTarget(target: DbTarget, pglite?: PGlite): Promise<string[]> {
  if (target.kind === "server") {
    return applyMigrations(new PrismaPg({ connectionString: target.ownerUrl, max: 1 }));
  }
  let pg = pglite;
  if (!pg) {
    await mkdir(target.dataDir, { recursive: true });
    pg = await PGlite.create(target.dataDir);
  }
  try {
    return await applyMigrations(new PrismaPGlite(pg) as SqlMigrationAwareDriverAdapterFactory);
  } finally {
    if (!pglite) await pg.close();
  }
}
