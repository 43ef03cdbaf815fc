// The intervention library: adding, editing, retiring and restoring
// interventions (who may, bad input, version conflicts, components retired
// rather than deleted), the pages that read it, the lookups plans use, and the
// demo library seed.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MEASURES } from "@/domain/measures";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { createIntervention, setInterventionRetired, updateIntervention } from "@/server/interventions/actions";
import { findActiveInterventionIn, getInterventionDetail, getInterventionForEdit, getInterventionList, getNewInterventionForm, libraryOptionsIn } from "@/server/interventions/queries";
import { ZCreateInterventionInput } from "@/server/interventions/schemas";
import { DEMO_LIBRARY, seedLibrary } from "../../prisma/seed/library";
import { makeDistrict, makeIntervention, makeMeasure, makePlan, makeSchool, makeSession, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let schoolId: string;
const measure = { orf: "", maze: "", archived: "", other: "" };
let admin: Person;
let coordinator: Person;
let specialist: Person;
let assistant: Person;
let otherAdmin: Person;
let otherIntervention: string;

const person = (name: string, role: Ctx["role"], inDistrict = districtId, schoolIds: string[] = []) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, name, schoolIds }));

let seq = 0;
const uniqueName = (base = "Phonics tutoring") => `${base} ${++seq}`;

const fields = (overrides: Record<string, string | string[]> = {}) => ({
  name: uniqueName(),
  area: "READING",
  tiers: ["TIER_2", "TIER_3"],
  description: "Small-group explicit phonics.",
  evidenceLevel: "PROMISING",
  sourceUrl: "https://ies.ed.gov/ncee/wwc/EvidenceSnapshot/475",
  minutesPerSession: "30",
  sessionsPerWeek: "4",
  weeks: "20",
  groupSizeMin: "1",
  groupSizeMax: "3",
  gradeMin: "G1",
  gradeMax: "G3",
  components: "Letter-sound review\nBlending\n\n  Decodable text reading  ",
  unverifiedMeasureIds: [measure.orf],
  ...overrides,
});
const create = (overrides: Record<string, string | string[]> = {}) => createIntervention(null, formOf(fields(overrides)));

/** Creates through the action (as the coordinator) and returns the new id. */
async function created(overrides: Record<string, string | string[]> = {}) {
  signInAs(coordinator.ctx);
  const to = await redirectOf(create(overrides));
  return to.replace("/interventions/", "");
}

const row = (id: string) =>
  asOwner((tx) =>
    tx.intervention.findUniqueOrThrow({
      where: { id },
      include: { components: { orderBy: [{ position: "asc" }, { id: "asc" }] }, measures: true },
    }),
  );
const count = () => asOwner((tx) => tx.intervention.count({ where: { districtId } }));
const audits = (entityId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { entityType: "Intervention", entityId }, orderBy: { createdAt: "asc" } }));
const denied = (userId: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action: "denied" }, orderBy: { createdAt: "asc" } }));

/** The edit form's fields for a stored intervention, with changes. */
async function editOf(id: string, overrides: Record<string, string | string[]> = {}) {
  const r = await row(id);
  return formOf({
    unverifiedInterventionId: id,
    version: String(r.version),
    name: r.name,
    area: r.area,
    tiers: r.tiers,
    description: r.description,
    evidenceLevel: r.evidenceLevel,
    sourceUrl: r.sourceUrl ?? "",
    minutesPerSession: String(r.minutesPerSession ?? ""),
    sessionsPerWeek: String(r.sessionsPerWeek ?? ""),
    weeks: String(r.weeks ?? ""),
    groupSizeMin: String(r.groupSizeMin ?? ""),
    groupSizeMax: String(r.groupSizeMax ?? ""),
    gradeMin: r.gradeMin ?? "",
    gradeMax: r.gradeMax ?? "",
    components: r.components.filter((c) => !c.retiredAt).map((c) => c.label).join("\n"),
    unverifiedMeasureIds: r.measures.map((m) => m.measureId),
    ...overrides,
  });
}

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    measure.orf = (await makeMeasure(tx, { districtId, name: "ORF words correct per minute" })).id;
    measure.maze = (await makeMeasure(tx, { districtId, name: "Maze correct", unit: "correct" })).id;
    measure.archived = (await makeMeasure(tx, { districtId, name: "Old measure", archivedAt: new Date() })).id;
    measure.other = (await makeMeasure(tx, { districtId: otherDistrictId })).id;
    otherIntervention = (await makeIntervention(tx, { districtId: otherDistrictId, name: "Hillview tutoring" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", districtId, [schoolId]);
  specialist = await person("Sam Patel", "SPECIALIST", districtId, [schoolId]);
  assistant = await person("Ari Lund", "ASSISTANT", districtId, [schoolId]);
  otherAdmin = await person("Otto Other", "ADMIN", otherDistrictId);
});

beforeEach(() => {
  signInAs(coordinator.ctx);
});

describe("createIntervention", () => {
  it("lets a coordinator add an intervention with its components in order, its measures and an audit event", async () => {
    const name = uniqueName("Sound Partners");
    const to = await redirectOf(create({ name, unverifiedMeasureIds: [measure.orf, measure.maze] }));
    const id = to.replace("/interventions/", "");
    expect(to).toMatch(/^\/interventions\/[0-9a-f-]{36}$/);
    const r = await row(id);
    expect(r).toMatchObject({
      districtId,
      name,
      area: "READING",
      tiers: ["TIER_2", "TIER_3"],
      description: "Small-group explicit phonics.",
      evidenceLevel: "PROMISING",
      sourceUrl: "https://ies.ed.gov/ncee/wwc/EvidenceSnapshot/475",
      minutesPerSession: 30,
      sessionsPerWeek: 4,
      weeks: 20,
      groupSizeMin: 1,
      groupSizeMax: 3,
      gradeMin: "G1",
      gradeMax: "G3",
      version: 1,
      retiredAt: null,
    });
    expect(r.components.map((c) => [c.label, c.position, c.retiredAt])).toEqual([
      ["Letter-sound review", 0, null],
      ["Blending", 1, null],
      ["Decodable text reading", 2, null],
    ]);
    expect(r.measures.map((m) => m.measureId).sort()).toEqual([measure.orf, measure.maze].sort());
    expect(await audits(id)).toEqual([expect.objectContaining({ action: "create", actorUserId: coordinator.userId, studentId: null, detail: { name } })]);
  });

  it("lets an administrator add one, with every optional field left blank", async () => {
    signInAs(admin.ctx);
    const name = uniqueName("Check-In/Check-Out");
    const blank = { description: "", sourceUrl: "", minutesPerSession: "", sessionsPerWeek: "", weeks: "", groupSizeMin: "", groupSizeMax: "", gradeMin: "", gradeMax: "", components: "", unverifiedMeasureIds: [] };
    const id = (await redirectOf(create({ name, area: "BEHAVIOR", tiers: ["TIER_2"], evidenceLevel: "NOT_RATED", ...blank }))).replace("/interventions/", "");
    const r = await row(id);
    expect(r).toMatchObject({ name, description: "", sourceUrl: null, minutesPerSession: null, sessionsPerWeek: null, weeks: null, groupSizeMin: null, groupSizeMax: null, gradeMin: null, gradeMax: null });
    expect(r.components).toEqual([]);
    expect(r.measures).toEqual([]);
  });

  it.each([
    ["a blank name", { name: "  " }, "name", "Enter the intervention's name."],
    ["a name too long", { name: "x".repeat(121) }, "name", "Use at most 120 characters."],
    ["no area", { area: "" }, "area", "Choose the area."],
    ["an unknown area", { area: "SCIENCE" }, "area", "Choose the area."],
    ["no tier", { tiers: [] }, "tiers", "Choose at least one tier the intervention suits."],
    ["an unknown tier", { tiers: ["TIER_4"] }, "tiers", "Choose from the listed tiers."],
    ["a description too long", { description: "x".repeat(2001) }, "description", "Use at most 2000 characters."],
    ["no evidence level", { evidenceLevel: "" }, "evidenceLevel", "Choose the evidence level."],
    ["an unknown evidence level", { evidenceLevel: "VERY_STRONG" }, "evidenceLevel", "Choose the evidence level."],
    ["a javascript: link", { sourceUrl: "javascript:alert(1)" }, "sourceUrl", "Enter a web address that starts with http:// or https://, like https://ies.ed.gov/ncee/wwc/."],
    ["an ftp link", { sourceUrl: "ftp://files.example.org/report.pdf" }, "sourceUrl", "Enter a web address that starts with http:// or https://, like https://ies.ed.gov/ncee/wwc/."],
    ["a link that is not an address", { sourceUrl: "What Works Clearinghouse" }, "sourceUrl", "Enter a web address that starts with http:// or https://, like https://ies.ed.gov/ncee/wwc/."],
    ["a link too long", { sourceUrl: `https://example.org/${"a".repeat(490)}` }, "sourceUrl", "Use at most 500 characters."],
    ["0 minutes", { minutesPerSession: "0" }, "minutesPerSession", "Enter the minutes per session as a whole number from 1 to 240, or leave it blank."],
    ["241 minutes", { minutesPerSession: "241" }, "minutesPerSession", "Enter the minutes per session as a whole number from 1 to 240, or leave it blank."],
    ["minutes that are not a whole number", { minutesPerSession: "22.5" }, "minutesPerSession", "Enter the minutes per session as a whole number from 1 to 240, or leave it blank."],
    ["minutes that are not a number", { minutesPerSession: "half an hour" }, "minutesPerSession", "Enter the minutes per session as a whole number from 1 to 240, or leave it blank."],
    ["negative sessions", { sessionsPerWeek: "-2" }, "sessionsPerWeek", "Enter the sessions per week as a whole number from 1 to 10, or leave it blank."],
    ["11 sessions a week", { sessionsPerWeek: "11" }, "sessionsPerWeek", "Enter the sessions per week as a whole number from 1 to 10, or leave it blank."],
    ["53 weeks", { weeks: "53" }, "weeks", "Enter the number of weeks as a whole number from 1 to 52, or leave it blank."],
    ["a smallest group of 0", { groupSizeMin: "0" }, "groupSizeMin", "Enter the smallest group size as a whole number from 1 to 30, or leave it blank."],
    ["a largest group of 31", { groupSizeMax: "31" }, "groupSizeMax", "Enter the largest group size as a whole number from 1 to 30, or leave it blank."],
    ["a smallest group above the largest", { groupSizeMin: "6", groupSizeMax: "4" }, "groupSizeMax", "The largest group size cannot be smaller than the smallest."],
    ["an unknown lowest grade", { gradeMin: "G13" }, "gradeMin", "Choose the lowest grade from the list, or leave it blank."],
    ["a lowest grade above the highest", { gradeMin: "G4", gradeMax: "KG" }, "gradeMax", "The highest grade cannot be below the lowest grade."],
    // Grade 10 is above grade 2 in school order, though "G10" < "G2" as text.
    ["grade 10 to grade 2", { gradeMin: "G10", gradeMax: "G2" }, "gradeMax", "The highest grade cannot be below the lowest grade."],
    ["21 components", { components: Array.from({ length: 21 }, (_, i) => `Step ${i + 1}`).join("\n") }, "components", "List at most 20 components; you listed 21."],
    ["a component too long", { components: `Warm-up\n\n${"x".repeat(201)}` }, "components", "Keep each component to 200 characters; component 2 has 201."],
    ["a component listed twice", { components: "Warm-up\nBlending\nwarm-up" }, "components", 'List each component once: "warm-up" appears twice.'],
    ["another district's measure", { unverifiedMeasureIds: [measure.orf, measure.other] }, "unverifiedMeasureIds", "Choose measures from the list."],
    ["an archived measure", { unverifiedMeasureIds: [measure.archived] }, "unverifiedMeasureIds", "Choose measures from the list."],
    ["a malformed measure id", { unverifiedMeasureIds: ["not-a-uuid"] }, "unverifiedMeasureIds", "Choose measures from the list."],
  ])("refuses %s with a clear message and saves nothing", async (_label, overrides, field, message) => {
    const before = await count();
    const state = await create(overrides);
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(state && !state.ok && state.values).toMatchObject(overrides);
    expect(await count()).toBe(before);
  });

  it.each([
    ["the same name", (n: string) => n],
    ["the same name in other capitals", (n: string) => n.toUpperCase()],
  ])("refuses %s as an existing intervention and saves nothing", async (_label, variant) => {
    const name = uniqueName("Read Naturally");
    await created({ name });
    const before = await count();
    expect(await create({ name: variant(name) })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { name: ["Another intervention in this district's library already has this name."] } },
    });
    expect(await count()).toBe(before);
  });

  it("allows a name another district uses", async () => {
    expect(await redirectOf(create({ name: "Hillview tutoring" }))).toMatch(/^\/interventions\//);
  });

  it.each([
    ["a specialist", () => specialist],
    ["an assistant", () => assistant],
  ])("refuses %s (NOT_FOUND, a denied event, nothing saved)", async (_label, who) => {
    signInAs(who().ctx);
    const before = await count();
    expect(await create()).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await count()).toBe(before);
    expect((await denied(who().userId)).at(-1)).toMatchObject({ entityType: "Intervention", studentId: null, detail: { attempted: "intervention.manage" } });
  });
});

describe("updateIntervention", () => {
  it("saves an edit: new version, measures replaced, components matched by label and retired rather than deleted", async () => {
    const id = await created({ components: "Warm-up\nBlending\nDecodable text", unverifiedMeasureIds: [measure.orf] });
    const before = await row(id);
    const byLabel = Object.fromEntries(before.components.map((c) => [c.label, c.id]));
    const name = uniqueName("Sound Partners (revised)");
    const state = await updateIntervention(
      null,
      await editOf(id, { name, minutesPerSession: "25", components: "Decodable text\nwarm-up\nSpelling dictation", unverifiedMeasureIds: [measure.maze] }),
    );
    expect(state).toEqual({ ok: true, message: "Saved." });
    const after = await row(id);
    expect(after).toMatchObject({ name, minutesPerSession: 25, version: 2 });
    expect(after.measures.map((m) => m.measureId)).toEqual([measure.maze]);
    const active = after.components.filter((c) => !c.retiredAt);
    expect(active.map((c) => [c.label, c.position])).toEqual([
      ["Decodable text", 0],
      ["warm-up", 1],
      ["Spelling dictation", 2],
    ]);
    // Unchanged labels (in any case) keep their rows; the removed one is retired, not deleted.
    expect(active[0]!.id).toBe(byLabel["Decodable text"]);
    expect(active[1]!.id).toBe(byLabel["Warm-up"]);
    expect(after.components).toHaveLength(4);
    expect(after.components.find((c) => c.id === byLabel["Blending"])).toMatchObject({ label: "Blending", retiredAt: expect.any(Date) });
    expect((await audits(id)).at(-1)).toMatchObject({
      action: "update",
      actorUserId: coordinator.userId,
      studentId: null,
      detail: { fields: ["name", "minutesPerSession", "components", "measureIds"] },
    });
  });

  it("keeps a removed component that a logged session points at, with the session's record of it", async () => {
    const id = await created({ components: "Warm-up\nBlending" });
    const blending = (await row(id)).components[1]!;
    const sessionId = await asOwner(async (tx) => {
      const studentId = (await makeStudent(tx, { districtId, schoolId })).id;
      const plan = await makePlan(tx, { districtId, schoolId, createdByUserId: specialist.userId, studentIds: [studentId], interventionId: id });
      const session = await makeSession(tx, { districtId, planId: plan.id, loggedByUserId: specialist.userId });
      await tx.sessionComponent.create({ data: { districtId, sessionId: session.id, componentId: blending.id } });
      return session.id;
    });
    expect(await updateIntervention(null, await editOf(id, { components: "Warm-up" }))).toEqual({ ok: true, message: "Saved." });
    const kept = await asOwner((tx) => tx.interventionComponent.findUnique({ where: { id: blending.id } }));
    expect(kept).toMatchObject({ label: "Blending", retiredAt: expect.any(Date) });
    expect(await asOwner((tx) => tx.sessionComponent.count({ where: { sessionId, componentId: blending.id } }))).toBe(1);
  });

  it("says there was nothing to save when nothing changed, and keeps the version", async () => {
    const id = await created();
    const auditsBefore = (await audits(id)).length;
    expect(await updateIntervention(null, await editOf(id))).toEqual({ ok: true, message: "There were no changes to save." });
    expect((await row(id)).version).toBe(1);
    expect(await audits(id)).toHaveLength(auditsBefore);
  });

  it("saves a new grade range, and a cleared one, naming the changed fields in the audit event", async () => {
    const id = await created();
    expect(await updateIntervention(null, await editOf(id, { gradeMin: "KG", gradeMax: "G2" }))).toEqual({ ok: true, message: "Saved." });
    expect(await row(id)).toMatchObject({ gradeMin: "KG", gradeMax: "G2", version: 2 });
    expect((await audits(id)).at(-1)).toMatchObject({ action: "update", detail: { fields: ["gradeMin", "gradeMax"] } });
    expect(await updateIntervention(null, await editOf(id, { gradeMax: "" }))).toEqual({ ok: true, message: "Saved." });
    expect(await row(id)).toMatchObject({ gradeMin: "KG", gradeMax: null });
  });

  it("refuses a stale edit with a conflict and saves nothing", async () => {
    const id = await created({ components: "Warm-up" });
    const stale = await editOf(id, { name: uniqueName("Stale edit"), components: "Warm-up\nNew step" });
    expect(await updateIntervention(null, await editOf(id, { weeks: "12" }))).toMatchObject({ ok: true });
    const between = await row(id);
    const state = await updateIntervention(null, stale);
    expect(state).toMatchObject({
      ok: false,
      error: {
        code: "CONFLICT",
        message: "Someone else saved changes to this intervention since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
      },
    });
    const after = await row(id);
    expect(after).toMatchObject({ name: between.name, weeks: 12, version: 2 });
    expect(after.components.map((c) => c.label)).toEqual(["Warm-up"]);
  });

  it("refuses another intervention's name", async () => {
    const taken = uniqueName("Taken");
    await created({ name: taken });
    const id = await created();
    expect(await updateIntervention(null, await editOf(id, { name: taken.toLowerCase() }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { name: ["Another intervention in this district's library already has this name."] } },
    });
  });

  it("refuses another district's measure and saves nothing", async () => {
    const id = await created();
    expect(await updateIntervention(null, await editOf(id, { weeks: "8", unverifiedMeasureIds: [measure.other] }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { unverifiedMeasureIds: ["Choose measures from the list."] } },
    });
    expect(await row(id)).toMatchObject({ weeks: 20, version: 1 });
  });

  it.each([
    ["another district's intervention", () => otherIntervention],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", () => "not-a-uuid"],
  ])("answers NOT_FOUND for %s and writes a denied event", async (_label, id) => {
    const form = await editOf(await created());
    form.set("unverifiedInterventionId", id());
    const deniedBefore = (await denied(coordinator.userId)).length;
    expect(await updateIntervention(null, form)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await denied(coordinator.userId)).toHaveLength(deniedBefore + 1);
    expect(await asOwner((tx) => tx.intervention.findUnique({ where: { id: otherIntervention } }))).toMatchObject({ name: "Hillview tutoring", version: 1 });
  });

  it("refuses a specialist", async () => {
    const id = await created();
    signInAs(specialist.ctx);
    expect(await updateIntervention(null, await editOf(id, { weeks: "5" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await row(id)).toMatchObject({ weeks: 20, version: 1 });
  });
});

describe("setInterventionRetired", () => {
  const retire = (id: string, retired: "yes" | "no") => setInterventionRetired(null, formOf({ unverifiedInterventionId: id, retired }));

  it("retires and restores, with an audit event each, and plans can no longer choose a retired one", async () => {
    const id = await created({ area: "WRITING" });
    expect(await retire(id, "yes")).toMatchObject({ ok: true, message: expect.stringMatching(/^Retired/) });
    expect((await row(id)).retiredAt).toBeInstanceOf(Date);
    await withTenant(districtId, async (tx) => {
      expect(await findActiveInterventionIn(tx, districtId, id)).toBeNull();
      expect((await libraryOptionsIn(tx, districtId)).map((o) => o.id)).not.toContain(id);
    });
    // Pressing again (a second tab) changes nothing.
    await retire(id, "yes");
    signInAs(admin.ctx);
    expect(await retire(id, "no")).toEqual({ ok: true, message: "Restored: new plans can choose it again." });
    expect((await row(id)).retiredAt).toBeNull();
    await withTenant(districtId, async (tx) => expect(await findActiveInterventionIn(tx, districtId, id)).toMatchObject({ id }));
    expect((await audits(id)).map((a) => [a.action, a.detail])).toEqual([
      ["create", expect.anything()],
      ["update", { fields: ["retiredAt"], retired: true }],
      ["update", { fields: ["retiredAt"], retired: false }],
    ]);
  });

  it("answers NOT_FOUND for another district's intervention and leaves it as it was", async () => {
    expect(await retire(otherIntervention, "yes")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.intervention.findUnique({ where: { id: otherIntervention } }))).toMatchObject({ retiredAt: null });
  });

  it.each([
    ["a specialist", () => specialist],
    ["an assistant", () => assistant],
  ])("refuses %s", async (_label, who) => {
    const id = await created();
    signInAs(who().ctx);
    expect(await retire(id, "yes")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await row(id)).retiredAt).toBeNull();
  });
});

describe("the library pages", () => {
  let listDistrict: string;
  let listSpecialist: Person;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await asOwner(async (tx) => {
      listDistrict = (await makeDistrict(tx, { name: "Listville" })).id;
      ids.sound = (await makeIntervention(tx, { districtId: listDistrict, name: "Sound Partners", area: "READING", tiers: ["TIER_2", "TIER_3"], evidenceLevel: "STRONG" })).id;
      ids.rocket = (await makeIntervention(tx, { districtId: listDistrict, name: "Number Rockets", area: "MATH", tiers: ["TIER_2"], evidenceLevel: "STRONG" })).id;
      ids.cico = (await makeIntervention(tx, { districtId: listDistrict, name: "Check-In/Check-Out", area: "BEHAVIOR", tiers: ["TIER_2"], evidenceLevel: "RATIONALE" })).id;
      ids.gbg = (await makeIntervention(tx, { districtId: listDistrict, name: "Good Behavior Game", area: "BEHAVIOR", tiers: ["TIER_1"], evidenceLevel: "STRONG", retiredAt: new Date() })).id;
      ids.percent = (await makeIntervention(tx, { districtId: listDistrict, name: "100% attendance club", area: "ATTENDANCE", tiers: ["TIER_1"], evidenceLevel: "NOT_RATED" })).id;
    });
    listSpecialist = await person("Lee Lister", "SPECIALIST", listDistrict);
  });

  const names = async (params: Record<string, string>) => (await getInterventionList(listSpecialist.ctx, params)).rows.map((r) => r.name);

  it("lists the active interventions by name for a specialist, who may not manage them", async () => {
    const list = await getInterventionList(listSpecialist.ctx, {});
    expect(list.rows.map((r) => r.name)).toEqual(["100% attendance club", "Check-In/Check-Out", "Number Rockets", "Sound Partners"]);
    expect(list).toMatchObject({ total: 4, page: 1, pageCount: 1, mayManage: false });
  });

  it.each([
    [{ area: "BEHAVIOR" }, ["Check-In/Check-Out"]],
    [{ area: "BEHAVIOR", retired: "on" }, ["Check-In/Check-Out", "Good Behavior Game"]],
    [{ tier: "TIER_3" }, ["Sound Partners"]],
    [{ evidence: "STRONG" }, ["Number Rockets", "Sound Partners"]],
    [{ q: "ROCK" }, ["Number Rockets"]],
    [{ q: "check-in/" }, ["Check-In/Check-Out"]],
    [{ q: "%" }, ["100% attendance club"]],
    [{ q: "game", retired: "on" }, ["Good Behavior Game"]],
    [{ area: "SCIENCE", tier: "TIER_9", evidence: "GREAT" }, ["100% attendance club", "Check-In/Check-Out", "Number Rockets", "Sound Partners"]],
  ])("filters by %j", async (params, expected) => {
    expect(await names(params)).toEqual(expected);
  });

  it("shows 50 a page, sorted by name, and a page past the end shows the last", async () => {
    const pageDistrict = await asOwner(async (tx) => {
      const d = (await makeDistrict(tx, { name: "Pageton" })).id;
      await tx.intervention.createMany({ data: Array.from({ length: 53 }, (_, i) => ({ districtId: d, name: `Intervention ${String(i).padStart(2, "0")}`, area: "MATH" as const, tiers: ["TIER_2" as const] })) });
      return d;
    });
    const viewer = await person("Page Viewer", "COORDINATOR", pageDistrict);
    const first = await getInterventionList(viewer.ctx, {});
    expect(first).toMatchObject({ total: 53, page: 1, pageCount: 2, mayManage: true });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.name).toBe("Intervention 00");
    const last = await getInterventionList(viewer.ctx, { page: "9" });
    expect(last.page).toBe(2);
    expect(last.rows.map((r) => r.name)).toEqual(["Intervention 50", "Intervention 51", "Intervention 52"]);
  });

  it("shows one intervention with its active components in order, its measures and how many plans use it", async () => {
    const id = await created({ components: "Warm-up\nBlending\nDecodable text", unverifiedMeasureIds: [measure.orf, measure.maze] });
    await updateIntervention(null, await editOf(id, { components: "Decodable text\nWarm-up" }));
    await asOwner(async (tx) => {
      const studentId = (await makeStudent(tx, { districtId, schoolId })).id;
      for (let i = 0; i < 2; i++) await makePlan(tx, { districtId, schoolId, createdByUserId: specialist.userId, studentIds: [studentId], interventionId: id });
    });
    const { intervention, mayManage } = await getInterventionDetail(specialist.ctx, id);
    expect(mayManage).toBe(false);
    expect(intervention.components.map((c) => c.label)).toEqual(["Decodable text", "Warm-up"]);
    expect(intervention.measures.map((m) => m.name)).toEqual(["Maze correct", "ORF words correct per minute"]);
    expect(intervention.planCount).toBe(2);
  });

  it.each([
    ["another district's intervention", () => otherIntervention],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", () => "../etc"],
  ])("answers 404 for %s, with a denied event", async (_label, id) => {
    const before = (await denied(specialist.userId)).length;
    await expect(getInterventionDetail(specialist.ctx, id())).rejects.toMatchObject(NOT_FOUND);
    await expect(getInterventionForEdit(coordinator.ctx, id())).rejects.toMatchObject(NOT_FOUND);
    expect(await denied(specialist.userId)).toHaveLength(before + 1);
  });

  it("gives an assistant 404 on every library page, with denied events, and another district's administrator nothing of this one", async () => {
    const id = await created();
    const before = (await denied(assistant.userId)).length;
    await expect(getInterventionList(assistant.ctx, {})).rejects.toMatchObject(NOT_FOUND);
    await expect(getInterventionDetail(assistant.ctx, id)).rejects.toMatchObject(NOT_FOUND);
    await expect(getNewInterventionForm(assistant.ctx)).rejects.toMatchObject(NOT_FOUND);
    await expect(getInterventionForEdit(assistant.ctx, id)).rejects.toMatchObject(NOT_FOUND);
    const events = (await denied(assistant.userId)).slice(before);
    expect(events.map((e) => e.detail)).toEqual([
      { attempted: "intervention.view" },
      { attempted: "intervention.view" },
      { attempted: "intervention.manage" },
      { attempted: "intervention.manage" },
    ]);
    await expect(getInterventionDetail(otherAdmin.ctx, id)).rejects.toMatchObject(NOT_FOUND);
  });

  it("opens the forms for a coordinator with the district's measures in use, and refuses them to a specialist", async () => {
    const { measures } = await getNewInterventionForm(coordinator.ctx);
    expect(measures.map((m) => m.id).sort()).toEqual([measure.orf, measure.maze].sort());
    const id = await created();
    expect((await getInterventionForEdit(admin.ctx, id)).intervention).toMatchObject({ id, version: 1 });
    await expect(getNewInterventionForm(specialist.ctx)).rejects.toMatchObject(NOT_FOUND);
    await expect(getInterventionForEdit(specialist.ctx, id)).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("lookups for plans", () => {
  it("libraryOptionsIn lists the district's active interventions by name, optionally of one area", async () => {
    const d = await asOwner(async (tx) => {
      const id = (await makeDistrict(tx, { name: "Optionville" })).id;
      await makeIntervention(tx, { districtId: id, name: "Zeta reading", area: "READING", minutesPerSession: 20 });
      await makeIntervention(tx, { districtId: id, name: "Alpha reading", area: "READING" });
      await makeIntervention(tx, { districtId: id, name: "Beta math", area: "MATH" });
      await makeIntervention(tx, { districtId: id, name: "Retired reading", area: "READING", retiredAt: new Date() });
      return id;
    });
    await withTenant(d, async (tx) => {
      expect((await libraryOptionsIn(tx, d)).map((o) => o.name)).toEqual(["Alpha reading", "Beta math", "Zeta reading"]);
      const reading = await libraryOptionsIn(tx, d, { area: "READING" });
      expect(reading.map((o) => o.name)).toEqual(["Alpha reading", "Zeta reading"]);
      expect(reading[1]).toEqual({
        id: expect.any(String),
        name: "Zeta reading",
        area: "READING",
        tiers: ["TIER_2", "TIER_3"],
        evidenceLevel: "MODERATE",
        minutesPerSession: 20,
        sessionsPerWeek: 3,
        weeks: 12,
        groupSizeMin: 1,
        groupSizeMax: 5,
        gradeMin: null,
        gradeMax: null,
      });
    });
  });

  it("findActiveInterventionIn gives the active components in order, and null for malformed, unknown, other districts' or retired ids", async () => {
    const id = await created({ components: "One\nTwo\nThree" });
    await updateIntervention(null, await editOf(id, { components: "Three\nOne" }));
    const retired = await asOwner((tx) => makeIntervention(tx, { districtId, retiredAt: new Date() }));
    await withTenant(districtId, async (tx) => {
      const found = await findActiveInterventionIn(tx, districtId, id);
      expect(found?.components.map((c) => [c.label, c.position])).toEqual([
        ["Three", 0],
        ["One", 1],
      ]);
      for (const bad of ["nope", "00000000-0000-4000-8000-000000000000", otherIntervention, retired.id]) {
        expect(await findActiveInterventionIn(tx, districtId, bad), bad).toBeNull();
      }
    });
  });
});

describe("the demo library seed", () => {
  it("gives a district the default measures and at least 20 valid interventions across every area, once", async () => {
    const d = await asOwner(async (tx) => (await makeDistrict(tx, { name: "Seedville" })).id);
    const added = await withTenant(d, (tx) => seedLibrary(tx, d));
    expect(added).toBe(DEFAULT_MEASURES.length + DEMO_LIBRARY.length);
    expect(await withTenant(d, (tx) => seedLibrary(tx, d))).toBe(0);

    const stored = await asOwner((tx) =>
      tx.intervention.findMany({ where: { districtId: d }, include: { components: true, measures: { include: { measure: true } } } }),
    );
    expect(stored.length).toBeGreaterThanOrEqual(20);
    expect(new Set(stored.map((i) => i.area))).toEqual(new Set(["READING", "MATH", "WRITING", "BEHAVIOR", "SOCIAL_EMOTIONAL", "ATTENDANCE"]));
    for (const i of stored) {
      expect(i.components.length, i.name).toBeGreaterThanOrEqual(3);
      expect(i.components.length, i.name).toBeLessThanOrEqual(6);
      expect(i.measures.length, i.name).toBeGreaterThan(0);
      // A claimed evidence level names the review it comes from.
      if (i.evidenceLevel !== "NOT_RATED") expect(i.sourceUrl, i.name).toMatch(/^https?:\/\//);
    }
    // Every entry is one the form would accept.
    for (const { measures, components, ...entry } of DEMO_LIBRARY) {
      const parsed = ZCreateInterventionInput.safeParse({
        ...entry,
        sourceUrl: entry.sourceUrl ?? "",
        components: components.join("\n"),
        unverifiedMeasureIds: measures,
        ...Object.fromEntries(["minutesPerSession", "sessionsPerWeek", "weeks", "groupSizeMin", "groupSizeMax", "gradeMin", "gradeMax"].map((k) => [k, String(entry[k as keyof typeof entry] ?? "")])),
      });
      expect(parsed.error?.issues, entry.name).toBeUndefined();
    }
  });
});
