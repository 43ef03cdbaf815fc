"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyScreeningImport } from "@/server/screening/actions";

/** Step 3: apply the checked file, all or nothing. */
export function ScreeningApplyForm({ importId, label }: { importId: string; label: string }) {
  const [state, action] = useActionState<ActionState, FormData>(applyScreeningImport, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      {state?.ok ? null : <SubmitButton>{label}</SubmitButton>}
    </form>
  );
}
