import type { Metadata } from "next";
import Link from "next/link";
import { DASHBOARDS, DashboardSummaryView } from "@/components/dashboards/dashboard-summary";
import { FilterRefused } from "@/components/dashboards/dashboard-filters";
import { getContext } from "@/server/auth/session";
import { getDashboardSummary } from "@/server/dashboards/summary";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  const ctx = await getContext();
  const d = await getDashboardSummary(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Dashboards</h1>
      <p className="mb-4 max-w-3xl text-slate-700">Whether the system works, for {d.where}: each dashboard has its filters, a table beside every chart and a CSV of each table.</p>
      <ul className="mb-6 grid gap-3 md:grid-cols-2">
        {DASHBOARDS.map((x) => (
          <li key={x.href} className="rounded-lg border border-slate-300 bg-white p-4">
            <Link href={x.href} className="text-lg font-semibold text-blue-800 underline">
              {x.title}
            </Link>
            <p className="mt-1 text-slate-700">{x.what}</p>
          </li>
        ))}
      </ul>
      <h2 className="mb-2 text-xl font-semibold">This school year at a glance</h2>
      {d.ok ? <DashboardSummaryView summary={d.data} age={d.age} headingLevel={3} /> : <FilterRefused message={d.message} pending={d.pending} />}
    </>
  );
}
