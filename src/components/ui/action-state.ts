/** What a form's server action hands back to useActionState. */
export type ActionState =
  | null
  | { ok: true; message?: string }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

export function errorsFor(state: ActionState, field: string): string[] | undefined {
  return state && !state.ok ? state.error.fieldErrors?.[field] : undefined;
}
