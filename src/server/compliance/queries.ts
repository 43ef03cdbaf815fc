import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { clockState, DEFAULT_CLOCK, type ClockRule } from "@/domain/iep504/clock";
import { DEFAULT_HORIZON, horizonEnd, type DueKind } from "@/domain/iep504/compliance";
import { daysUntil } from "@/domain/iep504/dates";
import { scopeOf } from "@/domain/permissions";
import { isoDayIn } from "@/domain/time-zone";
import { recordAudit } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { firstParam, type SearchParams } from "@/server/search-params";
import { OPEN_STATUSES, type SpecialEdPlanType } from "@/server/iep504/schemas";
import { COMPLIANCE_PAGE_SIZE, ZComplianceQuery, type TComplianceQuery } from "./schemas";

// The compliance calendar (issue 16): the annual reviews and re-evaluations of
// open IEP/504 records and the evaluation deadlines of open referrals, due
// within a horizon or overdue, soonest (so overdue) first. Who sees what:
// administrators the district, coordinators their schools, a specialist what
// they are case manager of (compliance.view's scope). The disability category
// is never read here: the calendar is shown to people who may not see it.
//
// Two statements whatever the district's size (decision 007): one reads the
// context (the clock rule, the non-school days, the filters' options and the
// open referrals' consent dates, whose deadlines the domain clock computes,
// so school days are counted by the same code as everywhere else); the other
// merges those deadlines with the records' dates and returns one page and
// the total, on the indexes (districtId, status, annualReviewDue / reevaluationDue).

export interface ComplianceItem {
  kind: DueKind;
  /** The IEP/504 record or the referral. */
  itemId: string;
  /** The record's type; null for a referral. */
  planType: SpecialEdPlanType | null;
  studentId: string;
  studentName: string;
  localId: string;
  schoolName: string;
  /** The record's case manager, or the student's case managers for a referral; null when none is named. */
  caseManager: string | null;
  due: string;
  /** Calendar days from the district's today (negative once overdue). */
  daysLeft: number;
  /** For a referral: the last school day on or before the due date, when the due date is not a school day. */
  lastSchoolDay: string | null;
}

export interface Option {
  id: string;
  name: string;
}

type Scope = { kind: "district" } | { kind: "schools"; schoolIds: readonly string[] } | { kind: "own" };

function scopeFor(ctx: Ctx): Scope {
  const scope = scopeOf(ctx.role, "compliance.view");
  if (scope === "district") return { kind: "district" };
  if (scope === "school") return ctx.schoolIds.length ? { kind: "schools", schoolIds: ctx.schoolIds } : { kind: "district" };
  return { kind: "own" };
}

/** The district's day now, in its time zone (a deadline is a day where the school is). */
export const districtToday = (ctx: Ctx, now = new Date()) => isoDayIn(now, ctx.timeZone);

interface Filters {
  school?: string;
  caseManager?: string;
}

/** Students in the viewer's scope and the chosen school (alias st). */
function studentScopeSql(scope: Scope, f: Filters) {
  if (f.school) return Prisma.sql`AND st."schoolId" = ${f.school}::uuid`;
  if (scope.kind === "schools") return Prisma.sql`AND st."schoolId" = ANY(${[...scope.schoolIds]}::uuid[])`;
  return Prisma.empty;
}

/**
 * The row (alias `p` or `r`, with districtId and studentId) is a student's who
 * is not archived and is in the viewer's scope. District-wide, an anti-join on
 * the partial index of archived students (a handful of rows: decision 045);
 * for schools, a correlated probe of the student's primary key with the
 * school test. Neither scans every student (decision 007).
 */
const liveStudent = (alias: "p" | "r", scope: Scope, f: Filters = {}) => {
  const scoped = studentScopeSql(scope, f);
  const row = (col: string) => Prisma.raw(`${alias}."${col}"`);
  return scoped === Prisma.empty
    ? Prisma.sql`NOT EXISTS (SELECT 1 FROM "Student" st WHERE st."districtId" = ${row("districtId")} AND st."id" = ${row("studentId")} AND st."archivedAt" IS NOT NULL)`
    : Prisma.sql`EXISTS (
  SELECT 1 FROM "Student" st WHERE st."districtId" = ${row("districtId")} AND st."id" = ${row("studentId")}
    AND st."archivedAt" IS NULL ${scoped} OFFSET 0)`;
};

/**
 * The memberships (alias m) that are case manager of an open record, or of a
 * student with an open referral, of a live student in scope: the filter's
 * choices. District-wide, the open records' case managers in one pass over
 * SpecialEdPlan, archived students left out by the anti-join on their partial
 * index (decision 045: about 500 buffers, where probing each membership's
 * records read 3,000); for schools, the schools' students are read first
 * (their index) and their records and referrals after.
 */
function caseManagersSql(d: string, scope: Scope) {
  const students = Prisma.sql`SELECT st."id" FROM "Student" st WHERE st."districtId" = ${d}::uuid AND st."archivedAt" IS NULL ${studentScopeSql(scope, {})}`;
  const live = (alias: "p" | "r") => (scope.kind === "district" ? liveStudent(alias, scope) : Prisma.sql`${Prisma.raw(`${alias}."studentId"`)} IN (${students})`);
  return Prisma.sql`m."id" IN (
    SELECT p."caseManagerMembershipId" FROM "SpecialEdPlan" p
    WHERE p."districtId" = ${d}::uuid AND p."archivedAt" IS NULL AND p."status" IN ${OPEN} AND ${live("p")}
    UNION
    SELECT ca."membershipId" FROM "Referral" r
    JOIN "CaseloadAssignment" ca ON ca."districtId" = r."districtId" AND ca."studentId" = r."studentId" AND ca."role" = 'CASE_MANAGER' AND ca."endedAt" IS NULL
    WHERE r."districtId" = ${d}::uuid AND r."archivedAt" IS NULL AND r."status" <> 'OUTCOME' AND ${live("r")})`;
}

/** A referral's student has `membershipId` as a current case manager. */
const referralCaseManagerSql = (membershipId: string) => Prisma.sql`AND EXISTS (
  SELECT 1 FROM "CaseloadAssignment" ca
  WHERE ca."districtId" = r."districtId" AND ca."studentId" = r."studentId" AND ca."membershipId" = ${membershipId}::uuid
    AND ca."role" = 'CASE_MANAGER' AND ca."endedAt" IS NULL)`;

// The open statuses as literals (constants of the code, not input): fewer bind
// parameters keep the statements under the named-statement limit of decision 007.
const OPEN = Prisma.raw(`(${OPEN_STATUSES.map((s) => (/^[A-Z_]+$/.test(s) ? `'${s}'` : "NULL")).join(", ")})`);

interface ContextRow {
  evaluationDays: number | null;
  evaluationDayCount: "CALENDAR" | "SCHOOL" | null;
  nonSchoolDays: string | null;
  schools: Option[] | null;
  caseManagers: Option[] | null;
  referrals: string | null;
}

/**
 * Statement 1: the clock, the options and the open referrals (id and consent
 * day) that may fall due within the horizon: N days after consent is the
 * earliest a deadline can be (school days only push it later), so older
 * consents than `limit - N` are the only ones read.
 */
async function contextIn(tx: Tx, ctx: Ctx, scope: Scope, f: Filters, limit: string) {
  const d = ctx.districtId;
  const schoolScope = scope.kind === "schools" ? Prisma.sql`AND sc."id" = ANY(${[...scope.schoolIds]}::uuid[])` : Prisma.empty;
  const own = scope.kind === "own" ? ctx.membershipId : f.caseManager;
  const [row] = await tx.$queryRaw<ContextRow[]>`
    SELECT
      (SELECT s."evaluationDays" FROM "DistrictSettings" s WHERE s."districtId" = ${d}::uuid) AS "evaluationDays",
      (SELECT s."evaluationDayCount"::text FROM "DistrictSettings" s WHERE s."districtId" = ${d}::uuid) AS "evaluationDayCount",
      (SELECT string_agg(to_char(n."date", 'YYYY-MM-DD'), ',') FROM "DistrictNonSchoolDay" n WHERE n."districtId" = ${d}::uuid) AS "nonSchoolDays",
      (SELECT json_agg(json_build_object('id', sc."id", 'name', sc."name") ORDER BY sc."name", sc."id")
         FROM "School" sc WHERE sc."districtId" = ${d}::uuid AND sc."archivedAt" IS NULL ${schoolScope}) AS "schools",
      ${
        scope.kind === "own"
          ? Prisma.sql`NULL::json`
          : Prisma.sql`(SELECT json_agg(json_build_object('id', m."id", 'name', u."name") ORDER BY u."name", m."id")
         FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
         WHERE m."districtId" = ${d}::uuid AND ${caseManagersSql(d, scope)})`
      } AS "caseManagers",
      (SELECT string_agg(r."id"::text || ' ' || to_char(r."consentDate", 'YYYY-MM-DD'), ',')
         FROM "Referral" r
         WHERE r."districtId" = ${d}::uuid AND r."archivedAt" IS NULL AND r."status" <> 'OUTCOME' AND r."consentDate" IS NOT NULL
           AND r."consentDate" <= ${limit}::date - COALESCE((SELECT s."evaluationDays" FROM "DistrictSettings" s WHERE s."districtId" = ${d}::uuid), ${DEFAULT_CLOCK.days})
           AND ${liveStudent("r", scope, f)} ${own ? referralCaseManagerSql(own) : Prisma.empty}) AS "referrals"`;
  const rule: ClockRule = row?.evaluationDays ? { days: row.evaluationDays, count: row.evaluationDayCount ?? "CALENDAR" } : { ...DEFAULT_CLOCK };
  return {
    rule,
    nonSchoolDays: new Set(row?.nonSchoolDays ? row.nonSchoolDays.split(",") : []),
    schools: row?.schools ?? [],
    caseManagers: row?.caseManagers ?? null,
    referrals: (row?.referrals ? row.referrals.split(",") : []).map((pair) => {
      const [id, consent] = pair.split(" ") as [string, string];
      return { id, consent };
    }),
  };
}

interface ItemRow {
  kind: DueKind;
  itemId: string;
  planType: SpecialEdPlanType | null;
  studentId: string;
  firstName: string;
  lastName: string;
  localId: string;
  schoolName: string;
  caseManager: string | null;
  due: string;
  total: bigint;
  overdue: bigint;
}

/**
 * Statement 2: the records' due dates within the horizon (or overdue) and the
 * referrals' deadlines computed in statement 1's wake, merged, soonest first,
 * one page of them (or all, for the CSV) with the total.
 *
 * The dates are first gathered without their students (kind, id, student,
 * due, case manager): a district's few thousand dates are counted and placed
 * from SpecialEdPlan alone, leaving out archived students by an anti-join on
 * the partial index of archived students (a handful of rows) instead of a
 * primary-key probe of Student per date. Only the page's rows are then named:
 * the page is the rows whose due date lies between the first and the last
 * due date of its place in due-date order, ordered in full (due, name, ...)
 * and cut at the page's offset among them (decision 045). A school's or a
 * case manager's calendar narrows the records first, on their indexes.
 */
async function itemsIn(tx: Tx, ctx: Ctx, scope: Scope, f: Filters, today: string, limit: string, referrals: { id: string; due: string }[], page: { size: number; offset: number } | null) {
  const d = ctx.districtId;
  const own = scope.kind === "own" ? ctx.membershipId : f.caseManager;
  const planCm = own ? Prisma.sql`AND p."caseManagerMembershipId" = ${own}::uuid` : Prisma.empty;
  const scoped = studentScopeSql(scope, f);
  const planStudents =
    scoped === Prisma.empty
      ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "Student" st WHERE st."districtId" = ${d}::uuid AND st."id" = p."studentId" AND st."archivedAt" IS NOT NULL)`
      : Prisma.sql`AND p."studentId" IN (SELECT st."id" FROM "Student" st WHERE st."districtId" = ${d}::uuid AND st."archivedAt" IS NULL ${scoped})`;
  // The page's place in due-date order: its first and last due date, and how many rows come before its first.
  const window = page
    ? Prisma.sql`, bounds AS (SELECT min(b."due") AS "lo", max(b."due") AS "hi" FROM (SELECT i."due" FROM items i ORDER BY i."due" LIMIT ${page.size} OFFSET ${page.offset}) b)`
    : Prisma.empty;
  const before = page ? Prisma.sql`, count(*) FILTER (WHERE i."due" < (SELECT "lo" FROM bounds)) AS "before"` : Prisma.empty;
  return tx.$queryRaw<ItemRow[]>`
    WITH plans AS (
      SELECT p."id", p."studentId", p."type", p."annualReviewDue", p."reevaluationDue", p."caseManagerMembershipId"
      FROM "SpecialEdPlan" p
      WHERE p."districtId" = ${d}::uuid AND p."archivedAt" IS NULL AND p."status" IN ${OPEN} ${planStudents} ${planCm}
        AND (p."annualReviewDue" <= ${limit}::date OR p."reevaluationDue" <= ${limit}::date)),
    items AS MATERIALIZED (
      SELECT 'ANNUAL_REVIEW' AS "kind", p."id" AS "itemId", p."type"::text AS "planType", p."studentId", p."annualReviewDue" AS "due", p."caseManagerMembershipId" AS "cm"
        FROM plans p WHERE p."annualReviewDue" <= ${limit}::date
      UNION ALL
      SELECT 'REEVALUATION', p."id", p."type"::text, p."studentId", p."reevaluationDue", p."caseManagerMembershipId"
        FROM plans p WHERE p."reevaluationDue" <= ${limit}::date
      UNION ALL
      -- Statement 1 read only live referrals in scope.
      SELECT 'EVALUATION', r."id", NULL, r."studentId", x."due", NULL
        FROM unnest(${referrals.map((r) => r.id)}::uuid[], ${referrals.map((r) => r.due)}::date[]) AS x("id", "due")
        JOIN "Referral" r ON r."districtId" = ${d}::uuid AND r."id" = x."id"
    )${window},
    counts AS (SELECT count(*) AS "total", count(*) FILTER (WHERE i."due" < ${today}::date) AS "overdue" ${before} FROM items i)
    SELECT i."kind", i."itemId", i."planType", i."studentId", st."firstName", st."lastName", st."localId",
           sc."name" AS "schoolName", to_char(i."due", 'YYYY-MM-DD') AS "due",
           CASE WHEN i."kind" = 'EVALUATION' THEN (
             SELECT string_agg(cu."name", ', ' ORDER BY cu."name") FROM "CaseloadAssignment" ca
             JOIN "Membership" cm ON cm."districtId" = ca."districtId" AND cm."id" = ca."membershipId"
             JOIN "User" cu ON cu."id" = cm."userId"
             WHERE ca."districtId" = ${d}::uuid AND ca."studentId" = i."studentId" AND ca."role" = 'CASE_MANAGER' AND ca."endedAt" IS NULL)
           ELSE u."name" END AS "caseManager",
           c."total", c."overdue"
    FROM items i
    CROSS JOIN counts c
    -- The student's name, one primary-key probe per listed row (OFFSET 0 keeps it one).
    CROSS JOIN LATERAL (
      SELECT COALESCE(s."preferredName", s."legalFirstName") AS "firstName", s."legalFirstName", s."legalLastName" AS "lastName", s."localId", s."schoolId"
      FROM "Student" s WHERE s."districtId" = ${d}::uuid AND s."id" = i."studentId" OFFSET 0) st
    JOIN "School" sc ON sc."districtId" = ${d}::uuid AND sc."id" = st."schoolId"
    LEFT JOIN "Membership" m ON m."districtId" = ${d}::uuid AND m."id" = i."cm"
    LEFT JOIN "User" u ON u."id" = m."userId"
    ${page ? Prisma.sql`WHERE i."due" BETWEEN (SELECT "lo" FROM bounds) AND (SELECT "hi" FROM bounds)` : Prisma.empty}
    ORDER BY i."due", st."lastName", st."legalFirstName", i."studentId", i."kind", i."itemId"
    ${page ? Prisma.sql`LIMIT ${page.size} OFFSET (SELECT ${page.offset}::bigint - c2."before" FROM counts c2)` : Prisma.empty}`;
}

export type ComplianceCalendar =
  | { ok: false; message: string; today: string; query: Partial<TComplianceQuery>; schools: Option[]; caseManagers: Option[] | null }
  | {
      ok: true;
      today: string;
      query: TComplianceQuery;
      /** The viewer sees only what they are case manager of (no case manager filter). */
      ownOnly: boolean;
      schools: Option[];
      /** Null when the viewer sees only their own. */
      caseManagers: Option[] | null;
      items: ComplianceItem[];
      total: number;
      /** Of the total, how many are overdue (they come first). */
      overdue: number;
      page: number;
      pageCount: number;
    };

/** The query string as the schema reads it: each key's first value. */
const queryInput = (params: SearchParams) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, firstParam(v)]));

async function calendarIn(tx: Tx, ctx: Ctx, params: SearchParams, mode: "page" | "all", now: Date): Promise<ComplianceCalendar> {
  const today = districtToday(ctx, now);
  const scope = scopeFor(ctx);
  const parsed = ZComplianceQuery.safeParse(queryInput(params));
  const query = parsed.success ? parsed.data : null;
  const filters: Filters = query && scope.kind !== "own" ? { school: query.school, caseManager: query.caseManager } : { school: query?.school };
  const limit = horizonEnd(today, query?.horizon ?? DEFAULT_HORIZON);
  const context = await contextIn(tx, ctx, scope, filters, limit);
  const refuse = (message: string): ComplianceCalendar => ({ ok: false, message, today, query: query ?? {}, schools: context.schools, caseManagers: context.caseManagers });
  if (!query) return refuse(parsed.error!.issues[0]?.message ?? "The link's filters are not ones we read: use the filters on the page.");
  if (query.school && !context.schools.some((s) => s.id === query.school)) return refuse("That school is not one we know, or not one of yours: choose one from the list.");
  if (query.caseManager) {
    if (scope.kind === "own") {
      if (query.caseManager !== ctx.membershipId) return refuse("You see the dates of the students you are case manager of: another case manager's are not shown to you.");
    } else if (!context.caseManagers?.some((c) => c.id === query.caseManager)) {
      return refuse("That case manager keeps no IEP, 504 or referral here: choose one from the list.");
    }
  }
  const referrals = context.referrals
    .map((r) => ({ id: r.id, state: clockState(r.consent, context.rule, context.nonSchoolDays, today) }))
    .filter((r) => r.state.due <= limit);
  const lastSchoolDayOf = new Map(referrals.map((r) => [r.id, r.state.dueIsSchoolDay ? null : r.state.lastSchoolDay]));
  const size = COMPLIANCE_PAGE_SIZE;
  const rowsFor = (pageNo: number) =>
    itemsIn(tx, ctx, scope, filters, today, limit, referrals.map((r) => ({ id: r.id, due: r.state.due })), mode === "page" ? { size, offset: (pageNo - 1) * size } : null);
  let rows = await rowsFor(query.page);
  // A page past the end (a stale link after dates moved) shows the last page: one more statement, only then.
  let page = query.page;
  if (mode === "page" && rows.length === 0 && page > 1) {
    const [first] = await rowsFor(1);
    const last = first ? Math.ceil(Number(first.total) / size) : 1;
    page = Math.min(page, last);
    rows = last > 1 ? await rowsFor(page) : first ? await rowsFor(1) : [];
  }
  const total = rows[0] ? Number(rows[0].total) : 0;
  const overdue = rows[0] ? Number(rows[0].overdue) : 0;
  const items = rows.map(
    (r): ComplianceItem => ({
      kind: r.kind,
      itemId: r.itemId,
      planType: r.planType,
      studentId: r.studentId,
      studentName: `${r.firstName} ${r.lastName}`,
      localId: r.localId,
      schoolName: r.schoolName,
      caseManager: r.caseManager,
      due: r.due,
      daysLeft: daysUntil(r.due, today),
      lastSchoolDay: r.kind === "EVALUATION" ? (lastSchoolDayOf.get(r.itemId) ?? null) : null,
    }),
  );
  return {
    ok: true,
    today,
    query: { ...query, page },
    ownOnly: scope.kind === "own",
    schools: context.schools,
    caseManagers: context.caseManagers,
    items,
    total,
    overdue,
    page,
    pageCount: Math.max(1, Math.ceil(total / size)),
  };
}

const auditFilters = (c: ComplianceCalendar) => (c.ok ? { school: c.query.school ?? null, caseManager: c.query.caseManager ?? null, horizon: c.query.horizon } : {});

/**
 * /compliance: one page of the calendar for the viewer's scope and filters.
 * One `view` audit event per page shown, naming the students listed by id
 * only (no names in the audit trail); a refused filter lists nothing and
 * writes none. Assistants get 404 and a denied event.
 */
export async function getComplianceCalendar(ctx: Ctx, params: SearchParams = {}, now = new Date()): Promise<ComplianceCalendar> {
  await authorizePage(ctx, "compliance.view", { entityType: "ComplianceCalendar" });
  return withTenant(ctx.districtId, async (tx) => {
    const calendar = await calendarIn(tx, ctx, params, "page", now);
    if (calendar.ok) {
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "view",
        entityType: "ComplianceCalendar",
        detail: { page: "compliance calendar", ...auditFilters(calendar), pageNumber: calendar.page, total: calendar.total, studentIds: [...new Set(calendar.items.map((i) => i.studentId))] },
        studentIds: calendar.items.map((i) => i.studentId),
      });
    }
    return calendar;
  });
}

/**
 * /compliance/export: every row of the calendar for the same filters, for
 * the CSV; audited as an export (the students by id). A refused filter
 * exports nothing.
 */
export async function exportComplianceCalendar(ctx: Ctx, params: SearchParams = {}, now = new Date()): Promise<ComplianceCalendar> {
  await authorizePage(ctx, "compliance.view", { entityType: "ComplianceCalendar" });
  return withTenant(ctx.districtId, async (tx) => {
    const calendar = await calendarIn(tx, ctx, params, "all", now);
    if (calendar.ok) {
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "export",
        entityType: "ComplianceCalendar",
        detail: { format: "csv", ...auditFilters(calendar), rows: calendar.total, studentIds: [...new Set(calendar.items.map((i) => i.studentId))] },
        studentIds: calendar.items.map((i) => i.studentId),
      });
    }
    return calendar;
  });
}

/**
 * Every deadline of the calendar within `horizon` days or overdue, for the
 * compliance dashboard (decision 030): the same two statements and the same
 * clock as the calendar, for the dashboard's schools (null: the district) or
 * one school of them. The caller audits (the dashboard shows counts, never
 * the students).
 */
export async function deadlinesIn(tx: Tx, ctx: Ctx, schools: readonly string[] | null, school: string | undefined, today: string, horizon = DEFAULT_HORIZON) {
  const scope: Scope = schools ? { kind: "schools", schoolIds: schools } : { kind: "district" };
  const filters: Filters = { school };
  const limit = horizonEnd(today, horizon);
  const context = await contextIn(tx, ctx, scope, filters, limit);
  const referrals = context.referrals.map((r) => ({ id: r.id, due: clockState(r.consent, context.rule, context.nonSchoolDays, today).due })).filter((r) => r.due <= limit);
  const rows = await itemsIn(tx, ctx, scope, filters, today, limit, referrals, null);
  return rows.map((r) => ({ kind: r.kind, planType: r.planType, schoolName: r.schoolName, due: r.due }));
}
