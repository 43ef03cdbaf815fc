// Behaviour demo data (issue 15): every demo district gets the default code
// lists, and Maple Valley a school year of incidents so far at realistic
// rates (roughly one to two referrals a school day per school, most of them
// minor), with the usual patterns: more in unstructured places (cafeteria,
// playground, hallways, bus) and late in the day, and a few students with
// many referrals. Deterministic (a seeded PRNG over fixed school days up to
// yesterday); a district that has incidents already is left as it is.
import type { Prisma } from "@/generated/prisma/client";
import { addDays, isoWeekday } from "@/domain/dosage";
import { installDefaultCodes } from "@/server/behavior/codes";
import type { Tx } from "@/server/db/tenant";
import { DEMO_SCHOOLS } from "./demo-data";
import { rng, type Rng } from "./people";

export const BEHAVIOR_YEAR = { first: "2026-08-26", last: "2027-06-11" } as const;
/** Holidays and breaks of the demo school year (no school, no incidents). */
const CLOSED: readonly [string, string][] = [
  ["2026-09-07", "2026-09-07"],
  ["2026-11-25", "2026-11-27"],
  ["2026-12-21", "2027-01-01"],
  ["2027-01-18", "2027-01-18"],
  ["2027-03-22", "2027-03-26"],
];

/** The demo's school days up to `until` (inclusive). */
export function demoSchoolDays(until: string): string[] {
  const out: string[] = [];
  const last = until < BEHAVIOR_YEAR.last ? until : BEHAVIOR_YEAR.last;
  for (let d: string = BEHAVIOR_YEAR.first; d <= last; d = addDays(d, 1)) {
    if (isoWeekday(d) > 5 || CLOSED.some(([a, b]) => d >= a && d <= b)) continue;
    out.push(d);
  }
  return out;
}

export type Weighted<T> = readonly (readonly [T, number])[];
function weighted<T>(r: Rng, items: Weighted<T>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** Knuth's Poisson draw: how many referrals a school gets on one day. */
function poisson(r: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = r.next(); p > limit; p *= r.next()) k++;
  return k;
}

// Where, weighted per school level: classrooms hold most of the day, but the
// unstructured places have far more referrals per minute spent there.
export const LOCATIONS: Record<string, Weighted<string>> = {
  ELEMENTARY: [["CLASSROOM", 34], ["PLAYGROUND", 22], ["CAFETERIA", 16], ["HALLWAY", 10], ["BUS", 7], ["RESTROOM", 4], ["GYM", 4], ["LIBRARY", 2], ["OTHER", 1]],
  MIDDLE: [["CLASSROOM", 36], ["HALLWAY", 18], ["CAFETERIA", 17], ["GYM", 7], ["BUS", 7], ["RESTROOM", 6], ["PARKING_LOT", 2], ["OFFICE", 2], ["OTHER", 5]],
  HIGH: [["CLASSROOM", 40], ["HALLWAY", 17], ["CAFETERIA", 12], ["PARKING_LOT", 8], ["RESTROOM", 7], ["GYM", 6], ["BUS", 4], ["OFFICE", 2], ["OTHER", 4]],
};

/** When, by place: minute ranges of the day, later classroom hours weighted up (fatigue, transitions). */
function minuteAt(r: Rng, location: string): number {
  const between = (from: number, to: number) => from + Math.floor(r.next() * (to - from));
  switch (location) {
    case "CAFETERIA":
      return between(11 * 60, 13 * 60);
    case "PLAYGROUND":
      return r.chance(0.35) ? between(10 * 60, 10 * 60 + 20) : between(12 * 60, 12 * 60 + 45);
    case "BUS":
    case "PARKING_LOT":
      return r.chance(0.3) ? between(7 * 60 + 30, 8 * 60 + 5) : between(15 * 60 + 5, 15 * 60 + 40);
    case "HALLWAY":
    case "RESTROOM":
      return weighted(r, [[between(8 * 60 + 55, 9 * 60 + 5), 1], [between(10 * 60 + 50, 11 * 60 + 5), 2], [between(13 * 60 + 25, 13 * 60 + 40), 3], [between(14 * 60 + 20, 14 * 60 + 35), 3]]);
    default: {
      const hour = weighted(r, [[8, 6], [9, 8], [10, 9], [11, 9], [12, 10], [13, 14], [14, 17], [15, 9]]);
      return hour * 60 + between(0, 60) - (hour === 15 ? 30 : 0);
    }
  }
}

export const MINOR: Weighted<string> = [["M_DISRUPTION", 28], ["M_DEFIANCE", 24], ["M_LANGUAGE", 12], ["M_CONTACT", 12], ["M_DISRESPECT", 10], ["M_PROPERTY", 6], ["M_TECHNOLOGY", 5], ["M_OTHER", 3]];
export const MAJOR: Weighted<string> = [["J_DEFIANCE", 22], ["J_AGGRESSION", 18], ["J_FIGHTING", 14], ["J_DISRUPTION", 14], ["J_ABUSIVE_LANGUAGE", 12], ["J_BULLYING", 8], ["J_PROPERTY", 5], ["J_SKIP", 4], ["J_THEFT", 3]];
export const MOTIVATION: Weighted<string | null> = [["PEER_ATTENTION", 30], ["AVOID_TASK", 24], ["ADULT_ATTENTION", 15], ["ITEMS", 10], ["AVOID_ADULTS", 6], ["AVOID_PEERS", 5], ["UNKNOWN", 6], [null, 4]];
export const MINOR_ACTION: Weighted<string | null> = [["CONFERENCE", 50], ["LOSS_PRIVILEGE", 20], ["TIME_OUT", 12], ["PARENT_CONTACT", 12], [null, 6]];
export const MAJOR_ACTION: Weighted<string | null> = [["PARENT_CONTACT", 30], ["TIME_OUT", 18], ["DETENTION", 18], ["ISS", 14], ["RESTITUTION", 6], ["OSS", 8], ["NONE_YET", 6]];
export const OTHERS: Weighted<string[]> = [[["PEERS"], 52], [["TEACHER"], 16], [["STAFF"], 10], [["PEERS", "STAFF"], 8], [["NONE"], 8], [["SUBSTITUTE"], 4], [["UNKNOWN"], 2]];
export const NOTES = [
  "Redirected twice before the referral.",
  "Calmed down after a few minutes with the counsellor.",
  "Happened during the transition from recess.",
  "Student said the work was too hard.",
  "Parent informed by phone the same afternoon.",
  "Second time this week at this time of day.",
  null,
  null,
  null,
];

/** Referrals per school day, by school level (about 0.3 to 0.5 per 100 students a day with minors). */
const DAILY_MEAN: Record<string, number> = { ELEMENTARY: 1.1, MIDDLE: 1.7, HIGH: 1.3 };

/**
 * How much more often each Maple Valley school had referrals the year before
 * (decision 030's story for the behaviour dashboard): the elementary and high
 * schools started school-wide PBIS this year and their rates fell by about a
 * third; the middle school did not, and its rate rose.
 */
export const PREVIOUS_YEAR_FACTOR: Record<string, number> = { ELEMENTARY: 1.5, MIDDLE: 0.75, HIGH: 1.45 };

type CodeId = (kind: string, key: string) => string;

/** A school's incidents on `days` at `factor` times its level's daily mean; `lastDay` decides which majors still await review. */
async function schoolIncidents(
  tx: Tx,
  r: Rng,
  districtId: string,
  school: (typeof DEMO_SCHOOLS)[keyof typeof DEMO_SCHOOLS],
  days: readonly string[],
  { factor, codeId, reportId }: { factor: number; codeId: CodeId; reportId: (n: number) => string },
  out: Prisma.IncidentCreateManyInput[],
) {
  const students = await tx.student.findMany({ where: { districtId, schoolId: school.id, archivedAt: null }, orderBy: { localId: "asc" }, select: { id: true } });
  const staff = await tx.membership.findMany({
    where: { districtId, deactivatedAt: null, OR: [{ schools: { some: { schoolId: school.id } } }, { role: "ADMIN" }] },
    orderBy: { createdAt: "asc" },
    select: { userId: true, role: true },
  });
  if (students.length === 0 || staff.length === 0) return;
  // About 5% of students get most referrals; the rest now and then.
  const frequent = students.filter((_, i) => i % 20 === 7).map((s) => s.id);
  for (const day of days) {
    for (let k = poisson(r, DAILY_MEAN[school.level]! * factor); k > 0; k--) {
      const studentId = r.chance(0.55) ? r.pick(frequent) : r.pick(students).id;
      const major = r.chance(0.3);
      const location = weighted(r, LOCATIONS[school.level]!);
      const daysAgo = days.length - days.indexOf(day);
      out.push({
        districtId,
        schoolId: school.id,
        studentId,
        reportId: reportId(out.length + 1),
        occurredOn: new Date(`${day}T00:00:00Z`),
        occurredMinute: minuteAt(r, location),
        behaviorCodeId: codeId("BEHAVIOR", weighted(r, major ? MAJOR : MINOR)),
        severity: major ? "MAJOR" : "MINOR",
        locationCodeId: codeId("LOCATION", location),
        motivationCodeId: ((m) => (m ? codeId("MOTIVATION", m) : null))(weighted(r, MOTIVATION)),
        actionCodeId: ((a) => (a ? codeId("ACTION", a) : null))(weighted(r, major ? MAJOR_ACTION : MINOR_ACTION)),
        othersInvolved: weighted(r, OTHERS),
        notes: r.pick(NOTES),
        // The office catches up within a week; the latest majors still wait.
        status: major ? (daysAgo > 4 ? "REVIEWED" : "AWAITING_REVIEW") : "HANDLED",
        reportedByUserId: r.pick(staff).userId,
        reviewedByUserId: major && daysAgo > 4 ? (staff.find((m) => m.role === "COORDINATOR") ?? staff[0]!).userId : null,
        reviewedAt: major && daysAgo > 4 ? new Date(`${addDays(day, 1)}T16:00:00Z`) : null,
        createdAt: new Date(`${day}T20:00:00Z`),
      });
    }
  }
}

/**
 * The default codes for every demo district that lacks them, and Maple
 * Valley's incidents of the school year up to yesterday when it has none,
 * with the whole previous school year's (the demo calendar 52 weeks earlier,
 * so weekdays and breaks line up) for the behaviour dashboard's comparison.
 * Returns how many codes and incidents it wrote.
 */
export async function seedBehavior(tx: Tx, districtId: string, { today, withIncidents }: { today: string; withIncidents: boolean }): Promise<{ codes: number; incidents: number }> {
  const codes = await installDefaultCodes(tx, districtId);
  if (!withIncidents || (await tx.incident.count({ where: { districtId } })) > 0) return { codes, incidents: 0 };
  const codeRows = await tx.behaviorCode.findMany({ where: { districtId }, select: { id: true, code: true, kind: true } });
  const codeId: CodeId = (kind, key) => codeRows.find((c) => c.kind === kind && c.code === key)!.id;
  const r = rng(1515);
  const days = demoSchoolDays(addDays(today, -1));
  const lastYear = demoSchoolDays(BEHAVIOR_YEAR.last).map((d) => addDays(d, -364));
  const incidents: Prisma.IncidentCreateManyInput[] = [];
  const before: Prisma.IncidentCreateManyInput[] = [];
  const previous = rng(2525);
  for (const school of Object.values(DEMO_SCHOOLS).filter((s) => s.district === "maple")) {
    await schoolIncidents(tx, r, districtId, school, days, { factor: 1, codeId, reportId: (n) => `7e000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}` }, incidents);
    await schoolIncidents(tx, previous, districtId, school, lastYear, { factor: PREVIOUS_YEAR_FACTOR[school.level]!, codeId, reportId: (n) => `7e100000-0000-4000-8000-${n.toString(16).padStart(12, "0")}` }, before);
  }
  await tx.incident.createMany({ data: [...incidents, ...before] });
  return { codes, incidents: incidents.length + before.length };
}

/**
 * One Maple Valley Elementary student with ABC data, a completed FBA and an
 * active BIP: the third student (by local id) on the demo assistant's
 * caseload after Maya, so the assistant and the specialist both serve them.
 * Left as it is when the student has an FBA already. Returns rows written.
 */
export async function seedFbaAndBip(tx: Tx, districtId: string, { today }: { today: string }): Promise<number> {
  const assistant = await tx.membership.findFirst({ where: { districtId, user: { email: "assistant@maplevalley.example" } }, select: { id: true, userId: true } });
  const specialist = await tx.membership.findFirst({ where: { districtId, user: { email: "specialist@maplevalley.example" } }, select: { userId: true } });
  if (!assistant || !specialist) return 0;
  const served = await tx.caseloadAssignment.findMany({
    where: { districtId, membershipId: assistant.id, endedAt: null, student: { localId: { not: "MV100001" } } },
    orderBy: { student: { localId: "asc" } },
    select: { studentId: true, student: { select: { schoolId: true } } },
    take: 3,
  });
  const target = served[2];
  if (!target || (await tx.fba.count({ where: { districtId, studentId: target.studentId } })) > 0) return 0;
  const days = demoSchoolDays(addDays(today, -1));
  if (days.length < 30) return 0;
  const r = rng(4242);
  const studentId = target.studentId;
  const code = async (kind: "BEHAVIOR" | "LOCATION" | "MOTIVATION" | "ACTION", key: string) => (await tx.behaviorCode.findFirstOrThrow({ where: { districtId, kind, code: key } })).id;
  // Incidents around written work, mostly in class after lunch.
  const incidentDays = days.slice(5, 30).filter((_, i) => i % 4 === 1);
  const incidents = await tx.incident.createManyAndReturn({
    data: await Promise.all(
      incidentDays.map(async (day, i) => ({
        districtId,
        schoolId: target.student.schoolId,
        studentId,
        reportId: `7f000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
        occurredOn: new Date(`${day}T00:00:00Z`),
        occurredMinute: 13 * 60 + Math.floor(r.next() * 90),
        behaviorCodeId: await code("BEHAVIOR", i % 3 === 2 ? "J_DISRUPTION" : "M_DISRUPTION"),
        severity: i % 3 === 2 ? ("MAJOR" as const) : ("MINOR" as const),
        locationCodeId: await code("LOCATION", "CLASSROOM"),
        motivationCodeId: await code("MOTIVATION", "AVOID_TASK"),
        actionCodeId: await code("ACTION", i % 3 === 2 ? "PARENT_CONTACT" : "CONFERENCE"),
        othersInvolved: ["TEACHER"],
        notes: "Refused the writing task, tore the page and left the seat.",
        status: i % 3 === 2 ? ("REVIEWED" as const) : ("HANDLED" as const),
        reportedByUserId: assistant.userId,
        reviewedByUserId: i % 3 === 2 ? specialist.userId : null,
        reviewedAt: i % 3 === 2 ? new Date(`${day}T21:00:00Z`) : null,
      })),
    ),
    select: { id: true },
  });
  const abcDays = days.slice(28, 40);
  const abc: Prisma.AbcRecordCreateManyInput[] = abcDays.map((day, i) => ({
    districtId,
    studentId,
    clientKey: `7a000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
    observedOn: new Date(`${day}T00:00:00Z`),
    observedMinute: (i % 4 === 3 ? 10 : 13) * 60 + 10 + i,
    setting: i % 4 === 3 ? "Hallway, transition to music" : "Writing block, whole class",
    antecedentKind: i % 4 === 3 ? "TRANSITION" : "TASK_DEMAND",
    antecedent: i % 4 === 3 ? null : "Asked to start a written paragraph",
    behavior: "Tore the worksheet, pushed the chair back and walked to the door",
    consequenceKind: i % 4 === 3 ? "ADULT_ATTENTION" : i % 2 ? "SENT_OUT" : "TASK_REMOVED",
    consequence: i % 4 === 3 ? "Teacher walked with him" : "Task set aside for the rest of the block",
    durationMinutes: 3 + (i % 5),
    intensity: 2 + (i % 3),
    recordedByUserId: assistant.userId,
  }));
  const fba = await tx.fba.create({
    data: {
      districtId,
      studentId,
      targetBehavior: "Tears written work and leaves the seat within about 3 minutes of being asked to write",
      settings: "Writing and math blocks after lunch; occasionally transitions",
      otherSources: "Teacher interview (FAST), 30 Sept; guardian interview, 2 Oct; Motivation Assessment Scale, 6 Oct",
      function: "ESCAPE_TASK",
      hypothesis: "When asked to write more than a sentence, the student tears the work and leaves his seat in order to escape the writing task.",
      team: "Sam Patel (specialist), class teacher, Jordan Lee (assistant), school psychologist, the student's mother",
      completedOn: new Date(`${days[40] ?? days.at(-1)!}T00:00:00Z`),
      guardianParticipated: true,
      guardianConsentOn: new Date(`${days[20]!}T00:00:00Z`),
      createdByUserId: specialist.userId,
      version: 4,
    },
    select: { id: true },
  });
  await tx.abcRecord.createMany({ data: abc.map((a) => ({ ...a, fbaId: fba.id })) });
  await tx.fbaIncident.createMany({ data: incidents.map((i) => ({ districtId, fbaId: fba.id, incidentId: i.id })) });
  await tx.bip.create({
    data: {
      districtId,
      studentId,
      fbaId: fba.id,
      version: 1,
      targetBehavior: "Tears written work and leaves the seat",
      replacementBehavior: "Asks for a short break or for help with the break card, then returns to the task",
      prevention: "Break written tasks into 3-sentence chunks; first-then board; sentence starters on the desk; pre-teach the task at morning check-in",
      teaching: "Teach the break card and asking for help (role play, 5 minutes daily for two weeks, then weekly)",
      reinforcement: "A point for each break card use and each chunk finished; 10 points = 5 minutes of drawing at the end of the block",
      response: "Calm, brief prompt to the break card; the task waits for him (no task removal); praise the return",
      crisisSteps: ["Move other students away from the area", "Call the office (extension 200) for a second adult", "Stay nearby, speak little, keep the door in view", "Write an incident report the same day"],
      crisisContacts: "Office 200; school psychologist 214",
      reviewOn: new Date(`${addDays(days[40] ?? days.at(-1)!, 42)}T00:00:00Z`),
      implementers: "Class teacher, Jordan Lee (assistant), Sam Patel (specialist)",
      createdByUserId: specialist.userId,
    },
  });
  return incidents.length + abc.length + 2;
}
