import type { PlanCounts } from "@/domain/oneroster/plan";
import type { StaffTarget } from "@/domain/oneroster/spec";

export const STATUS_LABEL = {
  MAPPING: "Columns to confirm",
  READY: "Dry run: ready to apply",
  BLOCKED: "Dry run: errors to fix",
  APPLYING: "Being applied",
  APPLIED: "Applied",
  FAILED: "Failed (nothing written)",
  SUPERSEDED: "Replaced by a newer upload",
  QUEUED: "Dry run queued or running",
  INTERRUPTED: "Interrupted (nothing written)",
} as const;

export const TARGET_LABEL: Record<StaffTarget, string> = {
  ROSTER: "Class rosters only (no sign-in)",
  ADMIN: "Invite as Administrator",
  COORDINATOR: "Invite as Coordinator",
  SPECIALIST: "Invite as Specialist",
  ASSISTANT: "Invite as Assistant",
  TEACHER: "Invite as Teacher (their own classes)",
};

export const ENTITY_LABEL: Record<keyof PlanCounts, string> = {
  schools: "Schools",
  sessions: "Academic sessions (school years, terms)",
  students: "Students",
  staff: "Staff on rosters",
  invitations: "Staff invitations",
  classes: "Classes",
  enrollments: "Class enrollments",
};

/** "3 created, 1 updated": the non-zero parts of a count group, or "No change". */
export function countsText(group: Record<string, number> | undefined): string {
  if (!group) return "–";
  const words: Record<string, string> = { create: "created", update: "updated", archive: "archived", remove: "removed" };
  const parts = Object.entries(group)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${words[k] ?? k}`);
  return parts.length ? parts.join(", ") : "No change";
}
