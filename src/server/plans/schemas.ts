import { z } from "zod";
import { WEEKDAY_LABEL } from "@/domain/dosage";
import { DOSAGE_LIMITS } from "@/server/interventions/schemas";
import { todayIso } from "@/server/students/schemas";
import { INTERVENTION_AREAS } from "@/server/tiers/schemas";

export const PLAN_STATUSES = ["DRAFT", "ACTIVE", "COMPLETED", "DISCONTINUED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABEL: Readonly<Record<PlanStatus, string>> = {
  DRAFT: "Draft",
  ACTIVE: "Active",
  COMPLETED: "Completed",
  DISCONTINUED: "Discontinued",
};
/** Draft and active plans are open: someone delivers them, or will. */
export const OPEN_PLAN_STATUSES: readonly PlanStatus[] = ["DRAFT", "ACTIVE"];

export const PLAN_EVENT_LABEL = {
  CREATED: "Created",
  SUBMITTED: "Submitted for approval",
  RETURNED: "Sent back",
  APPROVED: "Approved",
  CHANGED: "Changed",
  COMPLETED: "Completed",
  DISCONTINUED: "Discontinued",
} as const;

/** A plan's (or a phase's) intervention as a title: the library's name, or the custom one. */
export const planTitleOf = (p: { intervention: { name: string } | null; customIntervention: string | null }) => p.intervention?.name ?? p.customIntervention ?? "Intervention";

/** "Mon, Wed, Fri at 09:30"; a plan without days meets on any school day. */
export function scheduleText(days: readonly number[], time: string | null): string {
  const when = days.length ? days.map((d) => WEEKDAY_LABEL[d]!.slice(0, 3)).join(", ") : "No fixed days";
  return `${when}${time ? ` at ${time}` : ""}`;
}

/** "30 min × 4 a week, group of 3". */
export function dosageText(p: { minutesPerSession: number; sessionsPerWeek: number; groupSize: number }): string {
  return `${p.minutesPerSession} min × ${p.sessionsPerWeek} a week, ${p.groupSize === 1 ? "individual" : `group of ${p.groupSize}`}`;
}

/** A plan's dosage keeps to the limits of the library's recommended dosage. */
export const PLAN_DOSAGE_LIMITS = {
  minutesPerSession: DOSAGE_LIMITS.minutesPerSession,
  sessionsPerWeek: DOSAGE_LIMITS.sessionsPerWeek,
  groupSize: { ...DOSAGE_LIMITS.groupSizeMax, label: "group size" },
} as const;
export const MAX_PLAN_STUDENTS = PLAN_DOSAGE_LIMITS.groupSize.max;
export const MAX_INTERVENTIONISTS = 10;
export const MAX_PLAN_NOTES = 2000;
export const MAX_PLAN_COMMENT = 1000;
export const MAX_CUSTOM_INTERVENTION = 120;
/** Plan dates before this are typing mistakes (usually the year). */
export const EARLIEST_PLAN_DATE = "2000-01-01";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const requiredText = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Use at most ${max} characters.`).optional()).transform((v) => v ?? null);

const day = (missing: string, what: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .pipe(z.iso.date(`Enter the ${what} as a full date (year, month and day).`))
    .refine((v) => v >= EARLIEST_PLAN_DATE, `The ${what} cannot be before 1 January 2000. Check the year.`);

/** A day that has happened: today or earlier. */
const pastDay = (missing: string, what: string) => day(missing, what).refine((v) => v <= todayIso(), `The ${what} cannot be in the future.`);

const count = (field: keyof typeof PLAN_DOSAGE_LIMITS) => {
  const { min, max, label } = PLAN_DOSAGE_LIMITS[field];
  const message = `Enter the ${label} as a whole number from ${min} to ${max}.`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const uuidList = (message: string, min: [number, string], max: [number, string]) =>
  z
    .array(z.uuid(message))
    .min(...min)
    .max(...max)
    .transform((ids) => [...new Set(ids)]);

// Ids from the browser are unverified: the action finds each in the user's
// reach inside its transaction before anything is written.
const planFields = {
  area: z.enum(INTERVENTION_AREAS, { error: "Choose the area." }),
  unverifiedInterventionId: z.preprocess(blankToUndefined, z.uuid("Choose an intervention from the list.").optional()).transform((v) => v ?? null),
  customIntervention: optionalText(MAX_CUSTOM_INTERVENTION),
  unverifiedInterventionistIds: uuidList(
    "Choose interventionists from the list.",
    [1, "Choose who delivers the plan."],
    [MAX_INTERVENTIONISTS, `Choose at most ${MAX_INTERVENTIONISTS} interventionists.`],
  ),
  minutesPerSession: count("minutesPerSession"),
  sessionsPerWeek: count("sessionsPerWeek"),
  // Blank means one group of the plan's students.
  groupSize: z.preprocess(blankToUndefined, count("groupSize").optional()).transform((v) => v ?? null),
  // None chosen: no fixed days (sessions may fall on any school day).
  scheduleDays: z
    .array(z.enum(["1", "2", "3", "4", "5"], { error: "Choose days from Monday to Friday." }))
    .transform((days) => [...new Set(days.map(Number))].sort()),
  scheduleTime: z
    .preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time as hours and minutes, like 09:30.").optional())
    .transform((v) => v ?? null),
  startDate: day("Enter the start date.", "start date"),
  reviewDate: day("Enter the review date.", "review date"),
  notes: optionalText(MAX_PLAN_NOTES),
};

type PlanFields = z.output<z.ZodObject<typeof planFields>>;

/** The checks across fields, shared by create and update. */
function checkPlan(v: PlanFields, c: z.RefinementCtx) {
  if (v.unverifiedInterventionId && v.customIntervention) {
    c.addIssue({ code: "custom", path: ["customIntervention"], message: "Choose a library intervention or name a custom one, not both." });
  } else if (!v.unverifiedInterventionId && !v.customIntervention) {
    c.addIssue({ code: "custom", path: ["unverifiedInterventionId"], message: "Choose an intervention from the library, or name a custom one." });
  }
  if (v.reviewDate <= v.startDate) c.addIssue({ code: "custom", path: ["reviewDate"], message: "The review date must be after the start date." });
}

export const ZCreatePlanInput = z
  .object({
    unverifiedStudentIds: uuidList("Choose students from the list.", [1, "Choose at least one student."], [MAX_PLAN_STUDENTS, `A plan has at most ${MAX_PLAN_STUDENTS} students.`]),
    ...planFields,
  })
  .strict()
  .superRefine(checkPlan);
export type TCreatePlanInput = z.infer<typeof ZCreatePlanInput>;

const planRef = { unverifiedPlanId: z.string().max(200), version: z.coerce.number().int().min(1) };

/**
 * An edit. Once the plan is active, a change of intervention, dosage or
 * interventionists starts a new phase on changeDate (today when blank),
 * explained in changeReason; the action decides whether one is needed.
 */
export const ZUpdatePlanInput = z
  .object({
    ...planRef,
    ...planFields,
    changeDate: z.preprocess(blankToUndefined, pastDay("Enter the date of the change.", "date of the change").optional()).transform((v) => v ?? null),
    changeReason: optionalText(MAX_PLAN_COMMENT),
  })
  .strict()
  .superRefine(checkPlan);
export type TUpdatePlanInput = z.infer<typeof ZUpdatePlanInput>;

export const ZPlanStepInput = z.object(planRef).strict();
export type TPlanStepInput = z.infer<typeof ZPlanStepInput>;

/** Approval; a plan that does not fit its intervention (planFitProblems) needs the reason it is approved anyway. */
export const ZApprovePlanInput = z.object({ ...planRef, fitReason: optionalText(MAX_PLAN_COMMENT) }).strict();
export type TApprovePlanInput = z.infer<typeof ZApprovePlanInput>;

export const ZReturnPlanInput = z
  .object({ ...planRef, comment: requiredText(MAX_PLAN_COMMENT, "Say what the author should change.") })
  .strict();
export type TReturnPlanInput = z.infer<typeof ZReturnPlanInput>;

export const ZCompletePlanInput = z
  .object({ ...planRef, endDate: pastDay("Enter the end date.", "end date"), note: optionalText(MAX_PLAN_COMMENT) })
  .strict();
export type TCompletePlanInput = z.infer<typeof ZCompletePlanInput>;

export const ZDiscontinuePlanInput = z
  .object({ ...planRef, endDate: pastDay("Enter the end date.", "end date"), reason: requiredText(MAX_PLAN_COMMENT, "Say why the plan is discontinued.") })
  .strict();
export type TDiscontinuePlanInput = z.infer<typeof ZDiscontinuePlanInput>;

/** Form fields that are always arrays for formToObject: an edit's, and a new plan's. */
export const PLAN_ARRAY_FIELDS = ["unverifiedInterventionistIds", "scheduleDays"] as const;
export const NEW_PLAN_ARRAY_FIELDS = ["unverifiedStudentIds", ...PLAN_ARRAY_FIELDS] as const;

// ---------------------------------------------------------------------------
// The plans list: filters in the URL (ids and enums only, never names).

export const PLAN_LIST_STATUSES = ["open", "awaiting", "overdue", ...PLAN_STATUSES, "all"] as const;
export type PlanListStatus = (typeof PLAN_LIST_STATUSES)[number];
export const PLAN_LIST_STATUS_LABEL: Readonly<Record<PlanListStatus, string>> = {
  open: "Open (draft or active)",
  awaiting: "Awaiting approval",
  overdue: "Active, past the review date",
  ...PLAN_STATUS_LABEL,
  all: "Any status",
};
export const PLAN_PAGE_SIZE = 25;

/** The list's filters (a GET form and links), read key by key with readQuery: a value not understood is reported and not applied. */
export const PLAN_LIST_QUERY = {
  status: z.enum(PLAN_LIST_STATUSES).default("open"),
  area: z.enum(INTERVENTION_AREAS).optional(),
  school: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
};
