// The district export (decision 022): the zip holds every district-owned
// table, described in EXPORT_TABLES (checked against the migrated database, so
// a new table or column fails here until it is described or withheld), only
// this district's rows (the demo seeds two districts), as many rows as the
// tables hold, no withheld column; every export is audited; anyone but an
// administrator is refused, and the refusal audited.
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { EXPORT_TABLES, exportedColumns, exportFileName, withheldColumns } from "@/domain/district-export";
import type { Ctx } from "@/server/auth/session";
import { exportDistrict } from "@/server/export/district";
import { exportRoster } from "@/server/export/rosters";
import { DEMO_DISTRICTS } from "../../prisma/seed/demo-data";
import { makePerson } from "../support/session";
import { asOwner, ownerSql } from "../support/db";
import { useDemoDatabase } from "../support/demo-db";

const maple = DEMO_DISTRICTS.maple.id;
const river = DEMO_DISTRICTS.river.id;
let admin: Ctx;
let coordinator: Ctx;
let specialist: Ctx;
let riverAdmin: Ctx;
let files: Map<string, string>;

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          bytesOf(stream).then((b) => {
            out.set(entry.fileName, b.toString("utf8"));
            zip.readEntry();
          }, reject);
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

const rowsOf = (csv: string): string[][] => parse(csv, { relax_column_count: false }) as string[][];

/** The rows of a table that belong to a district, counted as the owner (no RLS). */
async function ownerCount(table: string, districtId: string): Promise<number> {
  const spec = EXPORT_TABLES[table]!;
  const where = spec.scope === "district" ? `"id" = $1::uuid` : spec.scope === "members" ? `"id" IN (SELECT "userId" FROM "Membership" WHERE "districtId" = $1::uuid)` : `"districtId" = $1::uuid`;
  return Number((await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE ${where}`, [districtId]))[0]!.n);
}

async function auditOf(userId: string, action: string) {
  return asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));
}

beforeAll(async () => {
  await useDemoDatabase();
  await asOwner(async (tx) => {
    admin = (await makePerson(tx, { districtId: maple, role: "ADMIN", email: "export-admin@maple.test", districtName: DEMO_DISTRICTS.maple.name })).ctx;
    coordinator = (await makePerson(tx, { districtId: maple, role: "COORDINATOR", email: "export-coord@maple.test" })).ctx;
    specialist = (await makePerson(tx, { districtId: maple, role: "SPECIALIST", email: "export-spec@maple.test" })).ctx;
    riverAdmin = (await makePerson(tx, { districtId: river, role: "ADMIN", email: "export-admin@river.test" })).ctx;
    // A name a spreadsheet would run as a formula: it must leave neutralised.
    const student = await tx.student.findFirstOrThrow({ where: { districtId: maple, archivedAt: null }, orderBy: { localId: "asc" } });
    await tx.student.update({ where: { id: student.id }, data: { preferredName: "=HYPERLINK(\"http://evil.test\")" } });
  });
  const { body } = await exportDistrict(admin);
  files = await unzip(await bytesOf(body));
}, 300_000);

describe("what the export holds", () => {
  it("describes exactly the district-owned tables and columns of the database (a new one fails here until described or withheld)", async () => {
    const owned = await ownerSql<{ table_name: string }>(
      `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'districtId' ORDER BY 1`,
      [],
    );
    const expected = [...owned.map((t) => t.table_name), "District", "User"].sort();
    expect(Object.keys(EXPORT_TABLES).sort()).toEqual(expected);
    for (const table of expected) {
      const cols = await ownerSql<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [table]);
      expect(Object.keys(EXPORT_TABLES[table]!.columns).sort(), `columns of ${table}`).toEqual(cols.map((c) => c.column_name).sort());
    }
  });

  it("has the README and one CSV per table, each with its described columns and none withheld", () => {
    expect([...files.keys()].sort()).toEqual(["README.md", ...Object.keys(EXPORT_TABLES).map(exportFileName)].sort());
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      const [header] = rowsOf(files.get(exportFileName(table))!);
      expect(header, table).toEqual(exportedColumns(spec));
    }
    for (const w of withheldColumns()) expect(rowsOf(files.get(exportFileName(w.table))!)[0]).not.toContain(w.column);
    const readme = files.get("README.md")!;
    expect(readme).toContain(`# ${DEMO_DISTRICTS.maple.name}: full data export`);
    for (const table of Object.keys(EXPORT_TABLES)) expect(readme).toContain(`### ${exportFileName(table)}`);
    expect(readme).toContain("user.csv `passwordHash`");
  });

  it("has as many rows as each table holds for the district, and the demo's data is really there", async () => {
    for (const table of Object.keys(EXPORT_TABLES)) {
      const rows = rowsOf(files.get(exportFileName(table))!).length - 1;
      // The export's own audit event was written before the snapshot: it is in the file.
      expect(rows, table).toBe(await ownerCount(table, maple));
    }
    for (const table of ["Student", "Guardian", "StudentTier", "InterventionPlan", "Goal", "Probe", "InterventionSession", "Incident", "ScreeningScore", "AuditEvent", "Membership", "User"]) {
      expect(rowsOf(files.get(exportFileName(table))!).length - 1, `${table} has demo rows`).toBeGreaterThan(0);
    }
  });

  it("holds no row of the other district", async () => {
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      const [header, ...rows] = rowsOf(files.get(exportFileName(table))!);
      const d = header!.indexOf(spec.scope === "district" ? "id" : "districtId");
      if (d >= 0) expect(new Set(rows.map((r) => r[d])), table).toEqual(rows.length ? new Set([maple]) : new Set());
    }
    // Every id of every row of the other district: none appears anywhere in the zip.
    const riverIds = new Set<string>([river]);
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      if (!("id" in spec.columns) || spec.scope !== "tenant") continue;
      for (const r of await ownerSql<{ id: string }>(`SELECT "id"::text AS id FROM "${table}" WHERE "districtId" = $1::uuid`, [river])) riverIds.add(r.id);
    }
    // Accounts are global (one person may work in both districts; an invitation
    // names an account of another district): user.csv holds this district's
    // members only.
    const members = new Set((await ownerSql<{ id: string }>(`SELECT "userId"::text AS id FROM "Membership" WHERE "districtId" = $1::uuid`, [maple])).map((r) => r.id));
    const [, ...users] = rowsOf(files.get("user.csv")!);
    expect(users.filter((u) => !members.has(u[0]!))).toEqual([]);
    expect(riverIds.size).toBeGreaterThan(100);
    const leaked: string[] = [];
    for (const [name, text] of files) {
      if (name === "README.md") continue;
      for (const row of rowsOf(text)) for (const cell of row) for (const id of cell.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) if (riverIds.has(id)) leaked.push(`${name}: ${id}`);
    }
    expect(leaked).toEqual([]);
  });

  it("never carries a password hash, and neutralises formula-looking text", async () => {
    const hashes = await ownerSql<{ h: string }>(`SELECT "passwordHash" AS h FROM "User" WHERE "id" IN (SELECT "userId" FROM "Membership" WHERE "districtId" = $1::uuid)`, [maple]);
    expect(hashes.length).toBeGreaterThan(0);
    const all = [...files.values()].join("\n");
    for (const { h } of hashes) expect(all.includes(h)).toBe(false);
    expect(files.get("student.csv")).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
  });
});

describe("who may export, and the audit", () => {
  it("records one export event with the files and their row counts", async () => {
    const events = await auditOf(admin.userId, "export");
    expect(events).toHaveLength(1);
    const detail = events[0]!.detail as { export: string; files: Record<string, number>; withheld: string[] };
    expect(events[0]).toMatchObject({ districtId: maple, entityType: "District", entityId: maple });
    expect(detail.export).toBe("district");
    expect(detail.files["student.csv"]).toBe(rowsOf(files.get("student.csv")!).length - 1);
    expect(detail.withheld).toEqual(expect.arrayContaining(["User.passwordHash", "Membership.sessionVersion", "ImportFile.data"]));
  });

  it("refuses a coordinator and a specialist (404) and audits the refusal; nothing is exported", async () => {
    for (const who of [coordinator, specialist]) {
      await expect(exportDistrict(who)).rejects.toMatchObject({ digest: expect.stringContaining("404") });
      await expect(exportRoster(who, "students")).rejects.toMatchObject({ digest: expect.stringContaining("404") });
      expect(await auditOf(who.userId, "denied")).toHaveLength(2);
      expect(await auditOf(who.userId, "export")).toHaveLength(0);
    }
  });

  it("gives another district's administrator their own district only", async () => {
    const theirs = await unzip(await bytesOf((await exportDistrict(riverAdmin)).body));
    const [, ...rows] = rowsOf(theirs.get("student.csv")!);
    expect(rows.length).toBe(await ownerCount("Student", river));
    const mapleStudents = new Set((await ownerSql<{ id: string }>(`SELECT "id"::text AS id FROM "Student" WHERE "districtId" = $1::uuid`, [maple])).map((r) => r.id));
    expect(rows.filter((r) => mapleStudents.has(r[0]!))).toEqual([]);
  });
});

describe("a download the client closes", () => {
  it("stops reading and ends its transaction, and the next export is whole", async () => {
    const { body, done } = await exportDistrict(admin);
    await new Promise<void>((resolve) => body.once("data", () => resolve()));
    body.destroy();
    expect(await done).toBe("aborted");
    const again = await exportDistrict(admin);
    const files2 = await unzip(await bytesOf(again.body));
    expect(await again.done).toBe("complete");
    expect(files2.size).toBe(files.size);
  });
});

describe("roster downloads", () => {
  it("lists current students with school, grade and local id, only this district's, and audits it", async () => {
    const [header, ...rows] = rowsOf((await bytesOf((await exportRoster(admin, "students")).body)).toString("utf8"));
    expect(header).toEqual(["local_id", "sourced_id", "last_name", "first_name", "middle_name", "preferred_name", "grade", "school", "school_code"]);
    const current = await ownerSql<{ localId: string }>(`SELECT "localId" FROM "Student" WHERE "districtId" = $1::uuid AND "archivedAt" IS NULL`, [maple]);
    expect(rows.map((r) => r[0]).sort()).toEqual(current.map((s) => s.localId).sort());
    const riverIds = new Set((await ownerSql<{ localId: string }>(`SELECT "localId" FROM "Student" WHERE "districtId" = $1::uuid`, [river])).map((s) => s.localId));
    const mapleIds = new Set(current.map((s) => s.localId));
    expect(rows.filter((r) => riverIds.has(r[0]!) && !mapleIds.has(r[0]!))).toEqual([]);
    const events = (await auditOf(admin.userId, "export")).filter((e) => (e.detail as { export: string }).export === "roster:students");
    expect(events).toHaveLength(1);
    expect((events[0]!.detail as { rows: number }).rows).toBe(rows.length);
  });

  it("lists staff, classes and enrollments with their headers", async () => {
    const staff = rowsOf((await bytesOf((await exportRoster(admin, "staff")).body)).toString("utf8"));
    expect(staff[0]).toEqual(["name", "email", "role", "schools", "status"]);
    expect(staff.length - 1).toBe(await asOwner((tx) => tx.membership.count({ where: { districtId: maple } })));
    expect(staff.map((r) => r[1])).toContain("export-admin@maple.test");
    expect(staff.map((r) => r[1])).not.toContain("export-admin@river.test");
    const classes = rowsOf((await bytesOf((await exportRoster(admin, "classes")).body)).toString("utf8"));
    expect(classes.length - 1).toBe(await asOwner((tx) => tx.schoolClass.count({ where: { districtId: maple } })));
    const enrollments = rowsOf((await bytesOf((await exportRoster(admin, "enrollments")).body)).toString("utf8"));
    expect(enrollments.length - 1).toBe(await asOwner((tx) => tx.classEnrollment.count({ where: { districtId: maple } })));
  });
});
