import { z } from "zod";
import { CICO_LIMITS } from "@/domain/cico";
import { blankToUndefined } from "@/server/students/schemas";

// Daily behaviour report cards (issue 15, decision 014): what the forms send.
// Dates are checked against the district's today in the action (the
// future is refused there, where the district's time zone is known).

const day = (message: string) => z.preprocess(blankToUndefined, z.string({ error: message })).pipe(z.iso.date("Enter the day as a full date (year, month and day)."));
const id = z.string().max(200);

/** A multi-line text field as its lines, or the repeated fields of a list, as labels. */
const labels = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(20)])
  .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)));

const setupFields = {
  expectations: labels,
  periods: labels,
  scaleMax: z.coerce.number({ error: "Choose the top of the scale." }).int("Choose the top of the scale."),
  goalPercent: z.preprocess(blankToUndefined, z.coerce.number({ error: "Enter the daily goal as a percentage, for example 80." }).int("Enter a whole percentage, for example 80.")),
};

/** The array fields of the card forms (formToObject). */
export const CARD_ARRAY_KEYS = ["expectations"] as const;

export const ZStartCardInput = z
  .object({
    unverifiedStudentId: id,
    unverifiedPlanId: z.preprocess(blankToUndefined, z.string({ error: "Choose the behaviour plan the card is part of." }).max(200)),
    ...setupFields,
    startedOn: day("Enter the first day of the card."),
    /** The student's daily percentage before the card, for a new goal (ignored when the plan has a CICO goal). */
    baseline: z.preprocess(blankToUndefined, z.coerce.number({ error: "Enter the baseline as a percentage." }).min(0, "The baseline is a percentage from 0 to 100.").max(100, "The baseline is a percentage from 0 to 100.").optional()),
  })
  .strict();
export type TStartCardInput = z.infer<typeof ZStartCardInput>;

export const ZUpdateCardInput = z
  .object({ unverifiedCardId: id, version: z.coerce.number().int().min(1), ...setupFields })
  .strict();
export type TUpdateCardInput = z.infer<typeof ZUpdateCardInput>;

export const ZEndCardInput = z.object({ unverifiedCardId: id, version: z.coerce.number().int().min(1) }).strict();

/**
 * One tap on the rating screen: a rating of one expectation in one period
 * ("<value>|<expectation>", the button's value), or every expectation of the
 * period at one value (`all`, the "all met" button).
 */
export const ZRatePeriodInput = z
  .object({
    unverifiedCardId: id,
    date: day("The day of the rating is missing. Reload the page."),
    period: z.string({ error: "The period is missing. Reload the page." }).max(200),
    rating: z.string().max(300).optional(),
    all: z.string().max(10).optional(),
  })
  .strict()
  .transform((v, c) => {
    if (v.all !== undefined) {
      const value = Number(v.all);
      if (!/^\d+$/.test(v.all)) c.addIssue({ code: "custom", path: ["all"], message: "A rating is a whole number on the card's scale." });
      return { ...v, ratings: null as { expectation: string; value: number }[] | null, allValue: value };
    }
    const m = /^(-?\d+(?:\.\d+)?)\|([\s\S]+)$/.exec(v.rating ?? "");
    if (!m) {
      c.addIssue({ code: "custom", path: ["rating"], message: "Choose a rating." });
      return { ...v, ratings: null, allValue: null };
    }
    return { ...v, ratings: [{ expectation: m[2]!, value: Number(m[1]) }], allValue: null as number | null };
  });
export type TRatePeriodInput = z.infer<typeof ZRatePeriodInput>;

export const DAY_MARKS = ["checkedIn", "checkedOut", "absent"] as const;
export type DayMark = (typeof DAY_MARKS)[number];

/** A check-in, check-out or absence mark, set or cleared ("checkedIn:on"). */
export const ZMarkDayInput = z
  .object({
    unverifiedCardId: id,
    date: day("The day is missing. Reload the page."),
    mark: z.string().regex(/^(checkedIn|checkedOut|absent):(on|off)$/, "Choose a mark."),
  })
  .strict()
  .transform((v) => {
    const [mark, state] = v.mark.split(":") as [DayMark, "on" | "off"];
    return { unverifiedCardId: v.unverifiedCardId, date: v.date, mark, on: state === "on" };
  });
export type TMarkDayInput = z.infer<typeof ZMarkDayInput>;

export const ZCicoDefaultsInput = z.object({ expectations: labels }).strict();

export const SCALE_CHOICES = Array.from({ length: CICO_LIMITS.scaleMax.max - CICO_LIMITS.scaleMax.min + 1 }, (_, i) => CICO_LIMITS.scaleMax.min + i);
