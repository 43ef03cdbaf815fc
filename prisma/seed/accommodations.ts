// Accommodations at Maple Valley Elementary that staff must honour: Maya's,
// from her student support plan (she has no IEP or 504 plan in the demo), and
// those of the school's first two students with an IEP and first with a 504
// plan (by local id, so on the demo specialist's and assistant's caseloads),
// one of them with an accommodation that ended last school year. Fixed ids; a
// row that is there already is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { DEMO_SCHOOLS, DEMO_STUDENTS } from "./demo-data";
import { demoDate } from "./calendar";

type Entry = Pick<Prisma.StudentAccommodationCreateManyInput, "description" | "source"> & { startDate: string; endDate?: string };

const MAYA: Entry[] = [
  { description: "Read-aloud of directions and written questions (not of reading passages)", source: "OTHER", startDate: "2026-09-21" },
  { description: "Preferential seating near the point of instruction", source: "OTHER", startDate: "2026-09-21" },
  { description: "Breaks on request: up to 5 minutes, with the break card", source: "OTHER", startDate: "2026-09-21" },
];
const IEP_STUDENTS: Entry[][] = [
  [
    { description: "Extended time (1.5x) on tests and timed classwork", source: "IEP", startDate: "2026-09-08" },
    { description: "Directions in short steps, checked for understanding before work starts", source: "IEP", startDate: "2026-09-08" },
    { description: "Scribe for written answers longer than a paragraph", source: "IEP", startDate: "2025-09-03", endDate: "2026-06-12" },
  ],
  [
    { description: "Extended time (1.5x) on tests", source: "IEP", startDate: "2026-10-05" },
    { description: "Calculator for multi-step word problems", source: "IEP", startDate: "2026-10-05" },
  ],
];
const SECTION_504_STUDENTS: Entry[][] = [
  [
    { description: "Water bottle at the desk and restroom breaks as needed", source: "SECTION_504", startDate: "2026-09-08" },
    { description: "Preferential seating away from the door", source: "SECTION_504", startDate: "2026-09-08" },
  ],
];

/** Adds the demo accommodations the district lacks; returns how many it wrote. */
export async function seedAccommodations(tx: Tx, districtId: string): Promise<number> {
  const schoolId = DEMO_SCHOOLS.mapleElementary.id;
  const firstWith = (flag: "hasIep" | "has504", take: number) =>
    tx.student.findMany({ where: { districtId, schoolId, [flag]: true, id: { not: DEMO_STUDENTS.maya.id } }, orderBy: { localId: "asc" }, take, select: { id: true } });
  const iep = await firstWith("hasIep", IEP_STUDENTS.length);
  const section504 = await firstWith("has504", SECTION_504_STUDENTS.length);
  const author = await tx.user.findUniqueOrThrow({ where: { email: "specialist@maplevalley.example" }, select: { id: true } });

  const perStudent: [string, Entry[]][] = [
    [DEMO_STUDENTS.maya.id, MAYA],
    ...iep.map((s, i): [string, Entry[]] => [s.id, IEP_STUDENTS[i]!]),
    ...section504.map((s, i): [string, Entry[]] => [s.id, SECTION_504_STUDENTS[i]!]),
  ];
  let serial = 0;
  const rows: Prisma.StudentAccommodationCreateManyInput[] = perStudent.flatMap(([studentId, entries]) =>
    entries.map(({ startDate, endDate, ...e }) => ({
      id: `ac000000-0000-4000-8000-${(++serial).toString(16).padStart(12, "0")}`,
      districtId,
      studentId,
      ...e,
      startDate: demoDate(startDate),
      endDate: endDate ? demoDate(endDate) : null,
      createdByUserId: author.id,
      createdAt: demoDate(startDate, "15:00"),
    })),
  );
  return (await tx.studentAccommodation.createMany({ data: rows, skipDuplicates: true })).count;
}
