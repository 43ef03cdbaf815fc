// The record of access (FERPA 34 CFR 99.32, decision 035): every event about
// a student, including lists and files that showed them among others and
// whole-district exports, over a date range, paged on the server and as CSV;
// administrators only; audited itself.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { ACCESS_RECORD_CSV_COLUMNS, ACCESS_RECORD_PAGE_SIZE, exportAccessRecordCsv, getAccessRecord } from "@/server/audit/access-record";
import { recordAudit } from "@/server/audit/record";
import { getStudentListPage } from "@/server/students/queries";
import { withTenant } from "@/server/db/tenant";
import { makeAuditEvent, makeDistrict, makeSchool, makeStudent } from "../factories";
import { appDb, asOwner } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let schoolId: string;
let admin: Person;
let coordinator: Person;
let specialist: Person;
let otherAdmin: Person;
let maya: string;
let leo: string;
let otherStudent: string;

const person = (name: string, role: Ctx["role"], inDistrict: string, schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    maya = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Maya", legalLastName: "Johnson", createdAt: new Date(Date.UTC(2026, 0, 1)) })).id;
    leo = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Leo", legalLastName: "Park", createdAt: new Date(Date.UTC(2026, 0, 1)) })).id;
    otherStudent = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool })).id;
  });
  admin = await person("Ada Admin", "ADMIN", districtId);
  coordinator = await person("Cora Coordinator", "COORDINATOR", districtId, [schoolId]);
  specialist = await person("Sam Patel", "SPECIALIST", districtId, [schoolId]);
  otherAdmin = await person("Otto Other", "ADMIN", otherDistrictId);

  // A believable history: direct views and changes, a list page and a CSV
  // showing Maya among others, a district export, and events about Leo only.
  const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 2, day, 15, minute));
  await asOwner(async (tx) => {
    await makeAuditEvent(tx, { districtId, actorUserId: specialist.ctx.userId, action: "view", entityType: "Student", entityId: maya, studentId: maya, detail: { page: "history" }, createdAt: at(2) });
    await makeAuditEvent(tx, { districtId, actorUserId: coordinator.ctx.userId, action: "update", entityType: "Student", entityId: maya, studentId: maya, detail: { fields: ["grade"] }, createdAt: at(3) });
    await makeAuditEvent(tx, { districtId, actorUserId: specialist.ctx.userId, action: "view", entityType: "Student", entityId: leo, studentId: leo, createdAt: at(4) });
    await makeAuditEvent(tx, { districtId, actorUserId: admin.ctx.userId, action: "export", entityType: "District", entityId: districtId, detail: { export: "district" }, createdAt: at(6) });
    // Before Maya was enrolled: a district export that could not include her.
    await makeAuditEvent(tx, { districtId, actorUserId: admin.ctx.userId, action: "export", entityType: "District", entityId: districtId, detail: { export: "district" }, createdAt: new Date(Date.UTC(2025, 5, 1)) });
  });
  await withTenant(districtId, async (tx) => {
    const listId = randomUUID();
    await tx.auditEvent.createMany({ data: [{ id: listId, districtId, actorUserId: coordinator.ctx.userId, action: "view", entityType: "StudentList", detail: { searched: true, total: 2 }, createdAt: at(5) }] });
    await tx.auditEventStudent.createMany({ data: [maya, leo].map((studentId) => ({ districtId, auditEventId: listId, studentId, createdAt: at(5) })) });
    await recordAudit(tx, { districtId, actorUserId: coordinator.ctx.userId, action: "export", entityType: "ComplianceCalendar", detail: { format: "csv" }, studentIds: [maya, leo, maya] });
  }, appDb());
});

beforeEach(() => signInAs(admin.ctx));

const viewsOfRecord = (studentId: string, action: string) => asOwner((tx) => tx.auditEvent.count({ where: { districtId, entityType: "AccessRecord", studentId, action } }));

describe("recordAudit with many students", () => {
  it("links each student once to the event, and the links are append-only", async () => {
    const links = await asOwner((tx) => tx.auditEventStudent.findMany({ where: { districtId, event: { entityType: "ComplianceCalendar" } } }));
    expect(links.map((l) => l.studentId).sort()).toEqual([maya, leo].sort());
    await expect(appDb().$executeRawUnsafe(`DELETE FROM "AuditEventStudent"`)).rejects.toThrow(/permission denied|append-only/);
    await expect(asOwner((tx) => tx.$executeRawUnsafe(`UPDATE "AuditEventStudent" SET "createdAt" = now()`))).rejects.toThrow(/append-only/);
  });

  it("links the students a student list page showed", async () => {
    signInAs(coordinator.ctx);
    await getStudentListPage(coordinator.ctx);
    const last = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { districtId, entityType: "StudentList", actorUserId: coordinator.ctx.userId }, orderBy: { createdAt: "desc" }, include: { students: true } }));
    expect(last.students.map((s) => s.studentId).sort()).toEqual([maya, leo].sort());
  });

  it("cannot link a student to another district's event (RLS)", async () => {
    await expect(
      withTenant(districtId, (tx) => tx.auditEventStudent.createMany({ data: [{ districtId: otherDistrictId, auditEventId: randomUUID(), studentId: otherStudent, createdAt: new Date() }] }), appDb()),
    ).rejects.toThrow();
  });
});

describe("getAccessRecord", () => {
  it("lists every access and disclosure about the student, newest first, with who, what and why, and audits itself", async () => {
    const before = await viewsOfRecord(maya, "view");
    const record = await getAccessRecord(admin.ctx, maya, { from: "2026-03-01", to: "2026-03-31" });
    expect(await viewsOfRecord(maya, "view")).toBe(before + 1);
    const rows = record.entries.map((e) => [e.who, e.action, e.what]);
    expect(rows).toEqual([
      ["Ada Admin (Administrator)", "Exported or printed", "Export of the whole district's records (every table)"],
      ["Cora Coordinator (Coordinator)", "Viewed", "Student list: a search showing this student among 2 students"],
      ["Cora Coordinator (Coordinator)", "Changed", "Student: Maya Johnson"],
      ["Sam Patel (Specialist)", "Viewed", "Student: Maya Johnson"],
    ]);
    expect(record.entries[2]!.why).toBe("Coordinator: school official with a legitimate educational interest; changed grade");
    expect(record.entries[3]!.why).toContain("opened the history page");
    // Leo's own view is not Maya's; the export before her enrolment is not either.
    expect(record.entries.some((e) => e.createdAt.getTime() === Date.UTC(2026, 2, 4, 15))).toBe(false);
  });

  it("includes lists and files recorded today, and the district export only while the student was enrolled", async () => {
    const all = await getAccessRecord(admin.ctx, maya, {});
    expect(all.entries.some((e) => e.what.startsWith("Compliance calendar (CSV)"))).toBe(true);
    expect(all.entries.filter((e) => e.what.startsWith("Export of the whole district")).length).toBe(1);
  });

  it("pages on the server by keyset, without gaps or repeats", async () => {
    const busy = await asOwner(async (tx) => {
      const id = (await makeStudent(tx, { districtId, schoolId })).id;
      await tx.auditEvent.createMany({
        data: Array.from({ length: ACCESS_RECORD_PAGE_SIZE + 30 }, (_, i) => ({
          districtId,
          actorUserId: specialist.ctx.userId,
          action: "view",
          entityType: "Student",
          entityId: id,
          studentId: id,
          // Pairs in the same millisecond: the id breaks the tie.
          createdAt: new Date(Date.UTC(2026, 4, 1, 12, 0, 0, Math.floor(i / 2))),
        })),
      });
      return id;
    });
    const range = { from: "2026-05-01", to: "2026-05-01" };
    const first = await getAccessRecord(admin.ctx, busy, range);
    expect(first.entries).toHaveLength(ACCESS_RECORD_PAGE_SIZE);
    expect(first.olderCursor).not.toBeNull();
    const second = await getAccessRecord(admin.ctx, busy, { ...range, before: first.olderCursor! });
    expect(second.entries).toHaveLength(30);
    expect(second.olderCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(ACCESS_RECORD_PAGE_SIZE + 30);
    const times = [...first.entries, ...second.entries].map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("refuses a reversed or malformed range with field errors and no entries", async () => {
    const reversed = await getAccessRecord(admin.ctx, maya, { from: "2026-03-31", to: "2026-03-01" });
    expect(reversed.errors.to).toEqual(["The end date is before the start date."]);
    expect(reversed.entries).toEqual([]);
    const bad = await getAccessRecord(admin.ctx, maya, { from: "0000-00-00", to: "a\u0000b" });
    expect(Object.keys(bad.errors).sort()).toEqual(["from", "to"]);
  });

  it.each([
    ["a coordinator of the student's school", () => coordinator],
    ["a specialist", () => specialist],
  ])("is not found for %s, with a denied audit event", async (_label, who) => {
    const p = who();
    signInAs(p.ctx);
    await expect(getAccessRecord(p.ctx, maya, {})).rejects.toMatchObject(NOT_FOUND);
    await expect(exportAccessRecordCsv(p.ctx, maya, {})).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: p.ctx.userId, action: "denied", detail: { path: ["attempted"], equals: "student.accessHistory" } } }));
    expect(denied).toBeGreaterThanOrEqual(2);
  });

  it("is not found for another district's administrator or a malformed id", async () => {
    signInAs(otherAdmin.ctx);
    await expect(getAccessRecord(otherAdmin.ctx, maya, {})).rejects.toMatchObject(NOT_FOUND);
    signInAs(admin.ctx);
    await expect(getAccessRecord(admin.ctx, otherStudent, {})).rejects.toMatchObject(NOT_FOUND);
    await expect(getAccessRecord(admin.ctx, "not-a-uuid\u0000", {})).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("exportAccessRecordCsv", () => {
  it("writes every entry in the range, audited as an export", async () => {
    const before = await viewsOfRecord(maya, "export");
    const file = (await exportAccessRecordCsv(admin.ctx, maya, { from: "2026-03-01", to: "2026-03-31" }))!;
    expect(await viewsOfRecord(maya, "export")).toBe(before + 1);
    const lines = file.csv.trim().split("\r\n");
    expect(lines[0]).toBe(ACCESS_RECORD_CSV_COLUMNS.map((c) => `"${c}"`).join(","));
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain('"Sam Patel (Specialist)","Viewed","Student: Maya Johnson"');
    expect(file.filename).toMatch(/^record-of-access-[A-Za-z0-9_-]+-from-2026-03-01-to-2026-03-31\.csv$/);
    expect(file.filename).not.toContain("Maya");
  });

  it("answers null (400) for invalid dates and writes no export event", async () => {
    const before = await viewsOfRecord(maya, "export");
    expect(await exportAccessRecordCsv(admin.ctx, maya, { from: "2026-13-40" })).toBeNull();
    expect(await viewsOfRecord(maya, "export")).toBe(before);
  });
});
