"use client";

import dynamic from "next/dynamic";
import type { WeekCount } from "@/domain/behavior";

// Recharts draws nothing on the server: a `responsive` chart needs its box's
// measured width, so its server HTML was an empty 220 px wrapper, which still
// cost the render (about 1 ms of CPU a view in-process, measured for decision
// 050's amendment) on every student record's behaviour view and the school's
// overview. The bars now load and draw in the browser only, into a
// placeholder of the same height: the same HTML a reader gets before
// JavaScript, less server work, and Recharts off the page's first bundle.
const Bars = dynamic(() => import("./incidents-per-week-bars").then((m) => m.IncidentsPerWeekBars), {
  ssr: false,
  loading: () => <div style={{ height: 220 }} />,
});

/**
 * Incidents per week as bars. One image to assistive technology: `summary`
 * says what it shows (also on the server and before the bars load), and the
 * table beside it (IncidentsPerWeek) lists every week's count.
 */
export function IncidentsPerWeekChart({ weeks, summary }: { weeks: readonly WeekCount[]; summary: string }) {
  return (
    <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2">
      <Bars weeks={weeks} />
    </div>
  );
}
