"use client";
import { useState } from "react";
import type { ActionState } from "@/components/ui/action-state";

/**
 * The entry form's client key: the one the server rendered, then a new one
 * after each save, so the next entry on the same page is not taken for a
 * repeat of the last (a page that is not revalidated keeps its first key).
 * Suffixing a count keeps the key unique without the browser's crypto, which
 * plain-http pages lack.
 */
export function useClientKey(state: ActionState, rendered: string): string {
  const [seen, setSeen] = useState({ state, saves: 0 });
  let saves = seen.saves;
  if (seen.state !== state) {
    saves += state?.ok ? 1 : 0;
    setSeen({ state, saves });
  }
  return saves === 0 ? rendered : `${rendered}-${saves}`;
}
