"use client";
import { useActionState } from "react";
import { valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { saveScreeningMeasures } from "@/server/screening/actions";

/** Which of the district's measures are universal screeners, and for which area. */
export function ScreeningMeasuresForm({ measures, areas }: { measures: readonly { id: string; name: string; area: string | null }[]; areas: readonly { value: string; label: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(saveScreeningMeasures, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <div className="grid gap-x-6 sm:grid-cols-2">
        {measures.map((m) => (
          <SelectField
            key={m.id}
            id={`area-${m.id}`}
            name={`area:${m.id}`}
            label={m.name}
            options={areas}
            placeholder="Not a screener"
            defaultValue={valueOf(state, `area:${m.id}`) ?? m.area ?? ""}
          />
        ))}
      </div>
      <SubmitButton>Save the screening measures</SubmitButton>
    </form>
  );
}
