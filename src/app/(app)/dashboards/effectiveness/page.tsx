import type { Metadata } from "next";
import { DashboardFilters, FilterRefused } from "@/components/dashboards/dashboard-filters";
import { EffectivenessView } from "@/components/dashboards/effectiveness-view";
import { BackLink } from "@/components/ui/page";
import { schoolYearLabel } from "@/domain/screening";
import { getContext } from "@/server/auth/session";
import { getEffectivenessDashboard } from "@/server/dashboards/effectiveness";

export const metadata: Metadata = { title: "Intervention effectiveness" };

export default async function EffectivenessDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const d = await getEffectivenessDashboard(ctx, await searchParams);
  return (
    <>
      <BackLink href="/dashboards">Dashboards</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Intervention effectiveness</h1>
      <p className="mb-4 text-slate-700">{d.ok ? `${d.where}, ${schoolYearLabel(d.filters.year)}` : d.where}</p>
      <DashboardFilters action="/dashboards/effectiveness" keys={["year", "school", "grade", "area", "subgroup"]} options={d.options} filters={d.ok || d.pending ? d.filters : undefined} />
      {d.ok ? <EffectivenessView data={d.data} filters={d.filters} age={d.age} bySchool={!d.filters.school && d.options.schools.length > 1} /> : <FilterRefused message={d.message} pending={d.pending} />}
    </>
  );
}
