// The environment of `next start`, shared by npm start and npm run bench so
// the benchmark measures the server as it is run: Node options and glibc's
// malloc arenas.
//
// --max-semi-space-size=32: V8's young generation of 2 × 32 MiB instead of its
// default maximum of 16 MiB per half. Rendering a page allocates several MiB
// of short-lived objects, and with ten requests in flight every scavenge also
// copies what the other requests still hold; twice the room halves the number
// of scavenges. Measured under load on the plan page: 46-50 ms of server CPU
// per request with the default, 38-41 ms with 32 MiB; 64 MiB was no better
// (docs/decisions/008-render-cost.md).
//
// --expose-gc: background jobs ask for a collection at their own boundaries
// (src/server/jobs/memory.ts), so a large import's garbage does not raise the
// server's peak memory to several times what is live (decision 056).
const FLAGS = ["--max-semi-space-size=32", "--expose-gc"];

/** NODE_OPTIONS for the server: the caller's own options, then ours unless the caller set the same option. */
function serverNodeOptions(existing = "") {
  const own = existing.split(/\s+/).filter(Boolean);
  const ours = FLAGS.filter((flag) => !own.some((o) => o.startsWith(flag.split("=")[0])));
  return [...own, ...ours].join(" ");
}

/**
 * What the server's process adds to `env`: NODE_OPTIONS (above) and
 * MALLOC_ARENA_MAX=2 unless set. glibc gives each thread that allocates its
 * own 64 MB malloc arena (up to 8 per core), and memory freed in an arena is
 * mostly kept by it; Node's V8 and libuv threads each keep tens of MB so. Two
 * arenas: 35-40 MB less resident before any work and 15-40 MB less at a large
 * import's peak (decision 056).
 */
export function serverEnv(env = process.env) {
  return { NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS), MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || "2" };
}
