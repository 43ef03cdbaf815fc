import { z } from "zod";
import { MAX_BASELINE_PROBES, type Baseline, type GoalField, type Probe } from "@/domain/goals";
import { DECIMAL_TEXT } from "@/domain/measures";

// A goal's form: the measure, a baseline typed in (value and date) OR up to
// three baseline probes (their median is the baseline), the target and its
// date. The schema turns the text the form sends into numbers and dates; what
// depends on the measure, the plan and the calendar is checkPlanGoal's
// (src/domain/goals.ts), once the action has found them.

/** Rows of the baseline probe fieldset, numbered from 1 as people count them. */
export const PROBE_ROWS: readonly number[] = Array.from({ length: MAX_BASELINE_PROBES }, (_, i) => i + 1);
/** Form field name of one part of one probe row, e.g. probe2Date. */
export const probeField = (row: number, part: "Value" | "Date") => `probe${row}${part}`;

/** The tick box that keeps a goal whose rate of improvement was questioned. */
export const CONFIRM_ROI_FIELD = "confirmRoi";

const field = z.string().max(40, "Use at most 40 characters.").optional();

const probeFields = Object.fromEntries(PROBE_ROWS.flatMap((row) => [[probeField(row, "Value"), field], [probeField(row, "Date"), field]])) as Record<`probe${number}${"Value" | "Date"}`, typeof field>;

const goalFields = {
  unverifiedMeasureId: z.string({ error: "Choose the measure." }).trim().min(1, "Choose the measure.").max(100),
  baselineValue: field,
  baselineDate: field,
  ...probeFields,
  targetValue: field,
  targetDate: field,
  // Ticked after the form came back questioning the goal's rate of improvement (goalRoiQuestion).
  [CONFIRM_ROI_FIELD]: z.literal("yes", { error: "This confirmation is a tick box: tick it, or leave it empty." }).optional(),
};

type RawGoal = z.output<z.ZodObject<typeof goalFields>>;

export interface GoalEntry {
  unverifiedMeasureId: string;
  /** A typed baseline, or the probes it is the median of. */
  baseline: Baseline | { probes: Probe[] };
  target: number;
  targetDate: string;
  /** The writer confirmed a rate of improvement the form questioned. */
  roiConfirmed: boolean;
}

/** Parses the typed text into a goal entry, one issue per field that is missing or not a number or date. */
function toGoalEntry(raw: RawGoal, c: z.RefinementCtx): GoalEntry {
  const values = raw as unknown as Record<string, string | undefined>;
  const text = (name: string) => values[name]?.trim() ?? "";
  let failed = false;
  const fail = (path: string, message: string) => {
    failed = true;
    c.addIssue({ code: "custom", path: [path], message });
  };
  const number = (name: string, missing: string, what: string): number => {
    const t = text(name);
    if (!t) fail(name, missing);
    else if (!DECIMAL_TEXT.test(t)) fail(name, `Enter ${what} as a number, for example 41 or 7.5.`);
    return Number(t);
  };
  const date = (name: string, missing: string, what: string): string => {
    const t = text(name);
    if (!t) fail(name, missing);
    else if (!z.iso.date().safeParse(t).success) fail(name, `Enter ${what} as a full date (year, month and day).`);
    return t;
  };

  const typed = Boolean(text("baselineValue") || text("baselineDate"));
  // Blank probe rows are ignored; a row with anything in it needs both parts.
  const rows = PROBE_ROWS.filter((row) => text(probeField(row, "Value")) || text(probeField(row, "Date")));
  let baseline: GoalEntry["baseline"] | undefined;
  if (typed && rows.length) {
    fail("baseline", "Enter either one baseline score with its date or baseline probes, not both: clear the one you do not want.");
  } else if (typed) {
    baseline = {
      value: number("baselineValue", "Enter the baseline score.", "the baseline score"),
      date: date("baselineDate", "Enter the date of the baseline.", "the baseline date"),
    };
  } else if (rows.length) {
    baseline = {
      probes: rows.map((row) => ({
        value: number(probeField(row, "Value"), `Enter the score of probe ${row}, or clear its date.`, `the score of probe ${row}`),
        date: date(probeField(row, "Date"), `Enter the date of probe ${row}, or clear its score.`, `the date of probe ${row}`),
      })),
    };
  } else {
    fail("baseline", `Enter the baseline score and its date, or up to ${MAX_BASELINE_PROBES} baseline probes.`);
  }
  const target = number("targetValue", "Enter the target score.", "the target score");
  const targetDate = date("targetDate", "Enter the target date.", "the target date");
  return failed || !baseline ? z.NEVER : { unverifiedMeasureId: raw.unverifiedMeasureId, baseline, target, targetDate, roiConfirmed: raw[CONFIRM_ROI_FIELD] === "yes" };
}

// Ids come from the browser: the actions find them in the user's reach
// inside their transaction before anything is written.
export const ZCreateGoalInput = z
  .object({ ...goalFields, unverifiedPlanId: z.string().max(100), unverifiedStudentId: z.string({ error: "Choose the student." }).trim().min(1, "Choose the student.").max(100) })
  .strict()
  .transform((raw, c) => ({ ...toGoalEntry(raw, c), unverifiedPlanId: raw.unverifiedPlanId, unverifiedStudentId: raw.unverifiedStudentId }));
export type TCreateGoalInput = z.infer<typeof ZCreateGoalInput>;

export const ZUpdateGoalInput = z
  .object({ ...goalFields, unverifiedGoalId: z.string().max(100), version: z.coerce.number().int().min(1) })
  .strict()
  .transform((raw, c) => ({ ...toGoalEntry(raw, c), unverifiedGoalId: raw.unverifiedGoalId, version: raw.version }));
export type TUpdateGoalInput = z.infer<typeof ZUpdateGoalInput>;

export const ZArchiveGoalInput = z.object({ unverifiedGoalId: z.string().max(100) }).strict();

/**
 * Why a plan takes no new goals or goal changes (or, with another
 * consequence, no probes), or null when it does: a completed or discontinued
 * plan is a record of what happened.
 */
export function closedPlanMessage(status: string, consequence = "its goals can no longer be added or changed"): string | null {
  if (status !== "COMPLETED" && status !== "DISCONTINUED") return null;
  return `This plan is ${status.toLowerCase()}, so ${consequence}.`;
}

/**
 * The form field a problem found by checkPlanGoal belongs to: with probes,
 * baseline and baseline-date problems are about the probe fieldset as a whole.
 */
export function formFieldOf(field: GoalField, fromProbes: boolean): string {
  if (field === "baseline") return fromProbes ? "baselineProbes" : "baselineValue";
  if (field === "startDate") return fromProbes ? "baselineProbes" : "baselineDate";
  return field === "target" ? "targetValue" : "targetDate";
}
