"use client";
import { useActionState } from "react";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SEASON_LABEL, SEASONS, type Season } from "@/domain/benchmarks";
import { saveScreeningWindows } from "@/server/screening/actions";

/** A school year's three windows: first and last day of each; both blank = no window that season. */
export function ScreeningWindowsForm({ schoolYear, windows }: { schoolYear: number; windows: Partial<Record<Season, { startDate: string; endDate: string; scores: number }>> }) {
  const [state, action] = useActionState<ActionState, FormData>(saveScreeningWindows, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="schoolYear" value={schoolYear} />
      {SEASONS.map((s) => {
        const w = windows[s];
        return (
          <fieldset key={s} className="mb-2">
            <legend className="font-medium text-slate-900">
              {SEASON_LABEL[s]} window{w?.scores ? ` (${w.scores} scores entered)` : ""}
            </legend>
            <div className="flex flex-wrap gap-x-4">
              <div className="w-full sm:w-48">
                <TextField type="date" label="First day" name={`${s}-start`} defaultValue={textDefault(state, `${s}-start`, w?.startDate)} errors={errorsFor(state, `${s}-start`)} />
              </div>
              <div className="w-full sm:w-48">
                <TextField type="date" label="Last day" name={`${s}-end`} defaultValue={textDefault(state, `${s}-end`, w?.endDate)} errors={errorsFor(state, `${s}-end`)} />
              </div>
            </div>
          </fieldset>
        );
      })}
      <SubmitButton>Save the windows</SubmitButton>
    </form>
  );
}
