// Meetings (issue 19, decision 024): labels and the recap's sentences, written
// from the facts each decision kept when it was applied. Pure: no I/O.

export const MEETING_KINDS = ["PROBLEM_SOLVING", "DATA_TEAM", "ELIGIBILITY"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABEL: Readonly<Record<MeetingKind, string>> = {
  PROBLEM_SOLVING: "Problem-solving meeting",
  DATA_TEAM: "Data team meeting",
  ELIGIBILITY: "Eligibility meeting",
};

export const ATTENDEE_KINDS = ["STAFF", "GUARDIAN", "PROVIDER"] as const;
export type AttendeeKind = (typeof ATTENDEE_KINDS)[number];
export const ATTENDEE_KIND_LABEL: Readonly<Record<AttendeeKind, string>> = {
  STAFF: "Staff",
  GUARDIAN: "Parent or guardian",
  PROVIDER: "Outside provider",
};

export const AGENDA_SOURCES = ["NEEDS_REVIEW", "DUE_FOR_REVIEW", "CHOSEN"] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];
export const AGENDA_SOURCE_LABEL: Readonly<Record<AgendaSource, string>> = {
  NEEDS_REVIEW: "A goal needs review",
  DUE_FOR_REVIEW: "Plan due for review",
  CHOSEN: "Added by the team",
};

export const DECISION_KINDS = ["CONTINUE", "CHANGE_PLAN", "CHANGE_GOAL", "CHANGE_TIER", "START_PLAN", "END_PLAN", "START_REFERRAL"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_KIND_LABEL: Readonly<Record<DecisionKind, string>> = {
  CONTINUE: "Continue the plan",
  CHANGE_PLAN: "Change the plan (dosage or intervention)",
  CHANGE_GOAL: "Raise or change a goal",
  CHANGE_TIER: "Change the tier",
  START_PLAN: "Start a plan",
  END_PLAN: "Complete or discontinue a plan",
  START_REFERRAL: "Start a referral for evaluation",
};

export const ACTION_ITEM_STATUSES = ["OPEN", "DONE", "DROPPED"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_STATUS_LABEL: Readonly<Record<ActionItemStatus, string>> = { OPEN: "Open", DONE: "Done", DROPPED: "Dropped" };

/** What a plan looked like for a sentence: its intervention, dosage and who delivers it. */
export interface PlanFacts {
  title: string;
  sessionsPerWeek: number;
  minutesPerSession: number;
  interventionists: string[];
  /** YYYY-MM-DD */
  reviewDate: string;
}

/** The facts kept with each decision (MeetingDecision.facts), by kind. */
export type DecisionFacts =
  | { kind: "CONTINUE"; student: string; plan: PlanFacts }
  | { kind: "CHANGE_PLAN"; student: string; before: PlanFacts; plan: PlanFacts; phase: number; from: string }
  | { kind: "CHANGE_TIER"; student: string; area: string; tier: string; before: string | null }
  | { kind: "END_PLAN"; student: string; plan: PlanFacts; outcome: "COMPLETED" | "DISCONTINUED"; reason: string | null }
  | { kind: "START_REFERRAL"; student: string; reason: string }
  | { kind: "CHANGE_GOAL"; student: string; area: string; target: GoalTargetFacts; before: GoalTargetFacts; raised: boolean }
  | { kind: "START_PLAN"; student: string; plan: PlanFacts; from: string };

/** A goal's target for a sentence: "90 words correct per minute" by a day (YYYY-MM-DD). */
export interface GoalTargetFacts {
  amount: string;
  date: string;
}

/**
 * A score with the words of its measure's goal phrase after it:
 * "read {n} words correct per minute" and 90 -> "90 words correct per minute";
 * "score {n}% of points" and 80 -> "80% of points".
 */
export function targetAmount(phrase: string, value: string): string {
  const at = phrase.indexOf("{n}");
  return at < 0 ? value : `${value}${phrase.slice(at + 3)}`.trim();
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "12 January" (the recap is read in the school year it is about, so no year). */
export function dayMonth(iso: string): string {
  const [, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m! - 1]}`;
}

/** "Jordan Lee", "Jordan Lee and Ana Ruiz", "A, B and C". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const sessions = (n: number) => `${n} ${n === 1 ? "session" : "sessions"} a week`;

/** "Repeated Reading, 5 sessions a week of 30 minutes with Jordan Lee" */
function planPhrase(p: PlanFacts): string {
  const who = p.interventionists.length ? ` with ${listOf(p.interventionists)}` : "";
  return `${p.title}, ${sessions(p.sessionsPerWeek)} of ${p.minutesPerSession} minutes${who}`;
}

/** What changed between two dosages, in words: "was 4 sessions a week". */
function changeNote(before: PlanFacts, after: PlanFacts): string {
  const was: string[] = [];
  if (before.title !== after.title) was.push(before.title);
  if (before.sessionsPerWeek !== after.sessionsPerWeek) was.push(sessions(before.sessionsPerWeek));
  if (before.minutesPerSession !== after.minutesPerSession) was.push(`${before.minutesPerSession} minutes`);
  return was.length ? ` (was ${listOf(was)})` : "";
}

/** The recap's sentence for one decision. */
export function decisionSentence(f: DecisionFacts): string {
  switch (f.kind) {
    case "CONTINUE":
      return `${f.student} continues ${planPhrase(f.plan)}; next review ${dayMonth(f.plan.reviewDate)}.`;
    case "CHANGE_PLAN":
      return `${f.student} moves to ${planPhrase(f.plan)}${changeNote(f.before, f.plan)} from ${dayMonth(f.from)} (phase ${f.phase}); next review ${dayMonth(f.plan.reviewDate)}.`;
    case "CHANGE_TIER":
      return `${f.student} moves to ${f.tier} in ${f.area.toLowerCase()}${f.before ? ` (was ${f.before})` : ""}.`;
    case "END_PLAN":
      return `${f.student}'s ${f.plan.title} plan is ${f.outcome === "COMPLETED" ? "completed" : "discontinued"}${f.reason ? `: ${f.reason.replace(/[.\s]+$/, "")}` : ""}.`;
    case "START_REFERRAL":
      return `${f.student} is referred for a special-education evaluation: ${f.reason}`;
    case "CHANGE_GOAL": {
      const was = f.before.amount === f.target.amount ? dayMonth(f.before.date) : `${f.before.amount} by ${dayMonth(f.before.date)}`;
      return `${f.student}'s ${f.area.toLowerCase()} goal ${f.raised ? "rises" : "changes"} to ${f.target.amount} by ${dayMonth(f.target.date)} (was ${was}).`;
    }
    case "START_PLAN":
      return `${f.student} starts ${planPhrase(f.plan)} from ${dayMonth(f.from)}; next review ${dayMonth(f.plan.reviewDate)}. The plan is a draft until its goal is written and it is approved.`;
  }
}

/** "Jordan Lee will send the reading log home by 12 December." */
export function actionItemSentence(a: { owner: string; description: string; dueDate: string; status: ActionItemStatus }): string {
  const what = a.description.replace(/[.\s]+$/, "");
  const done = a.status === "DONE" ? " (done)" : a.status === "DROPPED" ? " (dropped)" : "";
  return `${a.owner}: ${what}, by ${dayMonth(a.dueDate)}${done}.`;
}

/** The closing line of a recap. */
export function nextMeetingSentence(nextMeetingDate: string | null): string {
  return nextMeetingDate ? `The team meets again on ${dayMonth(nextMeetingDate)}.` : "The next meeting is not scheduled yet.";
}

/** An action item is overdue when still open after its due date. */
export const isOverdue = (a: { status: ActionItemStatus; dueDate: string }, today: string) => a.status === "OPEN" && a.dueDate < today;
