"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { updateDistrictTimeZone } from "@/server/settings/actions";

/** The district's time zone, chosen from the zones of places the server knows (given by the page). */
export function TimeZoneForm({ timeZone, zones }: { timeZone: string; zones: string[] }) {
  const [state, action] = useActionState<ActionState, FormData>(updateDistrictTimeZone, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <SelectField
        label="Time zone"
        name="timeZone"
        required
        options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
        hint="Times in the audit log, access histories and plan histories are shown in this zone, with its short name (for example CST)."
        defaultValue={valueOf(state, "timeZone") ?? timeZone}
        errors={errorsFor(state, "timeZone")}
      />
      <SubmitButton>Save time zone</SubmitButton>
    </form>
  );
}
