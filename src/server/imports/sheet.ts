import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { readCsv } from "@/domain/oneroster/csv";
import { Findings, type Finding } from "@/domain/oneroster/findings";
import {
  buildSheetPlan,
  proposeKind,
  proposeMapping,
  SHEET_KIND_LABEL,
  sheetCountsOf,
  type SheetCounts,
  type SheetPlan,
  type SheetSnapshot,
  type SheetTable,
  type TableMapping,
} from "@/domain/spreadsheet";
import { isoDayIn } from "@/domain/time-zone";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, logUnexpected } from "@/server/errors";
import { noProgress } from "@/server/jobs/progress";
import type { ProgressReporter } from "@/server/jobs/types";
import { APPLY_TIMEOUT_MS } from "./service";
import type { UploadedFile } from "./upload";

/** Limits on a spreadsheet upload (decision 019). */
export const SHEET_LIMITS = {
  /** One file as uploaded. */
  fileBytes: 20 * 1024 * 1024,
  files: 5,
  /** An XLSX once unzipped (a zip bomb must not exhaust the server). */
  xlsxUnzippedBytes: 200 * 1024 * 1024,
  /** Rows per table: a district's students fit; beyond is almost surely the wrong file. */
  rows: 100_000,
  columns: 100,
} as const;

export type SheetFormat = "csv" | "xlsx";

/** What the file is, from its first bytes and name; null when it is neither CSV nor XLSX. */
export function formatOf(file: UploadedFile): SheetFormat | { problem: string } {
  const d = file.data;
  const zip = d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;
  if (zip) return /\.xlsx$/i.test(file.name) || !/\.(csv|txt)$/i.test(file.name) ? "xlsx" : { problem: "The file is a zip, not CSV text. Upload the CSV file itself, or an .xlsx workbook." };
  if (d[0] === 0xd0 && d[1] === 0xcf && d[2] === 0x11 && d[3] === 0xe0) return { problem: "This is an old Excel workbook (.xls). Save it as .xlsx or as CSV UTF-8 and upload that." };
  if (d[0] === 0x25 && d[1] === 0x50 && d[2] === 0x44 && d[3] === 0x46) return { problem: "This is a PDF, not a spreadsheet. Upload a CSV or .xlsx file." };
  if (/\.(xlsx|xlsm)$/i.test(file.name)) return { problem: "The file is named .xlsx but is not an Excel workbook (it may be damaged)." };
  if (/\.(xls|ods|numbers|pdf|docx?|zip)$/i.test(file.name)) return { problem: "Only CSV and .xlsx files can be imported. Save the spreadsheet as .xlsx or CSV UTF-8." };
  return "csv";
}

async function* bytesOf(data: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
}

/** A CSV file as one table, streamed through the shared decoder (a non-UTF-8 file is converted only when certain). */
async function readCsvTable(file: UploadedFile, findings: Findings): Promise<SheetTable | null> {
  const table: SheetTable = { file: file.name, sheet: null, headers: [], rows: [] };
  let first = true;
  for await (const record of readCsv(bytesOf(file.data), file.name, findings)) {
    const cells = record.fields.map((c) => c.trim());
    if (first) {
      table.headers = cells;
      first = false;
      continue;
    }
    if (cells.every((c) => c === "")) continue;
    if (table.rows.length >= SHEET_LIMITS.rows) {
      findings.error(file.name, record.line, null, null, `The file has more than ${SHEET_LIMITS.rows} rows; split it.`);
      break;
    }
    table.rows.push({ line: record.line, cells });
  }
  if (first) {
    if (findings.list.every((f) => f.file !== file.name || f.severity !== "error")) findings.error(file.name, 1, null, null, "The file is empty: the first row must name the columns.");
    return null;
  }
  return table;
}

/** The unzipped size of an XLSX from its directory, checked before exceljs streams it. */
function unzippedSize(data: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      let total = 0;
      let n = 0;
      zip.on("entry", (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        if (++n > 10_000) return reject(new Error("too many entries"));
        zip.readEntry();
      });
      zip.on("end", () => resolve(total));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** A cell as the import reads it: text, or a Date from a date cell. Formulas give their result. */
function cellOf(value: ExcelJS.CellValue): string | Date {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return cellOf((value as { result?: ExcelJS.CellValue }).result ?? "");
    if ("text" in value) return String((value as { text: unknown }).text).trim();
    if ("error" in value) return "";
  }
  return String(value);
}

/**
 * The worksheets of an XLSX as tables, streamed (exceljs's WorkbookReader):
 * rows are read one by one, never the whole workbook as a model. Empty
 * worksheets are skipped; a worksheet's first non-empty row is its header.
 */
async function readXlsxTables(file: UploadedFile, findings: Findings): Promise<SheetTable[]> {
  try {
    if ((await unzippedSize(file.data)) > SHEET_LIMITS.xlsxUnzippedBytes) {
      findings.error(file.name, null, null, null, `The workbook is larger than ${SHEET_LIMITS.xlsxUnzippedBytes / 1024 / 1024} MB once unzipped.`);
      return [];
    }
  } catch {
    findings.error(file.name, null, null, null, "This is not an Excel workbook that can be opened (it may be damaged).");
    return [];
  }
  const tables: SheetTable[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength)), {
      worksheets: "emit",
      sharedStrings: "cache",
      // Styles tell a date cell from a number.
      styles: "cache",
      hyperlinks: "ignore",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? "Sheet";
      let table: SheetTable | null = null;
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1, SHEET_LIMITS.columns + 1).map(cellOf);
        if (values.every((v) => v === "")) continue;
        if (!table) {
          table = { file: file.name, sheet: name, headers: values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)), rows: [] };
          continue;
        }
        if (table.rows.length >= SHEET_LIMITS.rows) {
          findings.error(`${file.name} (${name})`, row.number, null, null, `The worksheet has more than ${SHEET_LIMITS.rows} rows; split it.`);
          break;
        }
        table.rows.push({ line: row.number, cells: values });
      }
      if (table) tables.push(table);
    }
  } catch {
    findings.error(file.name, null, null, null, "The workbook could not be read to its end (it may be damaged).");
    return [];
  }
  if (!tables.length) findings.error(file.name, null, null, null, "The workbook has no rows: the first row of a worksheet must name the columns.");
  return tables;
}

/** Every table of the upload; problems reading a file are findings (errors). */
export async function readSheetTables(files: UploadedFile[], findings: Findings): Promise<SheetTable[]> {
  const tables: SheetTable[] = [];
  for (const file of files) {
    const format = formatOf(file);
    if (typeof format !== "string") {
      findings.error(file.name, null, null, null, format.problem);
      continue;
    }
    if (format === "xlsx") tables.push(...(await readXlsxTables(file, findings)));
    else {
      const t = await readCsvTable(file, findings);
      if (t) tables.push(t);
    }
  }
  return tables;
}

/** A table as the mapping screen shows it: headers, a sample, and the proposed (or confirmed) mapping. */
export interface SheetTableInfo {
  file: string;
  sheet: string | null;
  headers: string[];
  rows: number;
  mapping: TableMapping;
}

/** The report of a spreadsheet import, kept on ImportRun.report (kind SPREADSHEET). */
export interface SheetReport {
  kind: "SPREADSHEET";
  files: string[];
  tables: SheetTableInfo[];
  /** False until the administrator confirms the mapping: no dry run yet. */
  confirmed: boolean;
  counts: SheetCounts;
  /** A digest of the plan (every record and field it would write): the apply must find the same. */
  fingerprint: string | null;
  errors: number;
  warnings: number;
  omitted: number;
  findings: Finding[];
  failure?: string;
}

export const EMPTY_SHEET_COUNTS: SheetCounts = { students: { create: 0, update: 0 }, staff: { create: 0, update: 0 }, guardians: { create: 0, update: 0 } };

/** Reads the upload and proposes a mapping per table (the first step; nothing is planned). */
export async function proposeSheet(files: UploadedFile[]): Promise<SheetReport> {
  const findings = new Findings();
  const tables = await readSheetTables(files, findings);
  return {
    kind: "SPREADSHEET",
    files: files.map((f) => f.name),
    tables: tables.map((t) => {
      const kind = proposeKind(t.sheet ?? t.file, t.headers);
      return { file: t.file, sheet: t.sheet, headers: t.headers, rows: t.rows.length, mapping: { kind, columns: proposeMapping(kind, t.headers) } };
    }),
    confirmed: false,
    counts: EMPTY_SHEET_COUNTS,
    fingerprint: null,
    errors: findings.errors,
    warnings: findings.warnings,
    omitted: findings.omitted,
    findings: findings.list,
  };
}

/** What the district holds that a spreadsheet import may touch, read in the import's transaction. */
export async function loadSheetSnapshot(tx: Tx, districtId: string): Promise<SheetSnapshot> {
  const [district, schools, students, staff, guardians] = await Promise.all([
    tx.district.findUniqueOrThrow({ where: { id: districtId }, select: { timeZone: true } }),
    tx.school.findMany({ where: { districtId }, select: { id: true, name: true, code: true, archivedAt: true } }),
    tx.student.findMany({
      where: { districtId },
      select: {
        id: true,
        localId: true,
        schoolId: true,
        legalFirstName: true,
        legalMiddleName: true,
        legalLastName: true,
        preferredName: true,
        dateOfBirth: true,
        grade: true,
        gender: true,
        englishLearner: true,
        homeLanguage: true,
        archivedAt: true,
      },
    }),
    tx.rosterStaff.findMany({ where: { districtId }, select: { id: true, email: true, givenName: true, familyName: true, oneRosterRole: true, schoolId: true, archivedAt: true } }),
    tx.guardian.findMany({ where: { districtId }, select: { id: true, studentId: true, name: true, relationship: true, phone: true, email: true, preferredLanguage: true, position: true } }),
  ]);
  return {
    today: isoDayIn(new Date(), district.timeZone),
    schools: schools.map(({ archivedAt, ...s }) => ({ ...s, archived: archivedAt !== null })),
    students: students.map(({ archivedAt, dateOfBirth, ...s }) => ({ ...s, dateOfBirth: dateOfBirth ? dateOfBirth.toISOString().slice(0, 10) : null, archived: archivedAt !== null })),
    staff: staff.map(({ archivedAt, ...s }) => ({ ...s, archived: archivedAt !== null })),
    guardians,
  };
}

/**
 * The dry run of a spreadsheet import: the files read again, validated with
 * the confirmed mapping and planned against the snapshot. The apply calls the
 * same function in its own transaction before writing.
 */
export async function analyseSheet(tx: Tx, districtId: string, files: UploadedFile[], mappings: TableMapping[]): Promise<{ plan: SheetPlan; report: SheetReport }> {
  const findings = new Findings();
  const tables = await readSheetTables(files, findings);
  if (tables.length !== mappings.length) throw new AppError("CONFLICT", "The files no longer match the mapping; upload them again.");
  const snapshot = await loadSheetSnapshot(tx, districtId);
  const plan = buildSheetPlan(tables, mappings, snapshot, findings);
  return {
    plan,
    report: {
      kind: "SPREADSHEET",
      files: files.map((f) => f.name),
      tables: tables.map((t, i) => ({ file: t.file, sheet: t.sheet, headers: t.headers, rows: t.rows.length, mapping: mappings[i] as TableMapping })),
      confirmed: true,
      counts: sheetCountsOf(plan),
      fingerprint: createHash("sha256").update(JSON.stringify(plan)).digest("hex"),
      errors: findings.errors,
      warnings: findings.warnings,
      omitted: findings.omitted,
      findings: findings.list,
    },
  };
}

const asDate = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00Z`) : s === null ? null : undefined);
const CHUNK = 2000;

/** Writes a spreadsheet plan in the caller's transaction (all or nothing). Returns what was written. */
export async function executeSheetPlan(tx: Tx, districtId: string, plan: SheetPlan, progress: ProgressReporter = noProgress): Promise<SheetCounts> {
  // The progress bar counts rows per kind of record (a kind may come from several tables).
  const kinds = { students: plan.students, staff: plan.staff, guardians: plan.guardians };
  for (const [kind, p] of Object.entries(kinds)) progress.toWrite(SHEET_KIND_LABEL[kind as keyof typeof kinds], p.create.length + p.update.length);
  const wrote = (kind: keyof typeof kinds, n: number) => progress.written(SHEET_KIND_LABEL[kind], n);
  const created = new Map<string, string>(); // local id (lower case) → new student id
  const studentRows = plan.students.create.map((s) => {
    const id = randomUUID();
    created.set(s.localId.toLowerCase(), id);
    return { id, districtId, localId: s.localId, schoolId: s.schoolId, legalFirstName: s.legalFirstName, legalMiddleName: s.legalMiddleName, legalLastName: s.legalLastName, preferredName: s.preferredName, dateOfBirth: asDate(s.dateOfBirth) ?? null, grade: s.grade, gender: s.gender, englishLearner: s.englishLearner, homeLanguage: s.homeLanguage };
  });
  for (let i = 0; i < studentRows.length; i += CHUNK) wrote("students", (await tx.student.createMany({ data: studentRows.slice(i, i + CHUNK) })).count);
  for (const u of plan.students.update) {
    wrote("students", 1);
    const { dateOfBirth, ...rest } = u.data;
    await tx.student.update({
      where: { id: u.id, districtId },
      // Someone with the edit form open gets a conflict instead of overwriting the import (as decision 018).
      data: { ...rest, ...(dateOfBirth !== undefined ? { dateOfBirth: asDate(dateOfBirth) } : {}), ...(u.restore ? { archivedAt: null } : {}), version: { increment: 1 } },
    });
  }
  const staffRows = plan.staff.create.map((s) => ({ districtId, sourcedId: `sheet:${s.email}`, email: s.email, givenName: s.givenName, familyName: s.familyName, oneRosterRole: s.oneRosterRole, schoolId: s.schoolId }));
  for (let i = 0; i < staffRows.length; i += CHUNK) wrote("staff", (await tx.rosterStaff.createMany({ data: staffRows.slice(i, i + CHUNK) })).count);
  for (const u of plan.staff.update) {
    wrote("staff", 1);
    await tx.rosterStaff.update({ where: { id: u.id, districtId }, data: { ...u.data, ...(u.restore ? { archivedAt: null } : {}) } });
  }
  const guardianRows = plan.guardians.create.map((g) => {
    const studentId = "id" in g.student ? g.student.id : created.get(g.student.localId.toLowerCase());
    if (!studentId) throw new Error("spreadsheet import: a guardian's student was planned but not created");
    return { districtId, studentId, name: g.name, relationship: g.relationship, phone: g.phone, email: g.email, preferredLanguage: g.preferredLanguage, position: g.position };
  });
  for (let i = 0; i < guardianRows.length; i += CHUNK) wrote("guardians", (await tx.guardian.createMany({ data: guardianRows.slice(i, i + CHUNK) })).count);
  for (const u of plan.guardians.update) {
    wrote("guardians", 1);
    await tx.guardian.update({ where: { id: u.id, districtId }, data: u.data });
  }
  return sheetCountsOf(plan);
}

export async function sheetFilesOf(tx: Tx, districtId: string, importRunId: string): Promise<UploadedFile[]> {
  const rows = await tx.importFile.findMany({ where: { districtId, importRunId }, select: { name: true, data: true } });
  // Sorted here as at the upload (code points, not the database's collation): the mapping is per table, in this order.
  return rows.map((r) => ({ name: r.name, data: new Uint8Array(r.data) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** The plan changed between the dry run the administrator read and the apply. */
export class SheetPlanChanged extends AppError {
  constructor(readonly report: SheetReport) {
    super("CONFLICT", "The district's records changed since this dry run, so nothing was applied. The report now shows what the import would do; read it and apply again.");
  }
}

/**
 * Claims a READY spreadsheet run for its apply (READY → APPLYING), in the
 * caller's tenant transaction; returns the dry run the administrator read.
 */
export async function claimSheetRun(tx: Tx, districtId: string, runId: string): Promise<SheetReport> {
  const run = await tx.importRun.findFirst({ where: { id: runId, districtId, kind: "SPREADSHEET" } });
  if (!run) throw new AppError("NOT_FOUND", "There is no such import.");
  if (run.status === "BLOCKED" || run.status === "MAPPING") throw new AppError("CONFLICT", "The dry run found errors or its columns are not confirmed: fix them first.");
  const r = await tx.importRun.updateMany({ where: { id: run.id, districtId, status: "READY" }, data: { status: "APPLYING" } });
  if (r.count === 0) throw new AppError("CONFLICT", "This import is being applied or was applied already; see the history.");
  return run.report as unknown as SheetReport;
}

/**
 * Writes a claimed (APPLYING) spreadsheet run: read, planned, compared with
 * the dry run and written in ONE transaction, so any failure leaves nothing
 * written. When the records changed since the dry run, the run goes back to a
 * dry run showing the new plan and SheetPlanChanged is thrown. Called by the
 * background job `spreadsheet.apply` (decision 021) and by applySheetRun.
 */
export async function writeSheetRun(input: { runId: string; districtId: string; userId: string; jobId?: string }, progress: ProgressReporter = noProgress): Promise<SheetCounts> {
  const { runId, districtId, userId } = input;
  try {
    return await withTenant(
      districtId,
      async (tx) => {
        const run = await tx.importRun.findFirst({ where: { id: runId, districtId, kind: "SPREADSHEET", status: "APPLYING" } });
        if (!run) throw new AppError("CONFLICT", "This import is no longer waiting to be applied.");
        const claimed = run.report as unknown as SheetReport;
        progress.phase("reading");
        const { plan, report } = await analyseSheet(
          tx,
          districtId,
          await sheetFilesOf(tx, districtId, runId),
          claimed.tables.map((t) => t.mapping),
        );
        for (const t of report.tables) progress.read(SHEET_KIND_LABEL[t.mapping.kind], t.rows);
        if (report.errors > 0 || report.fingerprint !== claimed.fingerprint) throw new SheetPlanChanged(report);
        progress.phase("writing");
        const written = await executeSheetPlan(tx, districtId, plan, progress);
        progress.phase("finishing");
        await tx.importRun.update({ where: { id: runId }, data: { status: "APPLIED", appliedAt: new Date(), appliedByUserId: userId, counts: json(written), report: json({ ...report, counts: written }) } });
        await tx.importFile.deleteMany({ where: { districtId, importRunId: runId } });
        await recordAudit(tx, {
          districtId,
          actorUserId: userId,
          action: "update",
          entityType: "ImportRun",
          entityId: runId,
          detail: json({ applied: true, kind: "SPREADSHEET", counts: written, ...(input.jobId ? { jobId: input.jobId } : {}) }),
        });
        return written;
      },
      undefined,
      APPLY_TIMEOUT_MS,
    );
  } catch (error) {
    if (error instanceof SheetPlanChanged) {
      const r = error.report;
      await withTenant(districtId, (tx) =>
        tx.importRun.updateMany({
          where: { id: runId, districtId, status: "APPLYING" },
          data: { status: r.errors > 0 ? "BLOCKED" : "READY", errorCount: r.errors, warningCount: r.warnings, counts: json(r.counts), report: json(r) },
        }),
      );
    }
    throw error;
  }
}

/** Marks a claimed run whose apply failed as FAILED (nothing was written), with the message shown on its page. */
export async function failSheetRun(districtId: string, runId: string, failure: string): Promise<void> {
  await withTenant(districtId, async (tx) => {
    const run = await tx.importRun.findFirst({ where: { id: runId, districtId, status: "APPLYING" }, select: { report: true } });
    if (run) await tx.importRun.update({ where: { id: runId }, data: { status: "FAILED", report: json({ ...(run.report as object), failure }) } });
  });
}

/**
 * Applies a spreadsheet import's dry run in this process (claim, then
 * writeSheetRun): for scripts and tests. The app applies through the
 * background job `spreadsheet.apply` (sheet-actions.ts).
 */
export async function applySheetRun(input: { runId: string; districtId: string; userId: string }): Promise<SheetCounts> {
  const { runId, districtId } = input;
  await withTenant(districtId, (tx) => claimSheetRun(tx, districtId, runId));
  try {
    return await writeSheetRun(input);
  } catch (error) {
    if (error instanceof SheetPlanChanged) throw error;
    const ref = logUnexpected(error, "applySheetRun");
    await failSheetRun(districtId, runId, `Applying failed (reference ${ref}); nothing was written.`);
    throw new AppError("CONFLICT", "Applying failed and nothing was written. The history shows the import as failed; upload the files again to retry.");
  }
}

