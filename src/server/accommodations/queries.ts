import "server-only";
import { toIsoDay } from "@/domain/goals";
import { can } from "@/domain/permissions";
import type { Prisma, StudentAccommodation as Row } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { studentsReach } from "@/server/reach";
import { todayIso } from "@/server/students/schemas";
import type { AccommodationSource } from "./schemas";

export interface AccommodationView {
  id: string;
  description: string;
  /** Null for viewers who may not see whether the student has an IEP or a 504 plan (assistants): the source would tell. */
  source: AccommodationSource | null;
  /** yyyy-mm-dd */
  startDate: string;
  /** The last day it applies (yyyy-mm-dd), or null while it has no end. */
  endDate: string | null;
}

/** An accommodation as the profile shows and edits it. */
export interface AccommodationRecord extends AccommodationView {
  version: number;
  /** Entered by mistake: kept as history, never current. */
  archived: boolean;
}

/** Current = neither archived nor ended before today (one that starts later is current too: staff prepare for it). */
const isCurrent = (row: Row, today: string) => !row.archivedAt && (!row.endDate || toIsoDay(row.endDate) >= today);

const ORDER: Prisma.StudentAccommodationOrderByWithRelationInput[] = [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }];

const viewOf = (row: Row, showSource: boolean): AccommodationView => ({
  id: row.id,
  description: row.description,
  source: showSource ? row.source : null,
  startDate: toIsoDay(row.startDate),
  endDate: row.endDate ? toIsoDay(row.endDate) : null,
});

/**
 * Every accommodation of one student for the profile, current ones and past
 * ones (ended or archived), each oldest first. One query; the caller
 * authorizes accommodation.view and says whether the viewer may see sources
 * (student.viewSensitive).
 */
export async function accommodationsOf(tx: Tx, districtId: string, studentId: string, showSource: boolean) {
  const today = todayIso();
  const rows = await tx.studentAccommodation.findMany({ where: { districtId, studentId }, orderBy: ORDER });
  const record = (row: Row): AccommodationRecord => ({ ...viewOf(row, showSource), version: row.version, archived: Boolean(row.archivedAt) });
  return {
    current: rows.filter((r) => isCurrent(r, today)).map(record),
    past: rows.filter((r) => !isCurrent(r, today)).map(record),
  };
}
export type StudentAccommodations = Awaited<ReturnType<typeof accommodationsOf>>;

/**
 * The current accommodations of some students (a plan's, a session's), by
 * student id, in one query; students without any map to []. Sources are
 * hidden unless showSourceOf(studentId) says the viewer may see them
 * (student.viewSensitive on that student). The caller authorizes
 * accommodation.view for every student id.
 */
export async function accommodationsOfStudentsIn(
  tx: Tx,
  districtId: string,
  studentIds: readonly string[],
  showSourceOf: (studentId: string) => boolean = () => false,
): Promise<Map<string, AccommodationView[]>> {
  const out = new Map<string, AccommodationView[]>(studentIds.map((id) => [id, []]));
  if (studentIds.length === 0) return out;
  const today = todayIso();
  const rows = await tx.studentAccommodation.findMany({ where: { districtId, studentId: { in: [...studentIds] }, archivedAt: null }, orderBy: ORDER });
  for (const row of rows) if (isCurrent(row, today)) out.get(row.studentId)?.push(viewOf(row, showSourceOf(row.studentId)));
  return out;
}

/**
 * What the user must honour for some students (a plan's): the current
 * accommodations of those they may see them for (accommodation.view, by school
 * or reach), sources only where they may see IEP/504 status. Two queries for
 * any number of students; students left out are not in the map.
 */
export async function accommodationsToHonourIn(tx: Tx, ctx: Ctx, students: readonly { id: string; schoolId: string }[]): Promise<Map<string, AccommodationView[]>> {
  const reach = await studentsReach(tx, ctx, students);
  const resourceOf = (s: { id: string; schoolId: string }) => reach.get(s.id)!;
  const visible = students.filter((s) => can(ctx, "accommodation.view", resourceOf(s)));
  const withSource = new Set(visible.filter((s) => can(ctx, "student.viewSensitive", resourceOf(s))).map((s) => s.id));
  return accommodationsOfStudentsIn(tx, ctx.districtId, visible.map((s) => s.id), (id) => withSource.has(id));
}
