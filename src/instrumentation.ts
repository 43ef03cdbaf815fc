// Runs once when the server starts. In production the app refuses to serve if
// its database role could bypass row-level security (docs/decisions/001-tenancy.md).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NODE_ENV !== "production") return;
  const { exitUnlessDatabaseRoleIsSafe } = await import("@/server/db/role-check");
  await exitUnlessDatabaseRoleIsSafe();
}
