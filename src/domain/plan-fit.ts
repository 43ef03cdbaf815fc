/**
 * Whether a plan fits its library intervention (issue 13): a group size
 * outside the intervention's range, a student in a grade outside the grades
 * it was built for, or a planned dosage well below its
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

/** Grades in school order, as the database spells them (pure copy of the GradeLevel enum: the domain imports nothing from the server). */
const GRADE_ORDER = ["PK", "KG", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12"] as const;
export type FitGrade = (typeof GRADE_ORDER)[number];
/** "Pre-K", "Kindergarten", "Grade 2": how a student's grade is named in a sentence. */
const gradeWords = (g: FitGrade) => (g === "PK" ? "Pre-K" : g === "KG" ? "Kindergarten" : `Grade ${g.slice(1)}`);
/** "PK", "K", "3": a bound of a range. */
const gradeShort = (g: FitGrade) => (g === "KG" ? "K" : g === "PK" ? "PK" : g.slice(1));

/** One student on the plan: the first name the sentence uses, and the grade (null when the record has none). */
export interface PlanStudentGrade {
  name: string;
  grade: FitGrade | null;
}

export interface InterventionRecommendation {
  name: string;
  groupSizeMin: number | null;
  groupSizeMax: number | null;
  /** The grades it was built for; null = not stated (no check on that side). */
  gradeMin?: FitGrade | null;
  gradeMax?: FitGrade | null;
  minutesPerSession: number | null;
  sessionsPerWeek: number | null;
}

/**
 * The ways a plan does not fit its intervention, as sentences; empty when it
 * fits (or has no library intervention). `students` are the plan's students
 * with their grades: one sentence per grade outside the intervention's range,
 * naming the students in that grade (a student with no grade recorded is not
 * flagged: nothing is known to be wrong).
 */
export function planFitProblems(plan: PlanDosageFields, intervention: InterventionRecommendation | null, students: readonly PlanStudentGrade[]): string[] {
  if (!intervention) return [];
  const problems: string[] = [];
  const gMin = intervention.gradeMin ?? null;
  const gMax = intervention.gradeMax ?? null;
  if (gMin !== null || gMax !== null) {
    const lo = gMin === null ? -Infinity : GRADE_ORDER.indexOf(gMin);
    const hi = gMax === null ? Infinity : GRADE_ORDER.indexOf(gMax);
    const outside = new Map<FitGrade, string[]>();
    for (const s of students) {
      if (s.grade === null) continue;
      const i = GRADE_ORDER.indexOf(s.grade);
      if (i < lo || i > hi) outside.set(s.grade, [...(outside.get(s.grade) ?? []), s.name]);
    }
    const range =
      gMin !== null && gMax !== null ? (gMin === gMax ? `${gradeShort(gMin)} only` : `${gradeShort(gMin)} to ${gradeShort(gMax)}`) : gMin !== null ? `${gradeShort(gMin)} and up` : `up to ${gradeShort(gMax!)}`;
    // In school order, so the sentences read the same way every time.
    for (const g of GRADE_ORDER.filter((x) => outside.has(x))) {
      const names = outside.get(g)!;
      const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      problems.push(`${gradeWords(g)} (${who}) is outside ${intervention.name}'s grades (${range}).`);
    }
  }
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
