// A file of screening scores (issue 17): reading it (lines, quoting, encodings),
// proposing the column mapping from its headers, and the dry run's findings,
// each with line, column, value and message; errors block, warnings do not.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Measure } from "@/domain/measures";
import {
  decodeFile,
  gradeOfText,
  mappingProblems,
  parseScreeningCsv,
  planScreeningFile,
  proposeMapping,
  readScreeningScore,
  windowOfText,
  type ColumnMapping,
  type ParsedFile,
  type PlanLookups,
  type WindowRef,
} from "@/domain/screening-file";

const ORF: Measure = { key: "orf_wcpm", name: "ORF words correct per minute", unit: "WCPM", direction: "higher", min: 0, decimals: 0, phrase: "" };
const MATH: Measure = { key: "math_composite", name: "Math screening composite", unit: "composite score", direction: "higher", min: 0, max: 100, decimals: 0, phrase: "" };
const WINDOWS: WindowRef[] = [
  { id: "w-fall", season: "FALL", schoolYear: 2026, startDate: "2026-08-31", endDate: "2026-09-11" },
  { id: "w-winter", season: "WINTER", schoolYear: 2026, startDate: "2027-01-11", endDate: "2027-01-29" },
  { id: "w-fall-25", season: "FALL", schoolYear: 2025, startDate: "2025-09-01", endDate: "2025-09-12" },
];

function parsed(text: string): ParsedFile {
  const r = parseScreeningCsv(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.file;
}

describe("parseScreeningCsv", () => {
  it("keeps each row's line as an editor counts it, through blank lines, quoted line breaks and a byte-order mark", () => {
    const file = parsed('\uFEFFStudent ID,Note,ORF\r\nMV1,"two\r\nlines",41\r\n\r\nMV2,,55\r\n');
    expect(file.headers).toEqual(["Student ID", "Note", "ORF"]);
    expect(file.rows).toEqual([
      { line: 2, cells: ["MV1", "two\r\nlines", "41"] },
      { line: 5, cells: ["MV2", "", "55"] },
    ]);
  });

  it("reads semicolon- and tab-separated exports", () => {
    expect(parsed("id;ORF\nMV1;41\n").rows[0]!.cells).toEqual(["MV1", "41"]);
    expect(parsed("id\tORF\nMV1\t41\n").rows[0]!.cells).toEqual(["MV1", "41"]);
  });

  it("refuses an empty file, a header with no rows, and repeated headers, saying where", () => {
    expect(parseScreeningCsv("")).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringMatching(/empty/) }] });
    expect(parseScreeningCsv("id,ORF\n")).toMatchObject({ ok: false, problems: [{ line: 2, message: expect.stringMatching(/no rows/) }] });
    expect(parseScreeningCsv("id,ORF,orf\nMV1,1,2\n")).toMatchObject({ ok: false, problems: [{ line: 1, column: "orf", message: expect.stringMatching(/Two columns/) }] });
  });

  it("reports an unclosed quote with its line", () => {
    const r = parseScreeningCsv('id,ORF\nMV1,41\nMV2,"55\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ severity: "error", line: 3 });
  });
});

describe("decodeFile", () => {
  it("reads UTF-8, converts Windows-1252 when certain, and refuses other bytes and binary files with their line", () => {
    expect(decodeFile(new TextEncoder().encode("id,ORF\nMV1,41\n"))).toEqual({ ok: true, text: "id,ORF\nMV1,41\n", note: null });
    const cp1252 = new Uint8Array([0x69, 0x64, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a]); // "José" in Windows-1252
    expect(decodeFile(cp1252)).toMatchObject({ ok: true, text: "id\nJosé\n", note: expect.stringMatching(/^Line 2: .*Windows-1252/) });
    const macRoman = new Uint8Array([0x69, 0x64, 0x0a, 0x52, 0x65, 0x6e, 0x8e, 0x65, 0x0a]); // "Renée" in Mac Roman
    expect(decodeFile(macRoman)).toMatchObject({ ok: false, problem: { line: 2, message: expect.stringMatching(/CSV UTF-8/) } });
    expect(decodeFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatchObject({ ok: false });
  });
});

describe("proposeMapping", () => {
  const measures = [
    { id: "m-orf", key: "orf_wcpm", name: "ORF words correct per minute", aliases: ["ORF", "WCPM", "DORF"] },
    { id: "m-math", key: "math_composite", name: "Math screening composite", aliases: ["Math Composite"] },
  ];

  it("recognises a DIBELS-style export's columns and ignores the rest", () => {
    expect(proposeMapping(["Student ID", "Last Name", "First Name", "Grade", "Benchmark Period", "DORF", "Math Composite"], measures)).toEqual([
      "localId",
      "ignore",
      "ignore",
      "grade",
      "window",
      "measure:m-orf",
      "measure:m-math",
    ]);
  });

  it("matches keys and names without case or punctuation, and proposes each target once", () => {
    expect(proposeMapping(["local_id", "orf_wcpm", "ORF", "math screening composite"], measures)).toEqual(["localId", "measure:m-orf", "ignore", "measure:m-math"]);
  });

  it("says what a mapping lacks or repeats", () => {
    expect(mappingProblems(["a", "b"], ["ignore", "ignore"])).toEqual(["Choose the column that holds the student’s local id.", "Choose at least one column of scores and the measure it holds."]);
    expect(mappingProblems(["id", "x", "y"], ["localId", "measure:m", "measure:m"])).toEqual(["“x” and “y” are mapped to the same thing; map only one of them."]);
    expect(mappingProblems(["id"], [])).toHaveLength(1);
  });
});

describe("small readers", () => {
  it("reads grades as exports write them", () => {
    expect(["3", "03", "G3", "Grade 3", "K", "KG", "Kindergarten", "PK", "12", "13", "x"].map(gradeOfText)).toEqual(["G3", "G3", "G3", "G3", "KG", "KG", "KG", "PK", "G12", null, null]);
  });

  it("reads window names: a season, a season with its school year or calendar year, BOY/MOY/EOY", () => {
    const w = (t: string) => windowOfText(t, WINDOWS, 2026)?.id ?? null;
    expect(w("Winter")).toBe("w-winter");
    expect(w("winter 2026-27")).toBe("w-winter");
    expect(w("Winter 2027")).toBe("w-winter");
    expect(w("MOY")).toBe("w-winter");
    expect(w("Fall 2025")).toBe("w-fall-25");
    expect(w("2025-2026 Fall")).toBe("w-fall-25");
    expect(w("Spring")).toBeNull(); // no spring window set
    expect(w("Summer")).toBeNull();
  });

  it("reads a score inside the measure's range", () => {
    expect(readScreeningScore(MATH, " 45 ")).toEqual({ ok: true, value: 45 });
    expect(readScreeningScore(MATH, "")).toEqual({ ok: true, value: null });
    expect(readScreeningScore(MATH, "101")).toEqual({ ok: false, problem: "Math screening composite scores are from 0 to 100." });
    expect(readScreeningScore(ORF, "-1")).toEqual({ ok: false, problem: "ORF words correct per minute scores are 0 or more." });
    expect(readScreeningScore(ORF, "4O")).toMatchObject({ ok: false, problem: expect.stringMatching(/must be a number/) });
  });
});

describe("planScreeningFile", () => {
  const lookups = (over: Partial<PlanLookups> = {}): PlanLookups => ({
    studentByLocalId: new Map([
      ["MV1", { id: "s1", grade: "G3", archived: false }],
      ["MV2", { id: "s2", grade: "G3", archived: false }],
      ["MV3", { id: "s3", grade: "KG", archived: false }],
      ["MV9", { id: "s9", grade: "G3", archived: true }],
    ]),
    measures: new Map([
      ["m-orf", ORF],
      ["m-math", MATH],
    ]),
    defaultWindow: WINDOWS[1]!,
    schoolYear: 2026,
    windows: WINDOWS,
    existing: new Map([["s2/m-orf/w-winter", 60]]),
    benchmark: (measureId, grade, season) => (measureId === "m-orf" && grade === "G3" && season === "WINTER" ? { benchmark: 97, riskCut: 79 } : measureId === "m-math" ? { benchmark: 45, riskCut: 30 } : null),
    today: "2027-02-01",
    ...over,
  });
  const mapping: ColumnMapping = ["localId", "ignore", "measure:m-orf", "measure:m-math"];

  it("plans the writes of a clean file with each score's risk level; equal scores are counted, not written", () => {
    const file = parsed("Student ID,Name,ORF,Math\nMV1,Ana,70,44\nMV2,Ben,60,50\n");
    const plan = planScreeningFile(file, mapping, lookups());
    expect(plan.errors).toBe(0);
    expect(plan.unchanged).toBe(1); // MV2's ORF 60 is saved already
    expect(plan.writes).toEqual([
      { line: 2, studentId: "s1", measureId: "m-orf", windowId: "w-winter", grade: "G3", score: 70, previous: null, level: "HIGH_RISK" },
      { line: 2, studentId: "s1", measureId: "m-math", windowId: "w-winter", grade: "G3", score: 44, previous: null, level: "SOME_RISK" },
      { line: 3, studentId: "s2", measureId: "m-math", windowId: "w-winter", grade: "G3", score: 50, previous: null, level: "AT_BENCHMARK" },
    ]);
  });

  it("reports every error with line, column, value and message: unknown and archived students, bad and out-of-range scores, repeats", () => {
    const file = parsed("Student ID,Name,ORF,Math\nMV404,Who,50,50\nMV1,Ana,abc,101\nMV9,Old,50,50\nMV1,Ana,70,\n,Blank,1,1\n");
    const plan = planScreeningFile(file, mapping, lookups());
    expect(plan.problems.filter((p) => p.severity === "error")).toEqual([
      { severity: "error", line: 2, column: "Student ID", value: "MV404", message: "No student of your schools has this local id." },
      { severity: "error", line: 3, column: "ORF", value: "abc", message: "The score must be a number (digits, with a decimal point if needed)." },
      { severity: "error", line: 3, column: "Math", value: "101", message: "Math screening composite scores are from 0 to 100." },
      { severity: "error", line: 4, column: "Student ID", value: "MV9", message: "This student is archived; restore them before entering scores." },
      { severity: "error", line: 6, column: "Student ID", value: "", message: "The student’s local id is missing." },
    ]);
    expect(plan.errors).toBe(5);
    // Line 5 repeats nothing (line 3's scores were refused) and its blank math cell is a warning.
    expect(plan.problems.filter((p) => p.severity === "warning")).toEqual([{ severity: "warning", line: 5, column: "Math", value: "", message: "No score in this cell: nothing is entered for this measure." }]);
  });

  it("refuses the same student, measure and window twice, naming the first line", () => {
    const plan = planScreeningFile(parsed("id,x,ORF,Math\nMV1,,70,40\nMV1,,71,\n"), mapping, lookups());
    expect(plan.problems).toContainEqual({ severity: "error", line: 3, column: "ORF", value: "71", message: "This student already has a ORF words correct per minute score for this window on line 2." });
  });

  it("reads the window from a column, refusing one the district does not have", () => {
    const m: ColumnMapping = ["localId", "window", "measure:m-orf"];
    const plan = planScreeningFile(parsed("id,Period,ORF\nMV1,Winter,80\nMV2,Spring,90\n"), m, lookups({ defaultWindow: null }));
    expect(plan.writes.map((w) => [w.studentId, w.windowId])).toEqual([["s1", "w-winter"]]);
    expect(plan.problems).toContainEqual(expect.objectContaining({ severity: "error", line: 3, column: "Period", value: "Spring", message: expect.stringMatching(/no screening window by this name/) }));
  });

  it("warns, without blocking, of a replaced score, a window not yet open, a grade that differs and a missing benchmark", () => {
    const m: ColumnMapping = ["localId", "grade", "measure:m-orf"];
    const plan = planScreeningFile(parsed("id,Grade,ORF\nMV2,3,65\nMV3,K,20\nMV1,4,90\n"), m, lookups({ today: "2027-01-05" }));
    expect(plan.errors).toBe(0);
    expect(plan.writes).toHaveLength(3);
    expect(plan.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [2, "The winter window opens on 202"],
      [2, "Replaces the score 60 saved be"],
      [3, "There is no ORF words correct "],
      [4, "The student is in grade 3 in t"],
    ]);
  });

  it("stops at a mapping that cannot work, before reading any row", () => {
    const plan = planScreeningFile(parsed("id,ORF\nMV1,50\n"), ["ignore", "measure:m-unknown"], lookups({ defaultWindow: null }));
    expect(plan.writes).toEqual([]);
    expect(plan.problems.map((p) => p.message)).toEqual([
      "Choose the column that holds the student’s local id.",
      "This column is mapped to a measure the district does not screen with.",
      "Choose the screening window of the scores, or map the column that names it.",
    ]);
  });
});

describe("reading a file without quotes (decision 054)", () => {
  /** parseScreeningCsv as it was before the plain-file path: Papa for every file, lines counted from its cursor. */
  function papaReference(text: string) {
    const body = text.replace(/^\uFEFF/, "");
    const out: { headers: string[] | null; rows: { line: number; cells: string[] }[] } = { headers: null, rows: [] };
    let counted = 0;
    let line = 1;
    const first = body.slice(0, body.search(/\r?\n|$/));
    const count = (c: string) => first.split(c).length - 1;
    const delimiter = [",", ";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ",");
    Papa.parse<string[]>(body, {
      delimiter,
      skipEmptyLines: false,
      step: (result) => {
        const rowLine = line;
        for (let i = counted; i < result.meta.cursor; i++) if (body.charCodeAt(i) === 10) line += 1;
        counted = result.meta.cursor;
        const cells = result.data.map((c) => c.trim());
        if (cells.every((c) => c === "")) return;
        if (!out.headers) out.headers = cells;
        else out.rows.push({ line: rowLine, cells });
      },
    });
    return out;
  }

  const cell = fc.stringMatching(/^[ A-Za-z0-9.,;\t-]{0,6}$/);
  const file = fc.record({
    separator: fc.constantFrom(",", ";", "\t"),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
    newline: fc.constantFrom("\n", "\r\n"),
    blankLinesAtEnd: fc.integer({ min: 0, max: 2 }),
  });

  it("reads rows, cells and lines exactly as Papa does, for every separator and line break", () => {
    fc.assert(
      fc.property(file, ({ separator, rows, newline, blankLinesAtEnd }) => {
        const lines = [["id", "ORF", "Math"].join(separator), ...rows.map((r) => r.join(separator)), ...Array<string>(blankLinesAtEnd).fill("")];
        const text = lines.join(newline);
        const reference = papaReference(text);
        const parsed = parseScreeningCsv(text);
        // The only way such a file is refused: every row under the header is blank.
        if (parsed.ok) expect({ headers: parsed.file.headers, rows: parsed.file.rows }).toEqual(reference);
        else expect(reference.rows).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves files with quotes or mixed line breaks to Papa", () => {
    const quoted = parseScreeningCsv('id,ORF\nA1,"9\n1"\nA2,50\n');
    expect(quoted.ok && quoted.file.rows).toEqual([
      { line: 2, cells: ["A1", "9\n1"] },
      { line: 4, cells: ["A2", "50"] },
    ]);
    const mixed = "id,ORF\r\nA1,91\nA2,50\r\n";
    const parsed = parseScreeningCsv(mixed);
    expect(parsed.ok && { headers: parsed.file.headers, rows: parsed.file.rows }).toEqual(papaReference(mixed));
  });
});
