import "server-only";
import { z } from "zod";
import type { Gender, GradeLevel, Prisma, Race } from "@/generated/prisma/client";
import { can, scopeOf, type Action, type Role } from "@/domain/permissions";
import { accommodationsOf } from "@/server/accommodations/queries";
import { studentBehaviorIn } from "@/server/behavior/queries";
import { describeEventsIn } from "@/server/audit/describe";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { assignableStaffIn, canAssignCaseloads, type AssignableStaff } from "@/server/caseloads/queries";
import type { CaseRole } from "@/server/caseloads/schemas";
import { withTenant, type Tx } from "@/server/db/tenant";
import { sortHistory } from "@/domain/history";
import { historyEntriesIn, type KnownHistorySources } from "@/server/history/queries";
import { PROFILE_HISTORY_SIZE } from "@/server/history/schemas";
import { plansOfStudentIn } from "@/server/plans/queries";
import { glanceGoalsIn } from "@/server/progress/glance";
import { studentSpecialEdIn } from "@/server/iep504/queries";
import { studentReach } from "@/server/reach";
import { referralAccess } from "@/server/referrals/access";
import { studentDosageIn } from "@/server/sessions/queries";
import { studentIdsFlaggedIn } from "@/server/dashboards/attention";
import { currentTiersOf, studentIdsWithCurrentTier, studentIdsWithCurrentTierInAnyArea, tiersOf } from "@/server/tiers/queries";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";
import { DEFAULT_RECORD_SECTION, SPECIAL_ED_SECTIONS, type RecordSectionId } from "./record-sections";
import { DEFAULT_STUDENT_LIST_QUERY, STUDENT_PAGE_SIZE, type StudentListResult, type StudentRow, type TStudentListQuery } from "./schemas";

const studentTarget = (unverifiedStudentId: string) => ({ entityType: "Student", entityId: unverifiedStudentId.slice(0, 64) });

/**
 * The students an action reaches as a query filter: the whole district, the
 * user's schools (none listed = all), or their current caseload.
 */
export function visibleStudentsWhere(ctx: Ctx, action: Action): Prisma.StudentWhereInput {
  const scope = scopeOf(ctx.role, action);
  if (scope === "district") return { districtId: ctx.districtId };
  if (scope === "school") return { districtId: ctx.districtId, ...(ctx.schoolIds.length ? { schoolId: { in: ctx.schoolIds } } : {}) };
  if (scope === "caseload") return { districtId: ctx.districtId, caseload: { some: { membershipId: ctx.membershipId, endedAt: null } } };
  return { districtId: ctx.districtId, id: { in: [] } };
}

/** `%`, `_` and `\` are wildcards or the escape in LIKE; a search for them means the characters. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word must appear in the legal first or last name, the preferred name
 * or the local id (case-insensitive), so "maya john" finds Maya Johnson.
 */
function searchWhere(q: string): Prisma.StudentWhereInput[] {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  return words.map((word) => {
    const contains = { contains: likeLiteral(word), mode: "insensitive" as const };
    return { OR: [{ legalLastName: contains }, { legalFirstName: contains }, { preferredName: contains }, { localId: contains }] };
  });
}

function planWhere(plan: TStudentListQuery["plan"]): Prisma.StudentWhereInput {
  switch (plan) {
    case "iep":
      return { hasIep: true };
    case "504":
      return { has504: true };
    case "either":
      return { OR: [{ hasIep: true }, { has504: true }] };
    case "neither":
      return { hasIep: false, has504: false };
    default:
      return {};
  }
}

/**
 * Students whose current tier in the area is the one asked for. A student
 * with no decision in the area is in Tier 1, so Tier 1 is "not in Tier 2 or 3".
 */
async function tierWhere(tx: Tx, districtId: string, area: InterventionArea | undefined, tier: TierLevel): Promise<Prisma.StudentWhereInput> {
  // In any area: Tier 2 or 3 in at least one; Tier 1 in all of them (no Tier 2 or 3 anywhere).
  if (!area) {
    if (tier === "TIER_1") return { id: { notIn: await studentIdsWithCurrentTierInAnyArea(tx, districtId, ["TIER_2", "TIER_3"]) } };
    return { id: { in: await studentIdsWithCurrentTierInAnyArea(tx, districtId, [tier]) } };
  }
  if (tier === "TIER_1") return { id: { notIn: await studentIdsWithCurrentTier(tx, districtId, area, ["TIER_2", "TIER_3"]) } };
  return { id: { in: await studentIdsWithCurrentTier(tx, districtId, area, [tier]) } };
}

const NAME_ORDER: Prisma.StudentOrderByWithRelationInput[] = [{ legalLastName: "asc" }, { legalFirstName: "asc" }, { id: "asc" }];
const ORDER: Record<TStudentListQuery["sort"], Prisma.StudentOrderByWithRelationInput[]> = {
  name: NAME_ORDER,
  grade: [{ grade: "asc" }, ...NAME_ORDER],
  school: [{ school: { name: "asc" } }, ...NAME_ORDER],
  localId: [{ localId: "asc" }],
};

/** Current caseload members of the given students, in one query (the page's rows). */
async function currentMembersOf(tx: Tx, districtId: string, studentIds: string[]) {
  if (studentIds.length === 0) return new Map<string, StudentRow["members"]>();
  const rows = await tx.$queryRaw<{ studentId: string; role: CaseRole; name: string }[]>`
    SELECT ca."studentId", ca."role"::text AS "role", u."name"
    FROM "CaseloadAssignment" ca
    JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE ca."districtId" = ${districtId}::uuid
      AND ca."studentId" = ANY(${studentIds}::uuid[])
      AND ca."endedAt" IS NULL
    ORDER BY ca."role", ca."startedAt", u."name"`;
  const members = new Map<string, StudentRow["members"]>();
  for (const r of rows) {
    const list = members.get(r.studentId) ?? [];
    list.push({ name: r.name, role: r.role });
    members.set(r.studentId, list);
  }
  return members;
}

const ROW_SELECT = {
  id: true,
  localId: true,
  legalFirstName: true,
  legalLastName: true,
  preferredName: true,
  grade: true,
  englishLearner: true,
  hasIep: true,
  has504: true,
  archivedAt: true,
  school: { select: { name: true } },
} satisfies Prisma.StudentSelect;

/**
 * One page of the list, inside the caller's transaction (the caller authorizes
 * student.list). The rows come first; a page that is not full tells the total
 * without counting, which spares a second scan for the usual narrow search.
 * Caseload members of the page's rows come in one more query.
 */
export async function studentListIn(tx: Tx, ctx: Ctx, query: TStudentListQuery): Promise<StudentListResult> {
  const sensitive = can(ctx, "student.viewSensitive", { districtId: ctx.districtId });
  const seesTiers = can(ctx, "tier.view", { districtId: ctx.districtId });
  const byTier = query.tier && seesTiers ? await tierWhere(tx, ctx.districtId, query.tierArea, query.tier) : {};
  // The flags read tiers and plans: only for those who see tiers (the visibility filter below still applies).
  const byFlag = query.flag && seesTiers ? { id: { in: await studentIdsFlaggedIn(tx, ctx.districtId, query.school ? [query.school] : null, query.flag) } } : {};
  const where: Prisma.StudentWhereInput = {
    AND: [
      visibleStudentsWhere(ctx, "student.list"),
      ...searchWhere(query.q),
      query.archived ? {} : { archivedAt: null },
      query.school ? { schoolId: query.school } : {},
      query.grade ? { grade: query.grade } : {},
      query.englishLearner ? { englishLearner: query.englishLearner === "yes" } : {},
      sensitive ? planWhere(query.plan) : {},
      query.member ? { caseload: { some: { membershipId: query.member, endedAt: null } } } : {},
      byTier,
      byFlag,
    ],
  };
  const fetchPage = (page: number) =>
    tx.student.findMany({ where, orderBy: ORDER[query.sort], skip: (page - 1) * STUDENT_PAGE_SIZE, take: STUDENT_PAGE_SIZE, select: ROW_SELECT });

  let page = query.page;
  let rows = await fetchPage(page);
  let total: number;
  if (rows.length > 0 && rows.length < STUDENT_PAGE_SIZE) {
    total = (page - 1) * STUDENT_PAGE_SIZE + rows.length;
  } else if (rows.length === 0 && page === 1) {
    total = 0;
  } else {
    total = await tx.student.count({ where });
    const last = Math.max(1, Math.ceil(total / STUDENT_PAGE_SIZE));
    // A page past the end (the list shrank, or a hand-made request) shows the last one.
    if (page > last) {
      page = last;
      rows = await fetchPage(page);
    }
  }
  const members = await currentMembersOf(tx, ctx.districtId, rows.map((s) => s.id));
  await recordListView(tx, ctx, query, rows.map((s) => s.id), total, page);
  const tiers = seesTiers ? await currentTiersOf(tx, ctx.districtId, rows.map((s) => s.id)) : null;
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / STUDENT_PAGE_SIZE)),
    rows: rows.map(
      (s): StudentRow => ({
        id: s.id,
        localId: s.localId,
        legalFirstName: s.legalFirstName,
        legalLastName: s.legalLastName,
        preferredName: s.preferredName,
        grade: s.grade,
        schoolName: s.school.name,
        englishLearner: s.englishLearner,
        hasIep: sensitive ? s.hasIep : null,
        has504: sensitive ? s.has504 : null,
        archived: Boolean(s.archivedAt),
        members: members.get(s.id) ?? [],
        tiers: tiers ? (tiers.get(s.id) ?? []) : null,
      }),
    ),
  };
}

/**
 * Every opening of the list and every search or filter change is a view of
 * the students it shows (FERPA 34 CFR 99.32: the record of access names who
 * saw which record). The event keeps the ids of the students shown and the
 * filters, but never the search text: what someone typed may be a name
 * (decision 005) and is not needed to say which records were disclosed —
 * only that a search was made, and how long it was.
 */
async function recordListView(tx: Tx, ctx: Ctx, query: TStudentListQuery, shownIds: string[], total: number, page: number) {
  const { q, ...filters } = query;
  const used = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "" && v !== false));
  await recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "view",
    entityType: "StudentList",
    detail: { searched: q.length > 0, searchLength: q.length, filters: { ...used, page }, total, shownStudentIds: shownIds },
    studentIds: shownIds,
  });
}

/** The schools a user may pick for a student (list filter, create, edit): open ones in their reach. */
function schoolOptionsIn(tx: Tx, ctx: Ctx, action: Action, alsoId?: string) {
  const scope = scopeOf(ctx.role, action);
  const inReach: Prisma.SchoolWhereInput = scope === "school" && ctx.schoolIds.length ? { id: { in: ctx.schoolIds } } : {};
  return tx.school.findMany({
    where: { districtId: ctx.districtId, OR: [{ archivedAt: null, ...inReach }, ...(alsoId ? [{ id: alsoId }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * The /students page: filter choices, staff for bulk assignment (for those who
 * may assign) and, unless firstPage is false, the first page of the list with
 * the filters of the address (query), in one transaction.
 */
export async function getStudentListPage(ctx: Ctx, { firstPage = true, query = DEFAULT_STUDENT_LIST_QUERY }: { firstPage?: boolean; query?: TStudentListQuery } = {}) {
  await authorizePage(ctx, "student.list", { entityType: "Student" });
  const mayAssign = canAssignCaseloads(ctx);
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await schoolOptionsIn(tx, ctx, "student.list");
    const staff = (await assignableStaffIn(tx, ctx)).map((s) => ({ id: s.id, name: s.name, role: s.role }));
    const initial = firstPage ? await studentListIn(tx, ctx, query) : null;
    return {
      schools,
      staff,
      mayAssign,
      showPlanFlags: can(ctx, "student.viewSensitive", { districtId: ctx.districtId }),
      showTiers: can(ctx, "tier.view", { districtId: ctx.districtId }),
      initial,
    };
  });
}

/** The choices of the new-student form. */
export async function getNewStudentForm(ctx: Ctx) {
  await authorizePage(ctx, "student.create", { entityType: "Student" });
  return { schools: await withTenant(ctx.districtId, (tx) => schoolOptionsIn(tx, ctx, "student.create")) };
}

const GUARDIAN_SELECT = {
  id: true,
  name: true,
  relationship: true,
  phone: true,
  email: true,
  preferredLanguage: true,
} satisfies Prisma.GuardianSelect;

const STUDENT_SELECT = {
  id: true,
  schoolId: true,
  localId: true,
  legalFirstName: true,
  legalMiddleName: true,
  legalLastName: true,
  preferredName: true,
  dateOfBirth: true,
  grade: true,
  gender: true,
  hispanicLatino: true,
  races: true,
  englishLearner: true,
  economicallyDisadvantaged: true,
  homeLanguage: true,
  hasIep: true,
  has504: true,
  version: true,
  archivedAt: true,
  school: { select: { name: true } },
  guardians: { orderBy: { position: "asc" }, select: GUARDIAN_SELECT },
} satisfies Prisma.StudentSelect;

/**
 * Every caseload assignment of a student, current ones first, with the staff
 * member's name and who assigned and ended it (the history feed's caseload
 * entries, decision 050), in one query.
 */
function caseloadOf(tx: Tx, districtId: string, studentId: string) {
  return tx.$queryRaw<
    {
      id: string;
      role: CaseRole;
      startedAt: Date;
      endedAt: Date | null;
      membershipId: string;
      userId: string;
      staffRole: Role;
      staffName: string;
      deactivated: boolean;
      assignedBy: string | null;
      endedBy: string | null;
    }[]
  >`
    SELECT ca."id", ca."role"::text AS "role", ca."startedAt", ca."endedAt", ca."membershipId",
           m."userId", m."role"::text AS "staffRole", u."name" AS "staffName", m."deactivatedAt" IS NOT NULL AS "deactivated",
           au."name" AS "assignedBy", eu."name" AS "endedBy"
    FROM "CaseloadAssignment" ca
    JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
    JOIN "User" u ON u."id" = m."userId"
    LEFT JOIN "User" au ON au."id" = ca."assignedByUserId"
    LEFT JOIN "User" eu ON eu."id" = ca."endedByUserId"
    WHERE ca."districtId" = ${districtId}::uuid AND ca."studentId" = ${studentId}::uuid
    ORDER BY ca."endedAt" DESC NULLS FIRST, ca."role", ca."startedAt"`;
}

/**
 * The student's row for the record (STUDENT_SELECT without the guardians), as
 * plain SQL: the record reads it on every view, and Prisma's relation select
 * costs the server about three times the CPU of the same row read raw
 * (decision 050). Null when the district has no such student.
 */
async function profileStudentIn(tx: Tx, districtId: string, studentId: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      schoolId: string;
      localId: string;
      legalFirstName: string;
      legalMiddleName: string | null;
      legalLastName: string;
      preferredName: string | null;
      dateOfBirth: string | null;
      grade: GradeLevel;
      gender: Gender;
      hispanicLatino: boolean;
      /** A JSON array (the driver returns an enum array as its text form; Prisma reads a NULL list as []). */
      races: string;
      englishLearner: boolean;
      economicallyDisadvantaged: boolean;
      homeLanguage: string | null;
      hasIep: boolean;
      has504: boolean;
      version: number;
      archivedAt: Date | null;
      schoolName: string;
    }[]
  >`
    SELECT s."id"::text AS "id", s."schoolId"::text AS "schoolId", s."localId", s."legalFirstName", s."legalMiddleName", s."legalLastName", s."preferredName",
           to_char(s."dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth", s."grade"::text AS "grade", s."gender"::text AS "gender", s."hispanicLatino",
           coalesce(array_to_json(s."races"), '[]')::text AS "races", s."englishLearner", s."economicallyDisadvantaged", s."homeLanguage", s."hasIep", s."has504", s."version",
           s."archivedAt", sc."name" AS "schoolName"
    FROM "Student" s JOIN "School" sc ON sc."districtId" = s."districtId" AND sc."id" = s."schoolId"
    WHERE s."districtId" = ${districtId}::uuid AND s."id" = ${studentId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const { dateOfBirth, schoolName, races, ...rest } = row;
  // A date column as Prisma reads it: midnight UTC of the day.
  return { ...rest, races: JSON.parse(races) as Race[], dateOfBirth: dateOfBirth ? new Date(`${dateOfBirth}T00:00:00.000Z`) : null, school: { name: schoolName } };
}

// Null for a student a roster import created without a birth date (decision 018).
const dayOf = <D extends Date | null>(d: D): D extends Date ? string : string | null => (d ? d.toISOString().slice(0, 10) : null) as D extends Date ? string : string | null;

/**
 * The record for the edit form, or 404 with a denied audit event. Opening it
 * shows the whole record, so it is audited as a view.
 */
export async function getStudentForEdit(ctx: Ctx, unverifiedStudentId: string) {
  await authorizePage(ctx, "student.edit", { entityType: "Student" });
  const id = z.uuid().safeParse(unverifiedStudentId);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const student = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: STUDENT_SELECT });
        if (!student) return null;
        if (!can(ctx, "student.edit", { districtId: ctx.districtId, schoolId: student.schoolId })) return { denied: student.id } as const;
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Student", entityId: student.id, studentId: student.id, detail: { page: "edit" } });
        return { student, schools: await schoolOptionsIn(tx, ctx, "student.edit", student.schoolId) };
      })
    : null;
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "student.edit", { ...studentTarget(unverifiedStudentId), studentId: found?.denied ?? null });
  }
  const { student, schools } = found;
  return {
    schools,
    student: {
      ...student,
      dateOfBirth: dayOf(student.dateOfBirth),
      archived: Boolean(student.archivedAt),
    },
  };
}

export const ACCESS_HISTORY_SIZE = 50;

/** The latest audit events about a student, with who did them and what each was about (describeEventsIn: one query per entity kind). */
async function accessHistoryIn(tx: Tx, ctx: Ctx, studentId: string) {
  const districtId = ctx.districtId;
  const events = await tx.auditEvent.findMany({
    where: { districtId, studentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ACCESS_HISTORY_SIZE,
    select: { id: true, createdAt: true, actorUserId: true, action: true, entityType: true, entityId: true, studentId: true, detail: true },
  });
  const words = await describeEventsIn(tx, ctx, events);
  const actorIds = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  const actors = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    id: e.id,
    createdAt: e.createdAt,
    actorName: (e.actorUserId && names.get(e.actorUserId)) || null,
    action: e.action,
    entityType: e.entityType,
    what: words.get(e.id)!.what,
    // Which page or change it was: a page name or changed field names, never values.
    note: noteOf(e.detail),
  }));
}

function noteOf(detail: Prisma.JsonValue): string | null {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return null;
  if (typeof detail.page === "string") return `${detail.page} page`;
  if (typeof detail.section === "string") return `record: ${detail.section} section`;
  if (Array.isArray(detail.fields)) return detail.fields.filter((f) => typeof f === "string").join(", ") || null;
  if (typeof detail.attempted === "string") return detail.attempted;
  return null;
}

/**
 * A student's profile for the signed-in user, or 404 with a denied audit event
 * (unknown, malformed, another district's or out-of-reach id). Fields the user
 * may not see are not returned. Viewing writes a `view` audit event.
 *
 * What is read (decision 044): always the student, their caseload and reach,
 * and what the case at a glance shows (tiers, plans, dosage, the goals'
 * sparklines and recommendations); then the data of one view only:
 * `section` (a section of the record page: the others' fields are null or
 * empty), or `page: "summary"` (accommodations and the latest history). With
 * neither, every section's data (the whole record, as tests read it).
 */
export async function getStudentProfile(ctx: Ctx, unverifiedStudentId: string, opts: { page?: "summary"; section?: RecordSectionId } = {}) {
  await authorizePage(ctx, "student.view", { entityType: "Student" });
  const id = z.uuid().safeParse(unverifiedStudentId);
  const section = opts.page ? null : opts.section;
  /** Whether this view shows the section (the summary page: only the ones it lists). */
  const wants = (...ids: RecordSectionId[]) => (opts.page === "summary" ? ids.includes("history") || ids.includes("accommodations") : section === undefined || ids.includes(section as RecordSectionId));
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        // Sensitive columns come with the row (one query) but leave this function only for those who may see them.
        const student = await profileStudentIn(tx, ctx.districtId, id.data);
        if (!student) return null;
        const caseload = await caseloadOf(tx, ctx.districtId, student.id);
        const resource = await studentReach(tx, ctx, student);
        if (!can(ctx, "student.view", resource)) return { denied: student.id } as const;
        const sensitive = can(ctx, "student.viewSensitive", resource);
        const guardians = sensitive && wants("guardians")
          ? await tx.guardian.findMany({ where: { districtId: ctx.districtId, studentId: student.id }, orderBy: { position: "asc" }, select: GUARDIAN_SELECT })
          : null;
        const auditDetail = opts.page ? { page: opts.page } : section && section !== DEFAULT_RECORD_SECTION ? { section } : null;
        const viewEvent: AuditEntry = {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "view",
          entityType: "Student",
          entityId: student.id,
          studentId: student.id,
          ...(auditDetail ? { detail: auditDetail } : {}),
        };
        // Written first when the access history below shows this very view; otherwise with the sections' events
        // at the end, in one insert (the same transaction, so the same rows and the same time: now() is the
        // transaction's start).
        const viewFirst = wants("access-history");
        if (viewFirst) await recordAudit(tx, viewEvent);
        const history = can(ctx, "student.accessHistory", resource) && wants("access-history") ? await accessHistoryIn(tx, ctx, student.id) : null;
        // The school's staff, read once for the caseload form and the IEP/504 forms that both offer them.
        let schoolStaff: Promise<AssignableStaff[]> | undefined;
        const staffOfSchool = () => (schoolStaff ??= assignableStaffIn(tx, ctx, { schoolId: student.schoolId }));
        const assignableStaff = canAssignCaseloads(ctx, student.schoolId) && wants("caseload") ? await staffOfSchool() : [];
        const tiers = can(ctx, "tier.view", resource) ? await tiersOf(tx, ctx.districtId, student.id) : null;
        const dosage = can(ctx, "session.view", resource) ? await studentDosageIn(tx, ctx.districtId, student.id) : null;
        const accommodations = can(ctx, "accommodation.view", resource) && wants("accommodations") ? await accommodationsOf(tx, ctx.districtId, student.id, sensitive) : null;
        const plans = can(ctx, "plan.view", { districtId: ctx.districtId }) ? await plansOfStudentIn(tx, ctx, student.id) : null;
        // The case at a glance: each active plan's goals with a sparkline and the latest recommendation.
        const glance = plans && can(ctx, "probe.view", resource) ? await glanceGoalsIn(tx, ctx, student.id, plans.current, tiers?.current ?? []) : [];
        // The feed takes what this transaction has read (tiers, plans, caseload) instead of reading it again; the
        // plans only when none was cut from the list (plansOfStudentIn reads the same plans in reach, at most 100).
        const known: KnownHistorySources = {
          tiers: tiers?.history,
          plans: plans?.complete ? [...plans.current, ...plans.past].map((p) => ({ id: p.id, title: p.interventionName ?? "Intervention", area: p.area, createdAt: p.createdAt, createdBy: p.createdByName })) : undefined,
          caseload,
        };
        const feed = wants("history") ? sortHistory(await historyEntriesIn(tx, ctx, student, resource, sensitive, known)) : null;
        // The behaviour and IEP/504 sections, read in this transaction with the student and reach above
        // (the summary page shows neither); each audits its own view, both in one insert, when shown.
        const behavior = opts.page || !wants("behavior") ? null : await studentBehaviorIn(tx, ctx, student, resource);
        // Read for the IEP/504 views, and for a viewer who sees only the services they deliver: whether
        // they deliver one decides whether that view is offered at all (no link that leads nowhere).
        const showsSpecialEd = wants(...SPECIAL_ED_SECTIONS);
        const specialEd =
          opts.page || !(showsSpecialEd || (!can(ctx, "iep504.view", resource) && can(ctx, "service.view", resource)))
            ? null
            : await studentSpecialEdIn(tx, ctx, student, resource, staffOfSchool);
        await recordAudit(tx, ...(viewFirst ? [] : [viewEvent]), ...[behavior, showsSpecialEd ? specialEd : null].flatMap((s) => (s ? [s.audit] : [])));
        return { student, guardians, caseload, resource, sensitive, history, assignableStaff, tiers, dosage, accommodations, plans, glance, feed, behavior: behavior?.data ?? null, specialEd: specialEd?.data ?? null, showsSpecialEd };
      })
    : null;
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "student.view", { ...studentTarget(unverifiedStudentId), studentId: found?.denied ?? null });
  }
  const { student, guardians, caseload, resource, sensitive, history, assignableStaff, tiers, dosage, accommodations, plans, glance, feed, behavior, specialEd, showsSpecialEd } = found;
  const assignment = (a: (typeof caseload)[number]) => ({
    id: a.id,
    membershipId: a.membershipId,
    staffName: a.staffName,
    staffRole: a.staffRole,
    role: a.role,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
  });
  return {
    id: student.id,
    localId: student.localId,
    legalFirstName: student.legalFirstName,
    legalMiddleName: student.legalMiddleName,
    legalLastName: student.legalLastName,
    preferredName: student.preferredName,
    grade: student.grade,
    gender: student.gender,
    schoolId: student.schoolId,
    schoolName: student.school.name,
    englishLearner: student.englishLearner,
    homeLanguage: student.homeLanguage,
    archivedAt: student.archivedAt,
    version: student.version,
    /** Null for users who may not see sensitive fields (assistants). */
    sensitive:
      sensitive
        ? {
            dateOfBirth: dayOf(student.dateOfBirth),
            hispanicLatino: student.hispanicLatino,
            races: [...student.races].sort(),
            economicallyDisadvantaged: student.economicallyDisadvantaged,
            hasIep: student.hasIep,
            has504: student.has504,
          }
        : null,
    /** The guardians, for those who see sensitive fields, on the views that show them (null otherwise). */
    guardians,
    currentCaseload: caseload.filter((a) => !a.endedAt).map(assignment),
    pastCaseload: caseload.filter((a) => a.endedAt).map(assignment),
    accessHistory: history,
    /** Staff the user may put on this student's case (empty when they may not assign). */
    assignableStaff,
    /** Current tier per area and the full history; null for those who may not see tiers. */
    tiers,
    /** Dosage and fidelity on each of the student's started plans; null for those who may not see sessions. */
    dosage,
    /** Current and past accommodations (sources only with the sensitive fields); null for those who may not see them. */
    accommodations,
    /** The student's plans the user may view, each with this student's goals; null for those who see no plans. */
    plans,
    /** Per active plan the user may view (and probe.view): its goals' sparklines and recommendations. */
    glance,
    /** The newest entries of the student's history (what the user may see), and how many there are in all. */
    recentHistory: feed ? { entries: feed.slice(0, PROFILE_HISTORY_SIZE), total: feed.length } : null,
    /** The behaviour section (decision 014); null for those who may not see the student's incidents, and on the summary. */
    behavior,
    /** The IEP/504 and referral sections (decisions 015, 016); null for those who see none of it, and on the summary. */
    specialEd: showsSpecialEd ? specialEd : null,
    /** Whether the user delivers a service of the student's IEP/504 (the view of those services is offered to those who see no records). */
    providesServices: Boolean(specialEd?.provided.length),
    /** The student as the permission matrix reads it (the record frame shows a section by its grant). */
    resource,
    may: {
      edit: can(ctx, "student.edit", resource),
      archive: can(ctx, "student.archive", resource),
      assignCaseload: canAssignCaseloads(ctx, student.schoolId),
      setTier: can(ctx, "tier.set", resource),
      exportServiceLog: can(ctx, "session.export", resource),
      manageAccommodations: can(ctx, "accommodation.manage", resource),
      writePlan: !student.archivedAt && can(ctx, "plan.write", resource),
      viewSpecialEd: can(ctx, "iep504.view", resource),
      // Referrals are for the student's current case managers among specialists (referralAccess); the caseload above names them.
      viewReferrals: referralAccess(ctx, { schoolId: student.schoolId, caseManagerUserIds: caseload.filter((a) => !a.endedAt && a.role === "CASE_MANAGER" && !a.deactivated).map((a) => a.userId) }).view,
    },
  };
}
export type StudentProfile = Awaited<ReturnType<typeof getStudentProfile>>;
