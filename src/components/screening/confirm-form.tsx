"use client";
import { useActionState } from "react";
import { errorsFor, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { confirmScreeningTiers } from "@/server/screening/actions";

export interface SuggestionItem {
  value: string;
  name: string;
  localId: string;
  grade: string;
  area: string;
  scores: string;
  current: string;
  suggested: string;
  reason: string;
}

/**
 * The suggestions as a list of checkboxes: the coordinator ticks the ones the
 * team agrees with (or all of the page, through a link that works without
 * JavaScript) and confirms them in one go; each becomes an ordinary tier
 * decision, effective today. Nothing is ticked unless asked, so a decision is
 * never recorded by default.
 */
export function ScreeningConfirmForm({ windowId, items, allTicked }: { windowId: string; items: readonly SuggestionItem[]; allTicked: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(confirmScreeningTiers, null);
  const ticked = valuesOf(state, "decisions");
  const errors = errorsFor(state, "decisions");
  // The form stays mounted when the list empties after a confirmation, so its message stays on screen.
  if (items.length === 0) {
    return (
      <>
        <FormMessage state={state} />
        <p>No student&apos;s screening suggests a different tier.</p>
      </>
    );
  }
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedWindowId" value={windowId} />
      <fieldset aria-describedby={errors ? "decisions-error" : undefined}>
        <legend className="mb-2 font-medium text-slate-900">Suggested tier decisions ({items.length} on this page)</legend>
        {errors ? (
          <p id="decisions-error" className="mb-2 text-sm font-medium text-red-800">
            {errors.join(" ")}
          </p>
        ) : null}
        <ul className="grid gap-2">
          {items.map((it) => (
            <li key={it.value}>
              <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50">
                <input type="checkbox" name="decisions" value={it.value} defaultChecked={ticked ? ticked.includes(it.value) : allTicked} className="mt-1 h-5 w-5 shrink-0" />
                <span className="min-w-0">
                  <span className="font-medium">{it.name}</span> <span className="text-sm text-slate-700">({it.localId}, {it.grade})</span>
                  <span className="block">
                    {it.area}: {it.current} → <strong>{it.suggested}</strong>
                  </span>
                  <span className="block text-sm text-slate-700">
                    {it.scores}. Reason recorded: “{it.reason}”.
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-4">
        <SubmitButton>Confirm the ticked tier decisions</SubmitButton>
      </div>
    </form>
  );
}
