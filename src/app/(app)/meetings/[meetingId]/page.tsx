import type { Metadata } from "next";
import Link from "next/link";
import { AttendanceForm, InviteForm } from "@/components/meetings/forms";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { AGENDA_SOURCE_LABEL, ATTENDEE_KIND_LABEL, MEETING_KIND_LABEL } from "@/domain/meetings";
import { ROLE_LABEL } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getMeetingPage } from "@/server/meetings/queries";

export const metadata: Metadata = { title: "Meeting" };

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const ctx = await getContext();
  const view = await getMeetingPage(ctx, (await params).meetingId);
  const { meeting } = view;
  return (
    <>
      <BackLink href="/meetings">Meetings</BackLink>
      <h1 className="text-2xl font-semibold">
        {MEETING_KIND_LABEL[meeting.kind]}, {formatDay(meeting.date)}
      </h1>
      <p className="mb-4 text-slate-700">
        {meeting.schoolName}
        {meeting.nextMeetingDate ? ` · Next meeting ${formatDay(meeting.nextMeetingDate)}` : ""} ·{" "}
        <Link className="text-blue-800 underline" href={`/meetings/${meeting.id}/recap`}>
          Recap
        </Link>
      </p>

      <Section id="agenda-heading" title="Agenda">
        {view.agenda.length ? (
          <ol className="list-decimal space-y-2 pl-6">
            {view.agenda.map((a) => (
              <li key={a.studentId}>
                <Link className="text-blue-800 underline" href={`/meetings/${meeting.id}/students/${a.studentId}`}>
                  {a.name}
                </Link>{" "}
                <span className="text-slate-700">
                  ({AGENDA_SOURCE_LABEL[a.source]}; {a.decisions} {a.decisions === 1 ? "decision" : "decisions"}
                  {a.hasMinutes ? "; minutes taken" : ""})
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p>No student on the agenda yet.</p>
        )}
        <p className="mt-4 print:hidden">
          <Link className="text-blue-800 underline" href={`/meetings/${meeting.id}/agenda`}>
            Add students to the agenda
          </Link>{" "}
          from the goals that need review, the plans due for review or any student of the school.
        </p>
      </Section>

      <Section id="people-heading" title="Invited and attendance">
        {view.attendees.length ? (
          <AttendanceForm
            meetingId={meeting.id}
            attendees={view.attendees.map((a) => ({ id: a.id, label: `${a.name}, ${a.role} (${ATTENDEE_KIND_LABEL[a.kind]})`, present: a.present }))}
          />
        ) : (
          <p>No one is invited yet.</p>
        )}
        <h3 className="mt-4 mb-2 font-semibold">Invite</h3>
        <InviteForm meetingId={meeting.id} staff={view.staff.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role as keyof typeof ROLE_LABEL] ?? s.role})` }))} />
      </Section>
    </>
  );
}
