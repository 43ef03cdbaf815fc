/**
 * Benchmarks (DOMAIN.md, process step 1): per measure, grade and screening
 * season, the score that counts as at benchmark and, optionally, the risk cut
 * beyond which a score is well below benchmark. Pure functions: which season a
 * date falls in, and what is wrong with a benchmark a person typed.
 */
import type { Measure } from "./measures";

export const SEASONS = ["FALL", "WINTER", "SPRING"] as const;
export type Season = (typeof SEASONS)[number];
export const SEASON_LABEL: Readonly<Record<Season, string>> = { FALL: "Fall", WINTER: "Winter", SPRING: "Spring" };

/**
 * The calendar months (1 = January) whose dates take each season's benchmark.
 * Screening windows usually open in September, January and May; the seasons
 * around them cover the whole year so every probe has one: fall = August to
 * November, winter = December to February, spring = March to July (summer
 * school is measured against the spring benchmark of the grade just finished).
 */
export const SEASON_MONTHS: Readonly<Record<Season, readonly number[]>> = {
  FALL: [8, 9, 10, 11],
  WINTER: [12, 1, 2],
  SPRING: [3, 4, 5, 6, 7],
};

/** The season a date falls in (its UTC calendar month, as dates are stored: a DATE column reads as UTC midnight). */
export function seasonOf(date: Date): Season {
  const month = date.getUTCMonth() + 1;
  if (Number.isNaN(month)) throw new RangeError("seasonOf needs a valid date.");
  return SEASONS.find((s) => SEASON_MONTHS[s].includes(month))!;
}

/** One grade-and-season cell: the benchmark and the optional risk cut. */
export interface BenchmarkCell {
  benchmark: number | null;
  riskCut: number | null;
}

/** A plain decimal number as people type it ("72", "7.5", "-1"); anything else is not a score. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function readNumber(text: string | undefined): number | null | "invalid" {
  const t = (text ?? "").trim();
  if (t === "") return null;
  return NUMBER.test(t) ? Number(t) : "invalid";
}

function rangeProblem(measure: Measure, value: number, what: string): string | null {
  const { min, max } = measure;
  const inRange = (min === undefined || value >= min) && (max === undefined || value <= max);
  if (inRange) return null;
  if (min !== undefined && max !== undefined) return `${what} must be from ${min} to ${max}`;
  return min !== undefined ? `${what} must be at least ${min}` : `${what} must be at most ${max}`;
}

/**
 * Reads a cell from the text typed for it (blank = no value) and lists what is
 * wrong with it for this measure, as lower-case clauses for the caller to
 * place ("Grade 3, winter: ...", "Row 4: ..."): numbers within the measure's
 * range, and a risk cut on the worse side of the benchmark (below it when
 * higher is better, above it when lower is better). The cell is null when
 * there is a problem.
 */
export function readBenchmarkCell(measure: Measure, text: { benchmark?: string; riskCut?: string }): { cell: BenchmarkCell | null; problems: string[] } {
  const benchmark = readNumber(text.benchmark);
  const riskCut = readNumber(text.riskCut);
  if (benchmark === "invalid" || riskCut === "invalid") {
    const problems = [benchmark === "invalid" ? "the benchmark must be a number" : null, riskCut === "invalid" ? "the risk cut must be a number" : null];
    return { cell: null, problems: problems.filter((p) => p !== null) };
  }
  const problems = [benchmark === null ? null : rangeProblem(measure, benchmark, "the benchmark"), riskCut === null ? null : rangeProblem(measure, riskCut, "the risk cut")].filter(
    (p) => p !== null,
  );
  if (riskCut !== null && benchmark === null) problems.push("a risk cut needs a benchmark");
  if (riskCut !== null && benchmark !== null && problems.length === 0) {
    const higher = measure.direction === "higher";
    if (higher ? riskCut >= benchmark : riskCut <= benchmark) {
      problems.push(`the risk cut must be ${higher ? "below" : "above"} the benchmark (${benchmark}), since ${higher ? "higher" : "lower"} scores are better`);
    }
  }
  return problems.length ? { cell: null, problems } : { cell: { benchmark, riskCut }, problems };
}
