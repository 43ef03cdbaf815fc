import "server-only";
import type { ClassSummary } from "@/server/classes/roster";
import { myClassesIn } from "@/server/classes/teacher";
import { can, ROLES, scopeOf, type Role } from "@/domain/permissions";
import type { Ctx } from "@/server/auth/session";
import {
  caseloadBalanceIn,
  myCaseloadIn,
  servedStudentsIn,
  type ServedStudent,
  schoolScopeOf,
  unassignedStudentsIn,
  withoutCaseloadMemberSql,
  type CaseloadRow,
  type RoleSummary,
  type SchoolScope,
  type StudentBrief,
} from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { attentionIn, type Attention } from "./attention";
import { plansAwaitingApprovalIn, plansDeliveredIn, plansPastReviewIn, plansSentBackIn, type HomePlans } from "@/server/plans/queries";
import { homeReviewIn, type ReviewList } from "@/server/progress/review";
import type { SCHOOL_LEVELS } from "@/server/schools/schemas";

export interface SchoolCount {
  id: string;
  name: string;
  level: (typeof SCHOOL_LEVELS)[number];
  students: number;
  /** Open students with no current caseload member who is active. */
  withoutCaseload: number;
}

/** How many students the students without a caseload member a home lists by name. */
export const HOME_UNASSIGNED_LIST = 5;

/**
 * Open schools in scope with their open students and how many of those have
 * nobody on their case: one grouped count, one grouped anti-join, no per-school queries.
 */
async function schoolCountsIn(tx: Tx, ctx: Ctx, scope: SchoolScope): Promise<SchoolCount[]> {
  const schools = await tx.school.findMany({
    where: { districtId: ctx.districtId, archivedAt: null, ...(scope ? { id: { in: [...scope] } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, level: true },
  });
  const students = await tx.student.groupBy({
    by: ["schoolId"],
    where: { districtId: ctx.districtId, archivedAt: null, ...(scope ? { schoolId: { in: [...scope] } } : {}) },
    _count: { _all: true },
  });
  const without = await tx.$queryRaw<{ schoolId: string; n: number }[]>`
    SELECT s."schoolId"::text AS "schoolId", count(*)::int AS "n"
    FROM "Student" s
    WHERE ${withoutCaseloadMemberSql(ctx.districtId, scope)}
    GROUP BY s."schoolId"`;
  const studentsBySchool = new Map(students.map((g) => [g.schoolId, g._count._all]));
  const withoutBySchool = new Map(without.map((g) => [g.schoolId, Number(g.n)]));
  return schools.map((s) => ({ ...s, students: studentsBySchool.get(s.id) ?? 0, withoutCaseload: withoutBySchool.get(s.id) ?? 0 }));
}

async function staffByRoleIn(tx: Tx, districtId: string): Promise<Record<Role, number>> {
  const groups = await tx.membership.groupBy({ by: ["role"], where: { districtId, deactivatedAt: null }, _count: { _all: true } });
  const out = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const g of groups) out[g.role] = g._count._all;
  return out;
}

export type Home =
  | { kind: "classes"; classes: ClassSummary[] }
  | { kind: "district"; schools: SchoolCount[]; totalStudents: number; withoutCaseload: number; staffByRole: Record<Role, number>; attention: Attention }
  | {
      kind: "schools";
      schools: SchoolCount[];
      /** Tier 2/3 students with no active plan in the area, students on plans with no caseload member. */
      attention: Attention;
      totalStudents: number;
      balance: RoleSummary[];
      unassigned: { total: number; rows: StudentBrief[] };
      /** Goals of their schools that need review; null for those who write no plans. */
      needsReview: ReviewList | null;
      /** Submitted drafts the user may approve; null for those who do not approve. */
      awaitingApproval: HomePlans | null;
    }
  | {
      kind: "caseload";
      /** Their current caseload; null for those who see only the students they serve (then `served`). */
      caseload: CaseloadRow[] | null;
      /** Every student they reach, with how (assistants: caseload and the plans they deliver); null for the others. */
      served: ServedStudent[] | null;
      needsReview: ReviewList | null;
      plans: CaseloadPlans;
    };

/** Plans needing attention on a caseload home: what a writer must review or fix, or what an assistant delivers. */
export type CaseloadPlans = { kind: "writer"; pastReview: HomePlans; sentBack: HomePlans } | { kind: "deliverer"; delivered: HomePlans };

/**
 * What a person lands on, by what they may do: the district overview
 * (administrators), a school overview with caseload balance and the plans
 * awaiting approval (whoever assigns caseloads), both with the students the
 * process has lost track of (attention.ts), or their own caseload with
 * the plans needing them (everyone else); with the goals that need review for
 * those who write plans. One transaction, one query per list.
 */
export async function getHome(ctx: Ctx): Promise<Home> {
  const district = can(ctx, "district.overview", { districtId: ctx.districtId });
  const assigns = can(ctx, "caseload.assign", { districtId: ctx.districtId });
  const reviews = can(ctx, "plan.write", { districtId: ctx.districtId });
  return withTenant(ctx.districtId, async (tx): Promise<Home> => {
    if (district) {
      const schools = await schoolCountsIn(tx, ctx, null);
      return {
        kind: "district",
        schools,
        totalStudents: schools.reduce((sum, s) => sum + s.students, 0),
        withoutCaseload: schools.reduce((sum, s) => sum + s.withoutCaseload, 0),
        staffByRole: await staffByRoleIn(tx, ctx.districtId),
        attention: await attentionIn(tx, ctx.districtId, null),
      };
    }
    if (assigns) {
      const scope = schoolScopeOf(ctx);
      const schools = await schoolCountsIn(tx, ctx, scope);
      const balance = await caseloadBalanceIn(tx, ctx, scope);
      const unassigned = await unassignedStudentsIn(tx, ctx, scope, { pageSize: HOME_UNASSIGNED_LIST });
      return {
        kind: "schools",
        schools,
        totalStudents: schools.reduce((sum, s) => sum + s.students, 0),
        balance: balance.byStaffRole,
        unassigned: { total: unassigned.total, rows: unassigned.rows },
        attention: await attentionIn(tx, ctx.districtId, scope),
        needsReview: reviews ? await homeReviewIn(tx, ctx) : null,
        awaitingApproval: can(ctx, "plan.approve", { districtId: ctx.districtId }) ? await plansAwaitingApprovalIn(tx, ctx) : null,
      };
    }
    // A classroom teacher's home is their classes (decision 020).
    if (can(ctx, "class.view", { districtId: ctx.districtId })) return { kind: "classes", classes: await myClassesIn(tx, ctx) };
    // Those who see only the students they serve see all of them, as the permission checks count them.
    const servesOnly = scopeOf(ctx.role, "student.view") === "caseload";
    const caseload = servesOnly ? null : await myCaseloadIn(tx, ctx);
    const served = servesOnly ? await servedStudentsIn(tx, ctx) : null;
    const needsReview = reviews ? await homeReviewIn(tx, ctx) : null;
    const plans: CaseloadPlans = can(ctx, "plan.write", { districtId: ctx.districtId })
      ? { kind: "writer", pastReview: await plansPastReviewIn(tx, ctx), sentBack: await plansSentBackIn(tx, ctx) }
      : { kind: "deliverer", delivered: await plansDeliveredIn(tx, ctx) };
    return { kind: "caseload", caseload, served, needsReview, plans };
  });
}
