"use server";
import { runAction, type ActionResult } from "@/server/action";
import { withTenant } from "@/server/db/tenant";
import { DeniedError } from "@/server/errors";
import { discloseFamilyReportIn, ZFamilyReportTarget } from "./report";

/**
 * Records that a family progress report was printed (the page's Print
 * button, or the browser's print command on the page): a disclosure like
 * the page view and the PDF, with the channel "print". The same checks as
 * reading the report; nothing is returned but the fact it was recorded.
 */
export async function recordFamilyReportPrint(input: unknown): Promise<ActionResult<{ recorded: true }>> {
  return runAction("recordFamilyReportPrint", ZFamilyReportTarget, input, async (ctx, target) => {
    const found = await withTenant(ctx.districtId, (tx) => discloseFamilyReportIn(tx, ctx, target, "print"));
    if (!found || "denied" in found) {
      throw new DeniedError("plan.view", { entityType: "FamilyReport", entityId: target.unverifiedPlanId.slice(0, 64), studentId: found?.denied ?? null });
    }
    return { recorded: true as const };
  });
}
