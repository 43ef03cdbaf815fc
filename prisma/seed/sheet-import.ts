// Riverbend has no OneRoster feed (decision 019): at the start of the year its
// administrator, Dana Whitfield, imported the K-8's staff list and a few
// guardians' contact changes from the front office's spreadsheet. The seed
// runs that import through the real reader, planner and writer, so the
// history shows an applied spreadsheet import with its report. Idempotent:
// skipped once the district has a spreadsheet import.
import ExcelJS from "exceljs";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { analyseSheet, executeSheetPlan, proposeSheet } from "@/server/imports/sheet";
import { demoDate } from "./calendar";

const STAFF = [
  ["Email", "First Name", "Last Name", "Job Title", "Building"],
  ["m.okonkwo@riverbend.example", "Mercy", "Okonkwo", "teacher", "RBK8"],
  ["j.castillo@riverbend.example", "Javier", "Castillo", "teacher", "RBK8"],
  ["h.lindqvist@riverbend.example", "Hanna", "Lindqvist", "teacher", "RBK8"],
  ["d.pham@riverbend.example", "Duc", "Pham", "aide", "RBK8"],
  ["s.begay@riverbend.example", "Shawna", "Begay", "counselor", "Riverbend K-8"],
];

/** Returns how many records the import wrote (0 when it ran before). */
export async function seedSheetImport(tx: Tx, districtId: string): Promise<number> {
  if (await tx.importRun.count({ where: { districtId, kind: "SPREADSHEET" } })) return 0;
  const admin = await tx.membership.findFirst({ where: { districtId, role: "ADMIN" }, select: { userId: true } });
  if (!admin) return 0;
  // Three students' guardians, as the office typed them (one phone number with an extension).
  const students = await tx.student.findMany({ where: { districtId, archivedAt: null }, orderBy: { localId: "asc" }, take: 3, select: { localId: true, legalLastName: true } });
  const guardians = [
    ["Student ID", "Parent/Guardian Name", "Relationship", "Phone", "Email", "Preferred Language"],
    ...students.map((s, i) => [s.localId, `${["Rosa", "Tomás", "Grace"][i]} ${s.legalLastName}`, ["Mother", "Father", "Grandmother"][i] as string, `(916) 555-01${20 + i}${i === 1 ? " x12" : ""}`, i === 2 ? "" : `family${i + 1}@example.org`, i === 0 ? "Spanish" : "English"]),
  ];
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of [["Staff", STAFF], ["Guardians", guardians]] as const) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const files = [{ name: "riverbend-office-2026.xlsx", data: new Uint8Array(await wb.xlsx.writeBuffer()) }];
  const proposal = await proposeSheet(files);
  const { plan, report } = await analyseSheet(tx, districtId, files, proposal.tables.map((t) => t.mapping));
  if (report.errors > 0) throw new Error(`seed: the Riverbend spreadsheet has errors: ${JSON.stringify(report.findings.slice(0, 3))}`);
  const written = await executeSheetPlan(tx, districtId, plan);
  const at = demoDate("2026-08-20", "16:30");
  const json = (v: unknown) => v as Prisma.InputJsonValue;
  const run = await tx.importRun.create({
    data: {
      districtId,
      kind: "SPREADSHEET",
      status: "APPLIED",
      createdByUserId: admin.userId,
      appliedByUserId: admin.userId,
      fileNames: report.files,
      errorCount: report.errors,
      warningCount: report.warnings,
      counts: json(written),
      report: json({ ...report, counts: written }),
      createdAt: at,
      appliedAt: at,
    },
    select: { id: true },
  });
  await tx.auditEvent.createMany({
    data: [
      { districtId, actorUserId: admin.userId, action: "create", entityType: "ImportRun", entityId: run.id, detail: json({ kind: "SPREADSHEET", files: report.files, tables: report.tables.length }), createdAt: at },
      { districtId, actorUserId: admin.userId, action: "update", entityType: "ImportRun", entityId: run.id, detail: json({ applied: true, kind: "SPREADSHEET", counts: written }), createdAt: at },
    ],
  });
  return written.staff.create + written.guardians.create + written.guardians.update;
}
