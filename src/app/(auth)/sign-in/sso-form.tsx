"use client";
import { useActionState } from "react";
import { errorsFor, valueOf } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { startSsoAction, type SsoStartState } from "@/server/auth/sso-actions";

/**
 * Single sign-on (decision 034): the work email finds the district whose
 * provider takes its domain; when several do, the person picks theirs.
 */
export function SsoForm() {
  const [state, action] = useActionState<SsoStartState, FormData>(startSsoAction, null);
  const email = valueOf(state, "email");
  const choices = state && !state.ok && "choices" in state ? state.choices : undefined;
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <TextField label="Work email" name="email" id="sso-email" type="email" autoComplete="username" required defaultValue={email} errors={errorsFor(state, "email")} />
      {choices?.length ? (
        <ul className="space-y-2">
          {choices.map((c) => (
            <li key={c.districtId}>
              <SubmitButton variant="secondary" name="districtId" value={c.districtId}>
                {`${c.districtName}: sign in with ${c.label}`}
              </SubmitButton>
            </li>
          ))}
        </ul>
      ) : (
        <SubmitButton variant="secondary">Sign in with single sign-on</SubmitButton>
      )}
    </form>
  );
}
