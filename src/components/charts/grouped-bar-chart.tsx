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
 * Values side by side per group (this year against last year per month), or
 * stacked (deadlines per school by how soon they fall due), for the
 * behaviour and compliance dashboards. One image to assistive technology:
 * `summary` says what it shows, and the table beside it gives every number.
 * Colours pass 3:1 against white and differ in lightness, so it reads in
 * greyscale print too.
 */
export function GroupedBarChart({
  groups,
  series,
  summary,
  stacked = false,
  layout = "columns",
  digits = 0,
}: {
  groups: readonly BarGroup[];
  series: readonly BarSeries[];
  summary: string;
  stacked?: boolean;
  /** "rows": horizontal bars, for long group labels (school names). */
  layout?: "columns" | "rows";
  /** Decimals in the tooltip and axis. */
  digits?: number;
}) {
  const rows = layout === "rows";
  const height = rows ? 48 + groups.length * 36 : 260;
  const format = (v: unknown) => (typeof v === "number" ? v.toFixed(digits) : String(v ?? "—"));
  return (
    <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2 break-inside-avoid">
      <BarChart responsive accessibilityLayer={false} layout={rows ? "vertical" : "horizontal"} data={[...groups]} style={{ width: "100%", height }} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={!rows} vertical={rows} />
        {rows ? (
          <>
            <XAxis type="number" allowDecimals={digits > 0} tickFormatter={format} />
            <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={digits > 0} tickFormatter={format} width={44} />
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
