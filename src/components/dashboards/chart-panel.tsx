import type { ReactNode } from "react";

import type { FiguresAge } from "@/server/dashboards/run";

const TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "3 hours", "1 day": how old kept figures are, in whole units. */
function ageText(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return unit(minutes, "minute");
  if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), "hour");
  return unit(Math.floor(minutes / 1440), "day");
}

/**
 * How fresh the figures are. Live ones: "Live figures, read from the records
 * on 5 Dec 2026, 14:33 UTC". Kept ones (a district whose figures take long to
 * compute, decision 037): when they were computed, how long ago, and when
 * they are computed again (every night, and when read older than the stale
 * limit), so nobody takes a morning's figures for this minute's.
 */
export function Freshness({ age }: { age: FiguresAge }) {
  const at = <time dateTime={age.computedAt}>{TIME.format(new Date(age.computedAt))} UTC</time>;
  if (age.source === "live") return <p className="text-sm text-slate-700">Live figures, read from the records on {at}.</p>;
  return (
    <p className="text-sm text-slate-700">
      Figures as of {at} ({ageText(age.ageMinutes)} ago), kept because they take long to compute. They are computed again every night, and within minutes
      when read more than {ageText(age.staleMinutes)} after that; changes since then are not in them yet.
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
  age,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  chart?: ReactNode;
  table: ReactNode;
  csvHref: string;
  age: FiguresAge;
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
        <Freshness age={age} />
        <a href={csvHref} className="font-medium text-blue-800 underline print:hidden" download>
          Download this table as CSV<span className="sr-only">: {title}</span>
        </a>
      </div>
    </section>
  );
}
