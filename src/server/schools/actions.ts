"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { ZCreateSchoolInput, ZUpdateSchoolInput } from "./schemas";

const duplicateName = () => new AppError("CONFLICT", "Please correct the highlighted fields.", { name: ["Another school in this district already has this name."] });

export async function createSchool(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createSchool", ZCreateSchoolInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "school.manage", { entityType: "School" });
    try {
      await withTenant(ctx.districtId, async (tx) => {
        const school = await tx.school.create({ data: { ...input, districtId: ctx.districtId } });
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "School", entityId: school.id, detail: input });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/schools");
  return { ok: true, message: `${form.get("name")} was added.` };
}

export async function updateSchool(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateSchool", ZUpdateSchoolInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "School", entityId: input.unverifiedSchoolId.slice(0, 64) };
    authorizeAction(ctx, "school.manage", target);
    const id = z.uuid().safeParse(input.unverifiedSchoolId);
    if (!id.success) throw new DeniedError("school.manage", target);
    try {
      await withTenant(ctx.districtId, async (tx) => {
        const existing = await tx.school.findFirst({ where: { id: id.data, districtId: ctx.districtId } });
        if (!existing) throw new DeniedError("school.manage", target);
        const archivedAt = input.archived ? (existing.archivedAt ?? new Date()) : null;
        const data = { name: input.name, level: input.level, code: input.code, archivedAt };
        await tx.school.update({ where: { id: existing.id }, data });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "update",
          entityType: "School",
          entityId: existing.id,
          detail: { name: input.name, level: input.level, code: input.code, archived: Boolean(archivedAt) },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/schools");
  return { ok: true, message: "Saved." };
}
