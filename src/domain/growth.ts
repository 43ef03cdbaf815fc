/**
 * Goal-setting help (issue 13): what growth per week a goal asks for, what
 * the district's benchmark would need, and what students of the grade
 * typically make, so an implausible goal is questioned before it is saved.
 * Pure data and pure functions, no I/O.
 *
 * "Well below" and "far above" (decision 011):
 * - too low: the goal's rate is less than half the rate its gap to the
 *   benchmark needs by the target date (a goal that closes less than half
 *   the gap leaves the student far below benchmark), or, with no benchmark,
 *   less than half the realistic typical rate of the grade;
 * - too high: the goal's rate is more than 1.5 times the ambitious typical
 *   rate of the grade (growth few students make, so the goal will read as
 *   non-response).
 * Either is a question the writer confirms, never a refusal: a team may
 * have reasons (a short goal, a student new to English).
 */

import { formatDayMonth, formatRate, goalRoi, weeksBetween, type DateInput } from "./goals";
import { formatValue, type Measure } from "./measures";

/** Grades as the student records store them. */
export type Grade = "PK" | "KG" | "G1" | "G2" | "G3" | "G4" | "G5" | "G6" | "G7" | "G8" | "G9" | "G10" | "G11" | "G12";

export interface GrowthRate {
  /** Typical weekly growth with ordinary intervention. */
  realistic: number;
  /** Weekly growth an ambitious goal asks for. */
  ambitious: number;
}

/**
 * Weekly growth rates by measure key and grade, from Fuchs, L. S., Fuchs, D.,
 * Hamlett, C. L., Walz, L., & Germann, G. (1993). Formative evaluation of
 * academic progress: How much growth can we expect? School Psychology
 * Review, 22(1), 27-48 (Table: realistic and ambitious weekly rates of
 * improvement). Oral reading fluency: words read correctly per minute per
 * week, grades 1 to 6; math computation: digits correct per minute per week,
 * grades 1 to 6. The same figures are the ones the National Center on
 * Intensive Intervention and most CBM manuals quote. Grades outside these
 * (kindergarten, 7 and up) have no published rate here, so no suggestion.
 */
export const GROWTH_NORMS: Readonly<Record<string, Partial<Record<Grade, GrowthRate>>>> = {
  orf_wcpm: {
    G1: { realistic: 2, ambitious: 3 },
    G2: { realistic: 1.5, ambitious: 2 },
    G3: { realistic: 1, ambitious: 1.5 },
    G4: { realistic: 0.85, ambitious: 1.1 },
    G5: { realistic: 0.5, ambitious: 0.8 },
    G6: { realistic: 0.3, ambitious: 0.65 },
  },
  math_computation_dcpm: {
    G1: { realistic: 0.3, ambitious: 0.5 },
    G2: { realistic: 0.3, ambitious: 0.5 },
    G3: { realistic: 0.3, ambitious: 0.5 },
    G4: { realistic: 0.7, ambitious: 1.15 },
    G5: { realistic: 0.75, ambitious: 1.2 },
    G6: { realistic: 0.45, ambitious: 1 },
  },
};
export const GROWTH_SOURCE = "Fuchs, Fuchs, Hamlett, Walz & Germann, 1993";

/** Below this share of the rate the benchmark (or, without one, typical growth) needs, a goal is questioned. */
export const TOO_LOW_SHARE = 0.5;
/** Above this multiple of the ambitious typical rate, a goal is questioned. */
export const TOO_HIGH_MULTIPLE = 1.5;

const GRADE_WORDS: Partial<Record<Grade, string>> = { G1: "grade 1", G2: "grade 2", G3: "grade 3", G4: "grade 4", G5: "grade 5", G6: "grade 6" };

/** The published weekly growth for a measure at a grade, if there is one. */
export function typicalGrowth(measureKey: string, grade: Grade): GrowthRate | undefined {
  return GROWTH_NORMS[measureKey]?.[grade];
}

export interface GoalSuggestionInput {
  measure: Measure;
  grade: Grade;
  baseline: number;
  baselineDate: DateInput;
  targetDate: DateInput;
  /** The district's benchmark for the measure, the student's grade and the target date's season. */
  benchmark?: { value: number; seasonLabel: string };
}

export interface GoalSuggestion {
  weeks: number;
  /** The rate that reaches the benchmark by the target date, and that target. */
  benchmark?: { value: number; roi: number };
  typical?: GrowthRate & { realisticTarget: number; ambitiousTarget: number };
  /** The sentences the form shows: "The winter benchmark 97 needs 3.2 per week; typical growth at grade 3 is about 1 per week ...". */
  text: string;
}

/** Rounded as the measure records scores. */
const roundTo = (measure: Measure, n: number) => Number(n.toFixed(measure.decimals));

/**
 * What a goal from this baseline to this date could aim at: the benchmark
 * (with the rate it needs) and the realistic and ambitious targets from
 * typical growth. Only for measures where more is better (the published
 * rates are gains); undefined when there is nothing to suggest.
 */
export function goalSuggestion(input: GoalSuggestionInput): GoalSuggestion | undefined {
  const { measure, grade, baseline, baselineDate, targetDate, benchmark } = input;
  const weeks = weeksBetween(baselineDate, targetDate);
  if (!(weeks > 0) || measure.direction !== "higher") return undefined;
  const rate = typicalGrowth(measure.key, grade);
  const by = formatDayMonth(targetDate, baselineDate);
  const parts: string[] = [];
  let bench: GoalSuggestion["benchmark"];
  if (benchmark && benchmark.value > baseline) {
    bench = { value: benchmark.value, roi: (benchmark.value - baseline) / weeks };
    parts.push(`The ${benchmark.seasonLabel.toLowerCase()} benchmark ${formatValue(measure, benchmark.value)} needs ${formatRate(measure, bench.roi)} from ${formatValue(measure, baseline)} by ${by}.`);
  }
  let typical: GoalSuggestion["typical"];
  if (rate) {
    typical = { ...rate, realisticTarget: roundTo(measure, baseline + rate.realistic * weeks), ambitiousTarget: roundTo(measure, baseline + rate.ambitious * weeks) };
    parts.push(
      `Typical growth at ${GRADE_WORDS[grade]} is about ${formatRate(measure, rate.realistic)} (ambitious: ${formatRate(measure, rate.ambitious)}; ${GROWTH_SOURCE}): ` +
        `a target of about ${formatValue(measure, typical.realisticTarget)}, or ${formatValue(measure, typical.ambitiousTarget)} for an ambitious goal, by ${by}.`,
    );
  }
  if (parts.length === 0) return undefined;
  return { weeks, benchmark: bench, typical, text: parts.join(" ") };
}

/**
 * The question to ask before saving a goal whose rate is implausible (the
 * rules at the top), with the suggestion; null when it is plausible or there
 * is nothing to compare it with.
 */
export function goalRoiQuestion(input: GoalSuggestionInput & { target: number }): string | null {
  const suggestion = goalSuggestion(input);
  if (!suggestion) return null;
  const { measure } = input;
  const roi = goalRoi({ baseline: input.baseline, target: input.target, startDate: input.baselineDate, targetDate: input.targetDate });
  const asks = `This goal asks for ${formatRate(measure, roi)}.`;
  const { benchmark, typical } = suggestion;
  if (benchmark && roi < benchmark.roi * TOO_LOW_SHARE) {
    return `${asks} That is less than half of what reaching the benchmark needs, so the student would stay well below it. ${suggestion.text}`;
  }
  if (!benchmark && typical && roi < typical.realistic * TOO_LOW_SHARE) {
    return `${asks} That is less than half of typical growth. ${suggestion.text}`;
  }
  if (typical && roi > typical.ambitious * TOO_HIGH_MULTIPLE) {
    return `${asks} That is more than ${TOO_HIGH_MULTIPLE} times ambitious growth for the grade, so the goal may be missed even if the intervention works. ${suggestion.text}`;
  }
  return null;
}
