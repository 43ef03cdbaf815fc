// The set-based apply of a screening file (decision 054) against the per-row
// path it replaced: the file's students staged and matched in a TEMP table,
// the scores and their audit events written by one statement. A reference
// plan is built here as the old code built it (students and saved scores read
// with findMany, scoreAudits for the events); on a file with every kind of
// finding the dry run must report the same findings, on the file's lines,
// and on a file with warnings only the apply must write the same scores, read
// at the same risk levels, with the same audit events. A re-upload updates,
// it does not duplicate.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { riskLevelOf, schoolYearOf } from "@/domain/screening";
import { parseScreeningCsv, planScreeningFile, type ColumnMapping, type FilePlan, type PlanLookups } from "@/domain/screening-file";
import { withTenant, type Tx } from "@/server/db/tenant";
import { drainInlineJobs } from "@/server/jobs/queue";
import { measureOf } from "@/server/measures/queries";
import { applyScreeningImport, saveScreeningMapping, uploadScreeningFile } from "@/server/screening/actions";
import { benchmarkLookup, getScreeningImport, planImport, windowsIn } from "@/server/screening/queries";
import { scoreAudits } from "@/server/screening/scores";
import { todayIso } from "@/server/students/schemas";
import { makeDistrict, makeMeasure, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const Y = schoolYearOf(new Date().toISOString().slice(0, 10));
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let districtId: string;
let fall: string;
let coordinator: Person;
const measure = { orf: "", math: "" };
const student: Record<string, string> = {};

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Setville" })).id;
    const north = (await makeSchool(tx, { districtId, name: "North" })).id;
    const south = (await makeSchool(tx, { districtId, name: "South" })).id;
    measure.orf = (await makeMeasure(tx, { districtId, key: "orf_wcpm", name: "ORF", screeningArea: "READING" })).id;
    measure.math = (await makeMeasure(tx, { districtId, key: "math_composite", name: "Math composite", minValue: 0, maxValue: 100, screeningArea: "MATH" })).id;
    await tx.benchmark.createMany({
      data: [
        { districtId, measureId: measure.orf, grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 },
        { districtId, measureId: measure.math, grade: "G3", season: "FALL", benchmark: 40, riskCut: 25 },
        { districtId, measureId: measure.math, grade: "G4", season: "FALL", benchmark: 45 },
      ],
    });
    // Opens on the school year's first day, so it is never "upcoming" (a warning) whatever the day the test runs.
    fall = (await tx.screeningWindow.create({ data: { districtId, schoolYear: Y, season: "FALL", startDate: d(`${Y}-07-01`), endDate: d(`${Y}-07-15`) } })).id;
    const mk = async (localId: string, opts: { schoolId?: string; grade?: "G3" | "G4"; archived?: boolean } = {}) => {
      student[localId] = (
        await makeStudent(tx, { districtId, schoolId: opts.schoolId ?? north, localId, grade: opts.grade ?? "G3", legalLastName: localId, archivedAt: opts.archived ? new Date() : null })
      ).id;
    };
    for (const id of ["A1", "A2", "A3", "A4", "A5", "A6"]) await mk(id);
    await mk("G4KID", { grade: "G4" });
    await mk("ARC", { archived: true });
    await mk("SOUTH-1", { schoolId: south });
  });
  coordinator = await asOwner(async (tx) => makePerson(tx, { districtId, role: "COORDINATOR", schoolIds: [(await tx.school.findFirstOrThrow({ where: { districtId, name: "North" } })).id] }));
  // Saved before the files: A2's math score (to be replaced) and A3's (to be left unchanged).
  await asOwner((tx) =>
    tx.screeningScore.createMany({
      data: [
        { districtId, studentId: student.A2!, measureId: measure.math, windowId: fall, grade: "G3", score: 40, source: "GRID", enteredByUserId: coordinator.userId },
        { districtId, studentId: student.A3!, measureId: measure.math, windowId: fall, grade: "G3", score: 55, source: "GRID", enteredByUserId: coordinator.userId },
      ],
    }),
  );
});

beforeEach(() => signInAs(coordinator.ctx));

async function upload(text: string) {
  const form = new FormData();
  form.append("file", new File([text], "scores.csv", { type: "text/csv" }));
  form.append("unverifiedWindowId", fall);
  const id = (await redirectOf(uploadScreeningFile(null, form))).replace("/screening/imports/", "");
  const mapping = ["localId", "grade", `measure:${measure.orf}`, `measure:${measure.math}`];
  expect(await saveScreeningMapping(null, formOf({ unverifiedImportId: id, unverifiedWindowId: fall, ...Object.fromEntries(mapping.map((c, i) => [`col:${i}`, c])) }))).toMatchObject({ ok: true });
  return id;
}

async function apply(importId: string) {
  expect(await applyScreeningImport(null, formOf({ unverifiedImportId: importId }))).toMatchObject({ ok: true });
  await drainInlineJobs();
  return asOwner((tx) => tx.backgroundJob.findFirstOrThrow({ where: { entityId: importId, kind: "screening.apply" }, orderBy: { createdAt: "desc" } }));
}

/** The lookups as the per-row code read them before decision 054: students and saved scores by findMany, in JavaScript maps. */
async function referenceLookups(tx: Tx, localIds: readonly string[], measureIds: readonly string[]): Promise<PlanLookups> {
  const ctx = coordinator.ctx;
  const students = await tx.student.findMany({ where: { districtId, localId: { in: [...new Set(localIds)] }, schoolId: { in: ctx.schoolIds } }, select: { id: true, localId: true, grade: true, archivedAt: true } });
  const measureRows = await tx.measure.findMany({ where: { districtId, id: { in: [...measureIds] }, archivedAt: null, screeningArea: { not: null } } });
  const existing = await tx.screeningScore.findMany({ where: { districtId, studentId: { in: students.map((s) => s.id) }, measureId: { in: measureRows.map((m) => m.id) } } });
  const windows = await windowsIn(tx, districtId);
  const today = todayIso();
  return {
    studentByLocalId: new Map(students.map((s) => [s.localId, { id: s.id, grade: s.grade, archived: s.archivedAt !== null }])),
    measures: new Map(measureRows.map((m) => [m.id, measureOf(m)])),
    defaultWindow: windows.find((w) => w.id === fall) ?? null,
    schoolYear: schoolYearOf(today),
    windows,
    existing: new Map(existing.map((e) => [`${e.studentId}/${e.measureId}/${e.windowId}`, e.score])),
    benchmark: await benchmarkLookup(tx, districtId, measureRows.map((m) => m.id)),
    today,
  };
}

/** The dry run of an import as the app makes it now, and as the reference makes it. */
async function bothPlans(importId: string): Promise<{ now: FilePlan; before: FilePlan }> {
  const row = await asOwner((tx) => tx.screeningImport.findUniqueOrThrow({ where: { id: importId } }));
  return withTenant(districtId, async (tx) => {
    const now = (await planImport(tx, coordinator.ctx, row)).plan!;
    const parsed = parseScreeningCsv(row.content ?? "");
    if (!parsed.ok) throw new Error("the file does not parse");
    const mapping = row.mapping as ColumnMapping;
    const localIds = parsed.file.rows.map((r) => (r.cells[0] ?? "").trim()).filter(Boolean);
    const before = planScreeningFile(parsed.file, mapping, await referenceLookups(tx, localIds, [measure.orf, measure.math]));
    return { now, before };
  });
}

const scoresIn = () => asOwner((tx) => tx.screeningScore.findMany({ where: { districtId }, orderBy: { id: "asc" } }));

describe("the set-based apply of a screening file", () => {
  it("reports every kind of finding as the per-row plan did, on the file's lines, and writes nothing", async () => {
    // A quoted cell with a line break (line 8-9) moves every later row down a line: the lines are the editor's.
    const text = [
      "Student ID,Grade,ORF,Math Composite",
      "A1,3,90,44",
      "NOPE,3,90,44",
      "A2,3,,41",
      "A3,3,95,55",
      "A4,3,80,150",
      "A1,3,91,45",
      'A5,3,"7',
      '0",30',
      ",3,50,50",
      "ARC,3,50,50",
      "SOUTH-1,3,50,50",
      "A6,4,50,abc",
      "",
      "A5,3,70,",
    ].join("\n");
    const before = await scoresIn();
    const id = await upload(`${text}\n`);
    const plans = await bothPlans(id);
    expect(plans.now).toEqual(plans.before);
    const page = await getScreeningImport(coordinator.ctx, id);
    expect(page.report!.plan).toEqual(plans.before);
    expect(plans.now.problems.map((p) => [p.severity, p.line, p.column, p.value, p.message])).toEqual([
      ["error", 3, "Student ID", "NOPE", "No student of your schools has this local id."],
      ["error", 6, "Math Composite", "150", "Math composite scores are from 0 to 100."],
      ["error", 7, "ORF", "91", "This student already has a ORF score for this window on line 2."],
      ["error", 7, "Math Composite", "45", "This student already has a Math composite score for this window on line 2."],
      ["error", 8, "ORF", "7\n0", "The score must be a number (digits, with a decimal point if needed)."],
      ["error", 10, "Student ID", "", "The student’s local id is missing."],
      ["error", 11, "Student ID", "ARC", "This student is archived; restore them before entering scores."],
      ["error", 12, "Student ID", "SOUTH-1", "No student of your schools has this local id."],
      ["error", 13, "Math Composite", "abc", "The score must be a number (digits, with a decimal point if needed)."],
      ["warning", 4, "ORF", "", "No score in this cell: nothing is entered for this measure."],
      ["warning", 4, "Math Composite", "41", "Replaces the score 40 saved before."],
      ["warning", 13, "Grade", "4", "The student is in grade 3 in the app; the score is read against that grade’s benchmark."],
      ["warning", 15, "Math Composite", "", "No score in this cell: nothing is entered for this measure."],
    ]);
    expect(plans.now).toMatchObject({ errors: 9, warnings: 4, unchanged: 1 });
    const job = await apply(id);
    expect(job).toMatchObject({ status: "FAILED", errorMessage: "Nothing was saved: the dry run finds 9 errors. Correct the file and upload it again." });
    expect(await scoresIn()).toEqual(before);
  });

  it("writes the same scores, at the same risk levels, with the same audit events, and a re-upload updates instead of duplicating", async () => {
    // Windows line breaks and nothing quoted: the fast reading path (decision 054).
    const text = ["Student ID,Grade,ORF,Math Composite", "A1,3,90,44", "A2,3,,41", "A3,3,58,55", "A6,5,60,20", "G4KID,,70,50", ""].join("\r\n");
    const id = await upload(text);
    const { now, before } = await bothPlans(id);
    expect(now).toEqual(before);
    expect(now).toMatchObject({ errors: 0, unchanged: 1 });
    expect(now.writes.map((w) => [w.line, w.studentId, w.measureId, w.score, w.previous, w.level])).toEqual([
      [2, student.A1, measure.orf, 90, null, "AT_BENCHMARK"],
      [2, student.A1, measure.math, 44, null, "AT_BENCHMARK"],
      [3, student.A2, measure.math, 41, 40, "AT_BENCHMARK"],
      [4, student.A3, measure.orf, 58, null, "HIGH_RISK"],
      [5, student.A6, measure.orf, 60, null, "SOME_RISK"],
      [5, student.A6, measure.math, 20, null, "HIGH_RISK"],
      [6, student.G4KID, measure.orf, 70, null, null],
      [6, student.G4KID, measure.math, 50, null, "AT_BENCHMARK"],
    ]);
    const job = await apply(id);
    expect(job).toMatchObject({ status: "DONE", result: { created: 7, updated: 1, unchanged: 1, warnings: now.warnings } });

    const saved = await scoresIn();
    const bench = await withTenant(districtId, (tx) => benchmarkLookup(tx, districtId, [measure.orf, measure.math]));
    for (const w of now.writes) {
      const s = saved.find((x) => x.studentId === w.studentId && x.measureId === w.measureId && x.windowId === w.windowId)!;
      expect(s).toMatchObject({ score: w.score, grade: w.grade, source: "FILE", importId: id, enteredByUserId: coordinator.userId, version: w.previous === null ? 1 : 2 });
      expect(riskLevelOf("higher", s.score, bench(s.measureId, s.grade, "FALL"))).toBe(w.level);
    }
    expect(saved.find((x) => x.studentId === student.A3 && x.measureId === measure.math)).toMatchObject({ score: 55, version: 1, source: "GRID" });

    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, actorUserId: coordinator.userId, entityType: "ScreeningScore" } }));
    const expected = scoreAudits(coordinator.ctx, now.writes, { source: "file", importId: id });
    expect(events.map((e) => ({ action: e.action, studentId: e.studentId, detail: e.detail })).sort((a, b) => a.studentId!.localeCompare(b.studentId!))).toEqual(
      expected.map((e) => ({ action: e.action, studentId: e.studentId, detail: e.detail })).sort((a, b) => a.studentId!.localeCompare(b.studentId!)),
    );
    expect(events.find((e) => e.studentId === student.A2)?.action).toBe("update");
    const importEvent = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { districtId, entityType: "ScreeningImport", entityId: id, detail: { path: ["applied"], equals: true } } }));
    expect(importEvent.detail).toMatchObject({ applied: true, jobId: job.id, created: 7, updated: 1, unchanged: 1 });

    // The same file again: nothing to write. A corrected one: updates, one row per student, measure and window still.
    const again = await upload(text);
    expect((await bothPlans(again)).now).toMatchObject({ writes: [], unchanged: 9 });
    const corrected = await upload(text.replace("A1,3,90,44", "A1,3,91,44"));
    const plan = (await bothPlans(corrected)).now;
    expect(plan.writes.map((w) => [w.studentId, w.measureId, w.score, w.previous])).toEqual([[student.A1, measure.orf, 91, 90]]);
    expect(await apply(corrected)).toMatchObject({ status: "DONE", result: { created: 0, updated: 1, unchanged: 8 } });
    const after = await scoresIn();
    expect(after).toHaveLength(saved.length);
    expect(after.find((x) => x.studentId === student.A1 && x.measureId === measure.orf)).toMatchObject({ score: 91, version: 2, importId: corrected });
  });
});
