// Spreadsheet import end to end through the server actions (decision 019):
// an XLSX and CSV files are read, the proposed mapping confirmed, the dry run
// writes nothing and predicts exactly what the apply writes; the apply is all
// or nothing; importing the same files again writes nothing; only
// administrators of the district import; every step is audited.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { applySheetImport, confirmSheetMapping, startSheetImport } from "@/server/imports/sheet-actions";
import { getImport, listImports } from "@/server/imports/queries";
import { drainInlineJobs } from "@/server/jobs/queue";
import { applySheetRun, type SheetReport } from "@/server/imports/sheet";
import { makeDistrict, makeGuardian, makeSchool, makeStudent } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const TABLES = ["Student", "RosterStaff", "Guardian"] as const;
let districtId: string;
let otherDistrictId: string;
let northId: string;
let admin: Ctx;
let coordinator: Ctx;
let otherAdmin: Ctx;

async function workbook(sheets: Record<string, (string | number | Date)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function uploadForm(files: Record<string, Buffer | string>): FormData {
  const form = new FormData();
  for (const [name, data] of Object.entries(files)) form.append("files", new File([typeof data === "string" ? data : new Uint8Array(data)], name));
  return form;
}

async function upload(files: Record<string, Buffer | string>, who: Ctx = admin): Promise<string> {
  signInAs(who);
  const to = await redirectOf(startSheetImport(null, uploadForm(files)));
  const id = /^\/admin\/imports\/([0-9a-f-]{36})$/.exec(to)?.[1];
  if (!id) throw new Error(`unexpected redirect ${to}`);
  return id;
}
const reportOf = async (id: string) => (await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }))).report as unknown as SheetReport;
const statusOf = async (id: string) => (await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }))).status;

/** Confirms the proposed mapping as the form sends it. */
async function confirm(id: string, change: (r: SheetReport) => { kind: string[]; column: string[] } = proposed) {
  signInAs(admin);
  return confirmSheetMapping(null, formOf({ unverifiedImportId: id, ...change(await reportOf(id)) }));
}
function proposed(r: SheetReport) {
  return { kind: r.tables.map((t) => t.mapping.kind), column: r.tables.flatMap((t, ti) => t.mapping.columns.map((f, ci) => `${ti}:${ci}:${f ?? ""}`)) };
}
/** Queues the apply, waits for its background job (decision 021), and answers as the action did when it applied in the request. */
const apply = async (id: string) => {
  signInAs(admin);
  const queued = await applySheetImport(null, formOf({ unverifiedImportId: id }));
  if (!queued?.ok) return queued;
  await drainInlineJobs();
  const job = await asOwner((tx) => tx.backgroundJob.findFirstOrThrow({ where: { entityId: id, kind: "spreadsheet.apply" }, orderBy: { createdAt: "desc" } }));
  return job.status === "DONE" ? { ok: true, job } : { ok: false, error: { code: "CONFLICT", message: job.errorMessage ?? "" }, job };
};

async function digest(): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) parts.push((await ownerSql<{ d: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "${t}" x WHERE "districtId" = '${districtId}'`))[0]?.d ?? "");
  return parts.join(",");
}
async function rowCounts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}" WHERE "districtId" = '${districtId}'`))[0]?.n);
  return out;
}

const STUDENTS = [
  ["Student Number", "First Name", "Last Name", "Grade Level", "School", "DOB", "Homeroom"],
  ["MV-5001", "Amara", "Okafor", "3", "Northside Elementary", new Date(Date.UTC(2017, 4, 12)), "3B"],
  ["MV-5002", "Bao", "Tran", "K", "NSE", "2020-09-01", "KA"],
  ["MV-5003", "Carmen", "Díaz", "Grade 5", "Northside Elementary", "05/30/2015", "5C"],
];
const GUARDIANS = [
  ["Student ID", "Parent Name", "Relationship", "Email", "Phone"],
  ["MV-5001", "Ngozi Okafor", "Mother", "ngozi@example.org", "555-0101"],
  ["MV-5003", "Luis Díaz", "Father", "", "555-0103"],
  ["MV-0001", "Pat Known", "Aunt", "pat@example.org", ""],
];
const STAFF = "Email,First Name,Last Name,Role,School\nr.reyes@mv.k12.test,Rosa,Reyes,teacher,NSE\n";

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Sheetville" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    northId = (await makeSchool(tx, { districtId, name: "Northside Elementary", code: "NSE" })).id;
    const known = await makeStudent(tx, { districtId, schoolId: northId, localId: "MV-0001", legalFirstName: "Kim", legalLastName: "Known" });
    await makeGuardian(tx, { districtId, studentId: known.id, name: "Sam Known", relationship: "Father" });
    admin = (await makePerson(tx, { districtId, role: "ADMIN", email: "admin@sheetville.test" })).ctx;
    coordinator = (await makePerson(tx, { districtId, role: "COORDINATOR", email: "coord@sheetville.test" })).ctx;
    otherAdmin = (await makePerson(tx, { districtId: otherDistrictId, role: "ADMIN", email: "admin@elsewhere.test" })).ctx;
  });
});

describe.sequential("a spreadsheet import of students, guardians and staff", () => {
  let first: string;

  it("the upload proposes a mapping per worksheet and file, and writes no record", async () => {
    const before = await digest();
    first = await upload({ "roster.xlsx": await workbook({ Students: STUDENTS, Guardians: GUARDIANS }), "staff.csv": STAFF });
    expect(await digest()).toBe(before);
    expect(await statusOf(first)).toBe("MAPPING");
    const r = await reportOf(first);
    expect(r.tables.map((t) => [t.file, t.sheet, t.rows, t.mapping.kind])).toEqual([
      ["roster.xlsx", "Students", 3, "students"],
      ["roster.xlsx", "Guardians", 3, "guardians"],
      ["staff.csv", null, 1, "staff"],
    ]);
    expect(r.tables[0]?.mapping.columns).toEqual(["localId", "firstName", "lastName", "grade", "school", "dateOfBirth", null]);
    // Applying before the columns are confirmed is refused.
    expect(await apply(first)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: first, action: "create" } }));
    expect(audit.detail).toMatchObject({ kind: "SPREADSHEET", tables: 3 });
  });

  it("a mapping without a required column is refused on the form", async () => {
    const result = await confirm(first, (r) => {
      const p = proposed(r);
      return { ...p, column: p.column.map((c) => (c === "0:2:lastName" ? "0:2:" : c)) };
    });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { _form: [expect.stringMatching(/Legal last name.*required/)] } } });
    expect(await statusOf(first)).toBe("MAPPING");
  });

  it("confirming runs the dry run: counts, no writes, an audit event", async () => {
    const before = await digest();
    expect(await confirm(first)).toMatchObject({ ok: true });
    expect(await digest()).toBe(before);
    const r = await reportOf(first);
    expect(r.errors).toBe(0);
    expect(r.counts).toEqual({ students: { create: 3, update: 0 }, staff: { create: 1, update: 0 }, guardians: { create: 3, update: 0 } });
    expect(await statusOf(first)).toBe("READY");
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: first, action: "update" } }));
    expect(audit.detail).toMatchObject({ dryRun: true, kind: "SPREADSHEET", counts: r.counts });
  });

  it("apply writes exactly what the dry run said", async () => {
    const planned = (await reportOf(first)).counts;
    const before = await rowCounts();
    const applied = await apply(first);
    expect(applied).toMatchObject({ ok: true });
    // A background job (decision 021) with its progress: rows read and written per kind of record.
    const progress = (applied as unknown as { job: { progress: { phase: string; files: { name: string; read: number; written: number; toWrite: number | null }[] } } }).job.progress;
    expect(progress.phase).toBe("done");
    expect(progress.files.map((f) => [f.name, f.written, f.toWrite]).sort()).toEqual([
      ["Guardians", 3, 3],
      ["Staff", 1, 1],
      ["Students", 3, 3],
    ]);
    expect(progress.files.every((f) => f.read > 0)).toBe(true);
    const after = await rowCounts();
    expect((after.Student ?? 0) - (before.Student ?? 0)).toBe(planned.students.create);
    expect((after.RosterStaff ?? 0) - (before.RosterStaff ?? 0)).toBe(planned.staff.create);
    expect((after.Guardian ?? 0) - (before.Guardian ?? 0)).toBe(planned.guardians.create);
    const amara = await asOwner((tx) => tx.student.findFirstOrThrow({ where: { districtId, localId: "MV-5001" }, include: { guardians: true } }));
    expect(amara).toMatchObject({ legalFirstName: "Amara", grade: "G3", schoolId: northId, sourcedId: null });
    expect(amara.dateOfBirth?.toISOString().slice(0, 10)).toBe("2017-05-12");
    expect(amara.guardians.map((g) => [g.name, g.relationship, g.email, g.phone])).toEqual([["Ngozi Okafor", "Mother", "ngozi@example.org", "555-0101"]]);
    const carmen = await asOwner((tx) => tx.student.findFirstOrThrow({ where: { districtId, localId: "MV-5003" } }));
    expect([carmen.legalLastName, carmen.grade, carmen.dateOfBirth?.toISOString().slice(0, 10)]).toEqual(["Díaz", "G5", "2015-05-30"]);
    // A guardian of a student already in the district comes after the ones they had.
    const known = await asOwner((tx) => tx.guardian.findMany({ where: { districtId, student: { localId: "MV-0001" } }, orderBy: { position: "asc" } }));
    expect(known.map((g) => [g.name, g.position])).toEqual([["Sam Known", 0], ["Pat Known", 1]]);
    expect(await asOwner((tx) => tx.rosterStaff.findFirstOrThrow({ where: { districtId, email: "r.reyes@mv.k12.test" } }))).toMatchObject({ givenName: "Rosa", oneRosterRole: "teacher", schoolId: northId, userId: null });
    expect(await statusOf(first)).toBe("APPLIED");
    expect(await asOwner((tx) => tx.importFile.count({ where: { importRunId: first } }))).toBe(0);
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: first, action: "update", detail: { path: ["applied"], equals: true } } }));
    expect(audit.detail).toMatchObject({ kind: "SPREADSHEET", counts: planned });
    // Applying twice is refused.
    expect(await apply(first)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("importing the same files again plans nothing and writes nothing", async () => {
    const before = await digest();
    const again = await upload({ "roster.xlsx": await workbook({ Students: STUDENTS, Guardians: GUARDIANS }), "staff.csv": STAFF });
    expect(await confirm(again)).toMatchObject({ ok: true });
    expect((await reportOf(again)).counts).toEqual({ students: { create: 0, update: 0 }, staff: { create: 0, update: 0 }, guardians: { create: 0, update: 0 } });
    expect(await apply(again)).toMatchObject({ ok: true });
    expect(await digest()).toBe(before);
  });

  it("a changed row updates only that record's changed fields", async () => {
    const changed = STUDENTS.map((r) => (r[0] === "MV-5002" ? ["MV-5002", "Bao", "Tran", "1", "NSE", "2020-09-01", "1A"] : r));
    const id = await upload({ "students.xlsx": await workbook({ Sheet1: changed }) });
    await confirm(id);
    expect((await reportOf(id)).counts.students).toEqual({ create: 0, update: 1 });
    expect(await apply(id)).toMatchObject({ ok: true });
    expect(await asOwner((tx) => tx.student.findFirstOrThrow({ where: { districtId, localId: "MV-5002" } }))).toMatchObject({ grade: "G1", version: 2 });
  });

  it("apply is all or nothing: a failure half-way leaves no row written, and the run is marked failed", async () => {
    const csv = "Student ID,First Name,Last Name,Grade,School\nMV-6001,Dana,Ok,2,NSE\nMV-6002,Doomed,Row,2,NSE\n";
    const guardians = "Student ID,Guardian Name\nMV-6001,Gale Ok\n";
    const id = await upload({ "students.csv": csv, "guardians.csv": guardians });
    await confirm(id);
    expect((await reportOf(id)).counts).toMatchObject({ students: { create: 2 }, guardians: { create: 1 } });
    // The database refuses the guardian (written after the students): the whole apply must roll back.
    await ownerSql(`ALTER TABLE "Guardian" ADD CONSTRAINT test_no_gale CHECK ("name" <> 'Gale Ok')`);
    const before = await digest();
    try {
      expect(await apply(id)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    } finally {
      await ownerSql(`ALTER TABLE "Guardian" DROP CONSTRAINT test_no_gale`);
    }
    expect(await digest()).toBe(before);
    expect(await asOwner((tx) => tx.student.count({ where: { districtId, localId: "MV-6001" } }))).toBe(0);
    expect(await statusOf(id)).toBe("FAILED");
    expect((await reportOf(id)).failure).toMatch(/nothing was written/);
  });

  it("an apply whose plan changed since the dry run writes nothing and shows the new plan", async () => {
    const id = await upload({ "s.csv": "Student ID,First Name,Last Name,Grade,School\nMV-5001,Amara,Okafor,4,NSE\n" });
    await confirm(id);
    expect((await reportOf(id)).counts.students.update).toBe(1);
    await asOwner((tx) => tx.student.updateMany({ where: { districtId, localId: "MV-5001" }, data: { legalFirstName: "Ama" } }));
    const before = await digest();
    // The in-process path (scripts): the same transaction as the background job's.
    await expect(applySheetRun({ runId: id, districtId, userId: admin.userId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/changed since this dry run/) });
    expect(await digest()).toBe(before);
    expect(await statusOf(id)).toBe("READY");
  });

  it("bad rows block the apply with their file, line, column and value", async () => {
    const xlsx = await workbook({
      Students: [
        ["Student ID", "First Name", "Last Name", "Grade", "School", "Birth Date"],
        ["MV-7001", "Ed", "Bad", "13", "NSE", "2016-01-01"],
        ["MV-7002", "Flo", "Bad", "2", "Hogwarts", "2016-01-01"],
        ["MV-7003", "Gus", "Bad", "2", "NSE", "2016-02-31"],
        ["MV-7001", "Ed", "Again", "2", "NSE", "2016-01-01"],
      ],
      Guardians: [
        ["Student ID", "Guardian Name", "Email"],
        ["MV-9999", "No One", "no@example.org"],
        ["MV-7003", "Bad Mail", "bad@mail"],
      ],
    });
    const before = await digest();
    const id = await upload({ "bad.xlsx": xlsx });
    await confirm(id);
    expect(await statusOf(id)).toBe("BLOCKED");
    const errors = (await reportOf(id)).findings.filter((f) => f.severity === "error").map((f) => [f.file, f.line, f.column, f.value]);
    expect(errors).toEqual([
      ["bad.xlsx (Students)", 2, "Grade", "13"],
      ["bad.xlsx (Students)", 3, "School", "Hogwarts"],
      ["bad.xlsx (Students)", 4, "Birth Date", "2016-02-31"],
      ["bad.xlsx (Students)", 5, "Student ID", "MV-7001"],
      ["bad.xlsx (Guardians)", 2, "Student ID", "MV-9999"],
      ["bad.xlsx (Guardians)", 3, "Email", "bad@mail"],
    ]);
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await digest()).toBe(before);
  });

  it("files that are not CSV or XLSX, oversized files and undecidable text are refused with a plain message", async () => {
    const pdf = await upload({ "roster.pdf": Buffer.from("%PDF-1.7\n...") });
    expect(await statusOf(pdf)).toBe("BLOCKED");
    expect((await reportOf(pdf)).findings[0]?.message).toMatch(/PDF/);
    const xls = await upload({ "old.xls": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
    expect((await reportOf(xls)).findings[0]?.message).toMatch(/\.xls/);
    const fake = await upload({ "fake.xlsx": Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    expect((await reportOf(fake)).findings[0]?.message).toMatch(/not an Excel workbook/);
    signInAs(admin);
    const big = await startSheetImport(null, uploadForm({ "big.csv": Buffer.alloc(21 * 1024 * 1024, 0x41) }));
    expect(big).toMatchObject({ ok: false, error: { fieldErrors: { files: [expect.stringMatching(/larger than 20 MB/)] } } });
    // Mac Roman "Renée": not certain, so reported at its line and never garbled.
    const mac = await upload({ "mac.csv": Buffer.concat([Buffer.from("Student ID,First Name,Last Name,Grade,School\nMV-8001,Ren"), Buffer.from([0x8e]), Buffer.from("e,Roy,2,NSE\n")]) });
    expect((await reportOf(mac)).findings).toMatchObject([{ severity: "error", file: "mac.csv", line: 2, value: "byte 0x8e" }]);
  });

  it("a Windows-1252 CSV (Excel's plain CSV) is converted with a warning at its line", async () => {
    const csv = iconv.encode("Student ID,First Name,Last Name,Grade,School\nMV-8101,Zoë,Núñez,2,NSE\n", "windows-1252");
    const id = await upload({ "excel.csv": csv });
    await confirm(id);
    const r = await reportOf(id);
    expect(r.errors).toBe(0);
    expect(r.findings).toMatchObject([{ severity: "warning", file: "excel.csv", line: 2, message: expect.stringMatching(/Windows-1252/) }]);
    expect(await apply(id)).toMatchObject({ ok: true });
    expect(await asOwner((tx) => tx.student.findFirstOrThrow({ where: { districtId, localId: "MV-8101" } }))).toMatchObject({ legalFirstName: "Zoë", legalLastName: "Núñez" });
  });
});

describe("who may import a spreadsheet", () => {
  it("a coordinator is refused with a denied event; nothing is written", async () => {
    const before = await digest();
    signInAs(coordinator);
    expect(await startSheetImport(null, uploadForm({ "s.csv": "Student ID,First Name,Last Name,Grade,School\nX-1,A,B,2,NSE\n" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await digest()).toBe(before);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "denied" } }))).toBeGreaterThan(0);
  });

  it("another district's administrator cannot see, confirm or apply a run", async () => {
    const id = await upload({ "s.csv": "Student ID,First Name,Last Name,Grade,School\nX-2,A,B,2,NSE\n" });
    signInAs(otherAdmin);
    await expect(getImport(otherAdmin, id)).rejects.toMatchObject(NOT_FOUND);
    expect(await applySheetImport(null, formOf({ unverifiedImportId: id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await confirmSheetMapping(null, formOf({ unverifiedImportId: id, kind: ["students"], column: [] }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await listImports(otherAdmin)).some((r) => r.id === id)).toBe(false);
    // RLS: the district's runs are invisible to another tenant's transaction, whatever the query.
    await expect(applySheetRun({ runId: id, districtId: otherDistrictId, userId: otherAdmin.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(id)).toBe("MAPPING");
  });

  it("the history lists spreadsheet runs and the run page is a view, audited", async () => {
    signInAs(admin);
    const runs = await listImports(admin);
    expect(runs.filter((r) => r.kind === "SPREADSHEET").length).toBeGreaterThan(3);
    const applied = runs.find((r) => r.kind === "SPREADSHEET" && r.status === "APPLIED");
    expect(applied).toBeDefined();
    const page = await getImport(admin, applied?.id as string);
    expect(page.kind).toBe("SPREADSHEET");
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { entityId: applied?.id, action: "view", actorUserId: admin.userId } }))).toBe(1);
  });
});
