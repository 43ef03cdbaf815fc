import "server-only";
import type { Resource } from "@/domain/permissions";
import { randomUUID } from "node:crypto";
import { abcSummary, schoolYearStart, type BehaviorFunctionKind } from "@/domain/behavior";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { firstParam, type SearchParams } from "@/server/search-params";
import { todayIso } from "@/server/students/schemas";
import { studentCardIn } from "@/server/cico/queries";
import { studentForBehaviorWrite, studentPlanAccess, visibleFba } from "./access";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { timeOfMinute } from "./schemas";

const nameOf = (s: { legalFirstName: string; preferredName: string | null; legalLastName: string }) => `${s.preferredName ?? s.legalFirstName} ${s.legalLastName}`;
const STUDENT_NAME = { id: true, legalFirstName: true, legalLastName: true, preferredName: true } as const;

/**
 * A form page for one student (`?student=`) the user may write for under
 * `action`; 404 with a denied event otherwise. Viewing is audited.
 */
async function formStudent(ctx: Ctx, params: SearchParams, action: "abc.record" | "fba.write", page: string) {
  await authorizePage(ctx, action, { entityType: "Student" });
  const unverified = firstParam(params.student) ?? "";
  const found = await withTenant(ctx.districtId, async (tx) => {
    try {
      const s = await studentForBehaviorWrite(tx, ctx, unverified, action);
      const student = await tx.student.findFirstOrThrow({ where: { id: s.id, districtId: ctx.districtId }, select: STUDENT_NAME });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Student", entityId: s.id, studentId: s.id, detail: { page } });
      return { id: student.id, name: nameOf(student) };
    } catch (e) {
      if (e instanceof DeniedError) return null;
      throw e;
    }
  });
  return found ?? pageNotFound(ctx, action, { entityType: "Student", entityId: unverified.slice(0, 64) });
}

export async function getAbcForm(ctx: Ctx, params: SearchParams) {
  const student = await formStudent(ctx, params, "abc.record", "record ABC");
  return { student, clientKey: randomUUID(), today: todayIso() };
}

export async function getNewFbaForm(ctx: Ctx, params: SearchParams) {
  return { student: await formStudent(ctx, params, "fba.write", "start FBA") };
}

async function fbaIn(tx: Tx, ctx: Ctx, unverifiedFbaId: string) {
  try {
    return await visibleFba(tx, ctx, unverifiedFbaId, "fba.view");
  } catch (e) {
    if (e instanceof DeniedError) return { denied: e.target.studentId ?? null } as const;
    throw e;
  }
}

/**
 * An FBA's page: its fields, the student's ABC records and incidents of the
 * year to link (the linked ones ticked), the summary counted from the linked
 * ones, and the BIPs written from it. For fba.view holders only (never
 * assistants); viewing is audited.
 */
export async function getFbaPage(ctx: Ctx, unverifiedFbaId: string) {
  await authorizePage(ctx, "fba.view", { entityType: "Fba" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const f = await fbaIn(tx, ctx, unverifiedFbaId);
    if ("denied" in f) return f;
    const { row, may } = f;
    const since = dateOfDay(schoolYearStart(todayIso()));
    const [student, abc, incidents, links, bips] = await Promise.all([
      tx.student.findFirstOrThrow({ where: { id: row.studentId, districtId: ctx.districtId }, select: STUDENT_NAME }),
      tx.abcRecord.findMany({ where: { districtId: ctx.districtId, studentId: row.studentId, OR: [{ fbaId: null }, { fbaId: row.id }] }, orderBy: [{ observedOn: "desc" }, { observedMinute: "desc" }] }),
      tx.incident.findMany({
        where: { districtId: ctx.districtId, studentId: row.studentId, archivedAt: null, occurredOn: { gte: since } },
        orderBy: [{ occurredOn: "desc" }, { occurredMinute: "desc" }],
        select: { id: true, occurredOn: true, occurredMinute: true, severity: true, behavior: { select: { label: true } }, location: { select: { label: true } }, motivation: { select: { id: true, label: true } } },
      }),
      tx.fbaIncident.findMany({ where: { districtId: ctx.districtId, fbaId: row.id }, select: { incidentId: true } }),
      tx.bip.findMany({ where: { districtId: ctx.districtId, fbaId: row.id }, orderBy: { version: "desc" }, select: { id: true, version: true, createdAt: true, supersededAt: true } }),
    ]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Fba", entityId: row.id, studentId: row.studentId });
    return { row, may, student, abc, incidents, linked: new Set(links.map((l) => l.incidentId)), bips };
  });
  if ("denied" in found) return pageNotFound(ctx, "fba.view", { entityType: "Fba", entityId: unverifiedFbaId.slice(0, 64), studentId: found.denied });
  const { row, may, student, abc, incidents, linked, bips } = found;
  const linkedAbc = abc.filter((a) => a.fbaId === row.id);
  const linkedIncidents = incidents.filter((i) => linked.has(i.id));
  return {
    id: row.id,
    version: row.version,
    student: { id: student.id, name: nameOf(student) },
    targetBehavior: row.targetBehavior,
    settings: row.settings,
    otherSources: row.otherSources,
    function: row.function as BehaviorFunctionKind | null,
    hypothesis: row.hypothesis,
    team: row.team,
    completedOn: row.completedOn ? toIsoDay(row.completedOn) : null,
    guardianParticipated: row.guardianParticipated,
    guardianConsentOn: row.guardianConsentOn ? toIsoDay(row.guardianConsentOn) : null,
    abc: abc.map((a) => ({
      id: a.id,
      observedOn: toIsoDay(a.observedOn),
      observedTime: timeOfMinute(a.observedMinute),
      setting: a.setting,
      antecedentKind: a.antecedentKind,
      antecedent: a.antecedent,
      behavior: a.behavior,
      consequenceKind: a.consequenceKind,
      consequence: a.consequence,
      intensity: a.intensity,
      durationMinutes: a.durationMinutes,
      linked: a.fbaId === row.id,
    })),
    incidents: incidents.map((i) => ({ id: i.id, occurredOn: toIsoDay(i.occurredOn), occurredTime: timeOfMinute(i.occurredMinute), behavior: i.behavior.label, location: i.location.label, severity: i.severity, linked: linked.has(i.id) })),
    summary: abcSummary(linkedAbc, linkedIncidents.flatMap((i) => (i.motivation ? [{ key: i.motivation.id, label: i.motivation.label }] : []))),
    bips: bips.map((b) => ({ id: b.id, version: b.version, createdAt: b.createdAt, active: !b.supersededAt })),
    may: { write: may.write && !row.completedOn, writeBip: may.write && Boolean(row.completedOn) },
    today: todayIso(),
  };
}
export type FbaPage = Awaited<ReturnType<typeof getFbaPage>>;

/** The BIP form for a completed FBA: the student's goals to measure progress by, and the active BIP to start from. */
export async function getNewBipForm(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "fba.write", { entityType: "Fba" });
  const unverified = firstParam(params.fba) ?? "";
  const found = await withTenant(ctx.districtId, async (tx) => {
    let f;
    try {
      f = await visibleFba(tx, ctx, unverified, "fba.write");
    } catch (e) {
      if (e instanceof DeniedError) return { denied: e.target.studentId ?? null } as const;
      throw e;
    }
    const { row } = f;
    const [student, goals, active] = await Promise.all([
      tx.student.findFirstOrThrow({ where: { id: row.studentId, districtId: ctx.districtId }, select: STUDENT_NAME }),
      tx.goal.findMany({
        where: { districtId: ctx.districtId, studentId: row.studentId, archivedAt: null, plan: { status: { in: ["DRAFT", "ACTIVE"] } } },
        orderBy: { createdAt: "asc" },
        select: { id: true, targetValue: true, measure: { select: { name: true, unit: true } }, plan: { select: { area: true } } },
      }),
      tx.bip.findFirst({ where: { districtId: ctx.districtId, studentId: row.studentId, supersededAt: null } }),
    ]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Fba", entityId: row.id, studentId: row.studentId, detail: { page: "write BIP" } });
    return { row, student, goals, active };
  });
  if ("denied" in found) return pageNotFound(ctx, "fba.write", { entityType: "Fba", entityId: unverified.slice(0, 64), studentId: found.denied });
  const { row, student, goals, active } = found;
  return {
    fba: { id: row.id, completed: Boolean(row.completedOn), targetBehavior: row.targetBehavior },
    student: { id: student.id, name: nameOf(student) },
    goals: goals.map((g) => ({ value: g.id, label: `${g.measure.name}, target ${g.targetValue} ${g.measure.unit} (${AREA_LABEL[g.plan.area]} plan)` })),
    active: active ? { ...active, reviewOn: toIsoDay(active.reviewOn) } : null,
    today: todayIso(),
  };
}

/**
 * What the student section shows of ABC records, FBAs and BIPs: the active
 * BIP (to everyone with bip.view: strategies and crisis plan, not the FBA),
 * the FBAs (fba.view only) and how many ABC records there are.
 */
export async function studentPlansIn(tx: Tx, ctx: Ctx, student: { id: string; schoolId: string; archivedAt: Date | null }, reached?: Resource) {
  const may = await studentPlanAccess(tx, ctx, student, reached);
  const [bip, fbas, abcCount, cico] = await Promise.all([
    may.viewBip ? tx.bip.findFirst({ where: { districtId: ctx.districtId, studentId: student.id, supersededAt: null } }) : null,
    may.viewFba ? tx.fba.findMany({ where: { districtId: ctx.districtId, studentId: student.id }, orderBy: { createdAt: "desc" }, select: { id: true, targetBehavior: true, completedOn: true, createdAt: true } }) : [],
    may.viewFba ? tx.abcRecord.count({ where: { districtId: ctx.districtId, studentId: student.id } }) : 0,
    studentCardIn(tx, ctx, student, may.cico),
  ]);
  let goal: { id: string; label: string } | null = null;
  if (bip?.goalId) {
    const g = await tx.goal.findFirst({ where: { id: bip.goalId, districtId: ctx.districtId }, select: { id: true, measure: { select: { name: true } } } });
    goal = g ? { id: g.id, label: g.measure.name } : null;
  }
  return {
    may,
    bip: bip
      ? {
          version: bip.version,
          targetBehavior: bip.targetBehavior,
          replacementBehavior: bip.replacementBehavior,
          prevention: bip.prevention,
          teaching: bip.teaching,
          reinforcement: bip.reinforcement,
          response: bip.response,
          crisisSteps: bip.crisisSteps,
          crisisContacts: bip.crisisContacts,
          reviewOn: toIsoDay(bip.reviewOn),
          implementers: bip.implementers,
          goal,
        }
      : null,
    fbas: fbas.map((f) => ({ id: f.id, targetBehavior: f.targetBehavior, completedOn: f.completedOn ? toIsoDay(f.completedOn) : null })),
    abcCount,
    cico,
  };
}
