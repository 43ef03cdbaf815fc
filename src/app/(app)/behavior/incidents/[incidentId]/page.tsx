import type { Metadata } from "next";
import { CorrectIncidentForm } from "@/components/behavior/incident-form";
import { ReviewIncidentForm } from "@/components/behavior/review-form";
import { formatDay, formatMoment } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { SEVERITY_LABEL } from "@/domain/behavior-codes";
import { getContext } from "@/server/auth/session";
import { getIncidentPage } from "@/server/behavior/queries";
import { INCIDENT_STATUS_LABEL, OTHERS_INVOLVED_LABEL } from "@/server/behavior/schemas";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ incidentId: string }> }) {
  const ctx = await getContext();
  const i = await getIncidentPage(ctx, (await params).incidentId);
  return (
    <>
      <BackLink href={recordHref(i.student.id, "behavior")}>Back to the student</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">
        Incident: {i.student.name}
      </h1>
      <p className="mb-4 text-slate-700">
        {i.student.schoolName} · {INCIDENT_STATUS_LABEL[i.status]}
      </p>
      <Section id="incident-facts" title="What happened">
        <dl>
          <Fact term="When">
            {formatDay(i.occurredOn)} at {i.occurredTime}
          </Fact>
          <Fact term="Problem behaviour">
            {i.behavior} ({SEVERITY_LABEL[i.severity].toLowerCase()})
          </Fact>
          <Fact term="Location">{i.location}</Fact>
          <Fact term="Perceived motivation">{i.motivation ?? "Not recorded"}</Fact>
          <Fact term="Others involved">{i.othersInvolved.length ? i.othersInvolved.map((o) => OTHERS_INVOLVED_LABEL[o]).join(", ") : "Not recorded"}</Fact>
          <Fact term="Action taken">{i.action ?? "None yet"}</Fact>
          {i.notes !== undefined ? <Fact term="Notes">{i.notes ?? "None"}</Fact> : null}
          <Fact term="Reported by">
            {i.reportedBy}, {formatMoment(i.reportedAt, ctx.timeZone)}
          </Fact>
          {i.reviewedBy && i.reviewedAt ? (
            <Fact term="Reviewed by">
              {i.reviewedBy}, {formatMoment(i.reviewedAt, ctx.timeZone)}{i.reviewNote ? `: ${i.reviewNote}` : ""}
            </Fact>
          ) : null}
        </dl>
      </Section>
      {i.may.review && i.status === "AWAITING_REVIEW" ? (
        <Section id="incident-review" title="Review">
          <ReviewIncidentForm incidentId={i.id} version={i.version} />
        </Section>
      ) : null}
      {i.may.correct && !i.archived ? (
        <Section id="incident-correct" title="Correction">
          <CorrectIncidentForm incident={i} codes={i.codes} today={i.today} />
        </Section>
      ) : null}
      <Section id="incident-history" title="History">
        {i.revisions.length ? (
          <ol className="space-y-3" aria-label="Corrections, newest first">
            {i.revisions.map((r) => (
              <li key={r.version} className="rounded-md border border-slate-300 p-3">
                <p className="font-medium">
                  Corrected by {r.changedBy}, {formatMoment(r.changedAt, ctx.timeZone)}{r.reason ? `: ${r.reason}` : ""}
                </p>
                <p className="text-sm text-slate-700">
                  Before: {formatDay(r.was.occurredOn)} at {r.was.occurredTime} · {r.was.behavior} · {r.was.location}
                  {r.was.motivation ? ` · ${r.was.motivation}` : ""}
                  {r.was.action ? ` · ${r.was.action}` : ""}
                  {r.was.notes ? ` · Notes: ${r.was.notes}` : ""}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-slate-700">Not corrected since it was recorded.</p>
        )}
      </Section>
    </>
  );
}
