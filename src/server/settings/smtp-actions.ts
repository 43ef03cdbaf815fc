"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { seal, SecretUnreadableError, unseal } from "@/server/auth/secret-box";
import { withTenant } from "@/server/db/tenant";
import { fieldError } from "@/server/errors";
import { SMTP_PASSWORD_PURPOSE, ZSmtpSettingsInput } from "./smtp-schemas";

/**
 * Saves the SMTP server family reports are emailed through (decision 038).
 * The password is sealed (AES-256-GCM, the key from the environment) and is
 * never sent back to the browser, written to the audit trail or logged; a
 * password left empty keeps the stored one, which must still decrypt. With
 * no user name the server is used without signing in, and no password is kept.
 */
export async function saveSmtpSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveSmtpSettings", ZSmtpSettingsInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSmtp", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.districtSmtp.findUnique({ where: { districtId: ctx.districtId } });
      let password: string | null = null;
      if (input.username) {
        if (input.password) password = seal(input.password, SMTP_PASSWORD_PURPOSE);
        else if (!before?.password) throw fieldError("password", "Enter the password of the SMTP account.");
        else {
          try {
            unseal(before.password, SMTP_PASSWORD_PURPOSE);
          } catch (error) {
            if (!(error instanceof SecretUnreadableError)) throw error;
            throw fieldError("password", "The stored password does not decrypt with the server's current key (AUTH_ENCRYPTION_KEY or AUTH_SECRET changed). Enter the password again.");
          }
          password = before.password;
        }
      }
      const data = { host: input.host, port: input.port, security: input.security, username: input.username || null, password, fromAddress: input.fromAddress };
      await tx.districtSmtp.upsert({ where: { districtId: ctx.districtId }, create: { districtId: ctx.districtId, ...data }, update: data });
      const shown = (row: { host: string; port: number; security: string; username: string | null; fromAddress: string } | null) =>
        row ? { host: row.host, port: row.port, security: row.security, username: row.username, fromAddress: row.fromAddress } : null;
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: before ? "update" : "create",
        entityType: "DistrictSmtp",
        entityId: ctx.districtId,
        detail: { before: shown(before), after: shown(data), password: !input.username ? "none" : input.password ? "changed" : "kept" },
      });
    });
  });
  if (!result.ok) {
    // The password is never sent back to the browser (withSubmitted drops fields named like one; this makes sure).
    const back = withSubmitted(result, form);
    if (back && !back.ok && back.values) delete back.values.password;
    return back;
  }
  revalidatePath("/admin/settings");
  return { ok: true, message: "Email was saved. Family progress reports can now be emailed to guardians." };
}

/** Removes the SMTP server: family reports can no longer be emailed (printing and the PDF stay). */
export async function removeSmtpSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("removeSmtpSettings", z.object({}).strict(), formToObject(form), async (ctx) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSmtp", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.districtSmtp.findUnique({ where: { districtId: ctx.districtId }, select: { host: true, port: true, security: true, username: true, fromAddress: true } });
      if (!before) return;
      await tx.districtSmtp.delete({ where: { districtId: ctx.districtId } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "DistrictSmtp", entityId: ctx.districtId, detail: { before, after: null } });
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/settings");
  return { ok: true, message: "Email was removed. Family progress reports can still be printed or downloaded." };
}
