// npm run db:backup [-- --out <dir>] — a consistent backup of the whole
// database with a manifest of every table's rows and checksum beside it
// (docs/decisions/026). Server: pg_dump custom format. Embedded: PGlite's
// image of its data directory (stop the app first; the lock says if it runs).
import "./load-env";
import path from "node:path";
import { backupDatabase } from "../src/server/backup/backup";
import { dbTargetFromEnv } from "../src/server/db/config";

const i = process.argv.indexOf("--out");
const outDir = path.resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : process.env.BACKUP_DIR || "backups");
try {
  const { file, manifestFile, manifest } = await backupDatabase(dbTargetFromEnv(), outDir);
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Backup written: ${file}`);
  console.log(`Manifest:       ${manifestFile}`);
  console.log(`${manifest.tables.length} tables, ${rows} rows; last migration ${manifest.lastMigration ?? "(none)"}.`);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
