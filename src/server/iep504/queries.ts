import "server-only";
import { z } from "zod";
import { toIsoDay } from "@/domain/goals";
import { disabilityCategoryOf } from "@/domain/iep504/disability-categories";
import { addDays, weekStart } from "@/domain/dosage";
import { hasShortfall, serviceWeeks, type ServiceWeek } from "@/domain/iep504/service-minutes";
import { can, type Resource } from "@/domain/permissions";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { assignableStaffIn, type AssignableStaff } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { studentReach } from "@/server/reach";
import { todayIso } from "@/server/students/schemas";
import { districtClockIn, referralAccessIn, referralsOfStudentIn } from "@/server/referrals/queries";
import { clockState } from "@/domain/iep504/clock";
import { daysUntil } from "@/domain/iep504/dates";
import { serviceAccess, specialEdPlanAccess } from "./access";
import { OPEN_STATUSES, type ServiceFrequency, type SpecialEdPlanStatus, type SpecialEdPlanType } from "./schemas";

const day = (d: Date | null) => (d ? toIsoDay(d) : null);

export interface ServiceView {
  id: string;
  planId: string;
  planType: SpecialEdPlanType;
  area: string;
  minutes: number;
  frequency: ServiceFrequency;
  providerRole: string;
  provider: { id: string; name: string } | null;
  setting: string;
  startDate: string;
  endDate: string | null;
  version: number;
  /** The viewer may log delivered minutes of it. */
  mayLog: boolean;
  /** Required vs delivered minutes of the last four school weeks, oldest first. */
  weeks: ServiceWeek[];
  /** A completed week of those fell short. */
  shortfall: boolean;
}

export interface SpecialEdPlanView {
  id: string;
  type: SpecialEdPlanType;
  status: SpecialEdPlanStatus;
  startDate: string | null;
  lastMeetingDate: string | null;
  annualReviewDue: string | null;
  reevaluationDue: string | null;
  caseManager: { id: string; name: string } | null;
  documentUrl: string | null;
  migratedFromFlag: boolean;
  version: number;
  /** Null when hidden from this viewer (see mayViewDisability), or when none is recorded. */
  disabilityCategory: { code: string; label: string } | null;
  /** Hidden like the disability category: the evaluation is part of the evaluation details. */
  lastEvaluationDate: string | null;
  mayViewDisability: boolean;
  mayManage: boolean;
  services: ServiceView[];
}

const PLAN_INCLUDE = {
  caseManager: { select: { id: true, userId: true, user: { select: { name: true } } } },
  services: {
    where: { archivedAt: null },
    orderBy: [{ startDate: "asc" as const }, { createdAt: "asc" as const }],
    include: { provider: { select: { id: true, userId: true, user: { select: { name: true } } } } },
  },
};

/**
 * A student's IEP and 504 records as `ctx` may see them, inside the caller's
 * transaction (one query for the records with their services and names): the
 * records for those with iep504.view, the disability category only where
 * specialEdPlanAccess says so, and otherwise only the services the viewer
 * delivers (assistants). The caller has checked student.view.
 */
export async function specialEdOfStudentIn(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string }, reach: readonly string[]) {
  const rows = await tx.specialEdPlan.findMany({
    where: { districtId: ctx.districtId, studentId: student.id, archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: PLAN_INCLUDE,
  });
  const plans: SpecialEdPlanView[] = [];
  const provided: ServiceView[] = [];
  for (const row of rows) {
    const access = specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: row.caseManager?.userId ?? null });
    const services = row.services.flatMap((s): ServiceView[] => {
      const sa = serviceAccess(ctx, { schoolId: student.schoolId, providerUserId: s.provider?.userId ?? null });
      if (!access.view && !sa.view) return [];
      return [
        {
          id: s.id,
          planId: row.id,
          planType: row.type,
          area: s.area,
          minutes: s.minutes,
          frequency: s.frequency,
          providerRole: s.providerRole,
          provider: s.provider ? { id: s.provider.id, name: s.provider.user.name } : null,
          setting: s.setting,
          startDate: toIsoDay(s.startDate),
          endDate: day(s.endDate),
          version: s.version,
          mayLog: sa.log,
          weeks: [],
          shortfall: false,
        },
      ];
    });
    if (!access.view) {
      provided.push(...services);
      continue;
    }
    const category = access.viewDisability && row.disabilityCategory ? disabilityCategoryOf(row.disabilityCategory) : undefined;
    plans.push({
      id: row.id,
      type: row.type,
      status: row.status,
      startDate: day(row.startDate),
      lastMeetingDate: day(row.lastMeetingDate),
      annualReviewDue: day(row.annualReviewDue),
      reevaluationDue: day(row.reevaluationDue),
      caseManager: row.caseManager ? { id: row.caseManager.id, name: row.caseManager.user.name } : null,
      documentUrl: row.documentUrl,
      migratedFromFlag: row.migratedFromFlag,
      version: row.version,
      disabilityCategory: category ? { code: category.code, label: category.label } : null,
      lastEvaluationDate: access.viewDisability ? day(row.lastEvaluationDate) : null,
      mayViewDisability: access.viewDisability,
      mayManage: access.manage,
      services,
    });
  }
  await addWeeksIn(tx, ctx.districtId, [...plans.flatMap((p) => p.services), ...provided]);
  return { plans, provided };
}

export const WEEKS_SHOWN = 4;

/**
 * Fills in each service's required vs delivered minutes of the last
 * WEEKS_SHOWN school weeks, from one query for all of them.
 */
export async function addWeeksIn(tx: Tx, districtId: string, services: ServiceView[]): Promise<void> {
  if (services.length === 0) return;
  const today = todayIso();
  const since = addDays(weekStart(today), -7 * (WEEKS_SHOWN - 1));
  const rows = await tx.serviceMinutes.findMany({
    where: { districtId, serviceId: { in: services.map((s) => s.id) }, date: { gte: new Date(`${since}T00:00:00Z`) } },
    select: { serviceId: true, date: true, minutes: true },
  });
  const byService = new Map<string, { date: string; minutes: number }[]>();
  for (const r of rows) {
    const list = byService.get(r.serviceId) ?? [];
    list.push({ date: toIsoDay(r.date), minutes: r.minutes });
    byService.set(r.serviceId, list);
  }
  for (const s of services) {
    s.weeks = serviceWeeks(s, byService.get(s.id) ?? [], today, WEEKS_SHOWN);
    s.shortfall = hasShortfall(s.weeks);
  }
}

/** The district's re-evaluation period of a 504 plan, in years (IDEA's three for an IEP is fixed). */
export async function section504YearsIn(tx: Tx, districtId: string): Promise<number> {
  const row = await tx.districtSettings.findUnique({ where: { districtId }, select: { section504ReevaluationYears: true } });
  return row?.section504ReevaluationYears ?? 3;
}

/**
 * The student section of IEP/504 records for the profile, in its own
 * transaction; null when the viewer may see none of it (or the student is not
 * theirs to see: the profile itself answers 404 for that). Showing it writes
 * a `view` audit event.
 */
export async function getStudentSpecialEd(ctx: Ctx, unverifiedStudentId: string) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  if (!id.success) return null;
  return withTenant(ctx.districtId, async (tx) => {
    const student = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } });
    if (!student) return null;
    const resource = await studentReach(tx, ctx, student);
    if (!can(ctx, "student.view", resource)) return null;
    const found = await studentSpecialEdIn(tx, ctx, student, resource);
    if (!found) return null;
    await recordAudit(tx, found.audit);
    return found.data;
  });
}

/**
 * The IEP/504 sections of a student already read and reached (student.view
 * checked) in the caller's transaction: the records, the services the user
 * provides, the referrals; null for a viewer who may see none of it. The
 * view's audit entry comes back for the caller to write with its own.
 */
export async function studentSpecialEdIn(
  tx: Tx,
  ctx: Ctx,
  student: { id: string; schoolId: string; archivedAt: Date | null },
  resource: Resource,
  // The school's staff, when the caller reads them anyway (the record's caseload form).
  staffOfSchool: () => Promise<AssignableStaff[]> = () => assignableStaffIn(tx, ctx, { schoolId: student.schoolId }),
) {
  const reach = resource.caseloadUserIds ?? [];
  const access = specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: null });
  const { plans, provided } = await specialEdOfStudentIn(tx, ctx, student, reach);
  if (!access.view && provided.length === 0) return null;
  const mayCreate = access.manage && !student.archivedAt;
  const mayManageAny = mayCreate || plans.some((p) => p.mayManage);
  const referralAccess = await referralAccessIn(tx, ctx, student);
  const referrals = referralAccess.view ? await referralsOfStudentIn(tx, ctx.districtId, student.id) : null;
  const staff = mayManageAny ? (await staffOfSchool()).map((s) => ({ id: s.id, name: s.name, role: s.role })) : [];
  const audit: AuditEntry = {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "view",
    entityType: "SpecialEdPlan",
    studentId: student.id,
    detail: { page: "IEP and 504", records: plans.length, services: provided.length, referrals: referrals?.length ?? 0 },
  };
  return {
    data: {
      studentId: student.id,
      archived: Boolean(student.archivedAt),
      /** Whether the viewer sees the records (false: only the services they deliver). */
      seesRecords: access.view,
      mayCreate,
      plans,
      provided,
      /** Null for viewers who may not see referrals. */
      referrals,
      mayRefer: referralAccess.manage && !student.archivedAt,
      staff,
      section504Years: await section504YearsIn(tx, ctx.districtId),
      today: todayIso(),
    },
    audit,
  };
}
export type StudentSpecialEd = NonNullable<Awaited<ReturnType<typeof getStudentSpecialEd>>>;

/**
 * The services the user provides (named as their provider) that apply today,
 * with each student's name and the last weeks' minutes, for logging on a
 * phone. One view audit event per student shown.
 */
export async function getMyServices(ctx: Ctx) {
  await authorizePage(ctx, "service.log", { entityType: "SpecialEdService" });
  return withTenant(ctx.districtId, async (tx) => {
    const today = todayIso();
    const rows = await tx.specialEdService.findMany({
      where: {
        districtId: ctx.districtId,
        providerMembershipId: ctx.membershipId,
        archivedAt: null,
        startDate: { lte: new Date(`${today}T00:00:00Z`) },
        OR: [{ endDate: null }, { endDate: { gte: new Date(`${today}T00:00:00Z`) } }],
        plan: { archivedAt: null, status: "ACTIVE", student: { archivedAt: null } },
      },
      include: {
        provider: { select: { id: true, user: { select: { name: true } } } },
        plan: { select: { id: true, type: true, student: { select: { id: true, schoolId: true, legalFirstName: true, legalLastName: true, preferredName: true } } } },
      },
    });
    const out = rows.flatMap((s) => {
      const access = serviceAccess(ctx, { schoolId: s.plan.student.schoolId, providerUserId: ctx.userId });
      if (!access.log) return [];
      const st = s.plan.student;
      const view: ServiceView = {
        id: s.id,
        planId: s.plan.id,
        planType: s.plan.type,
        area: s.area,
        minutes: s.minutes,
        frequency: s.frequency,
        providerRole: s.providerRole,
        provider: s.provider ? { id: s.provider.id, name: s.provider.user.name } : null,
        setting: s.setting,
        startDate: toIsoDay(s.startDate),
        endDate: day(s.endDate),
        version: s.version,
        mayLog: true,
        weeks: [],
        shortfall: false,
      };
      return [{ service: view, student: { id: st.id, name: `${st.preferredName ?? st.legalFirstName} ${st.legalLastName}`, sortName: `${st.legalLastName} ${st.legalFirstName}` } }];
    });
    out.sort((a, b) => a.student.sortName.localeCompare(b.student.sortName) || a.service.area.localeCompare(b.service.area));
    await addWeeksIn(tx, ctx.districtId, out.map((o) => o.service));
    const studentIds = [...new Set(out.map((o) => o.student.id))];
    await recordAudit(
      tx,
      ...studentIds.map((studentId) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "SpecialEdService", studentId, detail: { page: "IEP services" } })),
    );
    return { today, services: out };
  });
}

export interface DueItem {
  studentId: string;
  studentName: string;
  what: "Annual review" | "Re-evaluation" | "Evaluation (referral)";
  due: string;
  daysLeft: number;
}

/** How far ahead a case manager's home looks. */
export const HOME_HORIZON_DAYS = 90;

/**
 * The dates a case manager must keep: annual reviews and re-evaluations of the
 * open IEP/504 records they manage, and the evaluation deadlines of open
 * referrals of students they are case manager of, overdue ones and those due
 * in the next 90 days, soonest first. Three queries; one view audit event per
 * student listed.
 */
export async function getMyDueDates(ctx: Ctx): Promise<DueItem[]> {
  return withTenant(ctx.districtId, async (tx) => {
    const today = todayIso();
    const horizon = new Date(`${addDays(today, HOME_HORIZON_DAYS)}T00:00:00Z`);
    const nameOf = (s: { legalFirstName: string; legalLastName: string; preferredName: string | null }) => `${s.preferredName ?? s.legalFirstName} ${s.legalLastName}`;
    const studentSelect = { id: true, legalFirstName: true, legalLastName: true, preferredName: true, archivedAt: true } as const;
    const records = await tx.specialEdPlan.findMany({
      where: {
        districtId: ctx.districtId,
        caseManagerMembershipId: ctx.membershipId,
        archivedAt: null,
        status: { in: [...OPEN_STATUSES] },
        student: { archivedAt: null },
        OR: [{ annualReviewDue: { lte: horizon } }, { reevaluationDue: { lte: horizon } }],
      },
      select: { type: true, annualReviewDue: true, reevaluationDue: true, student: { select: studentSelect } },
    });
    const items: DueItem[] = [];
    const push = (student: { id: string } & Parameters<typeof nameOf>[0], what: DueItem["what"], due: string) =>
      items.push({ studentId: student.id, studentName: nameOf(student), what, due, daysLeft: daysUntil(due, today) });
    const limit = addDays(today, HOME_HORIZON_DAYS);
    for (const r of records) {
      if (r.annualReviewDue && toIsoDay(r.annualReviewDue) <= limit) push(r.student, "Annual review", toIsoDay(r.annualReviewDue));
      if (r.reevaluationDue && toIsoDay(r.reevaluationDue) <= limit) push(r.student, "Re-evaluation", toIsoDay(r.reevaluationDue));
    }
    const referrals = await tx.referral.findMany({
      where: {
        districtId: ctx.districtId,
        archivedAt: null,
        status: { not: "OUTCOME" },
        consentDate: { not: null },
        student: { archivedAt: null, caseload: { some: { membershipId: ctx.membershipId, role: "CASE_MANAGER", endedAt: null } } },
      },
      select: { consentDate: true, student: { select: studentSelect } },
    });
    if (referrals.length) {
      const clock = await districtClockIn(tx, ctx.districtId);
      for (const r of referrals) {
        const state = clockState(toIsoDay(r.consentDate!), clock.rule, clock.nonSchoolDays, today);
        if (state.due <= limit) push(r.student, "Evaluation (referral)", state.due);
      }
    }
    items.sort((a, b) => a.due.localeCompare(b.due) || a.studentName.localeCompare(b.studentName));
    const studentIds = [...new Set(items.map((i) => i.studentId))];
    await recordAudit(tx, ...studentIds.map((studentId) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "SpecialEdPlan", studentId, detail: { page: "home due dates" } })));
    return items;
  });
}
