"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { EDFI_DESCRIPTOR_OF_KIND, isEdfiValueOf, type BehaviorCodeKind } from "@/domain/behavior-codes";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import type { BehaviorCode, Prisma } from "@/generated/prisma/client";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, fieldErrors } from "@/server/errors";
import { studentsForIncident, visibleIncident } from "./access";
import { installDefaultCodes } from "./codes";
import {
  INCIDENT_ARRAY_KEYS,
  timeOfMinute,
  ZCorrectIncidentInput,
  ZCreateBehaviorCodeInput,
  ZInstallDefaultCodesInput,
  ZRecordIncidentInput,
  ZRetireBehaviorCodeInput,
  ZReviewIncidentInput,
  ZUpdateBehaviorCodeInput,
  type TCorrectIncidentInput,
  type TRecordIncidentInput,
} from "./schemas";

// ---------------------------------------------------------------------------
// Code lists (administrators)
// ---------------------------------------------------------------------------

const codeTarget = (id?: string) => ({ entityType: "BehaviorCode", entityId: id?.slice(0, 64) ?? null });

/** The class and Ed-Fi mapping of a code, checked against its kind. */
function classAndMapping(kind: BehaviorCodeKind, input: { severity: "MINOR" | "MAJOR" | null; edfiCodeValue: string | null }) {
  if (kind === "BEHAVIOR" && !input.severity) throw fieldError("severity", "Choose whether the behaviour is minor or major.");
  if (!isEdfiValueOf(kind, input.edfiCodeValue)) throw fieldError("edfiCodeValue", "Choose an Ed-Fi value from the list, or none.");
  return {
    severity: kind === "BEHAVIOR" ? input.severity : null,
    edfiDescriptor: input.edfiCodeValue ? EDFI_DESCRIPTOR_OF_KIND[kind] : null,
    edfiCodeValue: input.edfiCodeValue,
  };
}

/** A stable key from a label ("Off-task talk" -> "OFF_TASK_TALK"). */
const keyOf = (label: string) =>
  label
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toUpperCase()
    .slice(0, 36) || "CODE";

function revalidateCodes() {
  revalidatePath("/admin/behavior-codes");
  revalidatePath("/behavior", "layout");
}

const auditCode = (tx: Tx, ctx: Ctx, action: "create" | "update", id: string, detail: Prisma.InputJsonValue) =>
  recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType: "BehaviorCode", entityId: id, detail });

/** Adds the default code lists the district lacks (by key); the district's own edits stay. */
export async function installDefaultBehaviorCodes(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("installDefaultBehaviorCodes", ZInstallDefaultCodesInput, formToObject(form), async (ctx) => {
    authorizeAction(ctx, "behaviorCode.manage", codeTarget());
    return withTenant(ctx.districtId, async (tx) => {
      const added = await installDefaultCodes(tx, ctx.districtId);
      if (added > 0) await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "BehaviorCode", detail: { defaults: added } });
      return added;
    });
  });
  if (!result.ok) return result;
  revalidateCodes();
  return { ok: true, message: result.data === 0 ? "Every default code is on the lists already." : `Added ${result.data} default codes.` };
}

export async function createBehaviorCode(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createBehaviorCode", ZCreateBehaviorCodeInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "behaviorCode.manage", codeTarget());
    const columns = classAndMapping(input.kind, input);
    return withTenant(ctx.districtId, async (tx) => {
      const same = await tx.behaviorCode.findFirst({ where: { districtId: ctx.districtId, kind: input.kind, label: { equals: input.label, mode: "insensitive" } }, select: { id: true } });
      if (same) throw fieldError("label", "This list has a code with that name already (perhaps retired: restore it instead).");
      const last = await tx.behaviorCode.aggregate({ where: { districtId: ctx.districtId, kind: input.kind }, _max: { sortOrder: true } });
      const base = keyOf(input.label);
      const taken = new Set((await tx.behaviorCode.findMany({ where: { districtId: ctx.districtId, kind: input.kind, code: { startsWith: base } }, select: { code: true } })).map((r) => r.code));
      let code = base;
      for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
      const row = await tx.behaviorCode.create({
        data: { districtId: ctx.districtId, kind: input.kind, code, label: input.label, ...columns, sortOrder: (last._max.sortOrder ?? 0) + 10 },
        select: { id: true },
      });
      await auditCode(tx, ctx, "create", row.id, { fields: ["label", "severity", "edfiCodeValue"] });
      return row;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateCodes();
  return { ok: true, message: "Code added." };
}

async function manageableCode(tx: Tx, ctx: Ctx, unverifiedCodeId: string): Promise<BehaviorCode> {
  const id = z.uuid().safeParse(unverifiedCodeId);
  const row = id.success ? await tx.behaviorCode.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
  if (!row) throw new DeniedError("behaviorCode.manage", codeTarget(unverifiedCodeId));
  return row;
}

/** Renames a code, changes its class or Ed-Fi mapping; incidents already recorded keep their minor/major. */
export async function updateBehaviorCode(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateBehaviorCode", ZUpdateBehaviorCodeInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "behaviorCode.manage", codeTarget(input.unverifiedCodeId));
    return withTenant(ctx.districtId, async (tx) => {
      const row = await manageableCode(tx, ctx, input.unverifiedCodeId);
      const data = { label: input.label, ...classAndMapping(row.kind, input) };
      const fields = (Object.keys(data) as (keyof typeof data)[]).filter((k) => row[k] !== data[k]);
      if (fields.length === 0) return false;
      const same = await tx.behaviorCode.findFirst({ where: { districtId: ctx.districtId, kind: row.kind, id: { not: row.id }, label: { equals: input.label, mode: "insensitive" } }, select: { id: true } });
      if (same) throw fieldError("label", "This list has another code with that name.");
      const { count } = await tx.behaviorCode.updateMany({ where: { id: row.id, districtId: ctx.districtId, version: input.version }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this code since you opened the page, so your change was not saved. Reload the page and make it again.");
      await auditCode(tx, ctx, "update", row.id, { fields });
      return true;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data) return { ok: true, message: "There were no changes to save." };
  revalidateCodes();
  return { ok: true, message: "Code saved." };
}

/** Retires a code (no longer offered; incidents that use it keep it) or restores it. */
export async function setBehaviorCodeRetired(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setBehaviorCodeRetired", ZRetireBehaviorCodeInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "behaviorCode.manage", codeTarget(input.unverifiedCodeId));
    return withTenant(ctx.districtId, async (tx) => {
      const row = await manageableCode(tx, ctx, input.unverifiedCodeId);
      const { count } = await tx.behaviorCode.updateMany({
        where: { id: row.id, districtId: ctx.districtId, retiredAt: input.retired ? null : { not: null } },
        data: { retiredAt: input.retired ? new Date() : null, version: { increment: 1 } },
      });
      if (count > 0) await auditCode(tx, ctx, "update", row.id, { fields: ["retiredAt"] });
      return input.retired;
    });
  });
  if (!result.ok) return result;
  revalidateCodes();
  return { ok: true, message: result.data ? "Code retired: it is no longer offered, and incidents that use it keep it." : "Code restored." };
}

// ---------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------

type IncidentFields = Pick<TRecordIncidentInput, "behaviorCodeId" | "locationCodeId" | "motivationCodeId" | "actionCodeId">;

/**
 * The codes an incident names, each of the right list, in the district and
 * not retired (a retired code may stay on an incident that already has it:
 * `keep`); otherwise field errors saying which.
 */
async function codesForIncident(tx: Tx, ctx: Ctx, input: IncidentFields, keep: Partial<IncidentFields> = {}) {
  const wanted: [keyof IncidentFields, BehaviorCodeKind, string][] = [
    ["behaviorCodeId", "BEHAVIOR", "problem behaviour"],
    ["locationCodeId", "LOCATION", "location"],
    ["motivationCodeId", "MOTIVATION", "motivation"],
    ["actionCodeId", "ACTION", "action taken"],
  ];
  const ids = wanted.map(([field]) => input[field]).filter((v): v is string => v !== null && z.uuid().safeParse(v).success);
  const rows = ids.length ? await tx.behaviorCode.findMany({ where: { districtId: ctx.districtId, id: { in: ids } } }) : [];
  const errors: Record<string, string[]> = {};
  const found: Partial<Record<keyof IncidentFields, BehaviorCode>> = {};
  for (const [field, kind, name] of wanted) {
    const value = input[field];
    if (value === null) continue;
    const row = rows.find((r) => r.id === value && r.kind === kind);
    if (!row) errors[field] = [`That ${name} is not on your district's list. Choose one from the list.`];
    else if (row.retiredAt && keep[field] !== row.id) errors[field] = [`“${row.label}” has been retired from the list. Choose another ${name}.`];
    else found[field] = row;
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return found as { behaviorCodeId: BehaviorCode; locationCodeId: BehaviorCode; motivationCodeId?: BehaviorCode; actionCodeId?: BehaviorCode };
}

function revalidateIncidentPages(studentIds: readonly string[]) {
  for (const id of studentIds) revalidatePath(`/students/${id}`);
  revalidatePath("/behavior", "layout");
}

/**
 * Records an incident for one or more students of the user's school: one
 * incident per student under one report id. A resubmitted form (same report
 * id) records nothing new. Majors await the school's review.
 */
export async function recordIncident(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("recordIncident", ZRecordIncidentInput, formToObject(form, INCIDENT_ARRAY_KEYS), async (ctx, input) => {
    authorizeAction(ctx, "incident.record", { entityType: "Incident" });
    return withTenant(ctx.districtId, async (tx) => {
      const students = await studentsForIncident(tx, ctx, input.unverifiedStudentIds);
      const codes = await codesForIncident(tx, ctx, input);
      const severity = codes.behaviorCodeId.severity!;
      const existing = await tx.incident.findMany({ where: { districtId: ctx.districtId, reportId: input.reportId }, select: { studentId: true, reportedByUserId: true } });
      if (existing.some((e) => e.reportedByUserId !== ctx.userId)) throw new AppError("CONFLICT", "The form is out of date. Reload the page and enter the incident again.");
      const fresh = students.filter((s) => !existing.some((e) => e.studentId === s.id));
      // ON CONFLICT DO NOTHING: two submissions of one report at the same moment record it once.
      const created = await tx.incident.createManyAndReturn({
        data: fresh.map((s) => ({
          districtId: ctx.districtId,
          schoolId: s.schoolId,
          studentId: s.id,
          reportId: input.reportId,
          occurredOn: dateOfDay(input.occurredOn),
          occurredMinute: input.occurredTime,
          behaviorCodeId: codes.behaviorCodeId.id,
          severity,
          locationCodeId: codes.locationCodeId.id,
          motivationCodeId: codes.motivationCodeId?.id ?? null,
          actionCodeId: codes.actionCodeId?.id ?? null,
          othersInvolved: input.othersInvolved,
          notes: input.notes,
          status: severity === "MAJOR" ? ("AWAITING_REVIEW" as const) : ("HANDLED" as const),
          reportedByUserId: ctx.userId,
        })),
        skipDuplicates: true,
        select: { id: true, studentId: true },
      });
      await recordAudit(
        tx,
        ...created.map((c) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "create" as const, entityType: "Incident", entityId: c.id, studentId: c.studentId, detail: { severity } })),
      );
      return { created: created.length, severity, studentIds: students.map((s) => s.id), resubmitted: created.length === 0 };
    });
  });
  if (!result.ok) return withSubmitted(result, form, INCIDENT_ARRAY_KEYS);
  revalidateIncidentPages(result.data.studentIds);
  if (result.data.resubmitted) return { ok: true, message: "This incident was recorded already; nothing new was saved." };
  const n = result.data.created;
  const what = n === 1 ? "Incident recorded" : `${n} incidents recorded (one per student)`;
  return { ok: true, message: result.data.severity === "MAJOR" ? `${what}. It is a major incident: it goes to your school's coordinator for review.` : `${what}.` };
}

/** The values of an incident that a correction replaces, as kept in its history. */
const snapshotOf = (row: { occurredOn: Date; occurredMinute: number; behaviorCodeId: string; severity: string; locationCodeId: string; motivationCodeId: string | null; actionCodeId: string | null; othersInvolved: string[]; notes: string | null }) => ({
  occurredOn: toIsoDay(row.occurredOn),
  occurredTime: timeOfMinute(row.occurredMinute),
  behaviorCodeId: row.behaviorCodeId,
  severity: row.severity,
  locationCodeId: row.locationCodeId,
  motivationCodeId: row.motivationCodeId,
  actionCodeId: row.actionCodeId,
  othersInvolved: row.othersInvolved,
  notes: row.notes,
});

/**
 * Corrects an incident (its reporter, or a reviewer of the school): the values
 * it had are kept as a revision with the reason, the version goes up. A
 * change between minor and major moves it in or out of review.
 */
export async function correctIncident(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("correctIncident", ZCorrectIncidentInput, formToObject(form, ["othersInvolved"]), async (ctx, input: TCorrectIncidentInput) => {
    authorizeAction(ctx, "incident.record", { entityType: "Incident", entityId: input.unverifiedIncidentId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const { row, may } = await visibleIncident(tx, ctx, input.unverifiedIncidentId, "incident.record");
      if (!may.correct) throw new DeniedError("incident.record", { entityType: "Incident", entityId: row.id, studentId: row.studentId });
      if (row.archivedAt) throw new AppError("INVALID_INPUT", "This incident was removed and can no longer be corrected.");
      if (row.version !== input.version) throw new AppError("CONFLICT", "Someone else changed this incident since you opened it, so your correction was not saved. Reload the page and make it again.");
      const codes = await codesForIncident(tx, ctx, input, row);
      const severity = codes.behaviorCodeId.severity!;
      // The notes stay as they were for someone who may not read them.
      const notes = may.notes ? input.notes : row.notes;
      const next = { occurredOn: dateOfDay(input.occurredOn), occurredMinute: input.occurredTime, behaviorCodeId: codes.behaviorCodeId.id, severity, locationCodeId: codes.locationCodeId.id, motivationCodeId: codes.motivationCodeId?.id ?? null, actionCodeId: codes.actionCodeId?.id ?? null, othersInvolved: input.othersInvolved, notes };
      const before = snapshotOf(row);
      const after = snapshotOf(next);
      const fields = (Object.keys(before) as (keyof typeof before)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (fields.length === 0) return { studentId: row.studentId, changed: false };
      const status = severity === "MINOR" ? "HANDLED" : row.severity === "MAJOR" ? row.status : "AWAITING_REVIEW";
      const { count } = await tx.incident.updateMany({
        where: { id: row.id, districtId: ctx.districtId, version: row.version },
        data: { ...next, status, ...(status === "AWAITING_REVIEW" && row.status !== "AWAITING_REVIEW" ? { reviewedAt: null, reviewedByUserId: null } : {}), version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this incident since you opened it, so your correction was not saved. Reload the page and make it again.");
      await tx.incidentRevision.create({ data: { districtId: ctx.districtId, incidentId: row.id, version: row.version, previous: before, reason: input.reason, changedByUserId: ctx.userId } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Incident", entityId: row.id, studentId: row.studentId, detail: { fields } });
      return { studentId: row.studentId, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form, ["othersInvolved"]);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateIncidentPages([result.data.studentId]);
  return { ok: true, message: "Incident corrected. What it said before is kept in its history." };
}

/** A coordinator or administrator marks a major incident reviewed, with an optional note. */
export async function reviewIncident(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("reviewIncident", ZReviewIncidentInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "incident.review", { entityType: "Incident", entityId: input.unverifiedIncidentId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const { row, may } = await visibleIncident(tx, ctx, input.unverifiedIncidentId, "incident.review");
      if (!may.review) throw new DeniedError("incident.review", { entityType: "Incident", entityId: row.id, studentId: row.studentId });
      if (row.status !== "AWAITING_REVIEW") throw new AppError("INVALID_INPUT", row.status === "REVIEWED" ? "This incident has been reviewed already." : "Only major incidents are reviewed; this one is minor.");
      const { count } = await tx.incident.updateMany({
        where: { id: row.id, districtId: ctx.districtId, version: input.version, status: "AWAITING_REVIEW" },
        data: { status: "REVIEWED", reviewedAt: new Date(), reviewedByUserId: ctx.userId, reviewNote: input.reviewNote, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this incident since you opened it. Reload the page to see it as it is now.");
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Incident", entityId: row.id, studentId: row.studentId, detail: { fields: ["status"] } });
      return row.studentId;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateIncidentPages([result.data]);
  return { ok: true, message: "Incident marked reviewed." };
}
