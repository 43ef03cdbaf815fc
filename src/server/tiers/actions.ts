"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { studentDisplayName } from "@/server/caseloads/names";
import { withTenant } from "@/server/db/tenant";
import { recordTierDecision } from "./record";
import { AREA_LABEL, TIER_LABEL, ZSetTierInput } from "./schemas";

/**
 * Records a tier decision for a student in one area. Nothing is overwritten:
 * each decision is a new row, and the newest one in effect is the current tier.
 */
export async function setTier(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setTier", ZSetTierInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const { student } = await recordTierDecision(tx, ctx, input);
      return `${studentDisplayName(student)}: ${TIER_LABEL[input.tier]} in ${AREA_LABEL[input.area].toLowerCase()} from ${input.effectiveDate}.`;
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/students", "layout");
  return { ok: true, message: result.data };
}
