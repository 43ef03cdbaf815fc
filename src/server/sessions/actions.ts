"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { probeDateProblem } from "@/domain/probes";
import type { Prisma } from "@/generated/prisma/client";
import { formToObject, isUniqueViolation, NOT_A_FORM_REFUSAL, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import { studentDisplayName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldErrors } from "@/server/errors";
import { goalScoreOf, revalidateProbePages, saveProbesIn, type NewProbe } from "@/server/probes/entry";
import { scoreField, takeProbeRows } from "@/server/probes/schemas";
import { formatDay } from "@/domain/time-zone";
import { sessionReach } from "@/server/reach";
import { componentsOn, deliveredPlanIn, sameDaySessionsIn, sessionProbeGoalsIn, sessionWithPlanIn, type PlanBrief, type SessionRow } from "./queries";
import { todayIso } from "@/server/students/schemas";
import {
  AUTHOR_EDIT_DAYS,
  COMPONENTS_FIELD,
  CONFIRM_DUPLICATE_FIELD,
  NOT_SAVED,
  PROBES_FIELD,
  SESSION_STATUS_LABEL,
  TICK_ALL_FIELD,
  ZEditSessionInput,
  ZLogSessionInput,
  ZVoidSessionInput,
  type AttendanceStatus,
  type SessionInput,
  type TLogSessionInput,
} from "./schemas";

/**
 * The log and edit forms as an object for their schemas: the per-student
 * fields (attendanceField, partialMinutesField) become one attendance list,
 * the probe scores (scoreField, measureField) one list of probes. Only a form
 * that sends probe fields gets the list: the edit form has none, and its
 * schema refuses one.
 */
function sessionFormObject(form: FormData): Record<string, unknown> {
  const raw = formToObject(form, [COMPONENTS_FIELD]);
  const probes = takeProbeRows(raw);
  const byStudent = new Map<string, { unverifiedStudentId: string; status?: unknown; minutes?: unknown }>();
  for (const key of Object.keys(raw)) {
    const colon = key.indexOf(":");
    const prefix = key.slice(0, colon);
    if (colon < 0 || (prefix !== "attendance" && prefix !== "partialMinutes")) continue;
    const id = key.slice(colon + 1);
    const entry = byStudent.get(id) ?? { unverifiedStudentId: id };
    if (prefix === "attendance") entry.status = raw[key];
    else entry.minutes = raw[key];
    byStudent.set(id, entry);
    delete raw[key];
  }
  return { ...raw, attendance: [...byStudent.values()], ...(probes.length ? { [PROBES_FIELD]: probes } : {}) };
}

/** The session's day: as given, or today. */
const sessionDate = (input: Pick<SessionInput, "date">) => input.date ?? todayIso();

/** What the form's values come to for the plan: rows to write, or the field errors that refuse them. */
interface Resolved {
  date: string;
  attendance: { studentId: string; status: AttendanceStatus; minutes: number | null }[];
  componentIds: string[];
}

/**
 * Checks the input against the plan's own rows: the date within the plan,
 * attendance only for its students (and for each of them in a group),
 * components only of the intervention in force that day. Then the rows to
 * write: attendance for every student offered the session (held: as given,
 * or present for a plan of one; student absent: everyone absent; otherwise
 * none), components only for a held session.
 */
async function resolve(tx: Tx, ctx: Ctx, plan: PlanBrief, input: SessionInput, probeErrors: Record<string, string[]> = {}): Promise<Resolved> {
  const date = sessionDate(input);
  const errors: Record<string, string[]> = { ...probeErrors };
  if (date < plan.startDate) errors.date = [`The plan started on ${plan.startDate}: choose that day or later.`];
  if (plan.endDate && date > plan.endDate) errors.date = [`The plan ended on ${plan.endDate}: choose that day or earlier.`];

  const students = new Set(plan.students.map((s) => s.id));
  const given = new Map(input.attendance.map((a) => [a.unverifiedStudentId, a]));
  const attendanceErrors: string[] = [];
  if ([...given.keys()].some((id) => !students.has(id))) attendanceErrors.push("Attendance can only be recorded for the students of this plan. Reload the page to see its current students.");
  const group = plan.students.length > 1;
  if (!group && given.size > 0 && attendanceErrors.length === 0) attendanceErrors.push("This plan is for one student: choose the status instead.");
  if (input.status === "HELD" && group && attendanceErrors.length === 0) {
    const missing = plan.students.filter((s) => !given.get(s.id)?.status).map((s) => s.name);
    if (missing.length) attendanceErrors.push(`Choose present, absent or partial for ${missing.join(", ")}.`);
    else if (plan.students.every((s) => given.get(s.id)!.status === "ABSENT")) {
      attendanceErrors.push("Every student is marked absent: choose “Student absent” as the status, or mark who came.");
    }
  }
  if (attendanceErrors.length) errors.attendance = attendanceErrors;

  const allowed = new Set((await componentsOn(tx, ctx.districtId, plan.id, date)).map((c) => c.id));
  const componentIds = [...new Set(input[COMPONENTS_FIELD])];
  if (componentIds.some((id) => !allowed.has(id))) {
    errors[COMPONENTS_FIELD] = [
      allowed.size ? "Tick only components of this plan's intervention. Reload the page to see its current checklist." : "This plan's intervention has no checklist of components.",
    ];
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);

  const attendance: Resolved["attendance"] =
    input.status === "HELD"
      ? plan.students.map((s) => {
          const a = group ? given.get(s.id)! : { status: "PRESENT" as const, minutes: undefined };
          return { studentId: s.id, status: a.status!, minutes: a.status === "PARTIAL" ? (a.minutes ?? null) : null };
        })
      : input.status === "STUDENT_ABSENT"
        ? plan.students.map((s) => ({ studentId: s.id, status: "ABSENT" as const, minutes: null }))
        : [];
  return { date, attendance, componentIds: input.status === "HELD" ? componentIds : [] };
}

const sessionData = (input: SessionInput, r: Resolved) => ({
  date: new Date(`${r.date}T00:00:00Z`),
  startTime: input.startTime ?? null,
  status: input.status,
  // Minutes are the length of a held session; a session that did not happen has none.
  minutes: input.status === "HELD" ? (input.minutes ?? null) : null,
  note: input.note ?? null,
  componentsDelivered: r.componentIds.length,
});

async function writeChildren(tx: Tx, districtId: string, sessionId: string, planId: string, r: Resolved) {
  const date = new Date(`${r.date}T00:00:00Z`);
  if (r.attendance.length) await tx.sessionAttendance.createMany({ data: r.attendance.map((a) => ({ districtId, sessionId, planId, date, ...a })) });
  if (r.componentIds.length) await tx.sessionComponent.createMany({ data: r.componentIds.map((componentId) => ({ districtId, sessionId, componentId })) });
}

/** One audit event per student of the plan, so each student's access history lists the session. */
function auditForStudents(tx: Tx, ctx: Ctx, plan: PlanBrief, action: "create" | "update", sessionId: string, detail: Prisma.InputJsonObject) {
  return recordAudit(
    tx,
    ...plan.students.map((s) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType: "InterventionSession", entityId: sessionId, studentId: s.id, detail })),
  );
}

/** Today, the plans' pages and the profiles show sessions and dosage. */
function revalidateSessionPages() {
  for (const path of ["/sessions", "/plans", "/students"]) revalidatePath(path, "layout");
}

/** The session an earlier submission of the same form created, if any; someone else's key is refused. */
async function sessionOfKey(tx: Tx, ctx: Ctx, clientKey: string, planId: string) {
  const existing = await tx.interventionSession.findUnique({
    where: { districtId_clientKey: { districtId: ctx.districtId, clientKey } },
    select: { id: true, planId: true, loggedByUserId: true },
  });
  if (existing && (existing.planId !== planId || existing.loggedByUserId !== ctx.userId)) {
    throw new AppError("INVALID_INPUT", "This form was already used for another session. Reload the page and log the session again.");
  }
  return existing?.id ?? null;
}

/**
 * The probe scores typed with a new session, checked as the probe forms
 * check them (the score against the goal's measure, the date, which is the
 * session's, against the plan and today) and against the session: a probe is
 * given at a held session, to a student who was there. Blank scores are no
 * probe. Returns the probes to save, or the field errors (beside each score)
 * that refuse the whole submission. A goal that is not an open goal of the
 * plan's students refuses it too; one whose student the user may not enter
 * probes for (probe.enter) is a DeniedError, as on the probe pages.
 */
async function sessionProbesOf(tx: Tx, ctx: Ctx, plan: PlanBrief, input: TLogSessionInput): Promise<{ probes: NewProbe[]; errors: Record<string, string[]> }> {
  const filled = input[PROBES_FIELD].filter((r) => r.score.trim());
  if (filled.length === 0) return { probes: [], errors: {} };
  const goals = new Map((await sessionProbeGoalsIn(tx, ctx, plan)).map((g) => [g.id, g]));
  if (filled.some((r) => !goals.has(r.unverifiedGoalId))) {
    return { probes: [], errors: { [PROBES_FIELD]: ["Probe scores can only be entered for the open goals of this plan's students. Reload the page and enter them again."] } };
  }
  const outOfReach = filled.map((r) => goals.get(r.unverifiedGoalId)!).find((g) => !g.mayEnter);
  if (outOfReach) throw new DeniedError("probe.enter", { entityType: "Goal", entityId: outOfReach.id, studentId: outOfReach.studentId });

  const dateProblem = probeDateProblem(sessionDate(input), plan.startDate, todayIso());
  const attendance = new Map(input.attendance.map((a) => [a.unverifiedStudentId, a.status]));
  const group = plan.students.length > 1;
  const probes: NewProbe[] = [];
  const errors: Record<string, string[]> = {};
  for (const row of filled) {
    const goal = goals.get(row.unverifiedGoalId)!;
    const field = scoreField(goal.id);
    const score = goalScoreOf(goal, row.unverifiedMeasureId, row.score);
    if (input.status !== "HELD") errors[field] = ["A probe is given at a held session: choose “Held” above, or clear this score."];
    else if (group && attendance.get(goal.studentId) === "ABSENT") errors[field] = [`${studentDisplayName(goal.student)} is marked absent: clear this score, or change their attendance.`];
    else if (dateProblem) errors[field] = [`${dateProblem} A probe saved with a session takes the session's date.`];
    else if (!score.ok) errors[field] = [score.message];
    else probes.push({ goal, score: score.value, note: null });
  }
  return { probes, errors };
}

/**
 * A second session for the same plan and day is usually the same session
 * logged twice (two staff, or a retry from another device), and it would
 * count twice in dosage ("held 4 of 3 planned"). So it needs the tick box
 * the refusal adds to the form, naming who logged the first; a voided
 * session does not count.
 */
async function checkDuplicate(tx: Tx, ctx: Ctx, planId: string, date: string, confirmed: boolean) {
  if (confirmed) return;
  const existing = await sameDaySessionsIn(tx, ctx.districtId, planId, date);
  if (existing.length === 0) return;
  const which = existing.map((e) => `${SESSION_STATUS_LABEL[e.status].toLowerCase()}, logged by ${e.userId === ctx.userId ? "you" : e.loggedBy}`).join("; ");
  const one = existing.length === 1;
  throw new AppError("CONFLICT", `This plan already has ${one ? "a session" : `${existing.length} sessions`} logged on ${formatDay(date)} (${which}).`, {
    [CONFIRM_DUPLICATE_FIELD]: [
      `If this is another session on the same day, tick the box and log it again. If it is the same session, there is nothing to log${one ? "" : " again"}: go back to the plan's sessions to check or change it.`,
    ],
  });
}

/**
 * Logs a session of an active plan the user delivers. Each form carries a
 * client key made when it was rendered: a repeat of the same submission (a
 * double tap, a retry) finds the session the first one created, also when
 * both arrive at once (the unique key makes the second insert fail, and it
 * then reads the first). The probe scores typed with it (sessionProbesOf)
 * are saved as probes in the same transaction, under the same key, so a
 * repeat saves none twice; any problem with them refuses the session too.
 * Success goes back to Today, which confirms the session and its probes.
 */
/**
 * "All components delivered" pressed without JavaScript: the form comes back
 * as submitted but with every listed component ticked, and nothing is saved
 * or read (the ids are only echoed; saving checks them against the plan).
 * Null when the form was submitted to be saved.
 */
function tickAllComponents(form: FormData): ActionState | null {
  const all = form.get(TICK_ALL_FIELD);
  if (all === null) return null;
  const ids = String(all)
    .split(",")
    .filter((id) => z.uuid().safeParse(id).success)
    .slice(0, 50);
  form.delete(TICK_ALL_FIELD);
  form.delete(COMPONENTS_FIELD);
  for (const id of ids) form.append(COMPONENTS_FIELD, id);
  const message = "Every component is ticked. Untick any that were not delivered, then save the session.";
  return withSubmitted({ ok: false as const, error: { code: NOT_SAVED, message } }, form, [COMPONENTS_FIELD]);
}

export async function logSession(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const ticked = tickAllComponents(form);
  if (ticked) return ticked;
  const result = await runAction("logSession", ZLogSessionInput, sessionFormObject(form), async (ctx, input) => {
    const find = (tx: Tx) => deliveredPlanIn(tx, ctx, input.unverifiedPlanId, "session.log");
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        const plan = await find(tx);
        const repeated = await sessionOfKey(tx, ctx, input.clientKey, plan.id);
        if (repeated) return { id: repeated, probeGoals: [] };
        const probes = await sessionProbesOf(tx, ctx, plan, input);
        const resolved = await resolve(tx, ctx, plan, input, probes.errors);
        await checkDuplicate(tx, ctx, plan.id, resolved.date, input[CONFIRM_DUPLICATE_FIELD] === "yes");
        const session = await tx.interventionSession.create({
          data: { districtId: ctx.districtId, planId: plan.id, clientKey: input.clientKey, loggedByUserId: ctx.userId, ...sessionData(input, resolved) },
          select: { id: true },
        });
        await writeChildren(tx, ctx.districtId, session.id, plan.id, resolved);
        await auditForStudents(tx, ctx, plan, "create", session.id, { planId: plan.id, date: resolved.date, status: input.status });
        await saveProbesIn(tx, ctx, { date: resolved.date, givenByUserId: ctx.userId, clientKey: input.clientKey, probes: probes.probes });
        return { id: session.id, probeGoals: probes.probes.map((p) => p.goal) };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent submission of the same form won the insert: answer with its session.
      const id = await withTenant(ctx.districtId, async (tx) => sessionOfKey(tx, ctx, input.clientKey, (await find(tx)).id));
      if (!id) throw error;
      return { id, probeGoals: [] };
    }
  });
  if (!result.ok) return withSubmitted(result, form, [COMPONENTS_FIELD]);
  revalidateSessionPages();
  revalidateProbePages(result.data.probeGoals);
  redirect(`/sessions?logged=${result.data.id}`);
}

const byStudent = <T extends { studentId: string }>(rows: T[]) => [...rows].sort((a, b) => a.studentId.localeCompare(b.studentId));

/** The values an edit replaces, for its audit event (ids and values, no names). */
function previousOf(s: SessionRow) {
  return {
    date: s.date.toISOString().slice(0, 10),
    startTime: s.startTime,
    minutes: s.minutes,
    status: s.status,
    note: s.note,
    attendance: byStudent(s.attendance.map((a) => ({ studentId: a.studentId, status: a.status, minutes: a.minutes }))),
    componentIds: s.components.map((c) => c.componentId).sort(),
  };
}

/**
 * Saves changes to a logged session: its author within AUTHOR_EDIT_DAYS days
 * of logging it while they still reach its plan, coordinators
 * (session.editAny) always (sessionReach). Names the version the
 * form was opened with (a stale one is a conflict); replaces attendance and
 * components; audits the previous values.
 */
export async function editSession(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const ticked = tickAllComponents(form);
  if (ticked) return ticked;
  const result = await runAction("editSession", ZEditSessionInput, sessionFormObject(form), async (ctx, input) => {
    const target = { entityType: "InterventionSession", entityId: input.unverifiedSessionId.slice(0, 64) };
    const id = z.uuid().safeParse(input.unverifiedSessionId);
    if (!id.success) throw new DeniedError("session.editAny", target);
    return withTenant(ctx.districtId, async (tx) => {
      const found = await sessionWithPlanIn(tx, ctx.districtId, id.data);
      const right = found ? (await sessionReach(tx, ctx, found.session, found.plan)).edit : null;
      if (!found || !right) throw new DeniedError("session.editAny", target);
      if (right === "expired") {
        throw new AppError("INVALID_INPUT", `You can change a session you logged for ${AUTHOR_EDIT_DAYS} days after logging it. Ask your coordinator to correct this one.`);
      }
      const { session, plan } = found;
      if (session.voidedAt) throw new AppError("INVALID_INPUT", "This session was voided: it cannot be changed. Log a new session instead.");
      const conflict = () => new AppError("CONFLICT", "Someone changed this session since you opened it. Reload the page to see their changes, then make yours again.");
      if (session.version !== input.version) throw conflict();
      const resolved = await resolve(tx, ctx, plan, input);
      const { count } = await tx.interventionSession.updateMany({
        where: { id: session.id, districtId: ctx.districtId, version: input.version },
        data: { ...sessionData(input, resolved), version: { increment: 1 } },
      });
      if (count === 0) throw conflict();
      await tx.sessionAttendance.deleteMany({ where: { districtId: ctx.districtId, sessionId: session.id } });
      await tx.sessionComponent.deleteMany({ where: { districtId: ctx.districtId, sessionId: session.id } });
      await writeChildren(tx, ctx.districtId, session.id, plan.id, resolved);
      const previous = previousOf(session);
      const next: Record<keyof typeof previous, unknown> = { ...sessionData(input, resolved), date: resolved.date, attendance: byStudent(resolved.attendance), componentIds: [...resolved.componentIds].sort() };
      const fields = (Object.keys(previous) as (keyof typeof previous)[]).filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
      await auditForStudents(tx, ctx, plan, "update", session.id, { planId: plan.id, fields, previous });
    });
  });
  if (!result.ok) return withSubmitted(result, form, [COMPONENTS_FIELD]);
  revalidateSessionPages();
  return { ok: true, message: "Session saved." };
}

/**
 * Voids a session logged by mistake (a duplicate, the wrong plan or day):
 * its author within the edit window, coordinators (session.editAny) always,
 * with a reason. Nothing is deleted: the session, its attendance and
 * components stay, marked with who voided it, when and why, and every dosage
 * and fidelity figure leaves it out. Audited as an update for each student.
 * Probes entered with the session are separate records and stay (an invalid
 * probe is marked on its goal's page).
 */
export async function voidSession(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("voidSession", ZVoidSessionInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "InterventionSession", entityId: input.unverifiedSessionId.slice(0, 64) };
    const id = z.uuid().safeParse(input.unverifiedSessionId);
    if (!id.success) throw new DeniedError("session.editAny", target);
    return withTenant(ctx.districtId, async (tx) => {
      const found = await sessionWithPlanIn(tx, ctx.districtId, id.data);
      const right = found ? (await sessionReach(tx, ctx, found.session, found.plan)).edit : null;
      if (!found || !right) throw new DeniedError("session.editAny", target);
      if (right === "expired") {
        throw new AppError("INVALID_INPUT", `You can void a session you logged for ${AUTHOR_EDIT_DAYS} days after logging it. Ask your coordinator to void this one.`);
      }
      const { session, plan } = found;
      if (session.voidedAt) throw new AppError("INVALID_INPUT", "This session is already voided.");
      const { count } = await tx.interventionSession.updateMany({
        where: { id: session.id, districtId: ctx.districtId, version: input.version, voidedAt: null },
        data: { voidedAt: new Date(), voidedByUserId: ctx.userId, voidReason: input.reason, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", "Someone changed this session since you opened it. Reload the page and try again.");
      await auditForStudents(tx, ctx, plan, "update", session.id, { planId: plan.id, fields: ["voidedAt"], voided: true, reason: input.reason, previous: previousOf(session) });
      return { planId: plan.id };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateSessionPages();
  redirect(`/plans/${result.data.planId}/sessions?voided=1`);
}
