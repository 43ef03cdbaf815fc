// CPU time spent by the app server (its process group) and by the PostgreSQL
// backends of the bench database's app connections, from /proc (Linux only;
// elsewhere the figures are left out). On a small, saturated machine the
// latency under load follows the CPU time per request, so this says where a
// page's time goes: Node.js (rendering, Prisma) or PostgreSQL.
import { readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";

const TICK_MS = 1000 / (Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100);

/** utime + stime (ms) and process group of a pid, or null when it is gone. */
function stat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
    return { pgrp: Number(f[2]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function groupPids(pgrp) {
  const pids = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    if (stat(e)?.pgrp === pgrp) pids.push(Number(e));
  }
  return pids;
}

export const cpuAccountingAvailable = () => process.platform === "linux";

/**
 * A snapshot: CPU ms per pid of the server's process group and of the
 * database's backends connected as the app role (pids from pg_stat_activity).
 */
export async function snapshot(serverPgrp, adminClient, database, role) {
  if (!cpuAccountingAvailable()) return null;
  const { rows } = await adminClient.query("select pid from pg_stat_activity where datname = $1 and usename = $2", [database, role]);
  const read = (pids) => Object.fromEntries(pids.map((p) => [p, stat(p)?.ms]).filter(([, ms]) => ms != null));
  return { server: read(groupPids(serverPgrp)), db: read(rows.map((r) => r.pid)) };
}

/** CPU ms used between two snapshots (processes that appeared count from zero; ones that ended are lost). */
export function used(before, after) {
  if (!before || !after) return null;
  const delta = (a, b) => Object.entries(b).reduce((sum, [pid, ms]) => sum + Math.max(0, ms - (a[pid] ?? 0)), 0);
  return { serverMs: delta(before.server, after.server), dbMs: delta(before.db, after.db) };
}
