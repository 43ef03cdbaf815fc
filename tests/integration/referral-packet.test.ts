// The referral packet (issue 16, docs/decisions/016-referral-packet.md):
// assembled from the record (plans with dates, planned vs delivered dosage and
// fidelity, every goal's graph with the same numbers as the goal page, tiers,
// guardians, accommodations), the district's readiness checklist, who may see
// it (and who gets 404 with a denied event), the PDF (real text, audited as
// an export), marking it final, and the checklist settings.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as pdfRoute } from "@/app/(app)/referrals/[referralId]/packet.pdf/route";
import type { Ctx } from "@/server/auth/session";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { getGoalGraph } from "@/server/progress/graph";
import { finalizeReferralPacket } from "@/server/referrals/actions";
import { getReferralPacket } from "@/server/referrals/packet";
import { savePacketRules } from "@/server/settings/actions";
import {
  makeAccommodation,
  makeAttendance,
  makeCaseloadAssignment,
  makeDistrict,
  makeGoal,
  makeGuardian,
  makeIntervention,
  makePlan,
  makeProbe,
  makeSchool,
  makeSession,
  makeStudent,
} from "../factories";
import { asOwner, engine } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let studentId: string;
let referralId: string;
const plan = { phonics: "", readWell: "" };
const goal = { phonics: "", readWell: "" };
let admin: Person;
let coordinator: Person;
let southCoordinator: Person;
let caseManager: Person;
let colleague: Person; // a specialist of the school, not the case manager
let assistant: Person; // delivers the active plan
let otherAdmin: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], d = () => districtId) => asOwner((tx) => makePerson(tx, { districtId: d(), role, name, schoolIds }));
const eventsOf = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));
const pdfText = (bytes: Uint8Array) => {
  const out = spawnSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(bytes) });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString();
};
const fieldErr = (state: unknown, field: string) => ((state as { error?: { fieldErrors?: Record<string, string[]> } }).error?.fieldErrors?.[field] ?? []).join(" ");

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T15:00:00Z") });
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    studentId = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Anaïs", legalLastName: "Okafor", preferredName: "Ana", localId: "LS-0099", grade: "G2" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  caseManager = await person("Sam Patel", "SPECIALIST", [school.north]);
  colleague = await person("Cleo Colleague", "SPECIALIST", [school.north]);
  assistant = await person("Jordan Lee", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], () => otherDistrictId);

  await asOwner(async (tx) => {
    await ensureDefaultMeasures(tx, districtId);
    const orf = await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } });
    await makeCaseloadAssignment(tx, { districtId, studentId, membershipId: caseManager.membershipId, role: "CASE_MANAGER" });
    const phonics = await makeIntervention(tx, { districtId, name: "Phonics Boost", components: ["Review", "Explicit decoding", "Connected text"] });
    const readWell = await makeIntervention(tx, { districtId, name: "Read Well Fluency", components: ["Model", "Repeated reading", "Error correction"] });

    // Last spring: completed, 7 valid probes (and one marked invalid), delivered with every component.
    plan.phonics = (
      await makePlan(tx, {
        districtId,
        schoolId: school.north,
        createdByUserId: caseManager.userId,
        studentIds: [studentId],
        interventionistMembershipIds: [caseManager.membershipId],
        interventionId: phonics.id,
        startDate: day("2026-03-02"),
        reviewDate: day("2026-04-24"),
        endDate: day("2026-05-29"),
        status: "COMPLETED",
        statusReason: "Goal period over; moved to a fluency plan.",
      })
    ).id;
    goal.phonics = (
      await makeGoal(tx, { districtId, planId: plan.phonics, studentId, measureId: orf.id, createdByUserId: caseManager.userId, baselineValue: 30, baselineDate: day("2026-02-27"), targetValue: 50, targetDate: day("2026-05-29") })
    ).id;
    const phonicsScores = [31, 33, 32, 35, 36, 38, 39];
    for (const [i, score] of phonicsScores.entries()) {
      await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId: goal.phonics, givenByUserId: caseManager.userId, date: day(`2026-03-${String(5 + i * 3).padStart(2, "0")}`), score });
    }
    await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId: goal.phonics, givenByUserId: caseManager.userId, date: day("2026-03-06"), score: 60, invalidatedAt: new Date("2026-03-07T08:00:00Z"), invalidReason: "Practised passage" });
    for (const d of ["2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09"]) {
      const s = await makeSession(tx, { districtId, planId: plan.phonics, loggedByUserId: caseManager.userId, date: day(d), minutes: 30, componentsDelivered: 3 });
      await makeAttendance(tx, s, studentId);
    }

    // This fall: active, 4 probes (too few), two of three components a session (67%).
    plan.readWell = (
      await makePlan(tx, {
        districtId,
        schoolId: school.north,
        createdByUserId: caseManager.userId,
        studentIds: [studentId],
        interventionistMembershipIds: [assistant.membershipId],
        interventionId: readWell.id,
        startDate: day("2026-09-21"),
        reviewDate: day("2026-12-18"),
      })
    ).id;
    goal.readWell = (
      await makeGoal(tx, { districtId, planId: plan.readWell, studentId, measureId: orf.id, createdByUserId: caseManager.userId, baselineValue: 41, baselineDate: day("2026-09-18"), targetValue: 72, targetDate: day("2027-03-12") })
    ).id;
    for (const [date, score] of [["2026-09-25", 42], ["2026-10-09", 44], ["2026-10-23", 43], ["2026-11-06", 46]] as const) {
      await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId: goal.readWell, givenByUserId: assistant.userId, date: day(date), score });
    }
    for (const d of ["2026-09-21", "2026-09-23", "2026-09-25"]) {
      const s = await makeSession(tx, { districtId, planId: plan.readWell, loggedByUserId: assistant.userId, date: day(d), minutes: 30, componentsDelivered: 2 });
      await makeAttendance(tx, s, studentId);
    }

    await tx.studentTier.createMany({
      data: [
        { districtId, studentId, area: "READING", tier: "TIER_2", effectiveDate: day("2026-02-20"), reason: "Winter screening: below benchmark", decidedByUserId: coordinator.userId },
        { districtId, studentId, area: "READING", tier: "TIER_3", effectiveDate: day("2026-09-15"), reason: "Fall screening: well below benchmark", decidedByUserId: coordinator.userId },
      ],
    });
    await makeGuardian(tx, { districtId, studentId, name: "Grace Okafor", relationship: "Mother", phone: "555-0100", email: "grace@example.org" });
    await makeAccommodation(tx, { districtId, studentId, createdByUserId: caseManager.userId, description: "Directions read aloud", source: "OTHER" });
    referralId = (
      await tx.referral.create({
        data: { districtId, studentId, reason: "No adequate response to two reading interventions.", referredOn: day("2026-11-02"), consentRequestedOn: day("2026-11-04"), consentDate: day("2026-11-10"), status: "EVALUATION", createdByUserId: coordinator.userId },
      })
    ).id;
  });
}, 120_000);

afterAll(() => {
  vi.useRealTimers();
});

beforeEach(() => signInAs(coordinator.ctx));

describe("the packet's content", () => {
  it("assembles the record: the student, guardians, tiers, every started plan in date order with dosage and data points, accommodations", async () => {
    const p = await getReferralPacket(coordinator.ctx, referralId);
    expect(p.student).toMatchObject({ id: studentId, name: "Ana Okafor", legalName: "Anaïs Okafor", localId: "LS-0099", schoolName: "North Elementary" });
    expect(p.referral).toMatchObject({ id: referralId, status: "EVALUATION", consentDate: "2026-11-10", clock: expect.objectContaining({ due: "2027-01-09", daysLeft: 39 }), final: null });
    expect(p.guardians).toEqual([{ name: "Grace Okafor", relationship: "Mother", phone: "555-0100", email: "grace@example.org", preferredLanguage: null }]);
    expect(p.tiers.map((t) => [t.effectiveDate, t.tier, t.decidedBy])).toEqual([
      ["2026-02-20", "TIER_2", "Cora Coordinator"],
      ["2026-09-15", "TIER_3", "Cora Coordinator"],
    ]);
    expect(p.plans.map((pl) => [pl.title, pl.status, pl.startDate, pl.endDate, pl.dataPoints, pl.goals.length])).toEqual([
      ["Phonics Boost", "COMPLETED", "2026-03-02", "2026-05-29", 7, 1],
      ["Read Well Fluency", "ACTIVE", "2026-09-21", null, 4, 1],
    ]);
    // Delivered as logged: four 30-minute sessions with every component; three with two of three.
    expect(p.plans[0]!.dosage).toMatchObject({ delivered: { sessions: 4, minutes: 120 }, fidelityPercent: 100 });
    expect(p.plans[1]!.dosage).toMatchObject({ delivered: { sessions: 3, minutes: 90 } });
    expect(p.plans[1]!.dosage!.fidelityPercent).toBeCloseTo(66.67, 1);
    expect(p.plans[0]!.decisions.map((d) => d.kind)).toEqual(["CREATED"]);
    expect(p.plans[1]!.interventionists).toEqual(["Jordan Lee"]);
    expect(p.accommodations).toEqual([expect.objectContaining({ description: "Directions read aloud", source: "OTHER" })]);
  });

  it("draws every goal with the goal page's own numbers (one arithmetic, loaded in a batch)", async () => {
    const p = await getReferralPacket(coordinator.ctx, referralId);
    for (const [i, id] of [goal.phonics, goal.readWell].entries()) {
      const page = await getGoalGraph(coordinator.ctx, id);
      const packed = p.plans[i]!.goals[0]!;
      expect(packed.goal.id).toBe(id);
      expect(packed.graph).toEqual(page.graph);
      expect(packed.recommendation).toEqual(page.recommendation);
      expect(packed.summary).toBe(page.summary);
      expect(packed.delivery).toEqual(page.delivery);
    }
    // The invalid probe is drawn (hollow) but never counted.
    expect(p.plans[0]!.goals[0]!.graph.points.filter((pt) => !pt.valid)).toHaveLength(1);
  });

  it("says what the default checklist finds met and missing", async () => {
    const { readiness } = await getReferralPacket(coordinator.ctx, referralId);
    expect(readiness.items.map((i) => [i.key, i.met])).toEqual([
      ["interventions", true],
      ["dataPoints", false],
      ["fidelity", false],
      ["guardians", true],
    ]);
    expect(readiness.missing.map((i) => i.detail)).toEqual(["Too few in Read Well Fluency (4, 2 more needed).", "Below 80% or not known: Read Well Fluency (66.7%)."]);
  });

  it("writes one view event about the student for the page, and one for the contact log it shows", async () => {
    await getReferralPacket(caseManager.ctx, referralId);
    expect(await eventsOf(caseManager.userId, "view")).toEqual([
      expect.objectContaining({ entityType: "Referral", entityId: referralId, studentId }),
      expect.objectContaining({ entityType: "GuardianContact", studentId, detail: expect.objectContaining({ page: "referral packet" }) }),
    ]);
  });

  it("shows the contact log, and counts a contact since the referral as the guardians informed when no consent request is recorded", async () => {
    await asOwner(async (tx) => {
      await tx.referral.update({ where: { id: referralId }, data: { consentRequestedOn: null, consentDate: null } });
      // Before the referral: not about it.
      await tx.guardianContact.create({ data: { districtId, studentId, contactedOn: day("2026-10-20"), guardianName: "Grace Okafor", guardianRelationship: "Mother", method: "EMAIL", purpose: "Progress", summary: "Shared the fluency graph.", createdByUserId: coordinator.userId } });
    });
    try {
      let p = await getReferralPacket(coordinator.ctx, referralId);
      expect(p.contacts!.map((c) => [c.contactedOn, c.method])).toEqual([["2026-10-20", "EMAIL"]]);
      expect(p.readiness.items.find((i) => i.key === "guardians")).toMatchObject({ met: false });
      await asOwner((tx) =>
        tx.guardianContact.create({ data: { districtId, studentId, contactedOn: day("2026-11-03"), guardianName: "Grace Okafor", guardianRelationship: "Mother", method: "PHONE", interpreterUsed: true, interpreterLanguage: "Yoruba", purpose: "The referral", summary: "Explained the evaluation and the consent form.", createdByUserId: coordinator.userId } }),
      );
      p = await getReferralPacket(coordinator.ctx, referralId);
      expect(p.contacts!.map((c) => c.contactedOn)).toEqual(["2026-11-03", "2026-10-20"]);
      expect(p.readiness.items.find((i) => i.key === "guardians")).toMatchObject({ met: true, detail: "Phone call with the family on Nov 3, 2026 (the contact log); no consent request recorded yet." });
      // The PDF as an administrator (the coordinator's export events are counted below).
      signInAs(admin.ctx);
      const res = await pdfRoute(new Request(`http://test/referrals/${referralId}/packet.pdf`), { params: Promise.resolve({ referralId }) });
      const text = pdfText(new Uint8Array(await res.arrayBuffer())).replace(/\s+/g, " ");
      expect(text).toContain("Contacts with the family");
      expect(text).toContain("Progress: Shared the fluency graph.");
    } finally {
      await asOwner(async (tx) => {
        await tx.guardianContact.deleteMany({ where: { districtId, studentId } });
        await tx.referral.update({ where: { id: referralId }, data: { consentRequestedOn: day("2026-11-04"), consentDate: day("2026-11-10") } });
      });
    }
  });
});

describe("who may see the packet", () => {
  it.each([
    ["an administrator", () => admin],
    ["a coordinator of the student's school", () => coordinator],
    ["the student's case manager", () => caseManager],
  ])("lets %s see it", async (_who, who) => {
    const p = await getReferralPacket(who().ctx, referralId);
    expect(p.student.id).toBe(studentId);
  });

  it.each([
    ["a specialist of the school who is not the case manager", () => colleague],
    ["an assistant who delivers the student's plan", () => assistant],
    ["a coordinator of another school", () => southCoordinator],
    ["another district's administrator", () => otherAdmin],
  ])("sends %s away with 404 and a denied event, and no view", async (_who, who) => {
    await expect(getReferralPacket(who().ctx, referralId)).rejects.toMatchObject(NOT_FOUND);
    expect(await eventsOf(who().userId, "denied")).toHaveLength(1);
    expect(await eventsOf(who().userId, "view")).toEqual([]);
    signInAs(who().ctx);
    await expect(pdfRoute(new Request(`http://test/referrals/${referralId}/packet.pdf`), { params: Promise.resolve({ referralId }) })).rejects.toMatchObject(NOT_FOUND);
    expect(await eventsOf(who().userId, "export")).toEqual([]);
  });

  it("answers an unknown or malformed id with 404", async () => {
    await expect(getReferralPacket(admin.ctx, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject(NOT_FOUND);
    await expect(getReferralPacket(admin.ctx, "not-a-uuid")).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("the PDF", () => {
  it("is a PDF of real text with the student, the interventions, a goal's ROI and the checklist, audited as an export", async () => {
    signInAs(coordinator.ctx);
    const res = await pdfRoute(new Request(`http://test/referrals/${referralId}/packet.pdf`), { params: Promise.resolve({ referralId }) });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="referral-packet-LS-0099-2026-12-01.pdf"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = pdfText(bytes).replace(/\s+/g, " ");
    for (const expected of ["Referral packet: Ana Okafor", "Phonics Boost", "Read Well Fluency", "Grace Okafor", "Tier history", "Missing", "Evaluation due Jan 9, 2027: 39 days left"]) {
      expect(text).toContain(expected);
    }
    // The fall goal's ROI, (72 - 41) words over 25 weeks = 1.24 a week, shown to the measure's one rate decimal, beside the student's.
    const page = await getGoalGraph(coordinator.ctx, goal.readWell);
    expect(page.goal.roiPerWeek).toBeCloseTo(1.24, 2);
    expect(text).toContain("Goal ROI 1.2 per week ROI since baseline 0.6 per week (4 points; short of the goal ROI)");
    // The graphs are drawn, with their axes' labels as text.
    expect(text).toContain("Oct 2026 Nov 2026 Dec 2026");
    expect(await eventsOf(coordinator.userId, "export")).toEqual([expect.objectContaining({ entityType: "Referral", entityId: referralId, studentId })]);
  });
});

describe("marking the packet final", () => {
  const finalize = (note = "") => finalizeReferralPacket(null, formOf({ unverifiedReferralId: referralId, note }));
  const row = () => asOwner((tx) => tx.referral.findUniqueOrThrow({ where: { id: referralId } }));

  it("refuses an outsider with NOT_FOUND and writes nothing", async () => {
    signInAs(assistant.ctx);
    expect(await finalize("Because.")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await row()).packetFinalAt).toBeNull();
  });

  it("asks why when items are missing, saving nothing until a reason is given", async () => {
    const refused = await finalize("  ");
    expect(refused).toMatchObject({ ok: false });
    expect(fieldErr(refused, "note")).toBe("Say why the packet is final with 2 items missing (at least 6 data points in each intervention; fidelity at least 80% in each intervention).");
    expect((await row()).packetFinalAt).toBeNull();

    expect(await finalize("The parent asked for the evaluation in writing.")).toEqual({ ok: true, message: "The packet is final, with the reason recorded." });
    expect(await row()).toMatchObject({ packetFinalByUserId: coordinator.userId, packetFinalNote: "The parent asked for the evaluation in writing." });
    const p = await getReferralPacket(coordinator.ctx, referralId);
    expect(p.referral.final).toMatchObject({ by: "Cora Coordinator", note: "The parent asked for the evaluation in writing." });
    expect(p.mayFinalize).toBe(true);
    const [event] = (await eventsOf(coordinator.userId, "update")).filter((e) => e.entityId === referralId);
    expect(event!.detail).toEqual({ fields: ["packetFinal"], met: ["interventions", "guardians"], missing: ["dataPoints", "fidelity"] });
    expect(await finalize("Again.")).toMatchObject({ ok: false, error: { message: "This packet is already final." } });
  });
});

describe("the district's checklist", () => {
  const save = (fields: Record<string, string>) => savePacketRules(null, formOf({ minInterventions: "2", minDataPoints: "6", minFidelity: "80", ...fields }));

  it("is the administrator's to set; the packet follows it", async () => {
    signInAs(admin.ctx);
    expect(await save({ minDataPoints: "4", minFidelity: "60", requireGuardiansInformed: "on" })).toEqual({ ok: true, message: "The referral packet checklist was saved." });
    const { readiness, rules } = await getReferralPacket(admin.ctx, referralId);
    expect(rules).toEqual({ minInterventions: 2, minDataPoints: 4, minFidelity: 60, requireGuardiansInformed: true });
    expect(readiness.ready).toBe(true);
    // Unticked, the guardians item leaves the list.
    await save({ minDataPoints: "4", minFidelity: "60" });
    expect((await getReferralPacket(admin.ctx, referralId)).readiness.items.map((i) => i.key)).toEqual(["interventions", "dataPoints", "fidelity"]);
  });

  it("refuses numbers out of bounds, saving nothing", async () => {
    signInAs(admin.ctx);
    const before = await asOwner((tx) => tx.districtSettings.findUnique({ where: { districtId } }));
    const refused = await save({ minDataPoints: "2", minFidelity: "101" });
    expect(fieldErr(refused, "minDataPoints")).toBe("Enter a whole number from 3 to 30.");
    expect(fieldErr(refused, "minFidelity")).toBe("Enter a whole number from 50 to 100.");
    expect(await asOwner((tx) => tx.districtSettings.findUnique({ where: { districtId } }))).toEqual(before);
  });

  it("is not a coordinator's to set", async () => {
    signInAs(coordinator.ctx);
    expect(await save({})).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("the cost of a long record", () => {
  /** Statements sent to the server while fn runs (each one a round trip, decision 007). */
  async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
    const spy = vi.spyOn(pg.Client.prototype, "query");
    try {
      await fn();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it.runIf(engine() === "server")("sends as many statements for three plans and their probes as for two (no statement per plan, goal or probe)", async () => {
    const before = await statementsOf(() => getReferralPacket(coordinator.ctx, referralId));
    // The spy sees the driver's statements (so the comparison below can fail): the loader's dozen or so, and the transaction's.
    expect(before).toBeGreaterThan(10);
    // 18 with the transaction's own (decision 045: the clock and the checklist rules in one read, the delivery read
    // once for the dosage and the graphs); 21 before.
    expect(before).toBeLessThanOrEqual(18);
    await asOwner(async (tx) => {
      const orf = await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } });
      const more = await makeIntervention(tx, { districtId, name: "Word Ladders" });
      const p = await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: caseManager.userId, studentIds: [studentId], interventionId: more.id, startDate: day("2026-10-05"), reviewDate: day("2026-12-18") });
      for (const n of [1, 2]) {
        const g = await makeGoal(tx, { districtId, planId: p.id, studentId, measureId: orf.id, createdByUserId: caseManager.userId, baselineDate: day("2026-10-02"), baselineValue: 40 + n });
        for (let w = 0; w < 8; w++) await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId: g.id, givenByUserId: caseManager.userId, date: day(`2026-${w < 4 ? "10" : "11"}-${String(6 + (w % 4) * 7).padStart(2, "0")}`), score: 42 + w });
      }
      for (const d of ["2026-10-05", "2026-10-07"]) await makeAttendance(tx, await makeSession(tx, { districtId, planId: p.id, loggedByUserId: caseManager.userId, date: day(d), componentsDelivered: 3 }), studentId);
    });
    let packet: Awaited<ReturnType<typeof getReferralPacket>> | undefined;
    const after = await statementsOf(async () => (packet = await getReferralPacket(coordinator.ctx, referralId)));
    expect(packet!.plans.map((p) => p.goals.length)).toEqual([1, 1, 2]);
    expect(after).toBe(before);
  });
});
