"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import type { ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TWO_FACTOR_GRACE_DAYS } from "@/domain/identity";
import { updateTwoFactorRequirement } from "@/server/settings/actions";

/** Whether everyone in the district needs two-factor authentication (decision 033). */
export function TwoFactorRequirementForm({ requireTwoFactor }: { requireTwoFactor: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(updateTwoFactorRequirement, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key}>
      <FormMessage state={state} />
      <p className="mb-3 text-sm text-slate-700">
        Administrators always need it. Someone who must have it and has not set it up gets {TWO_FACTOR_GRACE_DAYS} days from their next sign-in; after that, they must set it up at sign-in before anything else opens.
      </p>
      <div className="mb-4 flex items-start gap-2">
        <input id="requireTwoFactor" name="requireTwoFactor" type="checkbox" defaultChecked={requireTwoFactor} className="mt-1 h-5 w-5" />
        <label htmlFor="requireTwoFactor">Require two-factor authentication of everyone in the district</label>
      </div>
      <SubmitButton>Save two-factor rule</SubmitButton>
    </form>
  );
}
