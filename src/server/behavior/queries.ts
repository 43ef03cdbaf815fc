import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { can, type Resource } from "@/domain/permissions";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { bigFive, incidentsPerWeek, ratePer100PerDay, ratePerDay, schoolDaysBetween, schoolYearStart, type IncidentFacts } from "@/domain/behavior";
import type { BehaviorSeverity } from "@/domain/behavior-codes";
import { Prisma, type IncidentStatus } from "@/generated/prisma/client";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { reachedBySql, studentReach } from "@/server/reach";
import { firstParam, pageKey, readQuery, type SearchParams } from "@/server/search-params";
import { todayIso } from "@/server/students/schemas";
import { visibleIncident } from "./access";
import { codesOf, type BehaviorCodeView } from "./codes";
import { studentPlansIn } from "./fba-queries";
import { OTHERS_INVOLVED_LABEL, timeOfMinute, type OthersInvolved } from "./schemas";

/** The administrator's code lists page. */
export async function getBehaviorCodesPage(ctx: Ctx) {
  await authorizePage(ctx, "behaviorCode.manage", { entityType: "BehaviorCode" });
  return withTenant(ctx.districtId, (tx) => codesOf(tx, ctx.districtId));
}

export interface StudentChoice {
  id: string;
  name: string;
  grade: string;
}

/**
 * The students a user is offered on the incident form: those they serve
 * (caseload or an open plan they deliver) at schools where they may record
 * incidents, and the student they came from. Others of their school are
 * reached from the student's profile ("Record an incident").
 */
async function studentChoicesIn(tx: Tx, ctx: Ctx, preselected: string | null): Promise<StudentChoice[]> {
  const schools = ctx.schoolIds.length ? Prisma.sql`AND s."schoolId" = ANY(${ctx.schoolIds}::uuid[])` : Prisma.empty;
  const extra = preselected ? Prisma.sql`OR s."id" = ${preselected}::uuid` : Prisma.empty;
  const rows = await tx.$queryRaw<{ id: string; first: string; preferred: string | null; last: string; grade: string }[]>`
    SELECT s."id"::text AS id, s."legalFirstName" AS first, s."preferredName" AS preferred, s."legalLastName" AS last, s."grade"::text AS grade
    FROM "Student" s
    WHERE s."districtId" = ${ctx.districtId}::uuid AND s."archivedAt" IS NULL ${schools}
      AND (${reachedBySql(ctx.membershipId)} ${extra})
    ORDER BY s."legalLastName", s."legalFirstName", s."id"
    LIMIT 200`;
  return rows.map((r) => ({ id: r.id, name: `${r.preferred ?? r.first} ${r.last}`, grade: r.grade }));
}

/** The phone form for a new incident: active codes, the students to choose from, a fresh report id. */
export async function getNewIncidentForm(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "incident.record", { entityType: "Incident" });
  const wanted = z.uuid().safeParse(firstParam(params.student));
  return withTenant(ctx.districtId, async (tx) => {
    let preselected: string | null = null;
    if (wanted.success) {
      const s = await tx.student.findFirst({ where: { id: wanted.data, districtId: ctx.districtId, archivedAt: null }, select: { id: true, schoolId: true } });
      if (s && can(ctx, "incident.record", await studentReach(tx, ctx, s))) preselected = s.id;
    }
    const students = await studentChoicesIn(tx, ctx, preselected);
    if (preselected) await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Student", entityId: preselected, studentId: preselected, detail: { page: "record incident" } });
    const codes = await codesOf(tx, ctx.districtId, { activeOnly: true });
    return { students, preselected, codes, reportId: randomUUID(), today: todayIso() };
  });
}

const labelsOf = (codes: Record<string, BehaviorCodeView[]>) => new Map(Object.values(codes).flat().map((c) => [c.id, c]));

/** One incident's page: its values, its history of corrections, and what the user may do. Viewing is audited. */
export async function getIncidentPage(ctx: Ctx, unverifiedIncidentId: string) {
  await authorizePage(ctx, "incident.view", { entityType: "Incident" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    let incident;
    try {
      incident = await visibleIncident(tx, ctx, unverifiedIncidentId);
    } catch (e) {
      if (e instanceof DeniedError) return { denied: e.target.studentId ?? null } as const;
      throw e;
    }
    const { row, may } = incident;
    const [student, people, codes, revisions] = await Promise.all([
      tx.student.findFirstOrThrow({ where: { id: row.studentId, districtId: ctx.districtId }, select: { id: true, legalFirstName: true, legalLastName: true, preferredName: true, school: { select: { name: true } } } }),
      tx.membership.findMany({ where: { districtId: ctx.districtId, userId: { in: [row.reportedByUserId, ...(row.reviewedByUserId ? [row.reviewedByUserId] : [])] } }, select: { userId: true, user: { select: { name: true } } } }),
      codesOf(tx, ctx.districtId),
      tx.incidentRevision.findMany({ where: { districtId: ctx.districtId, incidentId: row.id }, orderBy: { version: "desc" } }),
    ]);
    const changers = revisions.length
      ? await tx.membership.findMany({ where: { districtId: ctx.districtId, userId: { in: [...new Set(revisions.map((r) => r.changedByUserId))] } }, select: { userId: true, user: { select: { name: true } } } })
      : [];
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Incident", entityId: row.id, studentId: row.studentId });
    return { row, may, student, people: [...people, ...changers], codes, revisions };
  });
  if ("denied" in found) return pageNotFound(ctx, "incident.view", { entityType: "Incident", entityId: unverifiedIncidentId.slice(0, 64), studentId: found.denied });
  const { row, may, student, people, codes, revisions } = found;
  const nameOf = (userId: string | null) => (userId ? (people.find((p) => p.userId === userId)?.user.name ?? "A former staff member") : null);
  const labels = labelsOf(codes);
  const label = (id: string | null) => (id ? (labels.get(id)?.label ?? "—") : null);
  return {
    id: row.id,
    version: row.version,
    student: { id: student.id, name: `${student.preferredName ?? student.legalFirstName} ${student.legalLastName}`, schoolName: student.school.name },
    occurredOn: toIsoDay(row.occurredOn),
    occurredTime: timeOfMinute(row.occurredMinute),
    behaviorCodeId: row.behaviorCodeId,
    locationCodeId: row.locationCodeId,
    motivationCodeId: row.motivationCodeId,
    actionCodeId: row.actionCodeId,
    behavior: label(row.behaviorCodeId)!,
    severity: row.severity as BehaviorSeverity,
    location: label(row.locationCodeId)!,
    motivation: label(row.motivationCodeId),
    action: label(row.actionCodeId),
    othersInvolved: row.othersInvolved as OthersInvolved[],
    /** Undefined for those who may not read the notes (they may be about other students). */
    notes: may.notes ? row.notes : undefined,
    status: row.status,
    reportedBy: nameOf(row.reportedByUserId)!,
    reportedAt: row.createdAt,
    reviewedBy: nameOf(row.reviewedByUserId),
    reviewedAt: row.reviewedAt,
    reviewNote: may.notes ? row.reviewNote : undefined,
    archived: Boolean(row.archivedAt),
    revisions: revisions.map((r) => {
      const p = r.previous as Record<string, unknown>;
      return {
        version: r.version,
        changedBy: nameOf(r.changedByUserId)!,
        changedAt: r.createdAt,
        reason: may.notes ? r.reason : undefined,
        was: {
          occurredOn: String(p.occurredOn),
          occurredTime: String(p.occurredTime),
          behavior: label(p.behaviorCodeId as string),
          location: label(p.locationCodeId as string),
          motivation: label((p.motivationCodeId as string | null) ?? null),
          action: label((p.actionCodeId as string | null) ?? null),
          notes: may.notes ? ((p.notes as string | null) ?? null) : undefined,
        },
      };
    }),
    may,
    /** Active codes plus the ones this incident uses, for the correction form. */
    codes: Object.fromEntries(Object.entries(codes).map(([k, list]) => [k, list.filter((c) => !c.retired || [row.behaviorCodeId, row.locationCodeId, row.motivationCodeId, row.actionCodeId].includes(c.id))])) as typeof codes,
    today: todayIso(),
  };
}
export type IncidentPage = Awaited<ReturnType<typeof getIncidentPage>>;

export const REVIEW_PAGE_SIZE = 25;

export interface IncidentListRow {
  id: string;
  studentId: string;
  studentName: string;
  occurredOn: string;
  occurredTime: string;
  behavior: string;
  location: string;
  severity: BehaviorSeverity;
  status: IncidentStatus;
  reportedBy: string;
}

/**
 * Major incidents awaiting review at the user's schools (incident.review),
 * oldest first, one page at a time. Listing them is audited per student.
 */
export async function getReviewQueue(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "incident.review", { entityType: "Incident" });
  const { values: { page }, notUnderstood } = readQuery({ page: pageKey }, params);
  return withTenant(ctx.districtId, async (tx) => {
    const where: Prisma.IncidentWhereInput = { districtId: ctx.districtId, status: "AWAITING_REVIEW", archivedAt: null, ...(ctx.schoolIds.length ? { schoolId: { in: ctx.schoolIds } } : {}) };
    const [total, rows] = await Promise.all([
      tx.incident.count({ where }),
      tx.incident.findMany({
        where,
        orderBy: [{ occurredOn: "asc" }, { occurredMinute: "asc" }, { id: "asc" }],
        skip: (page - 1) * REVIEW_PAGE_SIZE,
        take: REVIEW_PAGE_SIZE,
        select: {
          id: true, studentId: true, occurredOn: true, occurredMinute: true, severity: true, status: true, reportedByUserId: true,
          student: { select: { legalFirstName: true, legalLastName: true, preferredName: true } },
          behavior: { select: { label: true } },
          location: { select: { label: true } },
        },
      }),
    ]);
    const reporters = await tx.membership.findMany({ where: { districtId: ctx.districtId, userId: { in: [...new Set(rows.map((r) => r.reportedByUserId))] } }, select: { userId: true, user: { select: { name: true } } } });
    await recordAudit(tx, ...rows.map((r) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "Incident", entityId: r.id, studentId: r.studentId, detail: { page: "incident review" } })));
    const list: IncidentListRow[] = rows.map((r) => ({
      id: r.id,
      studentId: r.studentId,
      studentName: `${r.student.preferredName ?? r.student.legalFirstName} ${r.student.legalLastName}`,
      occurredOn: toIsoDay(r.occurredOn),
      occurredTime: timeOfMinute(r.occurredMinute),
      behavior: r.behavior.label,
      location: r.location.label,
      severity: r.severity,
      status: r.status,
      reportedBy: reporters.find((p) => p.userId === r.reportedByUserId)?.user.name ?? "A former staff member",
    }));
    return { total, page, pages: Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE)), rows: list, notUnderstood };
  });
}

export const STUDENT_INCIDENTS_SHOWN = 20;

/**
 * A student's behaviour section for the profile: their incidents of the
 * school year so far (newest first, the latest STUDENT_INCIDENTS_SHOWN listed)
 * and what the user may do; null when the user may not see incidents of this
 * student. Its own transaction and `view` audit event, so the section moves
 * as one piece. The caller has authorized student.view (the profile).
 */
export async function getStudentBehavior(ctx: Ctx, studentId: string) {
  return withTenant(ctx.districtId, async (tx) => {
    const student = await tx.student.findFirst({ where: { id: studentId, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } });
    if (!student) return null;
    const found = await studentBehaviorIn(tx, ctx, student, await studentReach(tx, ctx, student));
    if (!found) return null;
    await recordAudit(tx, found.audit);
    return found.data;
  });
}

/**
 * The behaviour section of a student already read and reached in the
 * caller's transaction (the record reads it with the rest of the profile,
 * so the student and their reach are read once): the incidents of the school
 * year, the BIP, FBAs and daily card, or null for users who may not see the
 * student's incidents. The view's audit entry comes back for the caller to
 * write with its own (one insert per page).
 */
export async function studentBehaviorIn(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string; archivedAt: Date | null }, resource: Resource) {
  if (!can(ctx, "incident.view", resource)) return null;
  const access = { notes: can(ctx, "incident.viewNotes", resource), record: can(ctx, "incident.record", resource) };
  const since = schoolYearStart(todayIso());
  // The student's incidents of the year and the school's first day (firstSchoolDayIn), in one plain-SQL statement:
  // the record's behaviour view reads them on every visit (decision 050).
  const [read] = await tx.$queryRaw<{ firstDay: string | null; incidents: string }[]>`
    SELECT to_char((SELECT min(f."occurredOn") FROM "Incident" f
                    WHERE f."districtId" = ${ctx.districtId}::uuid AND f."schoolId" = ${student.schoolId}::uuid AND f."archivedAt" IS NULL AND f."occurredOn" >= ${since}::date), 'YYYY-MM-DD') AS "firstDay",
           coalesce((SELECT json_agg(json_build_object('id', i."id", 'occurredOn', to_char(i."occurredOn", 'YYYY-MM-DD'), 'occurredMinute', i."occurredMinute",
                                                       'severity', i."severity", 'status', i."status", 'othersInvolved', i."othersInvolved", 'reportedByUserId', i."reportedByUserId",
                                                       'notes', i."notes", 'behaviorCodeId', i."behaviorCodeId", 'locationCodeId', i."locationCodeId", 'motivationCodeId', i."motivationCodeId")
                                     ORDER BY i."occurredOn" DESC, i."occurredMinute" DESC, i."id" DESC)
                     FROM "Incident" i
                     WHERE i."districtId" = ${ctx.districtId}::uuid AND i."studentId" = ${student.id}::uuid AND i."archivedAt" IS NULL AND i."occurredOn" >= ${since}::date), '[]')::text AS "incidents"`;
  const rows = JSON.parse(read!.incidents) as {
    id: string;
    occurredOn: string;
    occurredMinute: number;
    severity: BehaviorSeverity;
    status: IncidentStatus;
    othersInvolved: string[];
    reportedByUserId: string;
    notes: string | null;
    behaviorCodeId: string;
    locationCodeId: string;
    motivationCodeId: string | null;
  }[];
  const codes = labelsOf(await codesOf(tx, ctx.districtId));
  const firstDay = read!.firstDay;
  const plans = await studentPlansIn(tx, ctx, student, resource);
  const audit: AuditEntry = { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "StudentBehavior", entityId: student.id, studentId: student.id, detail: { page: "behaviour section" } };
  const incidents = rows.map((r) => ({
    id: r.id,
    occurredOn: r.occurredOn,
    occurredMinute: r.occurredMinute,
    severity: r.severity,
    status: r.status,
    behaviorId: r.behaviorCodeId,
    behavior: codes.get(r.behaviorCodeId)?.label ?? "—",
    locationId: r.locationCodeId,
    location: codes.get(r.locationCodeId)?.label ?? "—",
    motivationId: r.motivationCodeId,
    motivation: r.motivationCodeId ? (codes.get(r.motivationCodeId)?.label ?? "—") : null,
    othersInvolved: r.othersInvolved as OthersInvolved[],
    // Notes only for those with the grant and for what the user reported.
    notes: access.notes || r.reportedByUserId === ctx.userId ? r.notes : undefined,
  }));
  return { data: { studentId: student.id, since, firstDay, today: todayIso(), incidents, mayRecord: access.record && !student.archivedAt, plans }, audit };
}
export type StudentBehavior = NonNullable<Awaited<ReturnType<typeof getStudentBehavior>>>;

type FactRow = { occurredOn: Date; occurredMinute: number; behaviorCodeId: string; locationCodeId: string; motivationCodeId: string | null; othersInvolved: string[] };

/** Incidents as the big five counts them, with code labels (retired codes keep theirs). */
function factsOf(rows: readonly FactRow[], labels: Map<string, BehaviorCodeView>): IncidentFacts[] {
  const codeOf = (id: string) => ({ key: id, label: labels.get(id)?.label ?? "Unknown code" });
  return rows.map((r) => ({
    occurredOn: toIsoDay(r.occurredOn),
    occurredMinute: r.occurredMinute,
    behavior: codeOf(r.behaviorCodeId),
    location: codeOf(r.locationCodeId),
    motivation: r.motivationCodeId ? codeOf(r.motivationCodeId) : null,
    othersInvolved: r.othersInvolved.map((o) => ({ key: o, label: OTHERS_INVOLVED_LABEL[o as OthersInvolved] ?? o })),
  }));
}

/**
 * The first school day of the year at a school, as far as the app knows it:
 * the day of its first incident this school year (the app has no school
 * calendar yet; docs/decisions/014). Null before any incident.
 */
async function firstSchoolDayIn(tx: Tx, districtId: string, schoolId: string, since: string): Promise<string | null> {
  const first = await tx.incident.aggregate({ where: { districtId, schoolId, archivedAt: null, occurredOn: { gte: dateOfDay(since) } }, _min: { occurredOn: true } });
  return first._min.occurredOn ? toIsoDay(first._min.occurredOn) : null;
}

/** A student's incidents of the year as the graph and the big five show them. */
export function studentSummaryOf(data: { incidents: readonly { occurredOn: string; occurredMinute: number; behaviorId: string; behavior: string; locationId: string; location: string; motivationId: string | null; motivation: string | null; othersInvolved: readonly OthersInvolved[] }[]; firstDay: string | null; today: string }) {
  const facts: IncidentFacts[] = data.incidents.map((i) => ({
    occurredOn: i.occurredOn,
    occurredMinute: i.occurredMinute,
    behavior: { key: i.behaviorId, label: i.behavior },
    location: { key: i.locationId, label: i.location },
    motivation: i.motivationId ? { key: i.motivationId, label: i.motivation! } : null,
    othersInvolved: i.othersInvolved.map((o) => ({ key: o, label: OTHERS_INVOLVED_LABEL[o] })),
  }));
  const from = data.firstDay ?? data.today;
  const days = schoolDaysBetween(from, data.today);
  return { five: bigFive(facts), weeks: incidentsPerWeek(facts.map((f) => f.occurredOn), from, data.today), schoolDays: days, perDay: ratePerDay(facts.length, days) };
}

/**
 * A school's behaviour overview for its coordinator or an administrator: the
 * big five of the school year so far, incidents per week, and the rate per
 * 100 students per school day. One school at a time (the user's first unless
 * chosen). Aggregate only, no student named; viewing is audited.
 */
export async function getBehaviorOverview(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "behavior.overview", { entityType: "School" });
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await tx.school.findMany({
      where: { districtId: ctx.districtId, archivedAt: null, ...(ctx.schoolIds.length ? { id: { in: ctx.schoolIds } } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    });
    const wanted = firstParam(params.school);
    const school = schools.find((s) => s.id === wanted) ?? schools[0] ?? null;
    // A school that is not one of the user's is named on the page (issue 21), not silently replaced.
    const notUnderstood = wanted?.trim() && school?.id !== wanted ? ["school"] : [];
    if (!school) return { schools, school: null, notUnderstood } as const;
    const today = todayIso();
    const since = schoolYearStart(today);
    const [rows, students, firstDay, codes] = await Promise.all([
      tx.incident.findMany({
        where: { districtId: ctx.districtId, schoolId: school.id, archivedAt: null, occurredOn: { gte: dateOfDay(since) } },
        select: { occurredOn: true, occurredMinute: true, severity: true, behaviorCodeId: true, locationCodeId: true, motivationCodeId: true, othersInvolved: true },
      }),
      tx.student.count({ where: { districtId: ctx.districtId, schoolId: school.id, archivedAt: null } }),
      firstSchoolDayIn(tx, ctx.districtId, school.id, since),
      codesOf(tx, ctx.districtId),
    ]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "SchoolBehavior", entityId: school.id, detail: { page: "behaviour overview" } });
    const facts = factsOf(rows, labelsOf(codes));
    const from = firstDay ?? today;
    const schoolDays = schoolDaysBetween(from, today);
    const majors = rows.filter((r) => r.severity === "MAJOR").length;
    return {
      schools,
      school,
      notUnderstood,
      since: from,
      today,
      students,
      schoolDays,
      majors,
      minors: rows.length - majors,
      rate: ratePer100PerDay(rows.length, students, schoolDays),
      majorRate: ratePer100PerDay(majors, students, schoolDays),
      five: bigFive(facts),
      weeks: incidentsPerWeek(facts.map((f) => f.occurredOn), from, today),
    } as const;
  });
}
