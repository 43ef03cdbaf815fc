// Vitest setupFile for the integration project: runs once per test file.
// Creates the file's own database from the template that global-setup.ts
// prepared, installs an app-role client for it as getDb(), and drops it after.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { createAppDb, installDb, type AppDb } from "@/server/db/client";
import { setTestDb } from "./db";
import { dropDatabase, quoteIdent, urlForDatabase, withAdmin } from "./pg-admin";

const ctx = inject("testDb");

if (ctx.engine === "server") {
  const name = `${ctx.prefix}_${randomBytes(4).toString("hex")}`;
  await withAdmin(ctx.ownerUrl, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(ctx.template)}`));
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

  afterAll(async () => {
    setTestDb(undefined);
    await app.$disconnect();
    if (owner) await (await owner).$disconnect();
    await ownerPool.end();
    await withAdmin(ctx.ownerUrl, (admin) => dropDatabase(admin, name));
  });
} else {
  const image = await readFile(ctx.imagePath);
  const pglite = await PGlite.create({ loadDataDir: new Blob([image]) });
  const app = await createAppDb({ kind: "embedded", dataDir: "" }, { pglite });
  setTestDb({ engine: "embedded", name: "", app, pglite });
  installDb(Promise.resolve(app));

  afterAll(async () => {
    setTestDb(undefined);
    await app.$disconnect();
    await pglite.close();
  });
}
