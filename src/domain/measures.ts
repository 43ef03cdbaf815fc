/**
 * Progress-monitoring measures (DOMAIN.md, process step 5): what a probe or a
 * goal is counted in, which way is better, and how to say it in a sentence.
 *
 * Pure data and pure functions: no I/O.
 */

/** Which way a score should move: "higher" (fluency, percent of points) or "lower" (incidents, tardy minutes). */
export type Direction = "higher" | "lower";

export interface Measure {
  /** Stable snake_case key; stored on goals and probes, never renamed. */
  key: string;
  /** Label as shown in lists, e.g. "ORF words correct per minute". */
  name: string;
  /** Short unit, e.g. "WCPM", "%", "rating 0-10". */
  unit: string;
  direction: Direction;
  /** Smallest possible value, when the scale has one. */
  min?: number;
  /** Largest possible value, when the scale has one (percentages: 100; DBR: 10). */
  max?: number;
  /** Decimal places a score is recorded and shown with. */
  decimals: number;
  /** Decimal places for a rate per week (ROI); defaults to `decimals + 1`. */
  rateDecimals?: number;
  /**
   * What the student will do, for the goal sentence, with `{n}` where the
   * target goes: "read {n} words correct per minute".
   */
  phrase: string;
  /** Word for a decreasing rate ("0.3 fewer per week"); default "fewer". */
  lessWord?: string;
  /** Word for an increasing rate when lower is better ("0.3 more per week"); default "more". */
  moreWord?: string;
}

/**
 * The default district list. A district may add its own; keys here are stable.
 */
export const DEFAULT_MEASURES: readonly Measure[] = [
  {
    key: "orf_wcpm",
    name: "ORF words correct per minute",
    unit: "WCPM",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "read {n} words correct per minute",
  },
  {
    key: "maze_correct",
    name: "Maze correct responses",
    unit: "correct",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "make {n} correct maze responses",
  },
  {
    key: "letter_sound_fluency",
    name: "Letter-sound fluency",
    unit: "correct letter sounds per minute",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "say {n} correct letter sounds per minute",
  },
  {
    key: "math_computation_dcpm",
    name: "Math computation digits correct per minute",
    unit: "DCPM",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "write {n} digits correct per minute in math computation",
  },
  {
    key: "math_concepts_points",
    name: "Math concepts & applications points",
    unit: "points",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "score {n} points in math concepts and applications",
  },
  {
    // A universal screener's composite (issue 17): the demo district screens math with it three times a year.
    key: "math_composite",
    name: "Math screening composite",
    unit: "composite score",
    direction: "higher",
    min: 0,
    max: 100,
    decimals: 0,
    phrase: "reach a math screening composite of {n}",
  },
  {
    key: "written_expression_cws",
    name: "Written expression correct word sequences",
    unit: "CWS",
    direction: "higher",
    min: 0,
    decimals: 0,
    phrase: "write {n} correct word sequences",
  },
  {
    key: "behaviour_incidents_per_day",
    name: "Behaviour incidents per day",
    unit: "count",
    direction: "lower",
    min: 0,
    decimals: 0,
    phrase: "have {n} behaviour incidents per day",
  },
  {
    key: "cico_percent_points",
    name: "CICO percent of points earned",
    unit: "%",
    direction: "higher",
    min: 0,
    max: 100,
    decimals: 0,
    phrase: "earn {n}% of CICO points",
  },
  {
    key: "dbr_academic_engagement",
    name: "DBR academic engagement (0-10)",
    unit: "rating 0-10",
    direction: "higher",
    min: 0,
    max: 10,
    decimals: 1,
    phrase: "be rated {n} out of 10 for academic engagement",
    lessWord: "lower",
    moreWord: "higher",
  },
  {
    key: "dbr_disruptive_behaviour",
    name: "DBR disruptive behaviour (0-10)",
    unit: "rating 0-10",
    direction: "lower",
    min: 0,
    max: 10,
    decimals: 1,
    phrase: "be rated {n} out of 10 for disruptive behaviour",
    lessWord: "lower",
    moreWord: "higher",
  },
  {
    key: "minutes_tardy_per_week",
    name: "Minutes tardy per week",
    unit: "minutes",
    direction: "lower",
    min: 0,
    decimals: 0,
    phrase: "be tardy {n} minutes per week",
  },
  {
    key: "attendance_rate",
    name: "Attendance rate",
    unit: "%",
    direction: "higher",
    min: 0,
    max: 100,
    decimals: 1,
    phrase: "attend {n}% of school days",
  },
];

/**
 * The plan areas each default measure is used in, so a goal form offers a
 * math plan's measures before "ORF words correct per minute" or "Attendance
 * rate". Keyed by measure key (stable); a district's own measures have no
 * area here and are listed with the others.
 */
export const MEASURE_AREAS: Readonly<Record<string, readonly ("READING" | "MATH" | "WRITING" | "BEHAVIOR" | "SOCIAL_EMOTIONAL" | "ATTENDANCE")[]>> = {
  orf_wcpm: ["READING"],
  maze_correct: ["READING"],
  letter_sound_fluency: ["READING"],
  math_computation_dcpm: ["MATH"],
  math_concepts_points: ["MATH"],
  math_composite: ["MATH"],
  written_expression_cws: ["WRITING"],
  behaviour_incidents_per_day: ["BEHAVIOR", "SOCIAL_EMOTIONAL"],
  cico_percent_points: ["BEHAVIOR", "SOCIAL_EMOTIONAL"],
  dbr_academic_engagement: ["BEHAVIOR", "SOCIAL_EMOTIONAL"],
  dbr_disruptive_behaviour: ["BEHAVIOR", "SOCIAL_EMOTIONAL"],
  minutes_tardy_per_week: ["ATTENDANCE"],
  attendance_rate: ["ATTENDANCE"],
};

/** Whether a measure (by key) is used in plans of an area. */
export const measureFitsArea = (key: string, area: string): boolean => (MEASURE_AREAS[key] ?? []).some((a) => a === area);

/** Decimal numbers as people type them: 41, 7.5, .5, -2 (no thousands separators, no exponents). */
export const DECIMAL_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The measure with this key in `measures` (default list when omitted), or undefined. */
export function measureByKey(key: string, measures: readonly Measure[] = DEFAULT_MEASURES): Measure | undefined {
  return measures.find((m) => m.key === key);
}

/** Decimal places for a per-week rate of this measure. */
export function rateDecimalsOf(measure: Measure): number {
  return measure.rateDecimals ?? measure.decimals + 1;
}

/**
 * The measure's name as it reads inside a sentence: a leading capital is
 * lowered ("Maze correct responses" -> "maze correct responses") unless the
 * name starts with an acronym ("ORF ...", "DBR ...", "CICO ...").
 */
export function nameInSentence(measure: Measure): string {
  const n = measure.name;
  if (/^[A-Z]{2}/.test(n)) return n;
  return n.charAt(0).toLowerCase() + n.slice(1);
}

/**
 * Rounds half away from zero on the number's shortest decimal form, so a value
 * that reads "2.55" rounds to 2.6 with one decimal even though the binary
 * double nearest 2.55 is 2.54999999999999982236431605997495353221893310546875
 * (`(2.55).toFixed(1)` gives "2.5"), and 1.005 rounds to 1.01 with two decimals
 * (`Math.round(1.005 * 100) / 100` gives 1, since 1.005 * 100 is 100.49999...).
 * Negative halves go away from zero too: -2.55 -> -2.6 (Math.round(-2.5) would
 * give -2). This is the rounding people do by hand, and the one a teacher who
 * checks "2.55" on a calculator expects.
 *
 * Works by shifting the decimal point in the string form ("2.55e1" -> 25.5),
 * which is exact for the digits the number displays. Numbers whose shortest
 * form is already exponential (below 1e-6 or at least 1e21) fall back to
 * multiply/round/divide, where no one is typing halves.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${value}.`);
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`Decimals must be a whole number ≥ 0, got ${decimals}.`);
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  const text = String(abs);
  let rounded: number;
  if (text.includes("e")) {
    const factor = 10 ** decimals;
    rounded = Math.round(abs * factor) / factor;
  } else {
    const shifted = Math.round(Number(`${text}e${decimals}`));
    rounded = Number(`${shifted}e-${decimals}`);
    // `shifted` at or above 1e21 prints as "1e+21": shift arithmetically instead.
    if (Number.isNaN(rounded)) rounded = shifted / 10 ** decimals;
  }
  const result = sign * rounded;
  return result === 0 ? 0 : result; // never -0
}

/**
 * A number rounded to `decimals` (see roundHalfAwayFromZero) and written
 * without trailing zeros or a thousands separator: 72 -> "72", 2.60 -> "2.6",
 * 3.0 -> "3", -0.04 with 1 decimal -> "0".
 */
export function formatNumber(value: number, decimals: number): string {
  return String(roundHalfAwayFromZero(value, decimals));
}

/** A score of this measure for display: rounded to the measure's decimals. */
export function formatValue(measure: Measure, value: number): string {
  return formatNumber(value, measure.decimals);
}
