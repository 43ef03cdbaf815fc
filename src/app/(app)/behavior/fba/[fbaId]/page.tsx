import type { Metadata } from "next";
import Link from "next/link";
import { FbaForm } from "@/components/behavior/fba-forms";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { FUNCTION_LABEL, type Tally } from "@/domain/behavior";
import { getContext } from "@/server/auth/session";
import { getFbaPage } from "@/server/behavior/fba-queries";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "FBA" };

function Counts({ title, rows }: { title: string; rows: readonly Tally[] }) {
  return (
    <div>
      <h3 className="mb-1 font-semibold">{title}</h3>
      {rows.length ? (
        <DataTable className="text-sm" caption={title} columns={["", { label: "Records", numeric: true }, { label: "Share", numeric: true }]}>
          {rows.map((t) => (
            <Tr key={t.key}>
              <Td>{t.label}</Td>
              <Td className="text-right">{t.count}</Td>
              <Td className="text-right">{t.percent}%</Td>
            </Tr>
          ))}
        </DataTable>
      ) : (
        <p className="text-sm text-slate-700">None linked yet.</p>
      )}
    </div>
  );
}

export default async function FbaPage({ params, searchParams }: { params: Promise<{ fbaId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const fba = await getFbaPage(ctx, (await params).fbaId);
  const justCompleted = (await searchParams).completed === "1" && Boolean(fba.completedOn);
  const s = fba.summary;
  return (
    <>
      <BackLink href={recordHref(fba.student.id, "behavior")}>Back to the student</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">FBA: {fba.student.name}</h1>
      <p className="mb-4 text-slate-700">{fba.completedOn ? `Completed ${formatDay(fba.completedOn)}.` : "In progress."}</p>
      {justCompleted ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          FBA completed. You can now write a BIP from it.
        </p>
      ) : null}
      <Section id="fba-summary" title="What the linked data say">
        <p className="mb-3">
          {s.records} ABC {s.records === 1 ? "record" : "records"} ({s.minutesObserved} minutes of behaviour{s.medianIntensity !== null ? `, median intensity ${s.medianIntensity} of 5` : ""}) and{" "}
          {fba.incidents.filter((i) => i.linked).length} incidents linked.
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <Counts title="Antecedents" rows={s.antecedents} />
          <Counts title="Consequences" rows={s.consequences} />
          <Counts title="Settings" rows={s.settings} />
          <Counts title="Perceived motivation (incidents)" rows={s.incidentMotivations} />
        </div>
      </Section>
      {fba.may.write ? (
        <Section id="fba-edit" title="Assessment">
          <FbaForm fba={fba} />
        </Section>
      ) : (
        <Section id="fba-facts" title="Assessment">
          <dl>
            <Fact term="Target behaviour">{fba.targetBehavior}</Fact>
            <Fact term="Settings">{fba.settings ?? "—"}</Fact>
            <Fact term="Interviews and rating scales">{fba.otherSources ?? "—"}</Fact>
            <Fact term="Function">{fba.function ? FUNCTION_LABEL[fba.function] : "—"}</Fact>
            <Fact term="Hypothesis">{fba.hypothesis ?? "—"}</Fact>
            <Fact term="Team">{fba.team ?? "—"}</Fact>
            <Fact term="Guardian">
              {fba.guardianParticipated ? "Took part" : "Did not take part"}
              {fba.guardianConsentOn ? `; consent ${formatDay(fba.guardianConsentOn)}` : ""}
            </Fact>
          </dl>
        </Section>
      )}
      <Section id="fba-bips" title="BIPs from this FBA">
        {fba.bips.length ? (
          <ul className="mb-3">
            {fba.bips.map((b) => (
              <li key={b.id}>
                Version {b.version}, {formatDay(b.createdAt)}
                {b.active ? " (active)" : " (superseded)"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-slate-700">No BIP yet.</p>
        )}
        {fba.may.writeBip ? (
          <Link href={`/behavior/bip/new?fba=${fba.id}`} className="font-medium text-blue-800 underline">
            Write a BIP from this FBA
          </Link>
        ) : !fba.completedOn ? (
          <p className="text-slate-700">A BIP is written once the FBA is complete.</p>
        ) : null}
      </Section>
    </>
  );
}
