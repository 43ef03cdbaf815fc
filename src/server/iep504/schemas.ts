import { z } from "zod";
import { addDays } from "@/domain/dosage";
import { DISABILITY_CATEGORIES, disabilityCategoryOf } from "@/domain/iep504/disability-categories";
import { latestAnnualReview } from "@/domain/iep504/dates";
import { blankToUndefined, todayIso } from "@/server/students/schemas";

// Enum values as the database spells them, with the words people use.
export const PLAN_TYPES = ["IEP", "SECTION_504"] as const;
export type SpecialEdPlanType = (typeof PLAN_TYPES)[number];
export const PLAN_TYPE_LABEL: Readonly<Record<SpecialEdPlanType, string>> = { IEP: "IEP", SECTION_504: "504 plan" };

export const PLAN_STATUSES = ["REFERRED", "BEING_EVALUATED", "ELIGIBLE", "ACTIVE", "EXITED", "NOT_ELIGIBLE"] as const;
export type SpecialEdPlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABEL: Readonly<Record<SpecialEdPlanStatus, string>> = {
  REFERRED: "Referred",
  BEING_EVALUATED: "Being evaluated",
  ELIGIBLE: "Eligible",
  ACTIVE: "Active",
  EXITED: "Exited",
  NOT_ELIGIBLE: "Not eligible",
};
/** Statuses whose dates are still running (the compliance calendar's). */
export const OPEN_STATUSES: readonly SpecialEdPlanStatus[] = ["REFERRED", "BEING_EVALUATED", "ELIGIBLE", "ACTIVE"];

export const FREQUENCIES = ["WEEKLY", "MONTHLY"] as const;
export type ServiceFrequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABEL: Readonly<Record<ServiceFrequency, string>> = { WEEKLY: "per week", MONTHLY: "per month" };

/** Suggestions for the service fields (any words are accepted: districts name their services their own way). */
export const SERVICE_AREA_SUGGESTIONS = [
  "Specialized instruction: reading",
  "Specialized instruction: math",
  "Specialized instruction: writing",
  "Speech-language therapy",
  "Occupational therapy",
  "Physical therapy",
  "Counseling",
  "Behavior support",
] as const;
export const PROVIDER_ROLE_SUGGESTIONS = ["Special education teacher", "Speech-language pathologist", "Occupational therapist", "School psychologist", "Paraprofessional", "School counselor"] as const;
export const SETTING_SUGGESTIONS = ["General education classroom", "Resource room", "Separate class", "Therapy room"] as const;

export const DISABILITY_OPTIONS = DISABILITY_CATEGORIES.map((c) => ({ value: c.code, label: c.label }));

export const EARLIEST_DATE = "2000-01-01";
export const MAX_URL = 500;
export const MAX_SERVICE_TEXT = 100;
/** Minutes of one service: a school month holds about 9,000 minutes of instruction. */
export const MAX_SERVICE_MINUTES = 10_000;

/** A date field; `label` names it at the start of a sentence ("The start date"). */
const date = (label: string) =>
  z
    .string()
    .trim()
    .pipe(z.iso.date(`Enter ${label.toLowerCase()} as a full date (year, month and day).`))
    .refine((v) => v >= EARLIEST_DATE, `${label} cannot be before 1 January 2000. Check the year.`);
const optionalDate = (label: string) => z.preprocess(blankToUndefined, date(label).optional()).transform((v) => v ?? null);
const requiredDate = (label: string, missing: string) => z.preprocess(blankToUndefined, z.string({ error: missing })).pipe(date(label));
const optionalId = z.preprocess(blankToUndefined, z.string().max(200).optional()).transform((v) => v ?? null);

const URL_MESSAGE = "Enter the full web address of the document in the district's IEP system, starting with https://.";

const planFields = {
  status: z.enum(PLAN_STATUSES, { error: "Choose the status." }),
  startDate: requiredDate("The start date", "Enter the start date.").refine((v) => v <= addDays(todayIso(), 366), "The start date cannot be more than a year from today. Check the year."),
  lastMeetingDate: optionalDate("The last meeting date").refine((v) => v === null || v <= todayIso(), "The last meeting cannot be in the future."),
  annualReviewDue: optionalDate("The annual review date"),
  lastEvaluationDate: optionalDate("The last evaluation date").refine((v) => v === null || v <= todayIso(), "The last evaluation cannot be in the future."),
  reevaluationDue: optionalDate("The re-evaluation date"),
  unverifiedCaseManagerId: optionalId,
  disabilityCategory: z
    .preprocess(blankToUndefined, z.string().max(200).optional())
    .transform((v) => v ?? null)
    .refine((v) => v === null || disabilityCategoryOf(v) !== undefined, "Choose a disability category from the list (the IDEA categories)."),
  documentUrl: z
    .preprocess(blankToUndefined, z.string().trim().max(MAX_URL, `Use at most ${MAX_URL} characters.`).optional())
    .transform((v) => v ?? null)
    .refine((v) => v === null || (URL.canParse(v) && ["https:", "http:"].includes(new URL(v).protocol)), URL_MESSAGE),
};

interface PlanDates {
  status: SpecialEdPlanStatus;
  startDate: string;
  lastMeetingDate: string | null;
  annualReviewDue: string | null;
  lastEvaluationDate: string | null;
  reevaluationDue: string | null;
}

/** Rules between the dates that need no database (the re-evaluation period is the district's, checked by the action). */
function checkDates(v: PlanDates, ctx: z.RefinementCtx) {
  const issue = (path: keyof PlanDates, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.annualReviewDue && v.annualReviewDue < v.startDate) issue("annualReviewDue", "The annual review cannot be due before the start date.");
  if (v.annualReviewDue && v.lastMeetingDate && v.annualReviewDue > latestAnnualReview(v.lastMeetingDate)) {
    issue("annualReviewDue", `The annual review must be held within one year of the last meeting: on or before ${latestAnnualReview(v.lastMeetingDate)}.`);
  }
  if (v.annualReviewDue && v.lastMeetingDate && v.annualReviewDue < v.lastMeetingDate) issue("annualReviewDue", "The annual review cannot be due before the last meeting.");
  if (v.reevaluationDue && v.lastEvaluationDate && v.reevaluationDue < v.lastEvaluationDate) issue("reevaluationDue", "The re-evaluation cannot be due before the last evaluation.");
  if (v.status === "ACTIVE" && !v.annualReviewDue) issue("annualReviewDue", "Enter when the annual review is due: an active plan is reviewed at least once a year.");
  if (v.status === "ACTIVE" && !v.reevaluationDue) issue("reevaluationDue", "Enter when the re-evaluation is due.");
}

// Ids come from the browser: the actions find them in the user's reach
// inside their transaction before anything is written.
export const ZCreateSpecialEdPlanInput = z
  .object({ ...planFields, type: z.enum(PLAN_TYPES, { error: "Choose IEP or 504 plan." }), unverifiedStudentId: z.string().max(200) })
  .strict()
  .superRefine((v, ctx) => {
    checkDates(v, ctx);
    if (v.type === "SECTION_504" && v.disabilityCategory) ctx.addIssue({ code: "custom", path: ["disabilityCategory"], message: "A 504 plan has no IDEA disability category: leave it empty." });
  });
export type TCreateSpecialEdPlanInput = z.infer<typeof ZCreateSpecialEdPlanInput>;

export const ZUpdateSpecialEdPlanInput = z
  .object({ ...planFields, unverifiedPlanId: z.string().max(200), version: z.coerce.number().int().min(1) })
  .strict()
  .superRefine(checkDates);
export type TUpdateSpecialEdPlanInput = z.infer<typeof ZUpdateSpecialEdPlanInput>;

const text = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(MAX_SERVICE_TEXT, `Use at most ${MAX_SERVICE_TEXT} characters.`);

const serviceFields = {
  area: text("Enter the service, for example: Specialized instruction: reading."),
  minutes: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Enter the minutes as a whole number." })
      .int("Enter the minutes as a whole number.")
      .min(1, "The minutes must be at least 1.")
      .max(MAX_SERVICE_MINUTES, `Use at most ${MAX_SERVICE_MINUTES} minutes.`),
  ),
  frequency: z.enum(FREQUENCIES, { error: "Choose per week or per month." }),
  providerRole: text("Enter who provides it, for example: Special education teacher."),
  unverifiedProviderId: optionalId,
  setting: text("Enter where it is delivered, for example: Resource room."),
  startDate: requiredDate("The start date", "Enter the date the service starts."),
  endDate: optionalDate("The last day"),
};
const endsAfterStart = (v: { startDate: string; endDate: string | null }) => v.endDate === null || v.endDate >= v.startDate;
const ENDS_AFTER_START = { message: "The last day cannot be before the start date.", path: ["endDate"] };

export const ZCreateServiceInput = z
  .object({ ...serviceFields, unverifiedPlanId: z.string().max(200) })
  .strict()
  .refine(endsAfterStart, ENDS_AFTER_START);
export type TCreateServiceInput = z.infer<typeof ZCreateServiceInput>;

export const ZUpdateServiceInput = z
  .object({ ...serviceFields, unverifiedServiceId: z.string().max(200), version: z.coerce.number().int().min(1) })
  .strict()
  .refine(endsAfterStart, ENDS_AFTER_START);
export type TUpdateServiceInput = z.infer<typeof ZUpdateServiceInput>;

/** Minutes of one day's delivery: more than a school day is a typing mistake. */
export const MAX_LOGGED_MINUTES = 600;
export const MAX_NOTE = 500;

export const ZLogServiceMinutesInput = z
  .object({
    unverifiedServiceId: z.string().max(200),
    date: requiredDate("The date", "Enter the date the service was delivered.").refine((v) => v <= todayIso(), "The date cannot be in the future."),
    minutes: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Enter the minutes delivered as a whole number." })
        .int("Enter the minutes delivered as a whole number.")
        .min(1, "Enter the minutes delivered: at least 1. A service that did not happen is not logged.")
        .max(MAX_LOGGED_MINUTES, `Use at most ${MAX_LOGGED_MINUTES} minutes for one day.`),
    ),
    note: z
      .preprocess(blankToUndefined, z.string().trim().max(MAX_NOTE, `Use at most ${MAX_NOTE} characters.`).optional())
      .transform((v) => v ?? null),
    clientKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "This form is incomplete: reload the page and log the minutes again."),
  })
  .strict();
export type TLogServiceMinutesInput = z.infer<typeof ZLogServiceMinutesInput>;
