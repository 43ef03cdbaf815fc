// The contract between a form's server action and the form (useActionState):
// below both layers, so the server never imports from src/components.

/** What a form's server action hands back to useActionState. */
export type ActionState =
  | null
  | { ok: true; message?: string }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string[]> }; values?: SubmittedValues };

/**
 * What the person typed, handed back with an error: React resets a form after
 * its action, and the fields' defaults must then be the submitted values.
 */
export type SubmittedValues = Record<string, string | string[]>;
