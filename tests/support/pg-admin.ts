// Test-harness helpers for a PostgreSQL server: URLs, and database
// create/drop through an owner-level connection.
import pg from "pg";

/** The same server and credentials, another database. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function userOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username) || process.env.PGUSER || "postgres";
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs fn with a single owner-level connection (to the database named in url). */
export async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops database name even when connections are still open. */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Closes every other session on database name (CREATE DATABASE ... TEMPLATE needs none). */
export async function disconnectOthers(client: pg.Client, name: string): Promise<void> {
  await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
    name,
  ]);
}

/**
 * The application role must exist with LOGIN before migrations run (the init
 * migration would otherwise create it NOLOGIN). Creates it when missing.
 */
export async function ensureLoginRole(client: pg.Client, role: string): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  if (!rowCount) await client.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS`);
}
