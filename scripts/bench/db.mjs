// The bench database: a PostgreSQL server on 127.0.0.1:5432 (trust auth,
// superuser postgres), a dedicated database with the demo and the scale
// district, the app connecting as the LOGIN role mtss_app.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const SCALE_DISTRICT_ID = "0b5e2f5c-5a3e-4c1e-9a51-4a7a3c0000ff";
export const APP_ROLE = "mtss_app";

export function urls({ host = "127.0.0.1", port = 5432, database }) {
  return {
    admin: `postgresql://postgres@${host}:${port}/postgres`,
    owner: `postgresql://postgres@${host}:${port}/${database}`,
    app: `postgresql://${APP_ROLE}@${host}:${port}/${database}`,
  };
}

export async function connect(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return client;
}

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Connects as postgres; starts the local cluster once if nothing answers. */
export async function ensureServer(u, log) {
  try {
    return await withClient(u.admin, (c) => c.query("select version() as v").then((r) => r.rows[0].v));
  } catch (error) {
    if (!["ECONNREFUSED", "ENOENT"].includes(error.code) || !existsSync("/etc/postgresql")) throw error;
    const version = readdirSync("/etc/postgresql").sort().at(-1);
    log(`PostgreSQL is not answering; starting cluster ${version}/main`);
    const r = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`pg_ctlcluster ${version} main start failed (${r.status})`);
    for (let i = 0; i < 30; i++) {
      try {
        return await withClient(u.admin, (c) => c.query("select version() as v").then((r) => r.rows[0].v));
      } catch {
        await new Promise((res) => setTimeout(res, 500));
      }
    }
    throw new Error("PostgreSQL did not come up on 127.0.0.1:5432");
  }
}

/** The app role must exist and log in, and must not be superuser or bypass RLS. */
export async function ensureAppRole(u, log) {
  await withClient(u.admin, async (c) => {
    const { rows } = await c.query("select rolcanlogin, rolsuper, rolbypassrls from pg_roles where rolname = $1", [APP_ROLE]);
    if (rows.length === 0) {
      log(`creating role ${APP_ROLE}`);
      await c.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS`);
    } else if (!rows[0].rolcanlogin || rows[0].rolsuper || rows[0].rolbypassrls) {
      log(`making role ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS`);
      await c.query(`ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS`);
    }
  });
}

/** Whether the bench database exists and holds the scale district. */
export async function hasScaleDistrict(u, database) {
  const exists = await withClient(u.admin, (c) => c.query("select 1 from pg_database where datname = $1", [database]).then((r) => r.rowCount > 0));
  if (!exists) return false;
  return withClient(u.owner, async (c) => {
    const t = await c.query(`select to_regclass('public."District"') is not null as ok`);
    if (!t.rows[0].ok) return false;
    const d = await c.query(`select 1 from "District" where id = $1`, [SCALE_DISTRICT_ID]);
    return d.rowCount > 0;
  });
}

export async function recreateDatabase(u, database) {
  await withClient(u.admin, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
}

/** npm run <script> with the bench database's URLs. */
export function npmRun(script, u, log) {
  log(`npm run ${script}`);
  const r = spawnSync("npm", ["run", "--silent", script], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: u.app, DATABASE_OWNER_URL: u.owner },
  });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.signal ?? r.status})`);
}

/** VACUUM as well: bulk-loaded tables need their visibility map for index-only scans, as autovacuum leaves them in production. */
export async function analyze(u) {
  await withClient(u.owner, (c) => c.query("VACUUM (ANALYZE)"));
}

/**
 * What the benchmark needs to know about the scale district: the coordinator's
 * membership and school, and the size of the data. Read as postgres (no RLS).
 */
export async function describeData(u, coordinatorEmail) {
  return withClient(u.owner, async (c) => {
    const one = async (sql, params = []) => (await c.query(sql, params)).rows[0];
    const coordinator = await one(
      `select u.id as "userId", u.name, u.email, m.id as "membershipId", m.role::text as role, d.id as "districtId", d.name as "districtName",
              coalesce(array_agg(ms."schoolId"::text order by ms."schoolId") filter (where ms."schoolId" is not null), '{}') as "schoolIds"
       from "User" u join "Membership" m on m."userId" = u.id and m."deactivatedAt" is null
       join "District" d on d.id = m."districtId"
       left join "MembershipSchool" ms on ms."districtId" = m."districtId" and ms."membershipId" = m.id
       where u.email = $1 and d.id = $2
       group by u.id, m.id, d.id`,
      [coordinatorEmail, SCALE_DISTRICT_ID],
    );
    if (!coordinator) throw new Error(`${coordinatorEmail} is not a member of the scale district`);
    if (coordinator.role !== "COORDINATOR" || coordinator.schoolIds.length !== 1) {
      throw new Error(`${coordinatorEmail} should be the coordinator of one school (is ${coordinator.role} of ${coordinator.schoolIds.length})`);
    }
    const memberships = await one(`select count(*)::int as n from "Membership" where "userId" = $1 and "deactivatedAt" is null`, [coordinator.userId]);
    const schoolId = coordinator.schoolIds[0];
    const school = await one(`select id, name from "School" where id = $1`, [schoolId]);
    const d = [SCALE_DISTRICT_ID];
    const size = {
      schools: (await one(`select count(*)::int as n from "School" where "districtId" = $1`, d)).n,
      students: (await one(`select count(*)::int as n from "Student" where "districtId" = $1`, d)).n,
      studentsInSchool: (await one(`select count(*)::int as n from "Student" where "districtId" = $1 and "schoolId" = $2 and "archivedAt" is null`, [...d, schoolId])).n,
      staff: (await one(`select count(*)::int as n from "Membership" where "districtId" = $1`, d)).n,
      guardians: (await one(`select count(*)::int as n from "Guardian" where "districtId" = $1`, d)).n,
      currentAssignments: (await one(`select count(*)::int as n from "CaseloadAssignment" where "districtId" = $1 and "endedAt" is null`, d)).n,
      auditEvents: (await one(`select count(*)::int as n from "AuditEvent" where "districtId" = $1`, d)).n,
      activePlans: (await one(`select count(*)::int as n from "InterventionPlan" where "districtId" = $1 and "status" = 'ACTIVE'`, d)).n,
      activePlansInSchool: (await one(`select count(*)::int as n from "InterventionPlan" where "districtId" = $1 and "schoolId" = $2 and "status" = 'ACTIVE'`, [...d, schoolId])).n,
      sessions: (await one(`select count(*)::int as n from "InterventionSession" where "districtId" = $1`, d)).n,
      attendance: (await one(`select count(*)::int as n from "SessionAttendance" where "districtId" = $1`, d)).n,
      sessionComponents: (await one(`select count(*)::int as n from "SessionComponent" where "districtId" = $1`, d)).n,
      allStudents: (await one(`select count(*)::int as n from "Student"`)).n,
      databaseBytes: Number((await one(`select pg_database_size(current_database()) as n`)).n),
    };
    const settings = Object.fromEntries(
      (await c.query(`select name, current_setting(name) as value from pg_settings where name in ('shared_buffers','work_mem','effective_cache_size','random_page_cost','jit','max_connections') order by name`)).rows.map(
        (r) => [r.name, r.value],
      ),
    );
    return { coordinator: { ...coordinator, districtCount: memberships.n }, school, size, settings };
  });
}

/** Students of a school in id order (the scale seed's ids are deterministic). */
export async function studentsOfSchool(u, schoolId, limit) {
  return withClient(u.owner, async (c) =>
    (await c.query(`select id from "Student" where "districtId" = $1 and "schoolId" = $2 and "archivedAt" is null order by id limit $3`, [SCALE_DISTRICT_ID, schoolId, limit])).rows.map(
      (r) => r.id,
    ),
  );
}

/** Active plans of a school, groups first (the largest dosage summaries), then by id. */
export async function activePlansOfSchool(u, schoolId) {
  return withClient(u.owner, async (c) =>
    (await c.query(`select id from "InterventionPlan" where "districtId" = $1 and "schoolId" = $2 and "status" = 'ACTIVE' order by "groupSize" desc, id`, [SCALE_DISTRICT_ID, schoolId])).rows.map((r) => r.id),
  );
}

/** The most common last name among the school's open students (for the search). */
export async function commonLastName(u, schoolId) {
  return withClient(u.owner, async (c) =>
    (await c.query(`select "legalLastName" as name, count(*)::int as n from "Student" where "districtId" = $1 and "schoolId" = $2 and "archivedAt" is null group by 1 order by 2 desc, 1 limit 1`, [SCALE_DISTRICT_ID, schoolId]))
      .rows[0],
  );
}

export { withClient };
export const repoPath = (...p) => path.join(process.cwd(), ...p);
