import type { Metadata } from "next";
import { BigFiveTables, IncidentsPerWeek } from "@/components/behavior/big-five";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { Fact, Section } from "@/components/ui/section";
import { getContext } from "@/server/auth/session";
import { getBehaviorOverview } from "@/server/behavior/queries";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Behaviour overview" };

const rate = (n: number | null) => (n === null ? "—" : n.toFixed(2));

export default async function BehaviorOverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const o = await getBehaviorOverview(ctx, await searchParams);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Behaviour overview</h1>
      <FilterNotice notUnderstood={o.notUnderstood} showing="your first school" />
      <p className="mb-4 max-w-3xl text-slate-700">
        A school&apos;s incidents this school year: how often (per 100 students per school day, so schools of different sizes compare), which behaviours,
        where, when, with whom and why.
      </p>
      {o.schools.length > 1 ? (
        <form method="get" action="/behavior/overview" className="mb-4 flex flex-wrap items-end gap-3">
          <SelectField label="School" name="school" options={o.schools.map((s) => ({ value: s.id, label: s.name }))} defaultValue={o.school?.id} />
          <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
            Show
          </button>
        </form>
      ) : null}
      {o.school === null ? (
        <p>You have no school to show.</p>
      ) : (
        <>
          <Section id="how-often" title={`How often: ${o.school.name}`}>
            <dl className="mb-4">
              <Fact term="Incidents">
                {o.majors + o.minors} ({o.majors} major, {o.minors} minor)
              </Fact>
              <Fact term="Students enrolled">{o.students}</Fact>
              <Fact term="School days">
                {o.schoolDays} (weekdays from {formatDay(o.since)}, the first day with an incident, to {formatDay(o.today)})
              </Fact>
              <Fact term="Per 100 students per school day">
                {rate(o.rate)} (majors: {rate(o.majorRate)})
              </Fact>
            </dl>
            <IncidentsPerWeek weeks={o.weeks} subject={o.school.name} />
          </Section>
          <Section id="big-five" title="Which behaviours, where, when, with whom, why">
            {o.five.count ? <BigFiveTables five={o.five} /> : <p className="text-slate-700">No incidents this school year.</p>}
          </Section>
        </>
      )}
    </>
  );
}
