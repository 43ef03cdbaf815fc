import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { DEFAULT_HORIZON, DUE_KIND_LABEL, HORIZONS } from "@/domain/iep504/compliance";
import { dueWords } from "@/domain/iep504/dates";
import type { ComplianceCalendar, ComplianceItem } from "@/server/compliance/queries";
import { recordHref } from "@/server/students/record-sections";

const PLAN_TYPE_LABEL = { IEP: "IEP", SECTION_504: "504 plan" } as const;

/** "Annual review (IEP)", "Evaluation (referral)". */
const whatOf = (i: ComplianceItem) => (i.planType ? `${DUE_KIND_LABEL[i.kind]} (${PLAN_TYPE_LABEL[i.planType]})` : DUE_KIND_LABEL[i.kind]);
/** The student's IEP/504 section, or the referral section, of their profile. */
const hrefOf = (i: ComplianceItem) => recordHref(i.studentId, i.kind === "EVALUATION" ? "referrals" : "iep504");

/** The filters as a query string (ids and the horizon only), for links that keep them. */
export function filterQuery(c: ComplianceCalendar, extra: Record<string, string> = {}) {
  const q = c.query;
  const params: Record<string, string> = {};
  if (q.school) params.school = q.school;
  if (q.caseManager) params.caseManager = q.caseManager;
  if (q.horizon) params.horizon = String(q.horizon);
  return new URLSearchParams({ ...params, ...extra }).toString();
}

function When({ item, today }: { item: ComplianceItem; today: string }) {
  const words = dueWords(item.due, today);
  return (
    <>
      <span className={item.daysLeft < 0 ? "font-semibold text-red-800" : item.daysLeft <= 14 ? "font-semibold text-amber-900" : undefined}>{words}</span>
      {item.lastSchoolDay ? <span className="block text-sm text-slate-700">Not a school day: last school day before it {formatDay(item.lastSchoolDay)}</span> : null}
    </>
  );
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
          <SelectField label="Case manager" name="caseManager" options={c.caseManagers.map((m) => ({ value: m.id, label: m.name }))} placeholder="Any case manager" defaultValue={c.query.caseManager} />
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
              <ol aria-label="Due dates" className="space-y-3 md:hidden">
                {c.items.map((i) => (
                  <li key={`${i.kind}-${i.itemId}`} className={`rounded-lg border bg-white p-3 ${i.daysLeft < 0 ? "border-red-700" : "border-slate-300"}`}>
                    <p className="font-semibold">
                      <Link href={hrefOf(i)} className="text-blue-800 underline">
                        {i.studentName}
                      </Link>
                    </p>
                    <p>
                      {whatOf(i)}: <time dateTime={i.due}>{formatDay(i.due)}</time>
                    </p>
                    <p>
                      <When item={i} today={c.today} />
                    </p>
                    <p className="text-sm text-slate-700">
                      {i.schoolName} · Case manager: {i.caseManager ?? "none named"}
                    </p>
                  </li>
                ))}
              </ol>
              <div className="hidden md:block">
                <DataTable caption={`Due dates for ${where}, soonest first`} className="text-sm" columns={["Student", "What", "Due", "When", "School", "Case manager"]}>
                  {c.items.map((i) => (
                    <Tr key={`${i.kind}-${i.itemId}`} className={i.daysLeft < 0 ? "bg-red-50" : undefined}>
                      <th scope="row" className="p-2 text-left font-normal">
                        <Link href={hrefOf(i)} className="text-blue-800 underline">
                          {i.studentName}
                        </Link>
                        <span className="block text-slate-700">{i.localId}</span>
                      </th>
                      <Td>{whatOf(i)}</Td>
                      <Td className="whitespace-nowrap">
                        <time dateTime={i.due}>{formatDay(i.due)}</time>
                      </Td>
                      <Td>
                        <When item={i} today={c.today} />
                      </Td>
                      <Td>{i.schoolName}</Td>
                      <Td>{i.caseManager ?? "None named"}</Td>
                    </Tr>
                  ))}
                </DataTable>
              </div>
              <Pagination label="Pages of due dates" page={c.page} pageCount={c.pageCount} hrefFor={(p) => `/compliance?${filterQuery(c, { page: String(p) })}`} />
            </>
          )}
        </section>
      )}
    </>
  );
}
