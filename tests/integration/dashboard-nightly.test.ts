// The dashboards' nightly refresh (decision 048): the worker registers the
// schedule with pg-boss (02:00 in the server's zone unless configured), sends
// a start-up sweep that fills the snapshots of a district that has none, and
// a job sent to the nightly queue (as the cron sends it) refreshes every
// district's snapshots as one recorded job per district, run as an
// administrator. A district with no administrator is skipped; one swept
// recently is not swept again at start-up.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { NIGHTLY_QUEUE, nextRun, refreshSchedule, sweepDistricts, SWEEP_JOB } from "@/server/dashboards/nightly";
import { DASHBOARD_COMPUTE } from "@/server/dashboards/refresh";
import { requestDashboardSweep, startJobWorker, stopJobWorker } from "@/server/jobs/queue";
import { makeDistrict, makeSchool } from "../factories";
import { asOwner, engine, ownerSql } from "../support/db";
import { makePerson } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const DASHBOARDS = Object.keys(DASHBOARD_COMPUTE).sort();
let districtId: string;
let lonelyDistrictId: string; // no administrator
let admin: Ctx;
const saved = { budget: process.env.DASHBOARD_LIVE_BUDGET_MS, cron: process.env.DASHBOARD_REFRESH_CRON, tz: process.env.DASHBOARD_REFRESH_TZ };

beforeAll(async () => {
  // Every computation is "slow": each dashboard's district figures are kept (under vitest the budget is otherwise infinite).
  process.env.DASHBOARD_LIVE_BUDGET_MS = "0";
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Nightville" })).id;
    lonelyDistrictId = (await makeDistrict(tx, { name: "Lonely" })).id;
    await makeSchool(tx, { districtId, name: "Night Elementary" });
    admin = (await makePerson(tx, { districtId, role: "ADMIN", email: "admin@nightville.test" })).ctx;
  });
});

afterAll(async () => {
  for (const [k, v] of [["DASHBOARD_LIVE_BUDGET_MS", saved.budget], ["DASHBOARD_REFRESH_CRON", saved.cron], ["DASHBOARD_REFRESH_TZ", saved.tz]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const snapshots = (id: string) => asOwner((tx) => tx.dashboardSnapshot.findMany({ where: { districtId: id }, select: { dashboard: true, refreshedAt: true, filters: true, scopeSchoolIds: true } }));
const sweeps = (id: string) => asOwner((tx) => tx.backgroundJob.findMany({ where: { districtId: id, kind: SWEEP_JOB }, orderBy: { createdAt: "asc" } }));
async function until(check: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not done within ${seconds} s`);
}

describe("the schedule", () => {
  it("is 02:00 every day in the server's time zone, or what the environment says, or none", async () => {
    const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(refreshSchedule({})).toEqual({ cron: "0 2 * * *", tz: serverZone });
    expect(refreshSchedule({ DASHBOARD_REFRESH_CRON: "30 3 * * 1-5", DASHBOARD_REFRESH_TZ: "America/Chicago" })).toEqual({ cron: "30 3 * * 1-5", tz: "America/Chicago" });
    expect(refreshSchedule({ DASHBOARD_REFRESH_CRON: "off" })).toBeNull();
    // 02:00 in Chicago on 6 December 2026 is 08:00 UTC.
    expect((await nextRun({ cron: "0 2 * * *", tz: "America/Chicago" }, new Date("2026-12-05T23:00:00Z"))).toISOString()).toBe("2026-12-06T08:00:00.000Z");
  });
});

describe.sequential("sweeping districts", () => {
  it("fills every dashboard's district figures of a district with no snapshot, as a recorded job run by its administrator", async () => {
    const out = await sweepDistricts("missing");
    expect(out.find((o) => o.districtId === districtId)?.jobId).toBeTruthy();
    // Nobody to run it as: skipped, nothing written.
    expect(out.find((o) => o.districtId === lonelyDistrictId)?.jobId).toBeNull();
    expect(await snapshots(lonelyDistrictId)).toHaveLength(0);
    const rows = await snapshots(districtId);
    expect(rows.map((r) => r.dashboard).sort()).toEqual(DASHBOARDS);
    // The district-wide figures: no school filter, every school (an administrator's scope).
    for (const r of rows) {
      expect((r.filters as { school: string | null }).school).toBeNull();
      expect(r.scopeSchoolIds).toEqual([]);
    }
    const [job] = await sweeps(districtId);
    expect(job).toMatchObject({ status: "DONE", requestedByUserId: admin.userId, entityType: "District", entityId: districtId });
    expect((job!.result as { districtFigures: string[] }).districtFigures.sort()).toEqual(DASHBOARDS);
  }, 120_000);

  it("does not sweep again at start-up a district that has snapshots; the nightly run refreshes them", async () => {
    const before = await snapshots(districtId);
    const again = await sweepDistricts("missing");
    expect(again.find((o) => o.districtId === districtId)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    await sweepDistricts("all");
    const after = await snapshots(districtId);
    expect(after).toHaveLength(before.length);
    for (const r of after) expect(r.refreshedAt.getTime()).toBeGreaterThan(before.find((b) => b.dashboard === r.dashboard)!.refreshedAt.getTime());
    expect(await sweeps(districtId)).toHaveLength(2);
  }, 120_000);
});

describe.skipIf(engine() !== "server").sequential("with pg-boss on PostgreSQL", () => {
  afterAll(async () => {
    await stopJobWorker();
  });

  it("the worker registers the nightly schedule and sweeps at start-up the districts with no snapshot", async () => {
    process.env.DASHBOARD_REFRESH_CRON = "15 2 * * *";
    process.env.DASHBOARD_REFRESH_TZ = "Europe/Paris";
    await asOwner((tx) => tx.dashboardSnapshot.deleteMany({ where: { districtId } }));
    // A sweep in the last day keeps a district out of the start-up sweep: this one is older.
    await asOwner((tx) => tx.backgroundJob.updateMany({ where: { districtId, kind: SWEEP_JOB }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } }));
    await startJobWorker({ appUrl: (globalThis as unknown as { __mtssTestDb: { appUrl: string } }).__mtssTestDb.appUrl });
    const schedule = await ownerSql<{ cron: string; timezone: string; data: { mode: string } }>(`SELECT cron, timezone, data FROM pgboss.schedule WHERE name = $1`, [NIGHTLY_QUEUE]);
    expect(schedule).toEqual([{ cron: "15 2 * * *", timezone: "Europe/Paris", data: { mode: "all" } }]);
    await until(async () => (await snapshots(districtId)).length === DASHBOARDS.length, 60);
    expect(await sweeps(districtId)).toHaveLength(3);
  }, 90_000);

  it("a job sent to the nightly queue, as the cron sends it, refreshes the district's snapshots", async () => {
    const before = await snapshots(districtId);
    await requestDashboardSweep("all");
    await until(async () => (await sweeps(districtId)).length === 4 && (await sweeps(districtId)).at(-1)!.status === "DONE", 60);
    const after = await snapshots(districtId);
    for (const r of after) expect(r.refreshedAt.getTime()).toBeGreaterThan(before.find((b) => b.dashboard === r.dashboard)!.refreshedAt.getTime());
  }, 90_000);
});
