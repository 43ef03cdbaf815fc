"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SESSION_BOUNDS } from "@/domain/identity";
import { updateSessionLimits } from "@/server/settings/actions";

/** Idle timeout and absolute lifetime of the district's sessions (decision 025). */
export function SessionLimitsForm({ limits }: { limits: { sessionIdleMinutes: number; sessionAbsoluteHours: number } }) {
  const [state, action] = useActionState<ActionState, FormData>(updateSessionLimits, null);
  const key = useResultKey(state);
  const { idleMinutes: idle, absoluteHours: absolute } = SESSION_BOUNDS;
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <TextField
        label="Idle timeout (minutes)"
        name="sessionIdleMinutes"
        inputMode="numeric"
        required
        hint={`A session with no request for this long ends (${idle.min} to ${idle.max}; default ${idle.default}, 8 hours).`}
        defaultValue={valueOf(state, "sessionIdleMinutes") ?? String(limits.sessionIdleMinutes)}
        errors={errorsFor(state, "sessionIdleMinutes")}
      />
      <TextField
        label="Absolute lifetime (hours)"
        name="sessionAbsoluteHours"
        inputMode="numeric"
        required
        hint={`Every session ends this long after signing in, however active (${absolute.min} to ${absolute.max}; default ${absolute.default}, 7 days).`}
        defaultValue={valueOf(state, "sessionAbsoluteHours") ?? String(limits.sessionAbsoluteHours)}
        errors={errorsFor(state, "sessionAbsoluteHours")}
      />
      <SubmitButton>Save session limits</SubmitButton>
    </form>
  );
}
