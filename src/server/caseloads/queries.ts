import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { can, scopeOf, type Role } from "@/domain/permissions";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { reachedBySql } from "@/server/reach";
import type { GradeLevel } from "@/server/students/schemas";
import { currentTierIsSql } from "@/server/tiers/queries";
import { INTERVENTION_AREAS, TIER_LEVELS, type InterventionArea, type TierLevel } from "@/server/tiers/schemas";
import { STUDENT_NAME_SELECT, studentNames } from "./names";
import { CASE_ROLES, type CaseRole } from "./schemas";
import { pageKey, readQuery, type SearchParams } from "@/server/search-params";

// Sorted here, not in SQL: the database's collation may be "C" (PGlite is).
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Whether the user may assign caseloads (for one school's student when schoolId is given). */
export function canAssignCaseloads(ctx: Ctx, schoolId?: string): boolean {
  return can(ctx, "caseload.assign", { districtId: ctx.districtId, ...(schoolId ? { schoolId } : {}) });
}

export interface AssignableStaff {
  /** The membership id: what assignStudents takes as unverifiedMembershipId. */
  id: string;
  name: string;
  role: Role;
  /** Empty means every school of the district. */
  schoolIds: string[];
}

/** Staff who work in any of these schools (or in all schools). */
export const workingIn = (schoolIds: readonly string[]): Prisma.MembershipWhereInput =>
  schoolIds.length ? { OR: [{ schools: { none: {} } }, { schools: { some: { schoolId: { in: [...schoolIds] } } } }] } : {};

/**
 * Active staff the user may put students with, inside the caller's transaction:
 * everyone but administrators, limited to the user's schools, or to one school
 * (a student's) when schoolId is given. The caller authorizes.
 */
export async function assignableStaffIn(tx: Tx, ctx: Ctx, opts: { schoolId?: string } = {}): Promise<AssignableStaff[]> {
  const rows = await tx.membership.findMany({
    where: {
      districtId: ctx.districtId,
      deactivatedAt: null,
      role: { not: "ADMIN" },
      AND: [workingIn(ctx.schoolIds), opts.schoolId ? workingIn([opts.schoolId]) : {}],
    },
    select: { id: true, role: true, user: { select: { name: true } }, schools: { select: { schoolId: true } } },
  });
  return rows
    .map((m) => ({ id: m.id, name: m.user.name, role: m.role, schoolIds: m.schools.map((s) => s.schoolId) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The staff choices of an assignment form, in their own transaction. */
export async function listAssignableStaff(ctx: Ctx, opts: { schoolId?: string } = {}): Promise<AssignableStaff[]> {
  await authorizePage(ctx, "caseload.assign", { entityType: "Membership" });
  return withTenant(ctx.districtId, (tx) => assignableStaffIn(tx, ctx, opts));
}

export interface CurrentAssignment {
  id: string;
  membershipId: string;
  staffName: string;
  staffRole: Role;
  role: CaseRole;
  startedAt: Date;
}

/** A student's current caseload members, inside the caller's transaction (the caller authorizes). */
export async function currentAssignmentsOf(tx: Tx, districtId: string, studentId: string): Promise<CurrentAssignment[]> {
  const rows = await tx.caseloadAssignment.findMany({
    where: { districtId, studentId, endedAt: null },
    orderBy: [{ role: "asc" }, { startedAt: "asc" }],
    select: { id: true, membershipId: true, role: true, startedAt: true, membership: { select: { role: true, user: { select: { name: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    membershipId: r.membershipId,
    staffName: r.membership.user.name,
    staffRole: r.membership.role,
    role: r.role,
    startedAt: r.startedAt,
  }));
}

// ---------------------------------------------------------------------------
// Balance: caseload sizes per staff member, and students nobody is on.

/** The schools a caseload page covers: one chosen school, or every school in the user's reach (null = the whole district). */
export type SchoolScope = readonly string[] | null;

const uuidList = (ids: readonly string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
const schoolFilter = (scope: SchoolScope) => (scope ? Prisma.sql`AND s."schoolId" IN (${uuidList(scope)})` : Prisma.empty);

/** The user's schools as a scope: null when they reach every school of the district. */
export function schoolScopeOf(ctx: Ctx): SchoolScope {
  return ctx.schoolIds.length ? ctx.schoolIds : null;
}

/** Open schools in the user's reach, for a school filter. */
export function schoolOptionsIn(tx: Tx, ctx: Ctx) {
  return tx.school.findMany({
    where: { districtId: ctx.districtId, archivedAt: null, ...(ctx.schoolIds.length ? { id: { in: ctx.schoolIds } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export interface BalanceRow {
  membershipId: string;
  name: string;
  staffRole: Role;
  /** False for a deactivated person who still has students: they need reassigning. */
  active: boolean;
  counts: Record<CaseRole, number>;
  total: number;
  /** total minus the average of active staff of the same role (0 when there is no one to compare with). */
  fromAverage: number;
}

export interface RoleSummary {
  staffRole: Role;
  staff: number;
  assignments: number;
  average: number;
  smallest: number;
  largest: number;
}

export interface Balance {
  rows: BalanceRow[];
  byStaffRole: RoleSummary[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Current caseload sizes of the staff who work in the scope's schools (zeros
 * included: they are who can take more) and of anyone else who holds students
 * there. One aggregate query over current assignments of open students in
 * scope, one for the people; largest caseloads first.
 */
export async function caseloadBalanceIn(tx: Tx, ctx: Ctx, scope: SchoolScope): Promise<Balance> {
  // For some schools, start from their students and probe each one's current
  // assignments through the partial unique index (OFFSET 0 keeps the planner
  // from flattening that into a scan of the district's assignments); for the
  // whole district, one hash join over all current assignments is cheaper.
  const counts = scope
    ? await tx.$queryRaw<{ membershipId: string; role: CaseRole; n: number }[]>`
        SELECT ca."membershipId"::text AS "membershipId", ca."role"::text AS "role", count(*)::int AS "n"
        FROM "Student" s
        CROSS JOIN LATERAL (
          SELECT c."membershipId", c."role" FROM "CaseloadAssignment" c
          WHERE c."districtId" = s."districtId" AND c."studentId" = s."id" AND c."endedAt" IS NULL
          OFFSET 0
        ) ca
        WHERE s."districtId" = ${ctx.districtId}::uuid AND s."archivedAt" IS NULL ${schoolFilter(scope)}
        GROUP BY ca."membershipId", ca."role"`
    : await tx.$queryRaw<{ membershipId: string; role: CaseRole; n: number }[]>`
        SELECT ca."membershipId"::text AS "membershipId", ca."role"::text AS "role", count(*)::int AS "n"
        FROM "CaseloadAssignment" ca
        JOIN "Student" s ON s."districtId" = ca."districtId" AND s."id" = ca."studentId"
        WHERE ca."districtId" = ${ctx.districtId}::uuid AND ca."endedAt" IS NULL AND s."archivedAt" IS NULL
        GROUP BY ca."membershipId", ca."role"`;
  const holders = [...new Set(counts.map((c) => c.membershipId))];
  const people = await tx.membership.findMany({
    where: {
      districtId: ctx.districtId,
      OR: [{ deactivatedAt: null, role: { not: "ADMIN" }, ...workingIn(scope ?? []) }, ...(holders.length ? [{ id: { in: holders } }] : [])],
    },
    select: { id: true, role: true, deactivatedAt: true, user: { select: { name: true } } },
  });
  const bySomeone = new Map<string, Record<CaseRole, number>>();
  for (const c of counts) {
    const entry = bySomeone.get(c.membershipId) ?? { CASE_MANAGER: 0, INTERVENTIONIST: 0 };
    entry[c.role] = Number(c.n);
    bySomeone.set(c.membershipId, entry);
  }
  const rows = people.map((p) => {
    const perRole = bySomeone.get(p.id) ?? { CASE_MANAGER: 0, INTERVENTIONIST: 0 };
    return {
      membershipId: p.id,
      name: p.user.name,
      staffRole: p.role,
      active: !p.deactivatedAt,
      counts: perRole,
      total: CASE_ROLES.reduce((sum, r) => sum + perRole[r], 0),
      fromAverage: 0,
    };
  });

  const byStaffRole: RoleSummary[] = [];
  for (const staffRole of ["COORDINATOR", "SPECIALIST", "ASSISTANT", "ADMIN"] as const) {
    const active = rows.filter((r) => r.active && r.staffRole === staffRole);
    if (!active.length) continue;
    const assignments = active.reduce((sum, r) => sum + r.total, 0);
    const average = assignments / active.length;
    for (const r of rows) if (r.staffRole === staffRole) r.fromAverage = round1(r.total - average);
    byStaffRole.push({
      staffRole,
      staff: active.length,
      assignments,
      average: round1(average),
      smallest: Math.min(...active.map((r) => r.total)),
      largest: Math.max(...active.map((r) => r.total)),
    });
  }
  rows.sort((a, b) => b.total - a.total || collator.compare(a.name, b.name) || a.membershipId.localeCompare(b.membershipId));
  return { rows, byStaffRole };
}

export const UNASSIGNED_PAGE_SIZE = 25;


/**
 * SQL condition on `"Student" s`: an open student of the scope's schools with
 * no current assignment to an active staff member (someone deactivated who
 * still holds the case serves no one; the balance table lists them to reassign).
 */
export function withoutCaseloadMemberSql(districtId: string, scope: SchoolScope) {
  // For some schools, OFFSET 0 keeps the check a per-student probe of the
  // partial unique index instead of a hash of the whole district's assignments
  // (as in caseloadBalanceIn); for the whole district the hash anti-join wins.
  return Prisma.sql`
    s."districtId" = ${districtId}::uuid AND s."archivedAt" IS NULL ${schoolFilter(scope)}
    AND NOT EXISTS (
      SELECT 1 FROM "CaseloadAssignment" ca
      JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
      WHERE ca."districtId" = s."districtId" AND ca."studentId" = s."id" AND ca."endedAt" IS NULL AND m."deactivatedAt" IS NULL
      ${scope ? Prisma.sql`OFFSET 0` : Prisma.empty}
    )`;
}

export interface StudentBrief {
  id: string;
  /** "Last, First" (legal), for lists in family-name order. */
  name: string;
  /** "First Last" (legal), for sentences and accessible names. */
  fullName: string;
  /** The preferred name when it differs from the legal first name. */
  goesBy: string | null;
  grade: GradeLevel;
  schoolName: string;
}

/**
 * Open students of the scope's schools with no current caseload member: the
 * count and one page in name order (the order the student list uses).
 */
export async function unassignedStudentsIn(
  tx: Tx,
  ctx: Ctx,
  scope: SchoolScope,
  opts: { page?: number; pageSize?: number; tier?: { area: InterventionArea; tier: TierLevel } | null } = {},
) {
  const pageSize = opts.pageSize ?? UNASSIGNED_PAGE_SIZE;
  const byTier = opts.tier ? Prisma.sql`AND ${currentTierIsSql(opts.tier.area, opts.tier.tier)}` : Prisma.empty;
  const nobody = Prisma.sql`${withoutCaseloadMemberSql(ctx.districtId, scope)} ${byTier}`;
  type Row = { id: string; preferredName: string | null; legalFirstName: string; legalLastName: string; grade: GradeLevel; schoolName: string; total: number };
  // The page and the total in one pass (count(*) OVER ()). The set is built
  // first (MATERIALIZED) so the planner cannot pick a "stop after 50 rows" walk
  // down the name index that probes every student of the district when few
  // have nobody; a page past the end comes back empty and is asked again.
  const fetchPage = (page: number) => tx.$queryRaw<Row[]>`
    WITH nobody AS MATERIALIZED (
      SELECT s."id", s."schoolId", s."preferredName", s."legalFirstName", s."legalLastName", s."grade"
      FROM "Student" s
      WHERE ${nobody}
    )
    SELECT n."id"::text AS "id", n."preferredName", n."legalFirstName", n."legalLastName", n."grade"::text AS "grade",
      sc."name" AS "schoolName", count(*) OVER ()::int AS "total"
    FROM nobody n
    JOIN "School" sc ON sc."districtId" = ${ctx.districtId}::uuid AND sc."id" = n."schoolId"
    ORDER BY n."legalLastName", n."legalFirstName", n."id"
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  let page = Math.max(1, opts.page ?? 1);
  let rows = await fetchPage(page);
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && page > 1) {
    const [{ n }] = await tx.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS "n" FROM "Student" s WHERE ${nobody}`;
    total = Number(n);
    page = Math.max(1, Math.ceil(total / pageSize));
    rows = total ? await fetchPage(page) : [];
  }
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return {
    total,
    page,
    pageCount,
    rows: rows.map((r): StudentBrief => ({ id: r.id, ...studentNames(r), grade: r.grade, schoolName: r.schoolName })),
  };
}

// ---------------------------------------------------------------------------
// One person's caseload.

export interface CaseloadRow {
  assignmentId: string;
  student: StudentBrief;
  role: CaseRole;
  startedAt: Date;
}

/** A person's current assignments for open students of the scope's schools, in student name order. */
export async function caseloadOfIn(tx: Tx, districtId: string, membershipId: string, scope: SchoolScope): Promise<CaseloadRow[]> {
  const rows = await tx.caseloadAssignment.findMany({
    where: {
      districtId,
      membershipId,
      endedAt: null,
      student: { archivedAt: null, ...(scope ? { schoolId: { in: [...scope] } } : {}) },
    },
    select: {
      id: true,
      role: true,
      startedAt: true,
      student: { select: { id: true, grade: true, ...STUDENT_NAME_SELECT, school: { select: { name: true } } } },
    },
  });
  // Sorted here: a caseload is small, and PGlite's collation does not sort names as people expect.
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    collator.compare(a.student.legalLastName, b.student.legalLastName) ||
    collator.compare(a.student.legalFirstName, b.student.legalFirstName) ||
    a.student.id.localeCompare(b.student.id) ||
    a.role.localeCompare(b.role);
  return rows.sort(byName).map((r) => ({
    assignmentId: r.id,
    role: r.role,
    startedAt: r.startedAt,
    student: { id: r.student.id, ...studentNames(r.student), grade: r.student.grade, schoolName: r.student.school.name },
  }));
}

/**
 * The schools whose students the user may open from their own caseload: a
 * school-scoped role sees only its schools' students; a caseload-scoped one
 * (assistants) sees everyone they serve.
 */
function ownCaseloadScope(ctx: Ctx): SchoolScope {
  return scopeOf(ctx.role, "student.view") === "school" ? schoolScopeOf(ctx) : null;
}

/** The signed-in person's own current students (every role has "My caseload"). */
export async function myCaseloadIn(tx: Tx, ctx: Ctx): Promise<CaseloadRow[]> {
  return caseloadOfIn(tx, ctx.districtId, ctx.membershipId, ownCaseloadScope(ctx));
}

/** A student the user serves, and how: their roles on the student's caseload and the open plans they deliver for them. */
export interface ServedStudent {
  student: StudentBrief;
  caseRoles: CaseRole[];
  /** Titles of the open plans (draft or active) the user delivers for the student. */
  plans: string[];
}

/**
 * Every student the user reaches (reachedBySql: the very set the permission
 * checks use, students of the groups they deliver included), in name order,
 * with how. One query. For the home of those who see only the students they
 * serve (assistants).
 */
export async function servedStudentsIn(tx: Tx, ctx: Ctx): Promise<ServedStudent[]> {
  const rows = await tx.$queryRaw<
    { id: string; grade: GradeLevel; preferredName: string | null; legalFirstName: string; legalLastName: string; schoolName: string; caseRoles: CaseRole[]; plans: string[] }[]
  >`
    SELECT s."id"::text AS "id", s."grade"::text AS "grade", s."preferredName", s."legalFirstName", s."legalLastName", sc."name" AS "schoolName",
      ARRAY(SELECT ca."role"::text FROM "CaseloadAssignment" ca
            WHERE ca."districtId" = s."districtId" AND ca."studentId" = s."id" AND ca."membershipId" = ${ctx.membershipId}::uuid AND ca."endedAt" IS NULL
            ORDER BY ca."role") AS "caseRoles",
      ARRAY(SELECT coalesce(i."name", p."customIntervention", 'Intervention') FROM "PlanStudent" ps
            JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
            JOIN "PlanInterventionist" pi ON pi."districtId" = p."districtId" AND pi."planId" = p."id"
            LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
            WHERE ps."districtId" = s."districtId" AND ps."studentId" = s."id" AND pi."membershipId" = ${ctx.membershipId}::uuid
              AND p."status" IN ('DRAFT', 'ACTIVE')
            ORDER BY 1) AS "plans"
    FROM "Student" s
    JOIN "School" sc ON sc."districtId" = s."districtId" AND sc."id" = s."schoolId"
    WHERE s."districtId" = ${ctx.districtId}::uuid AND ${reachedBySql(ctx.membershipId)}`;
  return rows
    .sort((a, b) => collator.compare(a.legalLastName, b.legalLastName) || collator.compare(a.legalFirstName, b.legalFirstName) || a.id.localeCompare(b.id))
    .map((r) => ({ student: { id: r.id, ...studentNames(r), grade: r.grade, schoolName: r.schoolName }, caseRoles: r.caseRoles, plans: r.plans }));
}

export async function getMyCaseload(ctx: Ctx): Promise<CaseloadRow[]> {
  return withTenant(ctx.districtId, (tx) => myCaseloadIn(tx, ctx));
}

/** The page's filters, read with readQuery: a value not understood (or a school not among the user's) is reported, not applied. */
const CASELOAD_QUERY = { school: z.uuid().optional(), page: pageKey, tierArea: z.enum(INTERVENTION_AREAS).optional(), tier: z.enum(TIER_LEVELS).optional() };

/**
 * The /caseloads page: school choices, caseload sizes and one page of students
 * with nobody on their case, for the chosen school or all the user's schools,
 * with the staff choices of the bulk assignment form, in one transaction.
 */
export async function getCaseloadOverview(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "caseload.assign", { entityType: "CaseloadAssignment" });
  const { values, notUnderstood } = readQuery(CASELOAD_QUERY, params);
  const { school: wantedSchool, page, tierArea: area, tier: level } = values;
  // The current tier is per area: the filter applies only with both.
  const tier = area && level && can(ctx, "tier.view", { districtId: ctx.districtId }) ? { area, tier: level } : null;
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await schoolOptionsIn(tx, ctx);
    const school = schools.find((s) => s.id === wantedSchool) ?? null;
    if (wantedSchool && !school) notUnderstood.push("school");
    const scope = school ? [school.id] : schoolScopeOf(ctx);
    const balance = await caseloadBalanceIn(tx, ctx, scope);
    const unassigned = await unassignedStudentsIn(tx, ctx, scope, { page, tier });
    const staff = await assignableStaffIn(tx, ctx, school ? { schoolId: school.id } : {});
    return { schools, school, balance, unassigned, staff, tier, notUnderstood };
  });
}

/**
 * /caseloads/[membershipId]: one person's current students in the user's
 * schools. 404 (and a denied audit event) for an unknown id or someone who
 * neither works in the user's schools nor holds students there.
 */
export async function getStaffCaseload(ctx: Ctx, unverifiedMembershipId: string) {
  await authorizePage(ctx, "caseload.assign", { entityType: "CaseloadAssignment" });
  const id = z.uuid().safeParse(unverifiedMembershipId);
  const scope = schoolScopeOf(ctx);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const member = await tx.membership.findFirst({
          where: { id: id.data, districtId: ctx.districtId },
          select: {
            id: true,
            role: true,
            deactivatedAt: true,
            user: { select: { name: true } },
            schools: { select: { schoolId: true, school: { select: { name: true } } } },
          },
        });
        if (!member) return null;
        const rows = await caseloadOfIn(tx, ctx.districtId, member.id, scope);
        const memberSchools = member.schools.map((s) => s.schoolId);
        const worksHere = !scope || memberSchools.length === 0 || memberSchools.some((s) => scope.includes(s));
        if (!worksHere && rows.length === 0) return null;
        return { member, rows };
      })
    : null;
  if (!found) return pageNotFound(ctx, "caseload.assign", { entityType: "Membership", entityId: unverifiedMembershipId.slice(0, 64) });
  const { member, rows } = found;
  return {
    membershipId: member.id,
    name: member.user.name,
    staffRole: member.role,
    active: !member.deactivatedAt,
    schoolNames: member.schools.map((s) => s.school.name).sort(collator.compare),
    rows,
  };
}
