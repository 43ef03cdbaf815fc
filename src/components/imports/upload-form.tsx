"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FilesField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { startImport } from "@/server/imports/actions";

/** Uploads a OneRoster export (a zip, or its CSV files) for a dry run. Works without JavaScript. */
export function UploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(startImport, null);
  const errors = errorsFor(state, "files");
  return (
    <form action={action} encType="multipart/form-data">
      <FormMessage state={state} />
      <FilesField
        label="OneRoster files"
        hint="The zip your student information system exports (OneRoster 1.1 or 1.2 CSV), or its CSV files chosen together, manifest.csv included."
        accept=".zip,.csv,application/zip,text/csv"
        errors={errors}
      />
      <p className="mb-4 text-sm text-slate-700">Nothing is changed yet: you get a dry run first, with everything the import would do and every problem found.</p>
      <SubmitButton>Check the files (dry run)</SubmitButton>
    </form>
  );
}
