import "server-only";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

// The Prisma CLI's migrate commands need a native engine downloaded at run time,
// which offline machines cannot fetch (docs/decisions/002-offline-migrations.md).
// The same engine compiled to WASM runs through our driver adapter instead.

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export async function openSchemaEngine(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  return engineBindings.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockPath = path.join(dir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (err: Error) => ({ tag: "error" as const, value: err.message }),
        ),
      },
    })),
  );
  return { baseDir: dir, lockfile: { path: "migration_lock.toml", content: lockContent }, shadowDbInitScript: "", migrationDirectories };
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };

export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapter);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: NO_FILTER });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that would bring a database built from the migrations up to schema.prisma;
 * empty when the two agree. The migrations are replayed into a throwaway
 * in-memory PGlite (the adapter's shadow database).
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const scratch = new PGlite();
  const engine = await openSchemaEngine(new PrismaPGlite(scratch));
  try {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const { stdout } = await engine.diff({
      from: { tag: "migrations", ...(await readMigrations()) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    engine.free();
    await scratch.close();
  }
}
