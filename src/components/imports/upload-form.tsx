"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { startImport } from "@/server/imports/actions";

/** Uploads a OneRoster export (a zip, or its CSV files) for a dry run. Works without JavaScript. */
export function UploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(startImport, null);
  const errors = errorsFor(state, "files");
  return (
    <form action={action} encType="multipart/form-data">
      <FormMessage state={state} />
      <div className="mb-4">
        <label htmlFor="files" className="mb-1 block font-medium">
          OneRoster files
        </label>
        <p id="files-hint" className="mb-2 text-sm text-slate-700">
          The zip your student information system exports (OneRoster 1.1 or 1.2 CSV), or its CSV files chosen together, manifest.csv included.
        </p>
        <input
          id="files"
          name="files"
          type="file"
          multiple
          required
          accept=".zip,.csv,application/zip,text/csv"
          aria-describedby={`files-hint${errors ? " files-error" : ""}`}
          aria-invalid={errors ? true : undefined}
          className="block w-full max-w-full text-sm"
        />
        <FieldErrors name="files" errors={errors} />
      </div>
      <p className="mb-4 text-sm text-slate-700">Nothing is changed yet: you get a dry run first, with everything the import would do and every problem found.</p>
      <SubmitButton>Check the files (dry run)</SubmitButton>
    </form>
  );
}
