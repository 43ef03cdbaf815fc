import { z } from "zod";
import { HISTORY_KINDS, historyFilterProblem, type HistoryKind } from "@/domain/history";
import { quoteInput } from "@/server/search-params";

export const HISTORY_PAGE_SIZE = 25;
/** Entries the profile shows before "Full history". */
export const PROFILE_HISTORY_SIZE = 8;

const day = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

/**
 * The history page's query string: kind (one or more of HISTORY_KINDS, or
 * none for all), from and to (yyyy-mm-dd), page. Strict: an unknown filter
 * is refused with a message, never ignored.
 */
export const ZHistoryQuery = z
  .object({
    kind: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v, c): HistoryKind[] => {
        const kinds = (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);
        const unknown = kinds.filter((k) => !(HISTORY_KINDS as readonly string[]).includes(k));
        if (unknown.length) {
          c.addIssue({ code: "custom", message: `Unknown kind of history: ${unknown.map((k) => quoteInput(k)).join(", ")}. Choose from ${HISTORY_KINDS.join(", ")}.` });
          return z.NEVER;
        }
        return [...new Set(kinds as HistoryKind[])];
      }),
    from: day,
    to: day,
    page: z
      .string()
      .optional()
      .transform((v, c) => {
        if (v === undefined || v === "") return 1;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 100_000) {
          c.addIssue({ code: "custom", message: `The page must be a whole number from 1 (got ${quoteInput(v, 20)}).` });
          return z.NEVER;
        }
        return n;
      }),
  })
  .strict()
  .superRefine((q, c) => {
    const problem = historyFilterProblem(q.from, q.to);
    if (problem) c.addIssue({ code: "custom", message: problem });
  });
export type THistoryQuery = z.output<typeof ZHistoryQuery>;

/** The query string as the page got it, checked: the filter, or the messages that refuse it. */
export function parseHistoryQuery(params: Record<string, string | string[] | undefined>): { ok: true; query: THistoryQuery } | { ok: false; messages: string[] } {
  // Repeated scalar keys: the first (a hand-made link); `kind` may repeat.
  const flat = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, k === "kind" ? v : Array.isArray(v) ? v[0] : v]));
  const parsed = ZHistoryQuery.safeParse(flat);
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    messages: parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `Unknown history filter: ${i.keys.map((k) => quoteInput(k)).join(", ")}. The filters are kind, from, to and page.` : i.message)),
  };
}
