"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekCount } from "@/domain/behavior";

const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const dayOf = (iso: string) => DAY.format(new Date(`${iso}T00:00:00Z`));

/**
 * The bars of IncidentsPerWeekChart, loaded in the browser only (that
 * component says why). A box of CHART_HEIGHT, like its placeholder.
 */
export function IncidentsPerWeekBars({ weeks }: { weeks: readonly WeekCount[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  return (
    <BarChart responsive accessibilityLayer={false} data={[...weeks]} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="week" tickFormatter={dayOf} minTickGap={24} />
      <YAxis allowDecimals={false} domain={[0, max]} width={32} />
      <Bar dataKey="count" name="Incidents" fill="#1e40af" isAnimationActive={false} />
      <Tooltip cursor={{ fill: "#f1f5f9" }} labelFormatter={(w) => `Week of ${dayOf(String(w))}`} />
    </BarChart>
  );
}
