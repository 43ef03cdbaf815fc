import "server-only";
import type { EnrollmentRow, EnrollmentSink, RosterSet } from "@/domain/oneroster/collect";
import type { Findings, Severity } from "@/domain/oneroster/findings";
import { MAX_PER_MESSAGE } from "@/domain/oneroster/findings";
import type { EnrollmentRefs, Ref } from "@/domain/oneroster/plan";
import type { Tx } from "@/server/db/tenant";
import { BULK_CHUNK, forgetQueryArguments } from "./bulk";

// Enrollments planned in the database (issue 17, decision 047). enrollments.csv
// is the largest file of a roster (400,000 rows for a 50,000-student district):
// held as objects, with the district's enrollments beside them, it was most of
// the import's memory and of its planning time. Instead its rows, checked one
// by one by the collector as before, are staged a batch at a time in a TEMP
// table of the import's transaction (ON COMMIT DROP: gone with the transaction,
// invisible to any other session), together with small tables of what the rest
// of the plan resolved (classes, people); one statement then classifies every
// row (finding, create, update, unchanged, remove) by joins against the
// district's ClassEnrollment rows, and the apply writes from that table with
// INSERT ... SELECT / UPDATE ... FROM / DELETE ... USING. Same rules and the
// same findings as buildPlan's enrollment section, which stays the
// specification (tests/integration/import-staged-plan.test.ts compares them).
// Everything runs in the tenant transaction as the app role: RLS applies to
// every ClassEnrollment row read or written; temp tables hold no policy because
// no other session can see them.

// Every row with a sourcedId is staged (valid false for a row that failed its
// other checks: it still makes a later row with its sourcedId a duplicate);
// at_seq is how many findings the file had made when the row reached its
// duplicate check, where a duplicate's error goes in the report.
const STAGE = `CREATE TEMP TABLE import_enrollment (
  line int NOT NULL, sourced_id text NOT NULL, at_seq int NOT NULL, valid boolean NOT NULL, status text, class_sid text, school_sid text,
  user_sid text, role text, "primary" boolean, begin_date date, end_date date
) ON COMMIT DROP`;

/** The findings made while enrollments.csv is read, held back until its duplicate sourcedIds are known. */
const STAGE_FINDINGS = `CREATE TEMP TABLE import_enrollment_finding (
  seq int NOT NULL, owner int, severity text NOT NULL, file text NOT NULL, line int, col text, value text, message text NOT NULL
) ON COMMIT DROP`;

/**
 * One batch travels as one JSON text of rows (arrays in the table's column
 * order), taken apart by PostgreSQL. Ten array parameters cost the worker
 * about a third of its reading time (Prisma turns raw parameters into JSON
 * and back, then pg writes each array as a literal, element by element);
 * JSON.stringify of the batch is native.
 */
const STAGE_INSERT = `INSERT INTO import_enrollment
  SELECT (r->>0)::int, r->>1, (r->>2)::int, (r->>3)::boolean, r->>4, r->>5, r->>6, r->>7, r->>8, (r->>9)::boolean, (r->>10)::date, (r->>11)::date
  FROM jsonb_array_elements($1::jsonb) AS r`;
const STAGE_FINDINGS_INSERT = `INSERT INTO import_enrollment_finding
  SELECT (r->>0)::int, (r->>1)::int, r->>2, r->>3, (r->>4)::int, r->>5, r->>6, r->>7
  FROM jsonb_array_elements($1::jsonb) AS r`;

/**
 * Rows per staging INSERT: a quarter of a megabyte of JSON each. Prisma keeps
 * its last 100 statements with their parameters unless told to forget them
 * (forgetQueryArguments, after each); small statements keep what a statement
 * holds while it runs small too. At 1,000 the round trips still do not count.
 */
const STAGE_CHUNK = 1000;

/** Recorded findings replayed into the report per query (a file may warn on every row). */
const REPLAY_CHUNK = 5000;

interface Staged {
  line: number;
  sourcedId: string;
  atSeq: number;
  row: EnrollmentRow | null;
}
type Recorded = [seq: number, owner: number | null, severity: Severity, file: string, line: number | null, column: string | null, value: string | null, message: string];

/** Creates the staging table in `tx` and returns the sink the collector writes enrollment rows to. */
export async function stageEnrollments(tx: Tx): Promise<EnrollmentSink & { file: string | null; rows: number }> {
  await tx.$executeRawUnsafe(
    `DROP TABLE IF EXISTS import_enrollment, import_enrollment_finding, import_enrollment_sdup, import_enrollment_replay, import_class, import_person, import_removed_class, import_enrollment_check, import_enrollment_dup, import_enrollment_plan, import_new_ref`,
  );
  await tx.$executeRawUnsafe(STAGE);
  await tx.$executeRawUnsafe(STAGE_FINDINGS);
  // The planning sorts and hashes a few hundred thousand rows: with the default 4 MB they spill to disk.
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
  let buffer: Staged[] = [];
  let recorded: Recorded[] = [];
  let seq = 0;
  /** The line of the row whose findings are being made after its duplicate check, or null. */
  let owner: number | null = null;
  const sink = {
    file: null as string | null,
    rows: 0,
    row() {
      owner = null;
    },
    checkpoint(line: number, sourcedId: string) {
      owner = line;
      buffer.push({ line, sourcedId, atSeq: seq, row: null });
    },
    add(row: EnrollmentRow) {
      sink.file ??= row.file;
      const last = buffer[buffer.length - 1];
      if (!last || last.line !== row.line) throw new Error("import: an enrollment row was added without its checkpoint");
      last.row = row;
    },
    record(severity: Severity, file: string, line: number | null, column: string | null, value: string | null, message: string) {
      // The value as the report would keep it (cut to 200 characters), not a whole oversized cell.
      recorded.push([seq++, owner, severity, file, line, column, value === null ? null : value.slice(0, 200), message]);
    },
    async flush(end = false) {
      if (recorded.length > 0 && (end || recorded.length >= STAGE_CHUNK)) {
        const rows = recorded;
        recorded = [];
        await tx.$executeRawUnsafe(STAGE_FINDINGS_INSERT, JSON.stringify(rows));
        forgetQueryArguments(rows.length);
      }
      if (buffer.length === 0 || (!end && buffer.length < STAGE_CHUNK)) return;
      const rows = buffer;
      buffer = [];
      await tx.$executeRawUnsafe(
        STAGE_INSERT,
        JSON.stringify(
          rows.map(({ line, sourcedId, atSeq, row: r }) =>
            r
              ? [line, sourcedId, atSeq, true, r.status, r.classSourcedId, r.schoolSourcedId, r.userSourcedId, r.role, r.primary, r.beginDate, r.endDate]
              : [line, sourcedId, atSeq, false],
          ),
        ),
      );
      sink.rows += rows.length;
      forgetQueryArguments(rows.length);
    },
    async finish(findings: Findings, file: string) {
      await sink.flush(true);
      // The duplicates: every later line of a sourcedId, with its first line (the
      // in-memory check names the first). Grouped first, so a file without
      // duplicates costs one hash aggregate.
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE import_enrollment_sdup ON COMMIT DROP AS
        SELECT e.line, e.sourced_id, e.at_seq, d.first FROM import_enrollment e
        JOIN (SELECT sourced_id, min(line) AS first FROM import_enrollment GROUP BY sourced_id HAVING count(*) > 1) d ON d.sourced_id = e.sourced_id
        WHERE e.line > d.first`,
      );
      await tx.$executeRawUnsafe(`CREATE UNIQUE INDEX ON import_enrollment_sdup (line)`);
      await tx.$executeRawUnsafe(`ANALYZE import_enrollment_sdup`);
      // The report in the order the findings were made: a duplicate's error at
      // its checkpoint (before the finding made next), its own later findings left out.
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE import_enrollment_replay ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY k1, k2, k3) AS n, severity, file, line, col, value, message FROM (
          SELECT f.seq AS k1, 1 AS k2, 0 AS k3, f.severity, f.file, f.line, f.col, f.value, f.message
          FROM import_enrollment_finding f
          WHERE f.owner IS NULL OR NOT EXISTS (SELECT 1 FROM import_enrollment_sdup d WHERE d.line = f.owner)
          UNION ALL
          SELECT d.at_seq, 0, d.line, 'error', $1::text, d.line, 'sourcedId', left(d.sourced_id, 200), 'The sourcedId is also on line ' || d.first || ': each row needs its own.'
          FROM import_enrollment_sdup d
        ) f`,
        file,
      );
      for (let from = 0; ; from += REPLAY_CHUNK) {
        const page = await tx.$queryRawUnsafe<{ severity: Severity; file: string; line: number | null; col: string | null; value: string | null; message: string }[]>(
          `SELECT severity, file, line, col, value, message FROM import_enrollment_replay WHERE n > $1 AND n <= $2 ORDER BY n`,
          from,
          from + REPLAY_CHUNK,
        );
        for (const r of page) findings.add(r.severity, r.file, r.line, r.col, r.value, r.message);
        if (page.length < REPLAY_CHUNK) break;
      }
      // What the planner takes: the rows that passed their checks, first of their sourcedId.
      await tx.$executeRawUnsafe(`DELETE FROM import_enrollment e WHERE NOT e.valid OR EXISTS (SELECT 1 FROM import_enrollment_sdup d WHERE d.line = e.line)`);
    },
  };
  return sink;
}

/** A reference as buildPlan's refKey writes it: an existing id, or "new:" and the sourcedId of a row this plan creates. */
const refKey = (r: Ref | undefined): string | null => (r === undefined ? null : "id" in r ? r.id : `new:${r.sourcedId}`);

async function insertColumns(tx: Tx, sql: string, columns: unknown[][]) {
  const n = (columns[0] ?? []).length;
  for (let i = 0; i < n; i += BULK_CHUNK) {
    await tx.$executeRawUnsafe(sql, ...columns.map((c) => c.slice(i, i + BULK_CHUNK)));
    forgetQueryArguments(Math.min(BULK_CHUNK, n - i));
  }
}

/** What the findings query returns: one row per finding, in the order buildPlan would add them. */
interface FindingRow {
  line: number;
  code: "class-missing" | "class-deleted" | "guardian" | "user-missing" | "not-student" | "is-student" | "school" | "duplicate";
  class_sid: string;
  user_sid: string;
  school_sid: string | null;
  role: string;
  user_role: string | null;
  listed: boolean;
  total: number;
}

function findingOf(r: FindingRow): { severity: "error" | "warning"; column: string; value: string; message: string } {
  switch (r.code) {
    case "class-missing":
      return { severity: "error", column: "classSourcedId", value: r.class_sid, message: "This class is not in classes.csv (nor imported before)." };
    case "class-deleted":
      return { severity: "warning", column: "classSourcedId", value: r.class_sid, message: "The class is to be deleted; the enrollment was skipped." };
    case "guardian":
      return { severity: "warning", column: "userSourcedId", value: r.user_sid, message: "A guardian cannot be enrolled in a class; skipped." };
    case "user-missing":
      return { severity: "error", column: "userSourcedId", value: r.user_sid, message: "This person is not in users.csv (nor imported before)." };
    case "not-student":
      return { severity: "warning", column: "role", value: "student", message: `The roster makes this person ${r.user_role ? `a ${r.user_role}` : "staff"}, not a student; the enrollment was skipped.` };
    case "is-student":
      return { severity: "warning", column: "role", value: r.role.toLowerCase(), message: "The roster makes this person a student; the enrollment was skipped." };
    case "school":
      return { severity: "warning", column: "schoolSourcedId", value: r.school_sid ?? "", message: "Not the school of the class; the class's school is used." };
    case "duplicate":
      return { severity: "warning", column: "userSourcedId", value: r.user_sid, message: "The same person is enrolled in this class twice; the first enrollment is kept." };
  }
}

/**
 * Plans the staged enrollments: findings into `findings`, the writes into the
 * temp table import_enrollment_plan; returns the counts. Mirrors buildPlan's
 * enrollment section rule by rule (see there for why each rule is so).
 */
export async function planStagedEnrollments(
  tx: Tx,
  districtId: string,
  set: RosterSet,
  refs: EnrollmentRefs,
  file: string,
  findings: Findings,
): Promise<{ create: number; update: number; remove: number }> {
  // What the rest of the plan resolved, as small tables to join against.
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_class (sourced_id text PRIMARY KEY, ref text, in_set boolean NOT NULL, set_status text, set_school text) ON COMMIT DROP`);
  const classIds = new Set([...refs.classRef.keys(), ...set.classes.keys()]);
  const classes = [...classIds];
  await insertColumns(tx, `INSERT INTO import_class SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[])`, [
    classes,
    classes.map((c) => refKey(refs.classRef.get(c))),
    classes.map((c) => set.classes.has(c)),
    classes.map((c) => set.classes.get(c)?.status ?? null),
    classes.map((c) => set.classes.get(c)?.schoolSourcedId ?? null),
  ]);
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_person (sourced_id text PRIMARY KEY, student_ref text, staff_ref text, in_set boolean NOT NULL, role text, guardian boolean NOT NULL) ON COMMIT DROP`);
  const people = [...new Set([...refs.studentRef.keys(), ...refs.staffRef.keys(), ...set.users.keys()])];
  await insertColumns(tx, `INSERT INTO import_person SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::boolean[])`, [
    people,
    people.map((p) => refKey(refs.studentRef.get(p))),
    people.map((p) => refKey(refs.staffRef.get(p))),
    people.map((p) => set.users.has(p)),
    people.map((p) => set.users.get(p)?.role ?? null),
    people.map((p) => refs.guardianIds.has(p)),
  ]);
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_removed_class (id uuid PRIMARY KEY) ON COMMIT DROP`);
  await insertColumns(tx, `INSERT INTO import_removed_class SELECT * FROM unnest($1::uuid[])`, [[...refs.removedClasses]]);
  // Autovacuum never analyses temp tables: without statistics the planner
  // guesses a few rows and picks nested loops over 400,000 (the lost attempt's
  // 6-minute UPDATE). Only the columns joined or filtered on are analysed (the
  // row count comes with any ANALYZE). The index serves the bulk-mode
  // anti-join: ClassEnrollment's own statistics may predate the district's
  // rows (autovacuum had not analysed it after the first import of the
  // benchmark), so the planner expects one enrollment and runs the anti-join
  // as a nested loop; without the index that loop scanned all 416,000 staged
  // rows for each enrollment (stopped after minutes).
  if (refs.bulk) await tx.$executeRawUnsafe(`CREATE INDEX ON import_enrollment (sourced_id)`);
  await tx.$executeRawUnsafe(`ANALYZE import_enrollment (sourced_id, status, class_sid, user_sid)`);
  await tx.$executeRawUnsafe(`ANALYZE import_class`);
  await tx.$executeRawUnsafe(`ANALYZE import_person`);
  await tx.$executeRawUnsafe(`ANALYZE import_removed_class`);

  // Every staged row with its verdict, in buildPlan's order of checks. Only
  // scanned from here on (never joined), so it is not analysed.
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE import_enrollment_check ON COMMIT DROP AS
    WITH j AS (
      SELECT e.*, c.ref AS class_ref, coalesce(c.in_set, false) AS class_in_set, c.set_status AS class_status, c.set_school AS class_school,
             p.student_ref, p.staff_ref, coalesce(p.in_set, false) AS user_in_set, p.role AS user_role, coalesce(p.guardian, false) AS guardian,
             x.id AS existing_id, x."classId" AS x_class, x."studentId" AS x_student, x."rosterStaffId" AS x_staff, x.role::text AS x_role,
             x."primary" AS x_primary, x."beginDate" AS x_begin, x."endDate" AS x_end,
             (x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_removed_class r WHERE r.id = x."classId")) AS x_live
      FROM import_enrollment e
      LEFT JOIN import_class c ON c.sourced_id = e.class_sid
      LEFT JOIN import_person p ON p.sourced_id = e.user_sid
      LEFT JOIN "ClassEnrollment" x ON x."districtId" = $1::uuid AND x."sourcedId" = e.sourced_id
    ), v AS (
      SELECT j.*,
        CASE
          WHEN status = 'tobedeleted' THEN 'deleted'
          WHEN class_ref IS NULL THEN CASE WHEN NOT class_in_set THEN 'class-missing' WHEN class_status = 'tobedeleted' THEN 'class-deleted' ELSE 'skip' END
          WHEN student_ref IS NULL AND staff_ref IS NULL THEN CASE WHEN guardian THEN 'guardian' WHEN NOT user_in_set THEN 'user-missing' ELSE 'skip' END
          WHEN role = 'STUDENT' AND student_ref IS NULL THEN 'not-student'
          WHEN role <> 'STUDENT' AND staff_ref IS NULL THEN 'is-student'
          ELSE 'ok'
        END AS verdict,
        CASE WHEN role = 'STUDENT' THEN student_ref END AS want_student,
        CASE WHEN role = 'STUDENT' THEN NULL ELSE staff_ref END AS want_staff
      FROM j
    )
    SELECT v.*, (verdict = 'ok' AND school_sid IS NOT NULL AND class_in_set AND school_sid IS DISTINCT FROM class_school) AS other_school
    FROM v`,
    districtId,
  );
  // The same person twice in a class: every later line of a (class, person,
  // role). Ranked over these four narrow columns only: the window over the
  // whole row sorted 550-byte tuples and spilled to disk (36 MB for 83,000 rows).
  // Keyed by line: the plan's anti-join must stay an index lookup however many duplicates a file has.
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_enrollment_dup (line int PRIMARY KEY) ON COMMIT DROP`);
  await tx.$executeRawUnsafe(
    `INSERT INTO import_enrollment_dup
    SELECT line FROM (
      SELECT line, row_number() OVER (PARTITION BY class_ref, coalesce(want_student, want_staff), role ORDER BY line) AS pair_rank
      FROM import_enrollment_check WHERE verdict = 'ok'
    ) r WHERE pair_rank > 1`,
  );
  await tx.$executeRawUnsafe(`ANALYZE import_enrollment_dup`);

  // Findings, in line order (a line's school warning before its duplicate
  // warning, as buildPlan adds them); each message lists its first
  // MAX_PER_MESSAGE places and counts the rest, as Findings does.
  const rows = await tx.$queryRawUnsafe<FindingRow[]>(
    `WITH f AS (
      SELECT line, 0 AS seq, verdict AS code, class_sid, user_sid, school_sid, role, user_role FROM import_enrollment_check WHERE verdict NOT IN ('ok', 'deleted', 'skip')
      UNION ALL SELECT line, 0, 'school', class_sid, user_sid, school_sid, role, user_role FROM import_enrollment_check WHERE other_school
      UNION ALL SELECT c.line, 1, 'duplicate', class_sid, user_sid, school_sid, role, user_role FROM import_enrollment_check c JOIN import_enrollment_dup d ON d.line = c.line
    ), r AS (
      SELECT f.*, row_number() OVER (PARTITION BY code, CASE WHEN code = 'not-student' THEN coalesce(user_role, '') END ORDER BY line, seq) AS n,
             count(*) OVER (PARTITION BY code, CASE WHEN code = 'not-student' THEN coalesce(user_role, '') END) AS total
      FROM f
    )
    SELECT line, code, class_sid, user_sid, school_sid, role, user_role, (n <= $1) AS listed, total::int AS total
    FROM r WHERE n <= $1 OR n = total ORDER BY line, seq`,
    MAX_PER_MESSAGE,
  );
  for (const r of rows) {
    const f = findingOf(r);
    if (r.listed) findings.add(f.severity, file, r.line, f.column, f.value, f.message);
    // The last of a message beyond its listed ones stands for all of them.
    else findings.addUnlisted(f.severity, file, f.column, f.message, r.total - MAX_PER_MESSAGE);
  }

  // The writes. An update compares what buildPlan's diff compares; "new:"
  // references are resolved by sourcedId when the apply has written the parents.
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE import_enrollment_plan ON COMMIT DROP AS
    SELECT CASE WHEN x_live THEN 'update' ELSE 'create' END AS action, CASE WHEN x_live THEN existing_id END AS existing_id,
           sourced_id, class_ref, want_student AS student_ref, want_staff AS staff_ref, role, "primary", begin_date, end_date
    FROM import_enrollment_check
    WHERE verdict = 'ok' AND NOT EXISTS (SELECT 1 FROM import_enrollment_dup d WHERE d.line = import_enrollment_check.line) AND (
      NOT x_live OR x_role IS DISTINCT FROM role OR x_primary IS DISTINCT FROM "primary" OR x_begin IS DISTINCT FROM begin_date OR x_end IS DISTINCT FROM end_date
      OR x_class::text IS DISTINCT FROM class_ref OR x_student::text IS DISTINCT FROM want_student OR x_staff::text IS DISTINCT FROM want_staff)`,
  );
  // Removals: rows sent as tobedeleted; under bulk, every enrollment of the district the file does not send as active.
  if (refs.bulk) {
    await tx.$executeRawUnsafe(
      `INSERT INTO import_enrollment_plan (action, existing_id, sourced_id)
      SELECT 'remove', x.id, x."sourcedId" FROM "ClassEnrollment" x
      WHERE x."districtId" = $1::uuid
        AND NOT EXISTS (SELECT 1 FROM import_removed_class r WHERE r.id = x."classId")
        AND NOT EXISTS (SELECT 1 FROM import_enrollment e WHERE e.sourced_id = x."sourcedId" AND e.status = 'active')`,
      districtId,
    );
  } else {
    await tx.$executeRawUnsafe(`INSERT INTO import_enrollment_plan (action, existing_id, sourced_id) SELECT 'remove', existing_id, sourced_id FROM import_enrollment_check WHERE verdict = 'deleted' AND x_live`);
  }
  const counts = await tx.$queryRawUnsafe<{ action: string; n: number }[]>(`SELECT action, count(*)::int AS n FROM import_enrollment_plan GROUP BY action`);
  const n = (a: string) => counts.find((c) => c.action === a)?.n ?? 0;
  return { create: n("create"), update: n("update"), remove: n("remove") };
}

/**
 * A staged reference resolved: an existing id, or the id of the row this
 * apply wrote under that sourcedId (import_new_ref, joined as n_<ref>).
 */
const resolved = (ref: string) => `CASE WHEN p.${ref} LIKE 'new:%' THEN n_${ref}.id ELSE p.${ref}::uuid END`;
const JOIN_NEW = ["class_ref", "student_ref", "staff_ref"]
  .map((ref) => `LEFT JOIN import_new_ref n_${ref} ON n_${ref}.kind = '${ref}' AND n_${ref}.ref = p.${ref}`)
  .join("\n");

/** Writes the staged enrollment plan (after the classes, students and staff it names). Returns the rows written. */
export async function writeStagedEnrollments(tx: Tx, districtId: string, done?: (n: number) => void): Promise<number> {
  // The ids of the classes, students and staff just written, by sourcedId, in
  // one analysed table: the rows were inserted in this transaction, so the
  // statistics of their tables do not know them, and a correlated lookup per
  // enrollment was planned as a scan per row (minutes at scale).
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_new_ref (kind text NOT NULL, ref text NOT NULL, id uuid NOT NULL) ON COMMIT DROP`);
  // Every row of the district with a sourcedId, not only the ones named: one plain scan of each table (a semi-join
  // against the plan was planned as a nested loop over stale statistics too).
  for (const [kind, table] of [["class_ref", "SchoolClass"], ["student_ref", "Student"], ["staff_ref", "RosterStaff"]] as const) {
    await tx.$executeRawUnsafe(`INSERT INTO import_new_ref SELECT '${kind}', 'new:' || t."sourcedId", t."id" FROM "${table}" t WHERE t."districtId" = $1::uuid AND t."sourcedId" IS NOT NULL`, districtId);
  }
  await tx.$executeRawUnsafe(`ANALYZE import_new_ref`);
  await tx.$executeRawUnsafe(`ANALYZE import_enrollment_plan`);
  // A "new:" reference that names nothing written would be a bug: refuse rather than write an enrollment without its person.
  const [missing] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM import_enrollment_plan p ${JOIN_NEW}
     WHERE p.action <> 'remove' AND (${resolved("class_ref")} IS NULL OR (p.student_ref IS NOT NULL AND ${resolved("student_ref")} IS NULL)
       OR (p.staff_ref IS NOT NULL AND ${resolved("staff_ref")} IS NULL))`,
  );
  if (missing?.n) throw new Error(`import: ${missing.n} enrollments name a class or person that was planned but not created`);
  const removed = await tx.$executeRawUnsafe(
    `DELETE FROM "ClassEnrollment" x USING import_enrollment_plan p WHERE p.action = 'remove' AND x."id" = p.existing_id AND x."districtId" = $1::uuid`,
    districtId,
  );
  done?.(removed);
  const created = await tx.$executeRawUnsafe(
    `INSERT INTO "ClassEnrollment" ("id", "districtId", "sourcedId", "classId", "studentId", "rosterStaffId", "role", "primary", "beginDate", "endDate", "updatedAt")
    SELECT gen_random_uuid(), $1::uuid, p.sourced_id, ${resolved("class_ref")}, ${resolved("student_ref")}, ${resolved("staff_ref")},
           p.role::"EnrollmentRole", p."primary", p.begin_date, p.end_date, now()
    FROM import_enrollment_plan p ${JOIN_NEW} WHERE p.action = 'create'`,
    districtId,
  );
  done?.(created);
  const updated = await tx.$executeRawUnsafe(
    `UPDATE "ClassEnrollment" x SET "classId" = u.class_id, "studentId" = u.student_id, "rosterStaffId" = u.staff_id, "role" = u.role::"EnrollmentRole",
       "primary" = u."primary", "beginDate" = u.begin_date, "endDate" = u.end_date, "updatedAt" = now()
    FROM (SELECT p.existing_id, ${resolved("class_ref")} AS class_id, ${resolved("student_ref")} AS student_id, ${resolved("staff_ref")} AS staff_id,
                 p.role, p."primary", p.begin_date, p.end_date
          FROM import_enrollment_plan p ${JOIN_NEW} WHERE p.action = 'update') u
    WHERE x."id" = u.existing_id AND x."districtId" = $1::uuid`,
    districtId,
  );
  done?.(updated);
  return removed + created + updated;
}
