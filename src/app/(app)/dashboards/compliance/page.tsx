import type { Metadata } from "next";
import { ComplianceView } from "@/components/dashboards/compliance-view";
import { DashboardFilters, FilterRefused } from "@/components/dashboards/dashboard-filters";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getComplianceDashboard } from "@/server/dashboards/compliance";

export const metadata: Metadata = { title: "Compliance" };

export default async function ComplianceDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const d = await getComplianceDashboard(ctx, await searchParams);
  return (
    <>
      <BackLink href="/dashboards">Dashboards</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Compliance</h1>
      <p className="mb-4 text-slate-700">{d.ok ? `${d.where}, deadlines as of ${d.today}` : d.where}</p>
      <DashboardFilters action="/dashboards/compliance" keys={["school"]} options={d.options} filters={d.ok || d.pending ? d.filters : undefined} />
      {d.ok ? <ComplianceView compliance={d.data} filters={d.filters} age={d.age} /> : <FilterRefused message={d.message} pending={d.pending} />}
    </>
  );
}
