// The run's seeded demo template: the demo districts (prisma/seed/demo.ts)
// seeded ONCE per vitest run, then cloned by every file that asks for them
// (useDemoDatabase in demo-db.ts) instead of each file seeding its own copy
// (docs/decisions/049-hardening-and-shared-demo-template.md).
//
// Built lazily by the first worker that needs it, not in globalSetup: a run
// without a demo file (one file run by hand) pays nothing, and while one
// worker seeds, the other keeps running the files that do not need it.
// Workers take turns through a lock (an advisory lock on the server, a lock
// file on the embedded engine); the template appears under its final name only
// when complete, so a failed seed leaves nothing half-seeded to clone.
import { createHash } from "node:crypto";
import { open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { createAppDb } from "@/server/db/client";
import { seedDemo } from "../../prisma/seed/demo";
import type { TestDbContext } from "./global-setup";
import { disconnectOthers, dropDatabase, quoteIdent, urlForDatabase, withAdmin } from "./pg-admin";

/** Name of the demo template database (server) or path of its image (embedded). */
export const demoTemplateName = (ctx: TestDbContext): string => (ctx.engine === "server" ? `${ctx.prefix}_demo` : `${ctx.imagePath}.demo`);

/** The demo template of this run, seeded now if no worker has done it yet. */
export async function demoTemplate(ctx: TestDbContext): Promise<string> {
  return ctx.engine === "server" ? serverTemplate(ctx) : embeddedTemplate(ctx);
}

async function serverTemplate(ctx: Extract<TestDbContext, { engine: "server" }>): Promise<string> {
  const name = demoTemplateName(ctx);
  const building = `${name}_build`;
  // A 63-bit key from the run's prefix: only this run's workers wait on each other.
  const key = BigInt.asIntN(64, BigInt(`0x${createHash("sha1").update(name).digest("hex").slice(0, 16)}`)).toString();
  return withAdmin(ctx.ownerUrl, async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1::bigint)", [key]);
    try {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (rowCount) return name;
      await dropDatabase(admin, building);
      await admin.query(`CREATE DATABASE ${quoteIdent(building)} TEMPLATE ${quoteIdent(ctx.template)}`);
      try {
        const app = await createAppDb({ kind: "server", appUrl: urlForDatabase(ctx.appUrl, building), ownerUrl: urlForDatabase(ctx.ownerUrl, building) }, { poolSize: 4 });
        try {
          await seedDemo(app);
        } finally {
          await app.$disconnect();
        }
        // A template must have no other sessions (a closing pool may linger).
        await disconnectOthers(admin, building);
        await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      } catch (err) {
        await dropDatabase(admin, building);
        throw err;
      }
      return name;
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
    }
  });
}

async function embeddedTemplate(ctx: Extract<TestDbContext, { engine: "embedded" }>): Promise<string> {
  const imagePath = demoTemplateName(ctx);
  const lockPath = `${imagePath}.lock`;
  for (;;) {
    if (await exists(imagePath)) return imagePath;
    let lock;
    try {
      lock = await open(lockPath, "wx");
    } catch {
      // Another worker is seeding: wait for its image (or for its lock to go, when it failed).
      await sleep(500);
      continue;
    }
    try {
      if (await exists(imagePath)) return imagePath;
      const pglite = await PGlite.create({ loadDataDir: new Blob([await readFile(ctx.imagePath)]) });
      try {
        const app = await createAppDb({ kind: "embedded", dataDir: "" }, { pglite });
        await seedDemo(app);
        await app.$disconnect();
        const image = await pglite.dumpDataDir("none");
        await writeFile(`${imagePath}.tmp`, Buffer.from(await image.arrayBuffer()));
        await rename(`${imagePath}.tmp`, imagePath);
      } finally {
        await pglite.close();
      }
      return imagePath;
    } finally {
      await lock.close();
      await rm(lockPath, { force: true });
    }
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);
