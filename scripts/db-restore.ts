// npm run db:restore <file> — restores a backup made by db:backup into an
// EMPTY database (DATABASE_OWNER_URL / DATABASE_URL, or the embedded data
// directory PGLITE_DIR) and checks every table's rows and checksum against
// the manifest beside the file. Exit 1 on any difference.
import "./load-env";
import path from "node:path";
import { restoreDatabase } from "../src/server/backup/backup";
import { dbTargetFromEnv } from "../src/server/db/config";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore <backup file>   (its .manifest.json must sit beside it)");
  process.exit(2);
}
try {
  const { manifest, tables, differences } = await restoreDatabase(dbTargetFromEnv(), path.resolve(file));
  if (differences.length) {
    console.error(`Restored, but ${differences.length} table(s) differ from the backup's manifest:`);
    for (const d of differences) console.error(`  ${d.table}: ${d.problem}`);
    process.exit(1);
  }
  const rows = tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Restored ${path.basename(file)} (taken ${manifest.createdAt}): ${tables.length} tables, ${rows} rows; every count and checksum matches.`);
} catch (err) {
  console.error(`Restore failed: ${(err as Error).message}`);
  process.exit(1);
}
