// Class rosters in the demo (decision 018's tables, decision 020's teacher
// role): Maple Valley Elementary has one homeroom per grade, as a OneRoster
// import would leave them (sourcedIds, roster staff, enrolments). Pat Kim
// (teacher@) teaches the homeroom of the grade of a student on a
// daily report card, so her home shows a class with a card to rate, tiers
// and accommodations; the other homerooms' teachers are on the roster only
// (no sign-in). Every current student of the school is in exactly one
// homeroom. Deterministic; a district with classes is left as it is.
import { CICO_INTERVENTION_NAME } from "@/domain/cico";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { GRADE_LABEL, type GradeLevel } from "@/server/students/schemas";
import { DEMO_SCHOOLS } from "./demo-data";

const TEACHER_EMAIL = "teacher@maplevalley.example";
/** The other homerooms' teachers, by grade (roster only). */
const ROSTER_TEACHERS: readonly [string, string][] = [
  ["Renee", "Alvarez"],
  ["Marcus", "Oyelaran"],
  ["Hannah", "Lindqvist"],
  ["Diego", "Ferreira"],
  ["Grace", "Whitmore"],
  ["Owen", "Baptiste"],
  ["Lucia", "Moreau"],
];

/** Adds Maple Valley Elementary's homerooms unless the district has classes; returns the rows written. */
export async function seedClasses(tx: Tx, districtId: string): Promise<number> {
  if ((await tx.schoolClass.count({ where: { districtId } })) > 0) return 0;
  const schoolId = DEMO_SCHOOLS.mapleElementary.id;
  const students = await tx.student.findMany({ where: { districtId, schoolId, archivedAt: null }, orderBy: { localId: "asc" }, select: { id: true, grade: true } });
  if (students.length === 0) return 0;
  // The card the rating screen lists last (by family name): e2e/cico.spec.ts rates the first one, e2e/teacher.spec.ts this one.
  // (Of the Check-In/Check-Out plans' cards: the demo assistant's card, on another plan, is not one of them.)
  const lastCard = await tx.cicoCard.findFirst({
    where: { districtId, endedOn: null, student: { schoolId }, plan: { intervention: { name: CICO_INTERVENTION_NAME } } },
    orderBy: [{ student: { legalLastName: "desc" } }, { student: { legalFirstName: "desc" } }, { id: "desc" }],
    select: { student: { select: { grade: true } } },
  });
  const grades = [...new Set(students.map((s) => s.grade))].sort();
  const patGrade = lastCard?.student.grade ?? grades[0]!;
  const pat = await tx.membership.findFirst({ where: { districtId, role: "TEACHER", user: { email: TEACHER_EMAIL } }, select: { userId: true, user: { select: { name: true, email: true } } } });
  let rows = 0;
  let other = 0;
  const enrollments: Prisma.ClassEnrollmentCreateManyInput[] = [];
  for (const [i, grade] of grades.entries()) {
    const room = 10 + i * 2;
    const mine = grade === patGrade && pat;
    const [given, family] = mine ? (pat.user.name.split(" ") as [string, string]) : ROSTER_TEACHERS[other++ % ROSTER_TEACHERS.length]!;
    const staff = await tx.rosterStaff.create({
      data: {
        districtId,
        sourcedId: `mve-t-${grade.toLowerCase()}`,
        givenName: given,
        familyName: family ?? "",
        email: mine ? pat.user.email : null,
        oneRosterRole: "teacher",
        schoolId,
        userId: mine ? pat.userId : null,
      },
      select: { id: true },
    });
    const cls = await tx.schoolClass.create({
      data: { districtId, sourcedId: `mve-hr-${grade.toLowerCase()}`, schoolId, title: `${GRADE_LABEL[grade as GradeLevel]} homeroom, Room ${room}`, courseCode: `HR-${grade}`, classCode: `MVE-HR-${grade}`, periods: "1" },
      select: { id: true },
    });
    rows += 2;
    enrollments.push({ districtId, sourcedId: `mve-e-${grade.toLowerCase()}-t`, classId: cls.id, rosterStaffId: staff.id, role: "TEACHER", primary: true });
    for (const s of students.filter((x) => x.grade === grade)) enrollments.push({ districtId, sourcedId: `mve-e-${s.id}`, classId: cls.id, studentId: s.id, role: "STUDENT" });
  }
  await tx.classEnrollment.createMany({ data: enrollments });
  return rows + enrollments.length;
}
