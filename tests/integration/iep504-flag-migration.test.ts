// The data migration of issue 16: students flagged "has an IEP" / "has a 504
// plan" before it get an active record of that type (marked as made from the
// flag), and from then on the flags follow the records (a trigger). Replayed
// into an in-memory PGlite as an owner that is NOT a superuser, so the
// migration's lifting of Student's forced row-level security is exercised as
// a production owner would run it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIR = path.resolve("prisma/migrations");
const MINE = "iep504_links";
let db: PGlite;
const D = "11111111-1111-4111-8111-111111111111";
const S = "22222222-2222-4222-8222-222222222222";
const ids = { iep: "30000000-0000-4000-8000-000000000001", both: "30000000-0000-4000-8000-000000000002", s504: "30000000-0000-4000-8000-000000000003", none: "30000000-0000-4000-8000-000000000004" };

async function run(dirs: string[]) {
  for (const d of dirs) await db.exec(await readFile(path.join(DIR, d, "migration.sql"), "utf8"));
}

beforeAll(async () => {
  db = new PGlite();
  // The owner may create schemas and act for the app role: the background-jobs migration makes pg-boss's schema, owned by the app role (decision 021).
  await db.exec(`CREATE ROLE mtss_app NOSUPERUSER NOBYPASSRLS; CREATE ROLE mtss_owner NOSUPERUSER NOBYPASSRLS; GRANT CREATE, USAGE ON SCHEMA public TO mtss_owner;
    GRANT CREATE ON DATABASE postgres TO mtss_owner; GRANT mtss_app TO mtss_owner; SET ROLE mtss_owner;`);
  const all = (await readdir(DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const at = all.findIndex((d) => d.endsWith(`_${MINE}`));
  expect(at).toBeGreaterThan(0);
  await run(all.slice(0, at));
  // Data as it stood before: inserted as the tenant (the owner is subject to the forced policies).
  await db.exec(`BEGIN; SELECT set_config('app.district_id', '${D}', true);
    INSERT INTO "District" ("id", "name", "slug") VALUES ('${D}', 'Lakeside', 'lakeside');
    INSERT INTO "School" ("id", "districtId", "name", "level", "updatedAt") VALUES ('${S}', '${D}', 'North', 'ELEMENTARY', now());
    INSERT INTO "Student" ("id", "districtId", "schoolId", "localId", "legalFirstName", "legalLastName", "dateOfBirth", "grade", "hasIep", "has504", "updatedAt") VALUES
      ('${ids.iep}', '${D}', '${S}', 'A1', 'Maya', 'Johnson', '2017-01-01', 'G3', true, false, now()),
      ('${ids.both}', '${D}', '${S}', 'A2', 'Leo', 'Park', '2017-01-01', 'G3', true, true, now()),
      ('${ids.s504}', '${D}', '${S}', 'A3', 'Zoe', 'Adams', '2017-01-01', 'G3', false, true, now()),
      ('${ids.none}', '${D}', '${S}', 'A4', 'Ava', 'Lund', '2017-01-01', 'G3', false, false, now());
    COMMIT;`);
  await run(all.slice(at));
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const asTenant = async <T>(sql: string) => {
  await db.exec(`BEGIN; SELECT set_config('app.district_id', '${D}', true);`);
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.exec("COMMIT");
  }
};

describe("the IEP/504 flag migration", () => {
  it("gives every flagged student an active, migrated record of each flagged type, and nobody else one", async () => {
    const rows = await asTenant<{ studentId: string; type: string; status: string; migratedFromFlag: boolean; startDate: string | null }>(
      `SELECT "studentId", "type"::text, "status"::text, "migratedFromFlag", "startDate" FROM "SpecialEdPlan" ORDER BY "studentId", "type"`,
    );
    expect(rows).toEqual([
      { studentId: ids.iep, type: "IEP", status: "ACTIVE", migratedFromFlag: true, startDate: null },
      { studentId: ids.both, type: "IEP", status: "ACTIVE", migratedFromFlag: true, startDate: null },
      { studentId: ids.both, type: "SECTION_504", status: "ACTIVE", migratedFromFlag: true, startDate: null },
      { studentId: ids.s504, type: "SECTION_504", status: "ACTIVE", migratedFromFlag: true, startDate: null },
    ]);
  });

  it("keeps the flags as they were, and leaves Student's row-level security forced", async () => {
    const flags = await asTenant<{ id: string; hasIep: boolean; has504: boolean }>(`SELECT "id", "hasIep", "has504" FROM "Student" ORDER BY "id"`);
    expect(flags).toEqual([
      { id: ids.iep, hasIep: true, has504: false },
      { id: ids.both, hasIep: true, has504: true },
      { id: ids.s504, hasIep: false, has504: true },
      { id: ids.none, hasIep: false, has504: false },
    ]);
    const [student] = (await db.query<{ forced: boolean }>(`SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = '"Student"'::regclass`)).rows;
    expect(student!.forced).toBe(true);
  });

  it("from then on derives the flags from the records: exiting one clears its flag, a new active one sets it", async () => {
    await asTenant(`UPDATE "SpecialEdPlan" SET "status" = 'EXITED' WHERE "studentId" = '${ids.both}' AND "type" = 'SECTION_504'`);
    await asTenant(`INSERT INTO "SpecialEdPlan" ("districtId", "studentId", "type", "status", "startDate", "updatedAt") VALUES ('${D}', '${ids.none}', 'IEP', 'ACTIVE', '2026-09-01', now())`);
    const flags = await asTenant<{ id: string; hasIep: boolean; has504: boolean }>(`SELECT "id", "hasIep", "has504" FROM "Student" WHERE "id" IN ('${ids.both}', '${ids.none}') ORDER BY "id"`);
    expect(flags).toEqual([
      { id: ids.both, hasIep: true, has504: false },
      { id: ids.none, hasIep: true, has504: false },
    ]);
  });

  it("refuses a second active IEP of one student in the database itself", async () => {
    await expect(
      asTenant(`INSERT INTO "SpecialEdPlan" ("districtId", "studentId", "type", "status", "startDate", "updatedAt") VALUES ('${D}', '${ids.iep}', 'IEP', 'ACTIVE', '2026-09-01', now())`),
    ).rejects.toThrow(/SpecialEdPlan_one_active_iep/);
  });
});
