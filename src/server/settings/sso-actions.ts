"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { formToObject, NOT_A_FORM_REFUSAL, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { seal, SecretUnreadableError, unseal } from "@/server/auth/secret-box";
import { CLIENT_SECRET_PURPOSE } from "@/server/auth/sso";
import { withTenant } from "@/server/db/tenant";
import { fieldError } from "@/server/errors";
import { z } from "zod";
import { checkIssuer } from "./sso";
import { ZSsoSettingsInput } from "./sso-schemas";

/**
 * Saves the district's identity provider (decision 034). The issuer's
 * discovery document is checked first; a secret left empty keeps the stored
 * one, which must still decrypt. Provider and password setting are saved in
 * one transaction, so nothing is half-configured. The audit event holds the
 * settings before and after, never the secret (only whether it changed).
 */
export async function saveSsoSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("saveSsoSettings", ZSsoSettingsInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSso", entityId: ctx.districtId });
    const issuerProblem = await checkIssuer(input.issuer);
    if (issuerProblem) throw fieldError("issuer", issuerProblem);
    const passwordSignIn = input.passwordSignIn === "on";
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.districtSso.findUnique({ where: { districtId: ctx.districtId } });
      const district = await tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { passwordSignIn: true } });
      let clientSecret: string;
      if (input.clientSecret) clientSecret = seal(input.clientSecret, CLIENT_SECRET_PURPOSE);
      else if (!before) throw fieldError("clientSecret", "Enter the client secret your identity provider gave you.");
      else {
        try {
          unseal(before.clientSecret, CLIENT_SECRET_PURPOSE);
        } catch (error) {
          if (!(error instanceof SecretUnreadableError)) throw error;
          throw fieldError("clientSecret", "The stored client secret does not decrypt with the server's current key (AUTH_ENCRYPTION_KEY or AUTH_SECRET changed). Enter the client secret again.");
        }
        clientSecret = before.clientSecret;
      }
      const data = { label: input.label, issuer: input.issuer, clientId: input.clientId, clientSecret, allowedDomains: input.allowedDomains };
      await tx.districtSso.upsert({ where: { districtId: ctx.districtId }, create: { districtId: ctx.districtId, ...data }, update: data });
      if (district.passwordSignIn !== passwordSignIn) await tx.district.update({ where: { id: ctx.districtId }, data: { passwordSignIn } });
      const shown = (row: { label: string; issuer: string; clientId: string; allowedDomains: string[] } | null) =>
        row ? { label: row.label, issuer: row.issuer, clientId: row.clientId, allowedDomains: row.allowedDomains } : null;
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: before ? "update" : "create",
        entityType: "DistrictSso",
        entityId: ctx.districtId,
        detail: {
          before: before ? { ...shown(before), passwordSignIn: district.passwordSignIn } : { passwordSignIn: district.passwordSignIn },
          after: { ...shown(data), passwordSignIn },
          clientSecret: input.clientSecret ? "changed" : "kept",
        },
      });
    });
  });
  if (!result.ok) {
    // The secret is never sent back to the browser.
    const back = withSubmitted(result, form);
    if (back && !back.ok && back.values) {
      delete back.values.clientSecret;
      // withSubmitted drops every field named like a password; this one is a yes/no, not a secret, and the
      // form must show it as it was sent (unticked by the drop, a second save would turn password sign-in off).
      if (form.get("passwordSignIn") === "on") back.values.passwordSignIn = "on";
    }
    return back;
  }
  revalidatePath("/admin/settings");
  return { ok: true, message: "Single sign-on was saved. Staff can now use it on the sign-in page." };
}

/** Removes the provider; password sign-in is allowed again, or nobody could sign in. */
export async function removeSsoSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("removeSsoSettings", z.object({}).strict(), formToObject(form), async (ctx) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSso", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.districtSso.findUnique({ where: { districtId: ctx.districtId }, select: { label: true, issuer: true, clientId: true, allowedDomains: true } });
      if (!before) return;
      await tx.districtSso.delete({ where: { districtId: ctx.districtId } });
      await tx.district.update({ where: { id: ctx.districtId }, data: { passwordSignIn: true } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "DistrictSso", entityId: ctx.districtId, detail: { before, after: null, passwordSignIn: true } });
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/settings");
  return { ok: true, message: "Single sign-on was removed. Staff sign in with their passwords." };
}
