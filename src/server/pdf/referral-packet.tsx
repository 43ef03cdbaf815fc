import "server-only";
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDay, formatMomentIn } from "@/domain/time-zone";
import { ACCOMMODATION_SOURCE_LABEL } from "@/server/accommodations/schemas";
import { CONTACT_METHOD_PHRASE } from "@/server/guardian-contacts/schemas";
import { PLAN_EVENT_LABEL, PLAN_STATUS_LABEL } from "@/server/plans/schemas";
import type { PacketPlan, ReferralPacket } from "@/server/referrals/packet";
import { REFERRAL_OUTCOME_LABEL, REFERRAL_STATUS_LABEL } from "@/server/referrals/schemas";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";
import { graphKey } from "@/domain/progress/graph-layout";
import { clockText, dosageRows, goalRows, goalTitle, planDates } from "@/server/referrals/packet-text";
import "./fonts";
import { GraphPdf } from "./graph";

// The referral packet as a PDF, drawn by @react-pdf/renderer on the server:
// real text (Helvetica, a PDF standard font, so nothing is fetched) and the
// goals' graphs as vector drawings from the same layout as the printable
// page. The words are src/server/referrals/packet-text.ts's, so page and PDF say the same.

const s = StyleSheet.create({
  page: { padding: 36, fontSize: 9.5, fontFamily: "Helvetica", color: "#0f172a", lineHeight: 1.3 },
  h1: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  sub: { color: "#334155", marginBottom: 10 },
  h2: { fontSize: 12.5, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: "#94a3b8" },
  h3: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 10, marginBottom: 3 },
  h4: { fontSize: 10, fontFamily: "Helvetica-Bold", marginTop: 6, marginBottom: 2 },
  fact: { flexDirection: "row", paddingVertical: 1.5 },
  term: { width: 120, fontFamily: "Helvetica-Bold", color: "#1e293b" },
  value: { flex: 1 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#cbd5e1", paddingVertical: 2 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#64748b", paddingVertical: 2, fontFamily: "Helvetica-Bold" },
  cell: { flex: 1, paddingRight: 4 },
  note: { color: "#334155", fontSize: 8.5 },
  met: { color: "#166534", fontFamily: "Helvetica-Bold", width: 50 },
  missing: { color: "#991b1b", fontFamily: "Helvetica-Bold", width: 50 },
  footer: { position: "absolute", bottom: 18, left: 36, right: 36, fontSize: 8, color: "#475569", flexDirection: "row", justifyContent: "space-between" },
});

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <View>
      {rows.map(([term, value]) => (
        <View key={term} style={s.fact} wrap={false}>
          <Text style={s.term}>{term}</Text>
          <Text style={s.value}>{value}</Text>
        </View>
      ))}
    </View>
  );
}

/** A table of text cells; `widths` are flex weights per column. */
function Table({ columns, rows, widths }: { columns: string[]; rows: string[][]; widths?: number[] }) {
  const w = (i: number) => ({ ...s.cell, flex: widths?.[i] ?? 1 });
  return (
    <View>
      <View style={s.head} fixed={false}>
        {columns.map((c, i) => (
          <Text key={c} style={w(i)}>
            {c}
          </Text>
        ))}
      </View>
      {rows.map((r, ri) => (
        <View key={ri} style={s.row} wrap={false}>
          {r.map((c, i) => (
            <Text key={i} style={w(i)}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function PlanPdf({ plan: p, number }: { plan: PacketPlan; number: number }) {
  return (
    <View>
      <Text style={s.h3} minPresenceAhead={80}>
        {number}. {p.title} · {AREA_LABEL[p.area]} · {PLAN_STATUS_LABEL[p.status]}
      </Text>
      <Facts
        rows={[
          ["Dates", planDates(p)],
          ["Delivered by", p.interventionists.length ? p.interventionists.join(", ") : "Nobody named"],
          ...(p.statusReason ? [[p.status === "ACTIVE" ? "Note" : "Why it ended", p.statusReason] as [string, string]] : []),
          ...dosageRows(p.dosage),
          ["Data points", `${p.dataPoints} valid probes`],
        ]}
      />
      <Text style={s.h4}>Phases</Text>
      <Table
        columns={["Phase", "From", "Intervention", "Dosage", "What changed"]}
        widths={[0.5, 1.1, 1.6, 2, 2]}
        rows={p.phases.map((ph) => [
          String(ph.number),
          formatDay(ph.startDate),
          ph.title,
          `${ph.minutesPerSession} min x ${ph.sessionsPerWeek} a week, ${ph.groupSize === 1 ? "individual" : `group of ${ph.groupSize}`}`,
          ph.change ?? "-",
        ])}
      />
      <Text style={s.h4}>Decisions</Text>
      {p.decisions.length ? (
        <Table columns={["Date", "Decision", "By", "Comment"]} widths={[1.1, 1.4, 1.4, 3]} rows={p.decisions.map((d) => [formatDay(d.date), PLAN_EVENT_LABEL[d.kind], d.by, d.comment ?? "-"])} />
      ) : (
        <Text style={s.note}>No decision recorded.</Text>
      )}
      {p.goals.map((g) => (
        <View key={g.goal.id}>
          <View wrap={false}>
            <Text style={s.h4}>Goal: {goalTitle(g)}</Text>
            <GraphPdf graph={g.graph} />
            <Text style={s.note}>{graphKey(g.graph).join(" · ")}</Text>
          </View>
          <Text style={{ marginVertical: 3 }}>{g.summary}</Text>
          <Facts rows={goalRows(g)} />
        </View>
      ))}
    </View>
  );
}

export function PacketPdf({ packet, timeZone }: { packet: ReferralPacket; timeZone: string }) {
  const { referral: r, student: st, readiness } = packet;
  return (
    <Document title="Referral packet" author="MTSS case manager" subject={`Referral packet ${st.localId}`} creator="MTSS case manager">
      <Page size="LETTER" style={s.page}>
        <Text style={s.h1}>Referral packet: {st.name}</Text>
        <Text style={s.sub}>
          {st.legalName ? `Legal name ${st.legalName} · ` : ""}
          {GRADE_LABEL[st.grade]} · {st.schoolName} · Local id {st.localId} · Assembled {formatDay(packet.today)} from the intervention record
        </Text>

        <Text style={s.h2}>Referral</Text>
        <Facts
          rows={[
            ["Status", `${REFERRAL_STATUS_LABEL[r.status]}${r.outcome ? ` · ${REFERRAL_OUTCOME_LABEL[r.outcome]}` : ""}`],
            ["Referred", formatDay(r.referredOn)],
            ["Reason", r.reason],
            ...(r.concerns ? [["Concerns", r.concerns] as [string, string]] : []),
            ["Consent requested", r.consentRequestedOn ? formatDay(r.consentRequestedOn) : "Not yet"],
            ["Parent consent", r.consentDate ? formatDay(r.consentDate) : "Not yet"],
            ...(r.status === "OUTCOME" ? [] : [["Evaluation clock", clockText(r.clock)] as [string, string]]),
            ["Eligibility meeting", r.eligibilityMeetingOn ? formatDay(r.eligibilityMeetingOn) : "Not scheduled"],
          ]}
        />

        <Text style={s.h2}>{readiness.ready ? "Readiness: every item met" : `Readiness: ${readiness.missing.length} of ${readiness.items.length} missing`}</Text>
        {readiness.items.map((item) => (
          <View key={item.key} style={s.fact} wrap={false}>
            <Text style={item.met ? s.met : s.missing}>{item.met ? "Met" : "Missing"}</Text>
            <Text style={s.value}>
              {item.label}. {item.detail}
            </Text>
          </View>
        ))}
        <Text style={{ marginTop: 4, fontFamily: "Helvetica-Bold" }}>
          {r.final ? `Final: marked by ${r.final.by} on ${formatMomentIn(new Date(r.final.at), timeZone)}.` : "Draft: not yet marked final."}
        </Text>
        {r.final?.note ? <Text>Reason given with items missing: {r.final.note}</Text> : null}

        <Text style={s.h2}>Student and guardians</Text>
        <Facts
          rows={[
            ["Name", st.name],
            ...(st.legalName ? [["Legal name", st.legalName] as [string, string]] : []),
            ["Date of birth", st.dateOfBirth ? formatDay(st.dateOfBirth) : "Not recorded"],
            ["Grade and school", `${GRADE_LABEL[st.grade]}, ${st.schoolName}`],
          ]}
        />
        <Text style={s.h4}>Guardian contacts</Text>
        {packet.guardians.length ? (
          <Table
            columns={["Name", "Relationship", "Phone", "Email", "Language"]}
            widths={[1.4, 1, 1.1, 2, 0.9]}
            rows={packet.guardians.map((g) => [g.name, g.relationship, g.phone ?? "-", g.email ?? "-", g.preferredLanguage ?? "-"])}
          />
        ) : (
          <Text style={s.note}>No guardian on the student&apos;s record.</Text>
        )}
        {packet.contacts ? (
          <>
            <Text style={s.h4}>Contacts with the family</Text>
            {packet.contacts.length ? (
              <Table
                columns={["Date", "How", "With", "Purpose and summary", "Follow-up"]}
                widths={[0.9, 1, 1.3, 3, 1.5]}
                rows={packet.contacts.map((c) => [
                  formatDay(c.contactedOn),
                  `${CONTACT_METHOD_PHRASE[c.method]}${c.interpreterUsed ? `, interpreter${c.interpreterLanguage ? ` (${c.interpreterLanguage})` : ""}` : ""}`,
                  `${c.guardian} (${c.relationship})`,
                  `${c.purpose}: ${c.summary}`,
                  c.followUp ?? "-",
                ])}
              />
            ) : (
              <Text style={s.note}>No contact with the family logged yet.</Text>
            )}
          </>
        ) : null}

        <Text style={s.h2}>Tier history</Text>
        {packet.tiers.length ? (
          <Table
            columns={["Effective", "Area", "Tier", "Reason", "Decided by"]}
            widths={[1.1, 0.9, 0.7, 3, 1.3]}
            rows={packet.tiers.map((t) => [formatDay(t.effectiveDate), AREA_LABEL[t.area], TIER_LABEL[t.tier], t.reason, t.decidedBy])}
          />
        ) : (
          <Text style={s.note}>No tier decision recorded.</Text>
        )}

        <Text style={s.h2}>Interventions ({packet.plans.length})</Text>
        {packet.plans.length ? packet.plans.map((p, i) => <PlanPdf key={p.id} plan={p} number={i + 1} />) : <Text style={s.note}>No intervention plan has started for this student.</Text>}

        <Text style={s.h2}>Accommodations</Text>
        {packet.accommodations.length ? (
          <Table
            columns={["Accommodation", "Source", "From", "To"]}
            widths={[3.5, 1, 1.1, 1.1]}
            rows={packet.accommodations.map((a) => [a.description, ACCOMMODATION_SOURCE_LABEL[a.source], formatDay(a.startDate), a.endDate ? formatDay(a.endDate) : "Current"])}
          />
        ) : (
          <Text style={s.note}>No accommodation recorded.</Text>
        )}

        <View style={s.footer} fixed>
          <Text>Referral packet · Local id {st.localId} · Confidential student record</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
