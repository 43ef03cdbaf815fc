"use client";
import { useActionState, useRef, type MouseEvent } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, RadioGroup, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { scoreRule } from "@/domain/probes";
import type { ProbeGoalView } from "@/server/probes/queries";
import { measureField, scoreField } from "@/server/probes/schemas";
import { editSession, logSession } from "@/server/sessions/actions";
import {
  ATTENDANCE_LABEL,
  ATTENDANCE_STATUSES,
  attendanceField,
  COMPONENTS_FIELD,
  CONFIRM_DUPLICATE_FIELD,
  MAX_NOTE,
  MAX_SESSION_MINUTES,
  partialMinutesField,
  PROBES_FIELD,
  SESSION_STATUS_HINT,
  SESSION_STATUS_LABEL,
  SESSION_STATUSES,
  TICK_ALL_FIELD,
} from "@/server/sessions/schemas";

const STATUS_OPTIONS = SESSION_STATUSES.map((value) => ({ value, label: SESSION_STATUS_LABEL[value], description: SESSION_STATUS_HINT[value] }));
const ATTENDANCE_OPTIONS = ATTENDANCE_STATUSES.map((value) => ({ value, label: ATTENDANCE_LABEL[value] }));

export interface SessionFormPlan {
  id: string;
  minutesPerSession: number;
  scheduleTime: string | null;
  startDate: string;
  students: { id: string; name: string }[];
}

export interface SessionValues {
  id: string;
  version: number;
  date: string;
  startTime: string | null;
  minutes: number | null;
  status: string;
  note: string | null;
  attendance: { studentId: string; status: string; minutes: number | null }[];
  componentIds: string[];
}

interface Props {
  plan: SessionFormPlan;
  /** The intervention's fidelity checklist (empty for a custom intervention). */
  components: { id: string; label: string }[];
  /** YYYY-MM-DD (UTC), from the server. */
  today: string;
  /**
   * A new session (its client key, date and the goals whose probes the user
   * may enter with it) or the one being edited.
   */
  mode: { kind: "new"; clientKey: string; date: string; probeGoals: ProbeGoalView[] } | { kind: "edit"; session: SessionValues };
}

/**
 * The optional probe scores of a new session, one per open goal (a student
 * may have several), saved as probes dated the session's day. Each score's
 * problem shows under it; a problem with the section as a whole under its
 * legend.
 */
function ProbeScores({ goals, state }: { goals: ProbeGoalView[]; state: ActionState }) {
  const sectionErrors = errorsFor(state, PROBES_FIELD);
  return (
    <fieldset className="mb-4" aria-describedby={["probes-hint", sectionErrors ? "probes-error" : null].filter(Boolean).join(" ")}>
      <legend className="font-medium text-slate-900">Progress probe (optional)</legend>
      <p id="probes-hint" className="text-sm text-slate-700">
        For a held session, a score for a student who was there: saved as a probe of the goal, dated the session&apos;s day and given by you. Leave a score blank to skip it.
      </p>
      {sectionErrors ? (
        <p id="probes-error" className="mt-1 text-sm font-medium text-red-800">
          {sectionErrors.join(" ")}
        </p>
      ) : null}
      <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
        {goals.map((g) => (
          <div key={g.id}>
            <input type="hidden" name={measureField(g.id)} value={g.measureId} />
            <TextField
              id={`probe-${g.id}`}
              label={`${g.studentName}: ${g.measure.name} (${g.measure.unit})`}
              name={scoreField(g.id)}
              inputMode={g.measure.decimals > 0 ? "decimal" : "numeric"}
              autoComplete="off"
              maxLength={40}
              hint={scoreRule(g.measure)}
              defaultValue={valueOf(state, scoreField(g.id))}
              errors={errorsFor(state, scoreField(g.id))}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Logs or edits one session on one screen: date, time and minutes, what
 * happened, each student's attendance (groups), the components delivered,
 * for a new session the probe scores given in it, and a note. Works without
 * JavaScript; every choice is a large touch target.
 */
export function SessionForm({ plan, components, today, mode }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(mode.kind === "new" ? logSession : editSession, null);
  const key = useResultKey(state);
  const saved = mode.kind === "edit" ? mode.session : null;
  const attendanceOf = (studentId: string) => saved?.attendance.find((a) => a.studentId === studentId);
  const group = plan.students.length > 1;
  const checklistRef = useRef<HTMLDivElement>(null);
  // With JavaScript, "All components delivered" ticks the boxes in place; without it, the button submits and the server ticks them (tickAllComponents).
  const tickAll = (e: MouseEvent<HTMLButtonElement>) => {
    e.preventDefault();
    const boxes = checklistRef.current?.querySelectorAll<HTMLInputElement>(`input[name="${COMPONENTS_FIELD}"]`) ?? [];
    boxes.forEach((box) => {
      box.checked = true;
    });
    boxes[0]?.focus();
  };
  return (
    <form action={action} key={key} noValidate>
      {components.length ? (
        // The form's default button (Enter in a field submits with the first submit button): saving, not "All components delivered" below.
        <button type="submit" tabIndex={-1} aria-hidden="true" className="sr-only">
          {mode.kind === "new" ? "Log session" : "Save changes"}
        </button>
      ) : null}
      <FormMessage state={state} />
      {mode.kind === "new" ? (
        <>
          <input type="hidden" name="unverifiedPlanId" value={plan.id} />
          <input type="hidden" name="clientKey" value={mode.clientKey} />
        </>
      ) : (
        <>
          <input type="hidden" name="unverifiedSessionId" value={mode.session.id} />
          <input type="hidden" name="version" value={mode.session.version} />
        </>
      )}

      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField
          label="Date"
          name="date"
          type="date"
          required
          min={plan.startDate}
          max={today}
          defaultValue={valueOf(state, "date") ?? (mode.kind === "new" ? mode.date : mode.session.date)}
          errors={errorsFor(state, "date")}
        />
        <TextField label="Start time" name="startTime" type="time" defaultValue={valueOf(state, "startTime") ?? (saved ? saved.startTime : plan.scheduleTime)} errors={errorsFor(state, "startTime")} />
        <TextField
          label="Minutes"
          name="minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SESSION_MINUTES}
          defaultValue={valueOf(state, "minutes") ?? String(saved ? (saved.minutes ?? "") : plan.minutesPerSession)}
          hint="How long it lasted, if held."
          errors={errorsFor(state, "minutes")}
        />
      </div>

      <RadioGroup label="What happened" name="status" required options={STATUS_OPTIONS} defaultValue={valueOf(state, "status") ?? saved?.status ?? "HELD"} errors={errorsFor(state, "status")} />

      {group ? (
        <fieldset className="mb-4" aria-describedby={errorsFor(state, "attendance") ? "attendance-error" : undefined}>
          <legend className="font-medium text-slate-900">Attendance</legend>
          <p className="text-sm text-slate-700">For a held session. Partial: enter the minutes the student was there.</p>
          {errorsFor(state, "attendance") ? (
            <p id="attendance-error" className="mt-1 text-sm font-medium text-red-800">
              {errorsFor(state, "attendance")!.join(" ")}
            </p>
          ) : null}
          <ul className="mt-2 divide-y divide-slate-200">
            {plan.students.map((s) => {
              const previous = attendanceOf(s.id);
              return (
                <li key={s.id} className="attendance-row py-2">
                  <RadioGroup
                    label={s.name}
                    name={attendanceField(s.id)}
                    inline
                    options={ATTENDANCE_OPTIONS}
                    defaultValue={valueOf(state, attendanceField(s.id)) ?? previous?.status ?? "PRESENT"}
                  >
                    <div className="partial-minutes mt-2 max-w-48">
                      <TextField
                        label="Minutes if partial"
                        name={partialMinutesField(s.id)}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={MAX_SESSION_MINUTES}
                        defaultValue={valueOf(state, partialMinutesField(s.id)) ?? (previous?.minutes != null ? String(previous.minutes) : undefined)}
                      />
                    </div>
                  </RadioGroup>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}

      {components.length ? (
        <div ref={checklistRef}>
          <button
            type="submit"
            name={TICK_ALL_FIELD}
            value={components.map((c) => c.id).join(",")}
            onClick={tickAll}
            formNoValidate
            className="mb-2 inline-flex min-h-11 items-center rounded-md border border-blue-800 bg-white px-3 py-2 font-medium text-blue-900 hover:bg-blue-50"
          >
            All components delivered
          </button>
        <CheckboxGroup
          label="Components delivered"
          name={COMPONENTS_FIELD}
          large
          hint="Tick each part of the intervention this session included (the fidelity checklist)."
          options={components.map((c) => ({ value: c.id, label: c.label }))}
          defaultValues={valuesOf(state, COMPONENTS_FIELD) ?? saved?.componentIds ?? []}
          errors={errorsFor(state, COMPONENTS_FIELD)}
        />
        </div>
      ) : null}

      {mode.kind === "new" && mode.probeGoals.length ? <ProbeScores goals={mode.probeGoals} state={state} /> : null}

      {mode.kind === "new" && errorsFor(state, CONFIRM_DUPLICATE_FIELD) ? (
        <CheckboxGroup
          label="Another session on the same day?"
          name={CONFIRM_DUPLICATE_FIELD}
          large
          options={[{ value: "yes", label: "Yes: log a second session for this plan on this day" }]}
          errors={errorsFor(state, CONFIRM_DUPLICATE_FIELD)}
        />
      ) : null}

      <TextAreaField label="Note" name="note" maxLength={MAX_NOTE} hint={`Optional, at most ${MAX_NOTE} characters.`} defaultValue={valueOf(state, "note") ?? saved?.note} errors={errorsFor(state, "note")} />

      <SubmitButton>{mode.kind === "new" ? "Log session" : "Save changes"}</SubmitButton>
    </form>
  );
}
