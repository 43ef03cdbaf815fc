import "server-only";

/** A page's query string as Next.js passes it (a repeated key is an array). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query-string key (a hand-made link may repeat it). */
export const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
