// A problem-solving meeting of the scale district (issue 19's benchmark): the
// school coordinator1 coordinates, ten students on the agenda, each with two
// goals of two years of weekly probes on one active plan (scale-probes.ts).
// Added only when missing, so an existing scale database gets it without a
// reseed. Deterministic id; the students are the first ten by id that
// qualify, so each run picks the same ones.
import { Prisma } from "@/generated/prisma/client";
import type { AppDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";

export const SCALE_MEETING_ID = "5ca1e000-0019-4000-8000-000000000001";
export const SCALE_MEETING_STUDENTS = 10;

export async function seedScaleMeetings(db: AppDb, districtId: string, coordinatorEmail: string, log: (line: string) => void): Promise<boolean> {
  return withTenant(
    districtId,
    async (tx) => {
      if (await tx.meeting.count({ where: { districtId, id: SCALE_MEETING_ID } })) return false;
      const coordinator = await tx.membership.findFirst({
        where: { districtId, role: "COORDINATOR", user: { email: coordinatorEmail } },
        select: { userId: true, schools: { select: { schoolId: true } } },
      });
      const schoolId = coordinator?.schools[0]?.schoolId;
      if (!coordinator || !schoolId) throw new Error(`${coordinatorEmail} is not a coordinator of a school in the scale district`);
      // Students with two or more goals on the same active plan of the school.
      const students = await tx.$queryRaw<{ studentId: string }[]>(Prisma.sql`
        SELECT g."studentId"
        FROM "Goal" g JOIN "InterventionPlan" p ON p."districtId" = g."districtId" AND p."id" = g."planId"
        WHERE g."districtId" = ${districtId}::uuid AND p."schoolId" = ${schoolId}::uuid AND p."status" = 'ACTIVE' AND g."archivedAt" IS NULL
        GROUP BY g."studentId", g."planId" HAVING count(*) >= 2
        ORDER BY g."studentId" LIMIT ${SCALE_MEETING_STUDENTS}`);
      if (students.length < SCALE_MEETING_STUDENTS) throw new Error(`Only ${students.length} students of the coordinator's school have two goals on one active plan`);
      const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
      await tx.meeting.create({ data: { id: SCALE_MEETING_ID, districtId, schoolId, kind: "PROBLEM_SOLVING", date: today, createdByUserId: coordinator.userId } });
      await tx.meetingStudent.createMany({
        data: students.map((s, position) => ({ districtId, meetingId: SCALE_MEETING_ID, studentId: s.studentId, position, source: "NEEDS_REVIEW" as const })),
      });
      log(`  scale meeting: ${students.length} students on the agenda`);
      return true;
    },
    db,
    120_000,
  );
}
