import type { ReactNode } from "react";

// Form controls with a visible label, a hint and the field's errors wired to
// it with aria-describedby, so a screen reader announces them (WCAG 1.3.1, 3.3.1).

const inputClass =
  "mt-1 block min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700";

interface BaseProps {
  label: string;
  name: string;
  /** The control's id when the page has several forms with this field name; defaults to the name. */
  id?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
}

function describedBy(id: string, hint?: string, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ label, name, id = name, errors, hint, required, children }: BaseProps & { children: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
        {required ? <span className="text-slate-700"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors name={id} errors={errors} />
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
  props: BaseProps & {
    type?: string;
    defaultValue?: string | null;
    autoComplete?: string;
    maxLength?: number;
    /** Bounds of a date or number field. */
    min?: string | number;
    max?: string | number;
    inputMode?: "decimal" | "numeric";
    /** The id of a <datalist> of suggestions. */
    list?: string;
  },
) {
  const { name, id = name, errors, hint, type = "text", defaultValue, autoComplete, required, maxLength, min, max, inputMode, list } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        list={list}
        defaultValue={defaultValue ?? undefined}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        min={min}
        max={max}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      />
    </FieldShell>
  );
}

type Option = { value: string; label: string };

/** Options in <optgroup>s by their group, in the order given (ungrouped ones stand alone). */
function optionElements(options: readonly (Option & { group?: string })[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < options.length; ) {
    const group = options[i]!.group;
    let end = i + 1;
    while (group !== undefined && end < options.length && options[end]!.group === group) end++;
    const items = options.slice(i, end).map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
    out.push(group === undefined ? items : <optgroup key={`${group}-${i}`} label={group}>{items}</optgroup>);
    i = end;
  }
  return out;
}

/** `lang`: the language of the text typed (a translation field), so screen readers and spell checkers use it. */
export function TextAreaField(props: BaseProps & { defaultValue?: string | null; rows?: number; maxLength?: number; lang?: string }) {
  const { name, id = name, errors, hint, defaultValue, required, rows = 4, maxLength, lang } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        lang={lang}
        defaultValue={defaultValue ?? undefined}
        required={required}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: BaseProps & { options: readonly (Option & { group?: string })[]; defaultValue?: string | null; placeholder?: string },
) {
  const { name, id = name, errors, hint, options, defaultValue, required, placeholder } = props;
  return (
    <FieldShell {...props}>
      <select
        // React never re-applies a select's defaultValue after mounting; a new key
        // remounts it so the submitted choice survives the form reset after an error.
        key={defaultValue ?? ""}
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {optionElements(options)}
      </select>
    </FieldShell>
  );
}

export function CheckboxGroup(
  props: BaseProps & {
    options: readonly Option[];
    defaultValues?: readonly string[];
    /** One choice per row, each a touch target at least 44px high (forms used on phones). */
    large?: boolean;
  },
) {
  const { label, name, id = name, errors, hint, options, defaultValues = [], large = false } = props;
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(id, hint, errors)}>
      <legend className="font-medium text-slate-900">{label}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className={large ? "mt-1 grid gap-2" : "mt-1 grid gap-1 sm:grid-cols-2"}>
        {options.map((o) => (
          <label
            key={o.value}
            className={
              large
                ? "flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50"
                : "flex items-center gap-2 text-slate-900"
            }
          >
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} className={large ? "h-5 w-5 shrink-0" : "h-4 w-4"} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors name={id} errors={errors} />
    </fieldset>
  );
}

/**
 * One choice of several, as a fieldset with its legend; every choice is a
 * label at least 44px high (a touch target, WCAG 2.5.5) with an optional line
 * saying what it means. `inline` lays short choices side by side; `children`
 * (a related field) come inside the fieldset, after the choices.
 */
export function RadioGroup(
  props: BaseProps & { options: readonly (Option & { description?: string })[]; defaultValue?: string | null; inline?: boolean; children?: ReactNode },
) {
  const { label, name, id = name, errors, hint, options, defaultValue, inline = false, required, children } = props;
  return (
    <fieldset className="mb-4" aria-describedby={describedBy(id, hint, errors)}>
      <legend className="font-medium text-slate-900">
        {label}
        {required ? <span className="font-normal text-slate-700"> (required)</span> : null}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className={inline ? "mt-1 flex flex-wrap gap-2" : "mt-1 grid gap-2"}>
        {options.map((o) => (
          <label
            key={o.value}
            className={`flex min-h-11 cursor-pointer items-start rounded-md border border-slate-400 bg-white py-2 text-slate-900 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50 ${inline ? "gap-2 px-2" : "gap-3 px-3"}`}
          >
            <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} className="mt-0.5 h-5 w-5 shrink-0" />
            <span>
              <span className="font-medium">{o.label}</span>
              {o.description ? <span className="block text-sm text-slate-700">{o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {children}
      <FieldErrors name={id} errors={errors} />
    </fieldset>
  );
}

/**
 * A required CSV file input with its hint and the file's problems (one per
 * line of the file that was refused); `id` also prefixes the hint and error ids.
 */
export function CsvFileField({ id = "file", hint, problems }: { id?: string; hint: string; problems: string[] }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium text-slate-900">
        CSV file <span className="text-slate-700">(required)</span>
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {hint}
      </p>
      <input
        id={id}
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        aria-invalid={problems.length ? true : undefined}
        aria-describedby={problems.length ? `${id}-hint ${id}-error` : `${id}-hint`}
        className="mt-1 block w-full text-slate-900"
      />
      {problems.length ? (
        <ul id={`${id}-error`} className="mt-2 list-disc pl-6 text-sm font-medium text-red-800">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A required multi-file input named "files" (the import uploads), with its hint and the action's errors for "files". */
export function FilesField({ label, hint, accept, errors }: { label: string; hint: string; accept: string; errors?: string[] }) {
  return (
    <div className="mb-4">
      <label htmlFor="files" className="mb-1 block font-medium">
        {label}
      </label>
      <p id="files-hint" className="mb-2 text-sm text-slate-700">
        {hint}
      </p>
      <input
        id="files"
        name="files"
        type="file"
        multiple
        required
        accept={accept}
        aria-describedby={`files-hint${errors ? " files-error" : ""}`}
        aria-invalid={errors ? true : undefined}
        className="block w-full max-w-full text-sm"
      />
      <FieldErrors name="files" errors={errors} />
    </div>
  );
}
