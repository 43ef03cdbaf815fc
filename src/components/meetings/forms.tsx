"use client";
import { useActionState } from "react";
import { useClientKey } from "@/components/probes/use-client-key";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { ATTENDEE_KINDS, ATTENDEE_KIND_LABEL, MEETING_KINDS, MEETING_KIND_LABEL, type AgendaSource } from "@/domain/meetings";
import { addActionItem, addToAgenda, inviteToMeeting, recordDecision, saveMinutes, scheduleMeeting, setActionItemStatus, takeAttendance } from "@/server/meetings/actions";
import { CONFIRM_ROI_FIELD } from "@/server/goals/schemas";
import { AREA_OPTIONS, TIER_OPTIONS } from "@/server/tiers/schemas";

type Option = { value: string; label: string };

function useForm(action: (prev: ActionState, form: FormData) => Promise<ActionState>) {
  const [state, dispatch] = useActionState<ActionState, FormData>(action, null);
  return { state, dispatch, key: useResultKey(state) };
}

export function ScheduleMeetingForm({ schools, today }: { schools: Option[]; today: string }) {
  const { state, dispatch, key } = useForm(scheduleMeeting);
  return (
    <form action={dispatch} key={key} noValidate>
      <FormMessage state={state} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField label="School" name="unverifiedSchoolId" required options={schools} placeholder="Choose a school" defaultValue={valueOf(state, "unverifiedSchoolId") ?? (schools.length === 1 ? schools[0]!.value : undefined)} errors={errorsFor(state, "unverifiedSchoolId")} />
        <SelectField label="Kind" name="kind" required options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABEL[k] }))} defaultValue={valueOf(state, "kind") ?? "PROBLEM_SOLVING"} errors={errorsFor(state, "kind")} />
        <TextField label="Date" name="date" type="date" required defaultValue={valueOf(state, "date") ?? today} errors={errorsFor(state, "date")} />
        <TextField label="Next meeting (optional)" name="nextMeetingDate" type="date" defaultValue={valueOf(state, "nextMeetingDate")} errors={errorsFor(state, "nextMeetingDate")} />
      </div>
      <SubmitButton>Schedule the meeting</SubmitButton>
    </form>
  );
}

export function InviteForm({ meetingId, staff }: { meetingId: string; staff: Option[] }) {
  const { state, dispatch, key } = useForm(inviteToMeeting);
  return (
    <form action={dispatch} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <SelectField label="Who" name="kind" required options={ATTENDEE_KINDS.map((k) => ({ value: k, label: ATTENDEE_KIND_LABEL[k] }))} defaultValue={valueOf(state, "kind") ?? "STAFF"} errors={errorsFor(state, "kind")} />
      <SelectField label="Staff member (for staff)" name="unverifiedMembershipId" options={staff} placeholder="Choose a staff member" defaultValue={valueOf(state, "unverifiedMembershipId")} errors={errorsFor(state, "unverifiedMembershipId")} />
      <TextField label="Name (for a guardian or outside provider)" name="name" maxLength={200} defaultValue={valueOf(state, "name")} hint="They get no account and see nothing in the app." errors={errorsFor(state, "name")} />
      <TextField label="Role" name="role" required maxLength={200} defaultValue={valueOf(state, "role")} hint="For example: mother, speech therapist, classroom teacher." errors={errorsFor(state, "role")} />
      <SubmitButton variant="secondary">Invite</SubmitButton>
    </form>
  );
}

export function AttendanceForm({ meetingId, attendees }: { meetingId: string; attendees: { id: string; label: string; present: boolean | null }[] }) {
  const { state, dispatch, key } = useForm(takeAttendance);
  return (
    <form action={dispatch} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <CheckboxGroup
        label="Present"
        name="present"
        large
        options={attendees.map((a) => ({ value: a.id, label: a.label }))}
        defaultValues={valuesOf(state, "present") ?? attendees.filter((a) => a.present).map((a) => a.id)}
        errors={errorsFor(state, "present")}
      />
      <SubmitButton variant="secondary">Save attendance</SubmitButton>
    </form>
  );
}

export function AgendaForm({ meetingId, source, label, students }: { meetingId: string; source: AgendaSource; label: string; students: Option[] }) {
  const { state, dispatch, key } = useForm(addToAgenda);
  const id = `agenda-${source.toLowerCase()}`;
  return (
    <form action={dispatch} key={key} noValidate aria-label={label}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="source" value={source} />
      {source === "CHOSEN" ? (
        <SelectField id={id} label={label} name="unverifiedStudentIds" options={students} placeholder="Choose a student" errors={errorsFor(state, "unverifiedStudentIds")} />
      ) : (
        <CheckboxGroup id={id} label={label} name="unverifiedStudentIds" large options={students} defaultValues={valuesOf(state, "unverifiedStudentIds")} errors={errorsFor(state, "unverifiedStudentIds")} />
      )}
      <SubmitButton variant="secondary">Add to the agenda</SubmitButton>
    </form>
  );
}

export function MinutesForm({ meetingId, studentId, minutes }: { meetingId: string; studentId: string; minutes: string | null }) {
  const { state, dispatch, key } = useForm(saveMinutes);
  return (
    <form action={dispatch} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <TextAreaField label="Minutes" name="minutes" rows={6} maxLength={5000} defaultValue={valueOf(state, "minutes") ?? minutes ?? ""} errors={errorsFor(state, "minutes")} />
      <SubmitButton variant="secondary">Save the minutes</SubmitButton>
    </form>
  );
}

export interface DecisionPlan {
  id: string;
  version: number;
  label: string;
  status: string;
  sessionsPerWeek: number;
  minutesPerSession: number;
}

type DecisionKindForm = "CONTINUE" | "CHANGE_PLAN" | "CHANGE_TIER" | "END_PLAN" | "START_REFERRAL";

/** One decision of the short list; it is applied to the record as soon as it is confirmed. */
export function DecisionForm({ kind, meetingId, studentId, plan, clientKey, submit }: { kind: DecisionKindForm; meetingId: string; studentId: string; plan?: DecisionPlan; clientKey: string; submit: string }) {
  const { state, dispatch, key } = useForm(recordDecision);
  const currentKey = useClientKey(state, clientKey);
  const id = (f: string) => `${kind.toLowerCase()}-${plan?.id.slice(0, 8) ?? "s"}-${f}`;
  return (
    <form action={dispatch} key={key} noValidate aria-label={submit}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <input type="hidden" name="clientKey" value={currentKey} />
      <input type="hidden" name="kind" value={kind} />
      {plan ? (
        <>
          <input type="hidden" name="unverifiedPlanId" value={plan.id} />
          <input type="hidden" name="version" value={plan.version} />
        </>
      ) : null}
      {kind === "CHANGE_PLAN" && plan ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField id={id("sessions")} label="Sessions a week" name="sessionsPerWeek" type="number" inputMode="numeric" required defaultValue={valueOf(state, "sessionsPerWeek") ?? String(plan.sessionsPerWeek)} errors={errorsFor(state, "sessionsPerWeek")} />
          <TextField id={id("minutes")} label="Minutes a session" name="minutesPerSession" type="number" inputMode="numeric" required defaultValue={valueOf(state, "minutesPerSession") ?? String(plan.minutesPerSession)} errors={errorsFor(state, "minutesPerSession")} />
          <TextField id={id("review")} label="Next review (optional)" name="reviewDate" type="date" defaultValue={valueOf(state, "reviewDate")} errors={errorsFor(state, "reviewDate")} />
          <TextField id={id("reason")} label="What changes and why" name="reason" required maxLength={1000} defaultValue={valueOf(state, "reason")} errors={errorsFor(state, "reason")} />
        </div>
      ) : null}
      {kind === "CHANGE_TIER" ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField id={id("area")} label="Area" name="area" required options={AREA_OPTIONS} placeholder="Choose an area" defaultValue={valueOf(state, "area")} errors={errorsFor(state, "area")} />
          <SelectField id={id("tier")} label="New tier" name="tier" required options={TIER_OPTIONS} placeholder="Choose a tier" defaultValue={valueOf(state, "tier")} errors={errorsFor(state, "tier")} />
          <TextField id={id("reason")} label="Why" name="reason" required maxLength={500} defaultValue={valueOf(state, "reason")} errors={errorsFor(state, "reason")} />
        </div>
      ) : null}
      {kind === "END_PLAN" ? (
        <>
          <SelectField id={id("outcome")} label="Outcome" name="outcome" required options={[{ value: "COMPLETED", label: "Completed (goal met)" }, { value: "DISCONTINUED", label: "Discontinued" }]} defaultValue={valueOf(state, "outcome") ?? "COMPLETED"} errors={errorsFor(state, "outcome")} />
          <TextField id={id("reason")} label="Note or reason" name="reason" maxLength={1000} defaultValue={valueOf(state, "reason")} hint="Required when discontinued." errors={errorsFor(state, "reason")} />
        </>
      ) : null}
      {kind === "START_REFERRAL" ? <TextField id={id("reason")} label="Why the student is referred" name="reason" required maxLength={2000} defaultValue={valueOf(state, "reason")} errors={errorsFor(state, "reason")} /> : null}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}

export function ActionItemForm({ meetingId, studentId, staff, meetingDate }: { meetingId: string; studentId: string; staff: Option[]; meetingDate: string }) {
  const { state, dispatch, key } = useForm(addActionItem);
  return (
    <form action={dispatch} key={key} noValidate aria-label="Add an action item">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <TextField id="item-description" label="What is to be done" name="description" required maxLength={500} defaultValue={valueOf(state, "description")} errors={errorsFor(state, "description")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id="item-owner" label="Owner" name="unverifiedOwnerId" required options={staff} placeholder="Choose the owner" defaultValue={valueOf(state, "unverifiedOwnerId")} errors={errorsFor(state, "unverifiedOwnerId")} />
        <TextField id="item-due" label="Due" name="dueDate" type="date" required min={meetingDate} defaultValue={valueOf(state, "dueDate")} errors={errorsFor(state, "dueDate")} />
      </div>
      <SubmitButton variant="secondary">Add the action item</SubmitButton>
    </form>
  );
}

/** Marks an action item done (or dropped): one button each, no JavaScript needed. */
export function ActionItemStatusForm({ itemId, label }: { itemId: string; label: string }) {
  const { state, dispatch } = useForm(setActionItemStatus);
  return (
    <form action={dispatch} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="unverifiedActionItemId" value={itemId} />
      <FormMessage state={state} />
      <button type="submit" name="status" value="DONE" className="min-h-11 rounded-md border border-slate-500 px-3 text-sm" aria-label={`Mark done: ${label}`}>
        Mark done
      </button>
    </form>
  );
}

export interface DecisionGoal {
  id: string;
  version: number;
  /** "Read Naturally: ORF words correct per minute" */
  label: string;
  targetValue: number;
  /** yyyy-mm-dd */
  targetDate: string;
}

/** "Raise or change the goal": a new target (and date) for one goal; its measure and baseline stay. */
export function GoalDecisionForm({ meetingId, studentId, goal, clientKey }: { meetingId: string; studentId: string; goal: DecisionGoal; clientKey: string }) {
  const { state, dispatch, key } = useForm(recordDecision);
  const currentKey = useClientKey(state, clientKey);
  const id = (f: string) => `goal-${goal.id.slice(0, 8)}-${f}`;
  const submit = `Confirm: new target for ${goal.label}`;
  return (
    <form action={dispatch} key={key} noValidate aria-label={submit}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <input type="hidden" name="clientKey" value={currentKey} />
      <input type="hidden" name="kind" value="CHANGE_GOAL" />
      <input type="hidden" name="unverifiedGoalId" value={goal.id} />
      <input type="hidden" name="goalVersion" value={goal.version} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id={id("target")} label="New target" name="targetValue" inputMode="decimal" required defaultValue={valueOf(state, "targetValue") ?? String(goal.targetValue)} errors={errorsFor(state, "targetValue")} />
        <TextField id={id("date")} label="To be reached by" name="targetDate" type="date" required defaultValue={valueOf(state, "targetDate") ?? goal.targetDate} errors={errorsFor(state, "targetDate")} />
      </div>
      <TextField id={id("reason")} label="Why the goal changes" name="reason" required maxLength={1000} defaultValue={valueOf(state, "reason")} errors={errorsFor(state, "reason")} />
      {errorsFor(state, CONFIRM_ROI_FIELD) ? (
        <CheckboxGroup id={id("confirm")} label="Keep this rate of improvement?" name={CONFIRM_ROI_FIELD} large options={[{ value: "yes", label: "Yes: set the goal with this target and date" }]} errors={errorsFor(state, CONFIRM_ROI_FIELD)} />
      ) : null}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}

/** "Start a plan": a draft plan for the student from the meeting's date, with one interventionist (more can be added on the plan's page). */
export function StartPlanDecisionForm({ meetingId, studentId, interventions, interventionists, clientKey }: { meetingId: string; studentId: string; interventions: (Option & { group?: string })[]; interventionists: Option[]; clientKey: string }) {
  const { state, dispatch, key } = useForm(recordDecision);
  const currentKey = useClientKey(state, clientKey);
  return (
    <form action={dispatch} key={key} noValidate aria-label="Confirm: start the plan">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedMeetingId" value={meetingId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      <input type="hidden" name="clientKey" value={currentKey} />
      <input type="hidden" name="kind" value="START_PLAN" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id="start-area" label="Area" name="area" required options={AREA_OPTIONS} placeholder="Choose an area" defaultValue={valueOf(state, "area")} errors={errorsFor(state, "area")} />
        <SelectField id="start-intervention" label="Intervention" name="unverifiedInterventionId" required options={interventions} placeholder="Choose an intervention" defaultValue={valueOf(state, "unverifiedInterventionId")} errors={errorsFor(state, "unverifiedInterventionId")} />
        <SelectField id="start-who" label="Delivered by" name="unverifiedInterventionistIds" required options={interventionists} placeholder="Choose who delivers it" defaultValue={valueOf(state, "unverifiedInterventionistIds")} errors={errorsFor(state, "unverifiedInterventionistIds")} />
        <TextField id="start-sessions" label="Sessions a week" name="sessionsPerWeek" type="number" inputMode="numeric" required defaultValue={valueOf(state, "sessionsPerWeek")} errors={errorsFor(state, "sessionsPerWeek")} />
        <TextField id="start-minutes" label="Minutes a session" name="minutesPerSession" type="number" inputMode="numeric" required defaultValue={valueOf(state, "minutesPerSession")} errors={errorsFor(state, "minutesPerSession")} />
        <TextField id="start-review" label="First review" name="reviewDate" type="date" required defaultValue={valueOf(state, "reviewDate")} errors={errorsFor(state, "reviewDate")} />
      </div>
      <SubmitButton>Confirm: start the plan</SubmitButton>
    </form>
  );
}
