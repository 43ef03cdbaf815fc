"use server";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay, formatDayMonth, toIsoDay } from "@/domain/goals";
import { formatValue } from "@/domain/measures";
import { checkProbe, MAX_INVALID_REASON, parseNote, probeDateProblem, type ProbeProblem } from "@/domain/probes";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { listNames, studentDisplayName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, fieldErrors } from "@/server/errors";
import { measureOf } from "@/server/measures/queries";
import { todayIso } from "@/server/students/schemas";
import { goalScoreOf, MEASURE_CHANGED, revalidateProbePages, saveProbesIn, type NewProbe } from "./entry";
import { entryClosedMessage, giversIn, goalForProbesIn, planClosedMessage, planGoalsForProbesIn, type ProbeGoal } from "./queries";
import {
  noteField,
  scoreField,
  takeProbeRows,
  ZCorrectProbeInput,
  ZEnterGroupProbesInput,
  ZEnterProbeInput,
  ZSetProbeValidityInput,
} from "./schemas";

const conflict = () =>
  new AppError("CONFLICT", "Someone changed this probe since you opened it, so your change was not saved. Reload the page to see the probe as it is now, then make your change again.");
const GIVER_UNKNOWN = "Choose who gave the probe from the list: you, the plan's interventionists or the student's caseload staff.";

function assertOpen(goal: ProbeGoal): void {
  const closed = entryClosedMessage(goal);
  if (closed) throw new AppError("INVALID_INPUT", closed);
}

/** The user named as having given the probes (blank: the signed-in user), or undefined when they may not be named. */
async function giverOf(tx: Tx, ctx: Ctx, unverifiedUserId: string, planId: string, studentIds: readonly string[]): Promise<string | undefined> {
  if (!unverifiedUserId || unverifiedUserId === ctx.userId) return ctx.userId;
  const givers = await giversIn(tx, ctx, planId, studentIds);
  return givers.find((g) => g.userId === unverifiedUserId)?.userId;
}

/** The probes an earlier submission of the same form saved; a key used for other goals is refused. */
async function probesOfKey(tx: Tx, districtId: string, clientKey: string, goalIds: readonly string[]) {
  const rows = await tx.probe.findMany({
    where: { districtId, clientKey },
    orderBy: { createdAt: "asc" },
    select: { id: true, goalId: true, studentId: true, date: true, score: true },
  });
  if (rows.some((r) => !r.goalId || !goalIds.includes(r.goalId))) {
    throw new AppError("INVALID_INPUT", "This form was already used for other probes. Reload the page and enter the probes again.");
  }
  return rows;
}

/**
 * Runs an entry transaction, and once more if a concurrent submission of the
 * same form (a double tap, a retry) won the insert of the client key: the
 * second run finds that submission's probes and answers with them.
 */
async function onceMoreOnRace<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return save();
  }
}

const toFieldErrors = (problems: readonly ProbeProblem[]) => Object.fromEntries(problems.map((p) => [p.field, [p.message]]));

/**
 * Enters one probe of a goal: it gets the goal's student and measure, the
 * score checked against that measure, the date against the plan and today.
 * The form's client key makes a repeat of the submission answer with the
 * probe the first one saved.
 */
export async function enterProbe(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("enterProbe", ZEnterProbeInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "probe.enter", { entityType: "Goal", entityId: input.unverifiedGoalId.slice(0, 64) });
    return onceMoreOnRace(() =>
      withTenant(ctx.districtId, async (tx) => {
        const goal = await goalForProbesIn(tx, ctx, input.unverifiedGoalId, "probe.enter");
        const [repeated] = await probesOfKey(tx, ctx.districtId, input.clientKey, [goal.id]);
        if (repeated) return { goal, probe: repeated };
        assertOpen(goal);
        const check = checkProbe({ measure: measureOf(goal.measure), score: input.score, date: input.date, note: input.note, planStartDate: goal.plan.startDate, today: todayIso() });
        const errors: Record<string, string[]> = check.ok ? {} : toFieldErrors(check.problems);
        if (input.unverifiedMeasureId !== goal.measureId) errors.score = [MEASURE_CHANGED];
        const givenByUserId = await giverOf(tx, ctx, input.unverifiedGivenByUserId, goal.planId, [goal.studentId]);
        if (!givenByUserId) errors.unverifiedGivenByUserId = [GIVER_UNKNOWN];
        if (!check.ok || !givenByUserId || Object.keys(errors).length) throw fieldErrors(errors);
        const [probe] = await saveProbesIn(tx, ctx, { date: check.date, givenByUserId, clientKey: input.clientKey, probes: [{ goal, score: check.score, note: check.note }] });
        return { goal, probe: probe! };
      }),
    );
  });
  if (!result.ok) return withSubmitted(result, form);
  const { goal, probe } = result.data;
  revalidateProbePages([goal]);
  const measure = measureOf(goal.measure);
  return { ok: true, message: `Probe saved: ${formatValue(measure, probe.score)} ${measure.unit} on ${formatDayMonth(probe.date, todayIso())}.` };
}

/** The grid's FormData as ZEnterGroupProbesInput's object: the cells of each goal become one row, in the form's order. */
function groupFormObject(form: FormData): Record<string, unknown> {
  const raw = formToObject(form);
  const rows = takeProbeRows(raw);
  return { ...raw, rows };
}

/**
 * Enters the probes of a plan's group on one date from the grid: one row per
 * goal, blank rows skipped. Every row is checked first; if any is wrong,
 * nothing is saved and each problem is reported on its row's cell. Otherwise
 * all are saved in one transaction, each named as given by the same person.
 * The form's client key makes a repeat answer with what the first saved.
 */
export async function enterGroupProbes(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("enterGroupProbes", ZEnterGroupProbesInput, groupFormObject(form), async (ctx, input) => {
    const target = { entityType: "InterventionPlan", entityId: input.unverifiedPlanId.slice(0, 64) };
    authorizeAction(ctx, "probe.enter", target);
    return onceMoreOnRace(() =>
      withTenant(ctx.districtId, async (tx) => {
        const { plan, goals } = await planGoalsForProbesIn(tx, ctx, input.unverifiedPlanId);
        const byId = new Map(goals.map((g) => [g.id, g]));
        if (input.rows.some((r) => !byId.has(r.unverifiedGoalId))) {
          throw new AppError("INVALID_INPUT", "Some rows of the form are no longer open goals of this plan, so nothing was saved. Reload the page and enter the scores again.");
        }
        const rows = input.rows.map((r) => ({ ...r, goal: byId.get(r.unverifiedGoalId)! }));
        const outOfReach = rows.find((r) => !r.goal.mayEnter);
        if (outOfReach) throw new DeniedError("probe.enter", { ...target, studentId: outOfReach.goal.studentId });
        const repeated = await probesOfKey(tx, ctx.districtId, input.clientKey, rows.map((r) => r.goal.id));
        if (repeated.length) return { probes: repeated, goals: byId };

        const closed = planClosedMessage(plan.status);
        if (closed) throw new AppError("INVALID_INPUT", closed);
        const errors: Record<string, string[]> = {};
        const dateProblem = probeDateProblem(input.date, plan.startDate, todayIso());
        if (dateProblem) errors.date = [dateProblem];
        const givenByUserId = await giverOf(tx, ctx, input.unverifiedGivenByUserId, plan.id, plan.students.map((s) => s.studentId));
        if (!givenByUserId) errors.unverifiedGivenByUserId = [GIVER_UNKNOWN];
        const filled = rows.filter((r) => r.score.trim() || r.note.trim());
        if (filled.length === 0) errors._form = ["Enter at least one score: rows left blank are skipped."];
        const checked: NewProbe[] = [];
        for (const { goal: g, score, note, unverifiedMeasureId } of filled) {
          const parsedScore = goalScoreOf(g, unverifiedMeasureId, score);
          const parsedNote = parseNote(note);
          if (!parsedScore.ok) errors[scoreField(g.id)] = [score.trim() || unverifiedMeasureId !== g.measureId ? parsedScore.message : "Enter the score, or clear the note."];
          if (!parsedNote.ok) errors[noteField(g.id)] = [parsedNote.message];
          if (parsedScore.ok && parsedNote.ok) checked.push({ goal: g, score: parsedScore.value, note: parsedNote.value });
        }
        if (Object.keys(errors).length || !givenByUserId) throw fieldErrors(errors);
        const probes = await saveProbesIn(tx, ctx, { date: input.date.trim(), givenByUserId, clientKey: input.clientKey, probes: checked });
        return { probes, goals: byId };
      }),
    );
  });
  if (!result.ok) return withSubmitted(result, form);
  const { probes, goals } = result.data;
  // In the grid's order, so a repeat says the same.
  const savedIds = new Set(probes.map((p) => p.goalId));
  const saved = [...goals.values()].filter((g) => savedIds.has(g.id));
  revalidateProbePages(saved);
  const names = [...new Set(saved.map((g) => studentDisplayName(g.student)))];
  const count = probes.length === 1 ? "1 probe" : `${probes.length} probes`;
  return { ok: true, message: `Saved ${count} for ${formatDayMonth(probes[0]!.date, todayIso())}: ${listNames(names, 6)}.` };
}

/** A probe the user may change (probe.enter on its goal's student) while its goal is open, at the version the form names. */
async function changeableProbe(tx: Tx, ctx: Ctx, unverifiedProbeId: string, version: number) {
  const target = { entityType: "Probe", entityId: unverifiedProbeId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedProbeId);
  const probe = id.success
    ? await tx.probe.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: { id: true, goalId: true, studentId: true, date: true, score: true, note: true, invalidatedAt: true, invalidReason: true, version: true },
      })
    : null;
  // Probes are entered and changed through their goal; one without a goal is not this page's to change.
  if (!probe?.goalId) throw new DeniedError("probe.enter", { ...target, studentId: probe?.studentId ?? null });
  const goal = await goalForProbesIn(tx, ctx, probe.goalId, "probe.enter");
  assertOpen(goal);
  if (probe.version !== version) throw conflict();
  return { probe, goal };
}

type ProbeChange = Partial<{ date: Date; score: number; note: string | null; invalidatedAt: Date | null; invalidReason: string | null }>;

/**
 * Writes a change to a probe at the version it was read (0 rows is a
 * conflict) and audits it with the changed fields' previous values.
 */
async function saveChange(tx: Tx, ctx: Ctx, found: Awaited<ReturnType<typeof changeableProbe>>, change: ProbeChange) {
  const { probe, goal } = found;
  const { count } = await tx.probe.updateMany({
    where: { id: probe.id, districtId: ctx.districtId, version: probe.version },
    data: { ...change, version: { increment: 1 } },
  });
  if (count === 0) throw conflict();
  const fields = Object.keys(change) as (keyof ProbeChange)[];
  const previous = Object.fromEntries(
    fields.map((f) => {
      const value = probe[f];
      return [f, f === "date" ? toIsoDay(probe.date) : value instanceof Date ? value.toISOString() : value];
    }),
  );
  await recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "update",
    entityType: "Probe",
    entityId: probe.id,
    studentId: probe.studentId,
    detail: { goalId: goal.id, planId: goal.planId, fields, previous },
  });
}

/** Corrects a probe's date, score or note (same checks as entering one); audited with the previous values. */
export async function correctProbe(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("correctProbe", ZCorrectProbeInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "probe.enter", { entityType: "Probe", entityId: input.unverifiedProbeId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const found = await changeableProbe(tx, ctx, input.unverifiedProbeId, input.version);
      const { probe, goal } = found;
      const check = checkProbe({ measure: measureOf(goal.measure), score: input.score, date: input.date, note: input.note, planStartDate: goal.plan.startDate, today: todayIso() });
      if (!check.ok) throw fieldErrors(toFieldErrors(check.problems));
      const change: ProbeChange = {};
      if (check.date !== toIsoDay(probe.date)) change.date = dateOfDay(check.date);
      if (check.score !== probe.score) change.score = check.score;
      if (check.note !== probe.note) change.note = check.note;
      if (Object.keys(change).length === 0) return { goal, changed: false };
      await saveChange(tx, ctx, found, change);
      return { goal, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateProbePages([result.data.goal]);
  return { ok: true, message: "Probe corrected." };
}

/**
 * Marks a probe invalid with a reason (valid=no): it is kept and shown, and
 * left out of the graph's statistics and the decision rules. Or restores one
 * marked invalid (valid=yes): it counts again. One action for both, so the
 * form that shows the outcome stays on the page when the choice flips.
 */
export async function setProbeValidity(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setProbeValidity", ZSetProbeValidityInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "probe.enter", { entityType: "Probe", entityId: input.unverifiedProbeId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const found = await changeableProbe(tx, ctx, input.unverifiedProbeId, input.version);
      const invalid = found.probe.invalidatedAt !== null;
      if (input.valid === "yes") {
        if (!invalid) throw new AppError("INVALID_INPUT", "This probe is not marked invalid.");
        await saveChange(tx, ctx, found, { invalidatedAt: null, invalidReason: null });
        return { goal: found.goal, valid: true };
      }
      if (invalid) throw new AppError("INVALID_INPUT", "This probe is already marked invalid.");
      const reason = parseNote(input.reason, MAX_INVALID_REASON);
      if (!reason.ok) throw fieldError("reason", reason.message);
      if (!reason.value) throw fieldError("reason", "Enter why the probe is not valid, for example “wrong passage level” or “student was ill”.");
      await saveChange(tx, ctx, found, { invalidatedAt: new Date(), invalidReason: reason.value });
      return { goal: found.goal, valid: false };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateProbePages([result.data.goal]);
  return {
    ok: true,
    message: result.data.valid ? "Probe restored: it counts again." : "Probe marked invalid: it is kept, and left out of the graph's trend and the decision rules.",
  };
}
