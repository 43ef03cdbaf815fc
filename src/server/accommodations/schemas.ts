import { z } from "zod";
import { addDays } from "@/domain/dosage";
import { blankToUndefined, todayIso } from "@/server/students/schemas";

// Enum values as the database spells them, with the words people use.
export const ACCOMMODATION_SOURCES = ["IEP", "SECTION_504", "OTHER"] as const;
export type AccommodationSource = (typeof ACCOMMODATION_SOURCES)[number];
export const ACCOMMODATION_SOURCE_LABEL: Readonly<Record<AccommodationSource, string>> = {
  IEP: "IEP",
  SECTION_504: "504 plan",
  OTHER: "Other",
};
/** What each source means, under its choice in the form. */
export const ACCOMMODATION_SOURCE_HINT: Readonly<Record<AccommodationSource, string>> = {
  IEP: "Written in the student's IEP.",
  SECTION_504: "Written in the student's 504 plan.",
  OTHER: "For example a student support plan, or a team decision without a formal plan.",
};
export const ACCOMMODATION_SOURCE_OPTIONS = ACCOMMODATION_SOURCES.map((value) => ({
  value,
  label: ACCOMMODATION_SOURCE_LABEL[value],
  description: ACCOMMODATION_SOURCE_HINT[value],
}));

export const MAX_ACCOMMODATION_DESCRIPTION = 300;
/** Dates before this are typing mistakes (usually the year). */
export const EARLIEST_ACCOMMODATION_DATE = "2000-01-01";
/** A start further ahead than this many days is a typing mistake too (plans are written for the coming year at most). */
export const MAX_START_DAYS_AHEAD = 366;

/** A date field; `label` names it at the start of a sentence ("The start date"). */
const date = (label: string) =>
  z
    .string()
    .trim()
    .pipe(z.iso.date(`Enter ${label.toLowerCase()} as a full date (year, month and day).`))
    .refine((v) => v >= EARLIEST_ACCOMMODATION_DATE, `${label} cannot be before 1 January 2000. Check the year.`);

const DESCRIBE = "Describe the accommodation, for example: Extended time (1.5x) on tests.";

const accommodationFields = {
  description: z
    .string({ error: DESCRIBE })
    .trim()
    .min(1, DESCRIBE)
    .max(MAX_ACCOMMODATION_DESCRIPTION, `Use at most ${MAX_ACCOMMODATION_DESCRIPTION} characters.`),
  source: z.enum(ACCOMMODATION_SOURCES, { error: "Choose where the accommodation comes from." }),
  startDate: z.preprocess(blankToUndefined, z.string({ error: "Enter the date the accommodation starts." })).pipe(date("The start date")).refine(
    (v) => v <= addDays(todayIso(), MAX_START_DAYS_AHEAD),
    "The start date cannot be more than a year from today. Check the year.",
  ),
  endDate: z.preprocess(blankToUndefined, date("The last day").optional()).transform((v) => v ?? null),
};

const endsAfterStart = (v: { startDate: string; endDate: string | null }) => v.endDate === null || v.endDate >= v.startDate;
const ENDS_AFTER_START = { message: "The last day cannot be before the start date.", path: ["endDate"] };

// Ids come from the browser: the actions find them in the user's reach
// inside their transaction before anything is written.
export const ZCreateAccommodationInput = z
  .object({ ...accommodationFields, unverifiedStudentId: z.string().max(200) })
  .strict()
  .refine(endsAfterStart, ENDS_AFTER_START);
export type TCreateAccommodationInput = z.infer<typeof ZCreateAccommodationInput>;

export const ZUpdateAccommodationInput = z
  .object({ ...accommodationFields, unverifiedAccommodationId: z.string().max(200), version: z.coerce.number().int().min(1) })
  .strict()
  .refine(endsAfterStart, ENDS_AFTER_START);
export type TUpdateAccommodationInput = z.infer<typeof ZUpdateAccommodationInput>;

export const ZArchiveAccommodationInput = z.object({ unverifiedAccommodationId: z.string().max(200) }).strict();
