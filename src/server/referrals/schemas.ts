import { z } from "zod";
import { FINAL_NOTE_MAX } from "@/domain/iep504/readiness";
import { blankToUndefined, todayIso } from "@/server/students/schemas";

export const REFERRAL_STATUSES = ["REFERRED", "CONSENT_REQUESTED", "CONSENT_RECEIVED", "EVALUATION", "ELIGIBILITY_MEETING", "OUTCOME"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABEL: Readonly<Record<ReferralStatus, string>> = {
  REFERRED: "Referred",
  CONSENT_REQUESTED: "Consent requested",
  CONSENT_RECEIVED: "Consent received",
  EVALUATION: "Evaluation",
  ELIGIBILITY_MEETING: "Eligibility meeting",
  OUTCOME: "Outcome decided",
};
/** Statuses at which the parent has consented (the clock runs). */
export const AFTER_CONSENT: readonly ReferralStatus[] = ["CONSENT_RECEIVED", "EVALUATION", "ELIGIBILITY_MEETING", "OUTCOME"];

export const REFERRAL_OUTCOMES = ["ELIGIBLE_IEP", "ELIGIBLE_504", "NOT_ELIGIBLE", "WITHDRAWN"] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const REFERRAL_OUTCOME_LABEL: Readonly<Record<ReferralOutcome, string>> = {
  ELIGIBLE_IEP: "Eligible: IEP",
  ELIGIBLE_504: "Eligible: 504 plan",
  NOT_ELIGIBLE: "Not eligible",
  WITHDRAWN: "Referral withdrawn",
};

export const DAY_COUNTS = ["CALENDAR", "SCHOOL"] as const;
export const DAY_COUNT_LABEL: Readonly<Record<(typeof DAY_COUNTS)[number], string>> = { CALENDAR: "calendar days", SCHOOL: "school days" };

export const MAX_REASON = 2000;
const EARLIEST = "2000-01-01";

const date = (label: string) =>
  z
    .string()
    .trim()
    .pipe(z.iso.date(`Enter ${label.toLowerCase()} as a full date (year, month and day).`))
    .refine((v) => v >= EARLIEST, `${label} cannot be before 1 January 2000. Check the year.`);
const pastDate = (label: string, future: string) => date(label).refine((v) => v <= todayIso(), future);
const optionalPast = (label: string, future: string) => z.preprocess(blankToUndefined, pastDate(label, future).optional()).transform((v) => v ?? null);

export const ZStartReferralInput = z
  .object({
    unverifiedStudentId: z.string().max(200),
    reason: z
      .string({ error: "Say why the student is referred." })
      .trim()
      .min(1, "Say why the student is referred, for example: no adequate response to two Tier 3 reading interventions.")
      .max(MAX_REASON, `Use at most ${MAX_REASON} characters.`),
    concerns: z
      .preprocess(blankToUndefined, z.string().trim().max(MAX_REASON, `Use at most ${MAX_REASON} characters.`).optional())
      .transform((v) => v ?? null),
    referredOn: z.preprocess(blankToUndefined, z.string({ error: "Enter the date of the referral." })).pipe(pastDate("The referral date", "The referral date cannot be in the future.")),
  })
  .strict();
export type TStartReferralInput = z.infer<typeof ZStartReferralInput>;

export const ZUpdateReferralInput = z
  .object({
    unverifiedReferralId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    status: z.enum(REFERRAL_STATUSES, { error: "Choose the status." }),
    consentRequestedOn: optionalPast("The date consent was requested", "The date consent was requested cannot be in the future."),
    consentDate: optionalPast("The consent date", "The consent date cannot be in the future: enter the day the parent signed."),
    eligibilityMeetingOn: z.preprocess(blankToUndefined, date("The eligibility meeting date").optional()).transform((v) => v ?? null),
    outcome: z
      .preprocess(blankToUndefined, z.enum(REFERRAL_OUTCOMES, { error: "Choose the outcome from the list." }).optional())
      .transform((v) => v ?? null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (AFTER_CONSENT.includes(v.status) && !v.consentDate) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "Enter the date the parent consented: the evaluation clock starts there." });
    if (v.status === "OUTCOME" && !v.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "Choose the outcome." });
    if (v.consentRequestedOn && v.consentDate && v.consentDate < v.consentRequestedOn) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "The consent date cannot be before consent was requested." });
  });
export type TUpdateReferralInput = z.infer<typeof ZUpdateReferralInput>;

export const ZClockSettingsInput = z
  .object({
    evaluationDays: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "Enter the number of days." }).int("Enter a whole number of days.").min(1, "Enter at least 1 day.").max(365, "Use at most 365 days."),
    ),
    evaluationDayCount: z.enum(DAY_COUNTS, { error: "Choose calendar days or school days." }),
  })
  .strict();

export const MAX_RANGE_DAYS = 60;
export const ZAddNonSchoolDaysInput = z
  .object({
    from: z.preprocess(blankToUndefined, z.string({ error: "Enter the first day." })).pipe(date("The first day")),
    to: z.preprocess(blankToUndefined, date("The last day").optional()).transform((v) => v ?? null),
    label: z.string({ error: "Name the day or break." }).trim().min(1, "Name the day or break, for example: Winter break.").max(100, "Use at most 100 characters."),
  })
  .strict()
  .refine((v) => v.to === null || v.to >= v.from, { message: "The last day cannot be before the first day.", path: ["to"] });

export const ZRemoveNonSchoolDayInput = z.object({ date: date("The day") }).strict();

/** Marks a referral's packet final; the reason is required when checklist items are missing (decision 016). */
export const ZFinalizePacketInput = z
  .object({
    unverifiedReferralId: z.string().max(64),
    note: z.string().trim().max(FINAL_NOTE_MAX, `Use at most ${FINAL_NOTE_MAX} characters.`).default(""),
  })
  .strict();
