"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

/** One group of bars: its label and each series' value (null: no figure, no bar). */
export type BarGroup = { label: string } & Record<string, number | string | null>;

/**
 * Values side by side per group (an intervention's share of goals on track
 * when delivered as planned and when not; a month's planned and delivered
 * minutes; this year against last year per month), or stacked (deadlines per
 * school by how soon they fall due), for the outcome dashboards. One image to
 * assistive technology: `summary` says what it shows, and the table beside it
 * gives every number. Colours pass 3:1 against white and differ in
 * lightness, so it reads in greyscale print too.
 */
export function GroupedBarChart({
  groups,
  series,
  summary,
  stacked = false,
  layout = "columns",
  percent = false,
  unit = "",
  digits = 0,
}: {
  groups: readonly BarGroup[];
  series: readonly BarSeries[];
  summary: string;
  stacked?: boolean;
  /** "rows": horizontal bars, for long group labels (school and intervention names). */
  layout?: "columns" | "rows";
  /** Values are percentages: the value axis runs 0 to 100%. */
  percent?: boolean;
  unit?: string;
  /** Decimals in the tooltip and axis. */
  digits?: number;
}) {
  const rows = layout === "rows";
  const height = rows ? 56 + groups.length * (14 + 16 * (stacked ? 1 : series.length)) : 260;
  const format = (v: unknown) =>
    typeof v !== "number" ? String(v ?? "—") : percent ? `${Math.round(v)}%` : `${v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
  const valueAxis = {
    type: "number" as const,
    allowDecimals: digits > 0,
    tickFormatter: format,
    ...(percent ? { domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] } : {}),
  };
  return (
    <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2 break-inside-avoid">
      <BarChart responsive accessibilityLayer={false} layout={rows ? "vertical" : "horizontal"} data={[...groups]} style={{ width: "100%", height }} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={!rows} vertical={rows} />
        {rows ? (
          <>
            <XAxis {...valueAxis} />
            <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis {...valueAxis} width={44} />
          </>
        )}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />
        ))}
        <Legend />
        <Tooltip formatter={format} cursor={{ fill: "#f1f5f9" }} />
      </BarChart>
    </div>
  );
}
