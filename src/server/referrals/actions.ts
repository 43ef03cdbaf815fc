"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { formToObject, NOT_A_FORM_REFUSAL, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { parseCalendarCsv, weekdaysIn } from "./calendar-csv";
import { referableStudent, startReferralIn } from "./start";
import { finalRefusal } from "@/domain/iep504/readiness";
import { packetForFinalIn } from "./packet";
import { MAX_RANGE_DAYS, ZAddNonSchoolDaysInput, ZClockSettingsInput, ZFinalizePacketInput, ZRemoveNonSchoolDayInput, ZStartReferralInput, ZUpdateReferralInput } from "./schemas";
import { uploadFile } from "@/server/upload-file";

const targetOf = (entityType: string, unverifiedId: string) => ({ entityType, entityId: unverifiedId.slice(0, 64) });

function revalidateReferral(studentId: string) {
  revalidatePath(`/students/${studentId}`);
  revalidatePath("/compliance");
  revalidatePath("/");
}

/** Starts a referral for special-education evaluation of a student. */
export async function startReferral(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("startReferral", ZStartReferralInput, formToObject(form), async (ctx, input) => withTenant(ctx.districtId, (tx) => startReferralIn(tx, ctx, input)));
  if (!result.ok) return withSubmitted(result, form);
  revalidateReferral(result.data.studentId);
  return { ok: true, message: "Referral started." };
}

/** Moves a referral through its statuses: consent requested and received (the clock starts), evaluation, eligibility meeting, outcome. */
export async function updateReferral(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateReferral", ZUpdateReferralInput, formToObject(form), async (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const target = targetOf("Referral", input.unverifiedReferralId);
      const id = z.uuid().safeParse(input.unverifiedReferralId);
      const referral = id.success ? await tx.referral.findFirst({ where: { id: id.data, districtId: ctx.districtId, archivedAt: null } }) : null;
      if (!referral) throw new DeniedError("referral.manage", target);
      await referableStudent(tx, ctx, referral.studentId, { ...target });
      const referredOn = toIsoDay(referral.referredOn);
      if (input.consentDate && input.consentDate < referredOn) throw fieldError("consentDate", `The consent date cannot be before the referral (${referredOn}).`);
      if (input.consentRequestedOn && input.consentRequestedOn < referredOn) throw fieldError("consentRequestedOn", `Consent cannot have been requested before the referral (${referredOn}).`);
      if (input.eligibilityMeetingOn && input.consentDate && input.eligibilityMeetingOn < input.consentDate) throw fieldError("eligibilityMeetingOn", "The eligibility meeting cannot be before the consent.");
      if (referral.version !== input.version) throw new AppError("CONFLICT", "Someone else saved changes to this referral since you opened it, so your changes were not saved. Reload the page and make yours again.");
      const d = (v: string | null) => (v ? dateOfDay(v) : null);
      const data = {
        status: input.status,
        consentRequestedOn: d(input.consentRequestedOn),
        consentDate: d(input.consentDate),
        eligibilityMeetingOn: d(input.eligibilityMeetingOn),
        outcome: input.status === "OUTCOME" ? input.outcome : null,
      };
      const fields = (Object.keys(data) as (keyof typeof data)[]).filter((k) => JSON.stringify(referral[k]) !== JSON.stringify(data[k]));
      if (fields.length === 0) return { studentId: referral.studentId, changed: false };
      const { count } = await tx.referral.updateMany({ where: { id: referral.id, districtId: ctx.districtId, version: input.version }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw new AppError("CONFLICT", "Someone else saved changes to this referral since you opened it, so your changes were not saved. Reload the page and make yours again.");
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Referral", entityId: referral.id, studentId: referral.studentId, detail: { fields } });
      return { studentId: referral.studentId, changed: true };
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateReferral(result.data.studentId);
  return { ok: true, message: "Referral saved." };
}

function auditCalendar(tx: Tx, ctx: Ctx, detail: Record<string, string | number>) {
  return recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "DistrictCalendar", detail });
}

/** How the district counts the evaluation clock: N days, calendar or school days. */
export async function saveClockSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveClockSettings", ZClockSettingsInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "calendar.manage", { entityType: "DistrictSettings" });
    return withTenant(ctx.districtId, async (tx) => {
      await tx.districtSettings.upsert({
        where: { districtId: ctx.districtId },
        create: { districtId: ctx.districtId, evaluationDays: input.evaluationDays, evaluationDayCount: input.evaluationDayCount },
        update: { evaluationDays: input.evaluationDays, evaluationDayCount: input.evaluationDayCount },
      });
      await auditCalendar(tx, ctx, { evaluationDays: input.evaluationDays, evaluationDayCount: input.evaluationDayCount });
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/calendar");
  revalidatePath("/compliance");
  return { ok: true, message: "Evaluation timeline saved." };
}

/** Saves the days in one statement; a day already there takes the new label. */
async function saveDays(tx: Tx, ctx: Ctx, days: { date: string; label: string }[]) {
  await tx.$executeRaw`
    INSERT INTO "DistrictNonSchoolDay" ("districtId", "date", "label")
    SELECT ${ctx.districtId}::uuid, t.d::date, t.l FROM unnest(${days.map((d) => d.date)}::text[], ${days.map((d) => d.label)}::text[]) AS t(d, l)
    ON CONFLICT ("districtId", "date") DO UPDATE SET "label" = EXCLUDED."label"`;
}

/** Adds a closed day, or every weekday of a break, to the district calendar. */
export async function addNonSchoolDays(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("addNonSchoolDays", ZAddNonSchoolDaysInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "calendar.manage", { entityType: "DistrictNonSchoolDay" });
    const days = weekdaysIn(input.from, input.to ?? input.from);
    if (days.length === 0) throw fieldError("from", "Weekends are never school days: choose a weekday, or a break that includes one.");
    if (days.length > MAX_RANGE_DAYS) throw fieldError("to", `Add at most ${MAX_RANGE_DAYS} school days at once (a summer break is not needed: no evaluation clock runs then unless you add it in parts).`);
    return withTenant(ctx.districtId, async (tx) => {
      await saveDays(tx, ctx, days.map((date) => ({ date, label: input.label })));
      await auditCalendar(tx, ctx, { added: days.length, from: days[0]!, to: days.at(-1)! });
      return days.length;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/calendar");
  revalidatePath("/compliance");
  return { ok: true, message: result.data === 1 ? "1 day added." : `${result.data} days added.` };
}

/** Removes a day added by mistake. */
export async function removeNonSchoolDay(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("removeNonSchoolDay", ZRemoveNonSchoolDayInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "calendar.manage", { entityType: "DistrictNonSchoolDay" });
    return withTenant(ctx.districtId, async (tx) => {
      const { count } = await tx.districtNonSchoolDay.deleteMany({ where: { districtId: ctx.districtId, date: dateOfDay(input.date) } });
      if (count) await auditCalendar(tx, ctx, { removed: input.date });
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/calendar");
  revalidatePath("/compliance");
  return { ok: true, message: "Day removed." };
}

const ZUploadCalendarInput = z
  .object({ file: uploadFile(100_000, "The file is larger than 100 KB.") })
  .strict();

/** Loads closed days and breaks from a CSV (see calendar-csv.ts); nothing is saved when any row has a problem. */
export async function uploadNonSchoolDays(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("uploadNonSchoolDays", ZUploadCalendarInput, { file: form.get("file") }, async (ctx, input) => {
    authorizeAction(ctx, "calendar.manage", { entityType: "DistrictNonSchoolDay" });
    const parsed = parseCalendarCsv(await input.file.text());
    if (!parsed.ok) throw new AppError("INVALID_INPUT", "Nothing was saved: the file has problems. Correct them and upload it again.", { file: parsed.problems.slice(0, 10) });
    return withTenant(ctx.districtId, async (tx) => {
      await saveDays(tx, ctx, parsed.days);
      await auditCalendar(tx, ctx, { source: "csv", days: parsed.days.length });
      return parsed.days.length;
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/calendar");
  revalidatePath("/compliance");
  return { ok: true, message: `${result.data} non-school days loaded.` };
}

/**
 * Marks a referral's packet final: the team's word that the record it
 * assembles is what goes to the evaluation. When the district's checklist
 * is not all met it needs a written reason (decision 016: a referral must
 * never wait on the checklist). The audit event keeps which items were met.
 */
export async function finalizeReferralPacket(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("finalizeReferralPacket", ZFinalizePacketInput, formToObject(form), async (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const target = targetOf("Referral", input.unverifiedReferralId);
      const id = z.uuid().safeParse(input.unverifiedReferralId);
      const referral = id.success
        ? await tx.referral.findFirst({ where: { id: id.data, districtId: ctx.districtId, archivedAt: null }, select: { id: true, studentId: true, packetFinalAt: true } })
        : null;
      if (!referral) throw new DeniedError("referral.manage", target);
      await referableStudent(tx, ctx, referral.studentId, target);
      if (referral.packetFinalAt) throw new AppError("INVALID_INPUT", "This packet is already final.");
      const packet = await packetForFinalIn(tx, ctx, referral.id);
      if (!packet) throw new DeniedError("referral.manage", target);
      const refusal = finalRefusal(packet.readiness, input.note);
      if (refusal) throw fieldError("note", refusal);
      const { count } = await tx.referral.updateMany({
        where: { id: referral.id, districtId: ctx.districtId, packetFinalAt: null },
        data: { packetFinalAt: new Date(), packetFinalByUserId: ctx.userId, packetFinalNote: input.note || null },
      });
      if (count === 0) throw new AppError("CONFLICT", "Someone marked this packet final while you were reading it. Reload the page to see it.");
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "Referral",
        entityId: referral.id,
        studentId: referral.studentId,
        detail: { fields: ["packetFinal"], met: packet.readiness.items.filter((i) => i.met).map((i) => i.key), missing: packet.readiness.missing.map((i) => i.key) },
      });
      return { referralId: referral.id, studentId: referral.studentId, ready: packet.readiness.ready };
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/referrals/${result.data.referralId}/packet`);
  revalidatePath(`/students/${result.data.studentId}`);
  return { ok: true, message: result.data.ready ? "The packet is final." : "The packet is final, with the reason recorded." };
}
