// npm test: vitest (unit + integration), `next build`, Playwright.
// Output streams to the console as usual; the totals come from each tool's
// JSON report, and the very last line is always
//   tests: N passed, M failed
// (skipped tests not counted; a stage that crashes counts as one failure or
// more). Exits 1 when M > 0.
//   SKIP_BUILD=1   reuse the existing .next build
//   SKIP_E2E=1     stop after vitest (no build, no Playwright)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { recordBuild, sourceFingerprint } from "./build-fingerprint.mjs";

const REPORTS = "test-reports";
const bin = (name) => path.join("node_modules", ".bin", name);

let passed = 0;
let failed = 0;
let current;

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    current?.kill(sig);
    console.log(`\ntests: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}

function banner(text) {
  console.log(`\n=== ${text} ===\n`);
}

/** Runs a command with inherited stdio; resolves to its exit code (or 1 if it could not run). */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    current = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    current.on("error", (err) => {
      console.error(`[test] could not run ${cmd}: ${err.message}`);
      resolve(1);
    });
    current.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function tally(stage, counts, exitCode) {
  let { ok, bad } = counts ?? { ok: 0, bad: 0 };
  if (!counts) {
    console.error(`[test] ${stage}: no report was written (exit ${exitCode}); counting the stage as failed.`);
    bad = Math.max(bad, 1);
  } else if (exitCode !== 0 && bad === 0) {
    console.error(`[test] ${stage}: exited ${exitCode} with no failed test in its report; counting one failure.`);
    bad = 1;
  }
  passed += ok;
  failed += bad;
  console.log(`[test] ${stage}: ${ok} passed, ${bad} failed`);
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

// 1. Vitest: unit and integration projects.
banner("vitest (unit + integration)");
{
  const file = path.join(REPORTS, "vitest.json");
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  const report = readJson(file);
  let counts;
  if (report) {
    // A file that fails to load has no failed test but a failed suite: count it.
    const brokenFiles = (report.testResults ?? []).filter(
      (r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    counts = { ok: report.numPassedTests ?? 0, bad: (report.numFailedTests ?? 0) + brokenFiles };
  }
  tally("vitest", counts, code);
}

if (process.env.SKIP_E2E === "1") {
  console.log("[test] SKIP_E2E=1: not building, no end-to-end tests.");
} else {
  // 2. Production build for Playwright's `next start`.
  let built = true;
  if (process.env.SKIP_BUILD === "1") {
    console.log("[test] SKIP_BUILD=1: using the existing .next build.");
    if (!existsSync(path.join(".next", "BUILD_ID"))) console.warn("[test] warning: there is no .next/BUILD_ID.");
  } else {
    banner("next build");
    const fingerprint = sourceFingerprint();
    const code = await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
    if (code === 0) recordBuild(fingerprint);
    if (code !== 0) {
      built = false;
      failed += 1;
      console.error(`[test] next build failed (exit ${code}); counting one failure and skipping Playwright.`);
    }
  }

  // 3. Playwright end-to-end.
  if (built) {
    banner("playwright");
    const file = path.join(REPORTS, "playwright.json");
    const code = await run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    const report = readJson(file);
    let counts;
    if (report?.stats) {
      const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
      // Errors outside any test (web server did not start, global setup threw).
      const globalErrors = (report.errors ?? []).length;
      counts = { ok: expected + flaky, bad: unexpected + (unexpected === 0 && globalErrors > 0 ? 1 : 0) };
    }
    tally("playwright", counts, code);
  }
}

current = undefined;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
