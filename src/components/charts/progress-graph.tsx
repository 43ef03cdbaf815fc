"use client";

import { CartesianGrid, ComposedChart, ReferenceDot, ReferenceLine, Scatter, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatValue, type Measure } from "@/domain/measures";
import type { GraphPoint, GraphXY, ProgressGraph as Graph } from "@/domain/progress/graph";

// Colours from the app's palette, each at least 4.5:1 on white.
const COLOR = {
  probe: "#1e40af", // blue-800
  aimline: "#0f172a", // slate-900
  trend: "#b45309", // amber-700
  phase: "#475569", // slate-600
  tier: "#7e22ce", // purple-700
  grid: "#e2e8f0", // slate-200
};

const MS_PER_DAY = 86_400_000;
const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", year: "numeric" });
const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });
const monthOf = (day: number) => MONTH.format(new Date(day * MS_PER_DAY));
// A phase line's label is cut short on the chart; the list under it has the whole text.
const short = (label: string) => (label.length > 40 ? `${label.slice(0, 39).trimEnd()}…` : label);

interface Props {
  graph: Graph;
  /** For the axis label and the scores in the tooltip (rounded to its decimals, as in the table). */
  measure: Measure;
  /** What the graph shows, in words, for screen readers (the data table under it lists every number). */
  summary: string;
}

const segment = ([a, b]: [GraphXY, GraphXY]) => [
  { x: a.day, y: a.value },
  { x: b.day, y: b.value },
] as const;

function ProbeTooltip({ active, payload, measure }: Partial<TooltipContentProps<number, string>> & { measure: Measure }) {
  const point = active ? (payload?.[0]?.payload as GraphPoint | undefined) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-md border border-slate-400 bg-white p-2 text-sm shadow">
      <p className="font-medium">{DAY.format(new Date(point.day * MS_PER_DAY))}</p>
      <p>
        {formatValue(measure, point.score)} {measure.unit}
        {point.valid ? "" : " (marked invalid, not counted)"}
      </p>
      <p className="text-slate-700">Given by {point.givenBy}</p>
    </div>
  );
}

/**
 * A goal's progress graph: probes by date (hollow when marked invalid), the
 * aimline, the trend and its projection, phase lines, tier changes and the
 * target. Every number comes from the server (progressGraph in
 * src/domain/progress); this component only draws them. The chart is one
 * image to assistive technology: its summary and the table below carry the data.
 */
export function ProgressGraph({ graph, measure, summary }: Props) {
  const valid = graph.points.filter((p) => p.valid);
  const invalid = graph.points.filter((p) => !p.valid);
  return (
    <div>
      <div role="img" aria-label={summary} className="rounded-md border border-slate-300 bg-white p-2">
        <ComposedChart responsive accessibilityLayer={false} style={{ width: "100%", height: 360 }} margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={COLOR.grid} />
          <XAxis dataKey="day" type="number" scale="time" domain={graph.xDomain} ticks={graph.xTicks} tickFormatter={monthOf} allowDataOverflow />
          <YAxis
            dataKey="score"
            type="number"
            domain={graph.yDomain}
            ticks={graph.yTicks}
            allowDataOverflow
            width={56}
            label={{ value: measure.unit, angle: -90, position: "insideLeft" }}
          />
          {graph.phaseLines.map((m, i) => (
            <ReferenceLine key={`phase-${i}-${m.day}`} x={m.day} stroke={COLOR.phase} strokeWidth={2} label={{ value: short(m.label), position: "insideTopLeft", fill: COLOR.phase, fontSize: 12 }} />
          ))}
          {graph.tierMarkers.map((m) => (
            <ReferenceLine
              key={`tier-${m.day}-${m.label}`}
              x={m.day}
              stroke={COLOR.tier}
              strokeDasharray="2 4"
              label={{ value: m.label, position: "insideBottomRight", fill: COLOR.tier, fontSize: 12 }}
            />
          ))}
          <ReferenceLine segment={segment(graph.aimline)} stroke={COLOR.aimline} strokeDasharray="8 4" strokeWidth={2} ifOverflow="hidden" />
          {graph.trend ? <ReferenceLine segment={segment(graph.trend)} stroke={COLOR.trend} strokeWidth={3} ifOverflow="hidden" /> : null}
          {graph.projection ? <ReferenceLine segment={segment(graph.projection)} stroke={COLOR.trend} strokeDasharray="3 3" strokeWidth={2} ifOverflow="hidden" /> : null}
          <ReferenceDot x={graph.target.day} y={graph.target.value} r={7} fill="#ffffff" stroke={COLOR.aimline} strokeWidth={3} label={{ value: "Target", position: "top", fill: COLOR.aimline }} />
          <Scatter name="Probes" data={valid} dataKey="score" fill={COLOR.probe} line={{ stroke: COLOR.probe, strokeWidth: 1 }} isAnimationActive={false} />
          {invalid.length ? <Scatter name="Invalid probes" data={invalid} dataKey="score" fill="#ffffff" stroke={COLOR.probe} strokeWidth={2} isAnimationActive={false} /> : null}
          <Tooltip cursor={false} content={<ProbeTooltip measure={measure} />} />
        </ComposedChart>
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-800" aria-label="Legend">
        <li>
          <Swatch color={COLOR.probe} kind="dot" /> Probe{invalid.length ? " (hollow: marked invalid, not counted)" : ""}
        </li>
        <li>
          <Swatch color={COLOR.aimline} kind="dash" /> Aimline (baseline to target)
        </li>
        {graph.trend ? (
          <li>
            <Swatch color={COLOR.trend} kind="line" /> Trend{graph.projection ? ", dotted to the target date" : ""}
          </li>
        ) : null}
        {graph.phaseLines.length ? (
          <li>
            <Swatch color={COLOR.phase} kind="line" /> Plan change or goal change
          </li>
        ) : null}
        {graph.tierMarkers.length ? (
          <li>
            <Swatch color={COLOR.tier} kind="dash" /> Tier decision
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function Swatch({ color, kind }: { color: string; kind: "dot" | "line" | "dash" }) {
  return (
    <svg width="22" height="10" aria-hidden="true" className="mr-1 inline-block align-middle">
      {kind === "dot" ? (
        <circle cx="11" cy="5" r="4" fill={color} />
      ) : (
        <line x1="0" y1="5" x2="22" y2="5" stroke={color} strokeWidth="3" strokeDasharray={kind === "dash" ? "5 3" : undefined} />
      )}
    </svg>
  );
}
