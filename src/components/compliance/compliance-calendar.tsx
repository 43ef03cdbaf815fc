import { Pagination } from "@/components/caseloads/pagination";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { DEFAULT_HORIZON, HORIZONS } from "@/domain/iep504/compliance";
import type { ComplianceCalendar } from "@/server/compliance/queries";
import { ChoiceSelect } from "./choice-select";
import { DueDates } from "./due-dates";

/** The filters as a query string (ids and the horizon only), for links that keep them. */
export function filterQuery(c: ComplianceCalendar, extra: Record<string, string> = {}) {
  const q = c.query;
  const params: Record<string, string> = {};
  if (q.school) params.school = q.school;
  if (q.caseManager) params.caseManager = q.caseManager;
  if (q.horizon) params.horizon = String(q.horizon);
  return new URLSearchParams({ ...params, ...extra }).toString();
}

/**
 * The compliance calendar: the filters (a GET form that works without
 * JavaScript), the dates soonest first with the overdue ones on top, a table
 * on wide screens and stacked cards on a phone, pages and the CSV link.
 */
export function ComplianceCalendarView({ calendar, where }: { calendar: ComplianceCalendar; where: string }) {
  const c = calendar;
  const horizon = c.query.horizon ?? DEFAULT_HORIZON;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Compliance calendar</h1>
      <p className="mb-4 text-slate-700">
        IEP and 504 annual reviews and re-evaluations, and the evaluation deadlines of referrals, for {where}: overdue dates first, then those due in the next {horizon} days. Days are counted in
        the district&apos;s time zone; referral deadlines follow the district&apos;s evaluation timeline.
      </p>

      <form method="get" action="/compliance" className="mb-4 flex flex-wrap items-end gap-x-4">
        {c.schools.length > 1 ? (
          <SelectField label="School" name="school" options={c.schools.map((s) => ({ value: s.id, label: s.name }))} placeholder="All schools" defaultValue={c.query.school} />
        ) : null}
        {c.caseManagers ? (
          <ChoiceSelect label="Case manager" name="caseManager" choices={c.caseManagers.map((m) => [m.id, m.name] as const)} placeholder="Any case manager" defaultValue={c.query.caseManager} />
        ) : null}
        <SelectField label="Due within" name="horizon" options={HORIZONS.map((h) => ({ value: String(h), label: `the next ${h} days` }))} defaultValue={String(horizon)} />
        <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
          Show
        </button>
      </form>

      {!c.ok ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-800">
          {c.message}
        </p>
      ) : (
        <section aria-labelledby="due-heading">
          <h2 id="due-heading" className="mb-1 text-xl font-semibold">
            {c.total} {c.total === 1 ? "date" : "dates"}
            {c.overdue ? `, ${c.overdue} overdue` : ""}
          </h2>
          <p className="mb-3">
            <a href={`/compliance/export?${filterQuery(c)}`} className="text-blue-800 underline" download>
              Download these dates as CSV
            </a>
          </p>
          {c.items.length === 0 ? (
            <p className="text-slate-700">Nothing is overdue or due in the next {horizon} days.</p>
          ) : (
            <>
              <DueDates items={c.items} today={c.today} where={where} />
              <Pagination label="Pages of due dates" page={c.page} pageCount={c.pageCount} hrefFor={(p) => `/compliance?${filterQuery(c, { page: String(p) })}`} />
            </>
          )}
        </section>
      )}
    </>
  );
}
