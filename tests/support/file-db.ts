// The current integration test file's database: opened from one of the run's
// templates (the migrated one, or the seeded demo one: demo-db.ts), installed
// as getDb() and as the handle support/db.ts reads, closed and dropped after.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { createAppDb, installDb, type AppDb } from "@/server/db/client";
import { setTestDb } from "./db";
import { demoTemplate } from "./demo-template";
import { dropDatabase, quoteIdent, urlForDatabase, withAdmin } from "./pg-admin";

export type TemplateKind = "migrated" | "demo";

let close: (() => Promise<void>) | undefined;

/** Opens a fresh database for this file from the template of that kind (closing the one it had). */
export async function openFileDb(kind: TemplateKind): Promise<void> {
  await closeFileDb();
  const ctx = inject("testDb");

  if (ctx.engine === "server") {
    const template = kind === "demo" ? await demoTemplate(ctx) : ctx.template;
    const name = `${ctx.prefix}_${randomBytes(4).toString("hex")}`;
    await withAdmin(ctx.ownerUrl, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`));
    const appUrl = urlForDatabase(ctx.appUrl, name);
    const ownerUrl = urlForDatabase(ctx.ownerUrl, name);
    const app = await createAppDb({ kind: "server", appUrl, ownerUrl }, { poolSize: 4 });
    const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
    // Dropping the database WITH (FORCE) terminates connections that are still
    // closing; without a listener the pool rethrows that as an uncaught error.
    ownerPool.on("error", () => {});
    let owner: Promise<AppDb> | undefined;
    const ownerClient = () => (owner ??= Promise.resolve(new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl, max: 1 }) })));
    setTestDb({ engine: "server", name, app, ownerPool, ownerClient, appUrl });
    installDb(Promise.resolve(app));
    close = async () => {
      setTestDb(undefined);
      await app.$disconnect();
      if (owner) await (await owner).$disconnect();
      await ownerPool.end();
      await withAdmin(ctx.ownerUrl, (admin) => dropDatabase(admin, name));
    };
    return;
  }

  const imagePath = kind === "demo" ? await demoTemplate(ctx) : ctx.imagePath;
  const image = await readFile(imagePath);
  const pglite = await PGlite.create({ loadDataDir: new Blob([image]) });
  const app = await createAppDb({ kind: "embedded", dataDir: "" }, { pglite });
  setTestDb({ engine: "embedded", name: "", app, pglite });
  installDb(Promise.resolve(app));
  close = async () => {
    setTestDb(undefined);
    await app.$disconnect();
    await pglite.close();
  };
}

/** Closes and drops this file's database, if one is open. */
export async function closeFileDb(): Promise<void> {
  const done = close;
  close = undefined;
  if (done) await done();
}
