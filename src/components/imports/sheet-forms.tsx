"use client";
import { useActionState, useState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, FilesField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SHEET_FIELDS, SHEET_KIND_LABEL, SHEET_KINDS, type SheetKind, type TableMapping } from "@/domain/spreadsheet";
import { applySheetImport, confirmSheetMapping, startSheetImport } from "@/server/imports/sheet-actions";

/** Uploads spreadsheet files (CSV or .xlsx) of students, staff or guardians. Works without JavaScript. */
export function SheetUploadForm() {
  const [state, action] = useActionState<ActionState, FormData>(startSheetImport, null);
  const errors = errorsFor(state, "files");
  return (
    <form action={action} encType="multipart/form-data">
      <FormMessage state={state} />
      <FilesField
        label="Spreadsheet files"
        hint="CSV or .xlsx, at most 5 files of 20 MB. The first row names the columns. A workbook may hold one worksheet each for students, staff and guardians."
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        errors={errors}
      />
      <p className="mb-4 text-sm text-slate-700">Nothing is changed yet: you confirm what each column holds, then get a dry run with everything the import would do.</p>
      <SubmitButton>Read the columns</SubmitButton>
    </form>
  );
}

interface TableInfo {
  file: string;
  sheet: string | null;
  headers: string[];
  rows: number;
  mapping: TableMapping;
}

/** What each table and each column holds: proposed from the headers, confirmed (or corrected) by the administrator. */
export function SheetMappingForm({ importId, tables, confirmed }: { importId: string; tables: TableInfo[]; confirmed: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(confirmSheetMapping, null);
  const [kinds, setKinds] = useState<SheetKind[]>(tables.map((t) => t.mapping.kind));
  return (
    <form action={action}>
      <FormMessage state={state} />
      <FieldErrors name="_form" errors={errorsFor(state, "_form")} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      {tables.map((t, ti) => {
        const kind = kinds[ti] ?? t.mapping.kind;
        const fields = SHEET_FIELDS[kind] as Record<string, { label: string; required: boolean }>;
        const title = t.sheet ? `${t.file}, worksheet ${t.sheet}` : t.file;
        return (
          <fieldset key={ti} className="mb-6 min-w-0 rounded-md border border-slate-300 p-3">
            <legend className="px-1 font-semibold">
              {title} ({t.rows} {t.rows === 1 ? "row" : "rows"})
            </legend>
            <label htmlFor={`kind-${ti}`} className="mb-1 block font-medium">
              This table holds
            </label>
            <select
              id={`kind-${ti}`}
              name="kind"
              value={kind}
              onChange={(e) => setKinds((k) => k.map((v, i) => (i === ti ? (e.target.value as SheetKind) : v)))}
              className="mb-3 block w-full max-w-xs rounded-md border border-slate-400 bg-white px-2 py-1"
            >
              {SHEET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SHEET_KIND_LABEL[k]}
                </option>
              ))}
            </select>
            <div className="grid gap-2 sm:grid-cols-2">
              {t.headers.map((h, ci) => {
                const proposed = t.mapping.kind === kind ? t.mapping.columns[ci] : null;
                return (
                  <div key={`${kind}-${ci}`} className="min-w-0">
                    <label htmlFor={`col-${ti}-${ci}`} className="block text-sm font-medium break-words">
                      Column “{h || `${ci + 1}`}”
                    </label>
                    <select id={`col-${ti}-${ci}`} name="column" defaultValue={`${ti}:${ci}:${proposed ?? ""}`} className="block w-full rounded-md border border-slate-400 bg-white px-2 py-1">
                      <option value={`${ti}:${ci}:`}>Ignore this column</option>
                      {Object.entries(fields).map(([f, spec]) => (
                        <option key={f} value={`${ti}:${ci}:${f}`}>
                          {spec.label}
                          {spec.required ? " (required)" : ""}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <SubmitButton variant={confirmed ? "secondary" : undefined}>{confirmed ? "Check again with these columns" : "Confirm the columns and check the rows (dry run)"}</SubmitButton>
    </form>
  );
}

/** Applies the dry run as read (all or nothing). */
export function SheetApplyForm({ importId }: { importId: string }) {
  const [state, action] = useActionState<ActionState, FormData>(applySheetImport, null);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedImportId" value={importId} />
      <p className="mb-4 text-sm text-slate-700">Applying is all or nothing: every row above is written, or none is.</p>
      <SubmitButton>Apply the import</SubmitButton>
    </form>
  );
}
