// Demo data of signing in (decision 025): the Maple Valley specialist is
// signed in on the school laptop and on her phone (so "Where you are signed
// in" has something to show and end), and had a session ended when she
// changed her password in October; Riverbend keeps sessions shorter than the
// default (2 hours idle, 3 days absolute). Idempotent: only for a person with
// no session rows, and the limits are set to the same values each run.
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { DEMO_DISTRICTS } from "./demo-data";

const LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0";
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1";

export async function seedIdentity(db: AppDb, now = new Date()): Promise<number> {
  await withTenant(DEMO_DISTRICTS.river.id, (tx) => tx.district.update({ where: { id: DEMO_DISTRICTS.river.id }, data: { sessionIdleMinutes: 120, sessionAbsoluteHours: 72 } }), db);
  const user = await db.user.findUnique({ where: { email: "specialist@maplevalley.example" }, select: { id: true } });
  if (!user || (await db.userSession.count({ where: { userId: user.id } })) > 0) return 0;
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  await db.userSession.createMany({
    data: [
      { userId: user.id, userAgent: LAPTOP, ip: "10.20.4.31", createdAt: ago(26 * 60), lastSeenAt: ago(95), completedAt: ago(26 * 60) },
      { userId: user.id, userAgent: PHONE, ip: "172.58.12.9", createdAt: ago(3 * 60), lastSeenAt: ago(40), completedAt: ago(3 * 60) },
      { userId: user.id, userAgent: LAPTOP, ip: "10.20.4.31", createdAt: new Date("2026-10-14T13:05:00Z"), lastSeenAt: new Date("2026-10-14T15:40:00Z"), completedAt: new Date("2026-10-14T13:05:00Z"), endedAt: new Date("2026-10-14T15:41:00Z"), endedReason: "password_changed" },
    ],
  });
  return 3;
}
