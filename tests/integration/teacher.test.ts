// Classroom teachers (issue 17, decision 020): a teacher reaches the students
// of the classes they teach, through the one reach module, so every page and
// action already built answers for them: their class's student profile,
// roster, report card and incidents, and the class screening grid, yes; a
// student of another class or school, and every page outside their grants,
// no (404 / NOT_FOUND with a `denied` audit event, nothing written). The
// reach suite (tests/integration/reach.test.ts) proves the refusals for every
// route and action with `otherClassTeacher`; this file proves the teacher's
// own reach, which that suite does not. Built on the reach suite's world.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { can } from "@/domain/permissions";
import { recordIncident } from "@/server/behavior/actions";
import { getClassRoster, getMyClasses } from "@/server/classes/teacher";
import { rateCicoPeriod } from "@/server/cico/actions";
import { getRatingScreen } from "@/server/cico/queries";
import { getHome } from "@/server/dashboards/queries";
import { withTenant } from "@/server/db/tenant";
import { reachOf, studentReach } from "@/server/reach";
import { saveClassScreeningScores } from "@/server/screening/actions";
import { getClassScreeningGrid, getScreeningClasses } from "@/server/screening/queries";
import { getStudentProfile } from "@/server/students/queries";
import { asOwner } from "../support/db";
import { formOf, isNotFound, signInAs, type Person } from "../support/session";
import { buildWorld, type World } from "./reach/world";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 120_000);

const today = () => new Date().toISOString().slice(0, 10);
const as = (p: Person) => (signInAs(p.ctx), p.ctx);
const deniedCount = (userId: string) => asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: userId, action: "denied" } }));
async function refused(p: Person, run: () => Promise<unknown>) {
  const before = await deniedCount(p.userId);
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(isNotFound(error), String(error)).toBe(true);
  expect(await deniedCount(p.userId)).toBe(before + 1);
}

describe("a teacher's reach is their class roster", () => {
  it("reachOf counts the teacher for the students of their class only, and only while they are a TEACHER", async () => {
    const reach = await withTenant(w.districtId, (tx) => reachOf(tx, w.districtId, [w.student.id, w.schoolClass.otherStudent]));
    expect(reach.get(w.student.id)).toContain(w.people.teacher.userId);
    expect(reach.get(w.student.id)).not.toContain(w.people.otherClassTeacher.userId);
    expect(reach.get(w.schoolClass.otherStudent)).toEqual([w.people.otherClassTeacher.userId]);
  });

  it("an enrolment that has ended ends the reach", async () => {
    await asOwner((tx) => tx.classEnrollment.updateMany({ where: { districtId: w.districtId, classId: w.schoolClass.other, role: "STUDENT" }, data: { endDate: new Date("2020-01-01T00:00:00Z") } }));
    const ctx = w.people.otherClassTeacher.ctx;
    const resource = await withTenant(w.districtId, (tx) => studentReach(tx, ctx, { id: w.schoolClass.otherStudent, schoolId: w.school.north }));
    expect(can(ctx, "student.view", resource)).toBe(false);
    await asOwner((tx) => tx.classEnrollment.updateMany({ where: { districtId: w.districtId, classId: w.schoolClass.other, role: "STUDENT" }, data: { endDate: null } }));
  });

  it("the home and My classes list the classes they teach, and nobody else's", async () => {
    as(w.people.teacher);
    const home = await getHome(w.people.teacher.ctx);
    expect(home.kind).toBe("classes");
    if (home.kind !== "classes") return;
    expect(home.classes.map((c) => [c.title, c.students])).toEqual([[w.schoolClass.title, 1]]);
    expect((await getMyClasses(w.people.teacher.ctx)).map((c) => c.id)).toEqual([w.schoolClass.own]);
    expect((await getScreeningClasses(w.people.teacher.ctx)).map((c) => c.id)).toEqual([w.schoolClass.own]);
  });

  it("the roster shows each student with tiers, flags and accommodations, and logs the view", async () => {
    const ctx = as(w.people.teacher);
    const roster = await getClassRoster(ctx, w.schoolClass.own);
    expect(roster.rows).toHaveLength(1);
    const row = roster.rows[0]!;
    expect(row).toMatchObject({ id: w.student.id, onReportCard: true });
    expect(row.tiers).toEqual([]);
    expect(row.accommodations?.length).toBe(1);
    // Whether the student has an IEP or a 504 plan would tell; a teacher may not see it.
    expect(row.accommodations![0]!.source).toBeNull();
    expect(roster.may).toEqual({ rateCards: true, recordIncidents: true, enterScreening: true });
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: ctx.userId, action: "view", studentId: w.student.id, entityType: "Student" } }))).toBeGreaterThan(0);
  });

  it("opens the profile of a student of their class, not of another class (denied and logged)", async () => {
    const ctx = as(w.people.teacher);
    const profile = await getStudentProfile(ctx, w.student.id);
    expect(profile).toBeTruthy();
    await refused(w.people.teacher, () => getStudentProfile(ctx, w.schoolClass.otherStudent));
    await refused(w.people.teacher, () => getClassRoster(ctx, w.schoolClass.other));
    await refused(w.people.teacher, () => getClassScreeningGrid(ctx, w.schoolClass.other, {}));
  });

  it("rates their student's daily report card from the rating screen", async () => {
    const ctx = as(w.people.teacher);
    const screen = await getRatingScreen(ctx, {});
    expect(screen.cards.map((c) => c.id)).toEqual([w.cicoCard]);
    const result = await rateCicoPeriod(null, formOf({ unverifiedCardId: w.cicoCard, date: screen.day, period: "Morning", rating: "2|Be safe" }));
    expect(result).toMatchObject({ ok: true });
    expect(await asOwner((tx) => tx.cicoRating.count({ where: { cardId: w.cicoCard, period: "Morning", expectation: "Be safe" } }))).toBe(1);
    // The other class's teacher sees no card and may not rate it.
    as(w.people.otherClassTeacher);
    expect((await getRatingScreen(w.people.otherClassTeacher.ctx, {})).cards).toEqual([]);
  });

  it("records an incident for a student of their class; for another class's student it is refused and nothing is saved", async () => {
    as(w.people.teacher);
    const location = (await asOwner((tx) => tx.behaviorCode.findFirstOrThrow({ where: { districtId: w.districtId, kind: "LOCATION" }, select: { id: true } }))).id;
    const fields = (studentId: string) => ({ reportId: crypto.randomUUID(), unverifiedStudentIds: [studentId], occurredOn: today(), occurredTime: "09:40", behaviorCodeId: w.behaviorCode, locationCodeId: location, motivationCodeId: "", actionCodeId: "", othersInvolved: [], notes: "" });
    const before = await asOwner((tx) => tx.incident.count({ where: { districtId: w.districtId } }));
    expect(await recordIncident(null, formOf(fields(w.student.id)))).toMatchObject({ ok: true });
    expect(await recordIncident(null, formOf(fields(w.schoolClass.otherStudent)))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.incident.count({ where: { districtId: w.districtId } }))).toBe(before + 1);
  });

  it("enters a screening score in the class grid; a student off the class roster refuses the whole save", async () => {
    const ctx = as(w.people.teacher);
    const grid = await getClassScreeningGrid(ctx, w.schoolClass.own, { window: w.screening.window });
    expect(grid.rows.map((r) => r.id)).toEqual([w.student.id]);
    const cell = (s: string, v: string, was: string) => ({ [`score:${s}:${w.measure.orf}`]: v, [`was:${s}:${w.measure.orf}`]: was });
    const bad = await saveClassScreeningScores(null, formOf({ unverifiedWindowId: w.screening.window, unverifiedClassId: w.schoolClass.own, ...cell(w.student.id, "41", "30"), ...cell(w.schoolClass.otherStudent, "50", "") }));
    expect(bad).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const scoreOf = () => asOwner((tx) => tx.screeningScore.findFirst({ where: { studentId: w.student.id, windowId: w.screening.window, measureId: w.measure.orf }, select: { score: true } }));
    expect((await scoreOf())?.score).toBe(30);
    const ok = await saveClassScreeningScores(null, formOf({ unverifiedWindowId: w.screening.window, unverifiedClassId: w.schoolClass.own, ...cell(w.student.id, "41", "30") }));
    expect(ok).toMatchObject({ ok: true });
    expect((await scoreOf())?.score).toBe(41);
    // Out of the measure's range: a field error, nothing saved.
    const range = await saveClassScreeningScores(null, formOf({ unverifiedWindowId: w.screening.window, unverifiedClassId: w.schoolClass.own, ...cell(w.student.id, "-5", "41") }));
    expect(range).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect((await scoreOf())?.score).toBe(41);
  });

  it("a coordinator of the school uses the class grid for any class there; one of another school may not", async () => {
    const ctx = as(w.people.coordinator);
    expect((await getScreeningClasses(ctx)).map((c) => c.id).sort()).toEqual([w.schoolClass.own, w.schoolClass.other].sort());
    expect((await getClassScreeningGrid(ctx, w.schoolClass.other, {})).rows.map((r) => r.id)).toEqual([w.schoolClass.otherStudent]);
    const south = as(w.people.otherSchoolCoordinator);
    await refused(w.people.otherSchoolCoordinator, () => getClassScreeningGrid(south, w.schoolClass.own, {}));
  });

  it("a teacher has no student list, plans or school screening pages (least privilege)", async () => {
    const ctx = w.people.teacher.ctx;
    for (const action of ["student.list", "student.viewSensitive", "plan.view", "session.log", "probe.enter", "screening.view", "screening.enter", "iep504.view", "incident.viewNotes", "cico.manage"] as const) {
      expect(can(ctx, action, { districtId: w.districtId }), action).toBe(false);
    }
  });
});
