import "server-only";
import { z } from "zod";
import { DEFAULT_HORIZON, HORIZONS, type Horizon } from "@/domain/iep504/compliance";

/** Rows per page of the calendar. */
export const COMPLIANCE_PAGE_SIZE = 50;

const blank = (v: unknown) => (v === "" || v === undefined ? undefined : v);
const id = (what: string) => z.preprocess(blank, z.uuid({ error: `That ${what} is not one we know: choose one from the list.` }).optional());

/**
 * The calendar's query string (ids only: decision 005), for the page and the
 * CSV alike. Unknown keys and values are refused with a message the page
 * shows (a hand-edited or stale link), never silently widened to everything.
 */
export const ZComplianceQuery = z.strictObject(
  {
    school: id("school"),
    caseManager: id("case manager"),
    horizon: z.preprocess(
      (v) => blank(v) ?? String(DEFAULT_HORIZON),
      z
        .enum(HORIZONS.map(String) as [string, ...string[]], { error: `Choose how far ahead to look: the next ${HORIZONS.slice(0, -1).join(", ")} or ${HORIZONS.at(-1)} days.` })
        .transform((v) => Number(v) as Horizon),
    ),
    page: z.preprocess(blank, z.coerce.number({ error: "The page must be a whole number." }).int("The page must be a whole number.").min(1, "The page must be 1 or more.").max(100_000, "There are not that many pages.").default(1)),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? "The link has something in it we do not read: use the filters on the page." : "The link's filters are not ones we read: use the filters on the page.",
  },
);
export type TComplianceQuery = z.infer<typeof ZComplianceQuery>;
