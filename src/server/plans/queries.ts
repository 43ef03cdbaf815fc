import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { toIsoDay } from "@/domain/goals";
import { can, scopeOf } from "@/domain/permissions";
import { accommodationsToHonourIn } from "@/server/accommodations/queries";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction, authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { byStudentName, STUDENT_NAME_SELECT, studentFirstName, studentNames } from "@/server/caseloads/names";
import { schoolOptionsIn, workingIn } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { goalsForPlansIn, measureChoicesIn, type GoalView } from "@/server/goals/queries";
import { planDosageIn, type PlanBrief as SessionPlanBrief } from "@/server/sessions/queries";
import { libraryOptionsIn } from "@/server/interventions/queries";
import { todayIso } from "@/server/students/schemas";
import type { InterventionArea } from "@/server/tiers/schemas";
import { planReach, plansInReachSql, reachedBySql, studentReach } from "@/server/reach";
import { OPEN_PLAN_STATUSES, PLAN_PAGE_SIZE, planTitleOf, PLAN_LIST_QUERY, type PlanListStatus, type PlanStatus } from "./schemas";
import { readQuery, type SearchParams } from "@/server/search-params";

export type PlanAction = "plan.view" | "plan.write" | "plan.approve";

export const PLAN_TARGET = { entityType: "InterventionPlan" } as const;

/** A plan as its pages and actions load it (one query per relation, whatever the group's size). */
const PLAN_SELECT = {
  id: true,
  schoolId: true,
  area: true,
  status: true,
  interventionId: true,
  customIntervention: true,
  minutesPerSession: true,
  sessionsPerWeek: true,
  groupSize: true,
  scheduleDays: true,
  scheduleTime: true,
  startDate: true,
  reviewDate: true,
  endDate: true,
  submittedAt: true,
  returnComment: true,
  statusReason: true,
  notes: true,
  createdByUserId: true,
  approvedByUserId: true,
  approvedAt: true,
  version: true,
  school: { select: { name: true } },
  intervention: {
    select: {
      id: true,
      name: true,
      area: true,
      tiers: true,
      description: true,
      evidenceLevel: true,
      minutesPerSession: true,
      sessionsPerWeek: true,
      weeks: true,
      groupSizeMin: true,
      groupSizeMax: true,
      gradeMin: true,
      gradeMax: true,
      components: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, label: true } },
    },
  },
  students: { select: { student: { select: { id: true, schoolId: true, grade: true, ...STUDENT_NAME_SELECT } } } },
  interventionists: { select: { membershipId: true, membership: { select: { userId: true, role: true, user: { select: { name: true } } } } } },
} satisfies Prisma.InterventionPlanSelect;
export type PlanRow = Prisma.InterventionPlanGetPayload<{ select: typeof PLAN_SELECT }>;

export const isOpen = (status: PlanStatus) => OPEN_PLAN_STATUSES.includes(status);

/** A plan row as the sessions feature's brief (planBriefs' shape), for its dosage summary without reading the plan again. */
function briefOf(plan: PlanRow): SessionPlanBrief {
  return {
    id: plan.id,
    schoolId: plan.schoolId,
    schoolName: plan.school.name,
    title: planTitleOf(plan),
    area: plan.area,
    status: plan.status,
    interventionId: plan.interventionId,
    minutesPerSession: plan.minutesPerSession,
    sessionsPerWeek: plan.sessionsPerWeek,
    scheduleDays: [...plan.scheduleDays].sort(),
    scheduleTime: plan.scheduleTime,
    startDate: toIsoDay(plan.startDate),
    endDate: plan.endDate ? toIsoDay(plan.endDate) : null,
    students: studentsOf(plan).map((s) => ({ id: s.id, name: s.fullName })),
    interventionists: interventionistsOf(plan).map((i) => i.name),
  };
}

/**
 * The plan behind an id from the browser, if the user may do `action` on it.
 * Unknown, malformed, another district's or out-of-reach ids are a DeniedError.
 */
export async function findPlanFor(tx: Tx, ctx: Ctx, action: PlanAction, unverifiedPlanId: string): Promise<PlanRow> {
  const target = { ...PLAN_TARGET, entityId: unverifiedPlanId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedPlanId);
  const plan = id.success ? await tx.interventionPlan.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: PLAN_SELECT }) : null;
  if (!plan) throw new DeniedError(action, target);
  authorizeAction(ctx, action, { ...target, ...(await planReach(tx, ctx, action, plan)) });
  return plan;
}

/** A page about one plan: 404 and a denied audit event unless the user may do `action` on it. */
async function withPlanPage<T>(ctx: Ctx, action: PlanAction, unverifiedPlanId: string, fn: (tx: Tx, plan: PlanRow) => Promise<T>): Promise<T> {
  await authorizePage(ctx, action, PLAN_TARGET);
  try {
    return await withTenant(ctx.districtId, async (tx) => fn(tx, await findPlanFor(tx, ctx, action, unverifiedPlanId)));
  } catch (error) {
    if (error instanceof DeniedError) return pageNotFound(ctx, action, error.target);
    throw error;
  }
}

/** One audit event per student of the plan: a plan is part of each student's record. */
export function auditPlan(tx: Tx, ctx: Ctx, planId: string, studentIds: readonly string[], action: "view" | "create" | "update", detail: Prisma.InputJsonObject) {
  return recordAudit(
    tx,
    ...studentIds.map((studentId) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType: PLAN_TARGET.entityType, entityId: planId, studentId, detail })),
  );
}

export const studentIdsOf = (plan: Pick<PlanRow, "students">) => plan.students.map((s) => s.student.id);

/** The plan's students as planFitProblems reads them (first name and grade), in name order so its sentences are stable. */
export const fitStudentsOf = (plan: Pick<PlanRow, "students">) =>
  plan.students
    .map((s) => s.student)
    .sort(byStudentName)
    .map((s) => ({ name: studentFirstName(s), grade: s.grade }));

const studentsOf = (plan: PlanRow) =>
  plan.students
    .map((s) => s.student)
    .sort(byStudentName)
    .map((s) => ({ id: s.id, ...studentNames(s) }));

const interventionistsOf = (plan: PlanRow) =>
  plan.interventionists
    .map((i) => ({ membershipId: i.membershipId, name: i.membership.user.name, role: i.membership.role }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));

// ---------------------------------------------------------------------------
// Choices of the plan form.

/** A library intervention the plan form offers (with its recommended dosage). */
export type InterventionChoice = Awaited<ReturnType<typeof libraryOptionsIn>>[number];

/** Roles who deliver plans. */
export const INTERVENTIONIST_ROLES = ["SPECIALIST", "ASSISTANT", "COORDINATOR"] as const;

/** Active staff who may deliver a plan at the school, by name. */
export async function interventionistChoicesIn(tx: Tx, districtId: string, schoolId: string) {
  const rows = await tx.membership.findMany({
    where: { districtId, deactivatedAt: null, role: { in: [...INTERVENTIONIST_ROLES] }, ...workingIn([schoolId]) },
    select: { id: true, role: true, user: { select: { name: true } } },
  });
  return rows.map((m) => ({ id: m.id, name: m.user.name, role: m.role })).sort((a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
}
export type InterventionistChoice = Awaited<ReturnType<typeof interventionistChoicesIn>>[number];

/** Whether the user writes plans for the students they reach only (specialists), not for whole schools. */
export const writesForCaseload = (ctx: Ctx) => scopeOf(ctx.role, "plan.write") === "caseload";

/** Open students of the school the user may put on a plan, in name order. */
async function plannableStudentsIn(tx: Tx, ctx: Ctx, schoolId: string) {
  const reach = writesForCaseload(ctx) ? Prisma.sql`AND ${reachedBySql(ctx.membershipId)}` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string; localId: string; preferredName: string | null; legalFirstName: string; legalLastName: string }[]>`
    SELECT s."id"::text AS "id", s."localId", s."preferredName", s."legalFirstName", s."legalLastName"
    FROM "Student" s
    WHERE s."districtId" = ${ctx.districtId}::uuid AND s."schoolId" = ${schoolId}::uuid AND s."archivedAt" IS NULL ${reach}`;
  return rows.sort(byStudentName).map((s) => ({ id: s.id, ...studentNames(s), localId: s.localId }));
}
export type PlannableStudent = Awaited<ReturnType<typeof plannableStudentsIn>>[number];

/** Open schools where the user may write plans: their schools, or for specialists the schools of the students they reach. */
async function plannableSchoolsIn(tx: Tx, ctx: Ctx) {
  if (!writesForCaseload(ctx)) return schoolOptionsIn(tx, ctx);
  return tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT sc."id"::text AS "id", sc."name" FROM "School" sc
    WHERE sc."districtId" = ${ctx.districtId}::uuid AND sc."archivedAt" IS NULL AND EXISTS (
      SELECT 1 FROM "Student" s
      WHERE s."districtId" = sc."districtId" AND s."schoolId" = sc."id" AND s."archivedAt" IS NULL AND ${reachedBySql(ctx.membershipId)}
    )
    ORDER BY sc."name"`;
}

const firstOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /plans/new: the school (chosen, the one student's, or the only one), then
 * the students the user may plan for there, the library and the staff who
 * may deliver. ?student= preselects a student (404 outside the user's reach).
 */
export async function getNewPlanForm(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "plan.write", PLAN_TARGET);
  const unverifiedStudentId = firstOf(params.student);
  const found = await withTenant(ctx.districtId, async (tx) => {
    let preselected: string[] = [];
    let schoolId = firstOf(params.school);
    if (unverifiedStudentId) {
      const id = z.uuid().safeParse(unverifiedStudentId);
      const student = id.success ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId, archivedAt: null }, select: { id: true, schoolId: true } }) : null;
      if (!student || !can(ctx, "plan.write", await studentReach(tx, ctx, student))) return { denied: student?.id ?? null };
      preselected = [student.id];
      schoolId = student.schoolId;
    }
    const schools = await plannableSchoolsIn(tx, ctx);
    const school = schools.find((s) => s.id === schoolId) ?? (schools.length === 1 ? schools[0]! : null);
    if (!school) return { schools, school: null } as const;
    return {
      schools,
      school,
      students: await plannableStudentsIn(tx, ctx, school.id),
      preselected,
      interventions: await libraryOptionsIn(tx, ctx.districtId),
      interventionists: await interventionistChoicesIn(tx, ctx.districtId, school.id),
    } as const;
  });
  if ("denied" in found) {
    return pageNotFound(ctx, "plan.write", { entityType: "Student", entityId: unverifiedStudentId?.slice(0, 64), studentId: found.denied });
  }
  return found;
}

/** The library's choices, and the plan's own intervention when it has been retired since (the plan may keep it). */
const withCurrent = (library: InterventionChoice[], current: InterventionChoice | null) =>
  current && !library.some((i) => i.id === current.id) ? [...library, current] : library;

/** /plans/[planId]/edit: the plan as the form needs it, with the choices (an ended plan comes without them). */
export async function getPlanForEdit(ctx: Ctx, unverifiedPlanId: string) {
  return withPlanPage(ctx, "plan.write", unverifiedPlanId, async (tx, plan) => {
    await auditPlan(tx, ctx, plan.id, studentIdsOf(plan), "view", { page: "plan edit" });
    const phase = await tx.planPhase.findFirst({ where: { districtId: ctx.districtId, planId: plan.id }, orderBy: { number: "desc" }, select: { startDate: true } });
    const open = isOpen(plan.status);
    return {
      plan: {
        id: plan.id,
        version: plan.version,
        status: plan.status,
        area: plan.area,
        schoolName: plan.school.name,
        interventionId: plan.interventionId,
        customIntervention: plan.customIntervention,
        minutesPerSession: plan.minutesPerSession,
        sessionsPerWeek: plan.sessionsPerWeek,
        groupSize: plan.groupSize,
        scheduleDays: plan.scheduleDays,
        scheduleTime: plan.scheduleTime,
        startDate: toIsoDay(plan.startDate),
        reviewDate: toIsoDay(plan.reviewDate),
        notes: plan.notes,
        students: studentsOf(plan),
        interventionistIds: plan.interventionists.map((i) => i.membershipId),
        /** The start of the phase in force: a new phase cannot start before it. */
        phaseStart: toIsoDay(phase?.startDate ?? plan.startDate),
      },
      interventions: open ? await libraryOptionsIn(tx, ctx.districtId).then((library) => withCurrent(library, plan.intervention)) : [],
      interventionists: open ? await interventionistChoicesIn(tx, ctx.districtId, plan.schoolId) : [],
    };
  });
}

// ---------------------------------------------------------------------------
// One plan's page.

/**
 * /plans/[planId]: everything about the plan the user may see, and what they
 * may do with it. Those who see only the plans they deliver (assistants) get
 * the students, intervention and components, dosage, schedule and goals, not
 * the notes, history or phases. Writes a `view` audit event per student.
 */
export async function getPlanPage(ctx: Ctx, unverifiedPlanId: string) {
  return withPlanPage(ctx, "plan.view", unverifiedPlanId, async (tx, plan) => {
    await auditPlan(tx, ctx, plan.id, studentIdsOf(plan), "view", { page: "plan" });
    const deliveryOnly = scopeOf(ctx.role, "plan.view") === "caseload";
    const mayWrite = can(ctx, "plan.write", await planReach(tx, ctx, "plan.write", plan));
    const mayApprove = can(ctx, "plan.approve", { districtId: ctx.districtId, schoolId: plan.schoolId });
    const goals = (await goalsForPlansIn(tx, ctx.districtId, [plan.id], { includeArchived: !deliveryOnly })).get(plan.id) ?? [];
    // The phases and the history in one statement (relation joins).
    const { phases, events } = deliveryOnly
      ? { phases: [], events: [] }
      : await tx.interventionPlan.findUniqueOrThrow({
          where: { districtId_id: { districtId: ctx.districtId, id: plan.id } },
          select: {
            phases: {
              orderBy: { number: "asc" },
              select: { id: true, number: true, startDate: true, customIntervention: true, minutesPerSession: true, sessionsPerWeek: true, groupSize: true, interventionistNames: true, change: true, intervention: { select: { name: true } } },
            },
            events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, comment: true, actorUserId: true, createdAt: true } },
          },
        });
    const userIds = [plan.createdByUserId, plan.approvedByUserId, ...events.map((e) => e.actorUserId)].filter((id): id is string => Boolean(id));
    const users = await tx.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, name: true } });
    const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
    const open = isOpen(plan.status);
    const measures = mayWrite && open ? await measureChoicesIn(tx, ctx.districtId, plan.interventionId, plan.area) : [];
    const accommodations = await accommodationsToHonourIn(tx, ctx, plan.students.map((s) => s.student));
    // Every role's session.view reaches at least the plans its plan.view does.
    const viewSessions = can(ctx, "session.view", { districtId: ctx.districtId });
    const dosage = viewSessions && plan.status !== "DRAFT" ? ((await planDosageIn(tx, ctx.districtId, [briefOf(plan)])).get(plan.id) ?? null) : null;
    return {
      plan: {
        id: plan.id,
        version: plan.version,
        status: plan.status,
        area: plan.area,
        schoolName: plan.school.name,
        interventionName: planTitleOf(plan),
        intervention: plan.intervention,
        minutesPerSession: plan.minutesPerSession,
        sessionsPerWeek: plan.sessionsPerWeek,
        groupSize: plan.groupSize,
        scheduleDays: plan.scheduleDays,
        scheduleTime: plan.scheduleTime,
        startDate: toIsoDay(plan.startDate),
        reviewDate: toIsoDay(plan.reviewDate),
        endDate: plan.endDate ? toIsoDay(plan.endDate) : null,
        submittedAt: plan.submittedAt,
        approvedAt: plan.approvedAt,
        approvedByName: nameOf(plan.approvedByUserId),
        createdByName: nameOf(plan.createdByUserId),
        returnComment: deliveryOnly ? null : plan.returnComment,
        statusReason: deliveryOnly ? null : plan.statusReason,
        notes: deliveryOnly ? null : plan.notes,
        students: studentsOf(plan),
        /** The students' first names and grades, for planFitProblems. */
        fitStudents: fitStudentsOf(plan),
        interventionists: interventionistsOf(plan),
      },
      goals,
      /** The goal forms' measures (for those who may add goals). */
      measures,
      /** The current accommodations of the students the user may see them for, by student id. */
      accommodations,
      phases: phases.map((p) => ({
        id: p.id,
        number: p.number,
        startDate: toIsoDay(p.startDate),
        interventionName: planTitleOf(p),
        minutesPerSession: p.minutesPerSession,
        sessionsPerWeek: p.sessionsPerWeek,
        groupSize: p.groupSize,
        interventionistNames: p.interventionistNames,
        change: p.change,
      })),
      events: events.map((e) => ({ id: e.id, kind: e.kind, comment: e.comment, actorName: nameOf(e.actorUserId), createdAt: e.createdAt })),
      deliveryOnly,
      /** Planned vs delivered dosage and fidelity, once the plan has started, for those who see sessions. */
      dosage,
      may: {
        edit: mayWrite && open,
        writeGoals: mayWrite && open,
        submit: mayWrite && plan.status === "DRAFT" && !plan.submittedAt,
        decide: mayApprove && plan.status === "DRAFT" && Boolean(plan.submittedAt),
        end: mayWrite && plan.status === "ACTIVE",
        viewLibrary: can(ctx, "intervention.view", { districtId: ctx.districtId }),
        viewSessions,
        // Caseload-scoped probe entry needs the students in reach: those who deliver or may write the plan have them all.
        enterProbes:
          open &&
          goals.some((g) => !g.archived) &&
          (scopeOf(ctx.role, "probe.enter") === "caseload"
            ? mayWrite || plan.interventionists.some((i) => i.membership.userId === ctx.userId)
            : can(ctx, "probe.enter", { districtId: ctx.districtId, schoolId: plan.schoolId })),
      },
    };
  });
}
export type PlanPage = Awaited<ReturnType<typeof getPlanPage>>;

/**
 * The page that edits one current goal of an open plan (/goals/[id]/edit):
 * plan.write on the plan, as for the plan page's forms; 404 with a denied
 * audit event otherwise. The plan page links here rather than carrying an
 * edit form for every goal (they were most of its weight). One view audit
 * event for the goal's student.
 */
export async function getGoalEditPage(ctx: Ctx, unverifiedGoalId: string) {
  await authorizePage(ctx, "plan.write", PLAN_TARGET);
  const target = { entityType: "Goal", entityId: unverifiedGoalId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedGoalId);
  try {
    return await withTenant(ctx.districtId, async (tx) => {
      const found = id.success ? await tx.goal.findFirst({ where: { id: id.data, districtId: ctx.districtId, archivedAt: null }, select: { planId: true } }) : null;
      if (!found) throw new DeniedError("plan.write", target);
      const plan = await findPlanFor(tx, ctx, "plan.write", found.planId);
      const goal = (await goalsForPlansIn(tx, ctx.districtId, [plan.id])).get(plan.id)?.find((g) => g.id === id.data);
      if (!goal || !isOpen(plan.status)) throw new DeniedError("plan.write", target);
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Goal", entityId: goal.id, studentId: goal.studentId, detail: { page: "goal edit" } });
      return {
        plan: { id: plan.id, status: plan.status, startDate: toIsoDay(plan.startDate), title: planTitleOf(plan), students: studentsOf(plan).map((s) => ({ id: s.id, name: s.fullName })) },
        goal,
        measures: await measureChoicesIn(tx, ctx.districtId, plan.interventionId, plan.area),
      };
    });
  } catch (error) {
    if (error instanceof DeniedError) return pageNotFound(ctx, "plan.write", error.target);
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Lists of plans: the /plans page, the profile's section and the homes.

export interface PlanBrief {
  id: string;
  area: InterventionArea;
  status: PlanStatus;
  schoolName: string;
  interventionName: string;
  minutesPerSession: number;
  sessionsPerWeek: number;
  groupSize: number;
  scheduleDays: number[];
  scheduleTime: string | null;
  startDate: string;
  reviewDate: string;
  endDate: string | null;
  submittedAt: Date | null;
  returnComment: string | null;
  createdByName: string;
  /** When the plan was written (the student's history shows it for plans older than plan events). */
  createdAt: Date;
  /** In family-name order. */
  students: { id: string; name: string; fullName: string; goesBy: string | null }[];
  interventionists: string[];
}

/** SQL condition on `"InterventionPlan" p`: the membership is one of its interventionists. */
const deliversSql = (membershipId: string) => Prisma.sql`EXISTS (
  SELECT 1 FROM "PlanInterventionist" pi WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id" AND pi."membershipId" = ${membershipId}::uuid
)`;

type BriefRow = Omit<PlanBrief, "students"> & { students: { id: string; preferredName: string | null; legalFirstName: string; legalLastName: string }[] | null; interventionists: string[] | null; total: number };

/**
 * One page of plans matching `where` (a condition on `"InterventionPlan" p`),
 * with their students and interventionists, and how many match in all: one
 * statement (the total comes with the rows).
 */
async function planBriefsIn(tx: Tx, districtId: string, where: Prisma.Sql, opts: { orderBy: Prisma.Sql; page?: number; pageSize: number }) {
  const fetchPage = (page: number) => tx.$queryRaw<BriefRow[]>`
    SELECT p."id"::text AS "id", p."area"::text AS "area", p."status"::text AS "status", sc."name" AS "schoolName",
      coalesce(i."name", p."customIntervention") AS "interventionName",
      p."minutesPerSession", p."sessionsPerWeek", p."groupSize", p."scheduleDays", p."scheduleTime",
      to_char(p."startDate", 'YYYY-MM-DD') AS "startDate", to_char(p."reviewDate", 'YYYY-MM-DD') AS "reviewDate",
      to_char(p."endDate", 'YYYY-MM-DD') AS "endDate", p."submittedAt", p."returnComment", cu."name" AS "createdByName", p."createdAt",
      (SELECT json_agg(json_build_object('id', s."id", 'preferredName', s."preferredName", 'legalFirstName', s."legalFirstName", 'legalLastName', s."legalLastName"))
         FROM "PlanStudent" ps JOIN "Student" s ON s."districtId" = ps."districtId" AND s."id" = ps."studentId"
         WHERE ps."districtId" = p."districtId" AND ps."planId" = p."id") AS "students",
      (SELECT json_agg(u."name" ORDER BY u."name")
         FROM "PlanInterventionist" pi
         JOIN "Membership" m ON m."districtId" = pi."districtId" AND m."id" = pi."membershipId"
         JOIN "User" u ON u."id" = m."userId"
         WHERE pi."districtId" = p."districtId" AND pi."planId" = p."id") AS "interventionists",
      count(*) OVER ()::int AS "total"
    FROM "InterventionPlan" p
    JOIN "School" sc ON sc."districtId" = p."districtId" AND sc."id" = p."schoolId"
    JOIN "User" cu ON cu."id" = p."createdByUserId"
    LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
    WHERE p."districtId" = ${districtId}::uuid AND ${where}
    ORDER BY ${opts.orderBy}, p."id"
    LIMIT ${opts.pageSize} OFFSET ${(page - 1) * opts.pageSize}`;
  let page = Math.max(1, opts.page ?? 1);
  let rows = await fetchPage(page);
  if (rows.length === 0 && page > 1) {
    // Past the end (the list shrank, or a hand-made link): the last page.
    const total = Number((await fetchPage(1))[0]?.total ?? 0);
    page = Math.max(1, Math.ceil(total / opts.pageSize));
    rows = total ? await fetchPage(page) : [];
  }
  const total = Number(rows[0]?.total ?? 0);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / opts.pageSize)),
    rows: rows.map(
      (r): PlanBrief => ({
        id: r.id,
        area: r.area,
        status: r.status,
        schoolName: r.schoolName,
        interventionName: r.interventionName,
        minutesPerSession: r.minutesPerSession,
        sessionsPerWeek: r.sessionsPerWeek,
        groupSize: r.groupSize,
        scheduleDays: r.scheduleDays,
        scheduleTime: r.scheduleTime,
        startDate: r.startDate,
        reviewDate: r.reviewDate,
        endDate: r.endDate,
        submittedAt: r.submittedAt,
        returnComment: r.returnComment,
        createdByName: r.createdByName,
        createdAt: r.createdAt,
        students: (r.students ?? []).sort(byStudentName).map((s) => ({ id: s.id, ...studentNames(s) })),
        interventionists: r.interventionists ?? [],
      }),
    ),
  };
}

function statusSql(status: PlanListStatus): Prisma.Sql {
  if (status === "all") return Prisma.sql`TRUE`;
  if (status === "open") return Prisma.sql`p."status" IN ('DRAFT', 'ACTIVE')`;
  if (status === "awaiting") return Prisma.sql`p."status" = 'DRAFT' AND p."submittedAt" IS NOT NULL`;
  if (status === "overdue") return Prisma.sql`p."status" = 'ACTIVE' AND p."reviewDate" < ${todayIso()}::date`;
  return Prisma.sql`p."status" = ${status}::"PlanStatus"`;
}

/** /plans: the plans in the user's scope with the filters of the URL, soonest review first. */
export async function getPlanList(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "plan.view", PLAN_TARGET);
  const { values: query, notUnderstood } = readQuery(PLAN_LIST_QUERY, params);
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await schoolOptionsIn(tx, ctx);
    const where = Prisma.sql`${plansInReachSql(ctx, "plan.view")} AND ${statusSql(query.status)}
      ${query.area ? Prisma.sql`AND p."area" = ${query.area}::"InterventionArea"` : Prisma.empty}
      ${query.school ? Prisma.sql`AND p."schoolId" = ${query.school}::uuid` : Prisma.empty}`;
    const list = await planBriefsIn(tx, ctx.districtId, where, { orderBy: Prisma.sql`p."reviewDate"`, page: query.page, pageSize: PLAN_PAGE_SIZE });
    return { query, notUnderstood, schools, ...list, mayWrite: can(ctx, "plan.write", { districtId: ctx.districtId }) };
  });
}

export interface StudentPlan extends PlanBrief {
  /** This student's goals on the plan. */
  goals: GoalView[];
}

/**
 * A student's plans the user may view (open ones, then past ones; newest
 * first), each with this student's goals, for the profile. Two queries.
 */
export async function plansOfStudentIn(tx: Tx, ctx: Ctx, studentId: string): Promise<{ current: StudentPlan[]; past: StudentPlan[]; complete: boolean }> {
  const where = Prisma.sql`${plansInReachSql(ctx, "plan.view")}
    AND EXISTS (SELECT 1 FROM "PlanStudent" ps WHERE ps."districtId" = p."districtId" AND ps."planId" = p."id" AND ps."studentId" = ${studentId}::uuid)`;
  const { rows, total } = await planBriefsIn(tx, ctx.districtId, where, { orderBy: Prisma.sql`p."startDate" DESC`, pageSize: 100 });
  const goals = await goalsForPlansIn(tx, ctx.districtId, rows.map((r) => r.id));
  const plans = rows.map((r) => ({ ...r, goals: (goals.get(r.id) ?? []).filter((g) => g.studentId === studentId) }));
  // complete: every plan in reach is here (not cut at the 100 shown), so the history feed may take them as its own.
  return { current: plans.filter((p) => isOpen(p.status)), past: plans.filter((p) => !isOpen(p.status)), complete: rows.length === total };
}

/** How many plans a home lists by name. */
const HOME_PLAN_LIST = 10;
const homeList = (tx: Tx, ctx: Ctx, where: Prisma.Sql, orderBy: Prisma.Sql) => planBriefsIn(tx, ctx.districtId, where, { orderBy, pageSize: HOME_PLAN_LIST });
export type HomePlans = Awaited<ReturnType<typeof homeList>>;

/** Submitted drafts the user may approve, oldest request first. */
export function plansAwaitingApprovalIn(tx: Tx, ctx: Ctx) {
  return homeList(tx, ctx, Prisma.sql`p."status" = 'DRAFT' AND p."submittedAt" IS NOT NULL AND ${plansInReachSql(ctx, "plan.approve")}`, Prisma.sql`p."submittedAt"`);
}

/** Active plans past their review date that the user wrote, delivers or whose students are on their caseload. */
export function plansPastReviewIn(tx: Tx, ctx: Ctx) {
  const theirs = Prisma.sql`(p."createdByUserId" = ${ctx.userId}::uuid OR ${deliversSql(ctx.membershipId)} OR EXISTS (
    SELECT 1 FROM "PlanStudent" ps
    JOIN "CaseloadAssignment" ca ON ca."districtId" = ps."districtId" AND ca."studentId" = ps."studentId"
    WHERE ps."districtId" = p."districtId" AND ps."planId" = p."id" AND ca."membershipId" = ${ctx.membershipId}::uuid AND ca."endedAt" IS NULL
  ))`;
  const where = Prisma.sql`p."status" = 'ACTIVE' AND p."reviewDate" < ${todayIso()}::date AND ${plansInReachSql(ctx, "plan.view")} AND ${theirs}`;
  return homeList(tx, ctx, where, Prisma.sql`p."reviewDate"`);
}

/**
 * The user's drafts a coordinator sent back that they may still write (an
 * author who moved schools or lost the students sees neither the names nor
 * the comment), latest first.
 */
export function plansSentBackIn(tx: Tx, ctx: Ctx) {
  const where = Prisma.sql`p."status" = 'DRAFT' AND p."submittedAt" IS NULL AND p."returnComment" IS NOT NULL AND p."createdByUserId" = ${ctx.userId}::uuid
    AND ${plansInReachSql(ctx, "plan.write")}`;
  return homeList(tx, ctx, where, Prisma.sql`p."updatedAt" DESC`);
}

/** Active plans the user delivers, by start time. */
export function plansDeliveredIn(tx: Tx, ctx: Ctx) {
  return homeList(tx, ctx, Prisma.sql`p."status" = 'ACTIVE' AND ${deliversSql(ctx.membershipId)}`, Prisma.sql`p."scheduleTime" NULLS LAST, p."startDate"`);
}
