"use client";

import { useMemo, useState } from "react";
import { GraphDataTable } from "@/components/charts/graph-data-table";
import type { Measure } from "@/domain/measures";
import type { GraphPoint } from "@/domain/progress/graph";
import type { PacketProbes } from "./packet-probe-rows";

const NO_REASONS: Readonly<Record<string, string>> = {};

/**
 * A goal's probes on the packet page, folded: the table is rendered when the
 * reader opens it. The packet shows every goal of every plan, each with two
 * years of weekly probes; rendering all those tables on every view, closed
 * and screen-only (the printout and the PDF carry the graphs and figures),
 * was most of the page's cost (decision 008). The goal's own page shows the
 * same table open, also without JavaScript.
 */
export function PacketProbeTable({ probes, measure, goalHref }: { probes: PacketProbes; measure: Measure; goalHref: string }) {
  const [open, setOpen] = useState(false);
  const points = useMemo(
    () =>
      open
        ? probes.rows.map(([date, score, aimline, valid, givenBy], i): GraphPoint => ({ id: String(i), day: 0, date, score, aimline, valid: valid === 1, givenBy: probes.names[givenBy] ?? "Unknown" }))
        : [],
    [open, probes],
  );
  return (
    <details className="mt-2 print:hidden" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-blue-800 underline">Probes of this goal ({probes.rows.length})</summary>
      {open ? (
        <GraphDataTable points={points} measure={measure} invalidReasons={NO_REASONS} />
      ) : (
        <p className="text-sm text-slate-700">
          The table opens here with JavaScript; <a href={goalHref} className="text-blue-800 underline">the goal&apos;s page</a> lists every probe too.
        </p>
      )}
    </details>
  );
}
