"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { SEASON_LABEL, SEASONS, type Season } from "@/domain/benchmarks";
import { can } from "@/domain/permissions";
import { screeningReason, windowProblems, type WindowDates } from "@/domain/screening";
import { decodeFile, MAX_SCREENING_FILE_BYTES, parseScreeningCsv, readScreeningScore, type ColumnTarget } from "@/domain/screening-file";
import { Prisma } from "@/generated/prisma/client";
import { formToObject, NOT_A_FORM_REFUSAL, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { todayIso } from "@/server/students/schemas";
import { dispatchJob, enqueueJob } from "@/server/jobs/queue";
import { recordTierDecision } from "@/server/tiers/record";
import { classIn, classStudentsIn } from "@/server/classes/roster";
import { classReach } from "@/server/reach";
import { importOf, screenersIn, suggestionsIn, windowName, windowsIn } from "./queries";
import { scoreAudits, upsertScores, type ScoreWrite } from "./scores";
import {
  cellFieldName,
  formToCells,
  formToMapping,
  formToMeasureAreas,
  ZApplyScreeningImportInput,
  ZConfirmScreeningTiersInput,
  ZSaveScreeningMappingInput,
  ZSaveScreeningMeasuresInput,
  ZSaveClassScreeningScoresInput,
  ZSaveScreeningScoresInput,
  type TSaveScreeningScoresInput,
  ZSaveScreeningWindowsInput,
  ZUploadScreeningFileInput,
} from "./schemas";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isUuid = (text: string) => z.uuid().safeParse(text).success;

// ------------------------------------------------------------------ the grid

/**
 * Checks and writes a grid's typed cells for students already found in reach
 * (`found`, with the grade each score is kept under): every cell is checked
 * first and nothing is saved if any is wrong. Shared by the school-and-grade
 * grid and the class grid (decision 020).
 */
async function saveCells(
  tx: Tx,
  ctx: Ctx,
  window: { id: string; season: Season; schoolYear: number },
  found: Map<string, { grade: string }>,
  cells: TSaveScreeningScoresInput["cells"],
  detail: Record<string, unknown>,
): Promise<string> {
  const screeners = new Map((await screenersIn(tx, ctx.districtId)).map((s) => [s.id, s]));
  const saved = await tx.screeningScore.findMany({
    where: { districtId: ctx.districtId, windowId: window.id, studentId: { in: [...found.keys()] } },
    select: { studentId: true, measureId: true, score: true },
  });
  const savedOf = (s: string, m: string) => saved.find((x) => x.studentId === s && x.measureId === m)?.score ?? null;

  const fieldErrors: Record<string, string[]> = {};
  const writes: (ScoreWrite & { previous: number | null })[] = [];
  for (const cell of cells) {
    const screener = screeners.get(cell.unverifiedMeasureId);
    const field = cellFieldName("score", cell.unverifiedStudentId, cell.unverifiedMeasureId);
    if (!screener) {
      fieldErrors[field] = ["This measure is no longer a screening measure; reload the page."];
      continue;
    }
    const read = readScreeningScore(screener.measure, cell.value);
    if (!read.ok) {
      fieldErrors[field] = [read.problem];
      continue;
    }
    if (read.value === null) continue;
    const now = savedOf(cell.unverifiedStudentId, screener.id);
    const was = cell.was.trim() === "" ? null : Number(cell.was);
    if (now !== was && now !== read.value) {
      fieldErrors[field] = [`Someone saved ${now ?? "no score"} here after you opened the page; check it and enter the score again.`];
      continue;
    }
    if (now === read.value) continue;
    writes.push({ studentId: cell.unverifiedStudentId, measureId: screener.id, windowId: window.id, grade: found.get(cell.unverifiedStudentId)!.grade, score: read.value, previous: now });
  }
  const bad = Object.keys(fieldErrors).length;
  if (bad) throw new AppError("INVALID_INPUT", `Nothing was saved: ${plural(bad, "score has a problem", "scores have problems")}.`, fieldErrors);
  await upsertScores(tx, ctx, writes, "GRID", null);
  await recordAudit(tx, ...scoreAudits(ctx, writes, detail));
  return writes.length ? `${plural(writes.length, "score")} saved for ${windowName(window)}.` : "No scores changed.";
}

/**
 * Saves one page of the entry grid: every typed score is checked first
 * (a number in the measure's range, for a student of the school and grade
 * shown, not changed by someone else since the page was opened) and nothing
 * is saved if any cell is wrong. A blank cell leaves the saved score as it is.
 */
export async function saveScreeningScores(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("saveScreeningScores", ZSaveScreeningScoresInput, formToCells(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.enter", { entityType: "ScreeningScore" });
    return withTenant(ctx.districtId, async (tx) => {
      const school = isUuid(input.unverifiedSchoolId) ? await tx.school.findFirst({ where: { id: input.unverifiedSchoolId, districtId: ctx.districtId }, select: { id: true } }) : null;
      if (!school) throw new DeniedError("screening.enter", { entityType: "School", entityId: input.unverifiedSchoolId.slice(0, 64) });
      authorizeAction(ctx, "screening.enter", { entityType: "School", entityId: school.id, schoolId: school.id });
      const window = (await windowsIn(tx, ctx.districtId)).find((w) => w.id === input.unverifiedWindowId);
      if (!window) throw new DeniedError("screening.enter", { entityType: "ScreeningWindow", entityId: input.unverifiedWindowId.slice(0, 64) });
      const studentIds = [...new Set(input.cells.map((c) => c.unverifiedStudentId))];
      const students = await tx.student.findMany({
        where: { districtId: ctx.districtId, id: { in: studentIds.filter(isUuid) }, schoolId: school.id, grade: input.grade, archivedAt: null },
        select: { id: true, grade: true },
      });
      const found = new Map(students.map((s) => [s.id, s]));
      const missing = studentIds.find((id) => !found.has(id));
      if (missing) throw new DeniedError("screening.enter", { entityType: "Student", entityId: missing.slice(0, 64), studentId: isUuid(missing) ? missing : null });
      return saveCells(tx, ctx, window, found, input.cells, { source: "grid" });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/screening", "layout");
  return { ok: true, message: result.data };
}

/**
 * Saves the class grid (decision 020): as saveScreeningScores, for the
 * students currently enrolled in a class the person may enter scores for
 * (a teacher's own class; any class of a coordinator's or specialist's
 * schools). A student not on the class roster is refused like a record out of
 * reach, and nothing is saved.
 */
export async function saveClassScreeningScores(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("saveClassScreeningScores", ZSaveClassScreeningScoresInput, formToCells(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.enterClass", { entityType: "ScreeningScore" });
    return withTenant(ctx.districtId, async (tx) => {
      const cls = await classIn(tx, ctx.districtId, input.unverifiedClassId);
      if (!cls) throw new DeniedError("screening.enterClass", { entityType: "SchoolClass", entityId: input.unverifiedClassId.slice(0, 64) });
      authorizeAction(ctx, "screening.enterClass", { entityType: "SchoolClass", entityId: cls.id, ...(await classReach(tx, ctx, cls)) });
      const window = (await windowsIn(tx, ctx.districtId)).find((w) => w.id === input.unverifiedWindowId);
      if (!window) throw new DeniedError("screening.enterClass", { entityType: "ScreeningWindow", entityId: input.unverifiedWindowId.slice(0, 64) });
      const found = new Map((await classStudentsIn(tx, ctx.districtId, cls.id)).map((s) => [s.id, s]));
      const missing = [...new Set(input.cells.map((c) => c.unverifiedStudentId))].find((id) => !found.has(id));
      if (missing) throw new DeniedError("screening.enterClass", { entityType: "Student", entityId: missing.slice(0, 64), studentId: isUuid(missing) ? missing : null });
      return saveCells(tx, ctx, window, found, input.cells, { source: "grid", classId: cls.id });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/screening", "layout");
  return { ok: true, message: result.data };
}

// ------------------------------------------------------------------ files

/** Reads an uploaded file through its stream, refusing it as soon as it passes the size limit. */
async function readLimited(file: File): Promise<Uint8Array> {
  const reader = file.stream().getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_SCREENING_FILE_BYTES) {
      await reader.cancel();
      throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { file: [`The file is larger than ${MAX_SCREENING_FILE_BYTES / 1_000_000} MB. Upload the scores in smaller files.`] });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Keeps an uploaded file of scores for its dry run: it must be UTF-8 CSV with
 * a header row; the app proposes a column mapping from the headers, and the
 * person goes on to confirm it (nothing is saved to any student yet).
 */
export async function uploadScreeningFile(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const fields = { file: form.get("file"), ...(form.has("unverifiedWindowId") ? { unverifiedWindowId: String(form.get("unverifiedWindowId")) } : {}) };
  const result = await runAction("uploadScreeningFile", ZUploadScreeningFileInput, fields, async (ctx, input) => {
    authorizeAction(ctx, "screening.enter", { entityType: "ScreeningImport" });
    const decoded = decodeFile(await readLimited(input.file));
    if (!decoded.ok) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { file: [`Line ${decoded.problem.line}: ${decoded.problem.message}`] });
    const parsed = parseScreeningCsv(decoded.text);
    if (!parsed.ok) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { file: parsed.problems.slice(0, 10).map((p) => `Line ${p.line}: ${p.message}`) });
    return withTenant(ctx.districtId, async (tx) => {
      const windows = await windowsIn(tx, ctx.districtId);
      const windowId = input.unverifiedWindowId && windows.some((w) => w.id === input.unverifiedWindowId) ? input.unverifiedWindowId : null;
      if (input.unverifiedWindowId && !windowId) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { unverifiedWindowId: ["Choose a window from the list."] });
      const row = await tx.screeningImport.create({
        data: {
          districtId: ctx.districtId,
          uploadedByUserId: ctx.userId,
          // The name as the person's computer had it, cut short and without path or control characters.
          filename: (input.file.name.split(/[\\/]/).at(-1) ?? "scores.csv").replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "scores.csv",
          content: decoded.text,
          windowId,
          dataRows: parsed.file.rows.length,
          // Shown on the file's page: names in a converted file are worth a look (decision 019).
          encodingNote: decoded.note,
        },
        select: { id: true },
      });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "ScreeningImport", entityId: row.id, detail: { rows: parsed.file.rows.length, bytes: input.file.size, converted: decoded.note !== null } });
      return row.id;
    });
  });
  if (!result.ok) return result;
  redirect(`/screening/imports/${result.data}`);
}

/**
 * Saves the column mapping (and the window of rows without one) the person
 * confirmed; the page then shows the dry run. Each choice must be one the
 * form offers: the id, window or grade column, a screening measure, or ignore.
 */
export async function saveScreeningMapping(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("saveScreeningMapping", ZSaveScreeningMappingInput, formToMapping(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.enter", { entityType: "ScreeningImport" });
    return withTenant(ctx.districtId, async (tx) => {
      const row = await importOf(tx, ctx, input.unverifiedImportId);
      if (!row) throw new DeniedError("screening.enter", { entityType: "ScreeningImport", entityId: input.unverifiedImportId.slice(0, 64) });
      if (row.status === "APPLIED") throw new AppError("CONFLICT", "This file has been applied already; upload it again to enter its scores anew.");
      const parsed = parseScreeningCsv(row.content ?? "");
      if (!parsed.ok) throw new AppError("INVALID_INPUT", "The file cannot be read; upload it again.");
      const screeners = new Set((await screenersIn(tx, ctx.districtId)).map((s) => s.id));
      const fieldErrors: Record<string, string[]> = {};
      const mapping: ColumnTarget[] = parsed.file.headers.map((_, i) => {
        const choice = input.columns[i] ?? "ignore";
        if (choice === "localId" || choice === "window" || choice === "grade" || choice === "ignore") return choice;
        if (choice.startsWith("measure:") && screeners.has(choice.slice(8))) return choice as ColumnTarget;
        fieldErrors[`col:${i}`] = ["Choose from the list."];
        return "ignore";
      });
      if (input.columns.length !== parsed.file.headers.length) fieldErrors._form = ["Map every column of the file."];
      const windowId = input.unverifiedWindowId === "" ? null : input.unverifiedWindowId;
      if (windowId && !(await windowsIn(tx, ctx.districtId)).some((w) => w.id === windowId)) fieldErrors.unverifiedWindowId = ["Choose a window from the list."];
      if (Object.keys(fieldErrors).length) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", fieldErrors);
      await tx.screeningImport.update({ where: { id: row.id }, data: { mapping, windowId } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ScreeningImport", entityId: row.id, detail: { mapping, windowId } });
      return row.id;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/screening/imports/${result.data}`);
  return { ok: true, message: "Mapping saved. Read the dry run below before you apply the file." };
}

/**
 * Applies a file in the background (decision 021): the job makes the dry run
 * again inside one transaction and, if it finds no error, writes exactly its
 * scores, or nothing at all. The page follows the job's progress.
 */
export async function applyScreeningImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("applyScreeningImport", ZApplyScreeningImportInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.enter", { entityType: "ScreeningImport" });
    const job = await withTenant(ctx.districtId, async (tx) => {
      const row = await importOf(tx, ctx, input.unverifiedImportId);
      if (!row) throw new DeniedError("screening.enter", { entityType: "ScreeningImport", entityId: input.unverifiedImportId.slice(0, 64) });
      if (row.status === "APPLIED") throw new AppError("CONFLICT", "This file has been applied already.");
      const running = await tx.backgroundJob.count({ where: { districtId: ctx.districtId, entityType: "ScreeningImport", entityId: row.id, status: { in: ["QUEUED", "RUNNING"] } } });
      if (running) throw new AppError("CONFLICT", "This file is being applied already; its progress is shown below.");
      // The dry run (already on the page) is made again by the job, in its transaction: an error there fails the job, nothing written.
      if (!Array.isArray(row.mapping) || row.mapping.length === 0) throw new AppError("INVALID_INPUT", "Confirm the column mapping first.");
      const job = await enqueueJob(tx, ctx, "screening.apply", { entityType: "ScreeningImport", entityId: row.id });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ScreeningImport", entityId: row.id, detail: { queued: true, jobId: job.id } });
      return job;
    });
    await dispatchJob(job);
    return job.id;
  });
  if (!result.ok) return result;
  revalidatePath("/screening", "layout");
  return { ok: true, message: "The file is being applied in the background; you may leave this page. Its progress is shown below." };
}

// ------------------------------------------------------------------ tier decisions

/**
 * Records the ticked suggestions as tier decisions, effective today, each with
 * the screening's reason ("Winter screening: high risk"). The suggested tier is
 * worked out again from the saved scores (never taken from the form), through
 * the same code as every tier decision; all or nothing.
 */
export async function confirmScreeningTiers(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("confirmScreeningTiers", ZConfirmScreeningTiersInput, formToObject(form, ["decisions"]), async (ctx, input) => {
    authorizeAction(ctx, "tier.set", { entityType: "StudentTier" });
    return withTenant(ctx.districtId, async (tx) => {
      const window = (await windowsIn(tx, ctx.districtId)).find((w) => w.id === input.unverifiedWindowId);
      if (!window) throw new DeniedError("tier.set", { entityType: "ScreeningWindow", entityId: input.unverifiedWindowId.slice(0, 64) });
      const wanted = input.decisions.map((d) => {
        const [studentId, area] = d.split(":") as [string, string];
        return { studentId: studentId.toLowerCase(), area };
      });
      const studentIds = [...new Set(wanted.map((w) => w.studentId))];
      const students = await tx.student.findMany({ where: { districtId: ctx.districtId, id: { in: studentIds } }, select: { id: true, schoolId: true } });
      // Reach first, student by student: one outside the person's schools refuses the whole set.
      for (const id of studentIds) {
        const s = students.find((x) => x.id === id);
        if (!s || !can(ctx, "tier.set", { districtId: ctx.districtId, schoolId: s.schoolId })) throw new DeniedError("tier.set", { entityType: "Student", entityId: id, studentId: s?.id ?? null });
      }
      const suggestions = await suggestionsIn(tx, ctx.districtId, window, null, studentIds);
      const today = todayIso();
      let recorded = 0;
      for (const w of wanted) {
        const s = suggestions.find((x) => x.studentId === w.studentId && x.area === w.area);
        if (!s) continue; // decided since the list was shown: nothing left to confirm
        await recordTierDecision(
          tx,
          ctx,
          { unverifiedStudentId: s.studentId, area: s.area, tier: s.suggestedTier, effectiveDate: today, reason: screeningReason(window.season, s.level) },
          { source: "screening", windowId: window.id },
        );
        recorded += 1;
      }
      const skipped = wanted.length - recorded;
      return `${plural(recorded, "tier decision")} recorded from the ${windowName(window).toLowerCase().replace(/^\w/, (c) => c.toUpperCase())} screening${skipped ? `; ${skipped} no longer differed from the current tier` : ""}.`;
    });
  });
  if (!result.ok) return withSubmitted(result, form, ["decisions"]);
  revalidatePath("/screening", "layout");
  revalidatePath("/students", "layout");
  return { ok: true, message: result.data };
}

// ------------------------------------------------------------------ administration

/** Saves one school year's windows (administrators). Both dates blank = no window that season; a window with scores cannot be removed. */
export async function saveScreeningWindows(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveScreeningWindows", ZSaveScreeningWindowsInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.manage", { entityType: "ScreeningWindow" });
    const text = input as unknown as Record<string, string>;
    const fieldErrors: Record<string, string[]> = {};
    const dates: WindowDates[] = [];
    const blank: string[] = [];
    for (const season of SEASONS) {
      const start = text[`${season}-start`] ?? "";
      const end = text[`${season}-end`] ?? "";
      if (!start && !end) {
        blank.push(season);
        continue;
      }
      const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      if (!valid(start)) fieldErrors[`${season}-start`] = [`${SEASON_LABEL[season]}: enter the first day of the window.`];
      if (!valid(end)) fieldErrors[`${season}-end`] = [`${SEASON_LABEL[season]}: enter the last day of the window.`];
      if (valid(start) && valid(end)) dates.push({ season, startDate: start, endDate: end });
    }
    for (const [season, problem] of Object.entries(windowProblems(input.schoolYear, dates))) fieldErrors[`${season}-start`] = [problem];
    if (Object.keys(fieldErrors).length) throw new AppError("INVALID_INPUT", "Nothing was saved: please correct the highlighted dates.", fieldErrors);
    return withTenant(ctx.districtId, async (tx) => {
      const existing = (await windowsIn(tx, ctx.districtId)).filter((w) => w.schoolYear === input.schoolYear);
      for (const season of blank) {
        const w = existing.find((x) => x.season === season);
        if (w && (await tx.screeningScore.count({ where: { districtId: ctx.districtId, windowId: w.id } })) > 0) {
          throw new AppError("INVALID_INPUT", "Nothing was saved: please correct the highlighted dates.", { [`${season}-start`]: [`${SEASON_LABEL[season as keyof typeof SEASON_LABEL]}: the window has scores, so it keeps its dates.`] });
        }
      }
      for (const season of blank) {
        const w = existing.find((x) => x.season === season);
        if (w) await tx.$executeRaw`DELETE FROM "ScreeningWindow" WHERE "districtId" = ${ctx.districtId}::uuid AND "id" = ${w.id}::uuid`;
      }
      for (const d of dates) {
        const data = { startDate: new Date(`${d.startDate}T00:00:00Z`), endDate: new Date(`${d.endDate}T00:00:00Z`) };
        await tx.screeningWindow.upsert({
          where: { districtId_schoolYear_season: { districtId: ctx.districtId, schoolYear: input.schoolYear, season: d.season } },
          create: { districtId: ctx.districtId, schoolYear: input.schoolYear, season: d.season, ...data },
          update: data,
        });
      }
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ScreeningWindow", detail: { schoolYear: input.schoolYear, windows: dates as unknown as Prisma.InputJsonValue } });
      return `Screening windows of ${input.schoolYear}-${String((input.schoolYear + 1) % 100).padStart(2, "0")} saved.`;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/screening");
  revalidatePath("/screening", "layout");
  return { ok: true, message: result.data };
}

/** Sets which measures are screeners and the area each screens (administrators). */
export async function saveScreeningMeasures(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("saveScreeningMeasures", ZSaveScreeningMeasuresInput, formToMeasureAreas(form), async (ctx, input) => {
    authorizeAction(ctx, "screening.manage", { entityType: "Measure" });
    return withTenant(ctx.districtId, async (tx) => {
      const ids = input.entries.map((e) => e.unverifiedMeasureId).filter(isUuid);
      const measures = await tx.measure.findMany({ where: { districtId: ctx.districtId, id: { in: ids }, archivedAt: null }, select: { id: true, screeningArea: true } });
      const missing = input.entries.find((e) => !measures.some((m) => m.id === e.unverifiedMeasureId));
      if (missing) throw new DeniedError("screening.manage", { entityType: "Measure", entityId: missing.unverifiedMeasureId.slice(0, 64) });
      const changed = input.entries.filter((e) => (measures.find((m) => m.id === e.unverifiedMeasureId)!.screeningArea ?? "") !== e.area);
      for (const e of changed) await tx.measure.update({ where: { id: e.unverifiedMeasureId }, data: { screeningArea: e.area === "" ? null : e.area } });
      if (changed.length) {
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Measure", detail: { screeningAreas: changed.map((e) => ({ measureId: e.unverifiedMeasureId, area: e.area || null })) } });
      }
      return changed.length ? `${plural(changed.length, "measure")} updated.` : "Nothing changed.";
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/screening");
  revalidatePath("/screening", "layout");
  return { ok: true, message: result.data };
}
