// Dashboard snapshots (decision 037) on the seeded demo data: for every
// dashboard, the figures a snapshot serves equal the live computation (for the
// district, a school and a coordinator's schools, and with a grade, area,
// window and subgroup); a stale snapshot queues one refresh job, which
// recomputes it; a refresh that fits the live budget drops the row; another
// district's viewer sees none of it (RLS).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { isoDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { resolveFilters } from "@/server/dashboards/filters";
import { DASHBOARD_COMPUTE, refreshDistrictSnapshots, refreshSnapshot } from "@/server/dashboards/refresh";
import type { DashboardName } from "@/server/dashboards/run";
import { figuresIn, REFRESH_JOB, snapshotKey, STALE_MS } from "@/server/dashboards/snapshots";
import { withTenant } from "@/server/db/tenant";
import { runJob } from "@/server/jobs/runner";
import type { SearchParams } from "@/server/search-params";
import { DEMO_DISTRICTS, DEMO_SCHOOLS } from "../../prisma/seed/demo-data";
import { asOwner } from "../support/db";
import { useDemoDatabase } from "../support/demo-db";
import { makePerson } from "../support/session";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const maple = DEMO_DISTRICTS.maple.id;
const river = DEMO_DISTRICTS.river.id;
const NOW = new Date();
let admin: Ctx;
let coordinator: Ctx;
let riverAdmin: Ctx;

beforeAll(async () => {
  await useDemoDatabase();
  await asOwner(async (tx) => {
    admin = (await makePerson(tx, { districtId: maple, role: "ADMIN", email: "snap-admin@maple.test", districtName: DEMO_DISTRICTS.maple.name })).ctx;
    coordinator = (await makePerson(tx, { districtId: maple, role: "COORDINATOR", email: "snap-coord@maple.test", schoolIds: [DEMO_SCHOOLS.mapleElementary.id] })).ctx;
    riverAdmin = (await makePerson(tx, { districtId: river, role: "ADMIN", email: "snap-admin@river.test" })).ctx;
    await tx.dashboardSnapshot.deleteMany({ where: { districtId: maple } });
  });
}, 300_000);

/** Live figures, then the same through the snapshot path (budget 0: every computation is kept), then read back from the row. */
async function liveAndSnapshot(ctx: Ctx, name: DashboardName, params: SearchParams, now = NOW) {
  const today = isoDayIn(now, ctx.timeZone);
  return withTenant(
    ctx.districtId,
    async (tx) => {
      const r = await resolveFilters(tx, ctx, params, today);
      if (!r.ok) throw new Error(`refused: ${r.message}`);
      const compute = DASHBOARD_COMPUTE[name] as (...a: Parameters<typeof DASHBOARD_COMPUTE.health>) => Promise<unknown>;
      const live = await compute(tx, ctx, r.filters, r.scope, today);
      const first = await figuresIn(tx, ctx, name, r.filters, r.scope, today, compute, now, 0);
      const second = await figuresIn(tx, ctx, name, r.filters, r.scope, today, compute, now, 0);
      return { live, first, second, key: snapshotKey(r.filters, r.scope) };
    },
    undefined,
    120_000,
  );
}

const NAMES = Object.keys(DASHBOARD_COMPUTE) as DashboardName[];
const VIEWS: [string, () => Ctx, SearchParams][] = [
  ["the district", () => admin, {}],
  ["a school", () => admin, { school: DEMO_SCHOOLS.cedarMiddle.id }],
  ["a coordinator's school", () => coordinator, {}],
  ["a grade, area and subgroup", () => admin, { grade: "G3", area: "READING", subgroup: "hispanic" }],
  ["a window", () => admin, { window: "WINTER", subgroup: "englishLearner" }],
];

describe("a snapshot's figures equal the live ones", () => {
  for (const name of NAMES) {
    it(`${name}: for the district, a school, a coordinator's schools and narrower filters`, async () => {
      for (const [label, who, params] of VIEWS) {
        const { live, first, second } = await liveAndSnapshot(who(), name, params);
        expect(first.source, label).toBe("live");
        expect(second.source, label).toBe("snapshot");
        expect(second.data, `${name} / ${label}`).toEqual(live);
        expect(second.computedAt).toBe(NOW.toISOString());
      }
    }, 120_000);
  }

  it("has a figure to compare: the demo's health and equity are not empty", async () => {
    const { second } = await liveAndSnapshot(admin, "health", {});
    const health = second.data as { areas: { distribution: { total: number } }[] };
    expect(health.areas.some((a) => a.distribution.total > 0)).toBe(true);
  });

  it("keeps a coordinator's figures apart from the district's (the key holds the schools)", async () => {
    const a = await liveAndSnapshot(admin, "health", {});
    const c = await liveAndSnapshot(coordinator, "health", {});
    expect(a.key).not.toBe(c.key);
    expect(c.second.data).not.toEqual(a.second.data);
  });
});

describe("refreshing", () => {
  it("queues one refresh for a stale snapshot; the job recomputes it as of its run", async () => {
    await liveAndSnapshot(admin, "equity", {});
    const later = new Date(NOW.getTime() + STALE_MS + 60_000);
    const { first, second } = await liveAndSnapshot(admin, "equity", {}, later);
    // Stale figures are still shown, with their age; one job is queued, not two.
    expect(first.source).toBe("snapshot");
    expect(first.computedAt).toBe(NOW.toISOString());
    expect(first.queued).not.toBeNull();
    expect(second.queued).toBeNull();
    const job = await asOwner((tx) => tx.backgroundJob.findUniqueOrThrow({ where: { id: first.queued!.id } }));
    expect(job).toMatchObject({ kind: REFRESH_JOB, entityType: "DashboardSnapshot", requestedByUserId: admin.userId, status: "QUEUED" });
    process.env.DASHBOARD_LIVE_BUDGET_MS = "0";
    try {
      await runJob(job.id, maple);
    } finally {
      delete process.env.DASHBOARD_LIVE_BUDGET_MS;
    }
    const done = await asOwner((tx) => tx.backgroundJob.findUniqueOrThrow({ where: { id: job.id } }));
    expect(done.status).toBe("DONE");
    const snap = await asOwner((tx) => tx.dashboardSnapshot.findUniqueOrThrow({ where: { id: job.entityId } }));
    expect(snap.refreshedAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(snap.refreshQueuedAt).toBeNull();
  });

  it("drops a snapshot whose figures now compute within the budget, and refreshes the district's others", async () => {
    await liveAndSnapshot(admin, "delivery", {});
    const row = await asOwner((tx) => tx.dashboardSnapshot.findFirstOrThrow({ where: { districtId: maple, dashboard: "delivery" } }));
    expect((await refreshSnapshot(admin, row.id, { budgetMs: 0 })).outcome).toBe("refreshed");
    expect((await refreshSnapshot(admin, row.id, { budgetMs: Number.POSITIVE_INFINITY })).outcome).toBe("dropped");
    expect(await asOwner((tx) => tx.dashboardSnapshot.count({ where: { id: row.id } }))).toBe(0);
    const all = await refreshDistrictSnapshots(admin, { budgetMs: 0 });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.outcome === "refreshed")).toBe(true);
  }, 120_000);
});

describe("tenancy", () => {
  it("shows another district's viewer none of the snapshots (RLS), and a row for another district cannot be written", async () => {
    expect(await asOwner((tx) => tx.dashboardSnapshot.count({ where: { districtId: maple } }))).toBeGreaterThan(0);
    expect(await withTenant(river, (tx) => tx.dashboardSnapshot.count())).toBe(0);
    await expect(
      withTenant(river, (tx) =>
        tx.dashboardSnapshot.create({
          data: { districtId: maple, dashboard: "health", key: "x", filters: {}, scopeSchoolIds: [], data: {}, refreshedAt: NOW, computeMs: 1, lastReadAt: NOW, lastReadByUserId: riverAdmin.userId },
        }),
      ),
    ).rejects.toThrow();
  });
});
