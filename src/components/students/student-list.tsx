"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef, useSyncExternalStore } from "react";
import { errorsFor, valueOf, valuesOf } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FieldErrors, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ROLE_LABEL, type Role } from "@/domain/permissions";
import { CASE_ROLE_LABEL, CASE_ROLES } from "@/server/caseloads/schemas";
import { searchStudents } from "@/server/students/actions";
import {
  GRADE_LABEL,
  GRADE_LEVELS,
  GRADE_SHORT,
  PLAN_FILTER_LABEL,
  PLAN_FILTERS,
  STUDENT_SORT_LABEL,
  STUDENT_SORTS,
  studentListHref,
  type StudentListResult,
  type StudentListState,
  type StudentRow,
} from "@/server/students/schemas";
import { ATTENTION_FLAGS, ATTENTION_LABEL } from "@/server/dashboards/schemas";
import { AREA_LABEL, AREA_OPTIONS, TIER_OPTIONS } from "@/server/tiers/schemas";
import { goesBy, listName } from "./format";
import { useResultKey } from "./use-result-key";

interface Props {
  schools: { id: string; name: string }[];
  /** Staff of the user's schools: the caseload-member filter and, for those who may assign, the assignee choices. */
  staff: { id: string; name: string; role: Role }[];
  mayAssign: boolean;
  showPlanFlags: boolean;
  /** Whether the user sees tiers: the tier column and the tier and attention filters. */
  showTiers: boolean;
  /** The filters the page's address carried (never search text). */
  initialValues: Record<string, string>;
  /** The first page, rendered by the server. */
  /** Null when the page answers a search submitted without JavaScript: the action's result is shown instead. */
  initial: StudentListResult | null;
}

const GRADE_OPTIONS = GRADE_LEVELS.map((value) => ({ value, label: GRADE_LABEL[value] }));
const SORT_OPTIONS = STUDENT_SORTS.map((value) => ({ value, label: STUDENT_SORT_LABEL[value] }));
const PLAN_OPTIONS = PLAN_FILTERS.map((value) => ({ value, label: PLAN_FILTER_LABEL[value] }));
const FLAG_OPTIONS = ATTENTION_FLAGS.map((value) => ({ value, label: ATTENTION_LABEL[value] }));
const CASE_ROLE_OPTIONS = CASE_ROLES.map((value) => ({ value, label: CASE_ROLE_LABEL[value] }));
const EL_OPTIONS = [
  { value: "yes", label: "English learners" },
  { value: "no", label: "Not English learners" },
];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** A short flag with its full meaning for screen readers (and on hover). */
function Flag({ short, long }: { short: string; long?: string }) {
  if (!long) return <span className="mr-1 inline-block rounded border border-slate-500 px-1.5 text-xs font-semibold text-slate-900">{short}</span>;
  return (
    <span title={long} className="mr-1 inline-block rounded border border-slate-500 px-1.5 text-xs font-semibold text-slate-900">
      <span aria-hidden="true">{short}</span>
      <span className="sr-only">{long}</span>
    </span>
  );
}

function Flags({ row }: { row: StudentRow }) {
  const flags = [
    row.archived ? <Flag key="archived" short="Archived" /> : null,
    row.englishLearner ? <Flag key="el" short="EL" long="English learner" /> : null,
    row.hasIep ? <Flag key="iep" short="IEP" long="Has an IEP" /> : null,
    row.has504 ? <Flag key="504" short="504" long="Has a 504 plan" /> : null,
  ].filter(Boolean);
  return flags.length ? <>{flags}</> : <span className="text-slate-700">—</span>;
}

/**
 * The student list as one form (search, filters, sort, page and the bulk
 * assignment), answered by a server action: nothing a person types goes into
 * the URL, and it works before (or without) JavaScript.
 */
export function StudentList({ schools, staff, mayAssign, showPlanFlags, showTiers, initialValues, initial }: Props) {
  const [state, action] = useActionState<StudentListState, FormData>(searchStudents, { values: initialValues, result: initial });
  // The chosen filters go into the address (replacing it, not adding history
  // entries) so the list can be bookmarked or shared; the search text never does.
  const href = studentListHref(state.values);
  useEffect(() => {
    if (`${window.location.pathname}${window.location.search}` !== href) window.history.replaceState(window.history.state, "", href);
  }, [href]);
  const formKey = useResultKey(state);
  const value = (field: string) => {
    const v = state.values[field];
    return typeof v === "string" ? v : undefined;
  };
  const fieldErrors = (field: string) => state.error?.fieldErrors?.[field];
  const result = state.result;
  const assign = state.assign ?? null;
  // After a failed assignment the same rows stay ticked; after anything else none are.
  const ticked = new Set(assign && !assign.ok ? (valuesOf(assign, "unverifiedStudentIds") ?? []) : []);

  // "Select all" only works with JavaScript, so it appears only once that runs.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const tableRef = useRef<HTMLTableElement>(null);
  const selectAll = (checked: boolean) => {
    tableRef.current?.querySelectorAll<HTMLInputElement>('input[name="unverifiedStudentIds"]').forEach((box) => {
      box.checked = checked;
    });
  };

  const page = result?.page ?? 1;
  const pageCount = result?.pageCount ?? 1;
  return (
    <form action={action} noValidate aria-label="Find students" key={formKey}>
      <FormMessage state={state.error ? { ok: false, error: state.error } : null} />
      <FormMessage state={assign} />
      <section aria-labelledby="filters-heading" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="filters-heading" className="mb-3 text-lg font-semibold">
          Search and filter
        </h2>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="sm:col-span-2 lg:col-span-3">
            <TextField
              label="Name or local id"
              name="q"
              hint="Legal or preferred name, or local student id. Several words narrow the search."
              maxLength={100}
              autoComplete="off"
              defaultValue={value("q")}
              errors={fieldErrors("q")}
            />
          </div>
          <SelectField
            label="School"
            name="school"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
            placeholder="All schools"
            defaultValue={value("school")}
            errors={fieldErrors("school")}
          />
          <SelectField label="Grade" name="grade" options={GRADE_OPTIONS} placeholder="All grades" defaultValue={value("grade")} errors={fieldErrors("grade")} />
          <SelectField
            label="English learner"
            name="englishLearner"
            options={EL_OPTIONS}
            placeholder="Everyone"
            defaultValue={value("englishLearner")}
            errors={fieldErrors("englishLearner")}
          />
          {showPlanFlags ? (
            <SelectField label="IEP or 504 plan" name="plan" options={PLAN_OPTIONS} placeholder="Everyone" defaultValue={value("plan")} errors={fieldErrors("plan")} />
          ) : null}
          <SelectField
            label="Caseload member"
            name="member"
            options={staff.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role]})` }))}
            placeholder="Anyone or no one"
            hint="Only students this person currently serves."
            defaultValue={value("member")}
            errors={fieldErrors("member")}
          />
          {showTiers ? (
            <>
              <SelectField
                label="Tier"
                name="tier"
                options={TIER_OPTIONS}
                placeholder="Any tier"
                hint="The current tier. No decision in an area means Tier 1."
                defaultValue={value("tier")}
                errors={fieldErrors("tier")}
              />
              <SelectField
                label="In area"
                name="tierArea"
                options={AREA_OPTIONS}
                placeholder="Any area"
                hint="Any area: Tier 2 or 3 in at least one area; Tier 1 in every area."
                defaultValue={value("tierArea")}
                errors={fieldErrors("tierArea")}
              />
              <SelectField label="Needs attention" name="flag" options={FLAG_OPTIONS} placeholder="Everyone" defaultValue={value("flag")} errors={fieldErrors("flag")} />
            </>
          ) : null}
          <SelectField label="Sort by" name="sort" options={SORT_OPTIONS} defaultValue={value("sort") ?? "name"} errors={fieldErrors("sort")} />
        </div>
        <div className="mb-4">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="archived" defaultChecked={value("archived") === "on"} className="h-4 w-4" />
            Show archived students
          </label>
        </div>
        <input type="hidden" name="page" value={String(page)} />
        <div className="flex flex-wrap items-center gap-4">
          {/* First submit button: pressing Enter in a field searches. */}
          <SubmitButton name="intent" value="search">
            Search
          </SubmitButton>
          <Link href="/students" className="text-blue-800 underline">
            Clear search and filters
          </Link>
        </div>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="mb-1 text-lg font-semibold">
          Results
        </h2>
        <p role="status" className="mb-3 text-slate-800">
          {result
            ? result.total === 0
              ? "No students match. Try fewer words or clear a filter."
              : `${plural(result.total, "student", "students")} found. Page ${page} of ${pageCount}.`
            : "Correct the highlighted fields to see students."}
        </p>
        {result && result.rows.length > 0 ? (
          <DataTable
            ref={tableRef}
            caption="Students found"
            className="text-sm"
            columns={[
              mayAssign
                ? {
                    label: hydrated ? (
                      <input type="checkbox" aria-label="Select all students on this page" className="h-4 w-4" onChange={(e) => selectAll(e.target.checked)} />
                    ) : (
                      <span className="sr-only">Select</span>
                    ),
                  }
                : null,
              "Name",
              "Local id",
              "Grade",
              "School",
              "Flags",
              showTiers ? "Tier" : null,
              "Caseload",
            ]}
          >
            {result.rows.map((row) => {
              const preferred = goesBy(row);
              return (
                <Tr key={row.id} className="align-top">
                  {mayAssign ? (
                    <Td>
                      <input
                        type="checkbox"
                        name="unverifiedStudentIds"
                        value={row.id}
                        defaultChecked={ticked.has(row.id)}
                        aria-label={`Select ${row.legalFirstName} ${row.legalLastName}`}
                        className="h-5 w-5"
                      />
                    </Td>
                  ) : null}
                  <Td>
                    <Link href={`/students/${row.id}`} className="font-medium text-blue-800 underline">
                      {listName(row)}
                    </Link>
                    {preferred ? <span className="block text-slate-700">goes by {preferred}</span> : null}
                  </Td>
                  <Td className="font-mono">{row.localId}</Td>
                  <Td>
                    <span aria-hidden="true">{GRADE_SHORT[row.grade]}</span>
                    <span className="sr-only">{GRADE_LABEL[row.grade]}</span>
                  </Td>
                  <Td>{row.schoolName}</Td>
                  <Td>
                    <Flags row={row} />
                  </Td>
                  {row.tiers ? (
                    <Td>
                      {row.tiers.length ? (
                        <ul>
                          {row.tiers.map((t) => (
                            <li key={t.area} className="whitespace-nowrap">
                              {AREA_LABEL[t.area]}: {t.tier.replace("TIER_", "Tier ")}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-slate-700">Tier 1</span>
                      )}
                    </Td>
                  ) : null}
                  <Td>
                    {row.members.length ? (
                      <ul>
                        {row.members.map((m, i) => (
                          <li key={i}>
                            {m.name} <span className="text-slate-700">({CASE_ROLE_LABEL[m.role].toLowerCase()})</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-slate-700">No one yet</span>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </DataTable>
        ) : null}
        {result && pageCount > 1 ? (
          <nav aria-label="Pages of the student list" className="mt-4 flex flex-wrap items-center gap-4">
            <button type="submit" name="goto" value={String(page - 1)} disabled={page <= 1} className={buttonClass("secondary")}>
              Previous page
            </button>
            <span>
              Page {page} of {pageCount}
            </span>
            <button type="submit" name="goto" value={String(page + 1)} disabled={page >= pageCount} className={buttonClass("secondary")}>
              Next page
            </button>
          </nav>
        ) : null}
      </section>

      {mayAssign && result && result.rows.length > 0 ? (
        <fieldset className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
          <legend className="px-1 text-lg font-semibold">Assign the selected students</legend>
          <p className="mb-3 text-slate-700">Tick students in the list, then choose who serves them and in which role.</p>
          <FieldErrors name="unverifiedStudentIds" errors={errorsFor(assign, "unverifiedStudentIds")} />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField
              label="Staff member"
              name="unverifiedMembershipId"
              placeholder="Choose a staff member"
              options={staff.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role]})` }))}
              defaultValue={valueOf(assign, "unverifiedMembershipId")}
              errors={errorsFor(assign, "unverifiedMembershipId")}
            />
            <SelectField
              label="Role on the case"
              name="role"
              placeholder="Choose a role"
              options={CASE_ROLE_OPTIONS}
              defaultValue={valueOf(assign, "role")}
              errors={errorsFor(assign, "role")}
            />
          </div>
          <SubmitButton name="intent" value="assign">
            Assign selected students
          </SubmitButton>
        </fieldset>
      ) : null}
    </form>
  );
}

const noSubscription = () => () => {};
