import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { HistoryFeed } from "@/components/students/record/history-feed";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/field";
import { BackLink } from "@/components/ui/page";
import { HISTORY_KIND_LABEL, HISTORY_KINDS } from "@/domain/history";
import { getContext } from "@/server/auth/session";
import { getStudentHistory } from "@/server/history/queries";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Student history" };

/** A student's whole history, newest first, with filters by kind and date and pages of 25. */
export default async function StudentHistoryPage({ params, searchParams }: { params: Promise<{ studentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const history = await getStudentHistory(ctx, (await params).studentId, await searchParams);
  const base = `/students/${history.student.id}/history`;
  const query = history.ok ? history.query : null;
  const hrefFor = (page: number) => {
    const q = new URLSearchParams();
    for (const k of query?.kind ?? []) q.append("kind", k);
    if (query?.from) q.set("from", query.from);
    if (query?.to) q.set("to", query.to);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      <BackLink href={`/students/${history.student.id}`}>Back to the profile</BackLink>
      <h1 className="mb-4 text-2xl font-semibold">History: {history.student.name}</h1>

      <form method="get" action={base} className="mb-6 rounded-lg border border-slate-300 bg-white p-4" aria-label="Filter the history">
        <fieldset className="mb-3">
          <legend className="mb-1 font-medium">Kinds (none ticked: all)</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {HISTORY_KINDS.map((k) => (
              <label key={k} className="inline-flex min-h-11 items-center gap-2">
                <input type="checkbox" name="kind" value={k} defaultChecked={query?.kind.includes(k)} className="h-5 w-5" />
                {HISTORY_KIND_LABEL[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <TextField label="From" name="from" type="date" defaultValue={query?.from ?? ""} />
          <TextField label="To" name="to" type="date" defaultValue={query?.to ?? ""} />
          <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
            Show
          </button>
          <Link href={base} className="mb-4 text-blue-800 underline">
            Clear the filters
          </Link>
        </div>
      </form>

      {!history.ok ? (
        <div role="alert" className="rounded-md border border-red-800 bg-red-50 p-3 text-red-900">
          <p className="font-medium">These filters cannot be used:</p>
          <ul className="list-disc pl-6">
            {history.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <p className="mt-2">
            <Link href={base} className="text-blue-800 underline">
              Show the whole history
            </Link>
          </p>
        </div>
      ) : history.page.pastEnd ? (
        <div className="rounded-md border border-slate-400 bg-white p-3">
          <p>
            Page {history.page.page} is past the end: the history {history.page.total ? `has ${history.page.pageCount} ${history.page.pageCount === 1 ? "page" : "pages"}` : "has no entries with these filters"}.
          </p>
          <p className="mt-2">
            <Link href={hrefFor(history.page.pageCount)} className="text-blue-800 underline">
              Go to {history.page.pageCount === 1 ? "the first page" : `the last page (${history.page.pageCount})`}
            </Link>
          </p>
        </div>
      ) : history.page.entries.length ? (
        <>
          <p className="mb-3 text-slate-700">
            {history.page.total} {history.page.total === 1 ? "entry" : "entries"}, newest first. Probes and sessions are summarised by week.
          </p>
          <HistoryFeed entries={history.page.entries} label="History, newest first" timeZone={ctx.timeZone} />
          <Pagination label="Pages of the history" page={history.page.page} pageCount={history.page.pageCount} hrefFor={hrefFor} />
        </>
      ) : (
        <p className="text-slate-700">Nothing in the history with these filters.</p>
      )}
    </>
  );
}
