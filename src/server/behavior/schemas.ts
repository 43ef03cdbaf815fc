import { z } from "zod";
import { ANTECEDENT_KINDS, CONSEQUENCE_KINDS, FUNCTION_KINDS } from "@/domain/behavior";
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

// ---------------------------------------------------------------------------
// ABC records, FBAs and BIPs
// ---------------------------------------------------------------------------

const requiredText = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional()).transform((v) => v || null);
const optionalInt = (min: number, max: number, message: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).optional()).transform((v) => v ?? null);
const pastDay = (label: string) =>
  z
    .preprocess(blankToUndefined, z.string({ error: `Enter ${label}.` }))
    .pipe(z.iso.date("Enter the day as a full date (year, month and day)."))
    .refine((v) => v <= todayIso(), "The day cannot be in the future. Check the date.")
    .refine((v) => v >= daysAgo(MAX_INCIDENT_AGE_DAYS), "The day is more than a year ago. Check the year.");

export const ZRecordAbcInput = z
  .object({
    clientKey: z.uuid({ error: "The form is out of date. Reload the page and enter the record again." }),
    unverifiedStudentId: z.string().max(200),
    observedOn: pastDay("the day of the observation"),
    observedTime: incidentFields.occurredTime,
    setting: requiredText(200, "Say where and during what, for example: Math block, small group."),
    antecedentKind: z.enum(ANTECEDENT_KINDS, { error: "Choose what happened just before." }),
    antecedent: optionalText(500),
    behavior: requiredText(500, "Describe what the student did, in words anyone could observe."),
    consequenceKind: z.enum(CONSEQUENCE_KINDS, { error: "Choose what happened right after." }),
    consequence: optionalText(500),
    durationMinutes: optionalInt(0, 600, "Enter the minutes as a whole number from 0 to 600."),
    intensity: optionalInt(1, 5, "Choose an intensity from 1 to 5."),
  })
  .strict();

export const ZCreateFbaInput = z
  .object({
    unverifiedStudentId: z.string().max(200),
    targetBehavior: requiredText(1000, "Define the target behaviour so that anyone could observe and count it."),
    settings: optionalText(1000),
  })
  .strict();

export const FBA_ARRAY_KEYS = ["linkedAbcIds", "linkedIncidentIds"] as const;

export const ZUpdateFbaInput = z
  .object({
    unverifiedFbaId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    targetBehavior: requiredText(1000, "Define the target behaviour so that anyone could observe and count it."),
    settings: optionalText(1000),
    otherSources: optionalText(2000),
    function: z.preprocess(blankToUndefined, z.enum(FUNCTION_KINDS, { error: "Choose a function from the list." }).optional()).transform((v) => v ?? null),
    hypothesis: optionalText(1000),
    team: optionalText(500),
    guardianParticipated: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    guardianConsentOn: z.preprocess(blankToUndefined, z.iso.date("Enter the consent date as a full date.").optional()).transform((v) => v ?? null),
    linkedAbcIds: z.array(z.string().max(200)).max(500),
    linkedIncidentIds: z.array(z.string().max(200)).max(500),
    /** "true" when the team marks it complete. */
    complete: z.preprocess(blankToUndefined, z.enum(["true"]).optional()).transform((v) => v === "true"),
    completedOn: z.preprocess(blankToUndefined, z.iso.date("Enter the completion date as a full date.").optional()).transform((v) => v ?? null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.complete) return;
    const need = (field: string, ok: unknown, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [field], message });
    };
    need("function", v.function, "Choose the hypothesised function before completing the FBA.");
    need("hypothesis", v.hypothesis, "Write the hypothesis statement before completing the FBA.");
    need("team", v.team, "Name the team before completing the FBA.");
    need("completedOn", v.completedOn, "Enter the date the FBA was completed.");
    if (v.completedOn && v.completedOn > todayIso()) ctx.addIssue({ code: "custom", path: ["completedOn"], message: "The completion date cannot be in the future." });
    need("linkedAbcIds", v.linkedAbcIds.length + v.linkedIncidentIds.length > 0 || v.otherSources, "Link at least one ABC record or incident, or list the interviews and rating scales used.");
  });

/** One step per line. */
const steps = z.preprocess((v) => (typeof v === "string" ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().max(300, "Keep each step under 300 characters.")).max(20, "Use at most 20 steps."));

export const ZCreateBipInput = z
  .object({
    unverifiedFbaId: z.string().max(200),
    targetBehavior: requiredText(1000, "Say which behaviour the plan is for."),
    replacementBehavior: requiredText(1000, "Say what the student will do instead (the replacement behaviour)."),
    prevention: requiredText(2000, "List the prevention strategies."),
    teaching: requiredText(2000, "Say what will be taught, and how."),
    reinforcement: requiredText(2000, "Say how the replacement behaviour will be reinforced."),
    response: requiredText(2000, "Say how staff respond when the behaviour happens."),
    crisisSteps: steps.refine((v) => v.length > 0, "A crisis or safety plan needs at least one step (one per line)."),
    crisisContacts: optionalText(500),
    unverifiedGoalId: optionalId,
    reviewOn: z.preprocess(blankToUndefined, z.string({ error: "Enter the review date." })).pipe(z.iso.date("Enter the review date as a full date.")),
    implementers: requiredText(500, "Say who implements the plan."),
  })
  .strict();
export type TCreateBipInput = z.infer<typeof ZCreateBipInput>;
