import type { Metadata } from "next";
import { AddDaysForm, CalendarUploadForm, ClockSettingsForm, RemoveDayButton } from "@/components/iep504/calendar-forms";
import { formatDay } from "@/components/students/format";
import { Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getDistrictCalendar } from "@/server/referrals/queries";
import { DAY_COUNT_LABEL } from "@/server/referrals/schemas";

export const metadata: Metadata = { title: "School calendar" };

/** The evaluation timeline of referrals and the district's non-school days it counts around. */
export default async function CalendarPage() {
  const ctx = await getContext();
  const { rule, days, today } = await getDistrictCalendar(ctx);
  const upcoming = days.filter((d) => d.date >= today);
  const past = days.length - upcoming.length;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">School calendar and evaluation timeline</h1>
      <Section id="timeline" title="Evaluation timeline">
        <p className="mb-3 text-slate-700">
          Now: an evaluation is due {rule.days} {DAY_COUNT_LABEL[rule.count]} after the parent&apos;s consent.
        </p>
        <ClockSettingsForm days={rule.days} count={rule.count} />
      </Section>
      <Section id="non-school-days" title="Non-school days">
        <p className="mb-3 text-slate-700">Holidays, breaks and closed days (weekends are never school days). School-day timelines skip them.</p>
        <AddDaysForm />
        <h3 className="mt-6 mb-2 font-semibold">Upload a calendar</h3>
        <CalendarUploadForm />
        <h3 className="mt-6 mb-2 font-semibold">
          From today on ({upcoming.length}){past ? <span className="font-normal text-slate-700">, and {past} earlier</span> : null}
        </h3>
        {upcoming.length ? (
          <DataTable className="text-sm" caption="Non-school days from today on" columns={["Day", "Name", ""]}>
            {upcoming.map((d) => (
              <Tr key={d.date}>
                <Td className="whitespace-nowrap">
                  <time dateTime={d.date}>{formatDay(d.date)}</time>
                </Td>
                <Td>{d.label}</Td>
                <Td>
                  <RemoveDayButton date={d.date} label={d.label} />
                </Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-slate-700">No non-school days entered from today on.</p>
        )}
      </Section>
    </>
  );
}
