"use client";
import { useState } from "react";

/**
 * Checks or clears every checkbox named `name` that belongs to form `formId`
 * (an enhancement: without JavaScript each row is still checked by hand).
 */
export function SelectAll({ formId, name, label }: { formId: string; name: string; label: string }) {
  const [checked, setChecked] = useState(false);
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        className="h-4 w-4"
        checked={checked}
        onChange={(e) => {
          setChecked(e.target.checked);
          const boxes = document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${name}"][form="${formId}"]`);
          for (const box of boxes) box.checked = e.target.checked;
        }}
      />
      <span>{label}</span>
    </label>
  );
}
