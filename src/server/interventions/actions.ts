"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import {
  componentKey,
  INTERVENTION_ARRAY_FIELDS,
  interventionColumns,
  interventionTarget,
  ZCreateInterventionInput,
  ZSetInterventionRetiredInput,
  ZUpdateInterventionInput,
  type InterventionColumns,
} from "./schemas";

const duplicateName = () => fieldError("name", "Another intervention in this district's library already has this name.");
const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else saved changes to this intervention since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
  );

/** Names are unique in a district regardless of case ("Sound Partners" and "sound partners" are one). */
async function assertNameFree(tx: Tx, districtId: string, name: string, exceptId?: string) {
  const [taken] = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Intervention"
    WHERE "districtId" = ${districtId}::uuid AND lower("name") = lower(${name})
      AND "id" IS DISTINCT FROM ${exceptId ?? null}::uuid
    LIMIT 1`;
  if (taken) throw duplicateName();
}

/** The chosen measures, each one of the district's measures in use; anything else is a field error. */
async function verifiedMeasureIds(tx: Tx, districtId: string, unverifiedIds: string[]): Promise<string[]> {
  if (unverifiedIds.length === 0) return [];
  const refused = () => fieldError("unverifiedMeasureIds", "Choose measures from the list.");
  const ids = unverifiedIds.filter((v) => z.uuid().safeParse(v).success);
  if (ids.length !== unverifiedIds.length) throw refused();
  const found = await tx.measure.findMany({ where: { districtId, archivedAt: null, id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) throw refused();
  return found.map((m) => m.id).sort();
}

const measureRows = (districtId: string, interventionId: string, measureIds: string[]) => measureIds.map((measureId) => ({ districtId, interventionId, measureId }));

export async function createIntervention(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createIntervention", ZCreateInterventionInput, formToObject(form, INTERVENTION_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "intervention.manage", { entityType: "Intervention" });
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        await assertNameFree(tx, ctx.districtId, input.name);
        const measureIds = await verifiedMeasureIds(tx, ctx.districtId, input.unverifiedMeasureIds);
        const { id } = await tx.intervention.create({ data: { ...interventionColumns(input), districtId: ctx.districtId }, select: { id: true } });
        await tx.interventionComponent.createMany({ data: input.components.map((label, position) => ({ districtId: ctx.districtId, interventionId: id, label, position })) });
        await tx.interventionMeasure.createMany({ data: measureRows(ctx.districtId, id, measureIds) });
        await auditIntervention(tx, ctx, "create", id, { name: input.name });
        return id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, INTERVENTION_ARRAY_FIELDS);
  revalidatePath("/interventions");
  redirect(`/interventions/${result.data}`);
}

interface StoredComponent {
  id: string;
  label: string;
  position: number;
}

/**
 * Makes the active components the given labels, in order, without deleting a
 * row (logged sessions point at them): a label already there (in any case)
 * keeps its row and takes its new position, a new label is a new row, and a
 * label no longer listed is retired.
 */
async function syncComponents(tx: Tx, districtId: string, interventionId: string, current: StoredComponent[], labels: string[]) {
  // Rows that are the same label in another case (never from the form) leave the first one to match.
  const byKey = new Map<string, StoredComponent>();
  const retired: string[] = [];
  for (const c of current) {
    if (byKey.has(componentKey(c.label))) retired.push(c.id);
    else byKey.set(componentKey(c.label), c);
  }
  const moved: StoredComponent[] = [];
  const added: Omit<StoredComponent, "id">[] = [];
  labels.forEach((label, position) => {
    const row = byKey.get(componentKey(label));
    byKey.delete(componentKey(label));
    if (!row) added.push({ label, position });
    else if (row.label !== label || row.position !== position) moved.push({ id: row.id, label, position });
  });
  retired.push(...[...byKey.values()].map((c) => c.id));
  if (retired.length) {
    await tx.interventionComponent.updateMany({ where: { districtId, interventionId, id: { in: retired } }, data: { retiredAt: new Date() } });
  }
  if (moved.length) {
    await tx.$executeRaw`
      UPDATE "InterventionComponent" c SET "label" = v."label", "position" = v."position"
      FROM (SELECT unnest(${moved.map((m) => m.id)}::uuid[]) AS "id", unnest(${moved.map((m) => m.label)}::text[]) AS "label",
                   unnest(${moved.map((m) => m.position)}::int[]) AS "position") v
      WHERE c."districtId" = ${districtId}::uuid AND c."interventionId" = ${interventionId}::uuid AND c."id" = v."id"`;
  }
  await tx.interventionComponent.createMany({ data: added.map((c) => ({ districtId, interventionId, ...c })) });
}

/** Names of what an edit changes (the audit event's detail). */
function changedFields(
  before: InterventionColumns & { components: string[]; measureIds: string[] },
  after: InterventionColumns & { components: string[]; measureIds: string[] },
): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (Object.keys(after) as (keyof typeof after)[]).filter((k) => !same(before[k], after[k]));
}

/**
 * Saves an edit only if nobody saved since the form was opened: the update
 * names the version the form was loaded with, and 0 rows updated is a conflict.
 * Measures are replaced; components are matched by label (syncComponents).
 */
export async function updateIntervention(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateIntervention", ZUpdateInterventionInput, formToObject(form, INTERVENTION_ARRAY_FIELDS), async (ctx, input) => {
    const target = interventionTarget(input.unverifiedInterventionId);
    authorizeAction(ctx, "intervention.manage", target);
    const id = z.uuid().safeParse(input.unverifiedInterventionId);
    if (!id.success) throw new DeniedError("intervention.manage", target);
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        const existing = await tx.intervention.findFirst({
          where: { id: id.data, districtId: ctx.districtId },
          include: { components: { where: { retiredAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] }, measures: { select: { measureId: true } } },
        });
        if (!existing) throw new DeniedError("intervention.manage", target);
        if (existing.version !== input.version) throw conflict();
        await assertNameFree(tx, ctx.districtId, input.name, existing.id);
        const measureIds = await verifiedMeasureIds(tx, ctx.districtId, input.unverifiedMeasureIds);
        const data = interventionColumns(input);
        const fields = changedFields(
          { ...interventionColumns(existing), components: existing.components.map((c) => c.label), measureIds: existing.measures.map((m) => m.measureId).sort() },
          { ...data, components: input.components, measureIds },
        );
        if (fields.length === 0) return { changed: false };
        const { count } = await tx.intervention.updateMany({
          where: { id: existing.id, districtId: ctx.districtId, version: input.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        if (fields.includes("components")) await syncComponents(tx, ctx.districtId, existing.id, existing.components, input.components);
        if (fields.includes("measureIds")) {
          await tx.interventionMeasure.deleteMany({ where: { districtId: ctx.districtId, interventionId: existing.id } });
          await tx.interventionMeasure.createMany({ data: measureRows(ctx.districtId, existing.id, measureIds) });
        }
        await auditIntervention(tx, ctx, "update", existing.id, { fields });
        return { changed: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, INTERVENTION_ARRAY_FIELDS);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidatePath("/interventions", "layout");
  return { ok: true, message: "Saved." };
}

/**
 * Retires (retired=yes) or restores (retired=no) an intervention. Nothing is
 * deleted: plans that use a retired intervention keep it; new plans cannot choose it.
 */
export async function setInterventionRetired(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setInterventionRetired", ZSetInterventionRetiredInput, formToObject(form), async (ctx, input) => {
    const target = interventionTarget(input.unverifiedInterventionId);
    authorizeAction(ctx, "intervention.manage", target);
    const id = z.uuid().safeParse(input.unverifiedInterventionId);
    if (!id.success) throw new DeniedError("intervention.manage", target);
    const retire = input.retired === "yes";
    return withTenant(ctx.districtId, async (tx) => {
      const existing = await tx.intervention.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true } });
      if (!existing) throw new DeniedError("intervention.manage", target);
      // Conditional on the current state, so two people pressing at once change it once.
      const { count } = await tx.intervention.updateMany({
        where: { id: existing.id, districtId: ctx.districtId, retiredAt: retire ? null : { not: null } },
        data: { retiredAt: retire ? new Date() : null, version: { increment: 1 } },
      });
      if (count > 0) await auditIntervention(tx, ctx, "update", existing.id, { fields: ["retiredAt"], retired: retire });
      return retire;
    });
  });
  if (!result.ok) return result;
  revalidatePath("/interventions", "layout");
  return {
    ok: true,
    message: result.data
      ? "Retired: plans that use it keep it, but new plans cannot choose it. It is listed only when you show retired interventions."
      : "Restored: new plans can choose it again.",
  };
}

function auditIntervention(tx: Tx, ctx: Ctx, action: "create" | "update", interventionId: string, detail: Record<string, string | boolean | string[]>) {
  return recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType: "Intervention", entityId: interventionId, detail });
}
