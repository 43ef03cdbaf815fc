// Progress probes for Maya Johnson's ORF goal (her Tier 3 reading plan in
// plans.ts): five weekly probes below the aimline, then, after the plan change
// on 26 October (a fifth session a week), probes twice a week that rise faster
// than the aimline but not yet enough to reach the target: the trend rule says
// continue while the four most recent points are still below the aimline. One
// probe is marked invalid. Fixed ids; a goal that has its probes is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { DEMO_STUDENTS } from "./demo-data";
import { demoDate } from "./calendar";

const JORDAN = "assistant@maplevalley.example";
const SAM = "specialist@maplevalley.example";

/** [date, score, who gave it, why it is invalid] */
const MAYA_PROBES: [string, number, string, string?][] = [
  ["2026-09-25", 41, JORDAN],
  ["2026-10-02", 43, JORDAN],
  ["2026-10-09", 42, SAM],
  ["2026-10-16", 44, JORDAN],
  ["2026-10-23", 43, JORDAN],
  ["2026-10-27", 44, JORDAN],
  ["2026-10-30", 45, JORDAN],
  ["2026-11-03", 58, JORDAN, "Read last week's passage again"],
  ["2026-11-03", 45, SAM],
  ["2026-11-06", 46, JORDAN],
  ["2026-11-10", 47, JORDAN],
  ["2026-11-13", 47, SAM],
  ["2026-11-17", 48, JORDAN],
  ["2026-11-20", 48, JORDAN],
  ["2026-11-24", 49, JORDAN],
  ["2026-11-27", 50, JORDAN],
];

const probeId = (n: number) => `9b000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** Adds Maya's probes unless her goal has them (or the demo plans are missing); returns how many it added. */
export async function seedProbes(tx: Tx, districtId: string): Promise<number> {
  const goal = await tx.goal.findFirst({
    where: { districtId, studentId: DEMO_STUDENTS.maya.id, archivedAt: null, measure: { key: "orf_wcpm" }, plan: { status: "ACTIVE" } },
    select: { id: true, studentId: true, measureId: true, _count: { select: { probes: true } } },
  });
  if (!goal || goal._count.probes > 0) return 0;
  const staff = await tx.membership.findMany({ where: { districtId, user: { email: { in: [JORDAN, SAM] } } }, select: { userId: true, user: { select: { email: true } } } });
  const userOf = (email: string) => {
    const m = staff.find((s) => s.user.email === email);
    if (!m) throw new Error(`The demo probes name ${email}, who has no membership in Maple Valley.`);
    return m.userId;
  };
  const rows = MAYA_PROBES.map(([date, score, by, invalid], i): Prisma.ProbeCreateManyInput => {
    // Entered the afternoon of the day; an invalid one marked the next morning.
    const enteredAt = demoDate(date, `19:${String(10 + i).padStart(2, "0")}`);
    return {
      id: probeId(i + 1),
      districtId,
      studentId: goal.studentId,
      measureId: goal.measureId,
      goalId: goal.id,
      date: demoDate(date),
      score,
      givenByUserId: userOf(by),
      ...(invalid ? { invalidatedAt: new Date(enteredAt.getTime() + 14 * 3_600_000), invalidReason: invalid } : {}),
      createdAt: enteredAt,
    };
  });
  await tx.probe.createMany({ data: rows });
  return rows.length;
}
