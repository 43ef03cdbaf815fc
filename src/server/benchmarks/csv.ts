import "server-only";
import Papa from "papaparse";
import { readBenchmarkCell, SEASONS, type Season } from "@/domain/benchmarks";
import type { Measure } from "@/domain/measures";
import { BINARY_MESSAGE } from "@/domain/text-decoding";
import { toCsv } from "@/server/csv";
import { GRADE_LABEL, GRADE_LEVELS, type GradeLevel } from "@/server/students/schemas";
import type { BenchmarkRow } from "./schemas";

/** The columns of a benchmark file, in the order the download writes them; risk_cut may be left out. */
export const CSV_COLUMNS = ["measure_key", "grade", "season", "benchmark", "risk_cut"] as const;
const REQUIRED = CSV_COLUMNS.filter((c) => c !== "risk_cut");
export const MAX_CSV_ROWS = 2_000;

export type CsvResult = { ok: true; rows: BenchmarkRow[] } | { ok: false; problems: string[] };

/** The district's measures by key, with their domain form for the checks. */
export type MeasuresByKey = ReadonlyMap<string, { id: string; measure: Measure }>;

/** "3", "03", "G3", "g3" -> G3; "PK", "KG" as they are. */
export function gradeOf(text: string): GradeLevel | null {
  const t = text.trim().toUpperCase();
  if (t === "PK" || t === "KG") return t;
  const n = /^G?(\d{1,2})$/.exec(t)?.[1];
  const grade = n === undefined ? undefined : `G${Number(n)}`;
  return GRADE_LEVELS.find((g) => g === grade) ?? null;
}

/** How a file names a grade: PK, KG, 1..12 (what gradeOf reads back). */
const csvGrade = (grade: GradeLevel) => grade.replace(/^G/, "");

export function seasonOfText(text: string): Season | null {
  const t = text.trim().toUpperCase();
  return SEASONS.find((s) => s === t) ?? null;
}

// Values are quoted for the message and cut short: a file may hold anything.
const quoted = (text: string) => `“${text.length > 30 ? `${text.slice(0, 30)}…` : text}”`;

/**
 * Reads a benchmark file: a header row naming the columns (any order, any case),
 * then one row per measure, grade and season. Every row is checked, and either
 * all rows come back or every problem does, each with its row number as a
 * spreadsheet shows it (the header is row 1). Blank rows are skipped.
 */
export function parseBenchmarkCsv(text: string, measures: MeasuresByKey): CsvResult {
  // A zero byte is not CSV text (and would be echoed in the column problems below): refused like the other uploads (issue 21).
  if (text.includes("\u0000")) return { ok: false, problems: [BINARY_MESSAGE] };
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: ",", skipEmptyLines: false });
  const records = parsed.data;
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  // A blank header cell (a spreadsheet's trailing comma) names no column.
  const unknown = header.filter((h) => h !== "" && !(CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => h !== "" && header.indexOf(h) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const columns = CSV_COLUMNS.join(", ");
    return {
      ok: false,
      problems: [
        `Row 1 must name the columns ${columns} (risk_cut may be left out).`,
        ...missing.map((c) => `The column ${c} is missing.`),
        ...unknown.map((c) => `The column ${quoted(c)} is not one we know.`),
        ...[...new Set(repeated)].map((c) => `The column ${c} appears twice.`),
      ],
    };
  }

  const readErrors = new Map<number, string>();
  for (const e of parsed.errors) if (e.row !== undefined && !readErrors.has(e.row)) readErrors.set(e.row, e.message);
  const body = records.slice(1).map((cells, i) => ({ cells, rowNumber: i + 2, readError: readErrors.get(i + 1) }));
  const filled = body.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (filled.length === 0) return { ok: false, problems: ["The file has no benchmark rows under its header."] };
  if (filled.length > MAX_CSV_ROWS) return { ok: false, problems: [`The file has ${filled.length} rows; upload at most ${MAX_CSV_ROWS} at a time.`] };

  const column = (cells: string[], name: (typeof CSV_COLUMNS)[number]) => {
    const i = header.indexOf(name);
    return i < 0 ? "" : (cells[i] ?? "").trim();
  };
  const rows: BenchmarkRow[] = [];
  const problems: string[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { cells, rowNumber, readError } of filled) {
    const rowProblems: string[] = [];
    if (readError) rowProblems.push(`it could not be read (${readError.toLowerCase()})`);
    if (cells.length > header.length) rowProblems.push(`it has ${cells.length} cells but the header names ${header.length} columns`);
    const key = column(cells, "measure_key");
    const found = measures.get(key);
    if (!key) rowProblems.push("the measure_key is missing");
    else if (!found) rowProblems.push(`there is no measure with the key ${quoted(key)}`);
    const gradeText = column(cells, "grade");
    const grade = gradeOf(gradeText);
    if (!grade) rowProblems.push(gradeText ? `${quoted(gradeText)} is not a grade (use PK, KG, 1-12 or G1-G12)` : "the grade is missing");
    const seasonText = column(cells, "season");
    const season = seasonOfText(seasonText);
    if (!season) rowProblems.push(seasonText ? `${quoted(seasonText)} is not a season (use fall, winter or spring)` : "the season is missing");
    const benchmarkText = column(cells, "benchmark");
    if (!benchmarkText) rowProblems.push("the benchmark is missing");
    const read = found ? readBenchmarkCell(found.measure, { benchmark: benchmarkText, riskCut: column(cells, "risk_cut") }) : null;
    if (read && benchmarkText) rowProblems.push(...read.problems);

    if (found && grade && season) {
      const cellKey = `${found.id}/${grade}/${season}`;
      const first = firstRowOf.get(cellKey);
      if (first !== undefined) rowProblems.push(`it repeats ${key}, ${GRADE_LABEL[grade].toLowerCase()}, ${season.toLowerCase()} from row ${first}`);
      else firstRowOf.set(cellKey, rowNumber);
    }
    if (rowProblems.length) problems.push(`Row ${rowNumber}: ${rowProblems.join("; ")}.`);
    else if (found && grade && season && read?.cell?.benchmark != null) {
      rows.push({ measureId: found.id, grade, season, benchmark: read.cell.benchmark, riskCut: read.cell.riskCut });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** A benchmark table as a file that parseBenchmarkCsv reads back. */
export function benchmarkCsv(rows: readonly { measureKey: string; grade: GradeLevel; season: Season; benchmark: number; riskCut: number | null }[]): string {
  return toCsv([CSV_COLUMNS, ...rows.map((r) => [r.measureKey, csvGrade(r.grade), r.season.toLowerCase(), r.benchmark, r.riskCut])]);
}
