"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CsvFileField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { uploadBenchmarks } from "@/server/benchmarks/actions";

/** Loads benchmarks from a CSV file; a file with any bad row saves nothing and lists the problems. */
export function UploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(uploadBenchmarks, null);
  const problems = errorsFor(state, "file") ?? [];
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <CsvFileField
        hint="Columns measure_key, grade (PK, KG, 1-12 or G1-G12), season (fall, winter or spring), benchmark and risk_cut (may be blank). A row sets its cell; cells the file does not name stay as they are."
        problems={problems}
      />
      <SubmitButton>Upload benchmarks</SubmitButton>
    </form>
  );
}
