"use client";
import { useActionState } from "react";
import { useClientKey } from "@/components/probes/use-client-key";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { logServiceMinutes } from "@/server/iep504/actions";
import { MAX_LOGGED_MINUTES, MAX_NOTE } from "@/server/iep504/schemas";

/**
 * Logs minutes of one service on one day: three fields and a button, large
 * enough for a phone. `clientKey` comes from the server render; a repeated
 * submission of it saves nothing twice.
 */
export function ServiceMinutesForm({ serviceId, today, clientKey, label }: { serviceId: string; today: string; clientKey: string; label: string }) {
  const [state, action] = useActionState<ActionState, FormData>(logServiceMinutes, null);
  const key = useResultKey(state);
  const currentKey = useClientKey(state, clientKey);
  const id = (field: string) => `minutes-${serviceId}-${field}`;
  return (
    <div className="mt-2">
      <FormMessage state={state} />
      <form action={action} key={key} noValidate aria-label={label}>
        <input type="hidden" name="unverifiedServiceId" value={serviceId} />
        <input type="hidden" name="clientKey" value={currentKey} />
        <div className="grid grid-cols-2 gap-x-3">
          <TextField id={id("date")} label="Date" name="date" type="date" required max={today} defaultValue={textDefault(state, "date", today)} errors={errorsFor(state, "date")} />
          <TextField
            id={id("minutes")}
            label="Minutes"
            name="minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LOGGED_MINUTES}
            required
            defaultValue={textDefault(state, "minutes", "")}
            errors={errorsFor(state, "minutes")}
          />
        </div>
        <TextField id={id("note")} label="Note" name="note" maxLength={MAX_NOTE} defaultValue={textDefault(state, "note", "")} errors={errorsFor(state, "note")} />
        <SubmitButton>Log minutes</SubmitButton>
      </form>
    </div>
  );
}
