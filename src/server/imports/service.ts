import "server-only";
import { randomUUID } from "node:crypto";
import { Findings, type Finding } from "@/domain/oneroster/findings";
import type { EnrollmentSink } from "@/domain/oneroster/collect";
import {
  buildPlan,
  countsOf,
  finishPlan,
  type EnrollmentRefs,
  type ArchiveCandidate,
  type ExistingClass,
  type ExistingEnrollment,
  type ExistingStaff,
  type ExistingStudent,
  type Plan,
  type PlanCounts,
  type Ref,
  type Snapshot,
} from "@/domain/oneroster/plan";
import { readRoster } from "@/domain/oneroster/read";
import type { StaffTarget } from "@/domain/oneroster/spec";
import type { Tx } from "@/server/db/tenant";
import { releaseMemory } from "@/server/jobs/memory";
import { noProgress } from "@/server/jobs/progress";
import type { ProgressReporter } from "@/server/jobs/types";
import { bulkDelete, bulkInsert, bulkUpdate, type Cell, type Column } from "./bulk";
import { planStagedEnrollments, stageEnrollments, writeStagedEnrollments } from "./staged";
import { membersOf, type UploadedFile } from "./upload";

/** An import may take minutes for a large district: its transaction may run this long (decision 018). */
export const APPLY_TIMEOUT_MS = 15 * 60 * 1000;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00Z`) : null);

/**
 * What the district holds that an import may touch, read in the import's
 * transaction. The large tables are read with plain SQL in the shapes the plan
 * compares (dates as YYYY-MM-DD, enums as text): Prisma's findMany costs
 * several times more per row, and a scale district has 400,000 enrollments.
 */
export async function loadSnapshot(tx: Tx, districtId: string, { enrollments: withEnrollments = true } = {}): Promise<Snapshot> {
  const [schools, students, staff, sessions, classes, enrollments, members, invitations] = await Promise.all([
    tx.school.findMany({ where: { districtId }, select: { id: true, sourcedId: true, name: true, code: true, archivedAt: true } }),
    tx.$queryRaw<ExistingStudent[]>`
      SELECT "id"::text, "sourcedId", "localId", "schoolId"::text, "legalFirstName", "legalMiddleName", "legalLastName", "preferredName",
             "dateOfBirth"::text AS "dateOfBirth", "grade"::text AS "grade", "gender"::text AS "gender", "hispanicLatino",
             coalesce("races"::text[], '{}') AS "races", ("archivedAt" IS NOT NULL) AS "archived"
      FROM "Student" WHERE "districtId" = ${districtId}::uuid`,
    tx.$queryRaw<ExistingStaff[]>`
      SELECT "id"::text, "sourcedId", "givenName", "familyName", "email", "oneRosterRole", "schoolId"::text, "userId"::text, ("archivedAt" IS NOT NULL) AS "archived"
      FROM "RosterStaff" WHERE "districtId" = ${districtId}::uuid`,
    tx.academicSession.findMany({ where: { districtId } }),
    tx.$queryRaw<ExistingClass[]>`
      SELECT "id"::text, "sourcedId", "schoolId"::text, "title", "courseCode", "classCode", "periods", "termId"::text
      FROM "SchoolClass" WHERE "districtId" = ${districtId}::uuid`,
    // A staged import plans enrollments in the database (staged.ts): they are not read here.
    withEnrollments
      ? tx.$queryRaw<ExistingEnrollment[]>`
      SELECT "id"::text, "sourcedId", "classId"::text, "studentId"::text, "rosterStaffId"::text, "role"::text AS "role", "primary",
             "beginDate"::text AS "beginDate", "endDate"::text AS "endDate"
      FROM "ClassEnrollment" WHERE "districtId" = ${districtId}::uuid`
      : Promise.resolve([] as ExistingEnrollment[]),
    tx.membership.findMany({ where: { districtId }, select: { userId: true, user: { select: { email: true } } } }),
    tx.invitation.findMany({ where: { districtId }, select: { userId: true, user: { select: { email: true } } } }),
  ]);
  return {
    schools: schools.map((s) => ({ id: s.id, sourcedId: s.sourcedId, name: s.name, code: s.code, archived: s.archivedAt !== null })),
    students,
    staff,
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
    classes,
    enrollments,
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

/** Reads the upload (streamed); the set is planned later against the snapshot. Enrollment rows go to `enrollmentSink` when one is given. */
export async function readUpload(files: UploadedFile[], findings: Findings, progress: ProgressReporter = noProgress, enrollmentSink?: EnrollmentSink) {
  const { members, close } = await membersOf(files, findings);
  try {
    return await readRoster(members, findings, (file, rows) => progress.read(file, rows), enrollmentSink);
  } finally {
    close();
  }
}

/**
 * The dry run: the upload read, then planned against what the district holds
 * in `tx`. Applying calls exactly this, then executePlan in the same transaction.
 */
export async function analyse(
  tx: Tx,
  districtId: string,
  files: UploadedFile[],
  mapping: Record<string, StaffTarget>,
  progress: ProgressReporter = noProgress,
  { planner = "staged" }: { planner?: "staged" | "memory" } = {},
): Promise<Analysis> {
  const findings = new Findings();
  progress.phase("reading");
  // Enrollments are staged in the transaction and planned there (staged.ts, decision 047);
  // the in-memory planner stays for the agreement test (it is the specification).
  const sink = planner === "staged" ? await stageEnrollments(tx) : undefined;
  const set = await readUpload(files, findings, progress, sink);
  progress.phase("comparing with the district's records");
  const snapshot = await loadSnapshot(tx, districtId, { enrollments: !sink });
  let refs: EnrollmentRefs | null = null;
  const plan = buildPlan(set, snapshot, findings, { staffMapping: mapping, ...(sink ? { stagedEnrollments: (r: EnrollmentRefs) => (refs = r) } : {}) });
  if (sink) {
    if (!refs) throw new Error("import: the plan did not reach the enrollments");
    plan.stagedEnrollments = await planStagedEnrollments(tx, districtId, set, refs, sink.file ?? "enrollments.csv", findings);
    finishPlan(set, findings);
  }
  // The staged rows and the snapshot's lookups are garbage now (jobs/memory.ts).
  releaseMemory();
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

const col = (name: string, type: Column["type"] = "text"): Column => ({ name, type });
const STUDENT_COLUMNS = [
  col("id", "uuid"),
  col("districtId", "uuid"),
  col("schoolId", "uuid"),
  col("sourcedId"),
  col("localId"),
  col("legalFirstName"),
  col("legalMiddleName"),
  col("legalLastName"),
  col("preferredName"),
  col("grade", { enum: "GradeLevel" }),
  col("dateOfBirth", "date"),
  col("gender", { enum: "Gender" }),
  col("hispanicLatino", "bool"),
  col("races", { enumArray: "Race" }),
];
const STUDENT_UPDATE_COLUMNS = [...STUDENT_COLUMNS.slice(2), col("archivedAt", "timestamptz")];
const STAFF_COLUMNS = [col("id", "uuid"), col("districtId", "uuid"), col("sourcedId"), col("givenName"), col("familyName"), col("email"), col("oneRosterRole"), col("schoolId", "uuid")];
const STAFF_UPDATE_COLUMNS = [...STAFF_COLUMNS.slice(2), col("archivedAt", "timestamptz")];
const CLASS_COLUMNS = [col("id", "uuid"), col("districtId", "uuid"), col("sourcedId"), col("schoolId", "uuid"), col("title"), col("courseCode"), col("classCode"), col("periods"), col("termId", "uuid")];
const CLASS_UPDATE_COLUMNS = CLASS_COLUMNS.slice(2);
const ENROLLMENT_COLUMNS = [
  col("id", "uuid"),
  col("districtId", "uuid"),
  col("sourcedId"),
  col("classId", "uuid"),
  col("studentId", "uuid"),
  col("rosterStaffId", "uuid"),
  col("role", { enum: "EnrollmentRole" }),
  col("primary", "bool"),
  col("beginDate", "date"),
  col("endDate", "date"),
];
const ENROLLMENT_UPDATE_COLUMNS = ENROLLMENT_COLUMNS.slice(2);

/** Links roster staff (by sourcedId) to accounts: one UPDATE ... FROM unnest per few thousand. */
async function linkStaff(tx: Tx, districtId: string, pairs: [sourcedId: string, userId: string][]) {
  await inChunks(pairs, (chunk) =>
    tx.$executeRaw`UPDATE "RosterStaff" AS s SET "userId" = u.user_id, "updatedAt" = now()
      FROM unnest(${chunk.map((p) => p[0])}::text[], ${chunk.map((p) => p[1])}::uuid[]) AS u(sourced_id, user_id)
      WHERE s."districtId" = ${districtId}::uuid AND s."sourcedId" = u.sourced_id`,
  );
}

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
  if (plan.stagedEnrollments) {
    const e = plan.stagedEnrollments;
    sizes[FILE_OF.enrollments] = (sizes[FILE_OF.enrollments] ?? 0) + e.create + e.update + e.remove;
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

  // Students (set-based: see bulk.ts).
  const studentRows = plan.students.create.map((s) => {
    const id = randomUUID();
    created.student.set(s.sourcedId, id);
    return [
      id,
      districtId,
      resolve("school", s.school),
      s.sourcedId,
      s.localId,
      s.legalFirstName,
      s.legalMiddleName,
      s.legalLastName,
      s.preferredName,
      s.grade,
      s.dateOfBirth ?? null,
      // The columns' defaults when the files do not tell (no demographics).
      s.gender ?? "NOT_SPECIFIED",
      s.hispanicLatino ?? false,
      s.races ?? null,
    ] satisfies Cell[];
  });
  await bulkInsert(tx, "Student", STUDENT_COLUMNS, studentRows, wrote("students"));
  await bulkUpdate(
    tx,
    "Student",
    districtId,
    STUDENT_UPDATE_COLUMNS,
    plan.students.update.map((u) => {
      const { school, restore, ...d } = u.data;
      return { id: u.id, set: { ...d, schoolId: school ? resolve("school", school) : undefined, archivedAt: restore ? null : undefined } };
    }),
    // Someone with the edit form open gets a conflict instead of overwriting the import.
    [`"version" = x."version" + 1`],
    wrote("students"),
  );
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
    return [id, districtId, s.sourcedId, s.givenName, s.familyName, s.email, s.oneRosterRole, resolve("school", s.school)] satisfies Cell[];
  });
  await bulkInsert(tx, "RosterStaff", STAFF_COLUMNS, staffRows, wrote("staff"));
  await bulkUpdate(
    tx,
    "RosterStaff",
    districtId,
    STAFF_UPDATE_COLUMNS,
    plan.staff.update.map((u) => {
      const { school, restore, ...d } = u.data;
      return { id: u.id, set: { ...d, schoolId: school !== undefined ? resolve("school", school) : undefined, archivedAt: restore ? null : undefined } };
    }),
    [],
    wrote("staff"),
  );
  if (plan.staff.archive.length) await tx.rosterStaff.updateMany({ where: { districtId, id: { in: plan.staff.archive } }, data: { archivedAt: new Date() } });
  // Links and invitations are set-based too: with teachers invited as Teacher by default (issue 17),
  // a district's import invites hundreds of people, and one round trip each would dominate the apply.
  await linkStaff(tx, districtId, plan.links.map((l) => [l.staffSourcedId, l.userId]));
  if (plan.invitations.length) {
    // As createStaff (decision 009): an account known elsewhere is invited, never attached or renamed; a new email gets an account with the initial password.
    const known = new Map<string, string>();
    for (let i = 0; i < plan.invitations.length; i += CHUNK) {
      const emails = plan.invitations.slice(i, i + CHUNK).map((inv) => inv.email);
      const rows = await tx.$queryRaw<{ id: string; email: string }[]>`SELECT "id"::text, "email" FROM "User" WHERE "email" = ANY(${emails}::text[])`;
      for (const r of rows) known.set(r.email, r.id);
    }
    const fresh = plan.invitations.filter((inv) => !known.has(inv.email));
    if (fresh.length && !opts.passwordHash) throw new Error("import: an initial password is needed for new accounts");
    const userRows = fresh.map((inv) => {
      const id = randomUUID();
      known.set(inv.email, id);
      return [id, inv.email, inv.name, opts.passwordHash] satisfies Cell[];
    });
    await bulkInsert(tx, "User", [col("id", "uuid"), col("email"), col("name"), col("passwordHash")], userRows);
    const invitationRows: Cell[][] = [];
    const schoolRows: Cell[][] = [];
    for (const inv of plan.invitations) {
      const id = randomUUID();
      invitationRows.push([id, districtId, known.get(inv.email) as string, inv.name, inv.role]);
      const schoolId = resolve("school", inv.school);
      if (schoolId) schoolRows.push([districtId, id, schoolId]);
    }
    await bulkInsert(tx, "Invitation", [col("id", "uuid"), col("districtId", "uuid"), col("userId", "uuid"), col("invitedName"), col("role", { enum: "Role" })], invitationRows);
    await bulkInsert(tx, "InvitationSchool", [col("districtId", "uuid"), col("invitationId", "uuid"), col("schoolId", "uuid")], schoolRows, undefined, false);
    await linkStaff(tx, districtId, plan.invitations.map((inv) => [inv.staffSourcedId, known.get(inv.email) as string]));
  }

  // Classes and enrollments (removing a class removes its enrollments: ON DELETE CASCADE).
  if (plan.classes.remove.length) await bulkDelete(tx, "SchoolClass", districtId, plan.classes.remove);
  const classRows = plan.classes.create.map((c) => {
    const id = randomUUID();
    created.class.set(c.sourcedId, id);
    return [id, districtId, c.sourcedId, resolve("school", c.school), c.title, c.courseCode, c.classCode, c.periods, resolve("session", c.term)] satisfies Cell[];
  });
  await bulkInsert(tx, "SchoolClass", CLASS_COLUMNS, classRows, wrote("classes"));
  await bulkUpdate(
    tx,
    "SchoolClass",
    districtId,
    CLASS_UPDATE_COLUMNS,
    plan.classes.update.map((u) => {
      const { school, term, ...d } = u.data;
      return { id: u.id, set: { ...d, schoolId: school !== undefined ? resolve("school", school) : undefined, termId: term !== undefined ? resolve("session", term) : undefined } };
    }),
    [],
    wrote("classes"),
  );
  if (plan.stagedEnrollments) await writeStagedEnrollments(tx, districtId, wrote("enrollments"));
  await bulkDelete(tx, "ClassEnrollment", districtId, plan.enrollments.remove, wrote("enrollments"));
  const enrollmentRows = plan.enrollments.create.map(
    (e) => [randomUUID(), districtId, e.sourcedId, resolve("class", e.class), resolve("student", e.student), resolve("staff", e.staff), e.role, e.primary, e.beginDate, e.endDate] satisfies Cell[],
  );
  await bulkInsert(tx, "ClassEnrollment", ENROLLMENT_COLUMNS, enrollmentRows, wrote("enrollments"));
  await bulkUpdate(
    tx,
    "ClassEnrollment",
    districtId,
    ENROLLMENT_UPDATE_COLUMNS,
    plan.enrollments.update.map((u) => {
      const { class: cls, student, staff, ...d } = u.data;
      return {
        id: u.id,
        set: {
          ...d,
          classId: cls !== undefined ? resolve("class", cls) : undefined,
          studentId: student !== undefined ? resolve("student", student) : undefined,
          rosterStaffId: staff !== undefined ? resolve("staff", staff) : undefined,
        },
      };
    }),
    [],
    wrote("enrollments"),
  );

  const counts = countsOf(plan);
  return { ...counts, students: { ...counts.students, archive: archived } };
}
