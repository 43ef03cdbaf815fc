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

/** A member of the scale district: user, membership, role and schools (as postgres, no RLS). */
async function memberIn(c, email) {
  const r = await c.query(
    `select u.id as "userId", u.name, u.email, m.id as "membershipId", m.role::text as role, d.id as "districtId", d.name as "districtName", d."timeZone",
            coalesce(array_agg(ms."schoolId"::text order by ms."schoolId") filter (where ms."schoolId" is not null), '{}') as "schoolIds"
     from "User" u join "Membership" m on m."userId" = u.id and m."deactivatedAt" is null
     join "District" d on d.id = m."districtId"
     left join "MembershipSchool" ms on ms."districtId" = m."districtId" and ms."membershipId" = m.id
     where u.email = $1 and d.id = $2
     group by u.id, m.id, d.id`,
    [email, SCALE_DISTRICT_ID],
  );
  if (!r.rows[0]) throw new Error(`${email} is not a member of the scale district`);
  return r.rows[0];
}

export const describeMember = (u, email) => withClient(u.owner, (c) => memberIn(c, email));

/** The app's Ctx (src/server/auth/session.ts) of a member, for the server functions the bench captures. */
export function ctxOf(m) {
  const { userId, name, email, districtId, districtName, timeZone, membershipId, role, schoolIds } = m;
  return { userId, name, email, districtId, districtName, timeZone, membershipId, role, schoolIds, districts: [{ id: districtId, name: districtName }] };
}

/**
 * What the benchmark needs to know about the scale district: the coordinator's
 * membership and school, and the size of the data. Read as postgres (no RLS).
 */
export async function describeData(u, coordinatorEmail) {
  return withClient(u.owner, async (c) => {
    const one = async (sql, params = []) => (await c.query(sql, params)).rows[0];
    const coordinator = await memberIn(c, coordinatorEmail);
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
      goals: (await one(`select count(*)::int as n from "Goal" where "districtId" = $1`, d)).n,
      probes: (await one(`select count(*)::int as n from "Probe" where "districtId" = $1`, d)).n,
      phases: (await one(`select count(*)::int as n from "PlanPhase" where "districtId" = $1`, d)).n,
      incidents: (await one(`select count(*)::int as n from "Incident" where "districtId" = $1`, d)).n,
      majorIncidents: (await one(`select count(*)::int as n from "Incident" where "districtId" = $1 and "severity" = 'MAJOR'`, d)).n,
      abcRecords: (await one(`select count(*)::int as n from "AbcRecord" where "districtId" = $1`, d)).n,
      ieps: (await one(`select count(*)::int as n from "SpecialEdPlan" where "districtId" = $1 and "type" = 'IEP' and "status" = 'ACTIVE'`, d)).n,
      plans504: (await one(`select count(*)::int as n from "SpecialEdPlan" where "districtId" = $1 and "type" = 'SECTION_504' and "status" = 'ACTIVE'`, d)).n,
      services: (await one(`select count(*)::int as n from "SpecialEdService" where "districtId" = $1`, d)).n,
      serviceMinutes: (await one(`select count(*)::int as n from "ServiceMinutes" where "districtId" = $1`, d)).n,
      cicoCards: (await one(`select count(*)::int as n from "CicoCard" where "districtId" = $1`, d)).n,
      cicoRatings: (await one(`select count(*)::int as n from "CicoRating" where "districtId" = $1`, d)).n,
      cicoDays: (await one(`select count(*)::int as n from "CicoDay" where "districtId" = $1`, d)).n,
      openReferrals: (await one(`select count(*)::int as n from "Referral" where "districtId" = $1 and "archivedAt" is null and "status" <> 'OUTCOME'`, d)).n,
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

/** Goals of a school's active plans (open, open students), by id. */
export async function goalsOfActivePlans(u, schoolId) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select g.id from "Goal" g join "InterventionPlan" p on p."districtId" = g."districtId" and p.id = g."planId"
         join "Student" s on s."districtId" = g."districtId" and s.id = g."studentId"
         where g."districtId" = $1 and p."schoolId" = $2 and p."status" = 'ACTIVE' and g."archivedAt" is null and s."archivedAt" is null order by g.id`,
        [SCALE_DISTRICT_ID, schoolId],
      )
    ).rows.map((r) => r.id),
  );
}

export async function validProbeCount(u, goalId) {
  return withClient(u.owner, async (c) =>
    (await c.query(`select count(*)::int as n from "Probe" where "districtId" = $1 and "goalId" = $2 and "invalidatedAt" is null`, [SCALE_DISTRICT_ID, goalId])).rows[0].n,
  );
}

/** The students a specialist reaches (current caseload, students of open plans they deliver) and their active plans' goals and valid probes. */
export async function reviewCaseload(u, email) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `with m as (select m.id from "Membership" m join "User" u on u.id = m."userId" where u.email = $2 and m."districtId" = $1),
         reach as (
           select ca."studentId" from "CaseloadAssignment" ca where ca."districtId" = $1 and ca."membershipId" = (select id from m) and ca."endedAt" is null
           union
           select ps."studentId" from "PlanInterventionist" pi join "InterventionPlan" p on p."districtId" = pi."districtId" and p.id = pi."planId"
           join "PlanStudent" ps on ps."districtId" = p."districtId" and ps."planId" = p.id
           where pi."districtId" = $1 and pi."membershipId" = (select id from m) and p."status" in ('DRAFT', 'ACTIVE')),
         goals as (
           select g.id from "Goal" g join "InterventionPlan" p on p."districtId" = g."districtId" and p.id = g."planId"
           where g."districtId" = $1 and p."status" = 'ACTIVE' and g."archivedAt" is null and g."studentId" in (select "studentId" from reach))
         select (select count(*)::int from reach) as students, (select count(*)::int from goals) as goals,
                (select count(*)::int from "Probe" pr where pr."districtId" = $1 and pr."goalId" in (select id from goals) and pr."invalidatedAt" is null) as probes`,
        [SCALE_DISTRICT_ID, email],
      )
    ).rows[0],
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

/** Students of a school with a goal on an active plan (their profiles draw sparklines), by id. */
export async function studentsWithGoals(u, schoolId) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select distinct g."studentId" as id from "Goal" g join "InterventionPlan" p on p."districtId" = g."districtId" and p.id = g."planId"
         join "Student" s on s."districtId" = g."districtId" and s.id = g."studentId"
         where g."districtId" = $1 and p."schoolId" = $2 and p."status" = 'ACTIVE' and g."archivedAt" is null and s."archivedAt" is null order by 1`,
        [SCALE_DISTRICT_ID, schoolId],
      )
    ).rows.map((r) => r.id),
  );
}

/** The history a student's feed folds: valid and invalid probes, sessions of their plans, goals, plans. */
export async function historySize(u, studentId) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select (select count(*)::int from "Probe" where "districtId" = $1 and "studentId" = $2) as probes,
                (select count(*)::int from "InterventionSession" s join "PlanStudent" ps on ps."districtId" = s."districtId" and ps."planId" = s."planId"
                  where s."districtId" = $1 and ps."studentId" = $2) as sessions,
                (select count(*)::int from "Goal" where "districtId" = $1 and "studentId" = $2) as goals,
                (select min("date")::text from "Probe" where "districtId" = $1 and "studentId" = $2) as "firstProbe"`,
        [SCALE_DISTRICT_ID, studentId],
      )
    ).rows[0],
  );
}

/** The school's students with the most incidents since `since` (open incidents, open students), most first. */
export async function mostReferredStudents(u, schoolId, since, limit) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select i."studentId" as id, count(*)::int as n, count(*) filter (where i.severity = 'MAJOR')::int as majors
         from "Incident" i join "Student" s on s."districtId" = i."districtId" and s.id = i."studentId"
         where i."districtId" = $1 and i."schoolId" = $2 and i."archivedAt" is null and s."archivedAt" is null and i."occurredOn" >= $3::date
         group by 1 order by 2 desc, 1 limit $4`,
        [SCALE_DISTRICT_ID, schoolId, since, limit],
      )
    ).rows,
  );
}

/** The school's incidents since `since` (what its behaviour overview reads). */
export async function schoolIncidents(u, schoolId, since) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(`select count(*)::int as n, min("occurredOn")::text as first from "Incident" where "districtId" = $1 and "schoolId" = $2 and "archivedAt" is null and "occurredOn" >= $3::date`, [
        SCALE_DISTRICT_ID,
        schoolId,
        since,
      ])
    ).rows[0],
  );
}

/** The last day the scale district's daily report cards were rated. */
export async function lastCardDay(u) {
  return withClient(u.owner, async (c) => (await c.query(`select max("date")::text as day from "CicoDay" where "districtId" = $1`, [SCALE_DISTRICT_ID])).rows[0].day);
}

/** Open referrals of a school's students who have goals (their packets draw graphs), by id. */
export async function referralsWithGoals(u, schoolId) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select r.id, (select count(*)::int from "Goal" g where g."districtId" = r."districtId" and g."studentId" = r."studentId" and g."archivedAt" is null) as goals,
                (select count(*)::int from "Probe" p where p."districtId" = r."districtId" and p."studentId" = r."studentId") as probes,
                (select count(*)::int from "PlanStudent" ps where ps."districtId" = r."districtId" and ps."studentId" = r."studentId") as plans
         from "Referral" r join "Student" s on s."districtId" = r."districtId" and s.id = r."studentId"
         where r."districtId" = $1 and s."schoolId" = $2 and r."archivedAt" is null and r."status" <> 'OUTCOME' and s."archivedAt" is null
           and exists (select 1 from "Goal" g where g."districtId" = r."districtId" and g."studentId" = r."studentId" and g."archivedAt" is null)
         order by r.id`,
        [SCALE_DISTRICT_ID, schoolId],
      )
    ).rows,
  );
}

/** The scale meeting's agenda (prisma/seed/scale-meetings.ts): each student with the active plan their two goals are on, and those goals' probes. */
export const SCALE_MEETING_ID = "5ca1e000-0019-4000-8000-000000000001";
export async function scaleMeetingAgenda(u) {
  return withClient(u.owner, async (c) =>
    (
      await c.query(
        `select ms."studentId", g."planId", count(distinct g.id)::int as goals, count(pr.id)::int as probes
         from "MeetingStudent" ms
         join "Goal" g on g."districtId" = ms."districtId" and g."studentId" = ms."studentId" and g."archivedAt" is null
         join "InterventionPlan" p on p."districtId" = g."districtId" and p.id = g."planId" and p."status" = 'ACTIVE'
         left join "Probe" pr on pr."districtId" = g."districtId" and pr."goalId" = g.id
         where ms."districtId" = $1 and ms."meetingId" = $2
         group by ms."studentId", g."planId", ms."position" having count(distinct g.id) >= 2 order by ms."position"`,
        [SCALE_DISTRICT_ID, SCALE_MEETING_ID],
      )
    ).rows,
  );
}
