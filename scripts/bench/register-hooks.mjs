// Loaded with `node --import` after tsx for scripts/bench/capture-queries.ts:
// src/server modules import "server-only", whose default entry throws outside
// a React Server Components bundle. As vitest.config.ts does (alias to
// empty.js), this resolves it to the package's empty module, so React and
// Next.js load their ordinary builds (next/navigation needs them).
import { register } from "node:module";

const empty = new URL("../../node_modules/server-only/empty.js", import.meta.url).href;
register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return { url: ${JSON.stringify(empty)}, format: "commonjs", shortCircuit: true };
        return next(specifier, context);
      }`),
  import.meta.url,
);
