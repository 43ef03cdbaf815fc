import type { ActionState } from "./action-state";

/** The form-level outcome of an action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
        {state.message}
      </p>
    ) : null;
  }
  // Not an error: the form came back for more input and nothing was saved (e.g. "All components delivered" without JavaScript).
  if (state.error.code === "NOT_SAVED") {
    return (
      <p role="status" className="mb-4 rounded-md border border-blue-800 bg-blue-50 p-3 text-blue-950">
        {state.error.message}
      </p>
    );
  }
  const formErrors = state.error.fieldErrors?._form ?? [];
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
      <p>{state.error.message}</p>
      {formErrors.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
