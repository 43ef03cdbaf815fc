// The compliance calendar (issue 16): who sees which dates (administrators the
// district, coordinators their schools, a specialist what they are case
// manager of, assistants nothing), the school / case manager / horizon
// filters and the refusal of unknown values, overdue first, the referral
// deadlines from the district's clock, days counted in the district's time
// zone, pages, one audit event per page view and per export (ids, never
// names), the CSV with formula-looking names neutralised, and RLS.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(app)/compliance/export/route";
import { addDays } from "@/domain/dosage";
import { clockState } from "@/domain/iep504/clock";
import { isoDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { exportComplianceCalendar, getComplianceCalendar, type ComplianceCalendar } from "@/server/compliance/queries";
import { withTenant } from "@/server/db/tenant";
import { makeCaseloadAssignment, makeDistrict, makeSchool, makeSpecialEdPlan, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

// One moment for the whole file, so no test straddles midnight; "today" is
// the district's day (the test contexts are in America/Chicago).
const NOW = new Date();
const today = isoDayIn(NOW, "America/Chicago");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const inDays = (n: number) => addDays(today, n);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let admin: Person;
let coordinator: Person; // North
let southCoordinator: Person;
let sam: Person; // North specialist, case manager of Ava's IEP and of Finn (referral)
let cleo: Person; // North specialist, case manager of Ben's IEP
let assistant: Person;
let otherAdmin: Person;
const student = { ava: "", ben: "", cal: "", dee: "", eli: "", finn: "", gus: "", hal: "", mal: "", other: "" };
const plan = { ava: "", ben: "", cal: "", hal: "", mal: "" };
const referral = { finn: "", gus: "" };

const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], inDistrict = districtId) => asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));
const view = (who: Person, params: Record<string, string> = {}) => getComplianceCalendar(who.ctx, params, NOW);
const ok = (c: ComplianceCalendar) => {
  if (!c.ok) throw new Error(`refused: ${c.message}`);
  return c;
};
const keys = (c: ComplianceCalendar) => ok(c).items.map((i) => `${i.kind} ${i.studentId}`);
const eventsOf = (userId: string, action = "view") => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action, entityType: "ComplianceCalendar" }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Middle", level: "MIDDLE" })).id;
    const hill = (await makeSchool(tx, { districtId: otherDistrictId, name: "Hillview K-8" })).id;
    const kid = async (schoolId: string, first: string, last: string, extra: { preferredName?: string; archivedAt?: Date } = {}) =>
      (await makeStudent(tx, { districtId, schoolId, legalFirstName: first, legalLastName: last, ...extra })).id;
    student.ava = await kid(school.north, "Ava", "Adams");
    student.ben = await kid(school.north, "Ben", "Brooks");
    student.cal = await kid(school.south, "Cal", "Cruz", { preferredName: "=HYPERLINK(\"http://x\")" });
    student.dee = await kid(school.north, "Dee", "Dunn");
    student.eli = await kid(school.north, "Eli", "Ezra", { archivedAt: new Date() });
    student.finn = await kid(school.north, "Finn", "Fox");
    student.gus = await kid(school.south, "Gus", "Gray");
    student.hal = await kid(school.north, "Hal", "Hart");
    student.mal = await kid(school.north, "Mal", "Moss");
    student.other = (await makeStudent(tx, { districtId: otherDistrictId, schoolId: hill, legalFirstName: "Olive", legalLastName: "Other" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  sam = await person("Sam Patel", "SPECIALIST", [school.north]);
  cleo = await person("Cleo Colleague", "SPECIALIST", [school.north]);
  assistant = await person("Ari Lund", "ASSISTANT", [school.north]);
  otherAdmin = await person("Olga Other", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    const iep = (studentId: string, annual: string, reeval: string, extra: Record<string, unknown> = {}) =>
      makeSpecialEdPlan(tx, { districtId, studentId, annualReviewDue: day(annual), reevaluationDue: day(reeval), disabilityCategory: "Specific Learning Disability", ...extra }).then((p) => p.id);
    plan.ava = await iep(student.ava, inDays(-6), inDays(400), { caseManagerMembershipId: sam.membershipId });
    plan.ben = await iep(student.ben, inDays(20), inDays(50), { caseManagerMembershipId: cleo.membershipId });
    plan.cal = await iep(student.cal, inDays(45), inDays(700), { type: "SECTION_504", disabilityCategory: null });
    // Exited: its dates no longer run.
    await iep(student.dee, inDays(5), inDays(5), { status: "EXITED", caseManagerMembershipId: sam.membershipId });
    // An archived student's record is not listed.
    await iep(student.eli, inDays(3), inDays(300), { caseManagerMembershipId: sam.membershipId });
    plan.hal = await iep(student.hal, inDays(75), inDays(500), { caseManagerMembershipId: cleo.membershipId });
    // Due beyond every horizon.
    plan.mal = await iep(student.mal, inDays(200), inDays(900), { caseManagerMembershipId: sam.membershipId });
    await makeSpecialEdPlan(tx, { districtId: otherDistrictId, studentId: student.other, annualReviewDue: day(inDays(3)), reevaluationDue: day(inDays(600)) });
    // Finn: consent three weeks ago (due in 39 days); Gus: consent 70 days ago (10 days overdue); a decided one and one without consent are not listed.
    await makeCaseloadAssignment(tx, { districtId, studentId: student.finn, membershipId: sam.membershipId, role: "CASE_MANAGER" });
    const refer = (studentId: string, consent: string | null, status: "EVALUATION" | "OUTCOME" | "REFERRED" = "EVALUATION") =>
      tx.referral
        .create({
          data: { districtId, studentId, reason: "No adequate response to two Tier 3 plans.", status, referredOn: day(inDays(-80)), consentDate: consent ? day(consent) : null, createdByUserId: admin.userId, ...(status === "OUTCOME" ? { outcome: "NOT_ELIGIBLE" } : {}) },
          select: { id: true },
        })
        .then((r) => r.id);
    referral.finn = await refer(student.finn, inDays(-21));
    referral.gus = await refer(student.gus, inDays(-70));
    await refer(student.ben, inDays(-50), "OUTCOME");
    await refer(student.hal, null, "REFERRED");
  });
});

describe("who sees which dates", () => {
  it("shows an administrator the district's dates within 90 days, overdue first, soonest first, with referral deadlines from the clock", async () => {
    const c = ok(await view(admin));
    expect(keys(c)).toEqual([
      `EVALUATION ${student.gus}`, // 10 days overdue
      `ANNUAL_REVIEW ${student.ava}`, // 6 days overdue
      `ANNUAL_REVIEW ${student.ben}`, // 20
      `EVALUATION ${student.finn}`, // 39
      `ANNUAL_REVIEW ${student.cal}`, // 45
      `REEVALUATION ${student.ben}`, // 50
      `ANNUAL_REVIEW ${student.hal}`, // 75
    ]);
    expect(c.total).toBe(7);
    expect(c.overdue).toBe(2);
    expect(c.items[0]).toMatchObject({ due: inDays(-10), daysLeft: -10, planType: null, schoolName: "South Middle", caseManager: null });
    expect(c.items[1]).toMatchObject({ itemId: plan.ava, due: inDays(-6), daysLeft: -6, planType: "IEP", studentName: "Ava Adams", caseManager: "Sam Patel", schoolName: "North Elementary" });
    expect(c.items[3]).toMatchObject({ itemId: referral.finn, due: inDays(39), daysLeft: 39, caseManager: "Sam Patel" });
    // The disability category is never part of the calendar.
    expect(JSON.stringify(c)).not.toContain("Learning Disability");
    expect(c.schools.map((s) => s.name)).toEqual(["North Elementary", "South Middle"]);
    expect(c.caseManagers?.map((m) => m.name)).toEqual(["Cleo Colleague", "Sam Patel"]);
  });

  it("lets an administrator narrow to a school and to a case manager", async () => {
    expect(keys(await view(admin, { school: school.south }))).toEqual([`EVALUATION ${student.gus}`, `ANNUAL_REVIEW ${student.cal}`]);
    expect(keys(await view(admin, { caseManager: cleo.membershipId }))).toEqual([`ANNUAL_REVIEW ${student.ben}`, `REEVALUATION ${student.ben}`, `ANNUAL_REVIEW ${student.hal}`]);
    // A referral's case manager is the student's (caseload): Sam for Finn.
    expect(keys(await view(admin, { caseManager: sam.membershipId, school: school.north }))).toEqual([`ANNUAL_REVIEW ${student.ava}`, `EVALUATION ${student.finn}`]);
  });

  it("narrows to the next 30 or 60 days, always keeping the overdue", async () => {
    expect(keys(await view(admin, { horizon: "30" }))).toEqual([`EVALUATION ${student.gus}`, `ANNUAL_REVIEW ${student.ava}`, `ANNUAL_REVIEW ${student.ben}`]);
    expect(ok(await view(admin, { horizon: "60" })).total).toBe(6);
  });

  it("shows a coordinator only their schools' dates, and refuses another school", async () => {
    const c = ok(await view(coordinator));
    expect(new Set(c.items.map((i) => i.schoolName))).toEqual(new Set(["North Elementary"]));
    expect(c.total).toBe(5);
    expect(c.schools.map((s) => s.id)).toEqual([school.north]);
    const before = (await eventsOf(coordinator.userId)).length;
    const refused = await view(coordinator, { school: school.south });
    expect(refused).toMatchObject({ ok: false, message: "That school is not one we know, or not one of yours: choose one from the list." });
    expect("items" in refused).toBe(false);
    expect((await eventsOf(coordinator.userId)).length).toBe(before);
    expect(keys(await view(southCoordinator))).toEqual([`EVALUATION ${student.gus}`, `ANNUAL_REVIEW ${student.cal}`]);
  });

  it("shows a specialist only what they are case manager of, with no case manager filter, and refuses another case manager", async () => {
    const c = ok(await view(sam));
    expect(keys(c)).toEqual([`ANNUAL_REVIEW ${student.ava}`, `EVALUATION ${student.finn}`]);
    expect(c.ownOnly).toBe(true);
    expect(c.caseManagers).toBeNull();
    expect(await view(sam, { caseManager: cleo.membershipId })).toMatchObject({ ok: false, message: expect.stringContaining("another case manager's are not shown to you") });
    expect(keys(await view(cleo))).toEqual([`ANNUAL_REVIEW ${student.ben}`, `REEVALUATION ${student.ben}`, `ANNUAL_REVIEW ${student.hal}`]);
  });

  it("answers an assistant 404 with a denied audit event", async () => {
    await expect(view(assistant)).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: assistant.userId, action: "denied" } }));
    expect(denied).toEqual([expect.objectContaining({ entityType: "ComplianceCalendar", detail: { attempted: "compliance.view" } })]);
  });

  it("shows another district's administrator none of this district's dates (district filter and RLS)", async () => {
    const c = ok(await view(otherAdmin));
    expect(c.items.map((i) => i.studentId)).toEqual([student.other]);
    // A school id of this district is unknown there.
    expect(await view(otherAdmin, { school: school.north })).toMatchObject({ ok: false });
    // RLS: with the tenant set to the other district, this district's rows are not readable at all.
    const rows = await withTenant(otherDistrictId, (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SpecialEdPlan" WHERE "districtId" = ${districtId}::uuid`);
    expect(Number(rows[0]!.n)).toBe(0);
    const refs = await withTenant(otherDistrictId, (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Referral"`);
    expect(Number(refs[0]!.n)).toBe(0);
  });
});

describe("bad filters", () => {
  it.each([
    ["a malformed school id", { school: "north" }, "That school is not one we know: choose one from the list."],
    ["an unknown school id", { school: crypto.randomUUID() }, "That school is not one we know, or not one of yours: choose one from the list."],
    ["a malformed case manager id", { caseManager: "sam" }, "That case manager is not one we know: choose one from the list."],
    ["someone who keeps no dates as case manager", { caseManager: "" }, "That case manager keeps no IEP, 504 or referral here: choose one from the list."],
    ["a horizon the calendar does not offer", { horizon: "45" }, "Choose how far ahead to look: the next 30, 60 or 90 days."],
    ["a page that is not a number", { page: "two" }, "The page must be a whole number."],
    ["a key the calendar does not read", { student: "x" }, "The link has something in it we do not read: use the filters on the page."],
  ])("refuses %s with a clear message, listing nothing", async (_label, params, message) => {
    const p = { ...params };
    if ("caseManager" in p && p.caseManager === "") p.caseManager = assistant.membershipId;
    const c = await view(admin, p);
    expect(c).toMatchObject({ ok: false, message });
  });

  it("refuses the same filters on the CSV, with the message and no file", async () => {
    signInAs(admin.ctx);
    const response = await exportRoute(new Request(`http://localhost/compliance/export?horizon=45`));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("the next 30, 60 or 90 days");
  });
});

describe("the clock and the district's day", () => {
  it("counts days left from the district's day, not the server's", async () => {
    // 05:00 UTC is still yesterday evening in Chicago; in Tokyo it is already today's afternoon.
    const morningUtc = new Date(`${isoDayIn(NOW, "UTC")}T05:00:00Z`);
    const chicago = ok(await getComplianceCalendar(admin.ctx, {}, morningUtc));
    const tokyo = ok(await getComplianceCalendar({ ...admin.ctx, timeZone: "Asia/Tokyo" }, {}, morningUtc));
    expect(chicago.today).toBe(addDays(isoDayIn(NOW, "UTC"), -1));
    expect(tokyo.today).toBe(isoDayIn(NOW, "UTC"));
    const ava = (c: typeof chicago) => c.items.find((i) => i.itemId === plan.ava)!.daysLeft;
    expect(ava(chicago) - ava(tokyo)).toBe(1);
  });

  it("follows the district's school-day clock and says when a calendar-day deadline falls on a non-school day", async () => {
    const consent = inDays(-21);
    // A non-school day on Finn's calendar-day deadline (consent + 60).
    const calendarDue = addDays(consent, 60);
    await asOwner((tx) => tx.districtNonSchoolDay.create({ data: { districtId, date: day(calendarDue), label: "In-service day" } }));
    const finn = (c: ComplianceCalendar) => ok(c).items.find((i) => i.itemId === referral.finn);
    const nonSchool = new Set([calendarDue]);
    const expected = clockState(consent, { days: 60, count: "CALENDAR" }, nonSchool, today);
    expect(finn(await view(admin))).toMatchObject({ due: calendarDue, lastSchoolDay: expected.dueIsSchoolDay ? null : expected.lastSchoolDay });
    expect(finn(await view(admin))!.lastSchoolDay).not.toBeNull();

    await asOwner((tx) => tx.districtSettings.upsert({ where: { districtId }, create: { districtId, evaluationDays: 30, evaluationDayCount: "SCHOOL" }, update: { evaluationDays: 30, evaluationDayCount: "SCHOOL" } }));
    try {
      const school30 = clockState(consent, { days: 30, count: "SCHOOL" }, nonSchool, today);
      expect(finn(await view(admin))).toMatchObject({ due: school30.due, daysLeft: school30.daysLeft, lastSchoolDay: null });
    } finally {
      await asOwner((tx) => tx.districtSettings.update({ where: { districtId }, data: { evaluationDays: 60, evaluationDayCount: "CALENDAR" } }));
      await asOwner((tx) => tx.districtNonSchoolDay.deleteMany({ where: { districtId } }));
    }
  });
});

describe("pages", () => {
  it("returns 50 dates a page with the total, and the last page for a page past the end", async () => {
    const big = await asOwner(async (tx) => {
      const d = (await makeDistrict(tx, { name: "Bigtown" })).id;
      const s = (await makeSchool(tx, { districtId: d, name: "Big Elementary" })).id;
      for (let n = 0; n < 53; n++) {
        const st = await makeStudent(tx, { districtId: d, schoolId: s });
        await makeSpecialEdPlan(tx, { districtId: d, studentId: st.id, annualReviewDue: day(inDays(n)), reevaluationDue: day(inDays(800)) });
      }
      return d;
    });
    const bigAdmin = await person("Bo Big", "ADMIN", [], big);
    const first = ok(await view(bigAdmin));
    expect(first).toMatchObject({ total: 53, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(50);
    expect(first.items.map((i) => i.due)).toEqual([...first.items.map((i) => i.due)].sort());
    const second = ok(await view(bigAdmin, { page: "2" }));
    expect(second.items.map((i) => i.due)).toEqual([inDays(50), inDays(51), inDays(52)]);
    expect(ok(await view(bigAdmin, { page: "9" }))).toMatchObject({ page: 2, items: second.items });
  });

  it("orders dates due on the same day by name across a page's edges, each once", async () => {
    // 60 dates: 5 overdue on their own days, then 55 on one day (pages of 50 cut through that day), and an archived
    // student's date on it that is never listed nor counted.
    const names = Array.from({ length: 55 }, (_, n) => `Zed${String((n * 37) % 55).padStart(2, "0")}`);
    const { d, expected } = await asOwner(async (tx) => {
      const d = (await makeDistrict(tx, { name: "Sametown" })).id;
      const s = (await makeSchool(tx, { districtId: d, name: "Same Elementary" })).id;
      const expected: string[] = [];
      for (let n = 0; n < 5; n++) {
        const st = await makeStudent(tx, { districtId: d, schoolId: s, legalFirstName: "Early", legalLastName: `Early${n}` });
        await makeSpecialEdPlan(tx, { districtId: d, studentId: st.id, annualReviewDue: day(inDays(-10 + n)), reevaluationDue: day(inDays(800)) });
        expected.push(st.id);
      }
      const same: { id: string; last: string }[] = [];
      for (const last of names) {
        const st = await makeStudent(tx, { districtId: d, schoolId: s, legalFirstName: "Same", legalLastName: last });
        await makeSpecialEdPlan(tx, { districtId: d, studentId: st.id, annualReviewDue: day(inDays(7)), reevaluationDue: day(inDays(800)) });
        same.push({ id: st.id, last });
      }
      const gone = await makeStudent(tx, { districtId: d, schoolId: s, legalFirstName: "Gone", legalLastName: "Aaron", archivedAt: new Date() });
      await makeSpecialEdPlan(tx, { districtId: d, studentId: gone.id, annualReviewDue: day(inDays(7)), reevaluationDue: day(inDays(800)) });
      expected.push(...same.sort((a, b) => a.last.localeCompare(b.last)).map((x) => x.id));
      return { d, expected };
    });
    const sameAdmin = await person("Sue Same", "ADMIN", [], d);
    const first = ok(await view(sameAdmin));
    const second = ok(await view(sameAdmin, { page: "2" }));
    expect(first).toMatchObject({ total: 60, overdue: 5, pageCount: 2 });
    expect(first.items).toHaveLength(50);
    expect(second.items).toHaveLength(10);
    expect([...first.items, ...second.items].map((i) => i.studentId)).toEqual(expected);
  });
});

describe("audit", () => {
  it("writes one view event per page shown, naming the students listed by id only", async () => {
    const before = (await eventsOf(coordinator.userId)).length;
    const c = ok(await view(coordinator, { horizon: "60" }));
    const events = await eventsOf(coordinator.userId);
    expect(events.length).toBe(before + 1);
    const event = events.at(-1)!;
    expect(event).toMatchObject({ action: "view", entityType: "ComplianceCalendar", studentId: null, detail: { page: "compliance calendar", horizon: 60, school: null, caseManager: null, total: c.total } });
    expect(new Set((event.detail as { studentIds: string[] }).studentIds)).toEqual(new Set(c.items.map((i) => i.studentId)));
    expect(JSON.stringify(event.detail)).not.toMatch(/Ava|Adams|Finn|Fox/);
  });
});

describe("the CSV export", () => {
  it("downloads every date for the filters, neutralises formula-looking cells, and is audited as an export", async () => {
    signInAs(admin.ctx);
    const response = await exportRoute(new Request(`http://localhost/compliance/export?school=${school.south}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="compliance-calendar-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe('"Due","Days left","What","Record","Student","Local id","School","Case manager","Last school day before it"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^"${inDays(-10)}","-10","Evaluation \\(referral\\)","Referral","Gus Gray",`));
    // Cal's preferred name starts with "=": written with a leading apostrophe, so a spreadsheet shows it as text.
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"") Cruz"`);
    expect(lines.join("\n")).not.toMatch(/(^|,)"[=+\-@](?!\d)/m);
    expect(lines.join("\n")).not.toContain("Disability");

    const [event] = await eventsOf(admin.userId, "export");
    expect(event).toMatchObject({ action: "export", entityType: "ComplianceCalendar", detail: { format: "csv", school: school.south, rows: 2 } });
    expect(new Set((event!.detail as { studentIds: string[] }).studentIds)).toEqual(new Set([student.gus, student.cal]));
  });

  it("exports all pages, not one", async () => {
    const c = ok(await exportComplianceCalendar(admin.ctx, {}, NOW));
    expect(c.items).toHaveLength(c.total);
  });

  it("answers an assistant 404 on the CSV too", async () => {
    signInAs(assistant.ctx);
    await expect(exportRoute(new Request(`http://localhost/compliance/export`))).rejects.toMatchObject(NOT_FOUND);
  });
});
