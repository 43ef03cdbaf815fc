import type { Metadata } from "next";
import { DashboardFilters, FilterRefused } from "@/components/dashboards/dashboard-filters";
import { HealthView } from "@/components/dashboards/health-view";
import { BackLink } from "@/components/ui/page";
import { schoolYearLabel } from "@/domain/screening";
import { getContext } from "@/server/auth/session";
import { getHealthDashboard } from "@/server/dashboards/health";

export const metadata: Metadata = { title: "MTSS health" };

export default async function HealthDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const d = await getHealthDashboard(ctx, await searchParams);
  return (
    <>
      <BackLink href="/dashboards">Dashboards</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">MTSS health</h1>
      <p className="mb-4 text-slate-700">{d.ok ? `${d.where}, ${schoolYearLabel(d.filters.year)}` : d.where}</p>
      <DashboardFilters action="/dashboards/health" keys={["year", "window", "school", "grade", "area", "subgroup"]} options={d.options} filters={d.ok || d.pending ? d.filters : undefined} />
      {d.ok ? <HealthView health={d.data} filters={d.filters} age={d.age} bySchool={!d.filters.school && d.options.schools.length > 1} /> : <FilterRefused message={d.message} pending={d.pending} />}
    </>
  );
}
