// Runs once when the server starts. In production the app refuses to serve if
// its database role could bypass row-level security (docs/decisions/001-tenancy.md).
// Then it starts this process's background-job worker (decision 021): pg-boss
// on a PostgreSQL server, the in-process queue on the embedded engine.
// JOBS_WORKER=off leaves the worker out (a web-only instance beside a worker one).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV === "production") {
    const { exitUnlessDatabaseRoleIsSafe } = await import("@/server/db/role-check");
    await exitUnlessDatabaseRoleIsSafe();
  }
  if (process.env.JOBS_WORKER === "off") return;
  const { startJobWorker } = await import("@/server/jobs/queue");
  const { logUnexpected } = await import("@/server/errors");
  // A worker that cannot start must not stop the site: jobs wait in the queue (or run in-process).
  await startJobWorker().catch((e) => void logUnexpected(e, "starting the job worker"));
}
