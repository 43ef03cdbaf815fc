// Spreadsheet import (decision 019): the mapping proposed from real export
// headers, each cell validator, and the plan against a snapshot (re-import
// plans nothing; every bad row is a finding with its place).
import { describe, expect, it } from "vitest";
import { Findings } from "@/domain/oneroster/findings";
import {
  buildSheetPlan,
  checkBirthDate,
  checkDate,
  checkEmail,
  checkGender,
  checkGrade,
  mappingProblems,
  proposeKind,
  proposeMapping,
  sheetCountsOf,
  type SheetSnapshot,
  type SheetTable,
  type TableMapping,
} from "@/domain/spreadsheet";

describe("proposeMapping", () => {
  it("maps a PowerSchool-style student export's headers", () => {
    const headers = ["Student_Number", "First_Name", "Middle_Name", "Last_Name", "DOB", "Grade_Level", "School Name", "Gender", "ELL", "Homeroom"];
    expect(proposeMapping("students", headers)).toEqual(["localId", "firstName", "middleName", "lastName", "dateOfBirth", "grade", "school", "gender", "englishLearner", null]);
  });

  it("prefers the specific header over a generic one and proposes each field once", () => {
    expect(proposeMapping("students", ["ID", "Student ID", "First", "Last", "Grade", "School", "School Code"])).toEqual([null, "localId", "firstName", "lastName", "grade", "school", null]);
  });

  it("maps staff and guardian headers", () => {
    expect(proposeMapping("staff", ["Email Address", "Given Name", "Surname", "Job Title", "Building"])).toEqual(["email", "firstName", "lastName", "role", "school"]);
    expect(proposeMapping("guardians", ["Student ID", "Parent Name", "Relationship", "Phone Number", "Email", "Preferred Language"])).toEqual([
      "studentLocalId",
      "name",
      "relationship",
      "phone",
      "email",
      "preferredLanguage",
    ]);
  });

  it("reads the office's \"Parent/Guardian Name\" header", () => {
    expect(proposeMapping("guardians", ["Student ID", "Parent/Guardian Name"])).toEqual(["studentLocalId", "name"]);
  });

  it("proposes the kind from the sheet name, else from the headers", () => {
    expect(proposeKind("Guardians", ["Student ID", "Name"])).toBe("guardians");
    expect(proposeKind("Staff 2026.csv", ["Email"])).toBe("staff");
    expect(proposeKind("Sheet1", ["Email", "First", "Last"])).toBe("staff");
    expect(proposeKind("Sheet1", ["Student ID", "Parent Name"])).toBe("guardians");
    expect(proposeKind("export.csv", ["Student ID", "Grade"])).toBe("students");
  });

  it("reports required fields without a column and a field chosen twice", () => {
    const m: TableMapping = { kind: "students", columns: ["localId", "firstName", "firstName"] };
    const p = mappingProblems(m, ["id", "a", "b"]).map((x) => x.message);
    expect(p.some((x) => /Legal last name.*required/.test(x))).toBe(true);
    expect(p.some((x) => /Grade.*required/.test(x))).toBe(true);
    expect(p.some((x) => /chosen for 2 columns \(a, b\)/.test(x))).toBe(true);
  });
});

describe("cell validators", () => {
  it("reads grades PK-12 as spreadsheets write them and refuses others", () => {
    for (const [cell, grade] of [["PK", "PK"], ["Pre-K", "PK"], ["K", "KG"], ["Kindergarten", "KG"], ["1", "G1"], ["03", "G3"], ["Grade 5", "G5"], ["5th", "G5"], ["12", "G12"]] as const) {
      expect(checkGrade(cell)).toMatchObject({ ok: true, value: grade });
    }
    expect(checkGrade("TK")).toMatchObject({ ok: true, value: "PK", warning: expect.stringMatching(/transitional/) });
    for (const bad of ["13", "0", "Adult", "G", "-1", "first"]) expect(checkGrade(bad)).toMatchObject({ ok: false, message: "The grade must be PK, K or 1 to 12." });
  });

  it("reads ISO and US dates and date cells; refuses impossible ones", () => {
    expect(checkDate("2016-09-30")).toEqual({ ok: true, value: "2016-09-30" });
    expect(checkDate("9/30/2016")).toEqual({ ok: true, value: "2016-09-30" });
    expect(checkDate(new Date(Date.UTC(2016, 8, 30)))).toEqual({ ok: true, value: "2016-09-30" });
    for (const bad of ["2016-02-30", "30/09/2016", "Sept 30", "2016/09/30", "13/01/2016"]) expect(checkDate(bad).ok).toBe(false);
    expect(checkBirthDate("2030-01-01", "2026-12-05")).toMatchObject({ ok: false, message: /future/ });
    expect(checkBirthDate("1950-01-01", "2026-12-05")).toMatchObject({ ok: false, message: /30 years/ });
  });

  it("checks emails and reads genders", () => {
    expect(checkEmail(" A.Teacher@MapleValley.k12.us ")).toEqual({ ok: true, value: "a.teacher@maplevalley.k12.us" });
    for (const bad of ["teacher", "a@b", "a b@c.org", "a@b.c", "<a@b.org>"]) expect(checkEmail(bad).ok).toBe(false);
    expect(checkGender("F")).toEqual({ ok: true, value: "FEMALE" });
    expect(checkGender("Male")).toEqual({ ok: true, value: "MALE" });
    expect(checkGender("?")).toMatchObject({ ok: true, value: "NOT_SPECIFIED", warning: expect.any(String) });
  });
});

const snapshot = (): SheetSnapshot => ({
  today: "2026-12-05",
  schools: [
    { id: "s-north", name: "North Elementary", code: "NE", archived: false },
    { id: "s-old", name: "Old School", code: null, archived: true },
  ],
  students: [
    {
      id: "st-1",
      localId: "1001",
      schoolId: "s-north",
      legalFirstName: "Ana",
      legalMiddleName: null,
      legalLastName: "Lopez",
      preferredName: null,
      dateOfBirth: "2017-03-04",
      grade: "G3",
      gender: "FEMALE",
      englishLearner: false,
      homeLanguage: null,
      archived: false,
    },
  ],
  staff: [{ id: "rs-1", email: "t.one@d.org", givenName: "Tess", familyName: "One", oneRosterRole: "teacher", schoolId: "s-north", archived: false }],
  guardians: [{ id: "g-1", studentId: "st-1", name: "Maria Lopez", relationship: "Mother", phone: null, email: "maria@example.org", preferredLanguage: "Spanish", position: 0 }],
});

const STUDENT_HEADERS = ["Student ID", "First Name", "Last Name", "Grade", "School", "Birth Date"];
const students = (rows: string[][]): SheetTable => ({ file: "students.csv", sheet: null, headers: STUDENT_HEADERS, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const studentMapping: TableMapping = { kind: "students", columns: ["localId", "firstName", "lastName", "grade", "school", "dateOfBirth"] };
const GUARDIAN_HEADERS = ["Student ID", "Guardian Name", "Relationship", "Email"];
const guardians = (rows: string[][]): SheetTable => ({ file: "guardians.csv", sheet: null, headers: GUARDIAN_HEADERS, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const guardianMapping: TableMapping = { kind: "guardians", columns: ["studentLocalId", "name", "relationship", "email"] };

describe("buildSheetPlan", () => {
  it("matches students by local id, updates only what differs, and plans nothing for the same data", () => {
    const f = new Findings();
    const same = buildSheetPlan([students([["1001", "Ana", "Lopez", "3", "North Elementary", "2017-03-04"]])], [studentMapping], snapshot(), f);
    expect(sheetCountsOf(same)).toEqual({ students: { create: 0, update: 0 }, staff: { create: 0, update: 0 }, guardians: { create: 0, update: 0 } });
    expect(f.errors).toBe(0);
    const moved = buildSheetPlan([students([["1001", "Ana", "Lopez", "4", "ne", "2017-03-04"], ["1002", "Ben", "Kim", "K", "North Elementary", "3/9/2021"]])], [studentMapping], snapshot(), new Findings());
    expect(moved.students.update).toEqual([{ id: "st-1", localId: "1001", data: { grade: "G4" }, restore: false }]);
    expect(moved.students.create).toMatchObject([{ localId: "1002", grade: "KG", dateOfBirth: "2021-03-09", schoolId: "s-north" }]);
  });

  it("reports every bad row with its file, line, column and value, and plans none of them", () => {
    const f = new Findings();
    const plan = buildSheetPlan(
      [
        students([
          ["2001", "Cal", "Ray", "14", "North Elementary", "2016-01-01"],
          ["2002", "Dee", "Ray", "2", "Mars Academy", "2016-01-01"],
          ["2003", "Eve", "Ray", "2", "North Elementary", "2016-13-01"],
          ["2001", "Cal", "Ray", "2", "North Elementary", "2016-01-01"],
          ["", "Fay", "", "2", "Old School", ""],
        ]),
      ],
      [studentMapping],
      snapshot(),
      f,
    );
    expect(plan.students.create).toEqual([]);
    const at = (line: number) => f.list.filter((x) => x.line === line && x.severity === "error").map((x) => [x.file, x.column, x.value]);
    expect(at(2)).toEqual([["students.csv", "Grade", "14"]]);
    expect(at(3)).toEqual([["students.csv", "School", "Mars Academy"]]);
    expect(at(4)).toEqual([["students.csv", "Birth Date", "2016-13-01"]]);
    expect(at(5)).toEqual([["students.csv", "Student ID", "2001"]]);
    expect(f.list.find((x) => x.line === 5)?.message).toMatch(/also on students.csv line 2/);
    expect(at(6)).toEqual([
      ["students.csv", "Student ID", ""],
      ["students.csv", "Last Name", ""],
      ["students.csv", "School", "Old School"],
    ]);
    expect(f.list.some((x) => x.line === 6 && x.severity === "warning" && x.column === "Birth Date")).toBe(true);
  });

  it("a missing required column is one error at the header, and the table is not read", () => {
    const f = new Findings();
    const plan = buildSheetPlan([students([["1001", "Ana", "Lopez", "3", "North Elementary", ""]])], [{ kind: "students", columns: ["localId", "firstName", null, "grade", "school", null] }], snapshot(), f);
    expect(plan.students.update).toEqual([]);
    expect(f.list).toMatchObject([{ severity: "error", line: 1, column: "Legal last name", message: expect.stringMatching(/required/) }]);
  });

  it("guardians: students of the file or the district; unknown ones, bad emails and duplicates are errors; a known guardian is matched", () => {
    const f = new Findings();
    const plan = buildSheetPlan(
      [
        guardians([
          ["1001", "Maria Lopez", "Mother", "MARIA@example.org"],
          ["1001", "Luis Lopez", "Father", ""],
          ["3001", "New Parent", "Mother", "np@example.org"],
          ["9999", "Nobody", "Aunt", ""],
          ["1001", "Bad Mail", "Aunt", "bad@"],
          ["1001", "Luis Lopez", "Father", ""],
        ]),
        students([["3001", "Gil", "Noor", "1", "North Elementary", "2019-05-05"]]),
      ],
      [guardianMapping, studentMapping],
      snapshot(),
      f,
    );
    expect(plan.guardians.update).toEqual([]); // Maria: same data (email compared in lower case)
    expect(plan.guardians.create).toMatchObject([
      { student: { id: "st-1" }, name: "Luis Lopez", relationship: "Father", email: null, position: 1 },
      { student: { localId: "3001" }, name: "New Parent", position: 0 },
    ]);
    const errors = f.list.filter((x) => x.severity === "error").map((x) => [x.line, x.column, x.message.slice(0, 30)]);
    expect(errors).toEqual([
      [5, "Student ID", "No student has this local id, "],
      [6, "Email", "This is not an email address."],
      [7, "Guardian Name", "This guardian of this student "],
    ]);
  });

  it("staff: matched by email in any case; a new email is created; duplicates and bad emails are errors", () => {
    const f = new Findings();
    const table: SheetTable = {
      file: "people.xlsx",
      sheet: "Staff",
      headers: ["Email", "First", "Last", "Role"],
      rows: [
        { line: 2, cells: ["T.One@D.org", "Tess", "One", "teacher"] },
        { line: 3, cells: ["new@d.org", "Nia", "New", "aide"] },
        { line: 4, cells: ["new@d.org", "Nia", "New", "aide"] },
        { line: 5, cells: ["nope", "No", "Mail", ""] },
      ],
    };
    const plan = buildSheetPlan([table], [{ kind: "staff", columns: ["email", "firstName", "lastName", "role"] }], snapshot(), f);
    expect(plan.staff.update).toEqual([]);
    expect(plan.staff.create).toEqual([{ email: "new@d.org", givenName: "Nia", familyName: "New", oneRosterRole: "aide", schoolId: null }]);
    expect(f.list.filter((x) => x.severity === "error").map((x) => [x.file, x.line])).toEqual([
      ["people.xlsx (Staff)", 4],
      ["people.xlsx (Staff)", 5],
    ]);
  });
});
