// The guardians' languages the family progress report is written in (issue
// 19): Maya's mother and the families of three more students with progress
// to report read Spanish, so the demo shows Spanish reports; one family reads
// Vietnamese, for which there is no catalogue yet, so the demo also shows the
// English fallback that says so. Only guardians' (and students' home)
// languages change; run on every seed, it sets the same values again.
import type { Tx } from "@/server/db/tenant";
import { DEMO_STUDENTS } from "./demo-data";

/** Students the other demos tell about: left as they are (Maya is set on purpose below). */
const RESERVED = Object.values(DEMO_STUDENTS).map((s) => s.id);

/** The three families besides Maya's, their language as people type it on the student form (either name gives a Spanish report). */
const SPANISH = ["Spanish", "Español", "Spanish"] as const;

export async function seedFamilyLanguages(tx: Tx, districtId: string): Promise<number> {
  // Students on an active plan whose goal has at least six valid probes, in a stable order.
  const goals = await tx.goal.findMany({
    where: { districtId, archivedAt: null, plan: { status: "ACTIVE" }, studentId: { notIn: RESERVED }, probes: { some: { invalidatedAt: null } } },
    select: { studentId: true, student: { select: { localId: true } }, _count: { select: { probes: { where: { invalidatedAt: null } } } } },
  });
  const withProgress = [...new Set(goals.filter((g) => g._count.probes >= 6).sort((a, b) => a.student.localId.localeCompare(b.student.localId)).map((g) => g.studentId))];
  const spanish = withProgress.slice(0, SPANISH.length);
  const vietnamese = withProgress.slice(SPANISH.length, SPANISH.length + 1);

  let changed = 0;
  const firstGuardian = (studentId: string) => tx.guardian.findFirst({ where: { districtId, studentId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true } });
  const set = async (studentId: string, language: string) => {
    const guardian = await firstGuardian(studentId);
    if (!guardian) return;
    await tx.guardian.update({ where: { id: guardian.id, districtId }, data: { preferredLanguage: language } });
    await tx.student.update({ where: { id: studentId, districtId }, data: { homeLanguage: language === "Español" ? "Spanish" : language } });
    changed += 1;
  };
  await set(DEMO_STUDENTS.maya.id, "Spanish");
  for (const [i, studentId] of spanish.entries()) await set(studentId, SPANISH[i]!);
  for (const studentId of vietnamese) await set(studentId, "Vietnamese");
  return changed;
}
