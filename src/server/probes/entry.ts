import "server-only";
import { revalidatePath } from "next/cache";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { parseScore } from "@/domain/probes";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import type { ProbeGoal } from "./queries";

// Entering probes, shared by the probe forms (./actions.ts) and the session
// log (src/server/sessions/actions.ts), which saves the scores typed with a
// session as probes: one check of a typed score against its goal, one write
// with its audit events. Not a "use server" file: nothing here may be called
// from the browser on its own.

export const MEASURE_CHANGED = "This goal's measure is not the one the form was opened with, so the score was not saved: reload the page and enter it again.";

/**
 * The score typed for a probe of a goal (parseScore against the goal's
 * measure), or why it cannot be saved; also when the form was rendered for
 * another measure than the goal's (`unverifiedMeasureId`).
 */
export function goalScoreOf(goal: Pick<ProbeGoal, "measureId" | "measure">, unverifiedMeasureId: string, text: string): { ok: true; value: number } | { ok: false; message: string } {
  if (unverifiedMeasureId !== goal.measureId) return { ok: false, message: MEASURE_CHANGED };
  return parseScore(measureOf(goal.measure), text);
}

/** A checked probe to write: the goal gives its student and measure. */
export interface NewProbe {
  goal: Pick<ProbeGoal, "id" | "planId" | "studentId" | "measureId">;
  score: number;
  note: string | null;
}

const SAVED_PROBE_SELECT = { id: true, goalId: true, studentId: true, date: true, score: true } as const;

function createdEvent(ctx: Ctx, probe: { id: string; studentId: string; date: Date }, planId: string, goalId: string): AuditEntry {
  return {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "create",
    entityType: "Probe",
    entityId: probe.id,
    studentId: probe.studentId,
    detail: { goalId, planId, date: toIsoDay(probe.date) },
  };
}

/**
 * Writes the checked probes of one submission, all dated `date`
 * ("yyyy-mm-dd") and given by one person, under the submission's client key
 * (a repeat finds them by it), with a create audit event for each. The caller
 * has authorized probe.enter for every goal's student, in the transaction
 * that checked them. One statement for the probes, one for the events.
 */
export async function saveProbesIn(tx: Tx, ctx: Ctx, submission: { date: string; givenByUserId: string; clientKey: string; probes: readonly NewProbe[] }) {
  const { probes } = submission;
  if (probes.length === 0) return [];
  const date = dateOfDay(submission.date);
  const saved = await tx.probe.createManyAndReturn({
    data: probes.map(({ goal, score, note }) => ({
      districtId: ctx.districtId,
      studentId: goal.studentId,
      measureId: goal.measureId,
      goalId: goal.id,
      date,
      score,
      note,
      givenByUserId: submission.givenByUserId,
      clientKey: submission.clientKey,
    })),
    select: SAVED_PROBE_SELECT,
  });
  const planOf = new Map(probes.map((p) => [p.goal.id, p.goal.planId]));
  await recordAudit(tx, ...saved.map((p) => createdEvent(ctx, p, planOf.get(p.goalId!)!, p.goalId!)));
  return saved;
}

/** The pages that show these goals' probes: the goal's, the plan's and the student's. */
export function revalidateProbePages(goals: readonly { id: string; planId: string; studentId: string }[]) {
  for (const path of new Set(goals.flatMap((g) => [`/goals/${g.id}`, `/plans/${g.planId}`]))) revalidatePath(path, "layout");
  for (const id of new Set(goals.map((g) => g.studentId))) revalidatePath(`/students/${id}`);
}
