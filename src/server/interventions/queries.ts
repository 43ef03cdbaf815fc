import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { can } from "@/domain/permissions";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { listMeasuresIn } from "@/server/measures/queries";
import { likeLiteral } from "@/server/students/queries";
import type { InterventionArea } from "@/server/tiers/schemas";
import { INTERVENTION_PAGE_SIZE, interventionTarget, INTERVENTION_LIST_QUERY } from "./schemas";
import { readQuery, type SearchParams } from "@/server/search-params";

const DOSAGE_SELECT = { minutesPerSession: true, sessionsPerWeek: true, weeks: true, groupSizeMin: true, groupSizeMax: true } as const;
const OPTION_SELECT = { id: true, name: true, area: true, tiers: true, evidenceLevel: true, gradeMin: true, gradeMax: true, ...DOSAGE_SELECT } satisfies Prisma.InterventionSelect;
const ACTIVE_COMPONENTS = {
  where: { retiredAt: null },
  orderBy: [{ position: "asc" }, { id: "asc" }],
  select: { id: true, label: true, position: true },
} satisfies Prisma.Intervention$componentsArgs;

/**
 * The district's interventions a plan may use (not retired), by name, with
 * their recommended dosage; optionally one area's only.
 */
export function libraryOptionsIn(tx: Tx, districtId: string, opts: { area?: InterventionArea } = {}) {
  return tx.intervention.findMany({
    where: { districtId, retiredAt: null, ...(opts.area ? { area: opts.area } : {}) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: OPTION_SELECT,
  });
}

/**
 * An intervention a plan may use, with its active components in order; null
 * for a malformed or unknown id, another district's, or a retired one.
 */
export async function findActiveInterventionIn(tx: Tx, districtId: string, unverifiedId: string) {
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) return null;
  return tx.intervention.findFirst({
    where: { id: id.data, districtId, retiredAt: null },
    select: { ...OPTION_SELECT, description: true, sourceUrl: true, components: ACTIVE_COMPONENTS },
  });
}


/**
 * /interventions: one page of the library, filtered by area, tier, evidence
 * level and a name search, retired ones only when asked for. Filters arrive as
 * GET parameters (the library holds no student data); a value that is not one
 * of the choices is not applied, and is named in notUnderstood for the page.
 */
export async function getInterventionList(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "intervention.view", { entityType: "Intervention" });
  const { values: query, notUnderstood } = readQuery(INTERVENTION_LIST_QUERY, params);
  const where: Prisma.InterventionWhereInput = {
    districtId: ctx.districtId,
    ...(query.retired ? {} : { retiredAt: null }),
    ...(query.area ? { area: query.area } : {}),
    ...(query.tier ? { tiers: { has: query.tier } } : {}),
    ...(query.evidence ? { evidenceLevel: query.evidence } : {}),
    ...(query.q ? { name: { contains: likeLiteral(query.q), mode: "insensitive" } } : {}),
  };
  const { rows, total, page } = await withTenant(ctx.districtId, async (tx) => {
    const total = await tx.intervention.count({ where });
    // A page past the end (the list shrank, or a hand-made link) shows the last one.
    const page = Math.min(query.page, Math.max(1, Math.ceil(total / INTERVENTION_PAGE_SIZE)));
    const rows = await tx.intervention.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * INTERVENTION_PAGE_SIZE,
      take: INTERVENTION_PAGE_SIZE,
      select: { ...OPTION_SELECT, retiredAt: true },
    });
    return { rows, total, page };
  });
  return {
    query,
    notUnderstood,
    rows,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / INTERVENTION_PAGE_SIZE)),
    mayManage: can(ctx, "intervention.manage", { districtId: ctx.districtId }),
  };
}

const DETAIL_SELECT = {
  ...OPTION_SELECT,
  description: true,
  atHome: true,
  atHomeEs: true,
  sourceUrl: true,
  version: true,
  retiredAt: true,
  components: ACTIVE_COMPONENTS,
  measures: { select: { measure: { select: { id: true, name: true, unit: true } } }, orderBy: { measure: { name: "asc" } } },
  _count: { select: { plans: true } },
} satisfies Prisma.InterventionSelect;

/** The district's intervention (retired or not) for its pages; null for a malformed, unknown or another district's id. */
async function findInterventionIn(tx: Tx, districtId: string, unverifiedId: string) {
  const id = z.uuid().safeParse(unverifiedId);
  return id.success ? tx.intervention.findFirst({ where: { id: id.data, districtId }, select: DETAIL_SELECT }) : null;
}

function detailOf(row: Prisma.InterventionGetPayload<{ select: typeof DETAIL_SELECT }>) {
  const { measures, _count, ...rest } = row;
  return { ...rest, measures: measures.map((m) => m.measure), planCount: _count.plans };
}

/** /interventions/[id]: everything about one intervention, and how many plans use it; 404 (and a denied event) when it is not the district's. */
export async function getInterventionDetail(ctx: Ctx, unverifiedId: string) {
  await authorizePage(ctx, "intervention.view", { entityType: "Intervention" });
  const row = await withTenant(ctx.districtId, (tx) => findInterventionIn(tx, ctx.districtId, unverifiedId));
  if (!row) return pageNotFound(ctx, "intervention.view", interventionTarget(unverifiedId));
  return { intervention: detailOf(row), mayManage: can(ctx, "intervention.manage", { districtId: ctx.districtId }) };
}

const measureOptionsIn = async (tx: Tx, districtId: string) => (await listMeasuresIn(tx, districtId)).map((m) => ({ id: m.id, name: m.name, unit: m.unit }));

/** The new-intervention form: the district's measures to choose from. */
export async function getNewInterventionForm(ctx: Ctx) {
  await authorizePage(ctx, "intervention.manage", { entityType: "Intervention" });
  return { measures: await withTenant(ctx.districtId, (tx) => measureOptionsIn(tx, ctx.districtId)) };
}

/** The edit form: the intervention as stored and the measures to choose from; 404 (and a denied event) when it is not the district's. */
export async function getInterventionForEdit(ctx: Ctx, unverifiedId: string) {
  await authorizePage(ctx, "intervention.manage", { entityType: "Intervention" });
  const found = await withTenant(ctx.districtId, async (tx) => {
    const row = await findInterventionIn(tx, ctx.districtId, unverifiedId);
    return row ? { intervention: detailOf(row), measures: await measureOptionsIn(tx, ctx.districtId) } : null;
  });
  if (!found) return pageNotFound(ctx, "intervention.manage", interventionTarget(unverifiedId));
  return found;
}
