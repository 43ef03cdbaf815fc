import type { Metadata } from "next";
import Link from "next/link";
import { RetireForm } from "@/components/interventions/retire-form";
import { formatMomentDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { getContext } from "@/server/auth/session";
import { getInterventionDetail } from "@/server/interventions/queries";
import { EVIDENCE_LABEL, EVIDENCE_MEANING, gradeRangePhrase, groupSizeRange, tiersPhrase } from "@/server/interventions/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Intervention" };

const orNone = (n: number | null) => (n === null ? "Not specified" : String(n));

export default async function InterventionPage({ params }: { params: Promise<{ interventionId: string }> }) {
  const ctx = await getContext();
  const { intervention: i, mayManage } = await getInterventionDetail(ctx, (await params).interventionId);
  return (
    <>
      <BackLink href="/interventions">All interventions</BackLink>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{i.name}</h1>
          <p className="text-slate-700">
            {AREA_LABEL[i.area]} · {tiersPhrase(i.tiers)} · Evidence: {EVIDENCE_LABEL[i.evidenceLevel]}
          </p>
        </div>
        {mayManage ? (
          <Link href={`/interventions/${i.id}/edit`} className={buttonClass()}>
            Edit intervention
          </Link>
        ) : null}
      </div>
      {i.retiredAt ? (
        <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">
          <strong>Retired</strong> on {formatMomentDay(i.retiredAt, ctx.timeZone)}: plans that use it keep it; new plans cannot choose it.
        </p>
      ) : null}

      <div className="grid gap-x-6 lg:grid-cols-2">
        <Section id="about" title="About">
          <dl>
            <Fact term="Description">{i.description ? <span className="whitespace-pre-line">{i.description}</span> : "None given"}</Fact>
            <Fact term="At home (for families)">{i.atHome ? <span className="whitespace-pre-line">{i.atHome}</span> : "None given"}</Fact>
            <Fact term="At home, in Spanish">
              {i.atHomeEs ? (
                <span lang="es" className="whitespace-pre-line">
                  {i.atHomeEs}
                </span>
              ) : (
                "No translation yet"
              )}
            </Fact>
            <Fact term="Area">{AREA_LABEL[i.area]}</Fact>
            <Fact term="Tiers it suits">{tiersPhrase(i.tiers)}</Fact>
            <Fact term="Evidence level (ESSA)">
              <span className="font-medium">{EVIDENCE_LABEL[i.evidenceLevel]}</span>
              <span className="block text-sm text-slate-700">{EVIDENCE_MEANING[i.evidenceLevel]}</span>
            </Fact>
            <Fact term="Source">
              {i.sourceUrl ? (
                <a href={i.sourceUrl} className="break-all text-blue-800 underline" rel="noopener noreferrer">
                  {i.sourceUrl}
                </a>
              ) : (
                "None given"
              )}
            </Fact>
            <Fact term="Plans using it">{i.planCount === 0 ? "None" : i.planCount === 1 ? "1 plan" : `${i.planCount} plans`}</Fact>
          </dl>
        </Section>

        <div>
          <Section id="dosage" title="Recommended dosage">
            <dl>
              <Fact term="Minutes per session">{orNone(i.minutesPerSession)}</Fact>
              <Fact term="Sessions per week">{orNone(i.sessionsPerWeek)}</Fact>
              <Fact term="Weeks">{orNone(i.weeks)}</Fact>
              <Fact term="Group size">{groupSizeRange(i) ?? "Not specified"}</Fact>
              <Fact term="Grades">{gradeRangePhrase(i) ?? "Not specified"}</Fact>
            </dl>
          </Section>

          <Section id="components" title="Components every session includes">
            {i.components.length ? (
              <ol className="list-decimal space-y-1 pl-6">
                {i.components.map((c) => (
                  <li key={c.id}>{c.label}</li>
                ))}
              </ol>
            ) : (
              <p>No components listed, so sessions have no fidelity checklist.</p>
            )}
          </Section>

          <Section id="measures" title="Measures that fit it">
            {i.measures.length ? (
              <ul className="list-disc space-y-1 pl-6">
                {i.measures.map((m) => (
                  <li key={m.id}>
                    {m.name} ({m.unit})
                  </li>
                ))}
              </ul>
            ) : (
              <p>None chosen.</p>
            )}
          </Section>
        </div>
      </div>

      {mayManage ? (
        <Section id="retire" title={i.retiredAt ? "Restore" : "Retire"}>
          <RetireForm interventionId={i.id} retired={Boolean(i.retiredAt)} />
        </Section>
      ) : null}
    </>
  );
}
