import { z } from "zod";

// The probe forms send text as typed; what a score, a date or a note may be
// depends on the goal's measure and plan, so src/domain/probes.ts checks them
// once the action has found those (one set of messages for every form). The
// schemas here only bound what a form can send at all.

/** Bounds a typed field; longer text than any real answer is a form we did not render. */
const typed = (max: number) => z.string().max(max, "The form sent more than we accept.").default("");
const id = z.string().max(100).default("");

// Made when the form is rendered and sent again with any retry of it.
const clientKey = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "This form is incomplete: reload the page and enter the probes again.");

export const ZEnterProbeInput = z
  .object({
    unverifiedGoalId: id,
    /** The goal's measure when the form was rendered: a score typed for another measure is refused. */
    unverifiedMeasureId: id,
    /** Who gave the probe; blank is the signed-in user. */
    unverifiedGivenByUserId: id,
    clientKey,
    date: typed(40),
    score: typed(40),
    note: typed(2000),
  })
  .strict();
export type TEnterProbeInput = z.infer<typeof ZEnterProbeInput>;

// The grid's cells carry the goal id in their names (one row per goal);
// the action gathers them into rows in the order the form sent them.
export const scoreField = (goalId: string) => `score:${goalId}`;
export const noteField = (goalId: string) => `note:${goalId}`;
export const measureField = (goalId: string) => `measure:${goalId}`;
/** The row field each cell name prefix fills. */
const ROW_PARTS = { score: "score", note: "note", measure: "unverifiedMeasureId" } as const;

/**
 * Takes the cells out of a form's object (formToObject) and returns them as
 * rows, one per goal in the order the form sent them (ZProbeRow's fields).
 * The grid sends every cell; the session log sends a score and a measure.
 */
export function takeProbeRows(raw: Record<string, unknown>): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown>>();
  for (const key of Object.keys(raw)) {
    const colon = key.indexOf(":");
    const prefix = key.slice(0, colon);
    if (colon < 0 || !Object.hasOwn(ROW_PARTS, prefix)) continue;
    const goalId = key.slice(colon + 1);
    const row = rows.get(goalId) ?? { unverifiedGoalId: goalId };
    row[ROW_PARTS[prefix as keyof typeof ROW_PARTS]] = raw[key];
    rows.set(goalId, row);
    delete raw[key];
  }
  return [...rows.values()];
}

/** The most rows one grid sends: a plan's group of students, each with a few goals. */
export const MAX_GRID_ROWS = 60;

/** One goal's cells. */
export const ZProbeRow = z.object({ unverifiedGoalId: id, unverifiedMeasureId: id, score: typed(40), note: typed(2000) }).strict();
export const MORE_ROWS = "The form sent more rows than a plan has goals.";

export const ZEnterGroupProbesInput = z
  .object({
    unverifiedPlanId: id,
    unverifiedGivenByUserId: id,
    clientKey,
    date: typed(40),
    rows: z.array(ZProbeRow).max(MAX_GRID_ROWS, MORE_ROWS),
  })
  .strict();
export type TEnterGroupProbesInput = z.infer<typeof ZEnterGroupProbesInput>;

const probeRef = { unverifiedProbeId: id, version: z.coerce.number().int().min(1) };

export const ZCorrectProbeInput = z.object({ ...probeRef, date: typed(40), score: typed(40), note: typed(2000) }).strict();
export type TCorrectProbeInput = z.infer<typeof ZCorrectProbeInput>;

/** Marks a probe invalid (valid=no, with the reason) or restores it (valid=yes). */
export const ZSetProbeValidityInput = z.object({ ...probeRef, valid: z.enum(["yes", "no"]), reason: typed(2000) }).strict();
export type TSetProbeValidityInput = z.infer<typeof ZSetProbeValidityInput>;
