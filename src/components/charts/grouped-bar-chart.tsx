"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

/** One group of bars: its label and each series' value (null: nothing to show, no bar). */
export type BarGroup = { label: string } & Record<string, number | string | null>;

/**
 * Side-by-side horizontal bars per group (an intervention's share of goals on
 * track when delivered as planned and when not; a month's planned and
 * delivered minutes), for the effectiveness and delivery dashboards. One
 * image to assistive technology: `summary` says what it shows, and the table
 * beside it gives every number. The two colours pass 3:1 against white and
 * differ in lightness, so the bars read in greyscale print too.
 */
export function GroupedBarChart({
  groups,
  series,
  summary,
  percent = false,
  unit = "",
}: {
  groups: readonly BarGroup[];
  series: readonly BarSeries[];
  summary: string;
  /** Values are percentages: the axis runs 0 to 100%. */
  percent?: boolean;
  unit?: string;
}) {
  const height = 56 + groups.length * (14 + 16 * series.length);
  const format = (v: unknown) => (percent ? `${Math.round(Number(v))}%` : `${Number(v).toLocaleString("en-US")}${unit}`);
  return (
    <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2 break-inside-avoid">
      <BarChart responsive accessibilityLayer={false} layout="vertical" data={[...groups]} style={{ width: "100%", height }} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" domain={percent ? [0, 100] : [0, "auto"]} ticks={percent ? [0, 20, 40, 60, 80, 100] : undefined} tickFormatter={format} />
        <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
        <Legend />
        <Tooltip formatter={(v) => format(v)} cursor={{ fill: "#f1f5f9" }} />
      </BarChart>
    </div>
  );
}
