import "server-only";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { DbTarget } from "../db/config";
import { lockDataDir, unlockDataDir } from "../db/pglite-lock";
import { compareFigures, lastMigration, tableFigures, type BackupManifest, type Difference, type Query, type TableFigure } from "./manifest";

/**
 * Backups and restores of the whole database (docs/decisions/026):
 * - server: pg_dump's custom format, taken in the very snapshot the manifest's
 *   counts and checksums are read in (an exported snapshot), so the two agree
 *   even while the app keeps writing;
 * - embedded: PGlite's own image of its data directory (dumpDataDir), taken
 *   while this process holds the data directory's lock, so no server writes
 *   to it meanwhile.
 * The manifest is written beside the file as `<file>.manifest.json`.
 */

export const MANIFEST_SUFFIX = ".manifest.json";

export class BackupError extends Error {}

function pgBin(name: "pg_dump" | "pg_restore"): string {
  // PG_BIN_DIR: the client tools of the server's major version, when the ones
  // on PATH are another version (pg_dump refuses a newer server).
  return process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name;
}

function runTool(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (err) => reject(new BackupError(`Could not run ${cmd}: ${err.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(cmd)} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function pgQuery(client: pg.Client): Query {
  return async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[];
}

function pgliteQuery(db: { query: PGlite["query"] }): Query {
  return async <R>(sql: string, params?: unknown[]) => (await db.query<R>(sql, params)).rows;
}

async function writeManifest(file: string, manifest: Omit<BackupManifest, "file" | "fileSha256">): Promise<BackupManifest> {
  const full: BackupManifest = { ...manifest, file: path.basename(file), fileSha256: await sha256File(file) };
  await writeFile(file + MANIFEST_SUFFIX, JSON.stringify(full, null, 2) + "\n", { mode: 0o600 });
  return full;
}

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
}

/** Takes a backup into outDir (created if missing). Returns the file and its manifest. */
export async function backupDatabase(target: DbTarget, outDir: string, now = new Date()): Promise<BackupResult> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const file = path.resolve(outDir, `mtss-${stamp(now)}.${target.kind === "server" ? "dump" : "tar.gz"}`);
  const manifest = target.kind === "server" ? await backupServer(target.ownerUrl, file, now) : await backupEmbedded(target.dataDir, file, now);
  return { file, manifestFile: file + MANIFEST_SUFFIX, manifest };
}

async function backupServer(ownerUrl: string, file: string, now: Date): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // One snapshot for the figures and for pg_dump: pg_dump imports it with
    // --snapshot while this transaction stays open.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { snapshot } = (await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot")).rows[0]!;
    const query = pgQuery(client);
    const tables = await tableFigures(query);
    const migration = await lastMigration(query);
    const { server_version: version } = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!;
    await runTool(pgBin("pg_dump"), ["--format=custom", `--snapshot=${snapshot}`, "--no-password", `--file=${file}`, `--dbname=${ownerUrl}`]);
    await chmod(file, 0o600);
    await client.query("COMMIT");
    return writeManifest(file, { format: "mtss-backup/1", engine: "server", createdAt: now.toISOString(), postgresVersion: version, lastMigration: migration, tables });
  } finally {
    await client.end();
  }
}

async function backupEmbedded(dataDir: string, file: string, now: Date): Promise<BackupManifest> {
  if (!(await isNonEmptyDir(dataDir))) throw new BackupError(`There is no embedded database in ${dataDir}.`);
  lockDataDir(dataDir);
  const db = await PGlite.create(dataDir);
  try {
    const { tables, migration, version } = await db.transaction(async (tx) => {
      const query = pgliteQuery(tx);
      return {
        tables: await tableFigures(query),
        migration: await lastMigration(query),
        version: (await tx.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version,
      };
    });
    const image = await db.dumpDataDir("gzip");
    await writeFile(file, Buffer.from(await image.arrayBuffer()), { mode: 0o600 });
    return writeManifest(file, { format: "mtss-backup/1", engine: "embedded", createdAt: now.toISOString(), postgresVersion: version, lastMigration: migration, tables });
  } finally {
    await db.close();
    unlockDataDir(dataDir);
  }
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory() && (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

/** Reads and checks a backup's manifest and the file's integrity. */
export async function readBackup(file: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(file + MANIFEST_SUFFIX, "utf8")) as BackupManifest;
  } catch {
    throw new BackupError(`The manifest ${path.basename(file)}${MANIFEST_SUFFIX} is missing or unreadable; it must sit beside the backup file.`);
  }
  if (manifest.format !== "mtss-backup/1" || !Array.isArray(manifest.tables)) throw new BackupError("The manifest is not an mtss backup manifest.");
  const sha = await sha256File(file).catch(() => {
    throw new BackupError(`The backup file ${file} cannot be read.`);
  });
  if (sha !== manifest.fileSha256) throw new BackupError("The backup file does not match its manifest (SHA-256 differs): it is damaged or not the file the manifest describes.");
  return manifest;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: TableFigure[];
  differences: Difference[];
}

/**
 * Restores a backup into an empty database (server: no table in its public
 * schema; embedded: a missing or empty data directory) and compares every
 * table's count and checksum with the manifest. Differences are returned, not
 * thrown: the caller reports them and fails.
 */
export async function restoreDatabase(target: DbTarget, file: string): Promise<RestoreResult> {
  const manifest = await readBackup(file);
  if (manifest.engine !== target.kind) {
    throw new BackupError(
      `This backup is of the ${manifest.engine === "server" ? "PostgreSQL server" : "embedded database"}; the target is the ${target.kind === "server" ? "PostgreSQL server (DATABASE_URL)" : "embedded database"}. Restore it into the same kind.`,
    );
  }
  const tables = target.kind === "server" ? await restoreServer(target.ownerUrl, file) : await restoreEmbedded(target.dataDir, file);
  return { manifest, tables, differences: compareFigures(manifest.tables, tables) };
}

async function figuresOnServer(url: string): Promise<TableFigure[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const figures = await tableFigures(pgQuery(client));
    await client.query("COMMIT");
    return figures;
  } finally {
    await client.end();
  }
}

async function restoreServer(ownerUrl: string, file: string): Promise<TableFigure[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { n } = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'")).rows[0]!;
    if (n > 0) throw new BackupError("The target database is not empty (its public schema has tables). Restore into a new, empty database.");
  } finally {
    await client.end();
  }
  // One transaction: a restore that fails leaves the database empty, never half-restored.
  // --no-owner: objects belong to whoever restores (the role that runs migrations);
  // grants to the app role are kept, so that role must exist on the target server.
  await runTool(pgBin("pg_restore"), ["--single-transaction", "--exit-on-error", "--no-owner", "--no-password", `--dbname=${ownerUrl}`, file]);
  return figuresOnServer(ownerUrl);
}

async function restoreEmbedded(dataDir: string, file: string): Promise<TableFigure[]> {
  if (await isNonEmptyDir(dataDir)) throw new BackupError(`${dataDir} is not empty. Restore into a new (missing or empty) directory, or move the old one away first.`);
  await mkdir(dataDir, { recursive: true });
  lockDataDir(dataDir);
  try {
    const image = await readFile(file);
    const db = await PGlite.create(dataDir, { loadDataDir: new Blob([image]) });
    try {
      return await db.transaction((tx) => tableFigures(pgliteQuery(tx)));
    } finally {
      await db.close();
    }
  } finally {
    unlockDataDir(dataDir);
  }
}
