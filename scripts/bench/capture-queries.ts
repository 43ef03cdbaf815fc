// Part of `npm run bench`: runs the server functions behind each benchmarked
// page with Prisma's query log on and prints, as JSON, every SQL statement
// they send (text and parameters, in order). The bench then runs EXPLAIN
// (ANALYZE, BUFFERS) on them as the app role. Nothing here is a copy of the
// queries: they are the app's own, captured from the app's own code.
//
// Run with: tsx --conditions=react-server scripts/bench/capture-queries.ts
// env DATABASE_URL (the app role), BENCH_CAPTURE = JSON { ctx, specialistCtx, search, studentId, planId, goalId, historyId, referredId, raterCtx, cardDay, adminCtx, referralId }.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import type { Ctx } from "../../src/server/auth/session";
import { getBehaviorOverview } from "../../src/server/behavior/queries";
import { getCaseloadOverview } from "../../src/server/caseloads/queries";
import { getRatingScreen } from "../../src/server/cico/queries";
import { getComplianceCalendar } from "../../src/server/compliance/queries";
import { installDb } from "../../src/server/db/client";
import { getStudentHistory } from "../../src/server/history/queries";
import { withTenant } from "../../src/server/db/tenant";
import { getPlanPage } from "../../src/server/plans/queries";
import { getReferralPacket } from "../../src/server/referrals/packet";
import { getGoalGraph } from "../../src/server/progress/graph";
import { getNeedsReview } from "../../src/server/progress/review";
import { getOversight } from "../../src/server/sessions/queries";
import { getStudentListPage, getStudentProfile, studentListIn } from "../../src/server/students/queries";
import { ZStudentListQuery } from "../../src/server/students/schemas";

interface Input {
  ctx: Ctx;
  /** The specialist of the needs-review target. */
  specialistCtx: Ctx;
  search: Record<string, string>;
  studentId: string;
  planId: string;
  goalId: string;
  /** The student of the history target (i). */
  historyId: string;
  /** The most-referred student of the behaviour-section target (k). */
  referredId: string;
  /** The assistant of the rating screen (l) and the day it shows. */
  raterCtx: Ctx;
  cardDay: string;
  /** The administrator of the district's compliance calendar (m); the referral of the packet (o). */
  adminCtx: Ctx;
  referralId: string;
}

interface Captured {
  phase: string;
  query: string;
  params: unknown[];
  durationMs: number;
}

const input = JSON.parse(process.env.BENCH_CAPTURE ?? "null") as Input | null;
if (!input || !process.env.DATABASE_URL) throw new Error("BENCH_CAPTURE and DATABASE_URL are required");

const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 2 }),
  log: [{ emit: "event", level: "query" }],
});
let sink: Captured[] | null = null;
let phase = "page";
db.$on("query", (e) => {
  let params: unknown[] = [];
  try {
    params = JSON.parse(e.params) as unknown[];
  } catch {
    params = [];
  }
  sink?.push({ phase, query: e.query, params, durationMs: e.duration });
});
installDb(Promise.resolve(db));

async function capture(fn: () => Promise<unknown>): Promise<{ queries: Captured[]; error?: string }> {
  sink = [];
  const queries = sink;
  try {
    await fn();
    return { queries };
  } catch (error) {
    return { queries, error: error instanceof Error ? error.message : String(error) };
  } finally {
    sink = null;
    phase = "page";
  }
}

const { ctx } = input;
const out: Record<string, { queries: Captured[]; error?: string }> = {};
try {
  // Warm the client (connection, first-query overhead) outside any capture.
  await withTenant(ctx.districtId, (tx) => tx.school.count({ where: { districtId: ctx.districtId } }));
  // (b) A script-less search POST runs the action (searchStudents: the list
  // query) and then renders the page again (getStudentListPage).
  out.list = await capture(async () => {
    const query = ZStudentListQuery.parse(input.search);
    phase = "action";
    await withTenant(ctx.districtId, (tx) => studentListIn(tx, ctx, query));
    phase = "page";
    await getStudentListPage(ctx);
  });
  // (c) The profile (writes its `view` audit events, as the page does): the
  // view the record opens with (the glance and the latest history); (k) its
  // behaviour view, read in the same transaction (decision 044).
  const record = (studentId: string, section: "history" | "behavior" = "history") => () => getStudentProfile(ctx, studentId, { section });
  out.profile = await capture(record(input.studentId));
  // (d) The caseload-balance page without parameters.
  out.caseloads = await capture(() => getCaseloadOverview(ctx, {}));
  // (e) The plan page (with its dosage summary); (f) the oversight page.
  out.plan = await capture(() => getPlanPage(ctx, input.planId));
  out.oversight = await capture(() => getOversight(ctx, {}));
  // (g) The goal graph (writes its `view` audit event); (h) the specialist's needs-review list.
  out.graph = await capture(() => getGoalGraph(ctx, input.goalId));
  out.review = await capture(() => getNeedsReview(input.specialistCtx, {}));
  // (i) The history's first page; (j) the school's behaviour overview; (k) a most-referred student's record.
  out.history = await capture(() => getStudentHistory(ctx, input.historyId, {}));
  out.overview = await capture(() => getBehaviorOverview(ctx, {}));
  out.behavior = await capture(record(input.referredId, "behavior"));
  // (l) The assistant's rating screen for the last school day.
  out.cards = await capture(() => getRatingScreen(input.raterCtx, { day: input.cardDay }));
  // (m) The district's compliance calendar; (n) the coordinator's school's; (o) the referral packet.
  out.complianceDistrict = await capture(() => getComplianceCalendar(input.adminCtx, {}));
  out.complianceSchool = await capture(() => getComplianceCalendar(ctx, { school: ctx.schoolIds[0] }));
  out.packet = await capture(() => getReferralPacket(ctx, input.referralId, "view"));
} finally {
  await db.$disconnect();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
