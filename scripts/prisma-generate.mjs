// postinstall: generate the Prisma client without a network.
// `prisma generate` does not use the schema engine but the CLI looks for its
// binary (and would download it) unless PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file; any file will do (docs/decisions/002-offline-migrations.md).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(import.meta.url);
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
