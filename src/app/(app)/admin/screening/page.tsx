import type { Metadata } from "next";
import Link from "next/link";
import { ScreeningMeasuresForm } from "@/components/screening/measures-form";
import { ScreeningWindowsForm } from "@/components/screening/windows-form";
import { FilterNotice } from "@/components/ui/filter-notice";
import { Section } from "@/components/ui/section";
import { schoolYearLabel } from "@/domain/screening";
import { getContext } from "@/server/auth/session";
import { getScreeningSettings } from "@/server/screening/queries";
import type { SearchParams } from "@/server/search-params";
import { AREA_OPTIONS } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Screening windows" };

export default async function ScreeningSettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  const s = await getScreeningSettings(ctx, await searchParams);
  const windows = Object.fromEntries(s.windows.map((w) => [w.season, { startDate: w.startDate, endDate: w.endDate, scores: s.scoreCounts.get(w.id) ?? 0 }]));
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Screening windows</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        The weeks each school year in which {ctx.districtName} screens every student, and the measures it screens with. The cut scores of each measure (benchmark
        and risk cut per grade and season) are on the <Link className="text-blue-800 underline" href="/admin/benchmarks">Benchmarks</Link> page.
      </p>
      <FilterNotice notUnderstood={s.notUnderstood} showing="this school year" />
      <nav aria-label="School years" className="mb-4 flex flex-wrap gap-6">
        <Link className="text-blue-800 underline" href={`/admin/screening?year=${s.year - 1}`}>
          {schoolYearLabel(s.year - 1)}
        </Link>
        {s.year !== s.thisYear ? (
          <Link className="text-blue-800 underline" href={`/admin/screening?year=${s.thisYear}`}>
            This school year
          </Link>
        ) : null}
        <Link className="text-blue-800 underline" href={`/admin/screening?year=${s.year + 1}`}>
          {schoolYearLabel(s.year + 1)}
        </Link>
      </nav>
      <Section id="windows-heading" title={`Windows of ${schoolYearLabel(s.year)}`}>
        <ScreeningWindowsForm key={s.year} schoolYear={s.year} windows={windows} />
      </Section>
      <Section id="measures-heading" title="Screening measures">
        <p className="mb-3 text-sm text-slate-700">A measure with an area is a universal screener: its scores are entered each window, and its risk level suggests the student&apos;s tier in that area.</p>
        <ScreeningMeasuresForm measures={s.measures.map((m) => ({ id: m.id, name: m.name, area: m.screeningArea }))} areas={AREA_OPTIONS} />
      </Section>
    </>
  );
}
