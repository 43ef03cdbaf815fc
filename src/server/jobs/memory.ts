import "server-only";

// Garbage given back during long background jobs (issue 17, decision 056).
//
// V8 lets its old generation grow to up to about four times what is live
// before a full collection when collecting is cheap, which it is for a heap of
// short-lived rows. A large import turns over gigabytes of such rows, and
// many outlive the young generation (a batch is held across its database
// round trip), so the server's peak during a 50,000-student roster import was
// 2-3 times what was live: 855 MB for about 125 MB of live heap. Collecting at
// the job's own boundaries (each phase, and every RELEASE_ROWS rows sent in
// large statements) keeps the peak near what is live.
//
// Only where the process exposes gc: the server's node options add
// --expose-gc (scripts/server-env.mjs). Elsewhere (tests, scripts) this does
// nothing and the job is the same.

type Gc = (options?: { type: "major"; execution: "async" }) => unknown;
const gc = (globalThis as { gc?: Gc }).gc;

/**
 * A full collection now, at a job's phase boundary: a pause of a few tens of
 * milliseconds, a few times per job. Plain gc(): in Node 20 the options form
 * collects only when asked to run asynchronously.
 */
export function releaseMemory(): void {
  gc?.();
}

/**
 * After this many rows sent to the database in large statements, a collection.
 * Each one marks the whole heap (a running server's is 130-190 MB during a
 * large import), so fewer is faster and more is smaller: in `next start`
 * (decision 056's amendment) every 25,000 rows peaked at 459 MB with the scale
 * import taking 57.8 s, every 50,000 at 464 MB and 52.3 s, every 100,000 at
 * 489 MB and 50.2 s, never at 654 MB and 50.9 s.
 */
const RELEASE_ROWS = 50_000;
let sent = 0;

/**
 * Counts the rows of a large statement just run; every RELEASE_ROWS of them,
 * asks for a collection that V8 runs concurrently and incrementally, so a
 * long phase (staging 416,000 enrollments) is not paused for it every time.
 */
export function afterLargeStatement(rows: number): void {
  sent += rows;
  if (gc && sent >= RELEASE_ROWS) {
    sent = 0;
    void gc({ type: "major", execution: "async" });
  }
}
