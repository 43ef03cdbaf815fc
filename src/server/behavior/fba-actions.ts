"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError, fieldError } from "@/server/errors";
import { studentForBehaviorWrite, visibleFba } from "./access";
import { FBA_ARRAY_KEYS, ZCreateBipInput, ZCreateFbaInput, ZRecordAbcInput, ZUpdateFbaInput } from "./schemas";
import { recordHref } from "@/server/students/record-sections";

const conflict = () => new AppError("CONFLICT", "Someone else saved this FBA since you opened it, so your changes were not saved. Reload the page and make them again.");

/** An ABC record from a phone; a resubmitted form (same client key) records once. */
export async function recordAbc(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("recordAbc", ZRecordAbcInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "abc.record", { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const student = await studentForBehaviorWrite(tx, ctx, input.unverifiedStudentId, "abc.record");
      const [row] = await tx.abcRecord.createManyAndReturn({
        data: [
          {
            districtId: ctx.districtId,
            studentId: student.id,
            clientKey: input.clientKey,
            observedOn: dateOfDay(input.observedOn),
            observedMinute: input.observedTime,
            setting: input.setting,
            antecedentKind: input.antecedentKind,
            antecedent: input.antecedent,
            behavior: input.behavior,
            consequenceKind: input.consequenceKind,
            consequence: input.consequence,
            durationMinutes: input.durationMinutes,
            intensity: input.intensity,
            recordedByUserId: ctx.userId,
          },
        ],
        skipDuplicates: true,
        select: { id: true },
      });
      if (row) await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "AbcRecord", entityId: row.id, studentId: student.id });
      return { studentId: student.id, created: Boolean(row) };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/students/${result.data.studentId}`);
  return { ok: true, message: result.data.created ? "ABC record saved." : "This record was saved already; nothing new was saved." };
}

/** Starts an FBA for a student (the specialist's caseload, or the school's coordinator) and opens it. */
export async function createFba(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createFba", ZCreateFbaInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "fba.write", { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const student = await studentForBehaviorWrite(tx, ctx, input.unverifiedStudentId, "fba.write");
      const row = await tx.fba.create({ data: { districtId: ctx.districtId, studentId: student.id, targetBehavior: input.targetBehavior, settings: input.settings, createdByUserId: ctx.userId }, select: { id: true, studentId: true } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "Fba", entityId: row.id, studentId: student.id });
      return row;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/students/${result.data.studentId}`);
  redirect(`/behavior/fba/${result.data.id}`);
}

/**
 * Saves an FBA in progress (with a version check): its definitions, the ABC
 * records and incidents linked as data, the function and hypothesis, the
 * team and guardian participation; with `complete`, marks it complete (the
 * schema insists on function, hypothesis, team, date and data). A completed
 * FBA is not changed any more: a new one is started instead.
 */
export async function updateFba(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateFba", ZUpdateFbaInput, formToObject(form, FBA_ARRAY_KEYS), async (ctx, input) => {
    authorizeAction(ctx, "fba.write", { entityType: "Fba", entityId: input.unverifiedFbaId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const { row } = await visibleFba(tx, ctx, input.unverifiedFbaId, "fba.write");
      if (row.completedOn) throw new AppError("INVALID_INPUT", "This FBA is complete and can no longer be changed. Start a new FBA to reassess.");
      if (row.version !== input.version) throw conflict();
      const uuids = (ids: readonly string[]) => [...new Set(ids)].filter((id) => z.uuid().safeParse(id).success);
      const abcIds = uuids(input.linkedAbcIds);
      const incidentIds = uuids(input.linkedIncidentIds);
      // Only this student's records, and ABC records not used by another FBA.
      const abc = await tx.abcRecord.findMany({ where: { districtId: ctx.districtId, studentId: row.studentId, id: { in: abcIds }, OR: [{ fbaId: null }, { fbaId: row.id }] }, select: { id: true } });
      if (abc.length !== abcIds.length || abcIds.length !== input.linkedAbcIds.length) throw fieldError("linkedAbcIds", "Choose ABC records of this student from the list.");
      const incidents = await tx.incident.findMany({ where: { districtId: ctx.districtId, studentId: row.studentId, id: { in: incidentIds }, archivedAt: null }, select: { id: true } });
      if (incidents.length !== incidentIds.length || incidentIds.length !== input.linkedIncidentIds.length) throw fieldError("linkedIncidentIds", "Choose incidents of this student from the list.");
      const linked = await tx.fbaIncident.findMany({ where: { districtId: ctx.districtId, fbaId: row.id }, select: { incidentId: true } });
      // Link rows are append-only for the app role (data an FBA used stays on record).
      if (linked.some((l) => !incidentIds.includes(l.incidentId))) throw fieldError("linkedIncidentIds", "An incident saved as data for this FBA stays linked.");
      const { count } = await tx.fba.updateMany({
        where: { id: row.id, districtId: ctx.districtId, version: row.version, completedOn: null },
        data: {
          targetBehavior: input.targetBehavior,
          settings: input.settings,
          otherSources: input.otherSources,
          function: input.function,
          hypothesis: input.hypothesis,
          team: input.team,
          guardianParticipated: input.guardianParticipated,
          guardianConsentOn: input.guardianConsentOn ? dateOfDay(input.guardianConsentOn) : null,
          completedOn: input.complete && input.completedOn ? dateOfDay(input.completedOn) : null,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw conflict();
      await tx.abcRecord.updateMany({ where: { districtId: ctx.districtId, fbaId: row.id, id: { notIn: abcIds } }, data: { fbaId: null } });
      if (abcIds.length) await tx.abcRecord.updateMany({ where: { districtId: ctx.districtId, id: { in: abcIds } }, data: { fbaId: row.id } });
      const toAdd = incidentIds.filter((id) => !linked.some((l) => l.incidentId === id));
      if (toAdd.length) await tx.fbaIncident.createMany({ data: toAdd.map((incidentId) => ({ districtId: ctx.districtId, fbaId: row.id, incidentId })) });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Fba", entityId: row.id, studentId: row.studentId, detail: { fields: input.complete ? ["completedOn"] : ["draft"] } });
      return { studentId: row.studentId, fbaId: row.id, completed: input.complete };
    });
  });
  if (!result.ok) return withSubmitted(result, form, FBA_ARRAY_KEYS);
  revalidatePath(`/students/${result.data.studentId}`);
  revalidatePath("/behavior/fba", "layout");
  // A completed FBA is locked: its page no longer shows the form that would carry the message.
  if (result.data.completed) redirect(`/behavior/fba/${result.data.fbaId}?completed=1`);
  return { ok: true, message: "FBA saved." };
}

/**
 * Writes a BIP (a new version) from a completed FBA. The student's active
 * BIP, if any, is superseded and kept. Progress is measured by one of the
 * student's goals (optional here: it may be written first).
 */
export async function createBip(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createBip", ZCreateBipInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "fba.write", { entityType: "Fba", entityId: input.unverifiedFbaId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const { row: fba } = await visibleFba(tx, ctx, input.unverifiedFbaId, "fba.write");
      if (!fba.completedOn) throw new AppError("INVALID_INPUT", "A BIP is written from a completed FBA. Complete the FBA first.");
      let goalId: string | null = null;
      if (input.unverifiedGoalId) {
        const goal = z.uuid().safeParse(input.unverifiedGoalId).success
          ? await tx.goal.findFirst({ where: { id: input.unverifiedGoalId, districtId: ctx.districtId, studentId: fba.studentId, archivedAt: null }, select: { id: true } })
          : null;
        if (!goal) throw fieldError("unverifiedGoalId", "Choose one of this student's goals from the list.");
        goalId = goal.id;
      }
      const last = await tx.bip.aggregate({ where: { districtId: ctx.districtId, studentId: fba.studentId }, _max: { version: true } });
      await tx.bip.updateMany({ where: { districtId: ctx.districtId, studentId: fba.studentId, supersededAt: null }, data: { supersededAt: new Date() } });
      const bip = await tx.bip.create({
        data: {
          districtId: ctx.districtId,
          studentId: fba.studentId,
          fbaId: fba.id,
          version: (last._max.version ?? 0) + 1,
          targetBehavior: input.targetBehavior,
          replacementBehavior: input.replacementBehavior,
          prevention: input.prevention,
          teaching: input.teaching,
          reinforcement: input.reinforcement,
          response: input.response,
          crisisSteps: input.crisisSteps,
          crisisContacts: input.crisisContacts,
          goalId,
          reviewOn: dateOfDay(input.reviewOn),
          implementers: input.implementers,
          createdByUserId: ctx.userId,
        },
        select: { id: true, studentId: true, version: true },
      });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "Bip", entityId: bip.id, studentId: bip.studentId, detail: { version: bip.version } });
      return bip;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/students/${result.data.studentId}`);
  redirect(recordHref(result.data.studentId, "behavior"));
}
