import { z } from "zod";
import { ATTENDANCE_STATUSES, SESSION_STATUSES, type AttendanceStatus, type SessionStatus } from "@/domain/dosage";
import { MAX_GRID_ROWS, MORE_ROWS, ZProbeRow } from "@/server/probes/schemas";
import { todayIso } from "@/server/students/schemas";

export { ATTENDANCE_STATUSES, SESSION_STATUSES, type AttendanceStatus, type SessionStatus };

export const SESSION_STATUS_LABEL: Readonly<Record<SessionStatus, string>> = {
  HELD: "Held",
  STUDENT_ABSENT: "Student absent",
  INTERVENTIONIST_ABSENT: "Interventionist absent",
  CANCELLED: "Cancelled",
  SCHOOL_CLOSED: "School closed",
};
/** What each status means, under its choice in the form. */
export const SESSION_STATUS_HINT: Readonly<Record<SessionStatus, string>> = {
  HELD: "The session took place.",
  STUDENT_ABSENT: "Not held: the student (or every student of the group) was absent.",
  INTERVENTIONIST_ABSENT: "Not held: the person delivering it was absent.",
  CANCELLED: "Not held for another reason (assembly, testing, a trip).",
  SCHOOL_CLOSED: "School was closed: the day does not count as a missed session.",
};
export const ATTENDANCE_LABEL: Readonly<Record<AttendanceStatus, string>> = {
  PRESENT: "Present",
  ABSENT: "Absent",
  PARTIAL: "Partial",
};

export const MAX_SESSION_MINUTES = 480;
export const MAX_NOTE = 500;
/** An author may edit a session they logged for this many days after logging it. */
export const AUTHOR_EDIT_DAYS = 7;

// The radio group and partial minutes of one student of a group plan carry
// the student id in the field name; sessionFormObject gathers them.
export const attendanceField = (studentId: string) => `attendance:${studentId}`;
export const partialMinutesField = (studentId: string) => `partialMinutes:${studentId}`;
export const COMPONENTS_FIELD = "unverifiedComponentIds";
/**
 * The "All components delivered" button's name; its value is the checklist's
 * component ids, comma-separated. Without JavaScript pressing it submits the
 * form, which comes back with every component ticked and nothing saved, so
 * each can then be unticked; with JavaScript it ticks them in place.
 */
export const TICK_ALL_FIELD = "tickAllComponents";
/** The code of the answer to TICK_ALL_FIELD: not an error, nothing was saved. */
export const NOT_SAVED = "NOT_SAVED";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const minutesOf = (message: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: message })
      .int(message)
      .min(1, message)
      .max(MAX_SESSION_MINUTES, message)
      .optional(),
  );

// The plan, session, student and component ids come from the browser: the
// actions find them among the plan's own rows before anything is written.
const sessionFields = {
  date: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .pipe(z.iso.date("Enter the date as a full date (year, month and day)."))
      .refine((v) => v <= todayIso(), "The date cannot be in the future: log a session on or after the day it happens.")
      .optional(),
  ),
  startTime: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time as hours and minutes, like 09:30.")
      .optional(),
  ),
  status: z.enum(SESSION_STATUSES, { error: "Choose whether the session was held, and if not, why." }),
  minutes: minutesOf(`Enter the minutes the session lasted: a whole number from 1 to ${MAX_SESSION_MINUTES}.`),
  attendance: z
    .array(
      z.object({
        unverifiedStudentId: z.string().max(200),
        status: z.enum(ATTENDANCE_STATUSES).optional(),
        minutes: minutesOf(`Enter the minutes of partial attendance: a whole number from 1 to ${MAX_SESSION_MINUTES}.`),
      }),
    )
    .max(50),
  [COMPONENTS_FIELD]: z.array(z.string().max(200)).max(50),
  note: z.preprocess(blankToUndefined, z.string().trim().max(MAX_NOTE, `Use at most ${MAX_NOTE} characters.`).optional()),
};

/** The checks that need only the input (the plan's students and components are checked by the action). */
function checkSession(v: { status: SessionStatus; minutes?: number; attendance: { status?: AttendanceStatus; minutes?: number }[] }, c: z.RefinementCtx) {
  if (v.status !== "HELD") return;
  if (v.minutes === undefined) c.addIssue({ code: "custom", path: ["minutes"], message: "Enter the minutes the session lasted." });
  for (const a of v.attendance) {
    if (a.status !== "PARTIAL") continue;
    if (a.minutes === undefined) c.addIssue({ code: "custom", path: ["attendance"], message: "Enter the minutes of each partial attendance." });
    else if (v.minutes !== undefined && a.minutes > v.minutes) c.addIssue({ code: "custom", path: ["attendance"], message: "Partial attendance cannot be longer than the session." });
  }
}

/** The tick box that confirms a second session for the same plan on the same day. */
export const CONFIRM_DUPLICATE_FIELD = "confirmDuplicate";
export const MAX_VOID_REASON = 300;

// The optional probe scores of a new session carry the goal id in their
// names, as the group grid's cells do (scoreField, measureField); a blank
// score is no probe. Editing a session does not change its probes.
export const PROBES_FIELD = "probes";

export const ZLogSessionInput = z
  .object({
    unverifiedPlanId: z.string().max(200),
    // Made when the form is rendered and sent again with any retry of it; the probes saved with the session share it.
    clientKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "This form is incomplete: reload the page and log the session again."),
    ...sessionFields,
    [PROBES_FIELD]: z.array(ZProbeRow.omit({ note: true })).max(MAX_GRID_ROWS, MORE_ROWS).default([]),
    // Ticked after the form came back saying the plan already has a session that day (logSession).
    [CONFIRM_DUPLICATE_FIELD]: z.literal("yes", { error: "This confirmation is a tick box: tick it, or leave it empty." }).optional(),
  })
  .strict()
  .superRefine(checkSession);
export type TLogSessionInput = z.infer<typeof ZLogSessionInput>;

export const ZEditSessionInput = z
  .object({
    unverifiedSessionId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    ...sessionFields,
  })
  .strict()
  .superRefine(checkSession);
export type TEditSessionInput = z.infer<typeof ZEditSessionInput>;

/** Voids a session logged by mistake: it stays in history, and no dosage or fidelity figure counts it. */
export const ZVoidSessionInput = z
  .object({
    unverifiedSessionId: z.string().max(200),
    version: z.coerce.number().int().min(1),
    reason: z
      .string({ error: "Say why this session is voided." })
      .trim()
      .min(1, "Say why this session is voided (for example “logged twice”).")
      .max(MAX_VOID_REASON, `Use at most ${MAX_VOID_REASON} characters.`),
  })
  .strict();
export type TVoidSessionInput = z.infer<typeof ZVoidSessionInput>;
export type SessionInput = Pick<TLogSessionInput, "date" | "startTime" | "status" | "minutes" | "attendance" | typeof COMPONENTS_FIELD | "note">;

// ---------------------------------------------------------------------------
// The service log's date range (a GET form: dates are not names).

const isoDate = z.iso.date("Enter a full date (year, month and day).");

/** 1 August of the school year `today` is in: the service log's default start. */
export function schoolYearStart(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return `${m >= 8 ? y : y - 1}-08-01`;
}

export const ZServiceLogRange = z
  .object({ from: z.preprocess(blankToUndefined, isoDate.optional()), to: z.preprocess(blankToUndefined, isoDate.optional()) })
  .transform((v) => {
    const today = todayIso();
    return { from: v.from ?? schoolYearStart(today), to: v.to ?? today };
  })
  .refine((v) => v.from <= v.to, { message: "The start date must be on or before the end date.", path: ["from"] });
