"use client";
import { useActionState } from "react";
import { formatDay } from "@/components/students/format";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { MAX_PROBE_NOTE, scoreRule } from "@/domain/probes";
import { enterProbe } from "@/server/probes/actions";
import type { ProbeFormProps } from "@/server/probes/queries";
import { useClientKey } from "./use-client-key";

/**
 * "Add a probe" for one goal: date (today unless changed), score, who gave it
 * and a note. Compact enough to sit beside a goal's graph; also the whole of
 * /goals/[goalId]/probes/new for a phone. Works without JavaScript; after a
 * save it is blank again, with a new client key.
 */
export function ProbeForm({ goalId, measureId, measure, planStartDate, today, givers, currentUserId, clientKey }: ProbeFormProps) {
  const [state, action] = useActionState<ActionState, FormData>(enterProbe, null);
  const key = useResultKey(state);
  const submissionKey = useClientKey(state, clientKey);
  const id = (field: string) => `probe-${goalId}-${field}`;
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedGoalId" value={goalId} />
      <input type="hidden" name="unverifiedMeasureId" value={measureId} />
      <input type="hidden" name="clientKey" value={submissionKey} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id={id("date")}
          label="Date given"
          name="date"
          type="date"
          required
          min={planStartDate}
          max={today}
          hint={`From ${formatDay(planStartDate)} (the plan's start) to today.`}
          defaultValue={valueOf(state, "date") ?? today}
          errors={errorsFor(state, "date")}
        />
        <TextField
          id={id("score")}
          label={`Score (${measure.unit})`}
          name="score"
          required
          inputMode={measure.decimals > 0 ? "decimal" : "numeric"}
          autoComplete="off"
          maxLength={40}
          hint={scoreRule(measure)}
          defaultValue={valueOf(state, "score")}
          errors={errorsFor(state, "score")}
        />
      </div>
      <SelectField
        id={id("givenBy")}
        label="Given by"
        name="unverifiedGivenByUserId"
        options={givers.map((g) => ({ value: g.userId, label: g.userId === currentUserId ? `${g.name} (you)` : g.name }))}
        defaultValue={valueOf(state, "unverifiedGivenByUserId") ?? currentUserId}
        errors={errorsFor(state, "unverifiedGivenByUserId")}
      />
      <TextAreaField
        id={id("note")}
        label="Note"
        name="note"
        rows={2}
        maxLength={MAX_PROBE_NOTE}
        hint={`Optional, at most ${MAX_PROBE_NOTE} characters: the passage or form used, anything unusual.`}
        defaultValue={valueOf(state, "note")}
        errors={errorsFor(state, "note")}
      />
      <SubmitButton>Save probe</SubmitButton>
    </form>
  );
}
