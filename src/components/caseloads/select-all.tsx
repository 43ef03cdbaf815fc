"use client";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Checks or clears every checkbox named `name` that belongs to form `formId`.
 * Shown only once JavaScript runs (without it each row is checked by hand).
 */
export function SelectAll({ formId, name }: { formId: string; name: string }) {
  // False while rendering on the server and hydrating, true once JavaScript runs.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [checked, setChecked] = useState(false);
  if (!ready) return <span className="sr-only">Select</span>;
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={checked}
        onChange={(e) => {
          setChecked(e.target.checked);
          const boxes = document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${name}"][form="${formId}"]`);
          for (const box of boxes) box.checked = e.target.checked;
        }}
      />
      <span>
        <span className="sr-only">Select </span>All<span className="sr-only"> students on this page</span>
      </span>
    </label>
  );
}
