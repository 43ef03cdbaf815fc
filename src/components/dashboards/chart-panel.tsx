import type { ReactNode } from "react";

const TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Live figures, read 5 Dec 2026, 14:33 UTC": the dashboards read the records themselves, so this is how fresh they are. */
export function Freshness({ computedAt }: { computedAt: string }) {
  return (
    <p className="text-sm text-slate-700">
      Live figures, read from the records on <time dateTime={computedAt}>{TIME.format(new Date(computedAt))} UTC</time>.
    </p>
  );
}

/**
 * One chart of a dashboard: its heading, the chart and its data table side by
 * side on a wide screen (stacked on a phone), a CSV download of that table,
 * and how fresh the figures are. Kept whole on a printed page; the download
 * link is not printed.
 */
export function ChartPanel({
  id,
  title,
  intro,
  chart,
  table,
  csvHref,
  computedAt,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  chart?: ReactNode;
  table: ReactNode;
  csvHref: string;
  computedAt: string;
}) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded-lg border border-slate-300 bg-white p-4 break-inside-avoid">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {intro ? <div className="mb-3 max-w-3xl text-slate-700">{intro}</div> : null}
      <div className={chart ? "grid gap-4 lg:grid-cols-2" : ""}>
        {chart ? <div>{chart}</div> : null}
        <div className="min-w-0">{table}</div>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <Freshness computedAt={computedAt} />
        <a href={csvHref} className="font-medium text-blue-800 underline print:hidden" download>
          Download this table as CSV<span className="sr-only">: {title}</span>
        </a>
      </div>
    </section>
  );
}
