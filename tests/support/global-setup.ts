// Vitest globalSetup for the integration project: migrate once, clone per file.
//
// DATABASE_URL set (PostgreSQL server): creates a template database, migrates
// it as the owner (DATABASE_OWNER_URL), and tells every test file to clone it.
// DATABASE_URL unset (embedded): migrates an in-memory PGlite and writes its
// data directory image to a temp file that every test file loads.
// Files that need the demo districts clone a seeded copy instead, built once
// per run by the first worker that needs it (demo-template.ts).
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { dbTargetFromEnv } from "@/server/db/config";
import { migrateTarget } from "@/server/db/owner";
import { disconnectOthers, dropDatabase, ensureLoginRole, quoteIdent, urlForDatabase, userOfUrl, withAdmin } from "./pg-admin";

export type TestDbContext =
  | { engine: "server"; appUrl: string; ownerUrl: string; template: string; prefix: string }
  | { engine: "embedded"; imagePath: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const target = dbTargetFromEnv();

  if (target.kind === "server") {
    const prefix = `mtss_test_${runId}`;
    const template = `${prefix}_tpl`;
    await withAdmin(target.ownerUrl, async (admin) => {
      await ensureLoginRole(admin, userOfUrl(target.appUrl));
      await admin.query(`CREATE DATABASE ${quoteIdent(template)}`);
    });
    try {
      await migrateTarget({ kind: "server", appUrl: target.appUrl, ownerUrl: urlForDatabase(target.ownerUrl, template) });
      // The migration pool may linger; a template must have no other sessions.
      await withAdmin(target.ownerUrl, (admin) => disconnectOthers(admin, template));
    } catch (err) {
      await withAdmin(target.ownerUrl, (admin) => dropDatabase(admin, template));
      throw err;
    }
    project.provide("testDb", { engine: "server", appUrl: target.appUrl, ownerUrl: target.ownerUrl, template, prefix });

    return async () => {
      await withAdmin(target.ownerUrl, async (admin) => {
        // Test files drop their own databases; this catches the ones a crash left.
        const { rows } = await admin.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
          [prefix],
        );
        for (const { datname } of rows) await dropDatabase(admin, datname);
      });
    };
  }

  const pglite = await PGlite.create();
  try {
    await migrateTarget({ kind: "embedded", dataDir: "" }, pglite);
    const image = await pglite.dumpDataDir("none");
    const imagePath = path.join(os.tmpdir(), `mtss-test-${runId}.tar`);
    await writeFile(imagePath, Buffer.from(await image.arrayBuffer()));
    project.provide("testDb", { engine: "embedded", imagePath });
    return async () => {
      // The demo template's image (tests/support/demo-template.ts) and what a failed build left.
      for (const file of [imagePath, `${imagePath}.demo`, `${imagePath}.demo.tmp`, `${imagePath}.demo.lock`]) await rm(file, { force: true });
    };
  } finally {
    await pglite.close();
  }
}
