import type { ActionState } from "@/domain/action-state";

export type { ActionState, SubmittedValues } from "@/domain/action-state";

export function valueOf(state: ActionState, field: string): string | undefined {
  const v = state && !state.ok ? state.values?.[field] : undefined;
  return typeof v === "string" ? v : undefined;
}

/**
 * A field's default in a form that edits a record: after an error, what was
 * submitted (blank when the field was sent empty or left out); otherwise the
 * stored value.
 */
export function textDefault(state: ActionState, field: string, stored: string | number | null | undefined): string {
  if (state && !state.ok && state.values) return valueOf(state, field) ?? "";
  return stored == null ? "" : String(stored);
}

export function valuesOf(state: ActionState, field: string): string[] | undefined {
  const v = state && !state.ok ? state.values?.[field] : undefined;
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : state && !state.ok && state.values ? [] : undefined;
}

export function errorsFor(state: ActionState, field: string): string[] | undefined {
  return state && !state.ok ? state.error.fieldErrors?.[field] : undefined;
}
