// npm run db:reset — drops every table and re-runs migrations and the demo seed.
// Refuses in production.
import "./load-env";
import { rm } from "node:fs/promises";
import pg from "pg";
import { dbTargetFromEnv } from "../src/server/db/config";
import { migrateTarget } from "../src/server/db/owner";

if (process.env.NODE_ENV === "production") {
  console.error("db:reset refuses to run with NODE_ENV=production.");
  process.exit(1);
}
const target = dbTargetFromEnv();
if (target.kind === "embedded") {
  await rm(target.dataDir, { recursive: true, force: true });
} else {
  const client = new pg.Client({ connectionString: target.ownerUrl });
  await client.connect();
  await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await client.end();
}
console.log(`Applied: ${(await migrateTarget(target)).join(", ")}`);
await import("./db-seed");
