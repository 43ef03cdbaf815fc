import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { fieldErrorsOf } from "@/server/action";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { startOfDayIn } from "@/domain/time-zone";
import { listStaffPeople } from "@/server/staff/queries";
import { describeEventsIn } from "./describe";
import { AUDIT_FILTER_FIELDS, ZAuditLogQuery, cursorOf, type AuditCursor, type TAuditLogQuery } from "./schemas";
import type { SearchParams } from "@/server/search-params";

export const AUDIT_PAGE_SIZE = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

type FilterValues = Record<(typeof AUDIT_FILTER_FIELDS)[number], string>;

const EVENT_SELECT = {
  id: true,
  createdAt: true,
  actorUserId: true,
  action: true,
  entityType: true,
  entityId: true,
  studentId: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

function firstValues(params: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first.trim();
  }
  return out;
}

/** Dates are whole days in the district's time zone, both ends included. */
function whereOf(districtId: string, timeZone: string, q: TAuditLogQuery): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (q.from) createdAt.gte = startOfDayIn(q.from, timeZone);
  // The next day's start (not 24 hours later: a day with a daylight-saving change is 23 or 25 hours).
  if (q.to) createdAt.lt = startOfDayIn(new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + DAY_MS).toISOString().slice(0, 10), timeZone);
  return {
    districtId,
    ...(q.user ? { actorUserId: q.user } : {}),
    ...(q.student ? { studentId: q.student } : {}),
    ...(q.from || q.to ? { createdAt } : {}),
  };
}

/** Events strictly older (or newer) than the cursor in (createdAt, id) order. */
function beyond(c: AuditCursor, direction: "older" | "newer"): Prisma.AuditEventWhereInput {
  const op = direction === "older" ? "lt" : "gt";
  return { OR: [{ createdAt: { [op]: c.createdAt } }, { createdAt: c.createdAt, id: { [op]: c.id } }] };
}

/**
 * One page by keyset on (createdAt, id), which the (districtId, createdAt desc)
 * index serves; unlike an offset it does not shift while new events arrive.
 */
async function fetchPage(tx: Tx, where: Prisma.AuditEventWhereInput, q: TAuditLogQuery) {
  const take = AUDIT_PAGE_SIZE + 1;
  if (q.after && !q.before) {
    const rows = await tx.auditEvent.findMany({
      where: { AND: [where, beyond(q.after, "newer")] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
      select: EVENT_SELECT,
    });
    // Reaching the newest events: show a full first page rather than a short one.
    if (rows.length === take) return { rows: rows.slice(0, AUDIT_PAGE_SIZE).reverse(), hasNewer: true, hasOlder: true };
  }
  const rows = await tx.auditEvent.findMany({
    where: q.before ? { AND: [where, beyond(q.before, "older")] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: EVENT_SELECT,
  });
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasNewer: Boolean(q.before), hasOlder: rows.length === take };
}

/** Checks that need more than one field, or the district's staff: only once each field is valid on its own. */
function crossFieldErrors(q: TAuditLogQuery, staff: { userId: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (q.user && !staff.some((s) => s.userId === q.user)) errors.user = ["Choose a person from the list."];
  if (q.from && q.to && q.from > q.to) errors.to = ["The end date is before the start date."];
  return errors;
}

/**
 * The district's audit log, newest first, filtered by the URL query. Invalid
 * filters come back as field errors and no events. Reading the log is not
 * itself audited.
 */
export async function getAuditLog(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "audit.view", { entityType: "AuditEvent" });
  const raw = firstValues(params);
  const values = Object.fromEntries(AUDIT_FILTER_FIELDS.map((k) => [k, raw[k] ?? ""])) as FilterValues;
  const parsed = ZAuditLogQuery.safeParse(raw);

  return withTenant(ctx.districtId, async (tx) => {
    const staff = (await listStaffPeople(tx, ctx.districtId)).map((m) => ({ userId: m.userId, name: m.user.name }));
    const errors = parsed.success ? crossFieldErrors(parsed.data, staff) : fieldErrorsOf(parsed.error);
    if (!parsed.success || Object.keys(errors).length > 0) {
      return { values, errors, staff, events: [], newerCursor: null, olderCursor: null };
    }

    const { rows, hasNewer, hasOlder } = await fetchPage(tx, whereOf(ctx.districtId, ctx.timeZone, parsed.data), parsed.data);
    // Names only of people who are (or were) on this district's staff: an
    // invited person who has not accepted stays nameless here (decision 009).
    const names = new Map(staff.map((s) => [s.userId, s.name]));
    const words = await describeEventsIn(tx, ctx, rows);
    return {
      values,
      errors,
      staff,
      events: rows.map((e) => ({ ...e, actorName: (e.actorUserId && names.get(e.actorUserId)) || null, ...words.get(e.id)! })),
      newerCursor: hasNewer && rows.length ? cursorOf(rows[0]!) : null,
      olderCursor: hasOlder ? cursorOf(rows.at(-1)!) : null,
    };
  });
}
