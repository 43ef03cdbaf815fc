import { z } from "zod";
import { ACTION_ITEM_STATUSES, AGENDA_SOURCES, ATTENDEE_KINDS, MEETING_KINDS } from "@/domain/meetings";
import { blankToUndefined } from "@/server/students/schemas";
import { INTERVENTION_AREAS, TIER_LEVELS } from "@/server/tiers/schemas";
import { PLAN_DOSAGE_LIMITS } from "@/server/plans/schemas";
import { CONFIRM_ROI_FIELD } from "@/server/goals/schemas";
import { DECIMAL_TEXT } from "@/domain/measures";

export const MAX_MINUTES = 5000;
export const MAX_ACTION_ITEM = 500;
export const MAX_REASON = 1000;
export const MAX_AGENDA = 30;

const id = z.string().max(200);
const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional()).transform((v) => v ?? null);
const day = (missing: string, what: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .pipe(z.iso.date(`Enter the ${what} as a full date (year, month and day).`))
    .refine((v) => v >= "2000-01-01", `The ${what} cannot be before 1 January 2000. Check the year.`);

export const ZScheduleMeetingInput = z
  .object({
    unverifiedSchoolId: z.uuid("Choose a school from the list."),
    kind: z.enum(MEETING_KINDS, { error: "Choose the kind of meeting." }),
    date: day("Enter the date of the meeting.", "meeting date"),
    nextMeetingDate: z.preprocess(blankToUndefined, day("", "next meeting date").optional()).transform((v) => v ?? null),
  })
  .strict()
  .refine((v) => !v.nextMeetingDate || v.nextMeetingDate > v.date, { path: ["nextMeetingDate"], message: "The next meeting must be after this one." });
export type TScheduleMeetingInput = z.infer<typeof ZScheduleMeetingInput>;

/** Staff by membership; a guardian or outside provider by name and role (they get no account). */
export const ZInviteInput = z
  .object({
    unverifiedMeetingId: id,
    kind: z.enum(ATTENDEE_KINDS, { error: "Choose who you are inviting." }),
    unverifiedMembershipId: z.preprocess(blankToUndefined, z.uuid("Choose a staff member from the list.").optional()).transform((v) => v ?? null),
    name: optionalText(200),
    role: text(200, "Say their role, for example: mother, speech therapist, classroom teacher."),
  })
  .strict()
  .superRefine((v, c) => {
    if (v.kind === "STAFF" && !v.unverifiedMembershipId) c.addIssue({ code: "custom", path: ["unverifiedMembershipId"], message: "Choose a staff member from the list." });
    if (v.kind !== "STAFF" && !v.name) c.addIssue({ code: "custom", path: ["name"], message: "Enter the name of the guardian or provider." });
  });
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZAttendanceInput = z.object({ unverifiedMeetingId: id, present: z.array(z.uuid("Tick people from the list.")).max(100) }).strict();
export const ATTENDANCE_ARRAY_FIELDS = ["present"] as const;

export const ZAddToAgendaInput = z
  .object({
    unverifiedMeetingId: id,
    source: z.enum(AGENDA_SOURCES),
    unverifiedStudentIds: z.array(z.uuid("Choose students from the list.")).min(1, "Choose at least one student.").max(MAX_AGENDA, `Add at most ${MAX_AGENDA} students at once.`),
  })
  .strict();
export const AGENDA_ARRAY_FIELDS = ["unverifiedStudentIds"] as const;

export const ZMinutesInput = z.object({ unverifiedMeetingId: id, unverifiedStudentId: id, minutes: optionalText(MAX_MINUTES) }).strict();

const count = (field: keyof typeof PLAN_DOSAGE_LIMITS) => {
  const { min, max, label } = PLAN_DOSAGE_LIMITS[field];
  const message = `Enter the ${label} as a whole number from ${min} to ${max}.`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const decisionBase = {
  unverifiedMeetingId: id,
  unverifiedStudentId: id,
  /** Made by the form: a repeated submission finds the decision it already applied. */
  clientKey: z.uuid(),
};
const planRef = { unverifiedPlanId: z.uuid("Choose a plan of the student."), version: z.coerce.number().int().min(1) };

/** One decision of the short list, each with what it needs. */
export const ZDecisionInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...decisionBase, kind: z.literal("CONTINUE"), ...planRef }).strict(),
    z
      .object({
        ...decisionBase,
        kind: z.literal("CHANGE_PLAN"),
        ...planRef,
        sessionsPerWeek: count("sessionsPerWeek"),
        minutesPerSession: count("minutesPerSession"),
        reviewDate: z.preprocess(blankToUndefined, day("", "next review date").optional()).transform((v) => v ?? null),
        reason: text(MAX_REASON, "Say what changes and why, for example: not closing the gap, add a session a week."),
      })
      .strict(),
    z
      .object({
        ...decisionBase,
        kind: z.literal("CHANGE_TIER"),
        area: z.enum(INTERVENTION_AREAS, { error: "Choose the area." }),
        tier: z.enum(TIER_LEVELS, { error: "Choose the tier." }),
        reason: text(500, "Say why the tier changes."),
      })
      .strict(),
    z
      .object({
        ...decisionBase,
        kind: z.literal("END_PLAN"),
        ...planRef,
        outcome: z.enum(["COMPLETED", "DISCONTINUED"], { error: "Choose completed or discontinued." }),
        reason: optionalText(MAX_REASON),
      })
      .strict()
      .refine((v) => v.outcome === "COMPLETED" || v.reason, { path: ["reason"], message: "Say why the plan is discontinued." }),
    z.object({ ...decisionBase, kind: z.literal("START_REFERRAL"), reason: text(2000, "Say why the student is referred.") }).strict(),
    // The goal keeps its measure and baseline: the team sets a new target (and date) from the graph.
    z
      .object({
        ...decisionBase,
        kind: z.literal("CHANGE_GOAL"),
        unverifiedGoalId: z.uuid("Choose a goal of the student."),
        goalVersion: z.coerce.number().int().min(1),
        targetValue: z
          .string({ error: "Enter the new target score." })
          .trim()
          .min(1, "Enter the new target score.")
          .max(40, "Use at most 40 characters.")
          .refine((v) => DECIMAL_TEXT.test(v), "Enter the target score as a number, for example 90 or 7.5.")
          .transform(Number),
        targetDate: day("Enter the date the new target is to be reached by.", "target date"),
        reason: text(MAX_REASON, "Say why the goal changes, for example: four points above the aimline."),
        [CONFIRM_ROI_FIELD]: z.literal("yes", { error: "This confirmation is a tick box: tick it, or leave it empty." }).optional(),
      })
      .strict(),
    // A new draft plan for the student at the meeting's school, from the meeting's date.
    z
      .object({
        ...decisionBase,
        kind: z.literal("START_PLAN"),
        area: z.enum(INTERVENTION_AREAS, { error: "Choose the area." }),
        unverifiedInterventionId: z.uuid("Choose an intervention from the library."),
        // One interventionist chosen in the meeting (the plan's page can add more); named as the plan form's field, whose checks it shares.
        unverifiedInterventionistIds: z.uuid("Choose who delivers the plan."),
        sessionsPerWeek: count("sessionsPerWeek"),
        minutesPerSession: count("minutesPerSession"),
        reviewDate: day("Enter the first review date.", "review date"),
      })
      .strict(),
  ],
  { error: "Choose a decision from the list." },
);
export type TDecisionInput = z.infer<typeof ZDecisionInput>;

export const ZActionItemInput = z
  .object({
    unverifiedMeetingId: id,
    unverifiedStudentId: z.preprocess(blankToUndefined, id.optional()).transform((v) => v ?? null),
    unverifiedOwnerId: z.preprocess(blankToUndefined, z.uuid("Choose who will do it.").optional()),
    description: text(MAX_ACTION_ITEM, "Say what is to be done."),
    dueDate: day("Enter the due date.", "due date"),
  })
  .strict()
  .superRefine((v, c) => {
    if (!v.unverifiedOwnerId) c.addIssue({ code: "custom", path: ["unverifiedOwnerId"], message: "Choose who will do it: every action item has an owner." });
  });
export type TActionItemInput = z.infer<typeof ZActionItemInput>;

export const ZActionItemStatusInput = z.object({ unverifiedActionItemId: id, status: z.enum(ACTION_ITEM_STATUSES) }).strict();
