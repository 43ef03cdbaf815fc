/**
 * A file of screening scores (a FastBridge, DIBELS, Star or spreadsheet
 * export): reading it, proposing which column holds what from its headers,
 * and checking every row against the district's students, windows and
 * measures before anything is saved. The result of `planScreeningFile` is
 * both the dry run's report and exactly what applying writes, so the two
 * cannot differ (issue 17). Pure: the caller hands in what the database knows.
 */
import Papa from "papaparse";
import { decodeBytes } from "./text-decoding";
import { SEASONS, type BenchmarkCell, type Season } from "./benchmarks";
import { DECIMAL_TEXT, type Measure } from "./measures";
import { riskLevelOf, windowStatus, type RiskLevel } from "./screening";

/** A file larger than this is refused before it is read (about 100,000 scores of a typical export). */
export const MAX_SCREENING_FILE_BYTES = 4_000_000;
/** Rows of data a file may hold. */
export const MAX_SCREENING_ROWS = 60_000;
/** Problems a report lists; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 200;

export type Severity = "error" | "warning";

/** One finding of the dry run: where it is (line as a text editor counts it, the header being line 1), what was there and what is wrong, in plain words. */
export interface FileProblem {
  severity: Severity;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ParsedFile {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * Bytes of an uploaded file as text, by the shared upload decoder (decision
 * 019): UTF-8, UTF-16 with its byte-order mark, Windows-1252 only when certain;
 * anything else (a Mac Roman export, a binary file) is reported with its line,
 * never guessed. `note` says when the text was converted.
 */
export function decodeFile(bytes: Uint8Array): { ok: true; text: string; note: string | null } | { ok: false; problem: FileProblem } {
  const r = decodeBytes(bytes);
  if (r.ok) return { ok: true, text: r.text, note: r.note ? `Line ${r.note.line}: ${r.note.message}` : null };
  return { ok: false, problem: { severity: "error", line: r.problem.line, column: null, value: r.problem.value, message: r.problem.message } };
}

/**
 * Reads CSV text (comma, semicolon or tab separated; quoted cells may hold
 * line breaks): the first row is the header, blank rows are skipped, and each
 * row keeps the line it starts on.
 */
export function parseScreeningCsv(text: string): { ok: true; file: ParsedFile } | { ok: false; problems: FileProblem[] } {
  const body = text.replace(/^\uFEFF/, "");
  const rows: { line: number; cells: string[] }[] = [];
  const problems: FileProblem[] = [];
  let headers: string[] | null = null;
  // Line of the current row's first character: newlines counted up to where Papa's cursor was.
  let counted = 0;
  let line = 1;
  let tooMany = false;
  /** Takes one row; false when the file has too many rows and reading must stop. */
  const take = (rowLine: number, raw: readonly string[]): boolean => {
    const cells = raw.map((c) => c.trim());
    if (cells.every((c) => c === "")) return true;
    if (!headers) {
      headers = cells;
      return true;
    }
    if (rows.length >= MAX_SCREENING_ROWS) {
      tooMany = true;
      return false;
    }
    rows.push({ line: rowLine, cells });
    return true;
  };
  const delimiter = delimiterOf(body);
  const newline = plainNewline(body);
  if (newline) {
    // Nothing quoted and one kind of line break: each line is a row, split at the
    // separator, exactly as Papa reads it, at a tenth of the time (a 50,000-row
    // export is read at upload, by the dry run page and again by the apply).
    const lines = body.split(newline);
    for (let i = 0; i < lines.length; i++) if (!take(i + 1, lines[i]!.split(delimiter))) break;
  } else {
    Papa.parse<string[]>(body, {
      delimiter,
      skipEmptyLines: false,
      step: (result, parser) => {
        const start = counted;
        const end = result.meta.cursor;
        const rowLine = line;
        for (let i = start; i < end; i++) if (body.charCodeAt(i) === 10) line += 1;
        counted = end;
        for (const e of result.errors) problems.push({ severity: "error", line: rowLine, column: null, value: null, message: `This line could not be read: ${e.message.toLowerCase()}.` });
        if (!take(rowLine, result.data)) parser.abort();
      },
    });
  }
  if (tooMany) return { ok: false, problems: [{ severity: "error", line: 1, column: null, value: null, message: `The file has more than ${MAX_SCREENING_ROWS.toLocaleString("en-US")} rows of scores. Upload it in parts.` }] };
  const header: string[] = headers ?? [];
  if (header.length === 0) return { ok: false, problems: [{ severity: "error", line: 1, column: null, value: null, message: "The file is empty: it needs a header row naming its columns, then one row per student." }] };
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.toLowerCase();
    if (h === "") return;
    if (seen.has(k)) problems.push({ severity: "error", line: 1, column: h, value: h, message: `Two columns are called “${h}”; rename one so each column can be mapped.` });
    else seen.set(k, i);
  });
  if (rows.length === 0) problems.push({ severity: "error", line: 2, column: null, value: null, message: "The file has a header but no rows of scores under it." });
  return problems.some((p) => p.severity === "error") ? { ok: false, problems } : { ok: true, file: { headers: header, rows } };
}

/**
 * The line break of a file that Papa would read line by line with no
 * quoting to undo: no quote character anywhere and only one kind of line
 * break ("\n" alone, or every one "\r\n"). Null otherwise: Papa reads it.
 */
function plainNewline(text: string): "\n" | "\r\n" | null {
  if (text.includes('"')) return null;
  if (!text.includes("\r")) return "\n";
  const crlf = text.split("\r\n").length - 1;
  return crlf === text.split("\r").length - 1 && crlf === text.split("\n").length - 1 ? "\r\n" : null;
}

/** The separator of a file, from its first line: the most frequent of comma, semicolon and tab (comma when none is there: a one-column file). */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  return [",", ";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ",");
}

// ------------------------------------------------------------------ mapping

/** What a column holds: the student's local id, the window, the grade (checked only), a measure's scores, or nothing the app reads. */
export type ColumnTarget = "localId" | "window" | "grade" | "ignore" | `measure:${string}`;
/** Column index -> target, one entry per header. */
export type ColumnMapping = ColumnTarget[];

export interface MappableMeasure {
  id: string;
  key: string;
  name: string;
  /** Other names exports use for this measure's column ("WCPM", "ORF"). */
  aliases?: readonly string[];
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
const LOCAL_ID = ["localid", "studentid", "studentnumber", "studentno", "sisid", "id", "studentlocalid", "districtid", "districtstudentid", "localstudentid", "stuid"];
const WINDOW = ["window", "season", "screeningwindow", "benchmarkperiod", "period", "testwindow", "assessmentperiod", "term"];
const GRADE = ["grade", "gradelevel", "enrolledgrade", "studentgrade"];

/**
 * The app's proposal for each column, from its header: well-known names of
 * the id, window and grade columns, and a measure's key, name or one of its
 * aliases (compared without case, spaces or punctuation). Each target is
 * proposed once (the first matching column); every other column is ignored.
 */
export function proposeMapping(headers: readonly string[], measures: readonly MappableMeasure[]): ColumnMapping {
  const taken = new Set<ColumnTarget>();
  return headers.map((header) => {
    const h = squash(header);
    const candidates: ColumnTarget[] = [];
    if (LOCAL_ID.includes(h)) candidates.push("localId");
    if (WINDOW.includes(h)) candidates.push("window");
    if (GRADE.includes(h)) candidates.push("grade");
    for (const m of measures) {
      const names = [m.key, m.name, ...(m.aliases ?? [])].map(squash);
      if (names.includes(h)) candidates.push(`measure:${m.id}`);
    }
    const choice = candidates.find((c) => !taken.has(c));
    if (!choice) return "ignore";
    taken.add(choice);
    return choice;
  });
}

/** What is wrong with a mapping as a whole (the file cannot be read with it). */
export function mappingProblems(headers: readonly string[], mapping: readonly ColumnTarget[]): string[] {
  const problems: string[] = [];
  if (mapping.length !== headers.length) return ["Map every column of the file (choose “Ignore” for those the app does not need)."];
  if (!mapping.includes("localId")) problems.push("Choose the column that holds the student’s local id.");
  if (!mapping.some((t) => t.startsWith("measure:"))) problems.push("Choose at least one column of scores and the measure it holds.");
  const repeated = [...new Set(mapping.filter((t, i) => t !== "ignore" && mapping.indexOf(t) !== i))];
  for (const t of repeated) {
    const cols = headers.filter((_, i) => mapping[i] === t).map((h) => `“${h}”`);
    problems.push(`${cols.join(" and ")} are mapped to the same thing; map only one of them.`);
  }
  return problems;
}

// ------------------------------------------------------------------ checking rows

export interface WindowRef {
  id: string;
  season: Season;
  schoolYear: number;
  startDate: string;
  endDate: string;
}

/** What the database knows, as the plan needs it. */
export interface PlanLookups {
  /** Students the uploader reaches, by local id (exact, trimmed). Anyone else is "not found", never "not yours". */
  studentByLocalId: ReadonlyMap<string, { id: string; grade: string; archived: boolean }>;
  /** The district's measures the mapping may name, by id. */
  measures: ReadonlyMap<string, Measure>;
  /** The window of rows without a window column. */
  defaultWindow: WindowRef | null;
  /** The school year a window column's season-only value ("winter") refers to. */
  schoolYear: number;
  /** The district's windows. */
  windows: readonly WindowRef[];
  /** Scores already saved, by `${studentId}/${measureId}/${windowId}`. */
  existing: ReadonlyMap<string, number>;
  benchmark: (measureId: string, grade: string, season: Season) => BenchmarkCell | null;
  /** YYYY-MM-DD. */
  today: string;
}

export interface PlannedScore {
  line: number;
  studentId: string;
  measureId: string;
  windowId: string;
  grade: string;
  score: number;
  /** The score it replaces, or null for a new one. */
  previous: number | null;
  level: RiskLevel | null;
}

export interface FilePlan {
  /** Scores to write (new or changed); scores equal to the saved ones are counted, not written. */
  writes: PlannedScore[];
  unchanged: number;
  problems: FileProblem[];
  errors: number;
  warnings: number;
}

const GRADE_WORDS: Readonly<Record<string, string>> = { PK: "PK", PREK: "PK", K: "KG", KG: "KG", KINDERGARTEN: "KG" };
/** "3", "03", "G3", "Grade 3", "K", "KG" -> the enum spelling; null if not a grade. */
export function gradeOfText(text: string): string | null {
  const t = text.trim().toUpperCase().replace(/^GRADE\s*/, "");
  if (GRADE_WORDS[t]) return GRADE_WORDS[t];
  const n = /^G?0?(\d{1,2})$/.exec(t)?.[1];
  return n !== undefined && Number(n) >= 1 && Number(n) <= 12 ? `G${Number(n)}` : null;
}

/**
 * A window named in a file: "winter" (the upload's school year), "Winter
 * 2026-27", "2026-27 winter", "Winter 2027" (the calendar year the window is in)
 * or "MOY"/"BOY"/"EOY" (middle, beginning, end of year).
 */
export function windowOfText(text: string, windows: readonly WindowRef[], schoolYear: number): WindowRef | null {
  const t = text.trim().toLowerCase();
  const alias: Record<string, Season> = { boy: "FALL", moy: "WINTER", eoy: "SPRING" };
  const season = SEASONS.find((s) => t.includes(s.toLowerCase())) ?? Object.entries(alias).find(([k]) => new RegExp(`\\b${k}\\b`).test(t))?.[1];
  if (!season) return null;
  const span = /(\d{4})\s*[-/]\s*(\d{2,4})/.exec(t);
  const single = /\b(\d{4})\b/.exec(t);
  let year = schoolYear;
  if (span) year = Number(span[1]);
  else if (single) year = season === "FALL" ? Number(single[1]) : Number(single[1]) - 1;
  return windows.find((w) => w.season === season && w.schoolYear === year) ?? null;
}

const cellAt = (cells: readonly string[], i: number) => (cells[i] ?? "").trim();
const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function rangeMessage(m: Measure): string {
  if (m.min !== undefined && m.max !== undefined) return `from ${m.min} to ${m.max}`;
  return m.min !== undefined ? `${m.min} or more` : `${m.max} or less`;
}

/**
 * A score as typed (a grid cell, a file's cell) for a measure: a plain
 * decimal number inside the measure's range. Blank is "no score" (null).
 */
export function readScreeningScore(measure: Measure, text: string): { ok: true; value: number | null } | { ok: false; problem: string } {
  const t = text.trim();
  if (t === "") return { ok: true, value: null };
  if (!DECIMAL_TEXT.test(t)) return { ok: false, problem: "The score must be a number (digits, with a decimal point if needed)." };
  const value = Number(t);
  const inRange = (measure.min === undefined || value >= measure.min) && (measure.max === undefined || value <= measure.max);
  if (!inRange) return { ok: false, problem: `${measure.name} scores are ${rangeMessage(measure)}.` };
  return { ok: true, value };
}

/**
 * Checks every row of a mapped file and says what applying it would write.
 * Errors (an unknown or archived student, a score that is not a number or is
 * outside the measure's range, an unknown window, the same score twice) block
 * the whole file; warnings (an empty score cell, a score that replaces a
 * different one, a window that has not opened, a grade that differs from the
 * student's, no benchmark to read the score against) do not.
 */
export function planScreeningFile(file: ParsedFile, mapping: ColumnMapping, lookups: PlanLookups): FilePlan {
  const problems: FileProblem[] = [];
  const add = (severity: Severity, line: number, column: string | null, value: string | null, message: string) =>
    problems.push({ severity, line, column, value: value === null ? null : cut(value), message });
  const col = (target: ColumnTarget) => mapping.indexOf(target);
  const idCol = col("localId");
  const windowCol = col("window");
  const gradeCol = col("grade");
  const measureCols = mapping.flatMap((t, i) => (t.startsWith("measure:") ? [{ i, measureId: t.slice("measure:".length) }] : []));
  for (const m of mappingProblems(file.headers, mapping)) add("error", 1, null, null, m);
  for (const { i, measureId } of measureCols) if (!lookups.measures.has(measureId)) add("error", 1, file.headers[i] ?? null, null, "This column is mapped to a measure the district does not screen with.");
  if (windowCol < 0 && !lookups.defaultWindow) add("error", 1, null, null, "Choose the screening window of the scores, or map the column that names it.");
  if (problems.length) return summarise([], 0, problems);

  const writes: PlannedScore[] = [];
  let unchanged = 0;
  const firstLine = new Map<string, number>();
  const warnedWindows = new Set<string>();
  for (const { line, cells } of file.rows) {
    if (cells.length > file.headers.length && cells.slice(file.headers.length).some((c) => c !== "")) {
      add("error", line, null, null, `This line has ${cells.length} cells but the header names ${file.headers.length} columns; check for a stray comma.`);
      continue;
    }
    const idHeader = file.headers[idCol]!;
    const localId = cellAt(cells, idCol);
    const student = localId ? lookups.studentByLocalId.get(localId) : undefined;
    if (!localId) {
      add("error", line, idHeader, "", "The student’s local id is missing.");
      continue;
    }
    if (!student) {
      add("error", line, idHeader, localId, "No student of your schools has this local id.");
      continue;
    }
    if (student.archived) {
      add("error", line, idHeader, localId, "This student is archived; restore them before entering scores.");
      continue;
    }
    let window = lookups.defaultWindow;
    if (windowCol >= 0) {
      const text = cellAt(cells, windowCol);
      window = text ? windowOfText(text, lookups.windows, lookups.schoolYear) : lookups.defaultWindow;
      if (!window) {
        add("error", line, file.headers[windowCol]!, text, text ? "There is no screening window by this name; use fall, winter or spring (with the school year, e.g. “Winter 2026-27”, for another year)." : "The window is missing, and none was chosen for the file.");
        continue;
      }
    }
    if (!window) continue;
    if (windowStatus(window, lookups.today) === "upcoming" && !warnedWindows.has(window.id)) {
      warnedWindows.add(window.id);
      add("warning", line, windowCol >= 0 ? file.headers[windowCol]! : null, null, `The ${window.season.toLowerCase()} window opens on ${window.startDate}; scores entered before it opens are kept as scores of that window.`);
    }
    if (gradeCol >= 0) {
      const text = cellAt(cells, gradeCol);
      const grade = text ? gradeOfText(text) : null;
      if (text && grade !== student.grade) {
        add("warning", line, file.headers[gradeCol]!, text, `The student is in ${student.grade.replace(/^G/, "grade ").replace("KG", "kindergarten")} in the app; the score is read against that grade’s benchmark.`);
      }
    }
    for (const { i, measureId } of measureCols) {
      const header = file.headers[i]!;
      const measure = lookups.measures.get(measureId)!;
      const text = cellAt(cells, i);
      if (text === "") {
        add("warning", line, header, "", "No score in this cell: nothing is entered for this measure.");
        continue;
      }
      const read = readScreeningScore(measure, text);
      if (!read.ok || read.value === null) {
        add("error", line, header, text, read.ok ? "The score is missing." : read.problem);
        continue;
      }
      const score = read.value;
      const key = `${student.id}/${measureId}/${window.id}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        add("error", line, header, text, `This student already has a ${measure.name} score for this window on line ${first}.`);
        continue;
      }
      firstLine.set(key, line);
      const cellOf = lookups.benchmark(measureId, student.grade, window.season);
      const level = riskLevelOf(measure.direction, score, cellOf);
      if (!level) add("warning", line, header, text, `There is no ${measure.name} benchmark for this grade in ${window.season.toLowerCase()}: the score is saved without a risk level.`);
      const previous = lookups.existing.get(key);
      if (previous === score) {
        unchanged += 1;
        continue;
      }
      if (previous !== undefined) add("warning", line, header, text, `Replaces the score ${previous} saved before.`);
      writes.push({ line, studentId: student.id, measureId, windowId: window.id, grade: student.grade, score, previous: previous ?? null, level });
    }
  }
  return summarise(writes, unchanged, problems);
}

function summarise(writes: PlannedScore[], unchanged: number, problems: FileProblem[]): FilePlan {
  // Errors first (they block), each group in line order. Problems are found in
  // line order, so splitting them by severity keeps that order: what a stable
  // sort by (severity, line) gives, without sorting 50,000 warnings.
  const errorList = problems.filter((p) => p.severity === "error");
  const sorted = errorList.length ? [...errorList, ...problems.filter((p) => p.severity !== "error")] : problems;
  return { writes, unchanged, problems: sorted, errors: errorList.length, warnings: problems.length - errorList.length };
}
