/**
 * A goal's trend in a few words and a small line (the case at a glance on a
 * student's profile, issue 14): the valid probes against the aimline, scaled
 * into a box, and the same in text for screen readers and print.
 */

import { dayNumber, formatDayMonth, type DateInput } from "../goals";
import { formatValue, type Measure } from "../measures";

export interface SparklineInput {
  measure: Measure;
  baseline: { date: string; value: number };
  target: { date: string; value: number };
  /** Valid probes, any order. */
  points: readonly { date: string; score: number }[];
  today: DateInput;
}

export interface Sparkline {
  /** "x,y x,y ..." in a width x height box (y grows downwards), oldest first; empty with no probe. */
  points: string;
  /** The aimline from the baseline to the target, clipped to the box's dates. */
  aimline: { x1: number; y1: number; x2: number; y2: number };
  /** The latest point, to mark it. */
  last?: { x: number; y: number };
  /** "ORF: 12 probes since 18 Sep, from 41 to 50 WCPM (latest 50 on 27 Nov); aimline to 72 by 12 Mar." */
  text: string;
}

export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 32;
const PAD = 3;

export function sparkline({ measure, baseline, target, points, today }: SparklineInput): Sparkline {
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const day = (d: string) => dayNumber(d) ?? 0;
  const todayN = dayNumber(today) ?? day(baseline.date);
  // From the baseline to today (or the last probe), not to the target date: the line shows what happened so far.
  const x0 = day(baseline.date);
  const x1 = Math.max(x0 + 7, todayN, ...sorted.map((p) => day(p.date)));
  const aimAt = (n: number) => baseline.value + ((target.value - baseline.value) * (n - x0)) / Math.max(1, day(target.date) - x0);
  const values = [baseline.value, aimAt(x1), ...sorted.map((p) => p.score)];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const sx = (n: number) => round(PAD + ((n - x0) / (x1 - x0)) * (SPARK_WIDTH - 2 * PAD));
  // Higher values go up whichever direction is better; the aimline shows which way the goal points.
  const sy = (v: number) => round(SPARK_HEIGHT - PAD - ((v - lo) / (hi - lo)) * (SPARK_HEIGHT - 2 * PAD));
  const coords = sorted.map((p) => ({ x: sx(day(p.date)), y: sy(p.score) }));
  const fmt = (v: number) => formatValue(measure, v);
  const dm = (d: string) => formatDayMonth(d, today);
  const latest = sorted.at(-1);
  const count = `${sorted.length} ${sorted.length === 1 ? "probe" : "probes"}`;
  const text = latest
    ? `${measure.name}: ${count} since ${dm(baseline.date)}, from ${fmt(sorted[0]!.score)} to ${fmt(latest.score)} ${measure.unit} (baseline ${fmt(baseline.value)}, latest on ${dm(latest.date)}); aimline to ${fmt(target.value)} by ${dm(target.date)}.`
    : `${measure.name}: no probe since the baseline ${fmt(baseline.value)} ${measure.unit} on ${dm(baseline.date)}; aimline to ${fmt(target.value)} by ${dm(target.date)}.`;
  return {
    points: coords.map((c) => `${c.x},${c.y}`).join(" "),
    aimline: { x1: sx(x0), y1: sy(baseline.value), x2: sx(x1), y2: sy(aimAt(x1)) },
    last: coords.at(-1),
    text,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
