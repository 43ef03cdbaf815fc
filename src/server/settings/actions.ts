"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/errors";
import { packetRulesIn, settingsRowIn } from "./queries";
import { ZPacketRulesInput, ZSessionLimitsInput, ZTwoFactorRequirementInput, ZUpdateDistrictSettingsInput, ZUpdateTimeZoneInput } from "./schemas";

const stale = () => new AppError("CONFLICT", "Someone changed the settings after you opened this page. Reload it to see their values, then make your change again.");

/** Saves the district's thresholds; the first save creates the district's row. */
export async function updateDistrictSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateDistrictSettings", ZUpdateDistrictSettingsInput, formToObject(form), async (ctx, input) => {
    const { version, ...settings } = input;
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSettings", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const current = await settingsRowIn(tx, ctx.districtId);
      if (current.version !== version) throw stale();
      if (current.version) {
        // The updatedAt condition makes the check and the write one step: a save that lands in between wins, this one is refused.
        const { count } = await tx.districtSettings.updateMany({ where: { districtId: ctx.districtId, updatedAt: new Date(current.version) }, data: settings });
        if (count === 0) throw stale();
      } else {
        try {
          await tx.districtSettings.create({ data: { districtId: ctx.districtId, ...settings } });
        } catch (error) {
          if (isUniqueViolation(error)) throw stale();
          throw error;
        }
      }
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictSettings",
        entityId: ctx.districtId,
        detail: { before: { ...current.settings }, after: settings },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/settings");
  return { ok: true, message: "The settings were saved." };
}

/**
 * Sets the district's time zone: every moment the app shows (the audit log,
 * access history, plan history, the days assignments began) follows it at
 * the next request, since it is read with the session's membership.
 */
export async function updateDistrictTimeZone(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateDistrictTimeZone", ZUpdateTimeZoneInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "District", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { timeZone: true } });
      await tx.district.update({ where: { id: ctx.districtId }, data: { timeZone: input.timeZone } });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictSettings",
        entityId: ctx.districtId,
        detail: { before: { timeZone: before.timeZone }, after: { timeZone: input.timeZone } },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/", "layout");
  return { ok: true, message: `Times are now shown in ${form.get("timeZone")}.` };
}

/**
 * Saves the referral packet's readiness checklist (decision 016). Its own
 * form and row fields, so it never overwrites the thresholds saved beside it;
 * the audit keeps the rules before and after (no student data).
 */
export async function savePacketRules(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("savePacketRules", ZPacketRulesInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSettings", entityId: ctx.districtId });
    const rules = {
      packetMinInterventions: input.minInterventions,
      packetMinDataPoints: input.minDataPoints,
      packetMinFidelity: input.minFidelity,
      packetRequireGuardians: input.requireGuardiansInformed === "on",
    };
    await withTenant(ctx.districtId, async (tx) => {
      const before = await packetRulesIn(tx, ctx.districtId);
      await tx.districtSettings.upsert({ where: { districtId: ctx.districtId }, create: { districtId: ctx.districtId, ...rules }, update: rules });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictSettings",
        entityId: ctx.districtId,
        detail: { before: { ...before }, after: { minInterventions: input.minInterventions, minDataPoints: input.minDataPoints, minFidelity: input.minFidelity, requireGuardiansInformed: rules.packetRequireGuardians } },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/settings");
  return { ok: true, message: "The referral packet checklist was saved." };
}

/**
 * How long sessions last in the district (decision 025). Applies at each
 * session's next request: a session already idle or old past the new limits
 * ends then. A person in several districts gets the strictest.
 */
export async function updateSessionLimits(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateSessionLimits", ZSessionLimitsInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "District", entityId: ctx.districtId });
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { sessionIdleMinutes: true, sessionAbsoluteHours: true } });
      await tx.district.update({ where: { id: ctx.districtId }, data: input });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "DistrictSettings",
        entityId: ctx.districtId,
        detail: { before, after: input },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/settings");
  return { ok: true, message: "The session limits were saved. They apply from each session's next request." };
}

/**
 * Whether everyone in the district needs a second factor (administrators
 * always do; decision 033). Applies from each person's next sign-in: someone
 * without one then gets the grace to set it up, and must afterwards.
 */
export async function updateTwoFactorRequirement(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateTwoFactorRequirement", ZTwoFactorRequirementInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "District", entityId: ctx.districtId });
    const requireTwoFactor = input.requireTwoFactor === "on";
    await withTenant(ctx.districtId, async (tx) => {
      const before = await tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { requireTwoFactor: true } });
      await tx.district.update({ where: { id: ctx.districtId }, data: { requireTwoFactor } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "DistrictSettings", entityId: ctx.districtId, detail: { before, after: { requireTwoFactor } } });
    });
    return requireTwoFactor;
  });
  if (!result.ok) return result;
  revalidatePath("/admin/settings");
  return {
    ok: true,
    message: result.data
      ? "Two-factor authentication is now required of everyone in the district, from each person's next sign-in."
      : "Two-factor authentication is now required of administrators only. Others may still turn it on for themselves.",
  };
}
