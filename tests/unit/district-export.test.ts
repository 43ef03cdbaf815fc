// The district export's description map and README (decision 022); the
// integration test compares the map with the database itself.
import { describe, expect, it } from "vitest";
import { EXPORT_TABLES, exportedColumns, exportFileName, exportReadme, withheldColumns, type TableSpec } from "@/domain/district-export";
import { csvCell } from "@/server/csv";

const META = { districtName: "Maple Valley", exportedAt: "2026-12-05T14:00:00.000Z" };

describe("file names", () => {
  it("are the table names in kebab case, one per table, all different", () => {
    expect(exportFileName("Student")).toBe("student.csv");
    expect(exportFileName("ClassEnrollment")).toBe("class-enrollment.csv");
    expect(exportFileName("CicoRatingRevision")).toBe("cico-rating-revision.csv");
    const names = Object.keys(EXPORT_TABLES).map(exportFileName);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("the description map", () => {
  it("describes every column with a sentence or withholds it with a reason", () => {
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      expect(spec.about.length, `${table}: about`).toBeGreaterThan(10);
      for (const [column, c] of Object.entries(spec.columns)) {
        const text = typeof c === "string" ? c : c.withheld;
        expect(text.trim().length, `${table}.${column}`).toBeGreaterThan(2);
      }
    }
  });

  it("withholds the credentials and raw uploads, and nothing else", () => {
    expect(withheldColumns().map((w) => `${w.table}.${w.column}`).sort()).toEqual([
      "BackgroundJob.secret",
      "DistrictSmtp.password",
      "DistrictSso.clientSecret",
      "ImportFile.data",
      "Membership.sessionVersion",
      "User.passwordHash",
      "User.passwordTemporaryUntil",
      "User.passwordTemporaryUsedAt",
      "User.sessionVersion",
      "User.totpLastTimeStep",
      "User.totpPendingSecret",
      "User.totpSecret",
      "User.twoFactorGraceUntil",
    ]);
    expect(exportedColumns(EXPORT_TABLES.User!)).toEqual(["id", "email", "name", "createdAt", "updatedAt", "passwordChangedAt", "totpEnabledAt"]);
  });

  it("names only files that exist when a column refers to another file", () => {
    const files = new Set(Object.keys(EXPORT_TABLES).map(exportFileName));
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      for (const [column, c] of Object.entries(spec.columns)) {
        if (typeof c !== "string") continue;
        for (const named of c.match(/[a-z-]+\.csv/g) ?? []) expect(files.has(named), `${table}.${column} names ${named}`).toBe(true);
      }
    }
  });
});

describe("the README", () => {
  const readme = exportReadme(META);

  it("has a section per file with every exported column and its meaning", () => {
    for (const [table, spec] of Object.entries(EXPORT_TABLES)) {
      const start = readme.indexOf(`### ${exportFileName(table)}\n`);
      expect(start, table).toBeGreaterThan(0);
      const end = readme.indexOf("\n### ", start + 1);
      const section = readme.slice(start, end < 0 ? undefined : end);
      expect(section).toContain(spec.about);
      for (const column of exportedColumns(spec)) expect(section, `${table}.${column}`).toContain(`| ${column} | `);
    }
  });

  it("lists what is withheld under Left out, and no withheld column as a file column", () => {
    expect(readme).toContain("- user.csv `passwordHash`: a credential (the password's hash).");
    expect(readme).toContain("- import-file.csv `data`: ");
    const userSection = readme.slice(readme.indexOf("### user.csv"), readme.indexOf("\n### ", readme.indexOf("### user.csv") + 1));
    expect(userSection).not.toContain("passwordHash");
  });

  it("is generated from the map it is given (a new column shows up; a pipe cannot break the table)", () => {
    const tables: Record<string, TableSpec> = { Widget: { scope: "tenant", about: "Widgets.", columns: { id: "Id.", size: "Width | height.", secret: { withheld: "a secret" } } } };
    const text = exportReadme(META, tables);
    expect(text).toContain("# Maple Valley: full data export");
    expect(text).toContain("Exported 2026-12-05T14:00:00.000Z");
    expect(text).toContain("### widget.csv\n\nWidgets.\n\n| Column | Meaning |\n| --- | --- |\n| id | Id. |\n| size | Width \\| height. |\n");
    expect(text).toContain("- widget.csv `secret`: a secret.");
  });
});

describe("CSV cells of the export (the shared csvCell)", () => {
  it("neutralises text starting with =, +, - or @ and leaves numbers and plain text alone", () => {
    expect(csvCell("=1+2")).toBe(`"'=1+2"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("-cmd")).toBe(`"'-cmd"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell(-5)).toBe(`"-5"`);
    expect(csvCell("Ana")).toBe(`"Ana"`);
    expect(csvCell(null)).toBe(`""`);
  });
});
