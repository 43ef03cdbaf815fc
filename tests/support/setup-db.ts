// Vitest setupFile for the integration project: runs once per test file.
// Creates the file's own database from the template that global-setup.ts
// prepared, installs an app-role client for it as getDb(), and drops it after.
// A file that needs the demo districts calls useDemoDatabase() (demo-db.ts),
// which replaces this database with a clone of the run's seeded demo template.
import { afterAll } from "vitest";
import { closeFileDb, openFileDb } from "./file-db";

await openFileDb("migrated");

afterAll(closeFileDb);
