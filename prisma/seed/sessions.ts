// Logged sessions of the demo plans (prisma/seed/plans.ts), from each plan's
// start to yesterday (or its end): a realistic record with some absences,
// partial attendance, an interventionist out sick, a cancelled session and
// the days the school was closed. The math group leaves components out (its
// fidelity is below 80%, so the flag shows) and Jada's plan loses sessions
// to cancellations (below the dosage threshold). The first plan has one
// session logged twice and voided (kept in its history, out of its dosage).
// Today is left to log.
// Deterministic for a given day (a seeded PRNG per plan); a database whose
// demo plans have sessions is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { addDays, isoWeekday } from "@/domain/dosage";
import { todayIso } from "@/server/students/schemas";
import { rng } from "./people";
import { demoIso } from "./calendar";

/** Days Maple Valley Elementary was closed: an in-service day, Veterans Day, Thanksgiving. */
export const DEMO_CLOSED_DAYS = ["2026-10-09", "2026-11-11", "2026-11-26", "2026-11-27"].map(demoIso);

/** The demo plans' fixed ids (prisma/seed/plans.ts) start so; plans made in the app are left alone. */
const DEMO_PLAN_ID_PREFIX = "9a000000-0000-4000-8000-";

/** How each demo plan is delivered (by plan id; the rest are delivered well). */
const DELIVERY: Record<string, { cancelled?: number; fidelity?: number }> = {
  // The grade 4 math group: components often left out.
  "9a000000-0000-4000-8000-000000000003": { fidelity: 0.55 },
  // Jada's plan: a quarter of its sessions cancelled.
  "9a000000-0000-4000-8000-000000000005": { cancelled: 0.25 },
};

const NOTES = ["Shortened: the assembly ran over.", "Good focus today; moved up a passage level.", "Needed extra modelling on the second task."];

/** Adds the sessions of the started demo plans unless they have some; returns how many it added. */
export async function seedSessions(tx: Tx, districtId: string): Promise<number> {
  const demo = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "InterventionPlan" WHERE "districtId" = ${districtId}::uuid AND "id"::text LIKE ${`${DEMO_PLAN_ID_PREFIX}%`}`;
  const plans = await tx.interventionPlan.findMany({
    where: { districtId, id: { in: demo.map((p) => p.id) }, status: { not: "DRAFT" } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      scheduleDays: true,
      scheduleTime: true,
      minutesPerSession: true,
      students: { select: { studentId: true }, orderBy: { studentId: "asc" } },
      interventionists: { select: { membership: { select: { userId: true } } } },
      phases: { select: { startDate: true, sessionsPerWeek: true, interventionId: true }, orderBy: { number: "asc" } },
    },
  });
  if (plans.length === 0) return 0;
  if ((await tx.interventionSession.count({ where: { districtId, planId: { in: plans.map((p) => p.id) } } })) > 0) return 0;
  const interventionIds = [...new Set(plans.flatMap((p) => p.phases.map((ph) => ph.interventionId)).filter((id): id is string => id !== null))];
  const components = await tx.interventionComponent.findMany({
    where: { districtId, interventionId: { in: interventionIds }, retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true, interventionId: true },
  });

  const sessions: Prisma.InterventionSessionCreateManyInput[] = [];
  const attendance: Prisma.SessionAttendanceCreateManyInput[] = [];
  const delivered: Prisma.SessionComponentCreateManyInput[] = [];
  const yesterday = addDays(todayIso(), -1);
  let voidedOne = false;
  plans.forEach((plan, index) => {
    const r = rng(5_000 + index);
    const how = DELIVERY[plan.id] ?? {};
    const loggedByUserId = plan.interventionists[0]?.membership.userId;
    if (!loggedByUserId) return;
    const start = plan.startDate.toISOString().slice(0, 10);
    const end = plan.endDate && plan.endDate.toISOString().slice(0, 10) < yesterday ? plan.endDate.toISOString().slice(0, 10) : yesterday;
    const days = [...plan.scheduleDays].sort();
    for (let date = start; date <= end; date = addDays(date, 1)) {
      const phase = plan.phases.filter((ph) => ph.startDate.toISOString().slice(0, 10) <= date).at(-1) ?? plan.phases[0];
      // A week's sessions fall on its first scheduled days (4 a week on Monday to Friday: not on Fridays).
      const slot = days.indexOf(isoWeekday(date));
      if (!phase || slot < 0 || slot >= phase.sessionsPerWeek) continue;
      const id = `5e55${index.toString(16).padStart(4, "0")}-0000-4000-8000-${date.replaceAll("-", "").padStart(12, "0")}`;
      const u = r.next();
      const group = plan.students.length > 1;
      let status: Prisma.InterventionSessionCreateManyInput["status"] = "HELD";
      if (DEMO_CLOSED_DAYS.includes(date)) status = "SCHOOL_CLOSED";
      else if (u < (how.cancelled ?? 0.02)) status = "CANCELLED";
      else if (u < (how.cancelled ?? 0.02) + 0.02) status = "INTERVENTIONIST_ABSENT";
      else if (!group && u > 0.95) status = "STUDENT_ABSENT";
      const rows =
        status === "HELD" || status === "STUDENT_ABSENT"
          ? plan.students.map((s) => {
              const v = r.next();
              const mark = status === "STUDENT_ABSENT" ? "ABSENT" : !group ? "PRESENT" : v < 0.08 ? "ABSENT" : v < 0.12 ? "PARTIAL" : "PRESENT";
              return { studentId: s.studentId, status: mark as Prisma.SessionAttendanceCreateManyInput["status"] };
            })
          : [];
      if (group && status === "HELD" && rows.every((a) => a.status === "ABSENT")) status = "STUDENT_ABSENT";
      const minutes = status === "HELD" ? plan.minutesPerSession - (r.chance(0.1) ? 5 : 0) : null;
      sessions.push({
        id,
        districtId,
        planId: plan.id,
        date: new Date(`${date}T00:00:00Z`),
        startTime: plan.scheduleTime,
        minutes,
        status,
        note: status === "HELD" && r.chance(0.08) ? r.pick(NOTES) : status === "CANCELLED" ? "Cancelled: state testing in the library." : null,
        clientKey: `seed-${id}`,
        loggedByUserId,
        createdAt: new Date(`${date}T20:00:00Z`),
      });
      for (const a of rows) {
        attendance.push({ districtId, sessionId: id, planId: plan.id, date: new Date(`${date}T00:00:00Z`), ...a, minutes: a.status === "PARTIAL" && minutes ? minutes - 10 : null });
      }
      if (status !== "HELD") continue;
      const ticked = components.filter((c) => c.interventionId === phase.interventionId && r.chance(how.fidelity ?? 0.96));
      delivered.push(...ticked.map((c) => ({ districtId, sessionId: id, componentId: c.id })));
      sessions.at(-1)!.componentsDelivered = ticked.length;
      if (index === 0 && !voidedOne) {
        // The same session logged twice (the page was reloaded), voided by its author the same day: history, not dosage.
        voidedOne = true;
        const copy = `5e55${index.toString(16).padStart(4, "0")}-0000-4000-9000-${date.replaceAll("-", "").padStart(12, "0")}`;
        sessions.push({
          ...sessions.at(-1)!,
          componentsDelivered: 0,
          id: copy,
          clientKey: `seed-${copy}`,
          note: null,
          createdAt: new Date(`${date}T20:05:00Z`),
          voidedAt: new Date(`${date}T20:10:00Z`),
          voidedByUserId: loggedByUserId,
          voidReason: "Logged twice: the page reloaded after the first save.",
        });
        for (const a of rows) attendance.push({ districtId, sessionId: copy, planId: plan.id, date: new Date(`${date}T00:00:00Z`), ...a, minutes: a.status === "PARTIAL" && minutes ? minutes - 10 : null });
      }
    }
  });
  await tx.interventionSession.createMany({ data: sessions });
  await tx.sessionAttendance.createMany({ data: attendance });
  await tx.sessionComponent.createMany({ data: delivered });
  return sessions.length;
}
