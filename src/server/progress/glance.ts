import "server-only";
import { toIsoDay } from "@/domain/goals";
import { monitoringPeriod, recommend, type RecommendationKind } from "@/domain/progress";
import { phaseInForce, probeDue, type ProbeDue } from "@/domain/progress/review";
import { sparkline, type Sparkline } from "@/domain/progress/sparkline";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { StudentPlan } from "@/server/plans/queries";
import { studentDosageInPeriodsIn } from "@/server/sessions/queries";
import { districtSettingsIn } from "@/server/settings/queries";
import { todayIso } from "@/server/students/schemas";
import type { InterventionArea, TierLevel } from "@/server/tiers/schemas";

export interface GlanceGoal {
  id: string;
  measureName: string;
  sparkline: Sparkline;
  /** The decision support's call (recommend(), as on the goal's page): "Continue", "Change or intensify instruction", ... */
  recommendation: { kind: RecommendationKind; title: string; reason: string };
  probeDue: ProbeDue;
}

export interface GlancePlan {
  planId: string;
  goals: GlanceGoal[];
}

/**
 * What the case at a glance shows of each active plan's goals: a sparkline
 * (with its text) and the latest recommendation, computed by the same
 * recommend() as the goal's page, with the same inputs: the valid probes, the
 * phase in force, the district's settings and the student's delivered dosage
 * and fidelity over the judged period (so the two never disagree).
 *
 * Four statements whatever the number of goals (probes and phases of every
 * goal, settings, delivery of every plan, thresholds). The caller has
 * authorized plan.view and probe.view for the student and passes the plans
 * the user may view.
 */
export async function glanceGoalsIn(
  tx: Tx,
  ctx: Ctx,
  studentId: string,
  plans: readonly StudentPlan[],
  currentTiers: readonly { area: InterventionArea; tier: TierLevel }[],
): Promise<GlancePlan[]> {
  const active = plans.filter((p) => p.status === "ACTIVE");
  const goals = active.flatMap((p) => p.goals.filter((g) => !g.archived).map((g) => ({ plan: p, goal: g })));
  if (goals.length === 0) return active.map((p) => ({ planId: p.id, goals: [] }));
  const today = todayIso();
  const d = ctx.districtId;
  const rows = await tx.$queryRaw<{ goalId: string; points: string | null; phases: string }[]>`
    SELECT g."id"::text AS "goalId",
           (SELECT json_agg(json_build_array(to_char(pr."date", 'YYYY-MM-DD'), pr."score") ORDER BY pr."date", pr."createdAt", pr."id")::text
            FROM "Probe" pr WHERE pr."districtId" = g."districtId" AND pr."goalId" = g."id" AND pr."invalidatedAt" IS NULL) AS "points",
           coalesce((SELECT json_agg(json_build_object('number', ph."number", 'startDate', to_char(ph."startDate", 'YYYY-MM-DD')))::text
                     FROM "PlanPhase" ph WHERE ph."districtId" = g."districtId" AND ph."planId" = g."planId"), '[]') AS "phases"
    FROM "Goal" g
    WHERE g."districtId" = ${d}::uuid AND g."id" = ANY(${goals.map((g) => g.goal.id)}::uuid[])`;
  const byGoal = new Map(rows.map((r) => [r.goalId, r]));
  const settings = await districtSettingsIn(tx, d);

  const prepared = goals.map(({ plan, goal }) => {
    const row = byGoal.get(goal.id);
    const points = (row?.points ? (JSON.parse(row.points) as [string, number][]) : []).map(([date, score]) => ({ date, score }));
    const phase = phaseInForce(row ? (JSON.parse(row.phases) as { number: number; startDate: string }[]) : [], today);
    const period = monitoringPeriod(points, { baselineDate: goal.baselineDate, phaseStartDate: phase.phaseStartDate });
    const from = period.since > plan.startDate ? period.since : plan.startDate;
    const to = plan.endDate && plan.endDate < today ? plan.endDate : today;
    return { plan, goal, points, phase, period: { from, to } };
  });
  const delivery = await studentDosageInPeriodsIn(
    tx,
    d,
    studentId,
    prepared.map((p) => ({ plan: p.plan, period: p.period })),
  );

  return active.map((plan) => ({
    planId: plan.id,
    goals: prepared.flatMap((p, i) => {
      if (p.plan.id !== plan.id) return [];
      const { goal, points, phase } = p;
      const dosage = delivery[i]!;
      const rec = recommend({
        measure: goal.measure,
        goal: { baseline: goal.baselineValue, baselineDate: goal.baselineDate, target: goal.targetValue, targetDate: goal.targetDate },
        points,
        settings,
        ...phase,
        delivery: { dosagePercent: dosage.minutesPercent ?? undefined, fidelityPercent: dosage.fidelityPercent ?? undefined },
      });
      const tier = currentTiers.find((t) => t.area === plan.area)?.tier ?? null;
      return [
        {
          id: goal.id,
          measureName: goal.measure.name,
          sparkline: sparkline({
            measure: goal.measure,
            baseline: { date: goal.baselineDate, value: goal.baselineValue },
            target: { date: goal.targetDate, value: goal.targetValue },
            points,
            today,
          }),
          recommendation: { kind: rec.kind, title: rec.title, reason: rec.reason },
          probeDue: probeDue({ lastProbeDate: points.at(-1)?.date, baselineDate: goal.baselineDate, planStartDate: toIsoDay(plan.startDate), tier, today }),
        },
      ];
    }),
  }));
}
