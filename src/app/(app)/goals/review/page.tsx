import type { Metadata } from "next";
import { Pagination } from "@/components/caseloads/pagination";
import { ReviewTable } from "@/components/progress/review-table";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { getContext } from "@/server/auth/session";
import { getNeedsReview } from "@/server/progress/review";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Goals that need review" };

export default async function NeedsReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { list, notUnderstood, schools, school } = await getNeedsReview(ctx, await searchParams);
  const where = list.kind === "caseload" ? "your caseload" : (schools.find((s) => s.id === school)?.name ?? (ctx.schoolIds.length ? "your schools" : "all schools"));
  const pageHref = (page: number) => `/goals/review?${new URLSearchParams({ ...(school ? { school } : {}), page: String(page) })}`;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Goals that need review</h1>
      <FilterNotice notUnderstood={notUnderstood} showing="the goals" />
      <p className="mb-4 max-w-3xl text-slate-700">
        Goals of active plans in {where} where a decision rule calls for a change (change instruction, raise the goal, or the goal is met), or where no
        valid probe came in the expected interval (weekly at Tier 3, every two weeks at Tier 2). Open a goal to see its graph and the full recommendation.
      </p>
      {schools.length ? (
        <form method="get" action="/goals/review" className="mb-4 flex flex-wrap items-end gap-3">
          <SelectField
            label="School"
            name="school"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
            placeholder={ctx.schoolIds.length ? "All your schools" : "All schools"}
            defaultValue={school}
          />
          <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
            Show
          </button>
        </form>
      ) : null}
      <p className="mb-2" role="status">
        {list.total === 0
          ? `No goal in ${where} needs review.`
          : `${list.total} ${list.total === 1 ? "goal needs" : "goals need"} review: ${list.byRule} by a decision rule, ${list.overdue} with a probe overdue. Page ${list.page} of ${list.pageCount}.`}
      </p>
      {list.rows.length ? <ReviewTable rows={list.rows} caption={`Goals in ${where} that need review`} /> : null}
      <Pagination label="Pages of goals that need review" page={list.page} pageCount={list.pageCount} hrefFor={pageHref} />
    </>
  );
}
