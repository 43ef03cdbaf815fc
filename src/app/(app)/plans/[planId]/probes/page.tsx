import type { Metadata } from "next";
import { GroupProbeGrid } from "@/components/probes/group-probe-grid";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getGroupProbeEntry } from "@/server/probes/queries";

export const metadata: Metadata = { title: "Group probes" };

/** A plan's group probes on one date, in a grid: one row per goal. */
export default async function GroupProbesPage({ params }: { params: Promise<{ planId: string }> }) {
  const ctx = await getContext();
  const { plan, grid } = await getGroupProbeEntry(ctx, (await params).planId);
  return (
    <>
      <BackLink href={`/plans/${plan.id}`}>Back to the plan</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Group probes</h1>
      <p className="mb-4 text-slate-700">
        {plan.name} · started {formatDay(plan.startDate)}
      </p>
      {grid ? (
        <GroupProbeGrid {...grid} />
      ) : (
        <p className="rounded-md border border-slate-500 bg-slate-100 p-3">{plan.closed ?? "This plan has no goals yet: add its goals first, then enter their probes here."}</p>
      )}
    </>
  );
}
