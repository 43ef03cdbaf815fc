import "server-only";
import { PassThrough, type Readable } from "node:stream";
import { recordAudit } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import type { AppDb } from "@/server/db/client";
import { withTenant, type Tx } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";
import { GRADE_LABEL } from "@/server/students/schemas";
import { BATCH, closeWatch, CsvSink, DownloadAborted, withTenantSnapshot } from "./stream";

type Cell = string | number | null;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const ROLE_NAME = { ADMIN: "administrator", COORDINATOR: "coordinator", SPECIALIST: "specialist", ASSISTANT: "assistant" } as const;

/**
 * One roster list: its header, its rows now (for the audit event) and its
 * rows in id order after a cursor (keyset pages: never the whole list in memory).
 */
interface RosterList {
  entityType: string;
  header: string[];
  count(tx: Tx, districtId: string): Promise<number>;
  page(tx: Tx, districtId: string, after: string | null): Promise<{ id: string; cells: Cell[] }[]>;
}

const after = (cursor: string | null) => (cursor ? { id: { gt: cursor } } : {});

export const ROSTERS = {
  /** Current (not archived) students with their school, grade and the district's ids. */
  students: {
    entityType: "Student",
    header: ["local_id", "sourced_id", "last_name", "first_name", "middle_name", "preferred_name", "grade", "school", "school_code"],
    count: (tx, districtId) => tx.student.count({ where: { districtId, archivedAt: null } }),
    page: async (tx, districtId, cursor) =>
      (
        await tx.student.findMany({
          where: { districtId, archivedAt: null, ...after(cursor) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, localId: true, sourcedId: true, legalLastName: true, legalFirstName: true, legalMiddleName: true, preferredName: true, grade: true, school: { select: { name: true, code: true } } },
        })
      ).map((s) => ({ id: s.id, cells: [s.localId, s.sourcedId, s.legalLastName, s.legalFirstName, s.legalMiddleName, s.preferredName, GRADE_LABEL[s.grade], s.school.name, s.school.code] })),
  },
  /** Classes with their school, term, teachers and number of students. */
  classes: {
    entityType: "SchoolClass",
    header: ["class_sourced_id", "title", "school", "course_code", "class_code", "periods", "term", "teachers", "students"],
    count: (tx, districtId) => tx.schoolClass.count({ where: { districtId } }),
    page: async (tx, districtId, cursor) =>
      (
        await tx.schoolClass.findMany({
          where: { districtId, ...after(cursor) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: {
            id: true,
            sourcedId: true,
            title: true,
            courseCode: true,
            classCode: true,
            periods: true,
            school: { select: { name: true } },
            term: { select: { title: true } },
            enrollments: { where: { role: "TEACHER" }, select: { staff: { select: { givenName: true, familyName: true } } }, orderBy: { primary: "desc" } },
            _count: { select: { enrollments: { where: { role: "STUDENT" } } } },
          },
        })
      ).map((c) => ({
        id: c.id,
        cells: [
          c.sourcedId,
          c.title,
          c.school.name,
          c.courseCode,
          c.classCode,
          c.periods,
          c.term?.title ?? null,
          c.enrollments.flatMap((e) => (e.staff ? [`${e.staff.givenName} ${e.staff.familyName}`] : [])).join("; "),
          c._count.enrollments,
        ],
      })),
  },
  /** Every class enrollment: the class, and the student or staff member on it. */
  enrollments: {
    entityType: "ClassEnrollment",
    header: ["class_sourced_id", "class_title", "school", "role", "primary", "student_local_id", "student_last_name", "student_first_name", "staff_name", "staff_email", "begin_date", "end_date"],
    count: (tx, districtId) => tx.classEnrollment.count({ where: { districtId } }),
    page: async (tx, districtId, cursor) =>
      (
        await tx.classEnrollment.findMany({
          where: { districtId, ...after(cursor) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: {
            id: true,
            role: true,
            primary: true,
            beginDate: true,
            endDate: true,
            class: { select: { sourcedId: true, title: true, school: { select: { name: true } } } },
            student: { select: { localId: true, legalLastName: true, legalFirstName: true } },
            staff: { select: { givenName: true, familyName: true, email: true } },
          },
        })
      ).map((e) => ({
        id: e.id,
        cells: [
          e.class.sourcedId,
          e.class.title,
          e.class.school.name,
          e.role.toLowerCase(),
          e.primary ? "yes" : "no",
          e.student?.localId ?? null,
          e.student?.legalLastName ?? null,
          e.student?.legalFirstName ?? null,
          e.staff ? `${e.staff.givenName} ${e.staff.familyName}` : null,
          e.staff?.email ?? null,
          day(e.beginDate),
          day(e.endDate),
        ],
      })),
  },
  /** Staff with an account in the district: name, email, role, schools and whether active. */
  staff: {
    entityType: "Membership",
    header: ["name", "email", "role", "schools", "status"],
    count: (tx, districtId) => tx.membership.count({ where: { districtId } }),
    page: async (tx, districtId, cursor) =>
      (
        await tx.membership.findMany({
          where: { districtId, ...after(cursor) },
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true, role: true, deactivatedAt: true, user: { select: { name: true, email: true } }, schools: { select: { school: { select: { name: true } } } } },
        })
      ).map((m) => ({
        id: m.id,
        cells: [
          m.user.name,
          m.user.email,
          ROLE_NAME[m.role],
          m.schools.length === 0 ? "all schools" : m.schools.map((s) => s.school.name).sort().join("; "),
          m.deactivatedAt ? "deactivated" : "active",
        ],
      })),
  },
} satisfies Record<string, RosterList>;

export type RosterName = keyof typeof ROSTERS;

/**
 * One roster as a CSV download (administrators: district.export). Audited
 * before the first row leaves (the list and its row count), then streamed
 * from keyset pages in one snapshot transaction, as the district export is.
 */
export async function exportRoster(ctx: Ctx, name: RosterName, db?: AppDb): Promise<{ filename: string; body: Readable }> {
  const list: RosterList = ROSTERS[name];
  await authorizePage(ctx, "district.export", { entityType: list.entityType });
  await withTenant(
    ctx.districtId,
    async (tx) => {
      const rows = await list.count(tx, ctx.districtId);
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "export", entityType: list.entityType, detail: { export: `roster:${name}`, rows } });
    },
    db,
  );
  const out = new PassThrough();
  const { closed, onAbort } = closeWatch(out);
  const sink = new CsvSink(out, closed, onAbort);
  withTenantSnapshot(
    ctx.districtId,
    async (tx) => {
      await sink.row(list.header);
      let cursor: string | null = null;
      for (;;) {
        const rows = await list.page(tx, ctx.districtId, cursor);
        for (const r of rows) await sink.row(r.cells);
        if (rows.length < BATCH) break;
        cursor = rows[rows.length - 1]!.id;
      }
      await sink.flush();
    },
    db,
  ).then(
    () => out.end(),
    (error: unknown) => {
      if (!(error instanceof DownloadAborted)) logUnexpected(error, `roster export (${name})`);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return { filename: `${name}-${new Date().toISOString().slice(0, 10)}.csv`, body: out };
}
