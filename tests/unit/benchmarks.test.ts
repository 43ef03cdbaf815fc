// Benchmarks: the season of a date, reading a typed cell against its measure,
// and reading and writing benchmark files (issue 6).
import { describe, expect, it } from "vitest";
import { readBenchmarkCell, SEASON_MONTHS, seasonOf } from "@/domain/benchmarks";
import { measureByKey, type Measure } from "@/domain/measures";
import { benchmarkCsv, gradeOf, MAX_CSV_ROWS, parseBenchmarkCsv, seasonOfText, type MeasuresByKey } from "@/server/benchmarks/csv";

const ORF = measureByKey("orf_wcpm")!; // higher is better, 0 or more
const INCIDENTS = measureByKey("behaviour_incidents_per_day")!; // lower is better, 0 or more
const DBR = measureByKey("dbr_academic_engagement")!; // higher is better, 0 to 10
const CAPPED: Measure = { ...ORF, min: undefined, max: 50 };

describe("seasonOf", () => {
  it.each([
    ["2026-08-01", "FALL"],
    ["2026-09-15", "FALL"],
    ["2026-11-30", "FALL"],
    ["2026-12-01", "WINTER"],
    ["2027-01-15", "WINTER"],
    ["2027-02-28", "WINTER"],
    ["2028-02-29", "WINTER"],
    ["2027-03-01", "SPRING"],
    ["2027-05-20", "SPRING"],
    ["2027-07-31", "SPRING"],
  ])("%s is in %s", (date, season) => {
    expect(seasonOf(new Date(`${date}T00:00:00Z`))).toBe(season);
  });

  it("reads the UTC date, as DATE columns arrive (23:30 UTC on 30 November is still fall)", () => {
    expect(seasonOf(new Date("2026-11-30T23:30:00Z"))).toBe("FALL");
    expect(seasonOf(new Date("2026-11-30T23:30:00-05:00"))).toBe("WINTER"); // 04:30 UTC on 1 December
  });

  it("the season windows cover each month exactly once", () => {
    expect(Object.values(SEASON_MONTHS).flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("refuses an invalid date", () => {
    expect(() => seasonOf(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("readBenchmarkCell", () => {
  it("reads a benchmark and a risk cut, and blank as none", () => {
    expect(readBenchmarkCell(ORF, { benchmark: " 97 ", riskCut: "79" })).toEqual({ cell: { benchmark: 97, riskCut: 79 }, problems: [] });
    expect(readBenchmarkCell(ORF, { benchmark: "97", riskCut: "" })).toEqual({ cell: { benchmark: 97, riskCut: null }, problems: [] });
    expect(readBenchmarkCell(ORF, {})).toEqual({ cell: { benchmark: null, riskCut: null }, problems: [] });
    expect(readBenchmarkCell(DBR, { benchmark: "7.5", riskCut: ".5" })).toEqual({ cell: { benchmark: 7.5, riskCut: 0.5 }, problems: [] });
  });

  it.each(["abc", "12abc", "1,5", "1e3", "--1", "."])("refuses %j as a number", (text) => {
    expect(readBenchmarkCell(ORF, { benchmark: text })).toEqual({ cell: null, problems: ["the benchmark must be a number"] });
    expect(readBenchmarkCell(ORF, { benchmark: "90", riskCut: text })).toEqual({ cell: null, problems: ["the risk cut must be a number"] });
  });

  it("keeps both values within the measure's range, saying the range it has", () => {
    expect(readBenchmarkCell(DBR, { benchmark: "11", riskCut: "-1" }).problems).toEqual(["the benchmark must be from 0 to 10", "the risk cut must be from 0 to 10"]);
    expect(readBenchmarkCell(ORF, { benchmark: "-5" }).problems).toEqual(["the benchmark must be at least 0"]);
    expect(readBenchmarkCell(CAPPED, { benchmark: "51" }).problems).toEqual(["the benchmark must be at most 50"]);
    expect(readBenchmarkCell(DBR, { benchmark: "10", riskCut: "0" }).cell).toEqual({ benchmark: 10, riskCut: 0 }); // the ends are in range
  });

  it("when higher is better, the risk cut is below the benchmark (equal is refused)", () => {
    expect(readBenchmarkCell(ORF, { benchmark: "97", riskCut: "97" }).problems).toEqual(["the risk cut must be below the benchmark (97), since higher scores are better"]);
    expect(readBenchmarkCell(ORF, { benchmark: "97", riskCut: "120" }).cell).toBeNull();
  });

  it("when lower is better, the risk cut is above the benchmark", () => {
    expect(readBenchmarkCell(INCIDENTS, { benchmark: "2", riskCut: "5" }).cell).toEqual({ benchmark: 2, riskCut: 5 });
    expect(readBenchmarkCell(INCIDENTS, { benchmark: "2", riskCut: "1" }).problems).toEqual(["the risk cut must be above the benchmark (2), since lower scores are better"]);
  });

  it("a risk cut needs a benchmark", () => {
    expect(readBenchmarkCell(ORF, { benchmark: " ", riskCut: "40" })).toEqual({ cell: null, problems: ["a risk cut needs a benchmark"] });
  });
});

describe("gradeOf and seasonOfText", () => {
  it.each([
    ["PK", "PK"],
    ["kg", "KG"],
    ["1", "G1"],
    ["03", "G3"],
    ["12", "G12"],
    ["G7", "G7"],
    [" g10 ", "G10"],
  ])("reads the grade %j as %s", (text, grade) => {
    expect(gradeOf(text)).toBe(grade);
  });

  it.each(["", "0", "13", "G0", "G13", "K", "Grade 3", "3rd", "1.5"])("refuses the grade %j", (text) => {
    expect(gradeOf(text)).toBeNull();
  });

  it("reads seasons in any case and refuses others", () => {
    expect(["fall", "Winter", " SPRING "].map(seasonOfText)).toEqual(["FALL", "WINTER", "SPRING"]);
    expect(["autumn", "summer", ""].map(seasonOfText)).toEqual([null, null, null]);
  });
});

const MEASURES: MeasuresByKey = new Map([
  ["orf_wcpm", { id: "m-orf", measure: ORF }],
  ["behaviour_incidents_per_day", { id: "m-inc", measure: INCIDENTS }],
]);
const HEADER = "measure_key,grade,season,benchmark,risk_cut";
const csv = (...lines: string[]) => lines.join("\n");

describe("parseBenchmarkCsv", () => {
  it("reads every row of a good file, with the grade and season spelled as people do", () => {
    const result = parseBenchmarkCsv(csv(HEADER, "orf_wcpm,3,fall,83,59", "orf_wcpm,G3,Winter,97,", "behaviour_incidents_per_day,KG,SPRING,1,3", ""), MEASURES);
    expect(result).toEqual({
      ok: true,
      rows: [
        { measureId: "m-orf", grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 },
        { measureId: "m-orf", grade: "G3", season: "WINTER", benchmark: 97, riskCut: null },
        { measureId: "m-inc", grade: "KG", season: "SPRING", benchmark: 1, riskCut: 3 },
      ],
    });
  });

  it("takes the columns in any order and case, without risk_cut, after a byte-order mark, with CRLF and quoted cells", () => {
    const text = "\uFEFFSeason,Grade,Benchmark,Measure_Key\r\n\"winter\",\"2\",\"84\",orf_wcpm\r\n";
    expect(parseBenchmarkCsv(text, MEASURES)).toEqual({ ok: true, rows: [{ measureId: "m-orf", grade: "G2", season: "WINTER", benchmark: 84, riskCut: null }] });
  });

  it("refuses a file holding a zero byte as not CSV text, without echoing the cell (issue 21)", () => {
    expect(parseBenchmarkCsv(csv(HEADER, "orf_wcpm,3\u0000,fall,83,59"), MEASURES)).toEqual({ ok: false, problems: ["The file holds binary data (a zero byte): it is not a CSV text file."] });
  });

  it("ignores the blank column a spreadsheet's trailing commas make", () => {
    expect(parseBenchmarkCsv(csv(`${HEADER},`, "orf_wcpm,3,fall,83,59,"), MEASURES)).toEqual({ ok: true, rows: [{ measureId: "m-orf", grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 }] });
  });

  it("numbers rows as a spreadsheet does (header = row 1), counting blank rows but not reporting them", () => {
    const result = parseBenchmarkCsv(csv(HEADER, "orf_wcpm,3,fall,83,59", "", "orf_wcpm,13,fall,83,59", ",,,,", "orf_wcpm,4,autumn,94,75"), MEASURES);
    expect(result).toEqual({
      ok: false,
      problems: ["Row 4: “13” is not a grade (use PK, KG, 1-12 or G1-G12).", "Row 6: “autumn” is not a season (use fall, winter or spring)."],
    });
  });

  it("reports every problem of a row together, and the measure's own rules", () => {
    const result = parseBenchmarkCsv(csv(HEADER, ",,,,", "orf,0,summer,,", "orf_wcpm,2,fall,50,60", "behaviour_incidents_per_day,5,fall,3,1", "orf_wcpm,1,spring,,20", "orf_wcpm,1,winter,x,-2"), MEASURES);
    expect(result).toEqual({
      ok: false,
      problems: [
        "Row 3: there is no measure with the key “orf”; “0” is not a grade (use PK, KG, 1-12 or G1-G12); “summer” is not a season (use fall, winter or spring); the benchmark is missing.",
        "Row 4: the risk cut must be below the benchmark (50), since higher scores are better.",
        "Row 5: the risk cut must be above the benchmark (3), since lower scores are better.",
        "Row 6: the benchmark is missing.",
        "Row 7: the benchmark must be a number.",
      ],
    });
  });

  it("refuses a measure, grade and season given twice, naming the first row", () => {
    const result = parseBenchmarkCsv(csv(HEADER, "orf_wcpm,3,fall,83,59", "orf_wcpm,G3,FALL,80,55", "orf_wcpm,3,winter,97,79"), MEASURES);
    expect(result).toEqual({ ok: false, problems: ["Row 3: it repeats orf_wcpm, grade 3, fall from row 2."] });
  });

  it("refuses a row with more cells than the header and a row it cannot read", () => {
    expect(parseBenchmarkCsv(csv(HEADER, "orf_wcpm,3,fall,83,59,extra"), MEASURES)).toEqual({ ok: false, problems: ["Row 2: it has 6 cells but the header names 5 columns."] });
    const unclosed = parseBenchmarkCsv(csv(HEADER, 'orf_wcpm,3,fall,"83,59'), MEASURES);
    expect(unclosed.ok).toBe(false);
    expect(!unclosed.ok && unclosed.problems[0]).toMatch(/^Row 2: it could not be read \(/);
  });

  it.each([
    ["a missing column", "measure_key,grade,benchmark", ["The column season is missing."]],
    ["an unknown column", `${HEADER},notes`, ["The column “notes” is not one we know."]],
    ["a misspelt column", "measure_key,grade,season,benchmark,riskcut", ["The column “riskcut” is not one we know."]],
    ["a repeated column", `${HEADER},grade`, ["The column grade appears twice."]],
  ])("refuses a header with %s, saying which columns it needs", (_label, header, details) => {
    expect(parseBenchmarkCsv(csv(header, "orf_wcpm,3,fall,83,59"), MEASURES)).toEqual({
      ok: false,
      problems: ["Row 1 must name the columns measure_key, grade, season, benchmark, risk_cut (risk_cut may be left out).", ...details],
    });
  });

  it("refuses a file with no rows, or too many", () => {
    expect(parseBenchmarkCsv(`${HEADER}\n\n`, MEASURES)).toEqual({ ok: false, problems: ["The file has no benchmark rows under its header."] });
    const many = Array.from({ length: MAX_CSV_ROWS + 1 }, () => "orf_wcpm,3,fall,83,59");
    expect(parseBenchmarkCsv(csv(HEADER, ...many), MEASURES)).toEqual({ ok: false, problems: [`The file has ${MAX_CSV_ROWS + 1} rows; upload at most ${MAX_CSV_ROWS} at a time.`] });
  });

  it("cuts long values short in messages", () => {
    const result = parseBenchmarkCsv(csv(HEADER, `${"x".repeat(100)},3,fall,83,59`), MEASURES);
    expect(result).toEqual({ ok: false, problems: [`Row 2: there is no measure with the key “${"x".repeat(30)}…”.`] });
  });
});

describe("benchmarkCsv", () => {
  it("writes the upload format, which parseBenchmarkCsv reads back to the same cells", () => {
    const rows = [
      { measureKey: "orf_wcpm", grade: "KG" as const, season: "FALL" as const, benchmark: 10, riskCut: null },
      { measureKey: "orf_wcpm", grade: "G3" as const, season: "WINTER" as const, benchmark: 97, riskCut: 79 },
      { measureKey: "behaviour_incidents_per_day", grade: "G12" as const, season: "SPRING" as const, benchmark: 0.5, riskCut: 2 },
    ];
    const text = benchmarkCsv(rows);
    expect(text).toBe(`"measure_key","grade","season","benchmark","risk_cut"\r\n"orf_wcpm","KG","fall","10",""\r\n"orf_wcpm","3","winter","97","79"\r\n"behaviour_incidents_per_day","12","spring","0.5","2"\r\n`);
    expect(parseBenchmarkCsv(text, MEASURES)).toEqual({
      ok: true,
      rows: [
        { measureId: "m-orf", grade: "KG", season: "FALL", benchmark: 10, riskCut: null },
        { measureId: "m-orf", grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 },
        { measureId: "m-inc", grade: "G12", season: "SPRING", benchmark: 0.5, riskCut: 2 },
      ],
    });
  });

  it("writes only the header for an empty table", () => {
    expect(benchmarkCsv([])).toBe(`"measure_key","grade","season","benchmark","risk_cut"\r\n`);
  });
});
