"use client";
import { useState } from "react";

/**
 * A number that changes with every new action result, to key a form so it is
 * mounted afresh with the result's values as its defaults. React resets a form
 * after its action, and a reset <select> goes back to the option selected when
 * it was first mounted (React does not update a select's defaultValue), so
 * without this a chosen school or grade would be lost after an error.
 */
export function useResultKey(state: unknown): number {
  const [seen, setSeen] = useState({ state, key: 0 });
  if (seen.state !== state) {
    const next = { state, key: seen.key + 1 };
    setSeen(next);
    return next.key;
  }
  return seen.key;
}
