/**
 * What a goal's progress graph draws (issue 6: "Charts render from the server
 * data without client-side recomputation of the statistics"): every point,
 * line end, marker and axis range as plain numbers, so the chart component
 * only places them and the table under it lists the same values.
 *
 * x is a day number (days since 1970-01-01, dayNumber in goals.ts), so the
 * chart spaces probes by date, as the aimline and the trend are defined.
 */

import { formatDayMonth, formatRate, requireDay, toIsoDay, type DateInput } from "../goals";
import { formatNumber, formatValue, nameInSentence, rateDecimalsOf, type Measure } from "../measures";
import { aimlineValueAt, type Aimline } from "./aimline";
import { trendValueAt, type TrendLine } from "./trend";

export interface GraphProbeInput {
  id: string;
  date: DateInput;
  score: number;
  /** Who gave the probe. */
  givenBy: string;
  /** False for a probe marked invalid: drawn hollow, never in a statistic. */
  valid: boolean;
}

/** A dated label on the graph: a phase line or a tier change. */
export interface GraphMarkInput {
  date: DateInput;
  label: string;
}

export interface ProgressGraphInput {
  measure: Measure;
  aimline: Aimline;
  /** Valid and invalid probes of the goal, any order (same-day probes keep their order). */
  probes: readonly GraphProbeInput[];
  /** The trend rule's fitted line and the first and last dates of the points it was fitted to. */
  trend?: { line: TrendLine; from: DateInput; to: DateInput };
  /** Plan changes (phases after the first); those outside the graph's dates are left out. */
  phaseLines?: readonly GraphMarkInput[];
  /** Tier decisions in the plan's area; those outside the graph's dates are left out. */
  tierMarkers?: readonly GraphMarkInput[];
}

/** A point on the graph: x as a day number and as "yyyy-mm-dd". */
export interface GraphXY {
  day: number;
  date: string;
  value: number;
}

export interface GraphPoint {
  id: string;
  day: number;
  date: string;
  score: number;
  givenBy: string;
  valid: boolean;
  /** The aimline's value on the probe's date. */
  aimline: number;
}

export interface GraphMark {
  day: number;
  date: string;
  label: string;
}

export interface ProgressGraph {
  /** First and last day shown: the baseline (or an earlier probe) to the target date (or a later probe). */
  xDomain: [number, number];
  /** The first day of each month in the range (every third month past 18 months), for the axis. */
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
  /** In date order. */
  points: GraphPoint[];
  aimline: [GraphXY, GraphXY];
  /** The trend over the dates of the points it was fitted to. */
  trend?: [GraphXY, GraphXY];
  /** The trend extended from its last point to the target date (absent when that date is not later). */
  projection?: [GraphXY, GraphXY];
  target: GraphXY;
  phaseLines: GraphMark[];
  tierMarkers: GraphMark[];
}

/** The aimline's value on a probe's date as the table and the CSV show it (the measure's rate decimals). */
export const aimlineText = (measure: Measure, value: number) => formatNumber(value, rateDecimalsOf(measure));

const MS_PER_DAY = 86_400_000;

const xy = (date: DateInput, value: number): GraphXY => ({ day: requireDay(date, "A graph date"), date: toIsoDay(date), value });

/** A round step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * The score axis: from the lowest to the highest value drawn, widened to round
 * steps and held within the measure's scale (no axis below 0 words).
 */
function scoreAxis(measure: Measure, values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const step = niceStep(hi - lo, 5);
  lo = Math.max(measure.min ?? -Infinity, Math.floor(lo / step) * step);
  hi = Math.min(measure.max ?? Infinity, Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.1 steps read 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let t = lo; t <= hi + step / 1e6; t += step) ticks.push(Number(t.toFixed(decimals)));
  return { domain: [lo, hi], ticks };
}

function monthTicks(from: number, to: number): number[] {
  const start = new Date(from * MS_PER_DAY);
  const end = new Date(to * MS_PER_DAY);
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  // January, April, July, October past a year and a half, so the labels do not crowd.
  const every = months > 18 ? 3 : 1;
  const ticks: number[] = [];
  for (let m = 0; m <= months; m++) {
    const first = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
    const day = first.getTime() / MS_PER_DAY;
    if (day >= from && first.getUTCMonth() % every === 0) ticks.push(day);
  }
  return ticks;
}

export function progressGraph({ measure, aimline, probes, trend, phaseLines = [], tierMarkers = [] }: ProgressGraphInput): ProgressGraph {
  const points = probes
    .map((p): GraphPoint => ({
      id: p.id,
      day: requireDay(p.date, "A probe's date"),
      date: toIsoDay(p.date),
      score: p.score,
      givenBy: p.givenBy,
      valid: p.valid,
      aimline: aimlineValueAt(aimline, p.date),
    }))
    .sort((a, b) => a.day - b.day);
  const start = xy(aimline.baselineDate, aimline.baseline);
  const target = xy(aimline.targetDate, aimline.target);
  const from = Math.min(start.day, points[0]?.day ?? start.day);
  const to = Math.max(target.day, points.at(-1)?.day ?? target.day);

  let trendLine: ProgressGraph["trend"];
  let projection: ProgressGraph["projection"];
  if (trend) {
    const end = xy(trend.to, trendValueAt(trend.line, trend.to));
    trendLine = [xy(trend.from, trendValueAt(trend.line, trend.from)), end];
    if (target.day > end.day) projection = [end, xy(aimline.targetDate, trendValueAt(trend.line, aimline.targetDate))];
  }

  const inRange = (marks: readonly GraphMarkInput[]) =>
    marks
      .map((m): GraphMark => ({ day: requireDay(m.date, "A marker's date"), date: toIsoDay(m.date), label: m.label }))
      .filter((m) => m.day >= from && m.day <= to)
      .sort((a, b) => a.day - b.day);

  const drawn = [
    ...points.map((p) => p.score),
    start.value,
    target.value,
    ...(trendLine ?? []).map((p) => p.value),
    ...(projection ?? []).map((p) => p.value),
  ];
  const y = scoreAxis(measure, drawn);
  return {
    xDomain: [from, to],
    xTicks: monthTicks(from, to),
    yDomain: y.domain,
    yTicks: y.ticks,
    points,
    aimline: [start, target],
    trend: trendLine,
    projection,
    target,
    phaseLines: inRange(phaseLines),
    tierMarkers: inRange(tierMarkers),
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The graph in words, for its text alternative: the dates, the probes and
 * the latest one, the aimline, the trend, plan changes and tier decisions.
 * Years are shown for dates outside today's year (formatDayMonth).
 */
export function describeGraph(measure: Measure, graph: ProgressGraph, { trendSlopePerWeek, aimlineSlopePerWeek, today }: { trendSlopePerWeek?: number; aimlineSlopePerWeek: number; today: DateInput }): string {
  const day = (d: string) => formatDayMonth(d, today);
  const valid = graph.points.filter((p) => p.valid);
  const invalid = graph.points.length - valid.length;
  const latest = valid.at(-1);
  const [start, end] = graph.aimline;
  const title = `Progress graph of ${nameInSentence(measure)} from ${day(toIsoDay(new Date(graph.xDomain[0] * MS_PER_DAY)))} to ${day(toIsoDay(new Date(graph.xDomain[1] * MS_PER_DAY)))}`;
  const parts = [
    `${count(valid.length, "valid probe", "valid probes")}${invalid ? ` (and ${count(invalid, "probe", "probes")} marked invalid, not counted)` : ""}` +
      (latest ? `, the latest ${formatValue(measure, latest.score)} ${measure.unit} on ${day(latest.date)}` : ""),
    `the aimline runs from ${formatValue(measure, start.value)} on ${day(start.date)} to the target ${formatValue(measure, end.value)} on ${day(end.date)} (${formatRate(measure, aimlineSlopePerWeek)})`,
  ];
  if (trendSlopePerWeek !== undefined) parts.push(`the trend is ${formatRate(measure, trendSlopePerWeek)}`);
  if (graph.phaseLines.length) parts.push(`plan changes on ${graph.phaseLines.map((m) => day(m.date)).join(", ")}`);
  if (graph.tierMarkers.length) parts.push(`tier decisions on ${graph.tierMarkers.map((m) => `${day(m.date)} (${m.label})`).join(", ")}`);
  return `${title}: ${parts.join("; ")}. The table below lists every probe.`;
}
