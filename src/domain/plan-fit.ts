/**
 * Whether a plan fits its library intervention (issue 13): a group size
 * outside the intervention's range, or a planned dosage well below its
 * recommendation, is flagged to the plan's writer and to the approving
 * coordinator, who may still approve it with a reason. Pure functions.
 *
 * "Well below" (decision 011): planned minutes a week (minutes per session x
 * sessions a week) under 75% of the recommended minutes a week. The
 * district's dosage flag fires under 80% of the *planned* minutes, so a plan
 * written at 75% of the recommendation and delivered at 80% of that gives
 * the student only 60% of what the evidence was gathered at.
 */

/** Planned minutes a week below this share of the intervention's recommendation are "well below". */
export const WELL_BELOW_SHARE = 0.75;

export interface PlanDosageFields {
  groupSize: number;
  minutesPerSession: number;
  sessionsPerWeek: number;
}

export interface InterventionRecommendation {
  name: string;
  groupSizeMin: number | null;
  groupSizeMax: number | null;
  minutesPerSession: number | null;
  sessionsPerWeek: number | null;
}

/** The ways a plan does not fit its intervention, as sentences; empty when it fits (or has no library intervention). */
export function planFitProblems(plan: PlanDosageFields, intervention: InterventionRecommendation | null): string[] {
  if (!intervention) return [];
  const problems: string[] = [];
  const { groupSizeMin: min, groupSizeMax: max } = intervention;
  if ((min !== null && plan.groupSize < min) || (max !== null && plan.groupSize > max)) {
    const range = min !== null && max !== null ? (min === max ? `${min}` : `${min} to ${max}`) : min !== null ? `at least ${min}` : `at most ${max}`;
    problems.push(`A group of ${plan.groupSize} is outside ${intervention.name}'s recommended group size (${range}).`);
  }
  if (intervention.minutesPerSession !== null && intervention.sessionsPerWeek !== null) {
    const recommended = intervention.minutesPerSession * intervention.sessionsPerWeek;
    const planned = plan.minutesPerSession * plan.sessionsPerWeek;
    if (planned < recommended * WELL_BELOW_SHARE) {
      problems.push(
        `${planned} minutes a week (${plan.sessionsPerWeek} x ${plan.minutesPerSession}) is well below ${intervention.name}'s recommended ${recommended} ` +
          `(${intervention.sessionsPerWeek} x ${intervention.minutesPerSession}): ${Math.round((planned / recommended) * 100)}%, under ${WELL_BELOW_SHARE * 100}%.`,
      );
    }
  }
  return problems;
}
