import type { Metadata } from "next";
import Link from "next/link";
import { AgendaForm } from "@/components/meetings/forms";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { MEETING_KIND_LABEL } from "@/domain/meetings";
import { getContext } from "@/server/auth/session";
import { getMeetingAgendaSources } from "@/server/meetings/queries";

// Built before the meeting, on the coordinator's own screen: the lists name other students of the
// school (and why their goals need review), which the meeting page, shown on a projector with
// guardians in the room, must not.
export const metadata: Metadata = { title: "Meeting: build the agenda" };

export default async function MeetingAgendaPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const ctx = await getContext();
  const view = await getMeetingAgendaSources(ctx, (await params).meetingId);
  const { meeting } = view;
  return (
    <>
      <BackLink href={`/meetings/${meeting.id}`}>
        {MEETING_KIND_LABEL[meeting.kind]}, {formatDay(meeting.date)}
      </BackLink>
      <h1 className="text-2xl font-semibold">Build the agenda</h1>
      <p className="mb-4 text-slate-700">
        {meeting.schoolName} · {view.onAgenda} {view.onAgenda === 1 ? "student" : "students"} on the agenda ·{" "}
        <Link className="text-blue-800 underline" href={`/meetings/${meeting.id}`}>
          Back to the meeting
        </Link>
      </p>
      <Section id="review-heading" title="Goals that need review">
        {view.fromReview.length ? (
          <AgendaForm
            meetingId={meeting.id}
            source="NEEDS_REVIEW"
            label="Goals that need review"
            students={view.fromReview.map((s) => ({ value: s.id, label: `${s.name} (${s.reasons.join("; ")})` }))}
          />
        ) : (
          <p>No other student of the school has a goal that needs review.</p>
        )}
      </Section>
      <Section id="due-heading" title="Plans due for review">
        {view.fromDue.length ? (
          <AgendaForm meetingId={meeting.id} source="DUE_FOR_REVIEW" label="Plans due for review" students={view.fromDue.map((s) => ({ value: s.id, label: `${s.name} (review ${formatDay(s.reviewDate)})` }))} />
        ) : (
          <p>No other student has a plan due for review by a week after the meeting.</p>
        )}
      </Section>
      <Section id="any-heading" title="Any student of the school">
        <AgendaForm meetingId={meeting.id} source="CHOSEN" label="Any student of the school" students={view.others.map((s) => ({ value: s.id, label: s.name }))} />
      </Section>
    </>
  );
}
