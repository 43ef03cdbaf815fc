"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { uploadScreeningFile } from "@/server/screening/actions";

/** Step 1 of a file: choose it and the window its scores belong to; the next page maps its columns. */
export function ScreeningUploadForm({ windows, chosen, maxMb }: { windows: { value: string; label: string }[]; chosen: string | null; maxMb: number }) {
  const [state, action] = useActionState<ActionState, FormData>(uploadScreeningFile, null);
  const problems = errorsFor(state, "file") ?? [];
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <SelectField
        label="Screening window"
        name="unverifiedWindowId"
        options={windows}
        defaultValue={chosen}
        hint="The window of every score in the file, unless a column of the file names the window."
        errors={errorsFor(state, "unverifiedWindowId")}
      />
      <div className="mb-4">
        <label htmlFor="file" className="block font-medium text-slate-900">
          CSV file <span className="text-slate-700">(required)</span>
        </label>
        <p id="file-hint" className="text-sm text-slate-700">
          An export of the screener (FastBridge, DIBELS, Star, or a spreadsheet saved as CSV UTF-8), at most {maxMb} MB: a header row, then a row per student with their
          local id and a column of scores per measure. Nothing is saved until you have read the dry run and applied it.
        </p>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={problems.length ? true : undefined}
          aria-describedby={problems.length ? "file-hint file-error" : "file-hint"}
          className="mt-1 block w-full text-slate-900"
        />
        {problems.length ? (
          <ul id="file-error" className="mt-2 list-disc pl-6 text-sm font-medium text-red-800">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <SubmitButton>Upload and map columns</SubmitButton>
    </form>
  );
}
