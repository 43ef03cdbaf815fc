import { z } from "zod";
import { SEASONS, type BenchmarkCell, type Season } from "@/domain/benchmarks";
import { GRADE_LABEL, GRADE_LEVELS, type GradeLevel } from "@/server/students/schemas";
import { uploadFile } from "@/server/upload-file";

/** One set cell of a district's table. */
export interface BenchmarkRow extends BenchmarkCell {
  measureId: string;
  grade: GradeLevel;
  season: Season;
  benchmark: number;
}

export type BenchmarkPart = "benchmark" | "riskCut";
const PART_WORDS: Readonly<Record<BenchmarkPart, string>> = { benchmark: "benchmark", riskCut: "risk cut" };

/** The form field (and input id) of one part of one cell: "benchmark-G3-WINTER". */
export const cellField = (part: BenchmarkPart, grade: GradeLevel, season: Season) => `${part}-${grade}-${season}`;

/** "Grade 3, winter" — how a cell is named in labels and messages. */
export const cellName = (grade: GradeLevel, season: Season) => `${GRADE_LABEL[grade]}, ${season.toLowerCase()}`;

/** "Grade 3, winter benchmark" — the accessible label of one input of the grid. */
export const cellLabel = (part: BenchmarkPart, grade: GradeLevel, season: Season) => `${cellName(grade, season)} ${PART_WORDS[part]}`;

/** Every cell of the grid, grade by grade. */
export const GRID_CELLS: readonly { grade: GradeLevel; season: Season }[] = GRADE_LEVELS.flatMap((grade) => SEASONS.map((season) => ({ grade, season })));

// Longer than any number a person types: refused here, before the numbers are read.
const MAX_CELL_TEXT = 20;
const cellText = (label: string) => z.string().max(MAX_CELL_TEXT, `${label}: enter a number.`).optional();

// The grid posts a benchmark and a risk cut per grade and season; blank clears a
// cell. `version` fingerprints the table as the form showed it, so a save over
// changes made since (another administrator, a file upload) is refused.
export const ZSaveBenchmarksInput = z
  .object({
    unverifiedMeasureId: z.string().max(200),
    version: z.string().max(64),
    ...Object.fromEntries(
      GRID_CELLS.flatMap(({ grade, season }) =>
        (["benchmark", "riskCut"] as const).map((part) => [cellField(part, grade, season), cellText(cellLabel(part, grade, season))]),
      ),
    ),
  })
  .strict();
export type TSaveBenchmarksInput = z.infer<typeof ZSaveBenchmarksInput>;

/** A benchmark file: a few hundred rows at most in practice (measures x 14 grades x 3 seasons). */
export const MAX_CSV_BYTES = 200_000;

export const ZUploadBenchmarksInput = z
  .object({
    file: uploadFile(MAX_CSV_BYTES, `The file is larger than ${MAX_CSV_BYTES / 1000} KB. Upload the benchmarks in smaller files.`),
  })
  .strict();
export type TUploadBenchmarksInput = z.infer<typeof ZUploadBenchmarksInput>;
