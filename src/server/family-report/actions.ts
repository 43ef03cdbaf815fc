"use server";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted, type ActionResult } from "@/server/action";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { ZEmailAddress } from "@/server/settings/smtp-schemas";
import { EMAIL_NOT_SET_UP, sendFamilyReport, smtpServerIn } from "./email";
import { assembleFamilyReportIn, discloseFamilyReportIn, findFamilyReportIn, recordFamilyReportDisclosureIn, ZFamilyReportTarget } from "./report";

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

const ZEmailFamilyReport = ZFamilyReportTarget.extend({
  email: ZEmailAddress("Enter the guardian's email address, like name@example.com (one address, no spaces)."),
}).strict();

/**
 * Emails the family progress report's PDF to a guardian through the
 * district's SMTP server (decision 038). The same checks as reading the
 * report. The disclosure (channel "email", the guardian, the address) is
 * recorded only once the server has accepted the message: a refused address
 * or a server that cannot be reached says so, and nothing is recorded. The
 * send happens outside any database transaction (a slow server holds no
 * connection and no lock).
 */
export async function emailFamilyReport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("emailFamilyReport", ZEmailFamilyReport, formToObject(form), async (ctx, { email, ...target }) => {
    authorizeAction(ctx, "plan.view", { entityType: "FamilyReport", entityId: target.unverifiedPlanId.slice(0, 64) });
    const prepared = await withTenant(ctx.districtId, async (tx) => {
      const found = await findFamilyReportIn(tx, ctx, target);
      if (!found || "denied" in found) return { found };
      const server = await smtpServerIn(tx, ctx.districtId);
      if (!server) return { notSetUp: true as const };
      return { found, server, report: await assembleFamilyReportIn(tx, ctx, found) };
    });
    if ("notSetUp" in prepared) throw new AppError("UNAVAILABLE", EMAIL_NOT_SET_UP);
    if (!prepared.report) {
      const f = prepared.found;
      throw new DeniedError("plan.view", { entityType: "FamilyReport", entityId: target.unverifiedPlanId.slice(0, 64), studentId: f && "denied" in f ? f.denied : null });
    }
    await sendFamilyReport(prepared.server, prepared.report, email);
    await withTenant(ctx.districtId, (tx) => recordFamilyReportDisclosureIn(tx, ctx, prepared.found, "email", email));
    return { email };
  });
  if (!result.ok) return withSubmitted(result, form);
  return { ok: true, message: `The report was emailed to ${result.data.email}, and the disclosure was recorded on the student's record.` };
}
