import { GuardianContactList } from "@/components/guardian-contacts/contact-list";
import { formatDay, formatMoment } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ACCOMMODATION_SOURCE_LABEL } from "@/server/accommodations/schemas";
import { PLAN_EVENT_LABEL, PLAN_STATUS_LABEL } from "@/server/plans/schemas";
import type { PacketPlan, ReferralPacket } from "@/server/referrals/packet";
import { REFERRAL_OUTCOME_LABEL, REFERRAL_STATUS_LABEL } from "@/server/referrals/schemas";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";
import { graphKey } from "@/domain/progress/graph-layout";
import { PacketGraphSvg } from "./packet-graph-svg";
import { packetProbesOf } from "./packet-probe-rows";
import { PacketProbeTable } from "./packet-probe-table";
import { PacketFinalForm } from "./packet-final-form";
import { clockText, dosageRows, goalRows, goalTitle, planDates } from "@/server/referrals/packet-text";
import { recordHref } from "@/server/students/record-sections";

/**
 * The referral packet as a page: everything the PDF holds, in the same words
 * (src/server/referrals/packet-text.ts) and with the same graphs
 * (src/domain/progress/graph-layout.ts), laid
 * out to print cleanly (the menu and the controls are left out in print).
 */
export function PacketPage({ packet, timeZone }: { packet: ReferralPacket; timeZone: string }) {
  const { referral: r, student: s, readiness } = packet;
  return (
    <article className="packet">
      <div className="print:hidden">
        <BackLink href={recordHref(s.id, "referrals")}>Back to the profile</BackLink>
      </div>
      <h1 className="text-2xl font-semibold">Referral packet: {s.name}</h1>
      <p className="mb-2 text-slate-700">
        {s.legalName ? `Legal name ${s.legalName} · ` : ""}
        {GRADE_LABEL[s.grade]} · {s.schoolName} · Local id <span className="font-mono">{s.localId}</span> · Assembled {formatDay(packet.today)} from the intervention record
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
        {/* A plain link: the PDF is a download the server renders (audited as an export). */}
        <a href={`/referrals/${r.id}/packet.pdf`} className={buttonClass("primary")} download>
          Download PDF
        </a>
        <p className="text-sm text-slate-700">Print this page (Ctrl+P) for a paper copy: the menu and these controls are left out.</p>
      </div>

      <Section id="packet-referral" title="Referral">
        <dl className="text-sm">
          <Fact term="Status">
            {REFERRAL_STATUS_LABEL[r.status]}
            {r.outcome ? ` · ${REFERRAL_OUTCOME_LABEL[r.outcome]}` : ""}
          </Fact>
          <Fact term="Referred">{formatDay(r.referredOn)}</Fact>
          <Fact term="Reason">{r.reason}</Fact>
          {r.concerns ? <Fact term="Concerns">{r.concerns}</Fact> : null}
          <Fact term="Consent requested">{r.consentRequestedOn ? formatDay(r.consentRequestedOn) : "Not yet"}</Fact>
          <Fact term="Parent consent">{r.consentDate ? formatDay(r.consentDate) : "Not yet"}</Fact>
          {r.status === "OUTCOME" ? null : <Fact term="Evaluation clock">{clockText(r.clock)}</Fact>}
          <Fact term="Eligibility meeting">{r.eligibilityMeetingOn ? formatDay(r.eligibilityMeetingOn) : "Not scheduled"}</Fact>
        </dl>
      </Section>

      <Section id="packet-readiness" title={readiness.ready ? "Readiness: every item met" : `Readiness: ${readiness.missing.length} of ${readiness.items.length} missing`}>
        <ul className="space-y-2">
          {readiness.items.map((item) => (
            <li key={item.key} className="flex gap-2">
              <span className={`shrink-0 font-semibold ${item.met ? "text-green-800" : "text-red-800"}`}>{item.met ? "Met:" : "Missing:"}</span>
              <span>
                <span className="font-medium">{item.label}.</span> <span className="text-slate-800">{item.detail}</span>
              </span>
            </li>
          ))}
        </ul>
        {r.final ? (
          <p className="mt-4 rounded-md border border-slate-400 bg-slate-50 p-3">
            <span className="font-semibold">Final</span>: marked by {r.final.by} on {formatMoment(r.final.at, timeZone)}.
            {r.final.note ? <span className="block">Reason given with items missing: {r.final.note}</span> : null}
          </p>
        ) : (
          <p className="mt-4 font-medium">Draft: not yet marked final.</p>
        )}
        {packet.mayFinalize && !r.final ? <PacketFinalForm referralId={r.id} ready={readiness.ready} /> : null}
      </Section>

      <Section id="packet-student" title="Student and guardians">
        <dl className="text-sm">
          <Fact term="Name">{s.name}</Fact>
          {s.legalName ? <Fact term="Legal name">{s.legalName}</Fact> : null}
          <Fact term="Date of birth">{s.dateOfBirth ? formatDay(s.dateOfBirth) : "Not recorded"}</Fact>
          <Fact term="Grade and school">
            {GRADE_LABEL[s.grade]}, {s.schoolName}
          </Fact>
        </dl>
        <h3 className="mt-3 mb-1 font-semibold">Guardian contacts</h3>
        {packet.guardians.length ? (
          <DataTable className="text-sm" caption="Guardian contacts" columns={["Name", "Relationship", "Phone", "Email", "Language"]}>
            {packet.guardians.map((g, i) => (
              <Tr key={i}>
                <Td>{g.name}</Td>
                <Td>{g.relationship}</Td>
                <Td>{g.phone ?? "—"}</Td>
                <Td className="break-all">{g.email ?? "—"}</Td>
                <Td>{g.preferredLanguage ?? "—"}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-700">No guardian on the student&apos;s record.</p>
        )}
        {packet.contacts ? (
          <>
            <h3 className="mt-4 mb-1 font-semibold">Contacts with the family</h3>
            <GuardianContactList contacts={packet.contacts} />
          </>
        ) : null}
      </Section>

      <Section id="packet-tiers" title="Tier history">
        {packet.tiers.length ? (
          <DataTable className="text-sm" caption="Tier decisions, oldest first" columns={["Effective", "Area", "Tier", "Reason", "Decided by"]}>
            {packet.tiers.map((t, i) => (
              <Tr key={i}>
                <Td className="whitespace-nowrap">{formatDay(t.effectiveDate)}</Td>
                <Td>{AREA_LABEL[t.area]}</Td>
                <Td className="whitespace-nowrap">{TIER_LABEL[t.tier]}</Td>
                <Td>{t.reason}</Td>
                <Td>{t.decidedBy}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-700">No tier decision recorded.</p>
        )}
      </Section>

      <Section id="packet-interventions" title={`Interventions (${packet.plans.length})`}>
        {packet.plans.length ? (
          <ol className="space-y-6">
            {packet.plans.map((p, i) => (
              <PlanBlock key={p.id} plan={p} number={i + 1} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-700">No intervention plan has started for this student.</p>
        )}
      </Section>

      <Section id="packet-accommodations" title="Accommodations">
        {packet.accommodations.length ? (
          <DataTable className="text-sm" caption="Accommodations with their source and dates" columns={["Accommodation", "Source", "From", "To"]}>
            {packet.accommodations.map((a, i) => (
              <Tr key={i}>
                <Td>{a.description}</Td>
                <Td>{ACCOMMODATION_SOURCE_LABEL[a.source]}</Td>
                <Td className="whitespace-nowrap">{formatDay(a.startDate)}</Td>
                <Td className="whitespace-nowrap">{a.endDate ? formatDay(a.endDate) : "Current"}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-700">No accommodation recorded.</p>
        )}
      </Section>
    </article>
  );
}

function PlanBlock({ plan: p, number }: { plan: PacketPlan; number: number }) {
  const headingId = `packet-plan-${p.id}`;
  return (
    <li className="packet-plan">
      <h3 id={headingId} className="text-base font-semibold">
        {number}. {p.title} <span className="font-normal text-slate-700">· {AREA_LABEL[p.area]} · {PLAN_STATUS_LABEL[p.status]}</span>
      </h3>
      <dl className="text-sm">
        <Fact term="Dates">{planDates(p)}</Fact>
        <Fact term="Delivered by">{p.interventionists.length ? p.interventionists.join(", ") : "Nobody named"}</Fact>
        {p.statusReason ? <Fact term={p.status === "ACTIVE" ? "Note" : "Why it ended"}>{p.statusReason}</Fact> : null}
        {dosageRows(p.dosage).map(([term, value]) => (
          <Fact key={term} term={term}>
            {value}
          </Fact>
        ))}
        <Fact term="Data points">{p.dataPoints} valid probes</Fact>
      </dl>

      <h4 className="mt-3 mb-1 font-semibold">Phases</h4>
      <DataTable className="text-sm" caption={`Phases of ${p.title}`} columns={["Phase", "From", "Intervention", "Dosage", "Delivered by", "What changed"]}>
        {p.phases.map((ph) => (
          <Tr key={ph.number}>
            <Td>{ph.number}</Td>
            <Td className="whitespace-nowrap">{formatDay(ph.startDate)}</Td>
            <Td>{ph.title}</Td>
            <Td className="whitespace-nowrap">
              {ph.minutesPerSession} min × {ph.sessionsPerWeek} a week, {ph.groupSize === 1 ? "individual" : `group of ${ph.groupSize}`}
            </Td>
            <Td>{ph.interventionists.join(", ") || "—"}</Td>
            <Td>{ph.change ?? "—"}</Td>
          </Tr>
        ))}
      </DataTable>

      <h4 className="mt-3 mb-1 font-semibold">Decisions</h4>
      {p.decisions.length ? (
        <DataTable className="text-sm" caption={`Decisions on ${p.title}`} columns={["Date", "Decision", "By", "Comment"]}>
          {p.decisions.map((d, i) => (
            <Tr key={i}>
              <Td className="whitespace-nowrap">{formatDay(d.date)}</Td>
              <Td>{PLAN_EVENT_LABEL[d.kind]}</Td>
              <Td>{d.by}</Td>
              <Td>{d.comment ?? "—"}</Td>
            </Tr>
          ))}
        </DataTable>
      ) : (
        <p className="text-sm text-slate-700">No decision recorded.</p>
      )}

      {p.goals.map((g) => (
        <div key={g.goal.id} className="packet-goal mt-4">
          <h4 className="mb-1 font-semibold">Goal: {goalTitle(g)}</h4>
          <PacketGraphSvg graph={g.graph} summary={g.summary} />
          <p className="mt-1 text-xs text-slate-700">{graphKey(g.graph).join(" · ")}</p>
          <p className="mt-1 text-sm">{g.summary}</p>
          <dl className="text-sm">
            {goalRows(g).map(([term, value]) => (
              <Fact key={term} term={term}>
                {value}
              </Fact>
            ))}
          </dl>
          <PacketProbeTable probes={packetProbesOf(g.graph.points)} measure={g.goal.measure} goalHref={`/goals/${g.goal.id}`} />
        </div>
      ))}
    </li>
  );
}
