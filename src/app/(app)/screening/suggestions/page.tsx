import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { ScreeningConfirmForm } from "@/components/screening/confirm-form";
import { ScreeningFilters } from "@/components/screening/filters";
import { FilterNotice } from "@/components/ui/filter-notice";
import { BackLink } from "@/components/ui/page";
import { RISK_WORDS, screeningReason } from "@/domain/screening";
import { getContext } from "@/server/auth/session";
import { getScreeningSuggestions, SCREENING_FILTERS, windowName } from "@/server/screening/queries";
import { SUGGESTIONS_PAGE_SIZE } from "@/server/screening/schemas";
import { z } from "zod";
import { pageKey, readQuery, type SearchParams } from "@/server/search-params";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Tier suggestions from screening" };

export default async function ScreeningSuggestionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  // ?all=1 ticks every suggestion of the page (the "Tick all" link); any other value is not understood.
  const { values, notUnderstood } = readQuery({ ...SCREENING_FILTERS, all: z.literal("1").optional(), page: pageKey }, await searchParams);
  const { page } = values;
  const allTicked = values.all === "1";
  const s = await getScreeningSuggestions(ctx, values);
  const { window, school } = s.filters;
  const pageCount = Math.max(1, Math.ceil(s.total / SUGGESTIONS_PAGE_SIZE));
  return (
    <>
      <BackLink href="/screening">Screening</BackLink>
      <h1 className="mb-2 text-2xl font-semibold">Tier suggestions from screening</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Students whose screening suggests a different tier than their current one in an area: high risk suggests Tier 3, some risk Tier 2, at or above benchmark
        Tier 1. Where an area has several measures, the most serious risk level speaks for it. Confirming records an ordinary tier decision, effective today.
      </p>
      <FilterNotice notUnderstood={notUnderstood} showing="the suggestions" />
      <ScreeningFilters action="/screening/suggestions" windows={s.filters.windows} window={window} schools={s.filters.schools} school={school} />
      {!window || !school ? (
        <p>There is nothing to show: the district has no screening windows, or you have no school.</p>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold">
            {school.name}: {windowName(window)}
          </h2>
          {s.status === "upcoming" ? <p className="mb-2">This window has not opened yet.</p> : s.status === "open" ? <p className="mb-2">This window is still open: more scores may come.</p> : null}
          {s.rows.length ? (
            <>
              <p className="mb-3 text-slate-700">{s.total} suggestions. Tick the decisions the team agrees with.</p>
              <p className="mb-3 flex flex-wrap gap-x-6">
                <Link className="text-blue-800 underline" href={`/screening/suggestions?${new URLSearchParams({ window: window.id, school: school.id, page: String(page), all: "1" })}`}>
                  Tick all on this page
                </Link>
                <Link className="text-blue-800 underline" href={`/screening/suggestions?${new URLSearchParams({ window: window.id, school: school.id, page: String(page) })}`}>
                  Untick all
                </Link>
              </p>
            </>
          ) : null}
          <ScreeningConfirmForm
            key={`${window.id}-${school.id}-${page}-${allTicked}`}
            allTicked={allTicked}
            windowId={window.id}
            items={s.rows.map((r) => ({
              value: `${r.studentId}:${r.area}`,
              name: r.name,
              localId: r.localId,
              grade: GRADE_LABEL[r.grade],
              area: AREA_LABEL[r.area],
              scores: r.scores.map((x) => `${x.measureName} ${x.score} (${x.level ? RISK_WORDS[x.level] : "no benchmark"})`).join("; "),
              current: `${TIER_LABEL[r.currentTier]}${r.currentSince ? ` since ${r.currentSince}` : " (no decision)"}`,
              suggested: TIER_LABEL[r.suggestedTier],
              reason: screeningReason(window.season, r.level),
            }))}
          />
          <Pagination
            label="Pages of suggestions"
            page={page}
            pageCount={pageCount}
            hrefFor={(n) => `/screening/suggestions?${new URLSearchParams({ window: window.id, school: school.id, page: String(n) })}`}
          />
        </>
      )}
    </>
  );
}
