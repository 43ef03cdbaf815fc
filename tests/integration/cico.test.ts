// Daily behaviour report cards (issue 15, decision 014): starting a card for
// a behaviour plan, rating periods on the rating screen (idempotent, with an
// audit trail of corrections), the day's probe of the plan's goal written in
// the same transaction, what is refused (off the scale, off the card, the
// future, outside reach) with nothing saved, who sees which cards, and
// row-level security on the new tables.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays } from "@/domain/dosage";
import { isoDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { getStudentBehavior } from "@/server/behavior/queries";
import { endCicoCard, markCicoDay, rateCicoPeriod, saveCicoDefaults, startCicoCard, updateCicoCard } from "@/server/cico/actions";
import { getCardPage, getNewCardForm, getRatingScreen } from "@/server/cico/queries";
import { withTenant } from "@/server/db/tenant";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { makeCaseloadAssignment, makeDistrict, makePlan, makeSchool, makeStudent } from "../factories";
import { appDb, asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let schoolId: string;
let southId: string;
let ben: string;
let planId: string;
let cardId: string;
let goalId: string;
const people = {} as Record<"caseManager" | "rater" | "otherPlanAssistant" | "unlinkedSpecialist" | "coordinator" | "southCoordinator" | "admin" | "otherAdmin", Person>;

/** The district's today (America/Chicago in the test sessions), as the actions check it. */
const today = () => isoDayIn(new Date(), "America/Chicago");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const rate = (fields: Record<string, string>) => rateCicoPeriod(null, formOf({ unverifiedCardId: cardId, date: today(), ...fields }));
const counts = () =>
  asOwner(async (tx) => ({
    ratings: await tx.cicoRating.count({ where: { cardId } }),
    days: await tx.cicoDay.count({ where: { cardId } }),
    probes: await tx.probe.count({ where: { goalId } }),
    revisions: await tx.cicoRatingRevision.count({ where: { cardId } }),
  }));
const startFields = (overrides: Record<string, string | string[]> = {}) => ({
  unverifiedStudentId: ben,
  unverifiedPlanId: planId,
  expectations: ["Be safe", "Be respectful", "Be responsible", "", ""],
  periods: "Morning\nReading\nAfternoon",
  scaleMax: "2",
  goalPercent: "80",
  startedOn: addDays(today(), -3),
  baseline: "55",
  ...overrides,
});

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Card Unified" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere Cards" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "Card Elementary" })).id;
    southId = (await makeSchool(tx, { districtId, name: "South Card Elementary" })).id;
    await makeSchool(tx, { districtId: otherDistrictId });
    await ensureDefaultMeasures(tx, districtId);
    ben = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Ben", legalLastName: "Cardwell" })).id;
  });
  const person = (name: string, role: Ctx["role"], schools: string[], inDistrict = districtId) => asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds: schools }));
  people.caseManager = await person("Sam Case", "SPECIALIST", [schoolId]);
  people.rater = await person("Rae Rater", "ASSISTANT", [schoolId]);
  people.otherPlanAssistant = await person("Otto Other", "ASSISTANT", [schoolId]);
  people.unlinkedSpecialist = await person("Una Unlinked", "SPECIALIST", [schoolId]);
  people.coordinator = await person("Cora Coord", "COORDINATOR", [schoolId]);
  people.southCoordinator = await person("Sol South", "COORDINATOR", [southId]);
  people.admin = await person("Ada Admin", "ADMIN", []);
  people.otherAdmin = await person("Olga Else", "ADMIN", [], otherDistrictId);
  await asOwner(async (tx) => {
    await makeCaseloadAssignment(tx, { districtId, studentId: ben, membershipId: people.caseManager.membershipId, role: "CASE_MANAGER" });
    const base = { districtId, schoolId, createdByUserId: people.caseManager.userId, studentIds: [ben], startDate: day(addDays(today(), -30)), reviewDate: day(addDays(today(), 40)) };
    planId = (await makePlan(tx, { ...base, area: "BEHAVIOR", customIntervention: "Check-In/Check-Out (CICO)", interventionistMembershipIds: [people.rater.membershipId] })).id;
    await makePlan(tx, { ...base, area: "MATH", customIntervention: "Number talks", interventionistMembershipIds: [people.otherPlanAssistant.membershipId] });
  });
});

beforeEach(() => signInAs(people.caseManager.ctx));

describe("starting a card", () => {
  it("is refused to those who may not set up the student's card, with nothing saved", async () => {
    for (const who of [people.rater, people.otherPlanAssistant, people.unlinkedSpecialist, people.southCoordinator, people.otherAdmin]) {
      signInAs(who.ctx);
      expect(await startCicoCard(null, formOf(startFields())), who.ctx.name).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    expect(await asOwner((tx) => tx.cicoCard.count({ where: { studentId: ben } }))).toBe(0);
  });

  it("refuses a setup outside the bounds, field by field, and a plan that is not the student's open behaviour plan", async () => {
    const bad = await startCicoCard(null, formOf(startFields({ expectations: ["Be safe", "Be kind"], periods: "All day", goalPercent: "120" })));
    expect(bad).toMatchObject({
      ok: false,
      error: { fieldErrors: { expectations: ["A card has 3 to 5 expectations; this one has 2."], periods: ["A card has 2 to 10 periods; this one has 1."], goalPercent: ["The daily goal is a whole percentage from 50 to 100."] } },
    });
    expect(await startCicoCard(null, formOf(startFields({ unverifiedPlanId: ben })))).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedPlanId: ["Choose one of the student's open behaviour plans."] } } });
    expect(await startCicoCard(null, formOf(startFields({ baseline: "" })))).toMatchObject({ ok: false, error: { fieldErrors: { baseline: [expect.stringMatching(/typical daily percentage/)] } } });
    expect(await asOwner((tx) => tx.cicoCard.count({ where: { studentId: ben } }))).toBe(0);
  });

  it("offers the case manager the student's behaviour plan with the school-wide expectations", async () => {
    signInAs(people.admin.ctx);
    expect(await saveCicoDefaults(null, formOf({ expectations: ["Be safe", "Be kind", "Be ready to learn", ""] }))).toMatchObject({ ok: true });
    signInAs(people.caseManager.ctx);
    const form = await getNewCardForm(people.caseManager.ctx, { student: ben });
    expect(form).toMatchObject({ plans: [{ id: planId, cicoGoalId: null }], defaults: { expectations: ["Be safe", "Be kind", "Be ready to learn"], scaleMax: 2, goalPercent: 80 } });
  });

  it("starts the card for the case manager, with a goal on the CICO measure from the baseline; one open card per student", async () => {
    const to = await redirectOf(startCicoCard(null, formOf(startFields())));
    expect(to).toMatch(/^\/behavior\/cards\/[0-9a-f-]{36}\?started=1$/);
    cardId = to.slice("/behavior/cards/".length, "/behavior/cards/".length + 36);
    const card = await asOwner((tx) => tx.cicoCard.findUniqueOrThrow({ where: { id: cardId }, include: { goal: { include: { measure: true } } } }));
    goalId = card.goalId;
    expect(card).toMatchObject({ planId, expectations: ["Be safe", "Be respectful", "Be responsible"], periods: ["Morning", "Reading", "Afternoon"], scaleMax: 2, goalPercent: 80 });
    expect(card.goal).toMatchObject({ planId, studentId: ben, baselineValue: 55, targetValue: 80, measure: { key: "cico_percent_points" } });
    expect(await startCicoCard(null, formOf(startFields()))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/open daily report card already/) } });
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, entityType: { in: ["CicoCard", "Goal"] }, action: "create" } }));
    expect(events.map((e) => e.entityType).sort()).toEqual(["CicoCard", "Goal"]);
  });
});

describe("the rating screen", () => {
  it("lists the cards of the plans the staff member delivers, and audits each student shown", async () => {
    signInAs(people.rater.ctx);
    const screen = await getRatingScreen(people.rater.ctx, {});
    expect(screen.day).toBe(today());
    expect(screen.cards).toMatchObject([{ id: cardId, studentName: "Ben Cardwell", expectations: ["Be safe", "Be respectful", "Be responsible"], periods: ["Morning", "Reading", "Afternoon"], percent: null, ratings: {} }]);
    const views = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: people.rater.userId, action: "view", entityType: "CicoCard", studentId: ben } }));
    expect(views).toBe(1);
    // Someone who serves the student through another plan rates no card of theirs, and a future ?day= falls back to today.
    signInAs(people.otherPlanAssistant.ctx);
    expect((await getRatingScreen(people.otherPlanAssistant.ctx, { day: addDays(today(), 3) })).cards).toEqual([]);
  });

  it("shows the card page to the school and the plan, and 404s (with a denied event) for an assistant of another plan", async () => {
    for (const who of [people.rater, people.caseManager, people.unlinkedSpecialist, people.coordinator, people.admin]) {
      signInAs(who.ctx);
      expect((await getCardPage(who.ctx, cardId, {})).student.name, who.ctx.name).toBe("Ben Cardwell");
    }
    for (const who of [people.otherPlanAssistant, people.southCoordinator, people.otherAdmin]) {
      signInAs(who.ctx);
      await expect(getCardPage(who.ctx, cardId, {}), who.ctx.name).rejects.toMatchObject(NOT_FOUND);
    }
    const denied = await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: people.otherPlanAssistant.userId, action: "denied", entityType: "CicoCard" } }));
    expect(denied).toBe(1);
  });
});

describe("rating a period", () => {
  it("records 'all met' once: a double tap or a resubmitted form saves nothing new; the day's probe is written with it", async () => {
    signInAs(people.rater.ctx);
    expect(await rate({ period: "Morning", all: "2" })).toEqual({ ok: true, message: "Morning: saved. The day so far: 100%." });
    expect(await rate({ period: "Morning", all: "2" })).toEqual({ ok: true, message: "Morning: already recorded. The day so far: 100%." });
    expect(await counts()).toEqual({ ratings: 3, days: 1, probes: 1, revisions: 0 });
    const probe = await asOwner((tx) => tx.probe.findFirstOrThrow({ where: { goalId } }));
    expect(probe).toMatchObject({ studentId: ben, score: 100, date: day(today()), givenByUserId: people.rater.userId, clientKey: `cico:${cardId}:${today()}`, note: "Daily report card: 6 of 6 points." });
  });

  it("counts rated periods only: one more rating (0) makes 6 of 8 = 75%, the same probe updated", async () => {
    signInAs(people.rater.ctx);
    expect(await rate({ period: "Reading", rating: "0|Be safe" })).toEqual({ ok: true, message: "Reading: saved. The day so far: 75%." });
    expect(await counts()).toEqual({ ratings: 4, days: 1, probes: 1, revisions: 0 });
    expect(await asOwner((tx) => tx.probe.findFirstOrThrow({ where: { goalId } }))).toMatchObject({ score: 75, version: 2, note: "Daily report card: 6 of 8 points." });
    expect(await asOwner((tx) => tx.cicoDay.findFirstOrThrow({ where: { cardId } }))).toMatchObject({ points: 6, possible: 8 });
  });

  it("a correction replaces the rating, keeps the old value in the trail and audits it", async () => {
    signInAs(people.caseManager.ctx);
    expect(await rate({ period: "Reading", rating: "1|Be safe" })).toEqual({ ok: true, message: "Reading: rating corrected. The day so far: 88%." });
    expect(await counts()).toEqual({ ratings: 4, days: 1, probes: 1, revisions: 1 });
    const rating = await asOwner((tx) => tx.cicoRating.findFirstOrThrow({ where: { cardId, period: "Reading" } }));
    expect(rating).toMatchObject({ value: 1, version: 2, ratedByUserId: people.caseManager.userId });
    expect(await asOwner((tx) => tx.cicoRatingRevision.findFirstOrThrow({ where: { cardId } }))).toMatchObject({ previousValue: 0, value: 1, previousRatedByUserId: people.rater.userId, changedByUserId: people.caseManager.userId });
    expect(await asOwner((tx) => tx.probe.findFirstOrThrow({ where: { goalId } }))).toMatchObject({ score: 88 }); // 7 of 8 = 87.5 -> 88
    const update = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { actorUserId: people.caseManager.userId, action: "update", entityType: "CicoRating" } }));
    expect(update.detail).toMatchObject({ period: "Reading", expectation: "Be safe", value: 1, previousValue: 0 });
  });

  it("refuses what is off the card or off the scale, the future and a day before the card, with nothing saved", async () => {
    signInAs(people.rater.ctx);
    const before = await counts();
    expect(await rate({ period: "Reading", rating: "3|Be safe" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "A rating on this card is a whole number from 0 to 2. Nothing was saved." } });
    expect(await rate({ period: "Reading", all: "5" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/0 to 2/) } });
    expect(await rate({ period: "Science", rating: "2|Be safe" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/“Science” is not a period on this card/) } });
    expect(await rate({ period: "Reading", rating: "2|Be kind" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/“Be kind” is not an expectation on this card/) } });
    expect(await rate({ period: "Reading", rating: "2|Be safe", date: addDays(today(), 1) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/in the future/) } });
    expect(await rate({ period: "Reading", rating: "2|Be safe", date: addDays(today(), -5) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/had not started/) } });
    expect(await rate({ period: "Reading", rating: "two|Be safe" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { rating: ["Choose a rating."] } } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a card outside the rater's reach as not found, with a denied event and nothing saved", async () => {
    const before = await counts();
    for (const who of [people.otherPlanAssistant, people.unlinkedSpecialist, people.southCoordinator, people.otherAdmin]) {
      signInAs(who.ctx);
      expect(await rate({ period: "Afternoon", all: "2" }), who.ctx.name).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await markCicoDay(null, formOf({ unverifiedCardId: cardId, date: today(), mark: "checkedIn:on" })), who.ctx.name).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    signInAs(people.rater.ctx);
    expect(await updateCicoCard(null, formOf({ unverifiedCardId: cardId, version: "1", expectations: ["a", "b", "c"], periods: "x\ny", scaleMax: "2", goalPercent: "80" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await counts()).toEqual(before);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: people.otherPlanAssistant.userId, action: "denied", entityType: "CicoCard" } }))).toBeGreaterThanOrEqual(3);
  });
});

describe("check-in, check-out and absence", () => {
  it("marks check-in once, and refuses an absence on a day with ratings", async () => {
    signInAs(people.rater.ctx);
    const mark = (m: string, date = today()) => markCicoDay(null, formOf({ unverifiedCardId: cardId, date, mark: m }));
    expect(await mark("checkedIn:on")).toEqual({ ok: true, message: "Saved." });
    expect(await mark("checkedIn:on")).toEqual({ ok: true, message: "Saved." });
    expect(await asOwner((tx) => tx.cicoDay.findFirstOrThrow({ where: { cardId, date: day(today()) } }))).toMatchObject({ checkedIn: true, checkedOut: false, points: 7, possible: 8 });
    expect(await mark("absent:on")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/has ratings/) } });
    // Yesterday: absent all day, so no rating and no probe for it.
    const yesterday = addDays(today(), -1);
    expect(await mark("absent:on", yesterday)).toMatchObject({ ok: true });
    expect(await rate({ period: "Morning", all: "2", date: yesterday })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/marked absent/) } });
    expect(await asOwner((tx) => tx.probe.count({ where: { goalId, date: day(yesterday) } }))).toBe(0);
  });

  it("the card page reads the days: percentages, absences and the rules", async () => {
    signInAs(people.rater.ctx);
    const page = await getCardPage(people.rater.ctx, cardId, {});
    expect(page.days.map((d) => [d.date, d.percent, d.absent])).toEqual([
      [today(), 88, false],
      [addDays(today(), -1), null, true],
    ]);
    expect(page.rules.find((r) => r.key === "belowGoal")).toMatchObject({ status: "notEnough", finding: "Below 80% on 0 of the last 1 rated day." });
    expect(page.may).toEqual({ rate: true, manage: false });
  });
});

describe("the student's behaviour section", () => {
  it("shows the open card to those who reach its plan, not to an assistant of another plan", async () => {
    signInAs(people.rater.ctx);
    expect((await getStudentBehavior(people.rater.ctx, ben))?.plans.cico).toMatchObject({ card: { id: cardId, goalId, goalPercent: 80, recent: [{ percent: 88 }] }, may: { view: true, rate: true, manage: false } });
    signInAs(people.otherPlanAssistant.ctx);
    expect((await getStudentBehavior(people.otherPlanAssistant.ctx, ben))?.plans.cico).toBeNull();
  });
});

describe("ending a card", () => {
  it("keeps the card and its days; an ended card is not rated any more", async () => {
    expect(await endCicoCard(null, formOf({ unverifiedCardId: cardId, version: "1" }))).toMatchObject({ ok: true });
    signInAs(people.rater.ctx);
    expect(await rate({ period: "Afternoon", all: "2" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/has ended/) } });
    expect((await getRatingScreen(people.rater.ctx, {})).cards).toEqual([]);
    expect(await asOwner((tx) => tx.cicoRating.count({ where: { cardId } }))).toBe(4);
  });
});

describe("row-level security", () => {
  it("keeps each district's cards, days, ratings and corrections to itself", async () => {
    expect(await withTenant(districtId, (tx) => tx.cicoRating.count(), appDb())).toBe(4);
    expect(await withTenant(otherDistrictId, (tx) => tx.cicoCard.count(), appDb())).toBe(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.cicoDay.count(), appDb())).toBe(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.cicoRating.count(), appDb())).toBe(0);
    expect(await withTenant(otherDistrictId, (tx) => tx.cicoRatingRevision.count(), appDb())).toBe(0);
    await expect(
      withTenant(otherDistrictId, (tx) => tx.cicoDay.create({ data: { districtId, cardId, date: day(addDays(today(), -2)), updatedByUserId: people.rater.userId } }), appDb()),
    ).rejects.toThrow(/row-level security/);
    // The trail of corrections is never changed, even by the district itself.
    await expect(withTenant(districtId, (tx) => tx.cicoRatingRevision.updateMany({ data: { value: 2 } }), appDb())).rejects.toThrow();
  });
});
