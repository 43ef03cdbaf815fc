import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField, TextField } from "@/components/ui/field";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getInterventionList } from "@/server/interventions/queries";
import { dosagePhrase, EVIDENCE_LABEL, EVIDENCE_OPTIONS, tiersPhrase, type TInterventionListQuery } from "@/server/interventions/schemas";
import { AREA_LABEL, AREA_OPTIONS, TIER_OPTIONS } from "@/server/tiers/schemas";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Interventions" };

/** The list's URL with these filters and page (only choices from the lists and a search of names: no student data). */
function listHref(query: TInterventionListQuery, page: number) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of ["area", "tier", "evidence"] as const) if (query[key]) params.set(key, query[key]);
  if (query.retired) params.set("retired", "on");
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/interventions?${search}` : "/interventions";
}

export default async function InterventionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { query, notUnderstood, rows, total, page, pageCount, mayManage } = await getInterventionList(ctx, await searchParams);
  const filtered = listHref(query, 1) !== "/interventions";
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Interventions</h1>
        {mayManage ? (
          <Link href="/interventions/new" className={buttonClass()}>
            Add an intervention
          </Link>
        ) : null}
      </div>
      <p className="mb-4 text-slate-700">The district&apos;s library: what plans can use, with the evidence behind each and its recommended dosage.</p>
      <FilterNotice notUnderstood={notUnderstood} showing="all interventions" />

      <section aria-labelledby="filters" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="filters" className="mb-3 text-lg font-semibold">
          Filters
        </h2>
        <form method="get" action="/interventions" noValidate>
          <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
            <TextField label="Name contains" name="q" maxLength={100} defaultValue={query.q} />
            <SelectField label="Area" name="area" options={AREA_OPTIONS} placeholder="Any area" defaultValue={query.area} />
            <SelectField label="Tier" name="tier" options={TIER_OPTIONS} placeholder="Any tier" defaultValue={query.tier} />
            <SelectField label="Evidence level" name="evidence" options={EVIDENCE_OPTIONS} placeholder="Any level" defaultValue={query.evidence} />
          </div>
          <label className="mb-4 flex items-center gap-2 text-slate-900">
            <input type="checkbox" name="retired" defaultChecked={query.retired} className="h-4 w-4" />
            Show retired interventions
          </label>
          <div className="flex items-center gap-4">
            <button type="submit" className={buttonClass()}>
              Show interventions
            </button>
            {filtered ? (
              <Link href="/interventions" className="text-blue-800 underline">
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </section>

      <section aria-labelledby="results">
        <h2 id="results" className="mb-2 text-lg font-semibold">
          {total === 1 ? "1 intervention" : `${total} interventions`}
        </h2>
        {rows.length === 0 ? (
          <p>{filtered ? "No intervention matches these filters." : "The library is empty."}</p>
        ) : (
          <DataTable caption="Interventions of the district's library" columns={["Name", "Area", "Tiers", "Evidence", "Recommended dosage"]}>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td>
                  <Link href={`/interventions/${r.id}`} className="text-blue-800 underline">
                    {r.name}
                  </Link>
                  {r.retiredAt ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-sm text-slate-900">Retired</span> : null}
                </Td>
                <Td>{AREA_LABEL[r.area]}</Td>
                <Td className="whitespace-nowrap">{tiersPhrase(r.tiers)}</Td>
                <Td>{EVIDENCE_LABEL[r.evidenceLevel]}</Td>
                <Td>{dosagePhrase(r) ?? "—"}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
        <Pagination label="Pages of interventions" page={page} pageCount={pageCount} hrefFor={(p) => listHref(query, p)} />
      </section>
    </>
  );
}
