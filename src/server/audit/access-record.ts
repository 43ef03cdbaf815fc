import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { can, ROLE_LABEL, type Role } from "@/domain/permissions";
import { startOfDayIn } from "@/domain/time-zone";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { toCsv } from "@/server/csv";
import { withTenant, type Tx } from "@/server/db/tenant";
import { studentReach } from "@/server/reach";
import { firstParam, type SearchParams } from "@/server/search-params";
import { describeEventsIn } from "./describe";
import { cursorOf, type AuditCursor } from "./schemas";

// The record of access a family may inspect (FERPA 34 CFR 99.32, decision
// 035): every audit event about one student, whether it names the student
// (studentId), links them among many (AuditEventStudent: a list page, a CSV of
// many students) or is an export of the whole district made while the student
// was on roll. Administrators only (student.accessHistory).

export const ACCESS_RECORD_PAGE_SIZE = 100;
/** Rows read per query when the whole range goes into a CSV. */
const CSV_BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/i;
const blankIsNone = (v: unknown) => (v === "" ? undefined : v);

/** The report's URL query: an inclusive date range (both ends optional) and the page's position. */
export const ZAccessRecordQuery = z
  .object({
    from: z.preprocess(blankIsNone, z.iso.date("Enter the start date as YYYY-MM-DD.").optional()),
    to: z.preprocess(blankIsNone, z.iso.date("Enter the end date as YYYY-MM-DD.").optional()),
    // A malformed position (never typed by a person) is the first page.
    before: z
      .string()
      .regex(CURSOR)
      .transform((v): AuditCursor => {
        const [, at, id] = CURSOR.exec(v)!;
        return { createdAt: new Date(at!), id: id! };
      })
      .refine((c) => !Number.isNaN(c.createdAt.getTime()))
      .optional()
      .catch(undefined),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The end date is before the start date." });

/** Whole-district exports: every student on roll is in them (decision 022). */
const WHOLE_DISTRICT_EXPORTS = Prisma.sql`(e."entityType" = 'District' OR e."detail" ->> 'export' IN ('roster:students', 'roster:enrollments'))`;

type Key = { id: string; createdAt: Date };

/**
 * One page of the events about a student, newest first, by keyset on
 * (createdAt, id): the three sources each read at most `take` rows from their
 * own index, then merge. Times are [from, toExclusive).
 */
function keysIn(tx: Tx, districtId: string, student: { id: string; createdAt: Date }, range: { from: Date; to: Date }, before: AuditCursor | undefined, take: number) {
  const below = (at: Prisma.Sql, id: Prisma.Sql) => (before ? Prisma.sql`AND ${at} <= ${before.createdAt} AND (${at} < ${before.createdAt} OR ${id} < ${before.id}::uuid)` : Prisma.empty);
  const onRoll = student.createdAt > range.from ? student.createdAt : range.from;
  return tx.$queryRaw<Key[]>`
    SELECT k."id", k."createdAt" FROM (
      (SELECT e."id", e."createdAt" FROM "AuditEvent" e
        WHERE e."districtId" = ${districtId}::uuid AND e."studentId" = ${student.id}::uuid
          AND e."createdAt" >= ${range.from} AND e."createdAt" < ${range.to} ${below(Prisma.sql`e."createdAt"`, Prisma.sql`e."id"`)}
        ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${take})
      UNION
      (SELECT l."auditEventId", l."createdAt" FROM "AuditEventStudent" l
        WHERE l."districtId" = ${districtId}::uuid AND l."studentId" = ${student.id}::uuid
          AND l."createdAt" >= ${range.from} AND l."createdAt" < ${range.to} ${below(Prisma.sql`l."createdAt"`, Prisma.sql`l."auditEventId"`)}
        ORDER BY l."createdAt" DESC, l."auditEventId" DESC LIMIT ${take})
      UNION
      (SELECT e."id", e."createdAt" FROM "AuditEvent" e
        WHERE e."districtId" = ${districtId}::uuid AND e."action" = 'export' AND e."studentId" IS NULL AND ${WHOLE_DISTRICT_EXPORTS}
          AND e."createdAt" >= ${onRoll} AND e."createdAt" < ${range.to} ${below(Prisma.sql`e."createdAt"`, Prisma.sql`e."id"`)}
        ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${take})
    ) k
    ORDER BY k."createdAt" DESC, k."id" DESC
    LIMIT ${take}`;
}

export interface AccessEntry {
  id: string;
  createdAt: Date;
  /** "Dana Ortiz (Coordinator)"; "A former staff member" when the person is no longer known to the district; "The system" for no person. */
  who: string;
  action: string;
  what: string;
  why: string;
}

const ACTION_LABEL: Readonly<Record<string, string>> = { view: "Viewed", create: "Created", update: "Changed", export: "Exported or printed", denied: "Refused access" };

type Detail = Record<string, unknown>;
const detailOf = (d: Prisma.JsonValue): Detail => (d && typeof d === "object" && !Array.isArray(d) ? (d as Detail) : {});

/** What an event disclosed, in words, for the kinds the entity description does not cover (many students, files). */
function whatOf(e: { entityType: string; action: string }, detail: Detail, described: string): string {
  if (e.entityType === "StudentList") return `Student list: ${detail.searched ? "a search" : "a page of the list"} showing this student among ${typeof detail.total === "number" ? detail.total : "other"} students`;
  if (e.entityType === "District" && e.action === "export") return "Export of the whole district's records (every table)";
  if (typeof detail.export === "string" && detail.export.startsWith("roster:")) return `Roster export: ${detail.export.slice(7)}`;
  if (e.entityType === "ComplianceCalendar") return `Compliance calendar${e.action === "export" ? " (CSV)" : ""}: this student among others`;
  if (e.entityType === "ScreeningScore" && e.action === "export") return "Screening scores (CSV): this student among others";
  if (e.entityType === "AccessRecord") return "This record of access";
  return described;
}

/**
 * Why it happened, as the audit knows it: the person's role (the legitimate
 * educational interest FERPA 99.31(a)(1) rests on) and the page, change or
 * file, never the values seen.
 */
function whyOf(e: { action: string }, detail: Detail, role: Role | null): string {
  const parts: string[] = [];
  if (typeof detail.purpose === "string") parts.push(detail.purpose);
  if (typeof detail.page === "string") parts.push(`opened the ${detail.page} page`);
  if (typeof detail.section === "string") parts.push(`opened the ${detail.section} section of the record`);
  if (Array.isArray(detail.fields)) parts.push(`changed ${detail.fields.filter((f) => typeof f === "string").join(", ")}`);
  if (typeof detail.event === "string") parts.push(detail.event.replaceAll("_", " ").toLowerCase());
  if (typeof detail.format === "string") parts.push(`downloaded as ${detail.format.toUpperCase()}`);
  if (typeof detail.attempted === "string") parts.push(`attempted ${detail.attempted}`);
  if (e.action === "denied") parts.push("no access: nothing was shown");
  const role_ = role ? `${ROLE_LABEL[role]}: school official with a legitimate educational interest` : null;
  return [role_, ...parts].filter(Boolean).join("; ") || "—";
}

async function entriesIn(tx: Tx, ctx: Ctx, keys: Key[]): Promise<AccessEntry[]> {
  if (!keys.length) return [];
  const rows = await tx.auditEvent.findMany({
    where: { districtId: ctx.districtId, id: { in: keys.map((k) => k.id) } },
    select: { id: true, createdAt: true, actorUserId: true, action: true, entityType: true, entityId: true, studentId: true, detail: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = keys.map((k) => byId.get(k.id)!).filter(Boolean);
  const words = await describeEventsIn(tx, ctx, ordered);
  const actorIds = [...new Set(ordered.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  // Names and roles only of the district's own staff (decision 009), in one query.
  const members = actorIds.length
    ? await tx.membership.findMany({ where: { districtId: ctx.districtId, userId: { in: actorIds } }, select: { userId: true, role: true, user: { select: { name: true } } } })
    : [];
  const people = new Map(members.map((m) => [m.userId, { name: m.user.name, role: m.role as Role }]));
  return ordered.map((e) => {
    const person = e.actorUserId ? people.get(e.actorUserId) : undefined;
    const detail = detailOf(e.detail);
    return {
      id: e.id,
      createdAt: e.createdAt,
      who: person ? `${person.name} (${ROLE_LABEL[person.role]})` : e.actorUserId ? "A person no longer on the district's staff" : "The system",
      action: ACTION_LABEL[e.action] ?? e.action.replaceAll("_", " "),
      what: whatOf(e, detail, words.get(e.id)!.what),
      why: whyOf(e, detail, person?.role ?? null),
    };
  });
}

function rangeOf(ctx: Ctx, q: { from?: string; to?: string }) {
  return {
    from: q.from ? startOfDayIn(q.from, ctx.timeZone) : new Date(0),
    // The next day's start in the district's zone (a daylight-saving day is not 24 hours).
    to: q.to ? startOfDayIn(new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + DAY_MS).toISOString().slice(0, 10), ctx.timeZone) : new Date("9999-12-31T00:00:00.000Z"),
  };
}

async function findStudent(tx: Tx, ctx: Ctx, unverifiedStudentId: string) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  if (!id.success) return null;
  const student = await tx.student.findFirst({
    where: { id: id.data, districtId: ctx.districtId },
    select: { id: true, schoolId: true, localId: true, createdAt: true, ...STUDENT_NAME_SELECT, school: { select: { name: true } } },
  });
  if (!student) return null;
  if (!can(ctx, "student.accessHistory", await studentReach(tx, ctx, student))) return { denied: student.id } as const;
  return student;
}

const TARGET = (id: string) => ({ entityType: "Student", entityId: id.slice(0, 64) });

/**
 * The report page: one page of entries for the query's range. Viewing it is
 * itself audited (and so appears in it). Invalid dates come back as field
 * errors with no entries.
 */
export async function getAccessRecord(ctx: Ctx, unverifiedStudentId: string, params: SearchParams) {
  await authorizePage(ctx, "student.accessHistory", { entityType: "Student" });
  const values = { from: firstParam(params.from)?.trim() ?? "", to: firstParam(params.to)?.trim() ?? "" };
  const parsed = ZAccessRecordQuery.safeParse({ ...values, before: firstParam(params.before) });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const student = await findStudent(tx, ctx, unverifiedStudentId);
    if (!student || "denied" in student) return student;
    if (!parsed.success) return { student, entries: [] as AccessEntry[], older: null };
    const q = parsed.data;
    const keys = await keysIn(tx, ctx.districtId, student, rangeOf(ctx, q), q.before, ACCESS_RECORD_PAGE_SIZE + 1);
    const page = keys.slice(0, ACCESS_RECORD_PAGE_SIZE);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "AccessRecord", entityId: student.id, studentId: student.id, detail: { page: "record of access", from: q.from ?? null, to: q.to ?? null } });
    return { student, entries: await entriesIn(tx, ctx, page), older: keys.length > ACCESS_RECORD_PAGE_SIZE ? cursorOf(page.at(-1)!) : null };
  });
  if (!found || "denied" in found) return pageNotFound(ctx, "student.accessHistory", { ...TARGET(unverifiedStudentId), studentId: found?.denied ?? null });
  const errors: Record<string, string[]> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "from")] ??= []).push(issue.message);
  return {
    student: { id: found.student.id, name: studentDisplayName(found.student), localId: found.student.localId, schoolName: found.student.school.name },
    values,
    errors,
    entries: found.entries,
    olderCursor: found.older,
    firstPage: !(parsed.success && parsed.data.before),
  };
}

export const ACCESS_RECORD_CSV_COLUMNS = ["When (UTC)", "Who", "Action", "What", "Why"] as const;

/**
 * The whole range as CSV, audited as an export before it is built (a family's
 * copy is a disclosure too). Invalid dates: null (the route answers 400).
 */
export async function exportAccessRecordCsv(ctx: Ctx, unverifiedStudentId: string, params: SearchParams): Promise<{ filename: string; csv: string } | null> {
  await authorizePage(ctx, "student.accessHistory", { entityType: "Student" });
  const parsed = ZAccessRecordQuery.safeParse({ from: firstParam(params.from)?.trim() ?? "", to: firstParam(params.to)?.trim() ?? "" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const student = await findStudent(tx, ctx, unverifiedStudentId);
    if (!student || "denied" in student) return student;
    if (!parsed.success) return { invalid: true } as const;
    const range = rangeOf(ctx, parsed.data);
    const entries: AccessEntry[] = [];
    for (let before: AuditCursor | undefined; ; ) {
      const keys = await keysIn(tx, ctx.districtId, student, range, before, CSV_BATCH);
      entries.push(...(await entriesIn(tx, ctx, keys)));
      if (keys.length < CSV_BATCH) break;
      before = keys.at(-1)!;
    }
    await recordAudit(tx, {
      districtId: ctx.districtId,
      actorUserId: ctx.userId,
      action: "export",
      entityType: "AccessRecord",
      entityId: student.id,
      studentId: student.id,
      detail: { format: "csv", from: parsed.data.from ?? null, to: parsed.data.to ?? null, rows: entries.length },
    });
    return { student, entries };
  }, undefined, 60_000);
  if (!found || "denied" in found) return pageNotFound(ctx, "student.accessHistory", { ...TARGET(unverifiedStudentId), studentId: found?.denied ?? null });
  if ("invalid" in found) return null;
  const { from, to } = parsed.success ? parsed.data : {};
  return {
    // Named by the local id and dates, never the name (decision 005).
    filename: `record-of-access-${found.student.localId.replace(/[^A-Za-z0-9_-]/g, "")}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.csv`,
    csv: toCsv([ACCESS_RECORD_CSV_COLUMNS, ...found.entries.map((e) => [e.createdAt.toISOString(), e.who, e.action, e.what, e.why])]),
  };
}
