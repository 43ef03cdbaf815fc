import "server-only";
import { z } from "zod";

/** A page's query string as Next.js passes it (a repeated key is an array). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query-string key (a hand-made link may repeat it). */
export const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A page number from the query string; anything else is the first page. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
