import type { ReactNode } from "react";

// Form controls with a visible label, a hint and the field's errors wired to
// it with aria-describedby, so a screen reader announces them (WCAG 1.3.1, 3.3.1).

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700";

interface BaseProps {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
}

function describedBy(name: string, hint?: string, errors?: string[]) {
  return [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ label, name, errors, hint, required, children }: BaseProps & { children: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={name} className="block font-medium text-slate-900">
        {label}
        {required ? <span className="text-slate-700"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

export function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800">
      {errors.join(" ")}
    </p>
  );
}

export function TextField(
  props: BaseProps & { type?: string; defaultValue?: string | null; autoComplete?: string; maxLength?: number },
) {
  const { name, errors, hint, type = "text", defaultValue, autoComplete, required, maxLength } = props;
  return (
    <FieldShell {...props}>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: BaseProps & { options: readonly { value: string; label: string }[]; defaultValue?: string | null; placeholder?: string },
) {
  const { name, errors, hint, options, defaultValue, required, placeholder } = props;
  return (
    <FieldShell {...props}>
      <select
        // React never re-applies a select's defaultValue after mounting; a new key
        // remounts it so the submitted choice survives the form reset after an error.
        key={defaultValue ?? ""}
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxGroup(
  props: BaseProps & { options: readonly { value: string; label: string }[]; defaultValues?: readonly string[] },
) {
  const { label, name, errors, hint, options, defaultValues = [] } = props;
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(name, hint, errors)}>
      <legend className="font-medium text-slate-900">{label}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-slate-900">
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} className="h-4 w-4" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors name={name} errors={errors} />
    </fieldset>
  );
}
