// Usage: npm run db:migration:new <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the existing migrations up to schema.prisma. Hand-written SQL (RLS
// policies, grants) is appended to the file afterwards.
import "./load-env";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "../src/server/db/schema-engine";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new <name>   (lowercase letters, digits and _)");
  process.exit(1);
}
const sql = await diffMigrationsToSchema();
if (!sql) {
  console.log("schema.prisma and the migrations agree; nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql + "\n");
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
