"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { saveScreeningMapping } from "@/server/screening/actions";

/**
 * Step 2: what each column of the file holds, as the app proposes it from the
 * headers; the person confirms or changes it, and the page shows the dry run.
 */
export function ScreeningMappingForm({
  importId,
  headers,
  samples,
  mapping,
  options,
  windows,
  windowId,
}: {
  importId: string;
  headers: readonly string[];
  /** The first rows' cells, per column, to recognise it by. */
  samples: readonly string[][];
  mapping: readonly string[];
  options: readonly { value: string; label: string }[];
  windows: readonly { value: string; label: string }[];
  windowId: string | null;
}) {
  const [state, action] = useActionState<ActionState, FormData>(saveScreeningMapping, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      <SelectField
        label="Screening window"
        name="unverifiedWindowId"
        options={windows}
        placeholder="None: a column names the window"
        defaultValue={valueOf(state, "unverifiedWindowId") ?? windowId ?? ""}
        hint="The window of rows that do not name one."
        errors={errorsFor(state, "unverifiedWindowId")}
      />
      <fieldset className="mb-4">
        <legend className="mb-2 font-medium text-slate-900">What each column holds</legend>
        <div className="grid gap-x-6 sm:grid-cols-2">
          {headers.map((h, i) => {
            const examples = samples.map((r) => r[i] ?? "").filter(Boolean).slice(0, 3);
            return (
              <SelectField
                key={`${i}-${h}`}
                id={`col-${i}`}
                name={`col:${i}`}
                label={`Column ${i + 1}: “${h || "(no header)"}”`}
                hint={examples.length ? `For example: ${examples.join(", ")}` : "Empty in the first rows"}
                options={options}
                defaultValue={valueOf(state, `col:${i}`) ?? mapping[i] ?? "ignore"}
                errors={errorsFor(state, `col:${i}`)}
              />
            );
          })}
        </div>
      </fieldset>
      <SubmitButton>Check the file (dry run)</SubmitButton>
    </form>
  );
}
