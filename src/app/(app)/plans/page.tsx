import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { PlanTable } from "@/components/plans/plan-table";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { getContext } from "@/server/auth/session";
import { getPlanList } from "@/server/plans/queries";
import { PLAN_LIST_STATUS_LABEL, PLAN_LIST_STATUSES } from "@/server/plans/schemas";
import { AREA_OPTIONS } from "@/server/tiers/schemas";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Plans" };

const STATUS_OPTIONS = PLAN_LIST_STATUSES.map((value) => ({ value, label: PLAN_LIST_STATUS_LABEL[value] }));

export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { query, notUnderstood, schools, rows, total, page, pageCount, mayWrite } = await getPlanList(ctx, await searchParams);
  const pageHref = (n: number) =>
    `/plans?${new URLSearchParams({ status: query.status, ...(query.area ? { area: query.area } : {}), ...(query.school ? { school: query.school } : {}), page: String(n) })}`;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Plans</h1>
        {mayWrite ? (
          <Link href="/plans/new" className={buttonClass()}>
            New plan
          </Link>
        ) : null}
      </div>
      <FilterNotice notUnderstood={notUnderstood} showing="the plans" />
      <form method="get" action="/plans" className="mb-4 flex flex-wrap items-end gap-3">
        <SelectField label="Status" name="status" options={STATUS_OPTIONS} defaultValue={query.status} />
        <SelectField label="Area" name="area" options={AREA_OPTIONS} placeholder="Any area" defaultValue={query.area} />
        {schools.length > 1 ? (
          <SelectField label="School" name="school" options={schools.map((s) => ({ value: s.id, label: s.name }))} placeholder="Any school" defaultValue={query.school} />
        ) : null}
        <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
          Show
        </button>
      </form>
      <p role="status" className="mb-2 text-slate-700">
        {total === 1 ? "1 plan" : `${total.toLocaleString("en-US")} plans`}, soonest review first.
      </p>
      {rows.length ? (
        <PlanTable rows={rows} caption="Plans" columns={["area", "status", ...(schools.length > 1 ? (["school"] as const) : []), "interventionists", "review"]} timeZone={ctx.timeZone} />
      ) : (
        <p className="text-slate-700">No plans match.</p>
      )}
      <Pagination label="Pages of plans" page={page} pageCount={pageCount} hrefFor={pageHref} />
    </>
  );
}
