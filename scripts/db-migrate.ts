// npm run db:migrate — applies pending migrations as the table owner
// (DATABASE_OWNER_URL, else DATABASE_URL; embedded PGlite when neither is set).
import "./load-env";
import { dbTargetFromEnv } from "../src/server/db/config";
import { migrateTarget } from "../src/server/db/owner";

const target = dbTargetFromEnv();
const applied = await migrateTarget(target);
const where = target.kind === "server" ? "PostgreSQL server" : `embedded PGlite (${target.dataDir})`;
console.log(applied.length ? `Applied ${applied.length} migration(s) to the ${where}: ${applied.join(", ")}` : `The ${where} is up to date.`);
