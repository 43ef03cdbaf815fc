"use client";

import { useMemo } from "react";
import { SelectField } from "@/components/ui/field";

/**
 * A filter's select from [id, name] pairs. A district's case-manager choices
 * are a few hundred people: as server elements each option was paid in the
 * RSC payload (its id twice, as key and value) and again in the HTML; as a
 * client component the payload carries each pair once (decision 045). It
 * renders on the server like any page content, so the form works without
 * JavaScript.
 */
export function ChoiceSelect({ label, name, choices, placeholder, defaultValue }: { label: string; name: string; choices: readonly (readonly [string, string])[]; placeholder: string; defaultValue?: string }) {
  const options = useMemo(() => choices.map(([value, label]) => ({ value, label })), [choices]);
  return <SelectField label={label} name={name} options={options} placeholder={placeholder} defaultValue={defaultValue} />;
}
