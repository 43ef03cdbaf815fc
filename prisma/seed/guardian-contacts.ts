// Contacts with families at Maple Elementary (issue 19, decision 031): calls,
// emails, meetings in person and letters over the autumn, several with an
// interpreter for Spanish-speaking (and other) families, so the record's
// "Contacts with the family" section, the history feed and a meeting's turn
// have something real to show. Maya's family first: the demo's journeys open her.
import { addDays } from "@/domain/dosage";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { DEMO_SCHOOLS, DEMO_STUDENTS } from "./demo-data";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Method = "PHONE" | "EMAIL" | "IN_PERSON" | "LETTER";
interface Story {
  daysAgo: number;
  method: Method;
  purpose: string;
  summary: string;
  followUp?: string;
}

// What schools write after a contact: short, factual, with what happens next.
const STORIES: readonly Story[][] = [
  [
    { daysAgo: 70, method: "PHONE", purpose: "Tell the family about the fall screening result and the reading group.", summary: "Explained the small reading group four mornings a week. The family agreed and asked how to help at home.", followUp: "Send the reading log and a list of books at her level." },
    { daysAgo: 35, method: "LETTER", purpose: "Progress update after six weeks of the reading group.", summary: "Sent the progress graph with a short note: steady growth, still below the goal line." },
    { daysAgo: 9, method: "IN_PERSON", purpose: "Invite the family to the problem-solving meeting.", summary: "Met at pick-up. The family will attend and would like the reading log in both languages.", followUp: "Book the district interpreter for the meeting." },
  ],
  [
    { daysAgo: 55, method: "PHONE", purpose: "Ask for consent to start a Tier 2 math group.", summary: "Consent given on the phone; the signed form will come back in the folder.", followUp: "Check the folder on Friday." },
    { daysAgo: 20, method: "EMAIL", purpose: "Share the first four weeks of math probes.", summary: "Sent the graph. The family replied that homework time is hard and asked for games to practise facts." },
  ],
  [
    { daysAgo: 42, method: "IN_PERSON", purpose: "Talk about behaviour in the afternoons.", summary: "Parent conference with the classroom teacher. Agreed to try a daily report card sent home each day.", followUp: "Start the card on Monday; call in two weeks." },
    { daysAgo: 26, method: "PHONE", purpose: "Two-week check on the daily report card.", summary: "The family signs the card every evening. Fewer notes home about the afternoons." },
  ],
  [{ daysAgo: 30, method: "LETTER", purpose: "Invite the family to the fall intervention night.", summary: "Letter sent home in the family's language with the date, time and a map." }],
  [
    { daysAgo: 48, method: "PHONE", purpose: "Attendance: five absences in September.", summary: "The family explained a change in work hours. The school bus stop was moved closer.", followUp: "Review attendance at the end of October." },
    { daysAgo: 14, method: "EMAIL", purpose: "Attendance review.", summary: "One absence in October. Thanked the family and shared the reading progress." },
  ],
  [{ daysAgo: 16, method: "PHONE", purpose: "Return call: the family asked about the reading group.", summary: "Explained what the group works on and how progress is checked each week. The family asked for a copy of the goal.", followUp: "Send the goal sentence home in writing." }],
];

export async function seedGuardianContacts(tx: Tx, districtId: string): Promise<number> {
  if ((await tx.guardianContact.count({ where: { districtId } })) > 0) return 0;
  const schoolId = DEMO_SCHOOLS.mapleElementary.id;
  const writers = await tx.membership.findMany({
    where: { districtId, user: { email: { in: ["coordinator@maplevalley.example", "specialist@maplevalley.example"] } } },
    select: { userId: true, user: { select: { email: true } } },
  });
  const coordinator = writers.find((w) => w.user.email.startsWith("coordinator"));
  const specialist = writers.find((w) => w.user.email.startsWith("specialist"));
  if (!coordinator || !specialist) return 0;
  // Maya, three Spanish-speaking families and two more (one of them English-speaking), all at Maple Elementary.
  const select = { id: true, guardians: { orderBy: { position: "asc" as const }, take: 1, select: { name: true, relationship: true, preferredLanguage: true } } };
  const maya = await tx.student.findFirst({ where: { districtId, id: DEMO_STUDENTS.maya.id }, select });
  const spanish = await tx.student.findMany({ where: { districtId, schoolId, archivedAt: null, id: { not: DEMO_STUDENTS.maya.id }, guardians: { some: { position: 0, preferredLanguage: "Spanish" } } }, orderBy: { localId: "asc" }, take: 3, select });
  const others = await tx.student.findMany({
    where: { districtId, schoolId, archivedAt: null, id: { notIn: [DEMO_STUDENTS.maya.id, ...spanish.map((s) => s.id)] }, guardians: { some: { position: 0, NOT: { preferredLanguage: "Spanish" } } } },
    orderBy: { localId: "desc" },
    take: 2,
    select,
  });
  const students = [maya, ...spanish, ...others].filter((s): s is NonNullable<typeof s> => Boolean(s?.guardians[0]));
  const today = todayIso();
  const rows: Prisma.GuardianContactCreateManyInput[] = students.flatMap((s, i) => {
    const g = s.guardians[0]!;
    const language = g.preferredLanguage && g.preferredLanguage !== "English" ? g.preferredLanguage : null;
    return STORIES[i % STORIES.length]!.map((story, k) => ({
      districtId,
      studentId: s.id,
      contactedOn: day(addDays(today, -story.daysAgo)),
      guardianName: g.name,
      guardianRelationship: g.relationship,
      method: story.method,
      // A phone call or meeting with a family who reads another language goes through an interpreter; letters go out translated.
      interpreterUsed: Boolean(language) && story.method !== "LETTER" && story.method !== "EMAIL",
      interpreterLanguage: language && story.method !== "LETTER" && story.method !== "EMAIL" ? language : null,
      purpose: story.purpose,
      summary: story.summary,
      followUp: story.followUp ?? null,
      createdByUserId: (i + k) % 2 === 0 ? coordinator.userId : specialist.userId,
      createdAt: day(addDays(today, -story.daysAgo)),
    }));
  });
  await tx.guardianContact.createMany({ data: rows });
  return rows.length;
}

/**
 * The referred student's contacts (decision 038): the referral packet shows
 * the contact log, and its "Guardians informed" item can read it. A progress
 * call before the referral and, after it, the meeting where the team
 * explained the evaluation. Added only when that student has no contact yet.
 */
export async function seedReferralContacts(tx: Tx, districtId: string, referralId: string): Promise<number> {
  const referral = await tx.referral.findFirst({
    where: { id: referralId, districtId },
    select: { referredOn: true, createdByUserId: true, student: { select: { id: true, guardians: { orderBy: { position: "asc" }, take: 1, select: { name: true, relationship: true, preferredLanguage: true } } } } },
  });
  const g = referral?.student.guardians[0];
  if (!referral || !g || (await tx.guardianContact.count({ where: { districtId, studentId: referral.student.id } })) > 0) return 0;
  const referred = referral.referredOn.toISOString().slice(0, 10);
  const language = g.preferredLanguage && g.preferredLanguage !== "English" ? g.preferredLanguage : null;
  const base = { districtId, studentId: referral.student.id, guardianName: g.name, guardianRelationship: g.relationship, createdByUserId: referral.createdByUserId };
  const rows: Prisma.GuardianContactCreateManyInput[] = [
    {
      ...base,
      contactedOn: day(addDays(referred, -21)),
      method: "PHONE",
      interpreterUsed: Boolean(language),
      interpreterLanguage: language,
      purpose: "Progress in the second reading intervention.",
      summary: "Shared that growth is still slower than the goal line after two interventions. The family asked what else the school can do.",
      followUp: "Talk about a referral for an evaluation at the next team meeting.",
      createdAt: day(addDays(referred, -21)),
    },
    {
      ...base,
      contactedOn: day(addDays(referred, 2)),
      method: "IN_PERSON",
      interpreterUsed: Boolean(language),
      interpreterLanguage: language,
      purpose: "Explain the referral for a special education evaluation.",
      summary: "Went through the intervention record and what an evaluation involves. The family's questions were answered; they took the consent form home to read.",
      followUp: "Call in a week about the consent form.",
      createdAt: day(addDays(referred, 2)),
    },
  ];
  await tx.guardianContact.createMany({ data: rows });
  return rows.length;
}
