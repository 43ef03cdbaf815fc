import { z } from "zod";
import { blankToUndefined, todayIso } from "@/server/students/schemas";

export const CONTACT_METHODS = ["PHONE", "EMAIL", "IN_PERSON", "LETTER"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABEL: Readonly<Record<ContactMethod, string>> = {
  PHONE: "Phone",
  EMAIL: "Email",
  IN_PERSON: "In person",
  LETTER: "Letter",
};
export const CONTACT_METHOD_OPTIONS = CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABEL[m] }));

export const MAX_PURPOSE = 300;
export const MAX_SUMMARY = 3000;
export const MAX_FOLLOW_UP = 1000;
export const MAX_LANGUAGE = 60;
/** Contacts shown in one place (the record, a meeting's turn, a referral): the newest. */
export const CONTACTS_SHOWN = 20;

const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional()).transform((v) => v ?? null);

/** One contact with the family. The guardian is chosen from the student's guardians (the action checks it is one). */
export const ZLogGuardianContactInput = z
  .object({
    unverifiedStudentId: z.string().max(200),
    unverifiedGuardianId: z.uuid("Choose the guardian you were in contact with."),
    contactedOn: z
      .string({ error: "Enter the date of the contact." })
      .trim()
      .min(1, "Enter the date of the contact.")
      .pipe(z.iso.date("Enter the date of the contact as a full date (year, month and day)."))
      .refine((v) => v >= "2000-01-01", "The date cannot be before 1 January 2000. Check the year.")
      .refine((v) => v <= todayIso(), "The date of the contact cannot be in the future."),
    method: z.enum(CONTACT_METHODS, { error: "Choose how you were in contact: phone, email, in person or letter." }),
    interpreterUsed: z.preprocess(blankToUndefined, z.literal("yes", { error: "This is a tick box: tick it, or leave it empty." }).optional()),
    interpreterLanguage: optionalText(MAX_LANGUAGE),
    purpose: text(MAX_PURPOSE, "Say why you were in contact, for example: to invite them to the review meeting."),
    summary: text(MAX_SUMMARY, "Say what was said or agreed."),
    followUp: optionalText(MAX_FOLLOW_UP),
  })
  .strict()
  .superRefine((v, c) => {
    if (v.interpreterLanguage && !v.interpreterUsed) {
      c.addIssue({ code: "custom", path: ["interpreterLanguage"], message: "Tick “Interpreter used” to give the language, or clear the language." });
    }
  })
  .transform(({ interpreterUsed, ...v }) => ({ ...v, interpreterUsed: interpreterUsed === "yes" }));
export type TLogGuardianContactInput = z.infer<typeof ZLogGuardianContactInput>;

/** "Phone call", "Email", "Meeting in person", "Letter": how a contact reads in a list. */
export const CONTACT_METHOD_PHRASE: Readonly<Record<ContactMethod, string>> = {
  PHONE: "Phone call",
  EMAIL: "Email",
  IN_PERSON: "Met in person",
  LETTER: "Letter",
};
