import type { Metadata } from "next";
import { BehaviorView } from "@/components/dashboards/behavior-view";
import { DashboardFilters, FilterRefused } from "@/components/dashboards/dashboard-filters";
import { BackLink } from "@/components/ui/page";
import { schoolYearLabel } from "@/domain/screening";
import { getContext } from "@/server/auth/session";
import { getBehaviorDashboard } from "@/server/dashboards/behavior";

export const metadata: Metadata = { title: "Behaviour" };

export default async function BehaviorDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const d = await getBehaviorDashboard(ctx, await searchParams);
  return (
    <>
      <BackLink href="/dashboards">Dashboards</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Behaviour</h1>
      <p className="mb-4 text-slate-700">{d.ok ? `${d.where}, ${schoolYearLabel(d.filters.year)}` : d.where}</p>
      <DashboardFilters action="/dashboards/behavior" keys={["year", "school", "grade", "subgroup"]} options={d.options} filters={d.ok || d.pending ? d.filters : undefined} />
      {d.ok ? <BehaviorView behavior={d.data} filters={d.filters} age={d.age} /> : <FilterRefused message={d.message} pending={d.pending} />}
    </>
  );
}
