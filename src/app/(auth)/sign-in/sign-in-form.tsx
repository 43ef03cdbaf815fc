"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { signInAction } from "@/server/auth/actions";

export function SignInForm() {
  const [state, action] = useActionState<ActionState, FormData>(signInAction, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={valueOf(state, "email")} errors={errorsFor(state, "email")} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={errorsFor(state, "password")} />
      <SubmitButton>Sign in</SubmitButton>
    </form>
  );
}
