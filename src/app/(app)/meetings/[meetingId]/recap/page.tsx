import type { Metadata } from "next";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { ATTENDEE_KIND_LABEL, MEETING_KIND_LABEL, nextMeetingSentence } from "@/domain/meetings";
import { getContext } from "@/server/auth/session";
import { getMeetingRecap } from "@/server/meetings/queries";
import { firstParam } from "@/server/search-params";

export const metadata: Metadata = { title: "Meeting recap" };

/** Printable: the decisions in sentences, the action items and the next meeting (one student's, with ?student=). */
export default async function MeetingRecapPage({ params, searchParams }: { params: Promise<{ meetingId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const student = firstParam((await searchParams).student);
  const view = await getMeetingRecap(ctx, (await params).meetingId, student);
  const { meeting } = view;
  const present = view.attendees.filter((a) => a.present);
  return (
    <article className="max-w-3xl">
      <div className="print:hidden">
        <BackLink href={`/meetings/${meeting.id}`}>The meeting</BackLink>
      </div>
      <h1 className="text-2xl font-semibold">
        Recap: {MEETING_KIND_LABEL[meeting.kind].toLowerCase()} of {formatDay(meeting.date)}
      </h1>
      <p className="mb-4 text-slate-700">{meeting.schoolName}</p>
      {!view.oneStudent ? (
        <p className="mb-4">
          Present: {present.length ? present.map((a) => `${a.name} (${a.role}, ${ATTENDEE_KIND_LABEL[a.kind].toLowerCase()})`).join("; ") : "attendance not taken"}.
        </p>
      ) : null}
      {view.students.map((s) => (
        <section key={s.id} aria-labelledby={`recap-${s.id}`} className="mb-6 break-inside-avoid">
          <h2 id={`recap-${s.id}`} className="mb-1 text-xl font-semibold">
            {s.name}
          </h2>
          {s.decisions.length ? (
            <ul className="list-disc pl-5">
              {s.decisions.map((d) => (
                <li key={d.id}>{d.sentence}</li>
              ))}
            </ul>
          ) : (
            <p>No decision recorded.</p>
          )}
          {s.actionItems.length ? (
            <>
              <h3 className="mt-2 font-semibold">Action items</h3>
              <ul className="list-disc pl-5">
                {s.actionItems.map((a) => (
                  <li key={a.id}>{a.sentence}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
      {view.generalItems.length ? (
        <section aria-labelledby="recap-general" className="mb-6">
          <h2 id="recap-general" className="mb-1 text-xl font-semibold">
            Other action items
          </h2>
          <ul className="list-disc pl-5">
            {view.generalItems.map((a) => (
              <li key={a.id}>{a.sentence}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="font-medium">{nextMeetingSentence(meeting.nextMeetingDate)}</p>
    </article>
  );
}
