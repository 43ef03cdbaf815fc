import "server-only";
import { dashboardRefresh, dashboardSweep } from "@/server/dashboards/refresh";
import { onerosterAnalyse, onerosterApply, spreadsheetApply } from "@/server/imports/jobs";
import { screeningApply } from "@/server/screening/jobs";
import type { JobHandler } from "./types";

/** Every kind of background job and its handler: a new kind is one line here (decision 021). */
export const JOB_HANDLERS = {
  "dashboard.refresh": dashboardRefresh,
  "dashboard.sweep": dashboardSweep,
  "oneroster.analyse": onerosterAnalyse,
  "oneroster.apply": onerosterApply,
  "screening.apply": screeningApply,
  "spreadsheet.apply": spreadsheetApply,
} satisfies Record<string, JobHandler>;

export type JobKind = keyof typeof JOB_HANDLERS;
