"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { cancelDistrictDeletion, confirmDistrictDeletion, requestDistrictDeletion } from "@/server/district-deletion/actions";

/** Asking for the deletion (decision 041): a tick box, so one stray click does not start it. */
export function RequestDeletionForm({ graceDays }: { graceDays: number }) {
  const [state, action] = useActionState<ActionState, FormData>(requestDistrictDeletion, null);
  const key = useResultKey(state);
  const errors = errorsFor(state, "understood");
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <div className="mb-3">
        <label className="flex items-start gap-2">
          <input
            id="understood"
            name="understood"
            type="checkbox"
            className="mt-1 h-5 w-5"
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? "understood-error" : undefined}
          />
          <span>
            I understand that, once another administrator confirms and {graceDays} days have passed, every record of this district is deleted for good and nobody can
            sign in to it any more.
          </span>
        </label>
        <FieldErrors name="understood" errors={errors} />
      </div>
      <SubmitButton variant="danger">Request deletion of the district</SubmitButton>
    </form>
  );
}

/** The second administrator's confirmation. */
export function ConfirmDeletionForm() {
  const [state, action] = useActionState<ActionState, FormData>(confirmDistrictDeletion, null);
  return (
    <form action={action} className="inline-block">
      <FormMessage state={state} />
      <SubmitButton variant="danger">Confirm the deletion</SubmitButton>
    </form>
  );
}

/** Any administrator may cancel until it runs. */
export function CancelDeletionForm() {
  const [state, action] = useActionState<ActionState, FormData>(cancelDistrictDeletion, null);
  return (
    <form action={action} className="inline-block">
      <FormMessage state={state} />
      <SubmitButton variant="secondary">Cancel the deletion</SubmitButton>
    </form>
  );
}
