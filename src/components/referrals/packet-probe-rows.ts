import type { GraphPoint } from "@/domain/progress/graph";

/**
 * A goal's probes as the packet page sends them: [date, score, aimline on
 * that date, 1 when valid (else 0), index into the names]. Two years of
 * weekly probes on every goal of every plan are most of the page's payload;
 * as GraphPoints (id, day, the tester's name spelled out each time) they cost
 * about four times the bytes for a table most readers never open.
 */
export type PacketProbeRow = readonly [date: string, score: number, aimline: number, valid: 0 | 1, givenBy: number];
export interface PacketProbes {
  names: readonly string[];
  rows: readonly PacketProbeRow[];
}

/** The compact form of a graph's points, in their order (server side: plain data, no React). */
export function packetProbesOf(points: readonly GraphPoint[]): PacketProbes {
  const names: string[] = [];
  const index = new Map<string, number>();
  const rows = points.map((p): PacketProbeRow => {
    let n = index.get(p.givenBy);
    if (n === undefined) {
      n = names.push(p.givenBy) - 1;
      index.set(p.givenBy, n);
    }
    return [p.date, p.score, p.aimline, p.valid ? 1 : 0, n];
  });
  return { names, rows };
}
