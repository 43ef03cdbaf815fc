import type { Metadata } from "next";
import Link from "next/link";
import { ScheduleMeetingForm } from "@/components/meetings/forms";
import { formatDay } from "@/components/students/format";
import { Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { MEETING_KIND_LABEL } from "@/domain/meetings";
import { getContext } from "@/server/auth/session";
import { getMeetingList } from "@/server/meetings/queries";

export const metadata: Metadata = { title: "Meetings" };

export default async function MeetingsPage() {
  const ctx = await getContext();
  const { meetings, overdue, schools, today } = await getMeetingList(ctx);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Meetings</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Problem-solving, data team and eligibility meetings of your schools. Build the agenda from the goals that need review, the plans due for review or any
        student; the decisions you confirm are applied to the plans, tiers and referrals at once.
      </p>
      <Section id="overdue-heading" title="Overdue action items">
        {overdue.length ? (
          <ul className="list-disc pl-5">
            {overdue.map((a) => (
              <li key={a.id}>
                {a.sentence}{" "}
                <Link className="text-blue-800 underline" href={`/meetings/${a.meetingId}/recap`}>
                  Meeting of {formatDay(a.meetingDate)}, {a.schoolName}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>No action item of your schools is overdue.</p>
        )}
      </Section>
      <Section id="meetings-heading" title="Meetings">
        {meetings.length ? (
          <DataTable caption="Meetings of your schools, newest first" columns={["Date", "Kind", "School", { label: "Students", numeric: true }]}>
            {meetings.map((m) => (
              <Tr key={m.id}>
                <Td>
                  <Link className="text-blue-800 underline" href={`/meetings/${m.id}`}>
                    {formatDay(m.date)}
                  </Link>
                </Td>
                <Td>{MEETING_KIND_LABEL[m.kind]}</Td>
                <Td>{m.schoolName}</Td>
                <Td numeric>{m.students}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p>No meeting yet.</p>
        )}
      </Section>
      <Section id="schedule-heading" title="Schedule a meeting">
        <ScheduleMeetingForm schools={schools.map((s) => ({ value: s.id, label: s.name }))} today={today} />
      </Section>
    </>
  );
}
