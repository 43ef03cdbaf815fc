import "server-only";
import { latestJobOf } from "@/server/jobs/status";
import { z } from "zod";
import { SEASON_LABEL, type BenchmarkCell, type Season } from "@/domain/benchmarks";
import type { Measure } from "@/domain/measures";
import { can, scopeOf, type Action } from "@/domain/permissions";
import {
  defaultWindow,
  riskLevelOf,
  schoolYearLabel,
  schoolYearOf,
  tierSuggestions,
  windowStatus,
  type RiskLevel,
  type TierSuggestion,
} from "@/domain/screening";
import { parseScreeningCsv, planScreeningFile, proposeMapping, type ColumnMapping, type FilePlan, type FileProblem, type WindowRef } from "@/domain/screening-file";
import { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentListName } from "@/server/caseloads/names";
import { toCsv } from "@/server/csv";
import { withTenant, type Tx } from "@/server/db/tenant";
import { readQuery, type SearchParams } from "@/server/search-params";
import { measureOf } from "@/server/measures/queries";
import { classIn, classStudentsIn, classSummariesIn } from "@/server/classes/roster";
import { classReach } from "@/server/reach";
import { GRADE_LABEL, GRADE_LEVELS, todayIso, type GradeLevel } from "@/server/students/schemas";
import { currentTiersOf } from "@/server/tiers/queries";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";
import { GRID_PAGE_SIZE, SUGGESTIONS_PAGE_SIZE } from "./schemas";

/** Other names export files give a default screener's column (proposeMapping compares them without case or punctuation). */
const SCREENER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  orf_wcpm: ["ORF", "WCPM", "ORF WCPM", "DORF", "DIBELS ORF", "ORF Words Correct", "Oral Reading Fluency", "ORF Accuracy WCPM", "Words Correct"],
  math_composite: ["Math Composite", "Math", "Composite", "Math Composite Score", "aMath", "Math Screener"],
};

export interface Screener {
  id: string;
  key: string;
  name: string;
  area: InterventionArea;
  measure: Measure;
}

/** The district's screening measures (measures with a screening area, not archived), by area then name. */
export async function screenersIn(tx: Tx, districtId: string): Promise<Screener[]> {
  const rows = await tx.measure.findMany({ where: { districtId, archivedAt: null, screeningArea: { not: null } }, orderBy: [{ screeningArea: "asc" }, { name: "asc" }] });
  return rows.map((r) => ({ id: r.id, key: r.key, name: r.name, area: r.screeningArea!, measure: measureOf(r) }));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The district's windows, oldest first. */
export async function windowsIn(tx: Tx, districtId: string): Promise<WindowRef[]> {
  const rows = await tx.screeningWindow.findMany({ where: { districtId }, orderBy: [{ schoolYear: "asc" }, { startDate: "asc" }] });
  return rows.map((w) => ({ id: w.id, season: w.season, schoolYear: w.schoolYear, startDate: iso(w.startDate), endDate: iso(w.endDate) }));
}

/** "Winter 2026-27". */
export const windowName = (w: Pick<WindowRef, "season" | "schoolYear">) => `${SEASON_LABEL[w.season]} ${schoolYearLabel(w.schoolYear)}`;

/** The benchmark cells of some measures, as a lookup by measure, grade and season. */
export async function benchmarkLookup(tx: Tx, districtId: string, measureIds: readonly string[]) {
  const rows = await tx.benchmark.findMany({ where: { districtId, measureId: { in: [...measureIds] } }, select: { measureId: true, grade: true, season: true, benchmark: true, riskCut: true } });
  const map = new Map(rows.map((r) => [`${r.measureId}/${r.grade}/${r.season}`, { benchmark: r.benchmark, riskCut: r.riskCut } satisfies BenchmarkCell]));
  return (measureId: string, grade: string, season: Season): BenchmarkCell | null => map.get(`${measureId}/${grade}/${season}`) ?? null;
}

/** The schools a person may pick for an action: theirs (or every school when they have none listed and the grant is school-wide). */
export async function schoolsFor(tx: Tx, ctx: Ctx, action: Action) {
  const scope = scopeOf(ctx.role, action);
  if (!scope) return [];
  const limited = scope === "school" && ctx.schoolIds.length > 0;
  return tx.school.findMany({ where: { districtId: ctx.districtId, archivedAt: null, ...(limited ? { id: { in: ctx.schoolIds } } : {}) }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

const uuid = (text: string | undefined) => (text && z.uuid().safeParse(text).success ? text : null);

/**
 * The screening pages' window and school filters as readQuery reads them
 * (issue 21): a value that is not an id at all is reported by the page's
 * FilterNotice and the default is shown. A well-formed id that is not one of
 * the district's windows or the person's schools names a record, and stays
 * not found (and logged as denied) like any other record (filtersFor).
 */
export const SCREENING_FILTERS = { window: z.uuid().optional(), school: z.uuid().optional() };

export interface Filters {
  windows: WindowRef[];
  window: WindowRef | null;
  schools: { id: string; name: string }[];
  school: { id: string; name: string } | null;
}

/**
 * The window and school a screening page shows: the ones named in the query
 * string, else the window open today (or the last closed) and the person's
 * first school. A window or school that is not the district's, or a school
 * outside the person's, is not found (and logged) like any other record.
 */
async function filtersFor(tx: Tx, ctx: Ctx, action: Action, params: { window?: string; school?: string }): Promise<Filters | { denied: { entityType: string; entityId: string } }> {
  const windows = await windowsIn(tx, ctx.districtId);
  const schools = await schoolsFor(tx, ctx, action);
  let window = defaultWindow(windows, todayIso());
  if (params.window) {
    window = windows.find((w) => w.id === uuid(params.window)) ?? null;
    if (!window) return { denied: { entityType: "ScreeningWindow", entityId: params.window.slice(0, 64) } };
  }
  let school = schools[0] ?? null;
  if (params.school) {
    school = schools.find((s) => s.id === uuid(params.school)) ?? null;
    if (!school) return { denied: { entityType: "School", entityId: params.school.slice(0, 64) } };
  }
  return { windows, window, schools, school };
}

// ------------------------------------------------------------------ overview

export interface MeasureSummary {
  screener: Screener;
  counts: Record<RiskLevel | "noBenchmark", number>;
}

/** The screening home: the window's counts per measure and risk level at the chosen school (no student is named). */
export async function getScreeningOverview(ctx: Ctx, params: { window?: string; school?: string }) {
  await authorizePage(ctx, "screening.view", { entityType: "ScreeningScore" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const filters = await filtersFor(tx, ctx, "screening.view", params);
    if ("denied" in filters) return filters;
    const screeners = await screenersIn(tx, ctx.districtId);
    const { window, school } = filters;
    if (!window || !school) return { filters, screeners, summaries: [], students: 0 };
    const students = await tx.student.count({ where: { districtId: ctx.districtId, schoolId: school.id, archivedAt: null } });
    const rows = await tx.screeningScore.findMany({
      where: { districtId: ctx.districtId, windowId: window.id, measureId: { in: screeners.map((s) => s.id) }, student: { schoolId: school.id, archivedAt: null } },
      select: { measureId: true, grade: true, score: true },
    });
    const bench = await benchmarkLookup(tx, ctx.districtId, screeners.map((s) => s.id));
    const summaries: MeasureSummary[] = screeners.map((screener) => {
      const counts = { AT_BENCHMARK: 0, SOME_RISK: 0, HIGH_RISK: 0, noBenchmark: 0 };
      for (const r of rows) {
        if (r.measureId !== screener.id) continue;
        const level = riskLevelOf(screener.measure.direction, r.score, bench(r.measureId, r.grade, window.season));
        counts[level ?? "noBenchmark"] += 1;
      }
      return { screener, counts };
    });
    return { filters, screeners, summaries, students };
  });
  if ("denied" in page) return pageNotFound(ctx, "screening.view", page.denied);
  return { ...page, canEnter: can(ctx, "screening.enter", { districtId: ctx.districtId }), canExport: can(ctx, "screening.export", { districtId: ctx.districtId }), canDecide: can(ctx, "tier.set", { districtId: ctx.districtId }) };
}

// ------------------------------------------------------------------ entry grid

export interface GridRow {
  id: string;
  name: string;
  localId: string;
  cells: { measureId: string; score: number | null; level: RiskLevel | null; hasBenchmark: boolean }[];
}

/**
 * One page of the entry grid: the students of a school and grade (by family
 * name), a column per screening measure, and their scores in the window with
 * each score's risk level. Each student shown is logged as viewed.
 */
export async function getScreeningGrid(ctx: Ctx, params: { window?: string; school?: string; grade?: string; page: number }) {
  await authorizePage(ctx, "screening.enter", { entityType: "ScreeningScore" });
  const grade = GRADE_LEVELS.find((g) => g === params.grade) ?? null;
  const page = await withTenant(ctx.districtId, async (tx) => {
    const filters = await filtersFor(tx, ctx, "screening.enter", params);
    if ("denied" in filters) return filters;
    const screeners = await screenersIn(tx, ctx.districtId);
    const { window, school } = filters;
    const grades = school
      ? (await tx.student.groupBy({ by: ["grade"], where: { districtId: ctx.districtId, schoolId: school.id, archivedAt: null } })).map((g) => g.grade).sort((a, b) => GRADE_LEVELS.indexOf(a) - GRADE_LEVELS.indexOf(b))
      : [];
    const chosenGrade = grade && grades.includes(grade) ? grade : (grades[0] ?? null);
    if (!window || !school || !chosenGrade) return { filters, screeners, grades, grade: chosenGrade, rows: [] as GridRow[], total: 0 };
    const where = { districtId: ctx.districtId, schoolId: school.id, grade: chosenGrade, archivedAt: null };
    const total = await tx.student.count({ where });
    const students = await tx.student.findMany({
      where,
      orderBy: [{ legalLastName: "asc" }, { legalFirstName: "asc" }, { id: "asc" }],
      skip: (params.page - 1) * GRID_PAGE_SIZE,
      take: GRID_PAGE_SIZE,
      select: { id: true, localId: true, ...STUDENT_NAME_SELECT },
    });
    const scores = await tx.screeningScore.findMany({
      where: { districtId: ctx.districtId, windowId: window.id, studentId: { in: students.map((s) => s.id) }, measureId: { in: screeners.map((s) => s.id) } },
      select: { studentId: true, measureId: true, score: true, grade: true },
    });
    const bench = await benchmarkLookup(tx, ctx.districtId, screeners.map((s) => s.id));
    const rows: GridRow[] = students.map((s) => ({
      id: s.id,
      name: studentListName(s),
      localId: s.localId,
      cells: screeners.map((m) => {
        const found = scores.find((x) => x.studentId === s.id && x.measureId === m.id);
        const cell = bench(m.id, found?.grade ?? chosenGrade, window.season);
        return { measureId: m.id, score: found?.score ?? null, level: found ? riskLevelOf(m.measure.direction, found.score, cell) : null, hasBenchmark: cell !== null };
      }),
    }));
    await recordAudit(
      tx,
      ...rows.map((r) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "ScreeningScore", studentId: r.id, detail: { page: "screening-grid", windowId: window.id } })),
    );
    return { filters, screeners, grades, grade: chosenGrade, rows, total };
  });
  if ("denied" in page) return pageNotFound(ctx, "screening.enter", page.denied);
  return page;
}

// ------------------------------------------------------------------ files

/**
 * What a plan of an import needs from the database, for the rows of this file
 * only (decision 054). The file's local ids are matched to the students the
 * uploader reaches with one INSERT ... SELECT FROM unnest (a hash join on the
 * district's students) into a TEMP table of the transaction (ON
 * COMMIT DROP: gone with it, invisible to any other session), and the scores
 * already saved for those students are read with one join against it,
 * instead of sending the 50,000 ids back as a second array parameter and
 * filtering every saved score of the measure (every window's) by it.
 */
async function lookupsFor(tx: Tx, ctx: Ctx, localIds: readonly string[], measureIds: readonly string[], defaultWindowId: string | null) {
  const windows = await windowsIn(tx, ctx.districtId);
  const scope = scopeOf(ctx.role, "screening.enter");
  const limited = scope === "school" && ctx.schoolIds.length > 0;
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS screening_file_student`);
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE screening_file_student (id uuid NOT NULL, local_id text NOT NULL, grade text NOT NULL, archived boolean NOT NULL) ON COMMIT DROP`);
  // One statement: a file holds at most MAX_SCREENING_ROWS ids (about 0.5 MB as one text[] parameter).
  await tx.$executeRaw`
    INSERT INTO screening_file_student
    SELECT s."id", s."localId", s."grade"::text, s."archivedAt" IS NOT NULL
    FROM unnest(${[...new Set(localIds)]}::text[]) AS f(local_id)
    JOIN "Student" s ON s."districtId" = ${ctx.districtId}::uuid AND s."localId" = f.local_id
    WHERE ${!limited} OR s."schoolId" = ANY(${ctx.schoolIds}::uuid[])`;
  // Autovacuum never analyses temp tables: without statistics the join below is planned for a few rows.
  await tx.$executeRawUnsafe(`ANALYZE screening_file_student`);
  const students = await tx.$queryRaw<{ id: string; local_id: string; grade: string; archived: boolean }[]>`
    SELECT "id"::text, local_id, grade, archived FROM screening_file_student`;
  const measureRows = await tx.measure.findMany({ where: { districtId: ctx.districtId, id: { in: [...measureIds] }, archivedAt: null, screeningArea: { not: null } } });
  const existing = await tx.$queryRaw<{ studentId: string; measureId: string; windowId: string; score: number }[]>`
    SELECT sc."studentId"::text, sc."measureId"::text, sc."windowId"::text, sc."score"
    FROM screening_file_student f JOIN "ScreeningScore" sc ON sc."districtId" = ${ctx.districtId}::uuid AND sc."studentId" = f."id"
    WHERE sc."measureId" = ANY(${measureRows.map((m) => m.id)}::uuid[])`;
  const today = todayIso();
  return {
    studentByLocalId: new Map(students.map((s) => [s.local_id, { id: s.id, grade: s.grade, archived: s.archived }])),
    measures: new Map(measureRows.map((m) => [m.id, measureOf(m)])),
    defaultWindow: windows.find((w) => w.id === defaultWindowId) ?? null,
    schoolYear: schoolYearOf(today),
    windows,
    existing: new Map(existing.map((e) => [`${e.studentId}/${e.measureId}/${e.windowId}`, e.score])),
    benchmark: await benchmarkLookup(tx, ctx.districtId, measureRows.map((m) => m.id)),
    today,
  };
}

const measureIdsOf = (mapping: ColumnMapping) => mapping.flatMap((t) => (t.startsWith("measure:") && uuid(t.slice(8)) ? [t.slice(8)] : []));

/**
 * The dry run of an import: its file read with its mapping and checked row by
 * row (src/domain/screening-file.ts). Applying calls this same function inside
 * its transaction and writes exactly `plan.writes`, so what the report says is
 * what happens.
 */
export async function planImport(
  tx: Tx,
  ctx: Ctx,
  row: { content: string | null; mapping: unknown; windowId: string | null },
  parsed = parseScreeningCsv(row.content ?? ""),
): Promise<{ headers: string[]; plan: FilePlan | null; fileProblems: FileProblem[] }> {
  if (!parsed.ok) return { headers: [], plan: null, fileProblems: parsed.problems };
  const mapping = (Array.isArray(row.mapping) ? row.mapping : []) as ColumnMapping;
  if (mapping.length === 0) return { headers: parsed.file.headers, plan: null, fileProblems: [] };
  const idCol = mapping.indexOf("localId");
  const localIds = idCol >= 0 ? parsed.file.rows.map((r) => (r.cells[idCol] ?? "").trim()).filter(Boolean) : [];
  const lookups = await lookupsFor(tx, ctx, localIds, measureIdsOf(mapping), row.windowId);
  return { headers: parsed.file.headers, plan: planScreeningFile(parsed.file, mapping, lookups), fileProblems: [] };
}

/** An import by this person (nobody else sees another's upload), or null. */
export async function importOf(tx: Tx, ctx: Ctx, unverifiedImportId: string) {
  const id = uuid(unverifiedImportId);
  if (!id) return null;
  return tx.screeningImport.findFirst({ where: { id, districtId: ctx.districtId, uploadedByUserId: ctx.userId } });
}

/** The mapping screen and dry-run report of one of the person's imports. */
export async function getScreeningImport(ctx: Ctx, unverifiedImportId: string) {
  await authorizePage(ctx, "screening.enter", { entityType: "ScreeningImport" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const row = await importOf(tx, ctx, unverifiedImportId);
    if (!row) return null;
    const screeners = await screenersIn(tx, ctx.districtId);
    const windows = await windowsIn(tx, ctx.districtId);
    if (row.status === "APPLIED") return { row, screeners, windows, headers: [], proposed: [] as ColumnMapping, sample: [] as string[][], report: null, job: await latestJobOf(tx, ctx.districtId, "ScreeningImport", row.id) };
    const parsed = parseScreeningCsv(row.content ?? "");
    const headers = parsed.ok ? parsed.file.headers : [];
    const proposed = proposeMapping(headers, screeners.map((s) => ({ id: s.id, key: s.key, name: s.name, aliases: SCREENER_ALIASES[s.key] ?? [] })));
    const sample = parsed.ok ? parsed.file.rows.slice(0, 3).map((r) => r.cells) : [];
    const report = row.mapping ? await planImport(tx, ctx, row, parsed) : parsed.ok ? null : { headers, plan: null, fileProblems: parsed.problems };
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "ScreeningImport", entityId: row.id, detail: { rows: row.dataRows } });
    return { row, screeners, windows, headers, proposed, sample, report, job: await latestJobOf(tx, ctx.districtId, "ScreeningImport", row.id) };
  });
  if (!page) return pageNotFound(ctx, "screening.enter", { entityType: "ScreeningImport", entityId: unverifiedImportId.slice(0, 64) });
  return page;
}

/** The progress of the apply of one of the person's files, polled by its page: counts only, not audited as a view. */
export async function screeningJobStatus(ctx: Ctx, unverifiedImportId: string) {
  await authorizePage(ctx, "screening.enter", { entityType: "ScreeningImport" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const row = await importOf(tx, ctx, unverifiedImportId);
    return row ? { status: row.status, job: await latestJobOf(tx, ctx.districtId, "ScreeningImport", row.id) } : null;
  });
  if (!found) return pageNotFound(ctx, "screening.enter", { entityType: "ScreeningImport", entityId: unverifiedImportId.slice(0, 64) });
  return found;
}

/** The upload form: the windows to choose from (the one open today first chosen). */
export async function getScreeningUploadPage(ctx: Ctx) {
  await authorizePage(ctx, "screening.enter", { entityType: "ScreeningImport" });
  return withTenant(ctx.districtId, async (tx) => {
    const windows = await windowsIn(tx, ctx.districtId);
    const recent = await tx.screeningImport.findMany({
      where: { districtId: ctx.districtId, uploadedByUserId: ctx.userId },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, filename: true, status: true, dataRows: true, createdAt: true, appliedAt: true },
    });
    return { windows, chosen: defaultWindow(windows, todayIso()), recent, screeners: await screenersIn(tx, ctx.districtId) };
  });
}

// ------------------------------------------------------------------ suggestions

export interface SuggestionRow extends TierSuggestion<InterventionArea> {
  name: string;
  localId: string;
  grade: GradeLevel;
  scores: { measureName: string; score: number; level: RiskLevel | null }[];
  currentSince: string | null;
}

/**
 * The students whose screening in a window suggests a different tier than
 * their current one, per area (src/domain/screening.ts): at the given schools
 * (null = every school), optionally only some students. One pass over the
 * window's scores, then the current tiers of those students.
 */
export async function suggestionsIn(tx: Tx, districtId: string, window: WindowRef, schoolIds: readonly string[] | null, onlyStudentIds?: readonly string[]): Promise<SuggestionRow[]> {
  const screeners = await screenersIn(tx, districtId);
  if (screeners.length === 0) return [];
  const rows = await tx.$queryRaw<{ studentId: string; measureId: string; score: number; grade: GradeLevel; localId: string; legalFirstName: string; legalLastName: string; preferredName: string | null; studentGrade: GradeLevel }[]>`
    SELECT sc."studentId"::text AS "studentId", sc."measureId"::text AS "measureId", sc."score", sc."grade"::text AS "grade",
           s."localId", s."legalFirstName", s."legalLastName", s."preferredName", s."grade"::text AS "studentGrade"
    FROM "ScreeningScore" sc JOIN "Student" s ON s."districtId" = sc."districtId" AND s."id" = sc."studentId"
    WHERE sc."districtId" = ${districtId}::uuid AND sc."windowId" = ${window.id}::uuid AND s."archivedAt" IS NULL
      AND sc."measureId" = ANY(${screeners.map((m) => m.id)}::uuid[])
      ${schoolIds ? Prisma.sql`AND s."schoolId" = ANY(${[...schoolIds]}::uuid[])` : Prisma.empty}
      ${onlyStudentIds ? Prisma.sql`AND s."id" = ANY(${[...onlyStudentIds]}::uuid[])` : Prisma.empty}
    ORDER BY s."legalLastName", s."legalFirstName", s."id"`;
  const bench = await benchmarkLookup(tx, districtId, screeners.map((s) => s.id));
  const byId = new Map(screeners.map((s) => [s.id, s]));
  const studentIds = [...new Set(rows.map((r) => r.studentId))];
  const current = await currentTiersOf(tx, districtId, studentIds);
  const since = await currentSinceOf(tx, districtId, studentIds);
  const perArea = new Map<string, { studentId: string; area: InterventionArea; scores: SuggestionRow["scores"] }>();
  for (const r of rows) {
    const screener = byId.get(r.measureId)!;
    const level = riskLevelOf(screener.measure.direction, r.score, bench(r.measureId, r.grade, window.season));
    const key = `${r.studentId}/${screener.area}`;
    const entry = perArea.get(key) ?? { studentId: r.studentId, area: screener.area, scores: [] };
    entry.scores.push({ measureName: screener.name, score: r.score, level });
    perArea.set(key, entry);
  }
  const suggestions = tierSuggestions(
    [...perArea.values()].map((e) => ({
      studentId: e.studentId,
      area: e.area,
      levels: e.scores.map((s) => s.level),
      currentTier: (current.get(e.studentId)?.find((t) => t.area === e.area)?.tier ?? null) as TierLevel | null,
    })),
  );
  const student = new Map(rows.map((r) => [r.studentId, r]));
  return suggestions.map((s) => {
    const r = student.get(s.studentId)!;
    return {
      ...s,
      name: studentListName(r),
      localId: r.localId,
      grade: r.studentGrade,
      scores: perArea.get(`${s.studentId}/${s.area}`)!.scores,
      currentSince: since.get(`${s.studentId}/${s.area}`) ?? null,
    };
  });
}

/** The day each student's current tier per area took effect, by `${studentId}/${area}`. */
async function currentSinceOf(tx: Tx, districtId: string, studentIds: readonly string[]): Promise<Map<string, string>> {
  if (studentIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ key: string; since: string }[]>`
    SELECT DISTINCT ON (st."studentId", st."area") st."studentId"::text || '/' || st."area"::text AS "key", to_char(st."effectiveDate", 'YYYY-MM-DD') AS "since"
    FROM "StudentTier" st
    WHERE st."districtId" = ${districtId}::uuid AND st."studentId" = ANY(${[...studentIds]}::uuid[]) AND st."effectiveDate" <= ${todayIso()}::date
    ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC`;
  return new Map(rows.map((r) => [r.key, r.since]));
}

/** The schools a person's lists cover for an action: null = every school. */
export function schoolIdsInScope(ctx: Ctx, action: Action): string[] | null {
  return scopeOf(ctx.role, action) === "school" && ctx.schoolIds.length ? ctx.schoolIds : null;
}

/** The suggestions page: one page of the list at the chosen school, each student shown logged as viewed. */
export async function getScreeningSuggestions(ctx: Ctx, params: { window?: string; school?: string; page: number }) {
  await authorizePage(ctx, "tier.set", { entityType: "StudentTier" });
  await authorizePage(ctx, "screening.view", { entityType: "ScreeningScore" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const filters = await filtersFor(tx, ctx, "tier.set", params);
    if ("denied" in filters) return filters;
    const { window, school } = filters;
    if (!window || !school) return { filters, rows: [] as SuggestionRow[], total: 0, status: null };
    const all = await suggestionsIn(tx, ctx.districtId, window, [school.id]);
    const rows = all.slice((params.page - 1) * SUGGESTIONS_PAGE_SIZE, params.page * SUGGESTIONS_PAGE_SIZE);
    const seen = [...new Set(rows.map((r) => r.studentId))];
    await recordAudit(tx, ...seen.map((studentId) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "ScreeningScore", studentId, detail: { page: "screening-suggestions", windowId: window.id } })));
    return { filters, rows, total: all.length, status: windowStatus(window, todayIso()) };
  });
  if ("denied" in page) return pageNotFound(ctx, "tier.set", page.denied);
  return page;
}

// ------------------------------------------------------------------ export

/** The export's columns; parsed back by the upload (local_id, window, a column per measure is the other shape; this one is long). */
export const EXPORT_COLUMNS = ["local_id", "last_name", "first_name", "school", "grade", "window", "measure_key", "measure", "score", "risk_level", "entered_on"] as const;

/** A window's scores at the person's schools (or one of them) as CSV; the download is audited with its row count. */
export async function exportScreeningCsv(ctx: Ctx, params: { window?: string; school?: string }) {
  await authorizePage(ctx, "screening.export", { entityType: "ScreeningScore" });
  const file = await withTenant(ctx.districtId, async (tx) => {
    const filters = await filtersFor(tx, ctx, "screening.export", { window: params.window, school: params.school });
    if ("denied" in filters) return filters;
    const { window } = filters;
    const schoolIds = params.school ? [filters.school!.id] : schoolIdsInScope(ctx, "screening.export");
    if (!window) return { filename: "screening.csv", csv: toCsv([EXPORT_COLUMNS]), rows: 0 };
    const screeners = await screenersIn(tx, ctx.districtId);
    const scores = await tx.screeningScore.findMany({
      where: { districtId: ctx.districtId, windowId: window.id, measureId: { in: screeners.map((s) => s.id) }, student: { archivedAt: null, ...(schoolIds ? { schoolId: { in: schoolIds } } : {}) } },
      select: { score: true, grade: true, measureId: true, studentId: true, updatedAt: true, student: { select: { localId: true, legalFirstName: true, legalLastName: true, school: { select: { name: true } } } } },
      orderBy: [{ student: { legalLastName: "asc" } }, { student: { legalFirstName: "asc" } }, { studentId: "asc" }, { measureId: "asc" }],
    });
    const bench = await benchmarkLookup(tx, ctx.districtId, screeners.map((s) => s.id));
    const byId = new Map(screeners.map((s) => [s.id, s]));
    const lines = scores.map((s) => {
      const m = byId.get(s.measureId)!;
      const level = riskLevelOf(m.measure.direction, s.score, bench(s.measureId, s.grade, window.season));
      return [s.student.localId, s.student.legalLastName, s.student.legalFirstName, s.student.school.name, GRADE_LABEL[s.grade], windowName(window), m.key, m.name, s.score, level ? level.toLowerCase() : "no benchmark", iso(s.updatedAt)];
    });
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "export", entityType: "ScreeningScore", detail: { windowId: window.id, schoolIds: schoolIds ?? "all", rows: lines.length }, studentIds: scores.map((s) => s.studentId) });
    return { filename: `screening-${window.season.toLowerCase()}-${schoolYearLabel(window.schoolYear)}.csv`, csv: toCsv([EXPORT_COLUMNS, ...lines]), rows: lines.length };
  });
  if ("denied" in file) return pageNotFound(ctx, "screening.export", file.denied);
  return file;
}

// ------------------------------------------------------------------ administration

/**
 * The district's windows of one school year and every measure with its
 * screening area (administrators). `?year=` is a school year within ten of
 * this one; another value is reported (notUnderstood) and this year is shown.
 */
export async function getScreeningSettings(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "screening.manage", { entityType: "ScreeningWindow" });
  const thisYear = schoolYearOf(todayIso());
  const yearKey = z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .refine((y) => Math.abs(y - thisYear) <= 10)
    .default(thisYear);
  const { values, notUnderstood } = readQuery({ year: yearKey }, params);
  const year = values.year;
  return withTenant(ctx.districtId, async (tx) => {
    const windows = (await windowsIn(tx, ctx.districtId)).filter((w) => w.schoolYear === year);
    const measures = await tx.measure.findMany({ where: { districtId: ctx.districtId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, screeningArea: true } });
    const counts = await tx.screeningScore.groupBy({ by: ["windowId"], where: { districtId: ctx.districtId, windowId: { in: windows.map((w) => w.id) } }, _count: { _all: true } });
    return { year, thisYear, notUnderstood, windows, measures, scoreCounts: new Map(counts.map((c) => [c.windowId, c._count._all])) };
  });
}

// ------------------------------------------------------------------ entry by class (decision 020)

/**
 * The classes a person may enter scores for by class: a teacher's own
 * classes, or every class of the person's schools (the district's for a
 * district-wide grant). No student is named.
 */
export async function getScreeningClasses(ctx: Ctx) {
  await authorizePage(ctx, "screening.enterClass", { entityType: "SchoolClass" });
  const scope = scopeOf(ctx.role, "screening.enterClass");
  return withTenant(ctx.districtId, (tx) =>
    classSummariesIn(tx, ctx, scope === "caseload" ? { teaching: true } : { schoolIds: scope === "school" && ctx.schoolIds.length ? ctx.schoolIds : null }),
  );
}

/**
 * The entry grid of one class: its current students (by family name), a
 * column per screening measure, their scores in the window with each score's
 * risk level. A class the person may not enter scores for is not found (and
 * logged); each student shown is logged as viewed.
 */
export async function getClassScreeningGrid(ctx: Ctx, unverifiedClassId: string, params: { window?: string }) {
  await authorizePage(ctx, "screening.enterClass", { entityType: "ScreeningScore" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const cls = await classIn(tx, ctx.districtId, unverifiedClassId);
    if (!cls || !can(ctx, "screening.enterClass", await classReach(tx, ctx, cls))) return { denied: { entityType: "SchoolClass", entityId: unverifiedClassId.slice(0, 64) } };
    const windows = await windowsIn(tx, ctx.districtId);
    let window = defaultWindow(windows, todayIso());
    if (params.window) {
      window = windows.find((w) => w.id === uuid(params.window)) ?? null;
      if (!window) return { denied: { entityType: "ScreeningWindow", entityId: params.window.slice(0, 64) } };
    }
    const screeners = await screenersIn(tx, ctx.districtId);
    const students = await classStudentsIn(tx, ctx.districtId, cls.id);
    const cls2 = { id: cls.id, title: cls.title, code: cls.classCode ?? cls.courseCode, schoolName: cls.school.name };
    if (!window) return { cls: cls2, windows, window, screeners, rows: [] as GridRow[] };
    const scores = await tx.screeningScore.findMany({
      where: { districtId: ctx.districtId, windowId: window.id, studentId: { in: students.map((s) => s.id) }, measureId: { in: screeners.map((s) => s.id) } },
      select: { studentId: true, measureId: true, score: true, grade: true },
    });
    const bench = await benchmarkLookup(tx, ctx.districtId, screeners.map((s) => s.id));
    const rows: GridRow[] = students.map((s) => ({
      id: s.id,
      name: studentListName(s),
      localId: s.localId,
      cells: screeners.map((m) => {
        const found = scores.find((x) => x.studentId === s.id && x.measureId === m.id);
        const cell = bench(m.id, found?.grade ?? s.grade, window.season);
        return { measureId: m.id, score: found?.score ?? null, level: found ? riskLevelOf(m.measure.direction, found.score, cell) : null, hasBenchmark: cell !== null };
      }),
    }));
    await recordAudit(
      tx,
      ...rows.map((r) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "ScreeningScore", studentId: r.id, detail: { page: "screening-class-grid", windowId: window.id, classId: cls.id } })),
    );
    return { cls: cls2, windows, window, screeners, rows };
  });
  if ("denied" in page && page.denied) return pageNotFound(ctx, "screening.enterClass", page.denied);
  if (!("cls" in page) || !page.cls) throw new Error("unreachable: a class grid without its class");
  return page;
}
