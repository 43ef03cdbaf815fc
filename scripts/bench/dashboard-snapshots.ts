// Times each dashboard's figures on the scale district (decision 037): the
// live computation, the refresh that keeps it, and the page's read of the
// snapshot, for the district (administrator) and one school (coordinator),
// each as the median of a few runs. Prints a Markdown table.
//
// Run with: tsx --conditions=react-server scripts/bench/dashboard-snapshots.ts
// env DATABASE_URL (the app role), DATABASE_OWNER_URL (to find the accounts), BENCH_RUNS (default 3).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import { isoDayIn } from "../../src/domain/time-zone";
import type { Ctx } from "../../src/server/auth/session";
import { resolveFilters } from "../../src/server/dashboards/filters";
import { DASHBOARD_COMPUTE, refreshSnapshot } from "../../src/server/dashboards/refresh";
import type { DashboardName } from "../../src/server/dashboards/run";
import { figuresIn, snapshotKey } from "../../src/server/dashboards/snapshots";
import { installDb } from "../../src/server/db/client";
import { withTenant } from "../../src/server/db/tenant";
// @ts-expect-error: a plain .mjs module of the bench
import * as benchDb from "./db.mjs";

const app = process.env.DATABASE_URL;
const owner = process.env.DATABASE_OWNER_URL;
if (!app || !owner) throw new Error("DATABASE_URL and DATABASE_OWNER_URL are required");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: app, max: 2 }), log: [{ emit: "event", level: "query" }] });
// The statements of the live computations, with their time, for the EXPLAIN plans of the slowest (BENCH_EXPLAIN=n).
type Statement = { dashboard: string; query: string; params: string; durationMs: number };
let sink = null as Statement[] | null;
let current = "";
client.$on("query", (e) => sink?.push({ dashboard: current, query: e.query, params: e.params, durationMs: e.duration }));
installDb(Promise.resolve(client));
const EXPLAIN = Number(process.env.BENCH_EXPLAIN ?? 0);
const captured: Statement[] = [];

const u = { app, owner };
const admin: Ctx = benchDb.ctxOf(await benchDb.describeMember(u, process.env.BENCH_ADMIN ?? "admin1@scale.example"));
const coordinator: Ctx = benchDb.ctxOf(await benchDb.describeMember(u, process.env.BENCH_COORDINATOR ?? "coordinator1@scale.example"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

async function resolved(ctx: Ctx) {
  const today = isoDayIn(new Date(), ctx.timeZone);
  return withTenant(ctx.districtId, async (tx) => {
    const r = await resolveFilters(tx, ctx, {}, today);
    if (!r.ok) throw new Error(r.message);
    return { f: r.filters, scope: r.scope, today };
  });
}

console.log("| dashboard | viewer | live compute ms (median) | refresh ms | snapshot read ms (median) | snapshot KiB |");
console.log("|---|---|---:|---:|---:|---:|");
for (const [who, ctx] of [["district (administrator)", admin], ["one school (coordinator)", coordinator]] as const) {
  const { f, scope, today } = await resolved(ctx);
  for (const name of Object.keys(DASHBOARD_COMPUTE) as DashboardName[]) {
    const compute = DASHBOARD_COMPUTE[name] as (...a: Parameters<typeof DASHBOARD_COMPUTE.health>) => Promise<unknown>;
    const live: number[] = [];
    current = `${name}, ${who}`;
    sink = captured;
    live.push(await ms(() => withTenant(ctx.districtId, (tx) => compute(tx, ctx, f, scope, today), undefined, 600_000)));
    sink = null;
    for (let i = 1; i < RUNS; i++) live.push(await ms(() => withTenant(ctx.districtId, (tx) => compute(tx, ctx, f, scope, today), undefined, 600_000)));
    // Keep it (budget 0), then refresh it as the job does, then read it as the page does.
    await withTenant(ctx.districtId, (tx) => figuresIn(tx, ctx, name, f, scope, today, compute, new Date(), 0), undefined, 600_000);
    const row = await withTenant(ctx.districtId, (tx) =>
      tx.dashboardSnapshot.findUniqueOrThrow({ where: { districtId_dashboard_key: { districtId: ctx.districtId, dashboard: name, key: snapshotKey(f, scope) } }, select: { id: true } }),
    );
    const refresh = await ms(() => refreshSnapshot(ctx, row.id, { budgetMs: 0 }));
    const reads: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS * 3; i++)
      reads.push(
        await ms(() =>
          withTenant(ctx.districtId, async (tx) => {
            const r = await figuresIn(tx, ctx, name, f, scope, today, compute, new Date(), 0);
            if (r.source !== "snapshot") throw new Error(`${name}: expected the snapshot`);
            bytes = JSON.stringify(r.data).length;
          }),
        ),
      );
    console.log(`| ${name} | ${who} | ${median(live).toFixed(0)} | ${refresh.toFixed(0)} | ${median(reads).toFixed(1)} | ${(bytes / 1024).toFixed(1)} |`);
  }
}
if (EXPLAIN > 0) {
  const slowest = captured.filter((c) => /^\s*(SELECT|WITH)/i.test(c.query)).sort((a, b) => b.durationMs - a.durationMs);
  const seen = new Set<string>();
  let shown = 0;
  for (const c of slowest) {
    if (shown >= EXPLAIN || seen.has(c.query)) continue;
    seen.add(c.query);
    shown++;
    const plan = await withTenant(admin.districtId, (tx) => tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${c.query}`, ...(JSON.parse(c.params) as unknown[])), undefined, 600_000);
    console.log(`\n#### ${c.dashboard}: ${c.durationMs} ms in the live run\n\n\`\`\`sql\n${c.query.replace(/\s+/g, " ").slice(0, 1500)}\n\`\`\`\n\n\`\`\`\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}\n\`\`\``);
  }
  // The page's read of a snapshot, after.
  const { f, scope } = await resolved(admin);
  const read = await withTenant(admin.districtId, (tx) =>
    tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT "id", "data", "refreshedAt", "refreshQueuedAt", "lastReadAt" FROM "DashboardSnapshot" WHERE "districtId" = $1::uuid AND "dashboard" = $2 AND "key" = $3`,
      admin.districtId,
      "equity",
      snapshotKey(f, scope),
    ),
  );
  console.log(`\n#### The snapshot read (district equity)\n\n\`\`\`\n${read.map((p) => p["QUERY PLAN"]).join("\n")}\n\`\`\``);
}
process.exit(0);
