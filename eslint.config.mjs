import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "src/generated/**", "node_modules/**", "test-results/**", "test-reports/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      // The house rule (DESIGN.md §3): pages and components never reach the database.
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/generated/*"], message: "Use src/server/* from pages and components." }] }],
    },
    files: ["src/app/**", "src/components/**"],
  },
  {
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/server/*", "react", "next/*"], message: "src/domain is pure TypeScript." }] }] },
    files: ["src/domain/**"],
  },
  {
    // The house rule (DESIGN.md §3): the server sits below the pages and components (its PDFs are drawn in src/server/pdf).
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/components/*", "@/app/*"], message: "A server module never imports from src/components or src/app." }] }] },
    files: ["src/server/**"],
  },
]);
