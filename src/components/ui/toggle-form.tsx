"use client";
import { useActionState } from "react";
import type { ActionState } from "./action-state";
import { SubmitButton } from "./button";
import { FormMessage } from "./form-message";

interface Props {
  /** A server action that switches a record's state (archive/restore, retire/restore). */
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  /** Hidden fields the action reads: the record's id and which way to switch. */
  fields: Record<string, string>;
  /** What pressing the button does, said above it. */
  note: string;
  label: string;
}

/** One button that switches a record's state, with the outcome announced above it. */
export function ToggleForm({ action, fields, note, label }: Props) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="mb-2 text-sm text-slate-700">{note}</p>
      <SubmitButton variant="secondary">{label}</SubmitButton>
    </form>
  );
}
