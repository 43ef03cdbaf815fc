import { z } from "zod";
import { BEHAVIOR_CODE_KINDS, BEHAVIOR_SEVERITIES } from "@/domain/behavior-codes";
import { blankToUndefined, todayIso } from "@/server/students/schemas";

export const MAX_CODE_LABEL = 80;
export const MAX_INCIDENT_NOTES = 2000;
export const MAX_CORRECTION_REASON = 500;
export const MAX_REVIEW_NOTE = 1000;
/** Students on one report: a fight between a handful, not a class list. */
export const MAX_STUDENTS_PER_REPORT = 8;
/** An incident older than this is a typing mistake in the year. */
export const MAX_INCIDENT_AGE_DAYS = 400;

/** Who else was involved (SWIS's list; fixed, as reports compare across districts). */
export const OTHERS_INVOLVED = ["NONE", "PEERS", "STAFF", "TEACHER", "SUBSTITUTE", "UNKNOWN", "OTHER"] as const;
export type OthersInvolved = (typeof OTHERS_INVOLVED)[number];
export const OTHERS_INVOLVED_LABEL: Readonly<Record<OthersInvolved, string>> = {
  NONE: "Nobody else",
  PEERS: "Peers",
  STAFF: "Staff",
  TEACHER: "Teacher",
  SUBSTITUTE: "Substitute",
  UNKNOWN: "Don't know",
  OTHER: "Someone else",
};

export const INCIDENT_STATUS_LABEL = { HANDLED: "Minor, handled by the reporter", AWAITING_REVIEW: "Major, awaiting review", REVIEWED: "Major, reviewed" } as const;

const uuid = (message: string) => z.preprocess(blankToUndefined, z.string({ error: message }).max(200));
const optionalId = z.preprocess(blankToUndefined, z.string().max(200).optional()).transform((v) => v ?? null);

// ---------------------------------------------------------------------------
// Code lists
// ---------------------------------------------------------------------------

const LABEL = "Enter the name staff see, for example: Disruption.";
const codeFields = {
  label: z.string({ error: LABEL }).trim().min(1, LABEL).max(MAX_CODE_LABEL, `Use at most ${MAX_CODE_LABEL} characters.`),
  severity: z.preprocess(blankToUndefined, z.enum(BEHAVIOR_SEVERITIES, { error: "Choose minor or major." }).optional()).transform((v) => v ?? null),
  edfiCodeValue: z.preprocess(blankToUndefined, z.string().max(120).optional()).transform((v) => v ?? null),
};

export const ZCreateBehaviorCodeInput = z
  .object({ ...codeFields, kind: z.enum(BEHAVIOR_CODE_KINDS, { error: "Choose which list the code belongs to." }) })
  .strict();
export type TCreateBehaviorCodeInput = z.infer<typeof ZCreateBehaviorCodeInput>;

export const ZUpdateBehaviorCodeInput = z
  .object({ ...codeFields, unverifiedCodeId: z.string().max(200), version: z.coerce.number().int().min(1) })
  .strict();
export type TUpdateBehaviorCodeInput = z.infer<typeof ZUpdateBehaviorCodeInput>;

export const ZRetireBehaviorCodeInput = z
  .object({ unverifiedCodeId: z.string().max(200), retired: z.enum(["true", "false"]).transform((v) => v === "true") })
  .strict();

export const ZInstallDefaultCodesInput = z.object({}).strict();

// ---------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------

/** "14:35" -> 875 minutes after midnight. */
export const minuteOfTime = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** 875 -> "14:35". */
export const timeOfMinute = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

const daysAgo = (n: number) => {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

/** The fields an incident has whether it is recorded or corrected. */
const incidentFields = {
  occurredOn: z
    .preprocess(blankToUndefined, z.string({ error: "Enter the day it happened." }))
    .pipe(z.iso.date("Enter the day as a full date (year, month and day)."))
    .refine((v) => v <= todayIso(), "The day cannot be in the future. Check the date.")
    .refine((v) => v >= daysAgo(MAX_INCIDENT_AGE_DAYS), "The day is more than a year ago. Check the year."),
  occurredTime: z
    .preprocess(blankToUndefined, z.string({ error: "Enter the time it happened." }))
    .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time as hours and minutes, for example 10:15."))
    .transform(minuteOfTime),
  behaviorCodeId: uuid("Choose the problem behaviour."),
  locationCodeId: uuid("Choose where it happened."),
  motivationCodeId: optionalId,
  actionCodeId: optionalId,
  othersInvolved: z.array(z.enum(OTHERS_INVOLVED, { error: "Choose who else was involved from the list." })).max(OTHERS_INVOLVED.length).transform((v) => [...new Set(v)]),
  notes: z
    .preprocess(blankToUndefined, z.string().trim().max(MAX_INCIDENT_NOTES, `Use at most ${MAX_INCIDENT_NOTES} characters.`).optional())
    .transform((v) => v || null),
};

export const ZRecordIncidentInput = z
  .object({
    ...incidentFields,
    /** Made when the form is drawn: a resubmitted form names the same report and records nothing new. */
    reportId: z.uuid({ error: "The form is out of date. Reload the page and enter the incident again." }),
    unverifiedStudentIds: z
      .array(z.string().max(200))
      .min(1, "Choose the student (or students) involved.")
      .max(MAX_STUDENTS_PER_REPORT, `Record at most ${MAX_STUDENTS_PER_REPORT} students on one report.`)
      .transform((v) => [...new Set(v)]),
  })
  .strict();
export type TRecordIncidentInput = z.infer<typeof ZRecordIncidentInput>;
export const INCIDENT_ARRAY_KEYS = ["othersInvolved", "unverifiedStudentIds"] as const;

const REASON = "Say why you are correcting it, for example: wrong location.";
export const ZCorrectIncidentInput = z
  .object({
    ...incidentFields,
    unverifiedIncidentId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    reason: z.string({ error: REASON }).trim().min(1, REASON).max(MAX_CORRECTION_REASON, `Use at most ${MAX_CORRECTION_REASON} characters.`),
  })
  .strict();
export type TCorrectIncidentInput = z.infer<typeof ZCorrectIncidentInput>;

export const ZReviewIncidentInput = z
  .object({
    unverifiedIncidentId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    reviewNote: z
      .preprocess(blankToUndefined, z.string().trim().max(MAX_REVIEW_NOTE, `Use at most ${MAX_REVIEW_NOTE} characters.`).optional())
      .transform((v) => v || null),
  })
  .strict();
