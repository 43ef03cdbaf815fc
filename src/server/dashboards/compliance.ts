import "server-only";
import { DUE_BUCKETS, dueBucket, type DueBucket } from "@/domain/behavior-dashboard";
import type { DueKind } from "@/domain/iep504/compliance";
import type { Ctx } from "@/server/auth/session";
import { deadlinesIn } from "@/server/compliance/queries";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import type { DashboardScope, Filters } from "./filters";
import { runDashboard } from "./run";

// Compliance (issue 18, decision 030): annual reviews, re-evaluations and
// referral evaluation deadlines, overdue and due within 30, 60 and 90 days,
// per school. The deadlines are the compliance calendar's (same statements,
// same clock: src/server/compliance/queries.ts deadlinesIn), counted here;
// no student is named. Deadlines are read on today whatever the year chosen:
// a past year's deadlines were met or missed, and the calendar keeps no history.

export const DUE_KINDS: readonly DueKind[] = ["ANNUAL_REVIEW", "REEVALUATION", "EVALUATION"];

export type BucketCounts = Record<DueBucket, number>;

export interface SchoolDeadlines {
  schoolName: string;
  byKind: Record<DueKind, BucketCounts>;
  overdue: number;
  total: number;
}

export interface ComplianceDashboard {
  today: string;
  schools: SchoolDeadlines[];
  /** The schools in view together. */
  all: Omit<SchoolDeadlines, "schoolName">;
}

const zero = (): BucketCounts => Object.fromEntries(DUE_BUCKETS.map((b) => [b, 0])) as BucketCounts;
const empty = () => ({ byKind: Object.fromEntries(DUE_KINDS.map((k) => [k, zero()])) as Record<DueKind, BucketCounts>, overdue: 0, total: 0 });

export async function complianceIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<ComplianceDashboard> {
  const items = await deadlinesIn(tx, ctx, scope, f.school, today);
  const bySchool = new Map<string, SchoolDeadlines>();
  const all = empty();
  for (const item of items) {
    const bucket = dueBucket(item.due, today);
    if (!bucket) continue;
    const school = bySchool.get(item.schoolName) ?? { schoolName: item.schoolName, ...empty() };
    for (const t of [school, all]) {
      t.byKind[item.kind][bucket]++;
      t.total++;
      if (bucket === "overdue") t.overdue++;
    }
    bySchool.set(item.schoolName, school);
  }
  // Most overdue first: where to look first.
  const schools = [...bySchool.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total || a.schoolName.localeCompare(b.schoolName));
  return { today, schools, all };
}

export const getComplianceDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "compliance", params, "view", complianceIn, now);
export const exportComplianceDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "compliance", params, "export", complianceIn, now);
