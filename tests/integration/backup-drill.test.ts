// The backup drill (issue 21, docs/decisions/026): a seeded database is
// backed up, restored into a fresh one, and every table is compared — on the
// PostgreSQL server (when the suite runs against one) and on embedded PGlite.
// Also: a restore refuses a non-empty target and a damaged file, and the
// comparison notices a changed row.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { backupDatabase, BackupError, MANIFEST_SUFFIX, restoreDatabase } from "@/server/backup/backup";
import { compareFigures, tableFigures, type Query } from "@/server/backup/manifest";
import { migrateTarget } from "@/server/db/owner";
import { makeAuditEvent, makeDistrict, makeSchool, makeStudent, makeUser } from "../factories";
import { engine, ownerSql } from "../support/db";
import { dropDatabase, quoteIdent, urlForDatabase, withAdmin } from "../support/pg-admin";
import { buildWorld } from "./reach/world";

const tmp = await mkdtemp(path.join(os.tmpdir(), "mtss-drill-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function serverFigures(url: string) {
  return withAdmin(url, async (client) => {
    await client.query("BEGIN");
    const figures = await tableFigures(async <R,>(sql: string) => (await client.query(sql)).rows as R[]);
    await client.query("ROLLBACK");
    return figures;
  });
}

describe.runIf(process.env.DATABASE_URL)("backup drill on the PostgreSQL server", () => {
  const ownerBase = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL!;
  let sourceUrl = "";
  const restoredNames: string[] = [];
  afterAll(async () => {
    await withAdmin(ownerBase, async (admin) => {
      for (const name of restoredNames) await dropDatabase(admin, name);
    });
  });

  async function freshDatabase(suffix: string): Promise<string> {
    const source = new URL(sourceUrl).pathname.slice(1);
    // Named after this file's database so the suite's teardown drops it after a crash too.
    const name = `${source}_${suffix}`;
    await withAdmin(ownerBase, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)}`));
    restoredNames.push(name);
    return urlForDatabase(ownerBase, name);
  }

  it("restores a seeded database into a fresh one with every table identical", async () => {
    expect(engine()).toBe("server");
    await buildWorld();
    // The file's own database, which setup-db.ts created and the world was built in.
    const [row] = await ownerSql<{ db: string }>("SELECT current_database() AS db");
    sourceUrl = urlForDatabase(ownerBase, row!.db);

    const { file, manifest } = await backupDatabase({ kind: "server", appUrl: "", ownerUrl: sourceUrl }, tmp);
    expect(manifest.engine).toBe("server");
    // The world wrote many tables; the manifest has all of them, with their rows.
    const populated = manifest.tables.filter((t) => t.rows > 0);
    expect(populated.length).toBeGreaterThan(15);
    expect(manifest.tables.find((t) => t.table === "Student")?.rows).toBeGreaterThan(0);

    const targetUrl = await freshDatabase("restored");
    const result = await restoreDatabase({ kind: "server", appUrl: "", ownerUrl: targetUrl }, file);
    expect(result.differences).toEqual([]);
    // Independently of the manifest: the source and the copy, table by table.
    const [source, copy] = await Promise.all([serverFigures(sourceUrl), serverFigures(targetUrl)]);
    expect(copy.map((t) => t.table)).toEqual(source.map((t) => t.table));
    expect(compareFigures(source, copy)).toEqual([]);

    // The app role can work on the copy: grants and row-level security came along.
    const appCopy = urlForDatabase(process.env.DATABASE_URL!, new URL(targetUrl).pathname.slice(1));
    await withAdmin(appCopy, async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "Student"');
      // No district chosen in this session: RLS shows nothing, but the grant lets it ask.
      expect(rows[0]!.n).toBe(0);
      const { rows: policies } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_policies WHERE tablename = 'Student'");
      expect(policies[0]!.n).toBeGreaterThan(0);
    });

    // A changed row is noticed (the comparison can fail).
    await withAdmin(targetUrl, (client) => client.query(`UPDATE "Student" SET "legalFirstName" = "legalFirstName" || 'x' WHERE id = (SELECT id FROM "Student" LIMIT 1)`));
    const changed = compareFigures(manifest.tables, await serverFigures(targetUrl));
    expect(changed).toEqual([{ table: "Student", problem: "same number of rows but different contents (checksum)" }]);

    // The same backup into a database that is no longer empty: refused, nothing touched.
    await expect(restoreDatabase({ kind: "server", appUrl: "", ownerUrl: targetUrl }, file)).rejects.toThrow(/not empty/);

    // A damaged backup file is refused before anything is restored.
    const damaged = path.join(tmp, "damaged.dump");
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(damaged, bytes);
    await writeFile(damaged + MANIFEST_SUFFIX, await readFile(file + MANIFEST_SUFFIX));
    const empty = await freshDatabase("damaged");
    await expect(restoreDatabase({ kind: "server", appUrl: "", ownerUrl: empty }, damaged)).rejects.toBeInstanceOf(BackupError);
    const tablesLeft = await withAdmin(empty, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n);
    expect(tablesLeft).toBe(0);
  }, 180_000);
});

describe("backup drill on embedded PGlite", () => {
  it("restores a seeded data directory into a fresh one with every table identical", async () => {
    const dataDir = path.join(tmp, "source");
    // Migrated in memory (far quicker than on disk), then written to a data directory.
    const memory = await PGlite.create();
    await migrateTarget({ kind: "embedded", dataDir: "" }, memory);
    const image = await memory.dumpDataDir("none");
    await memory.close();
    // Seed as the owner (the superuser session), with text that tests the copy:
    // accents, emoji, a right-to-left name, quotes and a new line.
    const pglite = await PGlite.create(dataDir, { loadDataDir: image });
    const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    try {
      await db.$transaction(async (tx) => {
        for (const [name, first] of [["Zoë Unified", "Renée"], ["نور District", "😀 O'Brien\n\"Jr\""]] as const) {
          const district = await makeDistrict(tx, { name });
          const school = await makeSchool(tx, { districtId: district.id });
          for (let i = 0; i < 5; i++) await makeStudent(tx, { districtId: district.id, schoolId: school.id, legalFirstName: `${first} ${i}` });
          await makeAuditEvent(tx, { districtId: district.id, detail: { note: first } });
        }
        await makeUser(tx, { name: "Ada Ω" });
      });
    } finally {
      await db.$disconnect();
      await pglite.close();
    }

    const { file, manifest } = await backupDatabase({ kind: "embedded", dataDir }, path.join(tmp, "embedded-backups"));
    expect(manifest.engine).toBe("embedded");
    expect(manifest.tables.find((t) => t.table === "Student")?.rows).toBe(10);
    expect(manifest.lastMigration).not.toBeNull();

    const restoredDir = path.join(tmp, "restored");
    const result = await restoreDatabase({ kind: "embedded", dataDir: restoredDir }, file);
    expect(result.differences).toEqual([]);

    // Independently: open both directories and compare every table.
    const figuresOf = async (dir: string) => {
      const p = await PGlite.create(dir);
      try {
        return await p.transaction((tx) => tableFigures((async <R,>(sql: string) => (await tx.query<R>(sql)).rows) as Query));
      } finally {
        await p.close();
      }
    };
    const source = await figuresOf(dataDir);
    const copy = await figuresOf(restoredDir);
    expect(source.length).toBeGreaterThan(40);
    expect(compareFigures(source, copy)).toEqual([]);

    // Into a directory that is not empty: refused.
    await expect(restoreDatabase({ kind: "embedded", dataDir: restoredDir }, file)).rejects.toThrow(/not empty/);
    // A server backup cannot go into the embedded engine (and the reverse).
    await expect(restoreDatabase({ kind: "server", appUrl: "", ownerUrl: "postgresql://nobody@127.0.0.1:1/none" }, file)).rejects.toThrow(/same kind/);
  }, 180_000);
});
