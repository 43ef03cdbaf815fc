// From a validated roster set and what the district already holds, the plan
// of changes: what would be created, updated, archived or removed. Pure, so
// the dry run and the apply run the very same function (decision 018); the
// server executes the plan in the transaction that read the snapshot.

import type { ClassRow, EnrollmentRow, RosterSet, UserRow } from "./collect";
import type { Findings } from "./findings";
import { DEFAULT_STAFF_MAPPING, GUARDIAN_ROLES, STAFF_ROLES, type GradeLevel, type OneRosterRole, type StaffTarget } from "./spec";

export type SchoolLevel = "ELEMENTARY" | "MIDDLE" | "HIGH" | "OTHER";
export type Gender = "FEMALE" | "MALE" | "NONBINARY" | "NOT_SPECIFIED";

// ------------------------------------------------------------ the snapshot

export interface ExistingSchool {
  id: string;
  sourcedId: string | null;
  name: string;
  code: string | null;
  archived: boolean;
}
export interface ExistingStudent {
  id: string;
  sourcedId: string | null;
  localId: string;
  schoolId: string;
  legalFirstName: string;
  legalMiddleName: string | null;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  grade: GradeLevel;
  gender: Gender;
  hispanicLatino: boolean;
  races: string[];
  archived: boolean;
}
export interface ExistingStaff {
  id: string;
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  oneRosterRole: string;
  schoolId: string | null;
  userId: string | null;
  archived: boolean;
}
export interface ExistingSession {
  id: string;
  sourcedId: string;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  schoolYear: number | null;
  parentSourcedId: string | null;
}
export interface ExistingClass {
  id: string;
  sourcedId: string;
  schoolId: string;
  title: string;
  courseCode: string | null;
  classCode: string | null;
  periods: string | null;
  termId: string | null;
}
export interface ExistingEnrollment {
  id: string;
  sourcedId: string;
  classId: string;
  studentId: string | null;
  rosterStaffId: string | null;
  role: EnrollmentRow["role"];
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}
export interface Snapshot {
  schools: ExistingSchool[];
  students: ExistingStudent[];
  staff: ExistingStaff[];
  sessions: ExistingSession[];
  classes: ExistingClass[];
  enrollments: ExistingEnrollment[];
  /** Emails of the district's own staff and invitations (lower case) and the account each is. */
  districtAccounts: Map<string, string>;
}

// ---------------------------------------------------------------- the plan

/** A reference to a row: an existing id, or the sourcedId of a row this plan creates. */
export type Ref = { id: string } | { sourcedId: string };

export interface SchoolData {
  sourcedId: string;
  name: string;
  code: string | null;
  level: SchoolLevel;
}
export interface StudentData {
  sourcedId: string;
  localId: string;
  school: Ref;
  legalFirstName: string;
  legalMiddleName: string | null;
  legalLastName: string;
  preferredName: string | null;
  grade: GradeLevel;
  /** Fields below are only set when the files tell them (demographics). */
  dateOfBirth?: string | null;
  gender?: Gender;
  hispanicLatino?: boolean;
  races?: string[];
}
export interface StaffData {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  oneRosterRole: string;
  school: Ref | null;
}
export interface SessionData {
  sourcedId: string;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  schoolYear: number | null;
  parentSourcedId: string | null;
}
export interface ClassData {
  sourcedId: string;
  school: Ref;
  title: string;
  courseCode: string | null;
  classCode: string | null;
  periods: string | null;
  term: Ref | null;
}
export interface EnrollmentData {
  sourcedId: string;
  class: Ref;
  student: Ref | null;
  staff: Ref | null;
  role: EnrollmentRow["role"];
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}
export interface ArchiveCandidate {
  id: string;
  localId: string;
  name: string;
}
export interface InvitationData {
  staffSourcedId: string;
  email: string;
  name: string;
  role: Exclude<StaffTarget, "ROSTER">;
  school: Ref | null;
}

export interface Plan {
  schools: { create: SchoolData[]; update: { id: string; data: Partial<SchoolData> }[] };
  sessions: { create: SessionData[]; update: { id: string; data: Partial<SessionData> }[]; remove: string[] };
  students: { create: StudentData[]; update: { id: string; data: Partial<Omit<StudentData, "school">> & { school?: Ref; restore?: true } }[]; archive: ArchiveCandidate[] };
  staff: { create: StaffData[]; update: { id: string; data: Partial<StaffData> & { restore?: true } }[]; archive: string[] };
  /** Staff whose account is already in the district (member or invited): linked, not invited again. */
  links: { staffSourcedId: string; userId: string }[];
  invitations: InvitationData[];
  classes: { create: ClassData[]; update: { id: string; data: Partial<ClassData> }[]; remove: string[] };
  enrollments: { create: EnrollmentData[]; update: { id: string; data: Partial<EnrollmentData> }[]; remove: string[] };
  /**
   * Set when the enrollments were planned in the database (the server stages
   * enrollments.csv in a table, issue 17): their counts; the rows stay there
   * and `enrollments` above is empty.
   */
  stagedEnrollments?: { create: number; update: number; remove: number };
  /** OneRoster staff roles found, with how many people and the mapping used. */
  staffRoles: { role: string; people: number; target: StaffTarget }[];
}

export interface PlanCounts {
  schools: { create: number; update: number };
  sessions: { create: number; update: number; remove: number };
  students: { create: number; update: number; archive: number };
  staff: { create: number; update: number; archive: number };
  invitations: { create: number };
  classes: { create: number; update: number; remove: number };
  enrollments: { create: number; update: number; remove: number };
}

export function countsOf(plan: Plan): PlanCounts {
  return {
    schools: { create: plan.schools.create.length, update: plan.schools.update.length },
    sessions: { create: plan.sessions.create.length, update: plan.sessions.update.length, remove: plan.sessions.remove.length },
    students: { create: plan.students.create.length, update: plan.students.update.length, archive: plan.students.archive.length },
    staff: { create: plan.staff.create.length, update: plan.staff.update.length + plan.links.length, archive: plan.staff.archive.length },
    invitations: { create: plan.invitations.length },
    classes: { create: plan.classes.create.length, update: plan.classes.update.length, remove: plan.classes.remove.length },
    enrollments: plan.stagedEnrollments ?? { create: plan.enrollments.create.length, update: plan.enrollments.update.length, remove: plan.enrollments.remove.length },
  };
}

/** Whether the plan writes anything at all (a re-import of the same files writes nothing). */
export function isEmptyPlan(plan: Plan): boolean {
  const c = countsOf(plan);
  return Object.values(c).every((group) => Object.values(group).every((n) => n === 0));
}

/** "Maple Valley High School" → HIGH: the level an org's name states, else OTHER (the administrator may change it). */
export function levelFromName(name: string): SchoolLevel {
  if (/\bhigh\b/i.test(name)) return "HIGH";
  if (/\b(middle|junior high|intermediate)\b/i.test(name)) return "MIDDLE";
  if (/\b(elementary|primary)\b/i.test(name)) return "ELEMENTARY";
  return "OTHER";
}

const nameOf = (u: { givenName: string; familyName: string }) => `${u.givenName} ${u.familyName}`;
const same = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
/** Fields of `want` that differ from `have` (only keys present in want). */
function diff<T extends object>(have: Record<string, unknown>, want: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(want) as [keyof T & string, unknown][]) {
    if (v === undefined) continue;
    if (!same(have[k], v)) out[k] = v as T[keyof T & string];
  }
  return out;
}
const empty = (o: object) => Object.keys(o).length === 0;
const refKey = (r: Ref | null) => (r === null ? null : "id" in r ? r.id : `new:${r.sourcedId}`);

export interface PlanOptions {
  /** The administrator's mapping of OneRoster staff roles; roles not named use DEFAULT_STAFF_MAPPING. */
  staffMapping?: Partial<Record<string, StaffTarget>>;
  /**
   * The enrollments are planned elsewhere (in the database, from a staged
   * table): buildPlan plans everything else and hands over what the
   * enrollments need; the caller then plans them and calls finishPlan.
   */
  stagedEnrollments?: (refs: EnrollmentRefs) => void;
}

/** What planning the enrollments needs from the rest of the plan. */
export interface EnrollmentRefs {
  classRef: ReadonlyMap<string, Ref>;
  studentRef: ReadonlyMap<string, Ref>;
  staffRef: ReadonlyMap<string, Ref>;
  guardianIds: ReadonlySet<string>;
  /** Existing classes this plan removes (their enrollments go with them). */
  removedClasses: ReadonlySet<string>;
  /** enrollments.csv is a complete set (bulk), read to its end: enrollments it lacks are removed. */
  bulk: boolean;
}

/** The last check of a plan, after the enrollments. */
export function finishPlan(set: RosterSet, f: Findings): void {
  // Files cut short cannot say what is missing: archive and remove nothing from them.
  if (set.broken.size > 0) {
    f.error("", null, null, null, "Some files could not be read to their end; nothing can be applied until they are fixed.");
  }
}

export function buildPlan(set: RosterSet, snapshot: Snapshot, findings: Findings, options: PlanOptions = {}): Plan {
  const plan: Plan = {
    schools: { create: [], update: [] },
    sessions: { create: [], update: [], remove: [] },
    students: { create: [], update: [], archive: [] },
    staff: { create: [], update: [], archive: [] },
    links: [],
    invitations: [],
    classes: { create: [], update: [], remove: [] },
    enrollments: { create: [], update: [], remove: [] },
    staffRoles: [],
  };
  const f = findings;
  const bulk = (file: keyof RosterSet["modes"]) => set.modes[file] === "bulk" && set.present.has(file) && !set.broken.has(file);

  // ------------------------------------------------------------ schools
  const schoolsBySourced = new Map(snapshot.schools.filter((s) => s.sourcedId).map((s) => [s.sourcedId as string, s]));
  const schoolsByName = new Map(snapshot.schools.map((s) => [s.name.toLowerCase(), s]));
  /** Orgs imported as schools: type school, or any org that classes, enrollments or students name as their school. */
  const usedAsSchool = new Map<string, { file: string; line: number }>();
  for (const c of set.classes.values()) if (c.status === "active") usedAsSchool.set(c.schoolSourcedId, usedAsSchool.get(c.schoolSourcedId) ?? { file: c.file, line: c.line });
  for (const u of set.users.values()) {
    if (u.status !== "active" || u.role !== "student") continue;
    const first = u.orgSourcedIds.find((o) => set.orgs.get(o)?.type !== "district");
    if (first && !usedAsSchool.has(first)) usedAsSchool.set(first, { file: u.file, line: u.line });
  }
  const schoolRef = new Map<string, Ref>();
  const newSchoolNames = new Map<string, string>();
  for (const org of set.orgs.values()) {
    const existing = schoolsBySourced.get(org.sourcedId);
    if (org.status === "tobedeleted") {
      if (existing && !existing.archived) {
        f.warning(org.file, org.line, "status", org.status, "An import does not close schools; archive it on the Schools page if it has closed.");
      }
      continue;
    }
    const isSchool = org.type === "school" || usedAsSchool.has(org.sourcedId);
    if (!isSchool) continue;
    if (org.type !== "school") {
      f.warning(org.file, org.line, "type", org.type, `This ${org.type || "org"} is named as the school of classes or students, so it was imported as a school.`);
    }
    if (org.parentSourcedId && !set.orgs.has(org.parentSourcedId) && !schoolsBySourced.has(org.parentSourcedId)) {
      f.warning(org.file, org.line, "parentSourcedId", org.parentSourcedId, "The parent org is not in the files (not needed by the app).");
    }
    const want = { name: org.name, code: org.identifier };
    if (existing) {
      schoolRef.set(org.sourcedId, { id: existing.id });
      const clash = schoolsByName.get(org.name.toLowerCase());
      if (clash && clash.id !== existing.id) {
        f.error(org.file, org.line, "name", org.name, "Another school of the district already has this name.");
        continue;
      }
      const data = diff(existing as unknown as Record<string, unknown>, want);
      if (!empty(data)) plan.schools.update.push({ id: existing.id, data });
      if (existing.archived) f.warning(org.file, org.line, "sourcedId", org.sourcedId, "This school is archived in the app; restore it on the Schools page if it is open again.");
      continue;
    }
    const byName = schoolsByName.get(org.name.toLowerCase());
    if (byName && !byName.sourcedId) {
      // A school typed in before the district rostered: the import adopts it.
      schoolRef.set(org.sourcedId, { id: byName.id });
      plan.schools.update.push({ id: byName.id, data: { sourcedId: org.sourcedId, ...diff(byName as unknown as Record<string, unknown>, want) } });
      continue;
    }
    if (byName || newSchoolNames.has(org.name.toLowerCase())) {
      f.error(org.file, org.line, "name", org.name, "Another school already has this name; school names must differ.");
      continue;
    }
    newSchoolNames.set(org.name.toLowerCase(), org.sourcedId);
    schoolRef.set(org.sourcedId, { sourcedId: org.sourcedId });
    plan.schools.create.push({ sourcedId: org.sourcedId, name: org.name, code: org.identifier, level: levelFromName(org.name) });
  }
  for (const s of snapshot.schools) if (s.sourcedId && !schoolRef.has(s.sourcedId) && !set.orgs.has(s.sourcedId)) schoolRef.set(s.sourcedId, { id: s.id });
  const resolveSchool = (sourcedId: string): Ref | null => {
    if (schoolRef.has(sourcedId)) return schoolRef.get(sourcedId) as Ref;
    // Orgs in the files that are no school (a district): not a school reference.
    return null;
  };

  // ----------------------------------------------------------- sessions
  const sessionsBySourced = new Map(snapshot.sessions.map((s) => [s.sourcedId, s]));
  const sessionRef = new Map<string, Ref>();
  for (const s of snapshot.sessions) sessionRef.set(s.sourcedId, { id: s.id });
  for (const s of set.sessions.values()) {
    const existing = sessionsBySourced.get(s.sourcedId);
    if (s.status === "tobedeleted") {
      if (existing) {
        plan.sessions.remove.push(existing.id);
        sessionRef.delete(s.sourcedId);
      }
      continue;
    }
    if (s.parentSourcedId) {
      const parent = set.sessions.get(s.parentSourcedId);
      if (!parent && !sessionsBySourced.has(s.parentSourcedId)) {
        f.warning(s.file, s.line, "parentSourcedId", s.parentSourcedId, "The parent session is not in the files.");
      } else if (parent && parent.type === "term" && (s.type === "semester" || s.type === "schoolYear")) {
        f.warning(s.file, s.line, "type", s.type, `A ${s.type} inside a term is unusual; imported as written.`);
      }
    }
    const data: SessionData = { sourcedId: s.sourcedId, title: s.title, type: s.type, startDate: s.startDate, endDate: s.endDate, schoolYear: s.schoolYear, parentSourcedId: s.parentSourcedId };
    if (existing) {
      const changes = diff(existing as unknown as Record<string, unknown>, data);
      if (!empty(changes)) plan.sessions.update.push({ id: existing.id, data: changes });
    } else {
      plan.sessions.create.push(data);
      sessionRef.set(s.sourcedId, { sourcedId: s.sourcedId });
    }
  }
  if (bulk("academicSessions")) {
    for (const s of snapshot.sessions) if (!set.sessions.has(s.sourcedId)) {
      plan.sessions.remove.push(s.id);
      sessionRef.delete(s.sourcedId);
    }
  }

  // ------------------------------------------------------- people
  const studentsBySourced = new Map(snapshot.students.filter((s) => s.sourcedId).map((s) => [s.sourcedId as string, s]));
  const studentsByLocal = new Map(snapshot.students.map((s) => [s.localId, s]));
  const staffBySourced = new Map(snapshot.staff.map((s) => [s.sourcedId, s]));
  const studentRef = new Map<string, Ref>();
  const staffRef = new Map<string, Ref>();
  for (const s of snapshot.students) if (s.sourcedId) studentRef.set(s.sourcedId, { id: s.id });
  for (const s of snapshot.staff) staffRef.set(s.sourcedId, { id: s.id });
  const localIds = new Map<string, UserRow>();
  const emails = new Map<string, UserRow>();
  const mapping = (role: string): StaffTarget => options.staffMapping?.[role] ?? DEFAULT_STAFF_MAPPING[role] ?? "ROSTER";
  const rolesSeen = new Map<string, number>();
  const keptStudents = new Set<string>();
  const keptStaff = new Set<string>();
  const guardianIds = new Set<string>();

  for (const u of set.users.values()) {
    if (u.status === "tobedeleted") continue;
    // A 1.2 change file may send users.csv without roles.csv: a person imported before keeps their role.
    if (!u.role && studentsBySourced.has(u.sourcedId)) u.role = "student";
    if (!u.role && staffBySourced.has(u.sourcedId)) u.role = staffBySourced.get(u.sourcedId)?.oneRosterRole ?? null;
    if (!u.role) {
      f.error(u.file, u.line, "role", "", "No role for this person: neither users.csv nor roles.csv gives one.");
      continue;
    }
    if (GUARDIAN_ROLES.includes(u.role as OneRosterRole)) {
      guardianIds.add(u.sourcedId);
      f.warning(u.file, u.line, "role", u.role, "Guardians are not imported from OneRoster; add them on the student's page.");
      continue;
    }
    const schoolOrg = u.orgSourcedIds.find((o) => resolveSchool(o));
    for (const o of u.orgSourcedIds) {
      if (!set.orgs.has(o) && !schoolsBySourced.has(o)) f.error(u.file, u.line, "orgSourcedIds", o, "This org is not in orgs.csv (nor imported before).");
    }
    if (u.role === "student") {
      keptStudents.add(u.sourcedId);
      const localId = u.identifier ?? u.userMasterIdentifier ?? u.sourcedId;
      if (!u.identifier && !u.userMasterIdentifier) {
        f.warning(u.file, u.line, "identifier", "", "No student number (identifier); the sourcedId is used as the student's local id.");
      }
      const other = localIds.get(localId);
      if (other) {
        f.error(u.file, u.line, "identifier", localId, `The student number is also that of the student on line ${other.line}.`);
        continue;
      }
      localIds.set(localId, u);
      if (!schoolOrg) {
        if (u.orgSourcedIds.length === 0) f.error(u.file, u.line, "orgSourcedIds", "", "A student needs a school: no org is given.");
        else if (u.orgSourcedIds.every((o) => set.orgs.has(o) || schoolsBySourced.has(o))) f.error(u.file, u.line, "orgSourcedIds", u.orgSourcedIds.join(","), "None of this student's orgs is a school.");
        continue;
      }
      const existing = studentsBySourced.get(u.sourcedId) ?? (studentsByLocal.get(localId)?.sourcedId ? undefined : studentsByLocal.get(localId));
      let grade = u.grade;
      if (!grade && existing && !u.gradesText) {
        // A change file may leave out what did not change: the grade the app has stays.
        f.warning(u.file, u.line, "grades", "", "No grade given; the student's current grade is kept.");
        grade = existing.grade;
      }
      if (!grade) {
        f.error(u.file, u.line, "grades", u.gradesText, u.gradesText ? "The student's grade is outside PK-12, which the app serves." : "A student needs a grade (PK, KG, 01 to 12).");
        continue;
      }
      const demo = set.demographics.get(u.sourcedId);
      const takenBy = studentsByLocal.get(localId);
      if (takenBy && existing && takenBy.id !== existing.id) {
        f.error(u.file, u.line, "identifier", localId, "This student number belongs to another student of the district.");
        continue;
      }
      if (takenBy && !existing) {
        f.error(u.file, u.line, "identifier", localId, "This student number belongs to a student imported from another record (a different sourcedId).");
        continue;
      }
      const want: StudentData = {
        sourcedId: u.sourcedId,
        localId,
        school: resolveSchool(schoolOrg) as Ref,
        legalFirstName: u.givenName,
        legalMiddleName: u.middleName,
        legalLastName: u.familyName,
        preferredName: u.preferredGivenName && u.preferredGivenName !== u.givenName ? u.preferredGivenName : null,
        grade,
      };
      if (demo && demo.status === "active") {
        want.dateOfBirth = demo.birthDate;
        if (demo.sex) want.gender = demo.sex;
        if (demo.hispanicLatino !== null) want.hispanicLatino = demo.hispanicLatino;
        want.races = demo.races;
      }
      if (existing) {
        studentRef.set(u.sourcedId, { id: existing.id });
        const { school, ...rest } = want;
        const changes: Plan["students"]["update"][number]["data"] = diff(existing as unknown as Record<string, unknown>, rest);
        if (refKey(school) !== existing.schoolId) changes.school = school;
        if (existing.archived) changes.restore = true;
        if (!empty(changes)) plan.students.update.push({ id: existing.id, data: changes });
      } else {
        if (!demo?.birthDate) f.warning(u.file, u.line, "sourcedId", u.sourcedId, "No birth date in the files (demographics.csv); record it on the student's page.");
        studentRef.set(u.sourcedId, { sourcedId: u.sourcedId });
        plan.students.create.push(want);
      }
      continue;
    }
    if (!STAFF_ROLES.includes(u.role as OneRosterRole)) continue;
    keptStaff.add(u.sourcedId);
    rolesSeen.set(u.role, (rolesSeen.get(u.role) ?? 0) + 1);
    const schoolRefOf = schoolOrg ? resolveSchool(schoolOrg) : null;
    const want: StaffData = { sourcedId: u.sourcedId, givenName: u.givenName, familyName: u.familyName, email: u.email, oneRosterRole: u.role, school: schoolRefOf };
    const existing = staffBySourced.get(u.sourcedId);
    if (existing) {
      staffRef.set(u.sourcedId, { id: existing.id });
      const { school, ...rest } = want;
      const changes: Plan["staff"]["update"][number]["data"] = diff(existing as unknown as Record<string, unknown>, rest);
      if (refKey(school) !== existing.schoolId) changes.school = school;
      if (existing.archived) changes.restore = true;
      if (!empty(changes)) plan.staff.update.push({ id: existing.id, data: changes });
    } else {
      staffRef.set(u.sourcedId, { sourcedId: u.sourcedId });
      plan.staff.create.push(want);
    }
    // Accounts: invite once (decision 009); someone already on staff or invited is linked instead.
    const target = mapping(u.role);
    if (existing?.userId) continue;
    if (!u.email) {
      if (target !== "ROSTER") f.warning(u.file, u.line, "email", "", "No email address: kept on class rosters, but cannot be invited.");
      continue;
    }
    const dup = emails.get(u.email);
    if (dup) {
      f.warning(u.file, u.line, "email", u.email, `The same email as the person on line ${dup.line}; only that one is invited.`);
      continue;
    }
    emails.set(u.email, u);
    const known = snapshot.districtAccounts.get(u.email);
    if (known) plan.links.push({ staffSourcedId: u.sourcedId, userId: known });
    else if (target !== "ROSTER") plan.invitations.push({ staffSourcedId: u.sourcedId, email: u.email, name: nameOf(u), role: target, school: schoolRefOf });
  }
  plan.staffRoles = [...rolesSeen].sort(([a], [b]) => a.localeCompare(b)).map(([role, people]) => ({ role, people, target: mapping(role) }));

  // Students and staff no longer sent (bulk), or sent as tobedeleted.
  const archiveIds = new Set<string>();
  for (const u of set.users.values()) {
    if (u.status !== "tobedeleted") continue;
    const s = studentsBySourced.get(u.sourcedId);
    if (s && !s.archived) archiveIds.add(s.id);
    const st = staffBySourced.get(u.sourcedId);
    if (st && !st.archived) plan.staff.archive.push(st.id);
  }
  if (bulk("users")) {
    for (const s of snapshot.students) if (s.sourcedId && !s.archived && !keptStudents.has(s.sourcedId)) archiveIds.add(s.id);
    for (const s of snapshot.staff) if (!s.archived && !keptStaff.has(s.sourcedId) && !plan.staff.archive.includes(s.id)) plan.staff.archive.push(s.id);
  }
  for (const s of snapshot.students) {
    if (archiveIds.has(s.id)) plan.students.archive.push({ id: s.id, localId: s.localId, name: `${s.preferredName ?? s.legalFirstName} ${s.legalLastName}` });
  }
  plan.students.archive.sort((a, b) => a.name.localeCompare(b.name) || a.localId.localeCompare(b.localId));

  for (const d of set.demographics.values()) {
    if (d.status !== "active") continue;
    if (!set.users.has(d.sourcedId) && !studentsBySourced.has(d.sourcedId)) {
      f.error(d.file, d.line, "sourcedId", d.sourcedId, "Demographics for a person who is not in users.csv (nor imported before).");
    } else if (!set.users.has(d.sourcedId)) {
      // A delta with demographics only: applied to the student imported before.
      const existing = studentsBySourced.get(d.sourcedId) as ExistingStudent;
      const want: Partial<StudentData> = { dateOfBirth: d.birthDate, races: d.races, ...(d.sex ? { gender: d.sex } : {}), ...(d.hispanicLatino !== null ? { hispanicLatino: d.hispanicLatino } : {}) };
      const changes = diff(existing as unknown as Record<string, unknown>, want);
      if (!empty(changes)) plan.students.update.push({ id: existing.id, data: changes });
    }
  }

  // ------------------------------------------------------------ classes
  const classesBySourced = new Map(snapshot.classes.map((c) => [c.sourcedId, c]));
  const classRef = new Map<string, Ref>();
  for (const c of snapshot.classes) classRef.set(c.sourcedId, { id: c.id });
  const removedClasses = new Set<string>();
  for (const c of set.classes.values()) {
    const existing = classesBySourced.get(c.sourcedId);
    if (c.status === "tobedeleted") {
      if (existing) {
        plan.classes.remove.push(existing.id);
        removedClasses.add(existing.id);
        classRef.delete(c.sourcedId);
      }
      continue;
    }
    const want = classData(c);
    if (!want) continue;
    if (existing) {
      const { school, term, ...rest } = want;
      const changes: Partial<ClassData> = diff(existing as unknown as Record<string, unknown>, rest);
      if (refKey(school) !== existing.schoolId) changes.school = school;
      if (refKey(term) !== existing.termId) changes.term = term;
      if (!empty(changes)) plan.classes.update.push({ id: existing.id, data: changes });
    } else {
      classRef.set(c.sourcedId, { sourcedId: c.sourcedId });
      plan.classes.create.push(want);
    }
  }
  if (bulk("classes")) {
    for (const c of snapshot.classes) if (!set.classes.has(c.sourcedId) || set.classes.get(c.sourcedId)?.status === "tobedeleted") {
      if (!removedClasses.has(c.id)) {
        plan.classes.remove.push(c.id);
        removedClasses.add(c.id);
      }
      classRef.delete(c.sourcedId);
    }
  }

  function classData(c: ClassRow): ClassData | null {
    const school = resolveSchool(c.schoolSourcedId);
    if (!school) {
      f.error(c.file, c.line, "schoolSourcedId", c.schoolSourcedId, set.orgs.has(c.schoolSourcedId) ? "This org is not a school." : "This school is not in orgs.csv (nor imported before).");
      return null;
    }
    let term: Ref | null = null;
    for (const t of c.termSourcedIds) {
      const ref = sessionRef.get(t);
      if (ref) {
        term ??= ref;
      } else {
        f.warning(c.file, c.line, "termSourcedIds", t, "This term is not in academicSessions.csv (nor imported before); the class is kept without it.");
      }
    }
    let courseCode: string | null = null;
    if (c.courseSourcedId) {
      const course = set.courses.get(c.courseSourcedId);
      if (course) courseCode = course.courseCode;
      else if (set.present.has("courses")) f.warning(c.file, c.line, "courseSourcedId", c.courseSourcedId, "This course is not in courses.csv; the class is kept without its course code.");
    }
    return { sourcedId: c.sourcedId, school, title: c.title, courseCode, classCode: c.classCode, periods: c.periods, term };
  }

  // -------------------------------------------------------- enrollments
  if (options.stagedEnrollments) {
    options.stagedEnrollments({ classRef, studentRef, staffRef, guardianIds, removedClasses, bulk: bulk("enrollments") });
    return plan;
  }
  const enrollmentsBySourced = new Map(snapshot.enrollments.map((e) => [e.sourcedId, e]));
  const pairs = new Set<string>();
  const removedEnrollments = new Set<string>();
  for (const e of set.enrollments.values()) {
    const existing = enrollmentsBySourced.get(e.sourcedId);
    if (e.status === "tobedeleted") {
      if (existing && !removedClasses.has(existing.classId)) {
        plan.enrollments.remove.push(existing.id);
        removedEnrollments.add(existing.id);
      }
      continue;
    }
    const want = enrollmentData(e);
    if (!want) continue;
    const pair = `${refKey(want.class)}|${refKey(want.student) ?? refKey(want.staff)}|${want.role}`;
    if (pairs.has(pair)) {
      f.warning(e.file, e.line, "userSourcedId", e.userSourcedId, "The same person is enrolled in this class twice; the first enrollment is kept.");
      continue;
    }
    pairs.add(pair);
    if (existing && !removedClasses.has(existing.classId)) {
      const { class: cls, student, staff, ...rest } = want;
      const changes: Partial<EnrollmentData> = diff(existing as unknown as Record<string, unknown>, rest);
      if (refKey(cls) !== existing.classId) changes.class = cls;
      if (refKey(student) !== existing.studentId) changes.student = student;
      if (refKey(staff) !== existing.rosterStaffId) changes.staff = staff;
      if (!empty(changes)) plan.enrollments.update.push({ id: existing.id, data: changes });
    } else {
      plan.enrollments.create.push(want);
    }
  }
  if (bulk("enrollments")) {
    for (const e of snapshot.enrollments) {
      if (removedClasses.has(e.classId) || removedEnrollments.has(e.id)) continue;
      const row = set.enrollments.get(e.sourcedId);
      if (!row || row.status === "tobedeleted") plan.enrollments.remove.push(e.id);
    }
  }

  function enrollmentData(e: EnrollmentRow): EnrollmentData | null {
    const cls = classRef.get(e.classSourcedId);
    if (!cls) {
      const row = set.classes.get(e.classSourcedId);
      if (!row) f.error(e.file, e.line, "classSourcedId", e.classSourcedId, "This class is not in classes.csv (nor imported before).");
      else if (row.status === "tobedeleted") f.warning(e.file, e.line, "classSourcedId", e.classSourcedId, "The class is to be deleted; the enrollment was skipped.");
      return null;
    }
    const student = studentRef.get(e.userSourcedId) ?? null;
    const staff = staffRef.get(e.userSourcedId) ?? null;
    const user = set.users.get(e.userSourcedId);
    if (!student && !staff) {
      if (guardianIds.has(e.userSourcedId)) f.warning(e.file, e.line, "userSourcedId", e.userSourcedId, "A guardian cannot be enrolled in a class; skipped.");
      else if (!user) f.error(e.file, e.line, "userSourcedId", e.userSourcedId, "This person is not in users.csv (nor imported before).");
      // A person whose own row had an error is reported there; the enrollment waits for it.
      return null;
    }
    if (e.role === "STUDENT" && !student) {
      f.warning(e.file, e.line, "role", "student", `The roster makes this person ${user?.role ? `a ${user.role}` : "staff"}, not a student; the enrollment was skipped.`);
      return null;
    }
    if (e.role !== "STUDENT" && !staff) {
      f.warning(e.file, e.line, "role", e.role.toLowerCase(), "The roster makes this person a student; the enrollment was skipped.");
      return null;
    }
    const classRow = set.classes.get(e.classSourcedId);
    if (e.schoolSourcedId && classRow && e.schoolSourcedId !== classRow.schoolSourcedId) {
      f.warning(e.file, e.line, "schoolSourcedId", e.schoolSourcedId, "Not the school of the class; the class's school is used.");
    }
    return {
      sourcedId: e.sourcedId,
      class: cls,
      student: e.role === "STUDENT" ? student : null,
      staff: e.role === "STUDENT" ? null : staff,
      role: e.role,
      primary: e.primary,
      beginDate: e.beginDate,
      endDate: e.endDate,
    };
  }

  finishPlan(set, f);
  return plan;
}
