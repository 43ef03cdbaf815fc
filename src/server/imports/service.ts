import "server-only";
import { randomUUID } from "node:crypto";
import { Findings, type Finding } from "@/domain/oneroster/findings";
import {
  buildPlan,
  countsOf,
  type ArchiveCandidate,
  type Plan,
  type PlanCounts,
  type Ref,
  type Snapshot,
  type StudentData,
} from "@/domain/oneroster/plan";
import { readRoster } from "@/domain/oneroster/read";
import type { StaffTarget } from "@/domain/oneroster/spec";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { noProgress } from "@/server/jobs/progress";
import type { ProgressReporter } from "@/server/jobs/types";
import { membersOf, type UploadedFile } from "./upload";

/** An import may take minutes for a large district: its transaction may run this long (decision 018). */
export const APPLY_TIMEOUT_MS = 15 * 60 * 1000;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00Z`) : null);

/** What the district holds that an import may touch, read in the import's transaction. */
export async function loadSnapshot(tx: Tx, districtId: string): Promise<Snapshot> {
  const [schools, students, staff, sessions, classes, enrollments, members, invitations] = await Promise.all([
    tx.school.findMany({ where: { districtId }, select: { id: true, sourcedId: true, name: true, code: true, archivedAt: true } }),
    tx.student.findMany({
      where: { districtId },
      select: {
        id: true,
        sourcedId: true,
        localId: true,
        schoolId: true,
        legalFirstName: true,
        legalMiddleName: true,
        legalLastName: true,
        preferredName: true,
        dateOfBirth: true,
        grade: true,
        gender: true,
        hispanicLatino: true,
        races: true,
        archivedAt: true,
      },
    }),
    tx.rosterStaff.findMany({ where: { districtId } }),
    tx.academicSession.findMany({ where: { districtId } }),
    tx.schoolClass.findMany({ where: { districtId } }),
    tx.classEnrollment.findMany({ where: { districtId } }),
    tx.membership.findMany({ where: { districtId }, select: { userId: true, user: { select: { email: true } } } }),
    tx.invitation.findMany({ where: { districtId }, select: { userId: true, user: { select: { email: true } } } }),
  ]);
  return {
    schools: schools.map((s) => ({ id: s.id, sourcedId: s.sourcedId, name: s.name, code: s.code, archived: s.archivedAt !== null })),
    students: students.map(({ archivedAt, dateOfBirth, ...s }) => ({ ...s, dateOfBirth: day(dateOfBirth), archived: archivedAt !== null })),
    staff: staff.map((s) => ({
      id: s.id,
      sourcedId: s.sourcedId,
      givenName: s.givenName,
      familyName: s.familyName,
      email: s.email,
      oneRosterRole: s.oneRosterRole,
      schoolId: s.schoolId,
      userId: s.userId,
      archived: s.archivedAt !== null,
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      sourcedId: s.sourcedId,
      title: s.title,
      type: s.type,
      startDate: day(s.startDate),
      endDate: day(s.endDate),
      schoolYear: s.schoolYear,
      parentSourcedId: s.parentSourcedId,
    })),
    classes: classes.map((c) => ({
      id: c.id,
      sourcedId: c.sourcedId,
      schoolId: c.schoolId,
      title: c.title,
      courseCode: c.courseCode,
      classCode: c.classCode,
      periods: c.periods,
      termId: c.termId,
    })),
    enrollments: enrollments.map((e) => ({
      id: e.id,
      sourcedId: e.sourcedId,
      classId: e.classId,
      studentId: e.studentId,
      rosterStaffId: e.rosterStaffId,
      role: e.role,
      primary: e.primary,
      beginDate: day(e.beginDate),
      endDate: day(e.endDate),
    })),
    districtAccounts: new Map([...members, ...invitations].map((m) => [m.user.email.toLowerCase(), m.userId])),
  };
}

/** The report kept on the ImportRun and downloaded: the same for the dry run and the apply. */
export interface ImportReport {
  version: string | null;
  mode: string | null;
  files: string[];
  counts: PlanCounts;
  errors: number;
  warnings: number;
  /** Findings beyond the listed ones of the same kind (counted, not listed). */
  omitted: number;
  findings: Finding[];
  staffRoles: { role: string; people: number; target: StaffTarget }[];
  mapping: Record<string, StaffTarget>;
  /** Students a full import would archive: archived only if the administrator confirms this list. */
  archive: ArchiveCandidate[];
  /** Set when applying failed (nothing was written). */
  failure?: string;
}

export interface Analysis {
  plan: Plan;
  report: ImportReport;
}

/** Reads the upload (streamed, outside any transaction); the set is planned later against the snapshot. */
export async function readUpload(files: UploadedFile[], findings: Findings, progress: ProgressReporter = noProgress) {
  const { members, close } = await membersOf(files, findings);
  try {
    return await readRoster(members, findings, (file) => progress.read(file));
  } finally {
    close();
  }
}

/**
 * The dry run: the upload read, then planned against what the district holds
 * in `tx`. Applying calls exactly this, then executePlan in the same transaction.
 */
export async function analyse(tx: Tx, districtId: string, files: UploadedFile[], mapping: Record<string, StaffTarget>, progress: ProgressReporter = noProgress): Promise<Analysis> {
  const findings = new Findings();
  progress.phase("reading");
  const set = await readUpload(files, findings, progress);
  progress.phase("comparing with the district's records");
  const snapshot = await loadSnapshot(tx, districtId);
  const plan = buildPlan(set, snapshot, findings, { staffMapping: mapping });
  const usedMapping = Object.fromEntries(plan.staffRoles.map((r) => [r.role, r.target]));
  return {
    plan,
    report: {
      version: set.version,
      mode: set.modes.users ?? set.modes.enrollments ?? set.modes.classes ?? null,
      files: files.map((f) => f.name),
      counts: countsOf(plan),
      errors: findings.errors,
      warnings: findings.warnings,
      omitted: findings.omitted,
      findings: findings.list,
      staffRoles: plan.staffRoles,
      mapping: usedMapping,
      archive: plan.students.archive,
    },
  };
}

/** What must not change between the dry run the administrator read and the apply. */
export const fingerprint = (r: Pick<ImportReport, "counts" | "archive" | "mapping">) =>
  canonical({ counts: r.counts, archive: r.archive.map((a) => a.id), mapping: r.mapping });

/** JSON with keys sorted: the stored report went through jsonb, which reorders keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface ExecuteOptions {
  districtId: string;
  /** Archive the students of plan.students.archive (the administrator confirmed the list). */
  archive: boolean;
  /** The initial password's hash for accounts created for new emails (decision 009). */
  passwordHash: string | null;
  progress?: ProgressReporter;
}

const CHUNK = 2000;
async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, done?: (n: number) => void) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await write(chunk);
    done?.(chunk.length);
  }
}

/** The file each kind of record comes from, for the progress bar's "written" counts. */
const FILE_OF = { sessions: "academicSessions.csv", schools: "orgs.csv", students: "users.csv", staff: "users.csv", classes: "classes.csv", enrollments: "enrollments.csv" } as const;

/** Writes the plan. Runs in the transaction that read the snapshot: all or nothing. Returns what was written. */
export async function executePlan(tx: Tx, plan: Plan, opts: ExecuteOptions): Promise<PlanCounts> {
  const { districtId } = opts;
  const progress = opts.progress ?? noProgress;
  progress.phase("writing");
  const wrote = (kind: keyof typeof FILE_OF) => (n: number) => progress.written(FILE_OF[kind], n);
  const sizes: Record<string, number> = {};
  for (const kind of Object.keys(FILE_OF) as (keyof typeof FILE_OF)[]) {
    const p = plan[kind] as { create: unknown[]; update: unknown[]; remove?: unknown[]; archive?: unknown[] };
    sizes[FILE_OF[kind]] = (sizes[FILE_OF[kind]] ?? 0) + p.create.length + p.update.length + (p.remove?.length ?? 0);
  }
  for (const [file, n] of Object.entries(sizes)) progress.toWrite(file, n);
  const created = { school: new Map<string, string>(), session: new Map<string, string>(), student: new Map<string, string>(), staff: new Map<string, string>(), class: new Map<string, string>() };
  const resolve = (kind: keyof typeof created, ref: Ref | null | undefined): string | null => {
    if (!ref) return null;
    if ("id" in ref) return ref.id;
    const id = created[kind].get(ref.sourcedId);
    if (!id) throw new Error(`import: ${kind} ${ref.sourcedId} was planned but not created`);
    return id;
  };

  // Sessions (classes name them: detach before removing).
  if (plan.sessions.remove.length) {
    await tx.schoolClass.updateMany({ where: { districtId, termId: { in: plan.sessions.remove } }, data: { termId: null } });
    await tx.academicSession.deleteMany({ where: { districtId, id: { in: plan.sessions.remove } } });
  }
  const sessionRows = plan.sessions.create.map((s) => {
    const id = randomUUID();
    created.session.set(s.sourcedId, id);
    return { id, districtId, sourcedId: s.sourcedId, title: s.title, type: s.type, startDate: asDate(s.startDate), endDate: asDate(s.endDate), schoolYear: s.schoolYear, parentSourcedId: s.parentSourcedId };
  });
  await inChunks(sessionRows, (data) => tx.academicSession.createMany({ data }), wrote("sessions"));
  for (const u of plan.sessions.update) {
    wrote("sessions")(1);
    const { startDate, endDate, ...rest } = u.data;
    await tx.academicSession.update({
      where: { id: u.id, districtId },
      data: { ...rest, ...(startDate !== undefined ? { startDate: asDate(startDate) } : {}), ...(endDate !== undefined ? { endDate: asDate(endDate) } : {}) },
    });
  }

  // Schools.
  const schoolRows = plan.schools.create.map((s) => {
    const id = randomUUID();
    created.school.set(s.sourcedId, id);
    return { id, districtId, sourcedId: s.sourcedId, name: s.name, code: s.code, level: s.level };
  });
  await inChunks(schoolRows, (data) => tx.school.createMany({ data }), wrote("schools"));
  for (const u of plan.schools.update) {
    wrote("schools")(1);
    await tx.school.update({ where: { id: u.id, districtId }, data: { sourcedId: u.data.sourcedId, name: u.data.name, code: u.data.code } });
  }

  // Students.
  const studentFields = (d: Partial<Omit<StudentData, "school">>) => ({
    ...(d.sourcedId !== undefined ? { sourcedId: d.sourcedId } : {}),
    ...(d.localId !== undefined ? { localId: d.localId } : {}),
    ...(d.legalFirstName !== undefined ? { legalFirstName: d.legalFirstName } : {}),
    ...(d.legalMiddleName !== undefined ? { legalMiddleName: d.legalMiddleName } : {}),
    ...(d.legalLastName !== undefined ? { legalLastName: d.legalLastName } : {}),
    ...(d.preferredName !== undefined ? { preferredName: d.preferredName } : {}),
    ...(d.grade !== undefined ? { grade: d.grade } : {}),
    ...(d.dateOfBirth !== undefined ? { dateOfBirth: asDate(d.dateOfBirth) } : {}),
    ...(d.gender !== undefined ? { gender: d.gender } : {}),
    ...(d.hispanicLatino !== undefined ? { hispanicLatino: d.hispanicLatino } : {}),
    ...(d.races !== undefined ? { races: d.races as Prisma.StudentCreateManyInput["races"] } : {}),
  });
  const studentRows = plan.students.create.map((s) => {
    const id = randomUUID();
    created.student.set(s.sourcedId, id);
    return {
      id,
      districtId,
      schoolId: resolve("school", s.school) as string,
      localId: s.localId,
      legalFirstName: s.legalFirstName,
      legalLastName: s.legalLastName,
      grade: s.grade,
      ...studentFields(s),
    };
  });
  await inChunks(studentRows, (data) => tx.student.createMany({ data }), wrote("students"));
  for (const u of plan.students.update) {
    wrote("students")(1);
    const { school, restore, ...rest } = u.data;
    await tx.student.update({
      where: { id: u.id, districtId },
      data: {
        ...studentFields(rest),
        ...(school ? { schoolId: resolve("school", school) as string } : {}),
        ...(restore ? { archivedAt: null } : {}),
        // Someone with the edit form open gets a conflict instead of overwriting the import.
        version: { increment: 1 },
      },
    });
  }
  let archived = 0;
  if (opts.archive && plan.students.archive.length) {
    const ids = plan.students.archive.map((a) => a.id);
    await inChunks(ids, async (chunk) => {
      const r = await tx.student.updateMany({ where: { districtId, id: { in: chunk }, archivedAt: null }, data: { archivedAt: new Date(), version: { increment: 1 } } });
      archived += r.count;
    });
  }

  // Roster staff, links to accounts already in the district, invitations.
  const staffRows = plan.staff.create.map((s) => {
    const id = randomUUID();
    created.staff.set(s.sourcedId, id);
    return { id, districtId, sourcedId: s.sourcedId, givenName: s.givenName, familyName: s.familyName, email: s.email, oneRosterRole: s.oneRosterRole, schoolId: resolve("school", s.school) };
  });
  await inChunks(staffRows, (data) => tx.rosterStaff.createMany({ data }), wrote("staff"));
  for (const u of plan.staff.update) {
    wrote("staff")(1);
    const { school, restore, ...rest } = u.data;
    await tx.rosterStaff.update({
      where: { id: u.id, districtId },
      data: {
        ...(rest.sourcedId !== undefined ? { sourcedId: rest.sourcedId } : {}),
        ...(rest.givenName !== undefined ? { givenName: rest.givenName } : {}),
        ...(rest.familyName !== undefined ? { familyName: rest.familyName } : {}),
        ...(rest.email !== undefined ? { email: rest.email } : {}),
        ...(rest.oneRosterRole !== undefined ? { oneRosterRole: rest.oneRosterRole } : {}),
        ...(school !== undefined ? { schoolId: resolve("school", school) } : {}),
        ...(restore ? { archivedAt: null } : {}),
      },
    });
  }
  if (plan.staff.archive.length) await tx.rosterStaff.updateMany({ where: { districtId, id: { in: plan.staff.archive } }, data: { archivedAt: new Date() } });
  for (const link of plan.links) await tx.rosterStaff.update({ where: { districtId_sourcedId: { districtId, sourcedId: link.staffSourcedId } }, data: { userId: link.userId } });
  for (const inv of plan.invitations) {
    // As createStaff (decision 009): an account known elsewhere is invited, never attached or renamed; a new email gets an account with the initial password.
    const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } });
    if (!existing && !opts.passwordHash) throw new Error("import: an initial password is needed for new accounts");
    const user = existing ?? (await tx.user.create({ data: { email: inv.email, name: inv.name, passwordHash: opts.passwordHash as string }, select: { id: true } }));
    const invitation = await tx.invitation.create({ data: { districtId, userId: user.id, invitedName: inv.name, role: inv.role }, select: { id: true } });
    const schoolId = resolve("school", inv.school);
    if (schoolId) await tx.invitationSchool.create({ data: { districtId, invitationId: invitation.id, schoolId } });
    await tx.rosterStaff.update({ where: { districtId_sourcedId: { districtId, sourcedId: inv.staffSourcedId } }, data: { userId: user.id } });
  }

  // Classes and enrollments.
  if (plan.classes.remove.length) await tx.schoolClass.deleteMany({ where: { districtId, id: { in: plan.classes.remove } } });
  const classRows = plan.classes.create.map((c) => {
    const id = randomUUID();
    created.class.set(c.sourcedId, id);
    return { id, districtId, sourcedId: c.sourcedId, schoolId: resolve("school", c.school) as string, title: c.title, courseCode: c.courseCode, classCode: c.classCode, periods: c.periods, termId: resolve("session", c.term) };
  });
  await inChunks(classRows, (data) => tx.schoolClass.createMany({ data }), wrote("classes"));
  for (const u of plan.classes.update) {
    wrote("classes")(1);
    const { school, term, ...rest } = u.data;
    await tx.schoolClass.update({
      where: { id: u.id, districtId },
      data: {
        ...(rest.title !== undefined ? { title: rest.title } : {}),
        ...(rest.courseCode !== undefined ? { courseCode: rest.courseCode } : {}),
        ...(rest.classCode !== undefined ? { classCode: rest.classCode } : {}),
        ...(rest.periods !== undefined ? { periods: rest.periods } : {}),
        ...(school !== undefined ? { schoolId: resolve("school", school) as string } : {}),
        ...(term !== undefined ? { termId: resolve("session", term) } : {}),
      },
    });
  }
  if (plan.enrollments.remove.length) {
    await inChunks(plan.enrollments.remove, (ids) => tx.classEnrollment.deleteMany({ where: { districtId, id: { in: ids } } }), wrote("enrollments"));
  }
  const enrollmentRows = plan.enrollments.create.map((e) => ({
    districtId,
    sourcedId: e.sourcedId,
    classId: resolve("class", e.class) as string,
    studentId: resolve("student", e.student),
    rosterStaffId: resolve("staff", e.staff),
    role: e.role,
    primary: e.primary,
    beginDate: asDate(e.beginDate),
    endDate: asDate(e.endDate),
  }));
  await inChunks(enrollmentRows, (data) => tx.classEnrollment.createMany({ data }), wrote("enrollments"));
  for (const u of plan.enrollments.update) {
    wrote("enrollments")(1);
    const { class: cls, student, staff, beginDate, endDate, ...rest } = u.data;
    await tx.classEnrollment.update({
      where: { id: u.id, districtId },
      data: {
        ...(rest.role !== undefined ? { role: rest.role } : {}),
        ...(rest.primary !== undefined ? { primary: rest.primary } : {}),
        ...(beginDate !== undefined ? { beginDate: asDate(beginDate) } : {}),
        ...(endDate !== undefined ? { endDate: asDate(endDate) } : {}),
        ...(cls !== undefined ? { classId: resolve("class", cls) as string } : {}),
        ...(student !== undefined ? { studentId: resolve("student", student) } : {}),
        ...(staff !== undefined ? { rosterStaffId: resolve("staff", staff) } : {}),
      },
    });
  }

  const counts = countsOf(plan);
  return { ...counts, students: { ...counts.students, archive: archived } };
}
