// Spreadsheet import (issue 17, decision 019): students, staff and guardians
// from CSV or XLSX files, for districts without OneRoster. Pure: the server
// reads the files into tables (rows of cells with their line) and hands in a
// snapshot of what the district holds; this module proposes a column mapping
// from the headers, validates each row and returns a plan (what to create and
// update, field by field) with findings in the OneRoster import's shape
// (file, line, column, value, plain message; an error blocks, a warning does not).

import type { Findings } from "./oneroster/findings";
import { gradeOf, type GradeLevel } from "./oneroster/spec";

export const SHEET_KINDS = ["students", "staff", "guardians"] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
export const SHEET_KIND_LABEL: Record<SheetKind, string> = { students: "Students", staff: "Staff", guardians: "Guardians" };

interface FieldSpec {
  label: string;
  required: boolean;
  /** Normalised headers (lower case, letters and digits only) proposed for this field. */
  headers: string[];
}

const FIRST = ["firstname", "first", "givenname", "legalfirstname", "studentfirstname", "stafffirstname"];
const LAST = ["lastname", "last", "surname", "familyname", "legallastname", "studentlastname", "stafflastname"];
const STUDENT_ID = ["studentid", "localid", "studentnumber", "studentno", "sisid", "localstudentid", "stateid", "id", "studentlocalid", "pupilnumber"];
const SCHOOL = ["school", "schoolname", "schoolcode", "building", "campus", "site", "schoolid"];

export const SHEET_FIELDS = {
  students: {
    localId: { label: "Local student id", required: true, headers: STUDENT_ID },
    firstName: { label: "Legal first name", required: true, headers: FIRST },
    middleName: { label: "Middle name", required: false, headers: ["middlename", "middle", "legalmiddlename", "middleinitial"] },
    lastName: { label: "Legal last name", required: true, headers: LAST },
    preferredName: { label: "Preferred name", required: false, headers: ["preferredname", "nickname", "preferredfirstname", "goesby"] },
    dateOfBirth: { label: "Date of birth", required: false, headers: ["dateofbirth", "birthdate", "dob", "birthday"] },
    grade: { label: "Grade", required: true, headers: ["grade", "gradelevel", "currentgrade", "gr"] },
    school: { label: "School (name or code)", required: true, headers: SCHOOL },
    gender: { label: "Gender", required: false, headers: ["gender", "sex"] },
    englishLearner: { label: "English learner", required: false, headers: ["englishlearner", "ell", "el", "lep", "englishlanguagelearner"] },
    homeLanguage: { label: "Home language", required: false, headers: ["homelanguage", "language", "primarylanguage"] },
  },
  staff: {
    email: { label: "Email", required: true, headers: ["email", "emailaddress", "staffemail", "workemail", "mail"] },
    firstName: { label: "First name", required: true, headers: FIRST },
    lastName: { label: "Last name", required: true, headers: LAST },
    role: { label: "Role or job title", required: false, headers: ["role", "title", "jobtitle", "position", "staffrole"] },
    school: { label: "School (name or code)", required: false, headers: SCHOOL },
  },
  guardians: {
    studentLocalId: { label: "Student's local id", required: true, headers: STUDENT_ID },
    name: { label: "Guardian name", required: true, headers: ["guardianname", "parentname", "parentguardianname", "guardianparentname", "contactname", "name", "guardian", "parent", "fullname"] },
    relationship: { label: "Relationship", required: false, headers: ["relationship", "relation", "relationshiptostudent", "contacttype"] },
    phone: { label: "Phone", required: false, headers: ["phone", "phonenumber", "guardianphone", "parentphone", "mobile", "cell", "telephone"] },
    email: { label: "Email", required: false, headers: ["email", "emailaddress", "guardianemail", "parentemail"] },
    preferredLanguage: { label: "Preferred language", required: false, headers: ["preferredlanguage", "language", "homelanguage"] },
  },
} as const satisfies Record<SheetKind, Record<string, FieldSpec>>;

export type FieldOf<K extends SheetKind> = keyof (typeof SHEET_FIELDS)[K] & string;
export type AnyField = FieldOf<"students"> | FieldOf<"staff"> | FieldOf<"guardians">;

/** A table read from a file: a CSV file or one worksheet of an XLSX workbook. Cells are text, or a Date from a date cell. */
export interface SheetTable {
  /** The file's name as uploaded. */
  file: string;
  /** The worksheet's name (XLSX), or null for CSV. */
  sheet: string | null;
  headers: string[];
  /** Line 1 is the header; a row keeps the line (XLSX: the row number) it was on. */
  rows: { line: number; cells: (string | Date)[] }[];
}

/** What each column of a table holds: the kind of table, and per column a field or null (ignored). */
export interface TableMapping {
  kind: SheetKind;
  columns: (AnyField | null)[];
}

export const normaliseHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The kind of a table, proposed from its sheet or file name, else from its headers. */
export function proposeKind(name: string, headers: string[]): SheetKind {
  const n = normaliseHeader(name);
  if (/guardian|parent|contact|famil/.test(n)) return "guardians";
  if (/staff|teacher|employee|faculty/.test(n)) return "staff";
  if (/student|pupil|enrol/.test(n)) return "students";
  const hs = headers.map(normaliseHeader);
  if (hs.some((h) => /guardian|parent|relationship/.test(h))) return "guardians";
  if (hs.some((h) => /email/.test(h)) && !hs.some((h) => /grade/.test(h))) return "staff";
  return "students";
}

/** Each header matched to the field it names (first match wins; a field is proposed once). */
export function proposeMapping(kind: SheetKind, headers: string[]): (AnyField | null)[] {
  const fields = SHEET_FIELDS[kind] as Record<string, FieldSpec>;
  const taken = new Set<string>();
  const out: (AnyField | null)[] = headers.map(() => null);
  // Exact synonyms first, in the order each field lists them (so "Student ID" beats "ID").
  for (const [field, spec] of Object.entries(fields)) {
    for (const synonym of spec.headers) {
      const i = headers.findIndex((h, j) => out[j] === null && normaliseHeader(h) === synonym);
      if (i !== -1 && !taken.has(field)) {
        out[i] = field as AnyField;
        taken.add(field);
        break;
      }
    }
  }
  return out;
}

/** Problems with a mapping itself: required fields without a column, a field mapped twice. */
export function mappingProblems(mapping: TableMapping, headers: string[]): { field: string; message: string }[] {
  const fields = SHEET_FIELDS[mapping.kind] as Record<string, FieldSpec>;
  const problems: { field: string; message: string }[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const cols = mapping.columns.flatMap((f, i) => (f === field ? [headers[i] ?? `column ${i + 1}`] : []));
    if (spec.required && cols.length === 0) problems.push({ field: spec.label, message: `No column holds “${spec.label}”, which is required. Choose the column that does, or add it to the file.` });
    if (cols.length > 1) problems.push({ field: spec.label, message: `“${spec.label}” is chosen for ${cols.length} columns (${cols.join(", ")}); choose it for one.` });
  }
  for (const f of mapping.columns) if (f !== null && !(f in fields)) problems.push({ field: f, message: `“${f}” is not a field of ${SHEET_KIND_LABEL[mapping.kind].toLowerCase()}.` });
  return problems;
}

// ---------- cell validators (pure, tested one by one) ----------

export type Check<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
};

/** A date as YYYY-MM-DD: ISO, US month/day/year (what US spreadsheets show), or a date cell. */
export function checkDate(cell: string | Date): Check<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, message: "This is not a date." };
    return { ok: true, value: cell.toISOString().slice(0, 10) };
  }
  const s = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let out: string | null = null;
  if (m) out = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) out = iso(Number(m[3]), Number(m[1]), Number(m[2]));
  if (!out) return { ok: false, message: "This is not a date the import can read. Write it as YYYY-MM-DD (2016-09-30) or MM/DD/YYYY (09/30/2016)." };
  return { ok: true, value: out };
}

/** A student's birth date: a real date, not in the future, not more than 30 years ago. */
export function checkBirthDate(cell: string | Date, today: string): Check<string> {
  const d = checkDate(cell);
  if (!d.ok) return d;
  if (d.value > today) return { ok: false, message: "The birth date is in the future." };
  if (Number(d.value.slice(0, 4)) < Number(today.slice(0, 4)) - 30) return { ok: false, message: "The birth date is more than 30 years ago; check the year." };
  return d;
}

/** A grade PK-12 as spreadsheets write it: PK, Pre-K, TK, K, KG, Kindergarten, 1-12, 01, "Grade 3", "3rd". */
export function checkGrade(cell: string): Check<GradeLevel> {
  const s = cell.trim();
  const n = normaliseHeader(s);
  if (["prek", "prekindergarten", "preschool", "pk3", "pk4"].includes(n)) return { ok: true, value: "PK" };
  if (n === "kindergarten") return { ok: true, value: "KG" };
  // Spaces and underscores only: "-1" must not read as 1.
  const stripped = /^(?:grade|gr)?0*(\d{1,2})(?:st|nd|rd|th)?(?:grade)?$/.exec(s.toLowerCase().replace(/[\s_.]/g, ""))?.[1];
  const g = gradeOf(stripped ?? s);
  if (g.grade) return g.note ? { ok: true, value: g.grade, warning: `Read as ${g.grade}: ${g.note}.` } : { ok: true, value: g.grade };
  return { ok: false, message: "The grade must be PK, K or 1 to 12." };
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;
export function checkEmail(cell: string): Check<string> {
  const s = cell.trim();
  if (!EMAIL.test(s) || s.length > 254) return { ok: false, message: "This is not an email address." };
  return { ok: true, value: s.toLowerCase() };
}

export type Gender = "FEMALE" | "MALE" | "NONBINARY" | "NOT_SPECIFIED";
export function checkGender(cell: string): Check<Gender> {
  const n = normaliseHeader(cell);
  if (cell.trim() === "" || n === "u" || n === "unknown" || n === "notspecified") return { ok: true, value: "NOT_SPECIFIED" };
  if (n === "f" || n === "female" || n === "girl") return { ok: true, value: "FEMALE" };
  if (n === "m" || n === "male" || n === "boy") return { ok: true, value: "MALE" };
  if (n === "x" || n === "n" || n === "nonbinary") return { ok: true, value: "NONBINARY" };
  return { ok: true, value: "NOT_SPECIFIED", warning: "The gender was not understood and is recorded as not specified (F, M, X or empty)." };
}

export function checkYesNo(cell: string): Check<boolean> {
  const n = normaliseHeader(cell);
  if (["y", "yes", "true", "1", "x"].includes(n)) return { ok: true, value: true };
  if (["", "n", "no", "false", "0"].includes(n)) return { ok: true, value: false };
  return { ok: true, value: false, warning: "Read as “no”: write Yes or No." };
}

// ---------- the plan ----------

export interface SnapshotSchool {
  id: string;
  name: string;
  code: string | null;
  archived: boolean;
}
export interface SnapshotStudent {
  id: string;
  localId: string;
  schoolId: string;
  legalFirstName: string;
  legalMiddleName: string | null;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  grade: GradeLevel;
  gender: Gender;
  englishLearner: boolean;
  homeLanguage: string | null;
  archived: boolean;
}
export interface SnapshotStaff {
  id: string;
  email: string | null;
  givenName: string;
  familyName: string;
  oneRosterRole: string;
  schoolId: string | null;
  archived: boolean;
}
export interface SnapshotGuardian {
  id: string;
  studentId: string;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  position: number;
}
export interface SheetSnapshot {
  schools: SnapshotSchool[];
  students: SnapshotStudent[];
  staff: SnapshotStaff[];
  guardians: SnapshotGuardian[];
  /** Today in the district's time zone (YYYY-MM-DD), for birth dates. */
  today: string;
}

export interface StudentFields {
  schoolId: string;
  legalFirstName: string;
  legalMiddleName: string | null;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  grade: GradeLevel;
  gender: Gender;
  englishLearner: boolean;
  homeLanguage: string | null;
}
export interface StaffFields {
  givenName: string;
  familyName: string;
  oneRosterRole: string;
  schoolId: string | null;
}
export interface GuardianFields {
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
}

export interface SheetPlan {
  students: { create: ({ localId: string } & StudentFields)[]; update: { id: string; localId: string; data: Partial<StudentFields>; restore: boolean }[] };
  staff: { create: ({ email: string } & StaffFields)[]; update: { id: string; data: Partial<StaffFields>; restore: boolean }[] };
  /** A guardian's student is an existing id or the local id of a student this plan creates. */
  guardians: {
    create: ({ student: { id: string } | { localId: string }; position: number } & GuardianFields)[];
    update: { id: string; data: Partial<GuardianFields> }[];
  };
}

export interface SheetCounts {
  students: { create: number; update: number };
  staff: { create: number; update: number };
  guardians: { create: number; update: number };
}

export const sheetCountsOf = (p: SheetPlan): SheetCounts => ({
  students: { create: p.students.create.length, update: p.students.update.length },
  staff: { create: p.staff.create.length, update: p.staff.update.length },
  guardians: { create: p.guardians.create.length, update: p.guardians.update.length },
});

const text = (cell: string | Date | undefined): string => (cell === undefined ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : cell.trim());
const orNull = (s: string) => (s === "" ? null : s);
const MAX_TEXT = 200;

/** Only the fields whose value differs (an unmapped field is never in `next`). */
function diff<T extends object>(current: T, next: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (next[k] !== undefined && next[k] !== current[k]) out[k] = next[k];
  return out;
}

/**
 * Validates every row of every table against the mapping and plans the writes
 * against the snapshot. Students are matched by local id, staff by email,
 * guardians by their student and then email (else name), so importing the same
 * files again plans nothing.
 */
export function buildSheetPlan(tables: SheetTable[], mappings: TableMapping[], snapshot: SheetSnapshot, findings: Findings): SheetPlan {
  const plan: SheetPlan = { students: { create: [], update: [] }, staff: { create: [], update: [] }, guardians: { create: [], update: [] } };
  const schoolsByKey = new Map<string, SnapshotSchool>();
  for (const s of snapshot.schools) {
    schoolsByKey.set(s.name.trim().toLowerCase(), s);
    if (s.code) schoolsByKey.set(`code:${s.code.trim().toLowerCase()}`, s);
  }
  const studentsByLocalId = new Map(snapshot.students.map((s) => [s.localId.toLowerCase(), s]));
  const staffByEmail = new Map(snapshot.staff.filter((s) => s.email).map((s) => [(s.email as string).toLowerCase(), s]));
  const guardiansByStudent = new Map<string, SnapshotGuardian[]>();
  for (const g of snapshot.guardians) guardiansByStudent.set(g.studentId, [...(guardiansByStudent.get(g.studentId) ?? []), g]);

  const seenStudents = new Map<string, string>(); // local id → "file line n"
  const seenStaff = new Map<string, string>();
  const seenGuardians = new Map<string, string>();
  const fileStudents = new Set<string>(); // local ids (lower case) the files hold
  const where = (t: SheetTable) => (t.sheet ? `${t.file} (${t.sheet})` : t.file);

  // Students first, so guardians may name students of the same upload.
  const order = (k: SheetKind) => (k === "students" ? 0 : k === "staff" ? 1 : 2);
  const pairs = tables.map((t, i) => ({ table: t, mapping: mappings[i] as TableMapping })).sort((a, b) => order(a.mapping.kind) - order(b.mapping.kind));

  for (const { table, mapping } of pairs) {
    const file = where(table);
    const problems = mappingProblems(mapping, table.headers);
    for (const p of problems) findings.error(file, 1, p.field, null, p.message);
    if (problems.length) continue;
    const col = new Map<string, number>();
    mapping.columns.forEach((f, i) => {
      if (f) col.set(f, i);
    });
    const fields = SHEET_FIELDS[mapping.kind] as Record<string, FieldSpec>;
    const has = (f: string) => col.has(f);

    for (const row of table.rows) {
      const cell = (f: string) => (col.has(f) ? (row.cells[col.get(f) as number] ?? "") : "");
      const header = (f: string) => table.headers[col.get(f) as number] ?? fields[f]?.label ?? f;
      let bad = false;
      const err = (f: string, value: string | null, message: string) => {
        findings.error(file, row.line, header(f), value, message);
        bad = true;
      };
      const warn = (f: string, value: string | null, message: string) => findings.warning(file, row.line, header(f), value, message);
      const required = (f: string) => {
        const v = text(cell(f));
        if (v === "") err(f, "", `“${fields[f]?.label}” is required.`);
        else if (v.length > MAX_TEXT) err(f, v, `Use at most ${MAX_TEXT} characters.`);
        return v;
      };
      const optional = (f: string) => {
        const v = text(cell(f));
        if (v.length > MAX_TEXT) err(f, v, `Use at most ${MAX_TEXT} characters.`);
        return orNull(v);
      };
      const school = (f: string, need: boolean): string | null | undefined => {
        if (!has(f)) return undefined;
        const v = text(cell(f));
        if (v === "") {
          if (need) err(f, "", "“School” is required.");
          return null;
        }
        const s = schoolsByKey.get(v.toLowerCase()) ?? schoolsByKey.get(`code:${v.toLowerCase()}`);
        if (!s) {
          err(f, v, "No school of the district has this name or code. Use the school's name as the app shows it, or its code.");
          return null;
        }
        if (s.archived) {
          err(f, v, "This school is archived; students and staff cannot be placed in it.");
          return null;
        }
        return s.id;
      };

      if (mapping.kind === "students") {
        const localId = required("localId");
        const key = localId.toLowerCase();
        if (localId && seenStudents.has(key)) err("localId", localId, `This local id is also on ${seenStudents.get(key)}: each student once.`);
        if (localId && !seenStudents.has(key)) seenStudents.set(key, `${file} line ${row.line}`);
        fileStudents.add(key);
        const legalFirstName = required("firstName");
        const legalLastName = required("lastName");
        const gradeCell = text(cell("grade"));
        const grade = gradeCell === "" ? (err("grade", "", "“Grade” is required."), null) : checkGrade(gradeCell);
        if (grade && !grade.ok) err("grade", gradeCell, grade.message);
        if (grade?.ok && grade.warning) warn("grade", gradeCell, grade.warning);
        const schoolId = school("school", true);
        let dateOfBirth: string | null | undefined;
        if (has("dateOfBirth")) {
          const raw = cell("dateOfBirth");
          if (text(raw) === "") {
            dateOfBirth = undefined;
            warn("dateOfBirth", "", "No birth date: the student's record shows “Not recorded” until someone enters it.");
          } else {
            const d = checkBirthDate(raw, snapshot.today);
            if (d.ok) dateOfBirth = d.value;
            else err("dateOfBirth", text(raw), d.message);
          }
        }
        let gender: Gender | undefined;
        if (has("gender")) {
          const g = checkGender(text(cell("gender")));
          if (g.ok) gender = g.value;
          if (g.ok && g.warning) warn("gender", text(cell("gender")), g.warning);
        }
        let englishLearner: boolean | undefined;
        if (has("englishLearner")) {
          const e = checkYesNo(text(cell("englishLearner")));
          if (e.ok) englishLearner = e.value;
          if (e.ok && e.warning) warn("englishLearner", text(cell("englishLearner")), e.warning);
        }
        const middle = has("middleName") ? optional("middleName") : undefined;
        const preferred = has("preferredName") ? optional("preferredName") : undefined;
        const homeLanguage = has("homeLanguage") ? optional("homeLanguage") : undefined;
        if (bad || !grade?.ok || !schoolId) continue;
        const next = {
          schoolId,
          legalFirstName,
          legalLastName,
          grade: grade.value,
          ...(middle !== undefined ? { legalMiddleName: middle } : {}),
          ...(preferred !== undefined ? { preferredName: preferred } : {}),
          ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
          ...(gender !== undefined ? { gender } : {}),
          ...(englishLearner !== undefined ? { englishLearner } : {}),
          ...(homeLanguage !== undefined ? { homeLanguage } : {}),
        };
        const existing = studentsByLocalId.get(key);
        if (existing) {
          const data = diff<StudentFields>(existing, next);
          if (existing.archived) warn("localId", localId, "This student was archived; the import restores the record.");
          if (Object.keys(data).length || existing.archived) plan.students.update.push({ id: existing.id, localId: existing.localId, data, restore: existing.archived });
        } else {
          plan.students.create.push({ localId, legalMiddleName: null, preferredName: null, dateOfBirth: null, gender: "NOT_SPECIFIED", englishLearner: false, homeLanguage: null, ...next });
        }
      } else if (mapping.kind === "staff") {
        const rawEmail = required("email");
        const email = rawEmail ? checkEmail(rawEmail) : null;
        if (email && !email.ok) err("email", rawEmail, email.message);
        if (email?.ok && seenStaff.has(email.value)) err("email", rawEmail, `This email is also on ${seenStaff.get(email.value)}: each person once.`);
        if (email?.ok && !seenStaff.has(email.value)) seenStaff.set(email.value, `${file} line ${row.line}`);
        const givenName = required("firstName");
        const familyName = required("lastName");
        const role = has("role") ? (optional("role") ?? "staff") : undefined;
        const schoolId = school("school", false);
        if (bad || !email?.ok) continue;
        const next = { givenName, familyName, ...(role !== undefined ? { oneRosterRole: role } : {}), ...(schoolId !== undefined ? { schoolId } : {}) };
        const existing = staffByEmail.get(email.value);
        if (existing) {
          const data = diff<StaffFields>(existing, next);
          if (Object.keys(data).length || existing.archived) plan.staff.update.push({ id: existing.id, data, restore: existing.archived });
        } else {
          plan.staff.create.push({ email: email.value, oneRosterRole: "staff", schoolId: null, ...next });
        }
      } else {
        const studentLocalId = required("studentLocalId");
        const key = studentLocalId.toLowerCase();
        const existingStudent = studentsByLocalId.get(key);
        if (studentLocalId && !existingStudent && !fileStudents.has(key)) {
          err("studentLocalId", studentLocalId, "No student has this local id, in these files or in the district.");
        }
        const name = required("name");
        const relationship = has("relationship") ? (optional("relationship") ?? "Guardian") : undefined;
        const phone = has("phone") ? optional("phone") : undefined;
        if (phone && !/^[0-9+().\-\s/x]{7,30}$/i.test(phone)) err("phone", phone, "This is not a phone number (digits, spaces, + ( ) - . and x for an extension).");
        let email: string | null | undefined;
        if (has("email")) {
          const raw = text(cell("email"));
          if (raw === "") email = null;
          else {
            const e = checkEmail(raw);
            if (e.ok) email = e.value;
            else err("email", raw, e.message);
          }
        }
        const preferredLanguage = has("preferredLanguage") ? optional("preferredLanguage") : undefined;
        const gkey = `${key}\u0000${email ?? name.toLowerCase()}`;
        if (studentLocalId && name && seenGuardians.has(gkey)) err("name", name, `This guardian of this student is also on ${seenGuardians.get(gkey)}.`);
        else if (studentLocalId && name) seenGuardians.set(gkey, `${file} line ${row.line}`);
        if (bad) continue;
        const next: Partial<GuardianFields> = {
          name,
          ...(relationship !== undefined ? { relationship } : {}),
          ...(phone !== undefined ? { phone } : {}),
          ...(email !== undefined ? { email } : {}),
          ...(preferredLanguage !== undefined ? { preferredLanguage } : {}),
        };
        const current = existingStudent ? (guardiansByStudent.get(existingStudent.id) ?? []) : [];
        const match = current.find((g) => (email && g.email?.toLowerCase() === email) || g.name.trim().toLowerCase() === name.toLowerCase());
        if (match) {
          const data = diff<GuardianFields>(match, next);
          if (Object.keys(data).length) plan.guardians.update.push({ id: match.id, data });
        } else {
          const planned = plan.guardians.create.filter((g) => ("localId" in g.student ? g.student.localId.toLowerCase() === key : g.student.id === existingStudent?.id)).length;
          const position = current.reduce((m, g) => Math.max(m, g.position + 1), 0) + planned;
          const student = existingStudent ? { id: existingStudent.id } : { localId: plan.students.create.find((s) => s.localId.toLowerCase() === key)?.localId ?? studentLocalId };
          plan.guardians.create.push({ student, position, relationship: "Guardian", phone: null, email: null, preferredLanguage: null, ...next, name });
        }
      }
    }
  }
  return plan;
}
