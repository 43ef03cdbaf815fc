import "server-only";
import Bowser from "bowser";
import { describeDevice } from "@/domain/identity";
import { getDb } from "@/server/db/client";

/** Why a session ended, kept on the row (decision 025). */
export type EndReason =
  | "signed_out"
  | "signed_out_everywhere"
  | "ended_by_user"
  | "password_changed"
  | "password_reset"
  | "two_factor_reset"
  | "two_factor_changed"
  | "idle_timeout"
  | "absolute_lifetime"
  | "second_factor_failed";

/**
 * Ends the open sessions matching `where` (always narrowed to open ones);
 * returns how many ended. UserSession has no RLS (an account table like User),
 * so every caller names the user or the session's id it was given by the
 * signed-in person's own token or checked ownership of.
 */
export async function endSessions(where: { id?: string; userId?: string; NOT?: { id: string } }, reason: EndReason): Promise<number> {
  if (!where.id && !where.userId) throw new Error("endSessions needs a session or a user");
  const db = await getDb();
  const { count } = await db.userSession.updateMany({ where: { ...where, endedAt: null }, data: { endedAt: new Date(), endedReason: reason } });
  return count;
}

/** "Firefox 140 on Linux" from a stored user agent. */
export function deviceOf(userAgent: string): string {
  if (!userAgent) return "Unknown browser";
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  return describeDevice({ browser: browser || undefined, os: parsed.os.name, platform: parsed.platform.type });
}
