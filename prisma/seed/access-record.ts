// Maya's record of access (decision 035): a term of believable audit events
// about her, so the administrator's report for a family shows what one would
// hold: the case manager's and assistant's views, the coordinator's tier
// change and list searches, a compliance CSV and a screening export that
// included her among others, the service log printed for her family, the
// district's export, and one refused attempt by a middle-school specialist.
// Idempotent: a fixed id marks the first event; when it is there, nothing is added.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { DEMO_STUDENTS } from "./demo-data";

const MARK_ID = "ae000000-0000-4000-8000-000000000001";

export async function seedAccessRecord(tx: Tx, districtId: string): Promise<number> {
  if (await tx.auditEvent.count({ where: { id: MARK_ID } })) return 0;
  const maya = DEMO_STUDENTS.maya.id;
  const users = await tx.user.findMany({
    where: { email: { in: ["admin@maplevalley.example", "coordinator@maplevalley.example", "specialist@maplevalley.example", "assistant@maplevalley.example", "specialist.middle@maplevalley.example"] } },
    select: { id: true, email: true },
  });
  const id = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const admin = id("admin@maplevalley.example");
  const coordinator = id("coordinator@maplevalley.example");
  const specialist = id("specialist@maplevalley.example");
  const assistant = id("assistant@maplevalley.example");
  const middle = id("specialist.middle@maplevalley.example");
  const plan = await tx.planStudent.findFirst({ where: { districtId, studentId: maya }, select: { planId: true }, orderBy: { planId: "asc" } });
  const tier = await tx.studentTier.findFirst({ where: { districtId, studentId: maya }, select: { id: true }, orderBy: { effectiveDate: "desc" } });
  // Classmates shown with her on a list page and in the files.
  const others = (await tx.student.findMany({ where: { districtId, schoolId: (await tx.student.findUniqueOrThrow({ where: { id: maya }, select: { schoolId: true } })).schoolId, id: { not: maya } }, select: { id: true }, orderBy: { localId: "asc" }, take: 24 })).map((s) => s.id);

  const at = (iso: string) => new Date(iso);
  const events: Prisma.AuditEventCreateManyInput[] = [];
  const links: Prisma.AuditEventStudentCreateManyInput[] = [];
  const one = (e: Omit<Prisma.AuditEventCreateManyInput, "districtId">, eventId: string = randomUUID()) => events.push({ ...e, id: eventId, districtId });
  const many = (e: Omit<Prisma.AuditEventCreateManyInput, "districtId" | "createdAt">, createdAt: Date, studentIds: string[]) => {
    const eventId = randomUUID();
    events.push({ ...e, id: eventId, districtId, createdAt });
    for (const studentId of studentIds) links.push({ districtId, auditEventId: eventId, studentId, createdAt });
  };

  one({ actorUserId: specialist, action: "view", entityType: "Student", entityId: maya, studentId: maya, detail: { page: "history" }, createdAt: at("2026-08-27T14:05:12Z") }, MARK_ID);
  many({ actorUserId: coordinator, action: "view", entityType: "StudentList", detail: { searched: false, searchLength: 0, filters: { page: 1 }, total: 25 } }, at("2026-09-02T13:40:03Z"), [maya, ...others]);
  if (plan) one({ actorUserId: specialist, action: "create", entityType: "InterventionPlan", entityId: plan.planId, studentId: maya, detail: { status: "DRAFT" }, createdAt: at("2026-09-08T15:12:44Z") });
  if (plan) one({ actorUserId: coordinator, action: "update", entityType: "InterventionPlan", entityId: plan.planId, studentId: maya, detail: { event: "APPROVE" }, createdAt: at("2026-09-09T19:02:10Z") });
  if (tier) one({ actorUserId: coordinator, action: "create", entityType: "StudentTier", entityId: tier.id, studentId: maya, detail: { fields: ["tier", "reason"] }, createdAt: at("2026-09-15T16:30:00Z") });
  if (plan) one({ actorUserId: assistant, action: "view", entityType: "InterventionPlan", entityId: plan.planId, studentId: maya, detail: { page: "plan sessions" }, createdAt: at("2026-09-22T14:48:31Z") });
  if (plan) one({ actorUserId: assistant, action: "view", entityType: "InterventionPlan", entityId: plan.planId, studentId: maya, detail: { page: "log session" }, createdAt: at("2026-10-06T14:51:09Z") });
  many({ actorUserId: coordinator, action: "export", entityType: "ComplianceCalendar", detail: { format: "csv", rows: 25 } }, at("2026-10-01T21:15:40Z"), [maya, ...others]);
  one({ actorUserId: middle, action: "denied", entityType: "Student", entityId: maya, studentId: maya, detail: { attempted: "student.view" }, createdAt: at("2026-10-14T18:22:57Z") });
  many({ actorUserId: coordinator, action: "view", entityType: "StudentList", detail: { searched: true, searchLength: 4, filters: { page: 1 }, total: 3 } }, at("2026-10-20T15:03:19Z"), [maya, ...others.slice(0, 2)]);
  one({ actorUserId: specialist, action: "view", entityType: "Student", entityId: maya, studentId: maya, detail: { page: "summary" }, createdAt: at("2026-10-28T20:10:05Z") });
  // The service log printed for her parents' conference.
  one({ actorUserId: specialist, action: "export", entityType: "ServiceLog", entityId: maya, studentId: maya, detail: { from: "2026-08-24", to: "2026-10-30" }, createdAt: at("2026-10-30T16:45:00Z") });
  many({ actorUserId: coordinator, action: "export", entityType: "ScreeningScore", detail: { rows: 25 } }, at("2026-11-04T17:20:13Z"), [maya, ...others]);
  one({ actorUserId: admin, action: "export", entityType: "District", entityId: districtId, detail: { export: "district" }, createdAt: at("2026-11-16T23:05:51Z") });
  one({ actorUserId: specialist, action: "update", entityType: "Student", entityId: maya, studentId: maya, detail: { fields: ["homeLanguage"] }, createdAt: at("2026-11-19T15:37:26Z") });
  one({ actorUserId: admin, action: "view", entityType: "Student", entityId: maya, studentId: maya, detail: { page: "edit" }, createdAt: at("2026-12-01T17:02:48Z") });

  await tx.auditEvent.createMany({ data: events });
  await tx.auditEventStudent.createMany({ data: links });
  return events.length;
}
