// Issue 21: a NUL (or any control character) in an uploaded file's name is
// refused with a clear message by every upload field, before the file is read
// or its name reaches the database.
import { describe, expect, it } from "vitest";
import { ZUploadBenchmarksInput } from "@/server/benchmarks/schemas";
import { ZStartImportInput, ZStartSheetImportInput } from "@/server/imports/schemas";
import { ZUploadScreeningFileInput } from "@/server/screening/schemas";
import { FILE_NAME_CONTROL_MESSAGE, fileNameProblem } from "@/server/upload-file";

const BAD_NAMES = ["scores\u0000.csv", "a\nb.csv", "tab\t.csv", "esc\u001b[31m.csv", "del\u007f.csv", "c1\u0085.csv", "invoice\u202Evsc.exe"];
const file = (name: string) => new File(["student,score\nMaya,40\n"], name, { type: "text/csv" });
const messagesOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("file names of uploads", () => {
  it("accepts ordinary names, accents and spaces included", () => {
    for (const name of ["scores.csv", "Fall 2026 – Maple Élémentaire.csv", "成绩.xlsx", "a".repeat(255)]) expect(fileNameProblem(name), name).toBeNull();
  });

  it("refuses control characters, bidirectional overrides, lone surrogates and over-long names with a message", () => {
    for (const name of BAD_NAMES) expect(fileNameProblem(name), JSON.stringify(name)).toBe(FILE_NAME_CONTROL_MESSAGE);
    expect(fileNameProblem("x\uD800.csv")).toMatch(/not valid text/);
    expect(fileNameProblem(`${"a".repeat(256)}`)).toMatch(/longer than 255/);
  });

  it("is checked by the screening and benchmark upload schemas", () => {
    for (const name of BAD_NAMES) {
      expect(messagesOf(ZUploadScreeningFileInput.safeParse({ file: file(name) }))).toEqual([FILE_NAME_CONTROL_MESSAGE]);
      expect(messagesOf(ZUploadBenchmarksInput.safeParse({ file: file(name) }))).toEqual([FILE_NAME_CONTROL_MESSAGE]);
    }
    expect(ZUploadScreeningFileInput.safeParse({ file: file("scores.csv") }).success).toBe(true);
    expect(ZUploadBenchmarksInput.safeParse({ file: file("benchmarks.csv") }).success).toBe(true);
  });

  it("is checked by both import schemas (which list the names before reading the files)", () => {
    expect(messagesOf(ZStartImportInput.safeParse({ files: ["manifest.csv", "users\u0000.csv"] }))).toEqual([FILE_NAME_CONTROL_MESSAGE]);
    expect(messagesOf(ZStartSheetImportInput.safeParse({ files: ["roster\r\n.xlsx"] }))).toEqual([FILE_NAME_CONTROL_MESSAGE]);
    expect(ZStartSheetImportInput.safeParse({ files: ["roster.xlsx"] }).success).toBe(true);
  });
});
