"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CsvFileField, SelectField } from "@/components/ui/field";
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
      <CsvFileField
        hint={`An export of the screener (FastBridge, DIBELS, Star, or a spreadsheet saved as CSV UTF-8), at most ${maxMb} MB: a header row, then a row per student with their local id and a column of scores per measure. Nothing is saved until you have read the dry run and applied it.`}
        problems={problems}
      />
      <SubmitButton>Upload and map columns</SubmitButton>
    </form>
  );
}
