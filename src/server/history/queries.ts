import "server-only";
import { z } from "zod";
import { toIsoDay } from "@/domain/goals";
import {
  filterHistory,
  pageOfHistory,
  sortHistory,
  weeklyProbeEntries,
  weeklySessionEntries,
  type HistoryEntry,
  type HistoryPage,
  type ProbeFact,
  type SessionFact,
} from "@/domain/history";
import { formatValue } from "@/domain/measures";
import { can, type Resource } from "@/domain/permissions";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { CASE_ROLE_LABEL, type CaseRole } from "@/server/caseloads/schemas";
import { withTenant, type Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import { plansInReachSql, studentReach } from "@/server/reach";
import { AREA_LABEL, TIER_LABEL, type InterventionArea, type TierLevel } from "@/server/tiers/schemas";
import { CONTACT_METHOD_PHRASE, type ContactMethod } from "@/server/guardian-contacts/schemas";
import { recordHref } from "@/server/students/record-sections";
import { HISTORY_PAGE_SIZE, parseHistoryQuery, type THistoryQuery } from "./schemas";

const PLAN_EVENT_TITLE: Record<string, string> = {
  CREATED: "Plan written",
  SUBMITTED: "Plan submitted for approval",
  RETURNED: "Plan sent back for changes",
  APPROVED: "Plan approved",
  CHANGED: "Plan changed (new phase)",
  COMPLETED: "Plan completed",
  DISCONTINUED: "Plan discontinued",
};

const ACCOMMODATION_SOURCE_LABEL: Record<string, string> = { IEP: "IEP", SECTION_504: "504 plan", OTHER: "other" };

interface PlanRow {
  id: string;
  title: string;
  area: InterventionArea;
  createdAt: Date;
  createdBy: string;
}

type TierRow = { id: string; area: InterventionArea; tier: TierLevel; effectiveDate: string; reason: string; decidedByName: string };
type CaseloadRow = { id: string; role: CaseRole; startedAt: Date; endedAt: Date | null; staffName: string; assignedBy: string | null; endedBy: string | null };

/**
 * Sources of the feed the caller has already read in the same transaction,
 * with the same rows the feed would read (the student record reads them for
 * the case at a glance: decision 050). The feed still takes each only under
 * its own grant; what is not given, it reads.
 */
export interface KnownHistorySources {
  /** Every tier decision of the student (tiersOf's history). */
  tiers?: readonly TierRow[];
  /** Every plan of the student that plansInReachSql(ctx, "plan.view") lets the user view. */
  plans?: readonly PlanRow[];
  /** Every caseload assignment of the student, with the names of the staff member and of who assigned and ended it. */
  caseload?: readonly CaseloadRow[];
}

/**
 * Everything in a student's history the user may see, as feed entries (not
 * yet sorted or paged). Each source is read only under its own grant, with the
 * same reach as the rest of the app: tier decisions (tier.view), plans, their
 * events and goals (plan.view, the plans plansInReachSql lets the user view:
 * an assistant sees only the open plans they deliver), probes of those goals
 * (probe.view), sessions of those plans (session.view), accommodations
 * (accommodation.view; where they come from, IEP or 504, only with the
 * sensitive fields) and caseload changes (caseload.view).
 *
 * A fixed number of statements whatever the history's length (one per
 * source, all on (districtId, studentId) or (districtId, planId) indexes): a
 * student with two years of weekly probes and four sessions a week has about
 * 600 rows here, which the weekly grouping folds into about 200 entries.
 */
export async function historyEntriesIn(tx: Tx, ctx: Ctx, student: { id: string }, resource: Resource, sensitive: boolean, known: KnownHistorySources = {}): Promise<HistoryEntry[]> {
  const d = ctx.districtId;
  const studentId = student.id;
  const out: HistoryEntry[] = [];

  if (can(ctx, "tier.view", resource)) {
    const tiers =
      known.tiers ??
      (await tx.$queryRaw<TierRow[]>`
        SELECT t."id"::text AS "id", t."area"::text AS "area", t."tier"::text AS "tier", to_char(t."effectiveDate", 'YYYY-MM-DD') AS "effectiveDate",
               t."reason", u."name" AS "decidedByName"
        FROM "StudentTier" t JOIN "User" u ON u."id" = t."decidedByUserId"
        WHERE t."districtId" = ${d}::uuid AND t."studentId" = ${studentId}::uuid`);
    for (const t of tiers) {
      out.push({
        key: `tier:${t.id}`,
        kind: "tier",
        at: t.effectiveDate,
        day: t.effectiveDate,
        title: `${AREA_LABEL[t.area]}: ${TIER_LABEL[t.tier]}`,
        detail: t.reason,
        who: [t.decidedByName],
        href: recordHref(studentId, "tiers"),
      });
    }
  }

  const plans = !can(ctx, "plan.view", resource)
    ? []
    : (known.plans ??
      (await tx.$queryRaw<PlanRow[]>`
        SELECT p."id"::text AS "id", coalesce(i."name", p."customIntervention", 'Intervention') AS "title", p."area"::text AS "area",
               p."createdAt", u."name" AS "createdBy"
        FROM "InterventionPlan" p
        JOIN "PlanStudent" ps ON ps."districtId" = p."districtId" AND ps."planId" = p."id" AND ps."studentId" = ${studentId}::uuid
        JOIN "User" u ON u."id" = p."createdByUserId"
        LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
        WHERE p."districtId" = ${d}::uuid AND ${plansInReachSql(ctx, "plan.view")}`));
  const planIds = plans.map((p) => p.id);
  const planById = new Map(plans.map((p) => [p.id, p]));

  if (planIds.length) {
    const events = await tx.$queryRaw<{ id: string; planId: string; kind: string; comment: string | null; createdAt: Date; by: string }[]>`
      SELECT e."id"::text AS "id", e."planId"::text AS "planId", e."kind"::text AS "kind", e."comment", e."createdAt", u."name" AS "by"
      FROM "PlanEvent" e JOIN "User" u ON u."id" = e."actorUserId"
      WHERE e."districtId" = ${d}::uuid AND e."planId" = ANY(${planIds}::uuid[])`;
    const created = new Set(events.filter((e) => e.kind === "CREATED").map((e) => e.planId));
    for (const p of plans) {
      // Plans made before plan events were kept have no CREATED event: the plan row says when and by whom.
      if (created.has(p.id)) continue;
      out.push({ key: `plan:${p.id}`, kind: "plan", at: p.createdAt.toISOString(), day: toIsoDay(p.createdAt), title: `Plan written: ${p.title}`, detail: `${AREA_LABEL[p.area]}.`, who: [p.createdBy], href: `/plans/${p.id}` });
    }
    for (const e of events) {
      const plan = planById.get(e.planId)!;
      out.push({
        key: `plan-event:${e.id}`,
        kind: "plan",
        at: e.createdAt.toISOString(),
        day: toIsoDay(e.createdAt),
        title: `${PLAN_EVENT_TITLE[e.kind] ?? "Plan updated"}: ${plan.title}`,
        detail: e.comment ?? undefined,
        who: [e.by],
        href: `/plans/${e.planId}`,
      });
    }

    const goals = await tx.$queryRaw<
      { id: string; planId: string; createdAt: Date; by: string; baselineValue: number; targetValue: number; targetDate: string; key: string; name: string; unit: string; direction: "HIGHER" | "LOWER"; minValue: number | null; maxValue: number | null; decimals: number; rateDecimals: number | null; phrase: string; lessWord: string | null; moreWord: string | null }[]
    >`
      SELECT g."id"::text AS "id", g."planId"::text AS "planId", g."createdAt", u."name" AS "by", g."baselineValue", g."targetValue",
             to_char(g."targetDate", 'YYYY-MM-DD') AS "targetDate",
             m."key", m."name", m."unit", m."direction"::text AS "direction", m."minValue", m."maxValue", m."decimals", m."rateDecimals", m."phrase", m."lessWord", m."moreWord"
      FROM "Goal" g JOIN "User" u ON u."id" = g."createdByUserId" JOIN "Measure" m ON m."districtId" = g."districtId" AND m."id" = g."measureId"
      WHERE g."districtId" = ${d}::uuid AND g."studentId" = ${studentId}::uuid AND g."planId" = ANY(${planIds}::uuid[])`;
    const measures = new Map(goals.map((g) => [g.id, measureOf(g)]));
    const goalIds = goals.map((g) => g.id);
    // Goal and probe changes are kept as audit events (who and which fields, never values): the feed reads them from there.
    const changes = goalIds.length
      ? await tx.$queryRaw<{ entityType: string; entityId: string; createdAt: Date; by: string | null; fields: string | null }[]>`
          SELECT a."entityType", a."entityId", a."createdAt", u."name" AS "by", a."detail"->'fields' #>> '{}' AS "fields"
          FROM "AuditEvent" a LEFT JOIN "User" u ON u."id" = a."actorUserId"
          WHERE a."districtId" = ${d}::uuid AND a."studentId" = ${studentId}::uuid AND a."action" = 'update' AND a."entityType" IN ('Goal', 'Probe')`
      : [];
    for (const g of goals) {
      const m = measures.get(g.id)!;
      out.push({
        key: `goal:${g.id}`,
        kind: "goal",
        at: g.createdAt.toISOString(),
        day: toIsoDay(g.createdAt),
        title: `Goal set: ${m.name}`,
        detail: `From ${formatValue(m, g.baselineValue)} to ${formatValue(m, g.targetValue)} by ${g.targetDate}.`,
        who: [g.by],
        href: `/goals/${g.id}`,
      });
    }
    const goalIdSet = new Set(goalIds);
    for (const [i, c] of changes.filter((c) => c.entityType === "Goal" && goalIdSet.has(c.entityId)).entries()) {
      const m = measures.get(c.entityId)!;
      const fields = fieldsOf(c.fields);
      out.push({
        key: `goal-change:${c.entityId}:${i}`,
        kind: "goal",
        at: c.createdAt.toISOString(),
        day: toIsoDay(c.createdAt),
        title: `Goal changed: ${m.name}`,
        detail: fields.length ? `Changed: ${fields.map(goalFieldLabel).join(", ")}.` : undefined,
        who: c.by ? [c.by] : [],
        href: `/goals/${c.entityId}`,
      });
    }

    if (goalIds.length && can(ctx, "probe.view", resource)) {
      const probes = await tx.$queryRaw<{ id: string; goalId: string; date: string; score: number; by: string; invalidatedAt: Date | null; invalidReason: string | null }[]>`
        SELECT pr."id"::text AS "id", pr."goalId"::text AS "goalId", to_char(pr."date", 'YYYY-MM-DD') AS "date", pr."score", u."name" AS "by",
               pr."invalidatedAt", pr."invalidReason"
        FROM "Probe" pr JOIN "User" u ON u."id" = pr."givenByUserId"
        WHERE pr."districtId" = ${d}::uuid AND pr."goalId" = ANY(${goalIds}::uuid[])`;
      const facts: ProbeFact[] = probes.map((p) => {
        const m = measures.get(p.goalId)!;
        return { id: p.id, date: p.date, goalId: p.goalId, measureName: m.name, scoreText: formatValue(m, p.score), givenBy: p.by, valid: !p.invalidatedAt };
      });
      out.push(...weeklyProbeEntries(facts));
      const invalidatedBy = new Map(changes.filter((c) => c.entityType === "Probe" && fieldsOf(c.fields).includes("invalidatedAt") && c.by).map((c) => [c.entityId, c.by!]));
      for (const p of probes) {
        if (!p.invalidatedAt) continue;
        const m = measures.get(p.goalId)!;
        const by = invalidatedBy.get(p.id);
        out.push({
          key: `probe-invalid:${p.id}`,
          kind: "probe",
          at: p.invalidatedAt.toISOString(),
          day: toIsoDay(p.invalidatedAt),
          title: `Probe marked invalid: ${m.name} ${formatValue(m, p.score)} of ${p.date}`,
          detail: p.invalidReason ?? undefined,
          who: by ? [by] : [],
          href: `/goals/${p.goalId}`,
        });
      }
    }

    if (can(ctx, "session.view", resource)) {
      const sessions = await tx.$queryRaw<{ id: string; planId: string; date: string; status: SessionFact["status"]; minutes: number | null; attendance: SessionFact["attendance"]; attendedMinutes: number | null; by: string }[]>`
        SELECT s."id"::text AS "id", s."planId"::text AS "planId", to_char(s."date", 'YYYY-MM-DD') AS "date", s."status"::text AS "status", s."minutes",
               a."status"::text AS "attendance", a."minutes" AS "attendedMinutes", u."name" AS "by"
        FROM "InterventionSession" s
        JOIN "User" u ON u."id" = s."loggedByUserId"
        LEFT JOIN "SessionAttendance" a ON a."districtId" = s."districtId" AND a."sessionId" = s."id" AND a."studentId" = ${studentId}::uuid
        WHERE s."districtId" = ${d}::uuid AND s."planId" = ANY(${planIds}::uuid[])`;
      out.push(
        ...weeklySessionEntries(
          sessions.map((s) => ({
            id: s.id,
            date: s.date,
            planId: s.planId,
            planTitle: planById.get(s.planId)!.title,
            status: s.status,
            attendance: s.attendance,
            minutes: s.status === "HELD" && s.attendance !== "ABSENT" && s.attendance !== null ? (s.attendedMinutes ?? s.minutes ?? 0) : 0,
            loggedBy: s.by,
          })),
        ),
      );
    }
  }

  if (can(ctx, "accommodation.view", resource)) {
    const rows = await tx.$queryRaw<{ id: string; description: string; source: string; startDate: string; endDate: string | null; by: string }[]>`
      SELECT a."id"::text AS "id", a."description", a."source"::text AS "source", to_char(a."startDate", 'YYYY-MM-DD') AS "startDate",
             to_char(a."endDate", 'YYYY-MM-DD') AS "endDate", u."name" AS "by"
      FROM "StudentAccommodation" a JOIN "User" u ON u."id" = a."createdByUserId"
      WHERE a."districtId" = ${d}::uuid AND a."studentId" = ${studentId}::uuid AND a."archivedAt" IS NULL`;
    for (const a of rows) {
      // Where an accommodation comes from (an IEP, a 504 plan) is disability information: only with the sensitive fields.
      const source = sensitive ? ` (from the ${ACCOMMODATION_SOURCE_LABEL[a.source] ?? "plan"})` : "";
      out.push({ key: `accommodation:${a.id}`, kind: "accommodation", at: a.startDate, day: a.startDate, title: `Accommodation starts: ${a.description}${source}`, who: [a.by], href: recordHref(studentId, "accommodations") });
      if (a.endDate) out.push({ key: `accommodation-end:${a.id}`, kind: "accommodation", at: a.endDate, day: a.endDate, title: `Accommodation ends: ${a.description}`, who: [a.by], href: recordHref(studentId, "accommodations") });
    }
  }

  if (can(ctx, "caseload.view", resource)) {
    const rows =
      known.caseload ??
      (await tx.$queryRaw<CaseloadRow[]>`
      SELECT ca."id"::text AS "id", ca."role"::text AS "role", ca."startedAt", ca."endedAt", su."name" AS "staffName", au."name" AS "assignedBy", eu."name" AS "endedBy"
      FROM "CaseloadAssignment" ca
      JOIN "Membership" m ON m."districtId" = ca."districtId" AND m."id" = ca."membershipId"
      JOIN "User" su ON su."id" = m."userId"
      LEFT JOIN "User" au ON au."id" = ca."assignedByUserId"
      LEFT JOIN "User" eu ON eu."id" = ca."endedByUserId"
      WHERE ca."districtId" = ${d}::uuid AND ca."studentId" = ${studentId}::uuid`);
    for (const c of rows) {
      const role = CASE_ROLE_LABEL[c.role].toLowerCase();
      out.push({ key: `caseload:${c.id}`, kind: "caseload", at: c.startedAt.toISOString(), day: toIsoDay(c.startedAt), title: `${c.staffName} joins the case as ${role}`, who: c.assignedBy ? [c.assignedBy] : [], href: recordHref(studentId, "caseload") });
      if (c.endedAt) {
        out.push({ key: `caseload-end:${c.id}`, kind: "caseload", at: c.endedAt.toISOString(), day: toIsoDay(c.endedAt), title: `${c.staffName} leaves the case (${role})`, who: c.endedBy ? [c.endedBy] : [], href: recordHref(studentId, "caseload") });
      }
    }
  }

  // Contacts with the family: sensitive, so only under their own grant (decision 031); the purpose, not what was said.
  if (can(ctx, "guardianContact.view", resource)) {
    const rows = await tx.$queryRaw<{ id: string; contactedOn: string; method: ContactMethod; guardianName: string; guardianRelationship: string; interpreterUsed: boolean; purpose: string; by: string }[]>`
      SELECT gc."id"::text AS "id", to_char(gc."contactedOn", 'YYYY-MM-DD') AS "contactedOn", gc."method"::text AS "method", gc."guardianName", gc."guardianRelationship",
             gc."interpreterUsed", gc."purpose", u."name" AS "by"
      FROM "GuardianContact" gc JOIN "User" u ON u."id" = gc."createdByUserId"
      WHERE gc."districtId" = ${d}::uuid AND gc."studentId" = ${studentId}::uuid`;
    for (const c of rows) {
      out.push({
        key: `family:${c.id}`,
        kind: "family",
        at: c.contactedOn,
        day: c.contactedOn,
        title: `${CONTACT_METHOD_PHRASE[c.method]} with ${c.guardianName} (${c.guardianRelationship})${c.interpreterUsed ? ", with an interpreter" : ""}`,
        detail: c.purpose,
        who: [c.by],
        href: recordHref(studentId, "family-contacts"),
      });
    }
  }
  return out;
}

const GOAL_FIELD_LABEL: Record<string, string> = {
  baselineValue: "baseline",
  baselineDate: "baseline date",
  baselineScores: "baseline probes",
  baselineDates: "baseline probe dates",
  targetValue: "target",
  targetDate: "target date",
  measureId: "measure",
  archivedAt: "archived",
};
const goalFieldLabel = (f: string) => GOAL_FIELD_LABEL[f] ?? f;

function fieldsOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/** A page of a student's feed, filtered, newest first (the caller has the entries the user may see). */
export function historyPageOf(entries: readonly HistoryEntry[], query: THistoryQuery, pageSize = HISTORY_PAGE_SIZE): HistoryPage {
  return pageOfHistory(sortHistory(filterHistory(entries, { kinds: query.kind, from: query.from, to: query.to })), query.page, pageSize);
}

/**
 * The /students/[id]/history page: the student's feed with the filters of the
 * query string, or 404 with a denied audit event. A refused filter (unknown
 * kind or key, a date that is not one, from after to) shows its messages and
 * no entries. Viewing writes a `view` audit event.
 */
export async function getStudentHistory(ctx: Ctx, unverifiedStudentId: string, params: Record<string, string | string[] | undefined>) {
  await authorizePage(ctx, "student.view", { entityType: "Student" });
  const id = z.uuid().safeParse(unverifiedStudentId);
  const parsed = parseHistoryQuery(params);
  const found = id.success
    ? await withTenant(ctx.districtId, async (tx) => {
        const student = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, ...STUDENT_NAME_SELECT } });
        if (!student) return null;
        const resource = await studentReach(tx, ctx, student);
        if (!can(ctx, "student.view", resource)) return { denied: student.id } as const;
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Student", entityId: student.id, studentId: student.id, detail: { page: "history" } });
        const entries = parsed.ok ? await historyEntriesIn(tx, ctx, student, resource, can(ctx, "student.viewSensitive", resource)) : [];
        return { student, entries };
      })
    : null;
  if (!found || "denied" in found) {
    return pageNotFound(ctx, "student.view", { entityType: "Student", entityId: unverifiedStudentId.slice(0, 64), studentId: found?.denied ?? null });
  }
  return {
    student: { id: found.student.id, name: studentDisplayName(found.student) },
    ...(parsed.ok ? { ok: true as const, query: parsed.query, page: historyPageOf(found.entries, parsed.query) } : { ok: false as const, messages: parsed.messages }),
  };
}
export type StudentHistory = Awaited<ReturnType<typeof getStudentHistory>>;
