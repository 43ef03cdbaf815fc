import { z } from "zod";

// Enum values as the database spells them, with the words people use.
export const INTERVENTION_AREAS = ["READING", "MATH", "WRITING", "BEHAVIOR", "SOCIAL_EMOTIONAL", "ATTENDANCE"] as const;
export type InterventionArea = (typeof INTERVENTION_AREAS)[number];
export const AREA_LABEL: Readonly<Record<InterventionArea, string>> = {
  READING: "Reading",
  MATH: "Math",
  WRITING: "Writing",
  BEHAVIOR: "Behaviour",
  SOCIAL_EMOTIONAL: "Social-emotional",
  ATTENDANCE: "Attendance",
};

export const TIER_LEVELS = ["TIER_1", "TIER_2", "TIER_3"] as const;
export type TierLevel = (typeof TIER_LEVELS)[number];
export const TIER_LABEL: Readonly<Record<TierLevel, string>> = {
  TIER_1: "Tier 1",
  TIER_2: "Tier 2",
  TIER_3: "Tier 3",
};
/** What each tier means, for the choice in the form. */
export const TIER_MEANING: Readonly<Record<TierLevel, string>> = {
  TIER_1: "core instruction",
  TIER_2: "targeted, small-group",
  TIER_3: "intensive, individualised",
};

// Not imported from students/schemas, which imports this module (the list's tier filter).
const todayIso = () => new Date().toISOString().slice(0, 10);

/** Tier decisions before this are typing mistakes (usually the year). */
export const EARLIEST_TIER_DATE = "2000-01-01";
export const MAX_TIER_REASON = 500;

const effectiveDate = z
  .string({ error: "Enter the date the tier takes effect." })
  .trim()
  .min(1, "Enter the date the tier takes effect.")
  .pipe(z.iso.date("Enter the effective date as a full date (year, month and day)."))
  .superRefine((v, c) => {
    if (v > todayIso()) c.addIssue({ code: "custom", message: "The effective date cannot be in the future; record a tier on or after the day it starts." });
    else if (v < EARLIEST_TIER_DATE) c.addIssue({ code: "custom", message: "The effective date cannot be before 1 January 2000. Check the year." });
  });

// The student id comes from the browser: the action finds it in the user's
// reach inside its transaction before anything is written.
export const ZSetTierInput = z
  .object({
    unverifiedStudentId: z.string().max(200),
    area: z.enum(INTERVENTION_AREAS, { error: "Choose the area." }),
    tier: z.enum(TIER_LEVELS, { error: "Choose the tier." }),
    effectiveDate,
    reason: z
      .string({ error: "Enter the reason for the decision." })
      .trim()
      .min(1, "Enter the reason for the decision.")
      .max(MAX_TIER_REASON, `Use at most ${MAX_TIER_REASON} characters.`),
  })
  .strict();
export type TSetTierInput = z.infer<typeof ZSetTierInput>;

/** "Tier 3 (intensive, individualised)". */
export const tierWithMeaning = (tier: TierLevel) => `${TIER_LABEL[tier]} (${TIER_MEANING[tier]})`;

/** Choices for area and tier selects (the profile form and the list filters). */
export const AREA_OPTIONS = INTERVENTION_AREAS.map((value) => ({ value, label: AREA_LABEL[value] }));
export const TIER_OPTIONS = TIER_LEVELS.map((value) => ({ value, label: tierWithMeaning(value) }));
