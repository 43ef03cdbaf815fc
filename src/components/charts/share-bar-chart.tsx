"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface ShareSeries {
  key: string;
  label: string;
  color: string;
}

/** One bar: its label and each series' share in percent (0..100). */
export type ShareBar = { label: string } & Record<string, number | string | null>;

/**
 * Shares as stacked horizontal bars that sum to 100% (tiers, risk levels),
 * for the outcome dashboards. One image to assistive technology: `summary`
 * says what it shows, and the table beside it gives every number. Colours
 * pass 3:1 against white and adjacent segments differ in lightness, so the
 * chart reads in greyscale print too.
 */
export function ShareBarChart({ bars, series, summary }: { bars: readonly ShareBar[]; series: readonly ShareSeries[]; summary: string }) {
  const height = 48 + bars.length * 36;
  return (
    <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2 break-inside-avoid">
      <BarChart responsive accessibilityLayer={false} layout="vertical" data={[...bars]} style={{ width: "100%", height }} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v) => `${v}%`} />
        <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="share" fill={s.color} isAnimationActive={false} />
        ))}
        <Legend />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} cursor={{ fill: "#f1f5f9" }} />
      </BarChart>
    </div>
  );
}
