"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { SUBGROUPS } from "@/server/dashboards/filters";
import { withTenant } from "@/server/db/tenant";
import { equityRulesIn, ZEquityRulesInput } from "./equity";

/**
 * Saves the equity dashboard's rules (decision 030). Its own form and row
 * fields, so it never overwrites the thresholds saved beside it; the audit
 * keeps the rules before and after (no student data).
 */
export async function saveEquityRules(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveEquityRules", ZEquityRulesInput, formToObject(form, ["shown"]), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSettings", entityId: ctx.districtId });
    const hidden = SUBGROUPS.filter((g) => !input.shown.includes(g));
    const rules = { equityThreshold: input.threshold, equityMinCell: input.minCell, equityMinN: input.minN, equityHiddenSubgroups: hidden };
    await withTenant(ctx.districtId, async (tx) => {
      const before = await equityRulesIn(tx, ctx.districtId);
      await tx.districtSettings.upsert({ where: { districtId: ctx.districtId }, create: { districtId: ctx.districtId, ...rules }, update: rules });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictSettings",
        entityId: ctx.districtId,
        detail: { settings: "equity", before: { ...before }, after: { threshold: input.threshold, minCell: input.minCell, minN: input.minN, hiddenSubgroups: hidden } },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form, ["shown"]);
  revalidatePath("/admin/settings");
  revalidatePath("/dashboards/equity");
  return { ok: true, message: "The equity rules were saved." };
}
