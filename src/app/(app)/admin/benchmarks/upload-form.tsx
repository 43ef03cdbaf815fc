"use client";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { uploadBenchmarks } from "@/server/benchmarks/actions";

/** Loads benchmarks from a CSV file; a file with any bad row saves nothing and lists the problems. */
export function UploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(uploadBenchmarks, null);
  const problems = errorsFor(state, "file") ?? [];
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <div className="mb-4">
        <label htmlFor="file" className="block font-medium text-slate-900">
          CSV file <span className="text-slate-700">(required)</span>
        </label>
        <p id="file-hint" className="text-sm text-slate-700">
          Columns measure_key, grade (PK, KG, 1-12 or G1-G12), season (fall, winter or spring), benchmark and risk_cut (may be blank). A row sets its cell; cells the file does not name stay as they are.
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
      <SubmitButton>Upload benchmarks</SubmitButton>
    </form>
  );
}
