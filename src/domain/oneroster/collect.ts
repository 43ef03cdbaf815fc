// Reads OneRoster CSV records into a validated, normalised roster set: each
// row checked on its own (required fields, codes, dates, grades, duplicate
// sourcedIds), every problem recorded with file, line, column and value.
// References between files are checked in plan.ts, which also knows what an
// earlier import left in the database (a delta file may name those).

import type { CsvRecord } from "./csv";
import type { Findings } from "./findings";
import {
  COLUMN_ALIASES,
  COLUMNS,
  ENROLLMENT_ROLES,
  ORG_TYPES,
  REQUIRED,
  SESSION_TYPES,
  USER_ROLES,
  gradeOf,
  type GradeLevel,
  type OneRosterVersion,
  type UsedFile,
} from "./spec";

export type RowStatus = "active" | "tobedeleted";
/** How the manifest says a file is sent: the whole set (bulk), changes only (delta), or not at all. */
export type FileMode = "bulk" | "delta" | "absent";
export type DataFile = Exclude<UsedFile, "manifest">;

interface Base {
  sourcedId: string;
  status: RowStatus;
  file: string;
  line: number;
}
export interface OrgRow extends Base {
  name: string;
  type: string;
  identifier: string | null;
  parentSourcedId: string | null;
}
export interface SessionRow extends Base {
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  schoolYear: number | null;
  parentSourcedId: string | null;
}
export interface CourseRow extends Base {
  title: string;
  courseCode: string | null;
}
export interface ClassRow extends Base {
  title: string;
  courseSourcedId: string | null;
  classCode: string | null;
  schoolSourcedId: string;
  termSourcedIds: string[];
  periods: string | null;
}
export interface UserRow extends Base {
  givenName: string;
  familyName: string;
  middleName: string | null;
  preferredGivenName: string | null;
  identifier: string | null;
  userMasterIdentifier: string | null;
  email: string | null;
  /** 1.1: users.role; 1.2: from roles.csv (primary role first), filled in by finish(). */
  role: string | null;
  orgSourcedIds: string[];
  grade: GradeLevel | null;
  /** The grades column as written (for messages). */
  gradesText: string;
}
export interface RoleRow extends Base {
  userSourcedId: string;
  roleType: string;
  role: string;
  orgSourcedId: string;
}
export interface DemographicsRow extends Base {
  birthDate: string | null;
  sex: "MALE" | "FEMALE" | "NOT_SPECIFIED" | null;
  races: string[];
  /** Columns present in the row (an empty cell means "not told", not "no"). */
  hispanicLatino: boolean | null;
}
export interface EnrollmentRow extends Base {
  classSourcedId: string;
  schoolSourcedId: string | null;
  userSourcedId: string;
  role: "STUDENT" | "TEACHER" | "AIDE";
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}

export interface RosterSet {
  version: OneRosterVersion | null;
  modes: Partial<Record<DataFile, FileMode>>;
  /** Which files were read (present in the upload and usable). */
  present: Set<DataFile>;
  /** Files that could not be read to their end: nothing may be applied from such a set. */
  broken: Set<DataFile>;
  orgs: Map<string, OrgRow>;
  sessions: Map<string, SessionRow>;
  courses: Map<string, CourseRow>;
  classes: Map<string, ClassRow>;
  users: Map<string, UserRow>;
  roles: RoleRow[];
  demographics: Map<string, DemographicsRow>;
  enrollments: Map<string, EnrollmentRow>;
}

export function emptySet(): RosterSet {
  return {
    version: null,
    modes: {},
    present: new Set(),
    broken: new Set(),
    orgs: new Map(),
    sessions: new Map(),
    courses: new Map(),
    classes: new Map(),
    users: new Map(),
    roles: [],
    demographics: new Map(),
    enrollments: new Map(),
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date written YYYY-MM-DD (the binding's format), or null. */
export function isoDate(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? value : null;
}
/** dateLastModified: an ISO 8601 date-time (or a date). */
function isDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m || !isoDate(m[1] ?? "")) return false;
  return m[2] === undefined || (Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
}

/** Reads a list field ("a,b" or "a, b"). */
const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const orNull = (v: string) => (v === "" ? null : v);

/**
 * Where enrollment rows go instead of `set.enrollments` (issue 17): the server
 * stages them in a table of the import's transaction, a batch at a time, so a
 * 400,000-row file is never held in memory. `add` takes a row that passed the
 * per-row checks; `flush` is awaited after each batch the parser yields.
 *
 * The duplicate-sourcedId check is made over the staged rows too (decision
 * 047), so no map of 400,000 sourcedIds is kept: every row with a sourcedId is
 * staged (`checkpoint`, where the in-memory check stands), and the findings
 * made while the file is read are recorded (`record`, through
 * Findings.redirect) instead of reported. `finish` then finds the duplicates,
 * drops the findings of a duplicate row made after its checkpoint (the
 * in-memory check skips that row's other checks) and reports everything in
 * the order it was made, each duplicate's error at its checkpoint.
 */
export interface EnrollmentSink {
  add(row: EnrollmentRow): void;
  /** A new row begins (its findings until the checkpoint are kept even if it is a duplicate). */
  row(): void;
  /** The row's sourcedId, where the duplicate check stands: the row is staged for the check whether or not it passes the rest. */
  checkpoint(line: number, sourcedId: string): void;
  /** A finding made while the file is read (Findings.redirect). */
  record: NonNullable<Findings["redirect"]>;
  /** Writes what was added once there is a batch's worth (or everything, at the end of the file). */
  flush(end?: boolean): Promise<void>;
  /** After the file: flushes, finds the duplicate sourcedIds and reports every recorded finding into `findings`, in order. */
  finish(findings: Findings, file: string): Promise<void>;
}

export class RosterCollector {
  readonly set: RosterSet = emptySet();
  private manifestSeen = false;

  constructor(
    private readonly findings: Findings,
    private readonly enrollmentSink?: EnrollmentSink,
  ) {}

  /** manifest.csv: the version and each file's mode. Read it first. */
  async readManifest(file: string, batches: AsyncIterable<CsvRecord[]>): Promise<void> {
    this.manifestSeen = true;
    let first = true;
    // Rows come in batches (one await per batch); `continue` moves to the next row.
    for await (const batch of batches) for (const { line, fields } of batch) {
      if (first) {
        first = false;
        if (fields[0]?.trim() !== "propertyName" || fields[1]?.trim() !== "value") {
          this.findings.error(file, line, null, fields.join(","), 'The manifest\'s header must be "propertyName,value".');
          return;
        }
        continue;
      }
      const [name = "", raw = ""] = fields.map((f) => f.trim());
      if (name === "oneroster.version") {
        if (raw === "1.1" || raw === "1.2") this.set.version = raw;
        else this.findings.error(file, line, "value", raw, "Only OneRoster versions 1.1 and 1.2 can be imported.");
      } else if (name.startsWith("file.")) {
        const canonical = name.slice(5);
        const dataFile = (Object.keys(COLUMNS["1.1"]) as DataFile[]).find((f) => f.toLowerCase() === canonical.toLowerCase());
        if (!dataFile) continue;
        if (raw === "bulk" || raw === "delta" || raw === "absent") this.set.modes[dataFile] = raw;
        else if (raw === "") this.set.modes[dataFile] = "absent";
        else this.findings.error(file, line, "value", raw, 'A file is sent as "bulk", "delta" or "absent".');
      }
    }
    if (first) this.findings.error(file, null, null, null, "The manifest is empty.");
    else if (!this.set.version) this.findings.error(file, null, null, null, "The manifest does not say which OneRoster version the files are (oneroster.version).");
  }

  /** After every file: what the manifest promised and the upload lacks, and the version when there was no manifest. */
  checkManifest(uploadedNames: Map<DataFile, string>): void {
    if (!this.manifestSeen) {
      this.findings.error("manifest.csv", null, null, null, "The upload has no manifest.csv: it says which OneRoster version the files are and whether they are complete (bulk) or changes (delta).");
      return;
    }
    for (const [file, mode] of Object.entries(this.set.modes) as [DataFile, FileMode][]) {
      if (mode !== "absent" && !uploadedNames.has(file)) {
        this.findings.error(`${file}.csv`, null, null, null, `The manifest lists ${file}.csv as ${mode}, but the upload has no such file.`);
      }
    }
    for (const [file, name] of uploadedNames) {
      if ((this.set.modes[file] ?? "absent") === "absent") {
        this.findings.warning(name, null, null, null, "The manifest says this file is absent, so it was not imported.");
      }
    }
  }

  /** Whether the manifest says the file is to be read (bulk or delta). */
  wants(file: DataFile): boolean {
    return (this.set.modes[file] ?? "absent") !== "absent";
  }

  async readFile(kind: DataFile, file: string, batches: AsyncIterable<CsvRecord[]>): Promise<void> {
    const sink = kind === "enrollments" ? this.enrollmentSink : undefined;
    if (!sink) return this.readRows(kind, file, batches);
    // Every finding of the file, the CSV reader's included, is held back until the duplicates are known.
    this.findings.redirect = sink.record;
    try {
      await this.readRows(kind, file, batches, sink);
    } finally {
      this.findings.redirect = null;
    }
    await sink.finish(this.findings, file);
  }

  private async readRows(kind: DataFile, file: string, batches: AsyncIterable<CsvRecord[]>, sink?: EnrollmentSink): Promise<void> {
    const version = this.set.version ?? "1.2";
    const known = COLUMNS[version][kind];
    const required = REQUIRED[version][kind];
    const delta = this.set.modes[kind] === "delta";
    let header: string[] | null = null;
    let width = 0;
    const index = new Map<string, number>();
    const seen = new Map<string, number>();
    const f = this.findings;
    this.set.present.add(kind);

    // The row being read. `get` and `need` are made once per file, not per row:
    // a scale import reads 466,000 rows twice, and two closures per row were a
    // visible share of the reading time and of the garbage collector's.
    let line = 0;
    let fields: string[] = [];
    let status: RowStatus = "active";
    const get = (name: string): string => {
      const i = index.get(name);
      return i === undefined ? "" : (fields[i] ?? "").trim();
    };
    const need = (name: string): string | null => {
      const v = get(name);
      if (!v && status === "active") {
        f.error(file, line, name, "", `The ${name} column must not be empty.`);
        return null;
      }
      return v;
    };

    // Rows come in batches (one await per batch); `continue` moves to the next row.
    for await (const batch of batches) {
      if (sink) await sink.flush();
      for (const record of batch) {
        line = record.line;
        fields = record.fields;
        if (!header) {
          header = this.header(kind, file, line, fields, known, required);
          if (!header) {
            // The file cannot be read; drain nothing more, and mark it.
            this.set.broken.add(kind);
            return;
          }
          width = header.length;
          // Column positions looked up once, not per cell (a scale import reads 400,000 rows).
          for (let i = header.length - 1; i >= 0; i--) index.set(header[i] as string, i);
          while (width > 0 && header[width - 1] === "") width--;
          continue;
        }
        sink?.row();
        if (fields.length > width && fields.slice(width).some((v) => v.trim() !== "")) {
          f.warning(file, line, null, null, `This row has ${fields.length} fields, the header ${width} columns: the extra fields were ignored.`);
        } else if (fields.length < width && !(fields.length === 1 && fields[0] === "")) {
          f.warning(file, line, null, null, `This row has ${fields.length} fields, the header ${width} columns: the missing ones were read as empty.`);
        }
        const sourcedId = get("sourcedId");
        if (!sourcedId) {
          f.error(file, line, "sourcedId", "", "Every row needs a sourcedId.");
          continue;
        }
        if (sink) sink.checkpoint(line, sourcedId);
        else {
          const previous = seen.get(sourcedId);
          if (previous !== undefined) {
            f.error(file, line, "sourcedId", sourcedId, `The sourcedId is also on line ${previous}: each row needs its own.`);
            continue;
          }
          seen.set(sourcedId, line);
        }
        const read = this.status(file, line, get("status"), delta);
        if (!read) continue;
        status = read;
        const modified = get("dateLastModified");
        if (modified && !isDateTime(modified)) {
          f.warning(file, line, "dateLastModified", modified, "Not a date in the form 2024-08-15 or 2024-08-15T10:00:00Z; the value is not used by the import.");
        }
        // Each row's common fields are written out in its object literal: spread from a
        // shared object ({ sourcedId, status, file, line, ... }), they made V8 build every row the slow way
        // (most of the per-row time of a 416,000-row enrollments file).
        switch (kind) {
          case "orgs": {
            const name = need("name");
            const type = get("type");
            if (type && !(ORG_TYPES as readonly string[]).includes(type)) {
              f.warning(file, line, "type", type, `Not an org type of OneRoster (${ORG_TYPES.join(", ")}).`);
            }
            if (name === null) break;
            this.set.orgs.set(sourcedId, { sourcedId, status, file, line, name, type, identifier: orNull(get("identifier")), parentSourcedId: orNull(get("parentSourcedId")) });
            break;
          }
          case "academicSessions": {
            const title = need("title");
            const type = get("type");
            if (type && !(SESSION_TYPES as readonly string[]).includes(type)) {
              f.warning(file, line, "type", type, `Not an academic session type of OneRoster (${SESSION_TYPES.join(", ")}).`);
            }
            const startDate = this.date(file, line, "startDate", get("startDate"), "error");
            const endDate = this.date(file, line, "endDate", get("endDate"), "error");
            if (startDate && endDate && endDate < startDate) f.error(file, line, "endDate", endDate, "The session ends before it starts.");
            const yearText = get("schoolYear");
            let schoolYear: number | null = null;
            if (yearText) {
              if (/^\d{4}$/.test(yearText)) schoolYear = Number(yearText);
              else f.error(file, line, "schoolYear", yearText, "The school year is a year such as 2025 (the year the school year ends).");
            }
            if (title === null || startDate === undefined || endDate === undefined) break;
            this.set.sessions.set(sourcedId, { sourcedId, status, file, line, title, type, startDate, endDate, schoolYear, parentSourcedId: orNull(get("parentSourcedId")) });
            break;
          }
          case "courses": {
            const title = need("title");
            if (title === null) break;
            this.set.courses.set(sourcedId, { sourcedId, status, file, line, title, courseCode: orNull(get("courseCode")) });
            break;
          }
          case "classes": {
            const title = need("title");
            const school = need("schoolSourcedId");
            const classType = get("classType");
            if (classType && classType !== "homeroom" && classType !== "scheduled") {
              f.warning(file, line, "classType", classType, 'The class type is "homeroom" or "scheduled" (in lower case); the class was imported anyway.');
            }
            for (const g of list(get("grades"))) {
              const { grade, known } = gradeOf(g);
              if (!known) f.warning(file, line, "grades", g, "Not a grade code (PK, KG, 01 to 12); the class's grades are not used.");
              else if (!grade) f.warning(file, line, "grades", g, "A grade outside PK-12; the class's grades are not used.");
            }
            if (title === null || school === null) break;
            this.set.classes.set(sourcedId, {
              sourcedId,
              status,
              file,
              line,
              title,
              courseSourcedId: orNull(get("courseSourcedId")),
              classCode: orNull(get("classCode")),
              schoolSourcedId: school,
              termSourcedIds: list(get("termSourcedIds")),
              periods: orNull(list(get("periods")).join(", ")),
            });
            break;
          }
          case "users": {
            const givenName = need("givenName");
            const familyName = need("familyName");
            const role = get("role");
            if (version === "1.1" && !role && status === "active") f.error(file, line, "role", "", "The role column must not be empty.");
            if (role && !(USER_ROLES as readonly string[]).includes(role)) f.error(file, line, "role", role, "Not a role of OneRoster.");
            const email = get("email");
            if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) f.warning(file, line, "email", email, "Not an email address; the person cannot be invited by it.");
            const gradesText = get("grades");
            const codes = list(gradesText);
            let grade: GradeLevel | null = null;
            const firstCode = codes[0];
            if (firstCode !== undefined) {
              const read = gradeOf(firstCode);
              if (!read.known) f.error(file, line, "grades", firstCode, "Not a grade code (PK, KG, 01 to 12).");
              else if (read.note) f.warning(file, line, "grades", firstCode, `The grade was read as PK: ${read.note}.`);
              grade = read.grade;
              if (codes.length > 1) f.warning(file, line, "grades", gradesText, `Several grades; the first (${firstCode}) is used.`);
            }
            const orgs = list(get("orgSourcedIds"));
            const primary = get("primaryOrgSourcedId");
            if (givenName === null || familyName === null) break;
            this.set.users.set(sourcedId, {
              sourcedId,
              status,
              file,
              line,
              givenName,
              familyName,
              middleName: orNull(get("middleName")),
              preferredGivenName: orNull(get("preferredGivenName")),
              identifier: orNull(get("identifier")),
              userMasterIdentifier: orNull(get("userMasterIdentifier")),
              email: email && email.includes("@") ? email.toLowerCase() : null,
              role: role && (USER_ROLES as readonly string[]).includes(role) ? role : null,
              orgSourcedIds: primary ? [primary, ...orgs.filter((o) => o !== primary)] : orgs,
              grade,
              gradesText,
            });
            break;
          }
          case "roles": {
            const userSourcedId = need("userSourcedId");
            const role = need("role");
            const orgSourcedId = need("orgSourcedId");
            const roleType = get("roleType");
            if (roleType && roleType !== "primary" && roleType !== "secondary") f.warning(file, line, "roleType", roleType, 'The role type is "primary" or "secondary".');
            if (role && !(USER_ROLES as readonly string[]).includes(role)) {
              f.error(file, line, "role", role, "Not a role of OneRoster.");
              break;
            }
            if (userSourcedId === null || role === null || orgSourcedId === null) break;
            this.set.roles.push({ sourcedId, status, file, line, userSourcedId, roleType, role, orgSourcedId });
            break;
          }
          case "demographics": {
            const birth = get("birthDate");
            const birthDate = birth ? this.date(file, line, "birthDate", birth, "error") : null;
            const sexText = get("sex");
            let sex: DemographicsRow["sex"] = null;
            if (sexText === "male") sex = "MALE";
            else if (sexText === "female") sex = "FEMALE";
            // "other" is not the same as non-binary: the record says only that it is not specified.
            else if (sexText === "other" || sexText === "unspecified") sex = "NOT_SPECIFIED";
            else if (sexText) f.warning(file, line, "sex", sexText, 'The sex is "male", "female", "other" or "unspecified"; it was not imported.');
            const races: string[] = [];
            const RACE_COLUMNS: Record<string, string> = {
              americanIndianOrAlaskaNative: "AMERICAN_INDIAN_ALASKA_NATIVE",
              asian: "ASIAN",
              blackOrAfricanAmerican: "BLACK_AFRICAN_AMERICAN",
              nativeHawaiianOrOtherPacificIslander: "NATIVE_HAWAIIAN_PACIFIC_ISLANDER",
              white: "WHITE",
            };
            for (const [column, race] of Object.entries(RACE_COLUMNS)) {
              const b = this.bool(file, line, column, get(column));
              if (b) races.push(race);
            }
            const hispanic = this.bool(file, line, "hispanicOrLatinoEthnicity", get("hispanicOrLatinoEthnicity"));
            if (birthDate === undefined) break;
            this.set.demographics.set(sourcedId, { sourcedId, status, file, line, birthDate, sex, races, hispanicLatino: hispanic });
            break;
          }
          case "enrollments": {
            const classSourcedId = need("classSourcedId");
            const userSourcedId = need("userSourcedId");
            const roleText = need("role");
            let role: EnrollmentRow["role"] | null = null;
            if (roleText === "student") role = "STUDENT";
            else if (roleText === "teacher") role = "TEACHER";
            else if (roleText === "aide" || roleText === "proctor") role = "AIDE";
            else if (roleText === "administrator") {
              f.warning(file, line, "role", roleText, "Administrators are not kept on class rosters; this enrollment was skipped.");
              break;
            } else if (roleText) {
              f.error(file, line, "role", roleText, `Not an enrollment role of OneRoster (${ENROLLMENT_ROLES.join(", ")}).`);
              break;
            }
            const primaryText = get("primary").toLowerCase();
            if (primaryText && primaryText !== "true" && primaryText !== "false") f.warning(file, line, "primary", get("primary"), 'Primary is "true" or "false"; read as false.');
            const beginDate = this.date(file, line, "beginDate", get("beginDate"), "warning") ?? null;
            const endDate = this.date(file, line, "endDate", get("endDate"), "warning") ?? null;
            if (classSourcedId === null || userSourcedId === null || (role === null && status === "active")) break;
            const row: EnrollmentRow = {
              sourcedId,
              status,
              file,
              line,
              classSourcedId,
              schoolSourcedId: orNull(get("schoolSourcedId")),
              userSourcedId,
              role: role ?? "STUDENT",
              primary: primaryText === "true",
              beginDate,
              endDate,
            };
            if (sink) sink.add(row);
            else this.set.enrollments.set(sourcedId, row);
            break;
          }
        }
      }
      // What the reader reports between batches (a decoding problem, a CSV error) is no row's.
      sink?.row();
    }
    if (!header) f.error(file, null, null, null, "The file is empty: it needs at least its header line.");
  }

  /** 1.2: each user's role and orgs from roles.csv (primary first). After every file. */
  finish(): void {
    const byUser = new Map<string, RoleRow[]>();
    for (const r of this.set.roles) {
      if (r.status !== "active") continue;
      const rows = byUser.get(r.userSourcedId) ?? [];
      rows.push(r);
      byUser.set(r.userSourcedId, rows);
    }
    for (const [userId, rows] of byUser) {
      const user = this.set.users.get(userId);
      rows.sort((a, b) => (a.roleType === "primary" ? 0 : 1) - (b.roleType === "primary" ? 0 : 1));
      const first = rows[0];
      if (!user || !first) continue;
      if (!user.role) user.role = first.role;
      else if (rows.some((r) => r.roleType === "primary" && r.role !== user.role)) {
        this.findings.warning(first.file, first.line, "role", first.role, `users.csv gives this person the role ${user.role}; that one is used.`);
      }
      for (const r of rows) if (!user.orgSourcedIds.includes(r.orgSourcedId)) user.orgSourcedIds.push(r.orgSourcedId);
    }
  }

  private header(kind: DataFile, file: string, line: number, fields: string[], known: readonly string[], required: readonly string[]): string[] | null {
    const f = this.findings;
    const cols = fields.map((raw) => {
      const name = raw.trim();
      const alias = COLUMN_ALIASES[name];
      if (alias && known.includes(alias)) {
        f.warning(file, line, name, name, `Read as the column "${alias}" (the name is misspelt).`);
        return alias;
      }
      return name;
    });
    if (known.length === 0) {
      f.warning(file, null, null, null, `OneRoster ${this.set.version} has no ${kind}.csv; the file was not imported.`);
      return null;
    }
    const trailing = cols.length - cols.filter(Boolean).length;
    if (trailing > 0) f.warning(file, line, null, null, `${trailing} column(s) without a name were ignored.`);
    const dup = cols.find((c, i) => c && cols.indexOf(c) !== i);
    if (dup) {
      f.error(file, line, dup, dup, "The column appears twice in the header.");
      return null;
    }
    let ok = true;
    for (const name of required) {
      if (!cols.includes(name)) {
        f.error(file, line, name, null, `The header has no "${name}" column (it is required in ${kind}.csv of OneRoster ${this.set.version ?? ""}). Is this the right file?`.replace(" )", ")"));
        ok = false;
      }
    }
    for (const c of cols) {
      if (!c || known.includes(c) || c.startsWith("ext_") || c.startsWith("metadata.")) continue;
      f.warning(file, line, c, c, `Not a column of ${kind}.csv in OneRoster ${this.set.version ?? ""}; it was ignored.`.replace(" ;", ";"));
    }
    return ok ? cols : null;
  }

  private status(file: string, line: number, value: string, delta: boolean): RowStatus | null {
    if (value === "active" || value === "tobedeleted") return value;
    if (value === "") {
      if (delta) this.findings.warning(file, line, "status", "", "A change (delta) file gives every row a status; read as active.");
      return "active";
    }
    if (value === "inactive") {
      this.findings.warning(file, line, "status", value, 'Not a status of OneRoster ("active" or "tobedeleted"); read as active.');
      return "active";
    }
    this.findings.error(file, line, "status", value, 'The status is "active" or "tobedeleted".');
    return null;
  }

  /** A YYYY-MM-DD date, null when empty, undefined when bad (and reported). */
  private date(file: string, line: number, column: string, value: string, severity: "error" | "warning"): string | null | undefined {
    if (!value) return null;
    const d = isoDate(value);
    if (d) return d;
    this.findings.add(
      severity,
      file,
      line,
      column,
      value,
      severity === "error" ? "Not a date in the form 2024-08-15." : "Not a date in the form 2024-08-15; the value was not imported.",
    );
    return undefined;
  }

  private bool(file: string, line: number, column: string, value: string): boolean | null {
    const v = value.toLowerCase();
    if (v === "") return null;
    if (v === "true") return true;
    if (v === "false") return false;
    this.findings.warning(file, line, column, value, 'Expected "true" or "false"; not imported.');
    return null;
  }
}
