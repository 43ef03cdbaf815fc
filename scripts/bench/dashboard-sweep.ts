// Part of `npm run bench`: the nightly dashboard sweep of the scale district
// (decision 048), run before the dashboard targets are measured, so they meet
// the state a district's users meet in the morning: every snapshot refreshed
// and the district-wide figures of each slow dashboard kept. It is the body of
// the `dashboard.sweep` job (src/server/dashboards/refresh.ts), run as the
// scale district's administrator; the bench's server has its own schedule and
// start-up sweep turned off so that no sweep runs inside a target's rounds.
// Prints one JSON line: what was refreshed and kept, and how long it took.
//
// Run with: node --import tsx --import ./scripts/bench/register-hooks.mjs scripts/bench/dashboard-sweep.ts
// env DATABASE_URL (the app role), DATABASE_OWNER_URL (to find the account), BENCH_ADMIN (default admin1@scale.example).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import type { Ctx } from "../../src/server/auth/session";
import { keepDistrictFigures, refreshDistrictSnapshots } from "../../src/server/dashboards/refresh";
import { installDb } from "../../src/server/db/client";
// @ts-expect-error: a plain .mjs module of the bench
import * as benchDb from "./db.mjs";

const app = process.env.DATABASE_URL;
const owner = process.env.DATABASE_OWNER_URL;
if (!app || !owner) throw new Error("DATABASE_URL and DATABASE_OWNER_URL are required");
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: app, max: 2 }) });
installDb(Promise.resolve(client));

const admin: Ctx = benchDb.ctxOf(await benchDb.describeMember({ app, owner }, process.env.BENCH_ADMIN ?? "admin1@scale.example"));
const started = performance.now();
const refreshed = await refreshDistrictSnapshots(admin);
const kept = await keepDistrictFigures(admin);
console.log(JSON.stringify({ refreshed: refreshed.length, kept, ms: Math.round(performance.now() - started) }));
await client.$disconnect();
