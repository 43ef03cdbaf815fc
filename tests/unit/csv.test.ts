// CSV cells (src/server/csv.ts): RFC 4180 quoting, and text a spreadsheet
// would run as a formula neutralised with a leading apostrophe (OWASP's CSV
// injection list: =, +, -, @, tab, carriage return, and their full-width forms).
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/server/csv";

describe("csvCell", () => {
  it.each([
    ["=SUM(A1:A9)", `"'=SUM(A1:A9)"`],
    ["+1-555-0100", `"'+1-555-0100"`],
    ["-2+3", `"'-2+3"`],
    ["@cmd", `"'@cmd"`],
    ["\t=1+1", `"'\t=1+1"`],
    ["\r=1+1", `"'\r=1+1"`],
    ["＝1+1", `"'＝1+1"`],
    ["＋1", `"'＋1"`],
    ["－1", `"'－1"`],
    ["＠A1", `"'＠A1"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])("neutralises %j", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it.each([
    ["Ava Adams", `"Ava Adams"`],
    ["O'Brien, Kai", `"O'Brien, Kai"`],
    ['Said "hi"', `"Said ""hi"""`],
    ["a=b", `"a=b"`],
    [" =1", `" =1"`],
    ["", `""`],
  ])("quotes ordinary text %j as it is", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it("keeps numbers numbers, negative ones too (a number is not a formula)", () => {
    expect(csvCell(-6)).toBe(`"-6"`);
    expect(csvCell(12)).toBe(`"12"`);
    expect(csvCell(0)).toBe(`"0"`);
  });

  it("writes null and undefined as empty cells", () => {
    expect(csvCell(null)).toBe(`""`);
    expect(csvCell(undefined)).toBe(`""`);
  });
});

describe("toCsv", () => {
  it("joins cells with commas and rows with CRLF, ending with one", () => {
    expect(toCsv([["Due", "Student"], ["2026-12-01", "=evil"], [-3, null]])).toBe(`"Due","Student"\r\n"2026-12-01","'=evil"\r\n"-3",""\r\n`);
  });
});
