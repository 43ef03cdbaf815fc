import { z } from "zod";
import { SEASONS } from "@/domain/benchmarks";
import { MAX_SCREENING_FILE_BYTES } from "@/domain/screening-file";
import { GRADE_LEVELS } from "@/server/students/schemas";
import { INTERVENTION_AREAS } from "@/server/tiers/schemas";
import { uploadFile } from "@/server/upload-file";

/** Students per page of the entry grid and of the suggestions list. */
export const GRID_PAGE_SIZE = 25;
export const SUGGESTIONS_PAGE_SIZE = 50;

const id = z.string().max(200);
const scoreText = z.string().max(20, "Enter a number.");

/**
 * The entry grid's form after formToCells: the window, school and grade it
 * shows, and per student and measure the score typed and the score the page
 * showed (`was`), so a score someone else changed meanwhile is not overwritten
 * unnoticed.
 */
export const ZSaveScreeningScoresInput = z
  .object({
    unverifiedWindowId: id,
    unverifiedSchoolId: id,
    grade: z.enum(GRADE_LEVELS, { error: "Choose a grade from the list." }),
    cells: z
      .array(z.object({ unverifiedStudentId: id, unverifiedMeasureId: id, value: scoreText, was: scoreText }).strict())
      .max(500, "Save at most one page of the grid at a time."),
  })
  .strict();
export type TSaveScreeningScoresInput = z.infer<typeof ZSaveScreeningScoresInput>;

/** The class grid's form (decision 020): the window and class it shows, and the cells as in ZSaveScreeningScoresInput. */
export const ZSaveClassScreeningScoresInput = z
  .object({
    unverifiedWindowId: id,
    unverifiedClassId: id,
    cells: ZSaveScreeningScoresInput.shape.cells,
  })
  .strict();

/** A grid cell's field names: `score:<studentId>:<measureId>` and `was:<studentId>:<measureId>`. */
export const cellFieldName = (part: "score" | "was", studentId: string, measureId: string) => `${part}:${studentId}:${measureId}`;

/** The grid's FormData as ZSaveScreeningScoresInput's shape; any other field is kept so the strict schema refuses it. */
export function formToCells(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const cells = new Map<string, { unverifiedStudentId: string; unverifiedMeasureId: string; value: string; was: string }>();
  for (const [key, raw] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const value = typeof raw === "string" ? raw : "";
    const m = /^(score|was):([^:]{1,64}):([^:]{1,64})$/.exec(key);
    if (m) {
      const k = `${m[2]}:${m[3]}`;
      const cell = cells.get(k) ?? { unverifiedStudentId: m[2]!, unverifiedMeasureId: m[3]!, value: "", was: "" };
      cell[m[1] === "score" ? "value" : "was"] = value;
      cells.set(k, cell);
    } else out[key] = value;
  }
  out.cells = [...cells.values()];
  return out;
}

export const ZUploadScreeningFileInput = z
  .object({
    file: uploadFile(MAX_SCREENING_FILE_BYTES, `The file is larger than ${MAX_SCREENING_FILE_BYTES / 1_000_000} MB. Upload the scores in smaller files.`),
    unverifiedWindowId: id.optional(),
  })
  .strict();
export type TUploadScreeningFileInput = z.infer<typeof ZUploadScreeningFileInput>;

/** The mapping form: one choice per column (`col:0`, `col:1`, ...), in column order. */
export const ZSaveScreeningMappingInput = z
  .object({
    unverifiedImportId: id,
    unverifiedWindowId: id,
    columns: z.array(z.string().max(100)).max(200),
  })
  .strict();
export type TSaveScreeningMappingInput = z.infer<typeof ZSaveScreeningMappingInput>;

/** The mapping form's FormData: `col:<i>` fields in index order. */
export function formToMapping(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const columns: string[] = [];
  for (const [key, raw] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const value = typeof raw === "string" ? raw : "";
    const m = /^col:(\d{1,3})$/.exec(key);
    if (m) columns[Number(m[1])] = value;
    else out[key] = value;
  }
  out.columns = Array.from(columns, (c) => c ?? "ignore");
  return out;
}

export const ZApplyScreeningImportInput = z.object({ unverifiedImportId: id }).strict();

/** A suggestion the coordinator ticks: `<studentId>:<area>`; the tier and reason are worked out again from the scores. */
export const ZConfirmScreeningTiersInput = z
  .object({
    unverifiedWindowId: id,
    decisions: z
      .array(z.string().max(100).regex(new RegExp(`^[0-9a-fA-F-]{36}:(${INTERVENTION_AREAS.join("|")})$`), "Choose from the list."))
      .min(1, "Tick at least one student to confirm.")
      .max(500),
  })
  .strict();
export type TConfirmScreeningTiersInput = z.infer<typeof ZConfirmScreeningTiersInput>;

const dayText = z.string().trim().max(10);
/** One school year's windows: a start and end per season; both blank = no window that season. */
export const ZSaveScreeningWindowsInput = z
  .object({
    schoolYear: z.coerce.number({ error: "Choose the school year." }).int().min(2000).max(2100),
    ...Object.fromEntries(SEASONS.flatMap((s) => [[`${s}-start`, dayText], [`${s}-end`, dayText]])),
  })
  .strict();

/** Which area each measure screens (`area:<measureId>`, blank = not a screener). */
export const ZSaveScreeningMeasuresInput = z
  .object({
    entries: z.array(z.object({ unverifiedMeasureId: id, area: z.union([z.enum(INTERVENTION_AREAS), z.literal("")]) }).strict()).max(200),
  })
  .strict();

export function formToMeasureAreas(form: FormData): Record<string, unknown> {
  const entries: { unverifiedMeasureId: string; area: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const value = typeof raw === "string" ? raw : "";
    const m = /^area:([^:]{1,64})$/.exec(key);
    if (m) entries.push({ unverifiedMeasureId: m[1]!, area: value });
    else out[key] = value;
  }
  out.entries = entries;
  return out;
}
