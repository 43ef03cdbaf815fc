import type { Metadata } from "next";
import { ProbeForm } from "@/components/probes/probe-form";
import { ProbeTable } from "@/components/probes/probe-table";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { getContext } from "@/server/auth/session";
import { getGoalProbeEntry } from "@/server/probes/queries";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Add a probe" };

/** One probe for one goal, on a page of its own so a link from a phone opens just this. */
export default async function NewProbePage({ params }: { params: Promise<{ goalId: string }> }) {
  const ctx = await getContext();
  const { goal, probes, form, closed } = await getGoalProbeEntry(ctx, (await params).goalId);
  return (
    <>
      <BackLink href={`/goals/${goal.id}`}>Back to the progress graph</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">Add a probe</h1>
      <p className="mb-4 text-slate-700">
        {goal.studentName} · {goal.measure.name} ({goal.measure.unit})
      </p>
      <div className="mb-6 max-w-lg rounded-lg border border-slate-300 bg-white p-4">
        {form ? <ProbeForm {...form} /> : <p>{closed}</p>}
      </div>
      <Section id="probes" title="Probes so far">
        <ProbeTable probes={probes} measure={goal.measure} caption={`Probes of ${goal.studentName}'s goal`} canChange={form !== null} />
      </Section>
    </>
  );
}
