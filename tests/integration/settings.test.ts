// District settings: the defaults, the administrators' form action (bounds,
// conflicts, audit), who may use it, and districtSettingsIn for the rules.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_DISTRICT_SETTINGS } from "@/domain/settings";
import { DEFAULT_DISTRICT_EQUITY_RULES } from "@/domain/equity-rules";
import { withTenant } from "@/server/db/tenant";
import { updateDistrictSettings, updateDistrictTimeZone, updateSessionLimits, updateTwoFactorRequirement } from "@/server/settings/actions";
import { districtSettingsIn, getSettingsForEdit } from "@/server/settings/queries";
import { DEFAULT_PACKET_RULES } from "@/domain/iep504/readiness";
import { DEFAULT_CICO_EXPECTATIONS } from "@/domain/cico";
import { makeDistrict, makeSchool } from "../factories";
import { appDb, asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let admin: Person;
let coordinator: Person;
let otherAdmin: Person;

const FORM = { dosageThreshold: "85", fidelityThreshold: "90", fourPointRulePoints: "3", trendMinPoints: "8", trendMethod: "TUKEY", rulePrecedence: "FOUR_POINT_FIRST" };
const save = (version: string, overrides: Record<string, string> = {}) => updateDistrictSettings(null, formOf({ version, ...FORM, ...overrides }));

const rowOf = (id: string) => asOwner((tx) => tx.districtSettings.findUnique({ where: { districtId: id } }));
const settingsOf = (id: string) => withTenant(id, (tx) => districtSettingsIn(tx, id), appDb());
const events = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));
const currentVersion = async () => (await getSettingsForEdit(admin.ctx)).version;

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
  });
  const schoolId = await asOwner(async (tx) => (await makeSchool(tx, { districtId })).id);
  admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN" }));
  coordinator = await asOwner((tx) => makePerson(tx, { districtId, role: "COORDINATOR", schoolIds: [schoolId] }));
  otherAdmin = await asOwner((tx) => makePerson(tx, { districtId: otherDistrictId, role: "ADMIN" }));
});

beforeEach(() => signInAs(admin.ctx));

describe("district settings", () => {
  // Runs first: the district has no row yet.
  it("a district without a row has the defaults (80/80/4/6/OLS), and the form edits them at version ''", async () => {
    expect(await rowOf(districtId)).toBeNull();
    expect(await settingsOf(districtId)).toEqual({ dosageThreshold: 80, fidelityThreshold: 80, fourPointRulePoints: 4, trendMinPoints: 6, trendMethod: "OLS", rulePrecedence: "TREND_FIRST" });
    expect(await getSettingsForEdit(admin.ctx)).toEqual({ settings: DEFAULT_DISTRICT_SETTINGS, version: "", packetRules: DEFAULT_PACKET_RULES, cicoExpectations: [...DEFAULT_CICO_EXPECTATIONS], sessionLimits: { sessionIdleMinutes: 480, sessionAbsoluteHours: 168, requireTwoFactor: false }, equityRules: DEFAULT_DISTRICT_EQUITY_RULES, subgroups: expect.arrayContaining([{ value: "englishLearner", label: "English learners" }]) });
  });

  it("the first save creates the row, audited with the values before and after", async () => {
    expect(await save("")).toEqual({ ok: true, message: "The settings were saved." });
    expect(await rowOf(districtId)).toMatchObject({ dosageThreshold: 85, fidelityThreshold: 90, fourPointRulePoints: 3, trendMinPoints: 8, trendMethod: "TUKEY", rulePrecedence: "FOUR_POINT_FIRST" });
    expect(await settingsOf(districtId)).toEqual({ dosageThreshold: 85, fidelityThreshold: 90, fourPointRulePoints: 3, trendMinPoints: 8, trendMethod: "TUKEY", rulePrecedence: "FOUR_POINT_FIRST" });
    const [event] = await events(admin.userId, "update");
    expect(event).toMatchObject({
      districtId,
      entityType: "DistrictSettings",
      entityId: districtId,
      detail: { before: DEFAULT_DISTRICT_SETTINGS, after: { dosageThreshold: 85, fidelityThreshold: 90, fourPointRulePoints: 3, trendMinPoints: 8, trendMethod: "TUKEY", rulePrecedence: "FOUR_POINT_FIRST" } },
    });
  });

  it("a later save at the current version updates the row; the other district keeps its defaults", async () => {
    const version = await currentVersion();
    expect(version).not.toBe("");
    expect(await save(version, { dosageThreshold: "100", trendMethod: "OLS", trendMinPoints: "12" })).toMatchObject({ ok: true });
    expect(await settingsOf(districtId)).toMatchObject({ dosageThreshold: 100, trendMethod: "OLS", trendMinPoints: 12 });
    expect(await currentVersion()).not.toBe(version);
    expect(await rowOf(otherDistrictId)).toBeNull();
    expect(await settingsOf(otherDistrictId)).toEqual(DEFAULT_DISTRICT_SETTINGS);
  });

  it.each([
    ["the defaults' version after a row exists", () => Promise.resolve("")],
    ["an older version", () => Promise.resolve("2020-01-01T00:00:00.000Z")],
  ])("refuses a save at %s (CONFLICT, nothing changed, no audit event)", async (_label, version) => {
    const before = await rowOf(districtId);
    const audits = (await events(admin.userId, "update")).length;
    const state = await save(await version(), { dosageThreshold: "60" });
    expect(state).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("Reload") } });
    expect(await rowOf(districtId)).toEqual(before);
    expect(await events(admin.userId, "update")).toHaveLength(audits);
  });

  it.each([
    ["dosageThreshold", "49", "Enter a whole number from 50 to 100."],
    ["dosageThreshold", "101", "Enter a whole number from 50 to 100."],
    ["fidelityThreshold", "", "Enter a whole number from 50 to 100."],
    ["fidelityThreshold", "80.5", "Enter a whole number from 50 to 100."],
    ["fourPointRulePoints", "2", "Enter a whole number from 3 to 6."],
    ["fourPointRulePoints", "7", "Enter a whole number from 3 to 6."],
    ["trendMinPoints", "3", "Enter a whole number from 4 to 12."],
    ["trendMinPoints", "thirteen", "Enter a whole number from 4 to 12."],
    ["trendMethod", "MEAN", "Choose the trend method."],
    ["rulePrecedence", "WHICHEVER", "Choose which rule decides when they disagree."],
  ])("refuses %s = %j with a message on the field, and saves nothing", async (field, value, message) => {
    const before = await rowOf(districtId);
    const state = await save(await currentVersion(), { [field]: value });
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } }, values: { [field]: value } });
    expect(await rowOf(districtId)).toEqual(before);
  });

  it("refuses unknown form fields", async () => {
    const state = await updateDistrictSettings(null, formOf({ version: await currentVersion(), ...FORM, districtId: otherDistrictId }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
    expect(await rowOf(otherDistrictId)).toBeNull();
  });

  it("a coordinator gets not found for the page and the action, each with a denied event, and nothing changes", async () => {
    const before = await rowOf(districtId);
    await expect(getSettingsForEdit(coordinator.ctx)).rejects.toMatchObject(NOT_FOUND);
    signInAs(coordinator.ctx);
    expect(await save(await currentVersion())).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await rowOf(districtId)).toEqual(before);
    expect((await events(coordinator.userId, "denied")).map((e) => [e.entityType, e.detail])).toEqual([
      ["DistrictSettings", { attempted: "settings.manage" }],
      ["DistrictSettings", { attempted: "settings.manage" }],
    ]);
  });

  it("another district's administrator changes only their own district", async () => {
    const before = await rowOf(districtId);
    signInAs(otherAdmin.ctx);
    expect(await save("", { trendMinPoints: "5" })).toMatchObject({ ok: true });
    expect(await settingsOf(otherDistrictId)).toMatchObject({ trendMinPoints: 5 });
    expect(await rowOf(districtId)).toEqual(before);
  });
});

describe("the district's time zone (issue 13)", () => {
  const setZone = (timeZone: string | undefined) => updateDistrictTimeZone(null, formOf({ timeZone }));
  const zoneOf = (id: string) => asOwner(async (tx) => (await tx.district.findUniqueOrThrow({ where: { id } })).timeZone);

  it("defaults to America/Chicago", async () => {
    expect(await zoneOf(otherDistrictId)).toBe("America/Chicago");
  });

  it("lets an administrator set an IANA zone, audited with before and after, and leaves other districts alone", async () => {
    expect(await setZone("America/Denver")).toMatchObject({ ok: true });
    expect(await zoneOf(districtId)).toBe("America/Denver");
    expect(await zoneOf(otherDistrictId)).toBe("America/Chicago");
    const [event] = (await events(admin.userId, "update")).filter((e) => JSON.stringify(e.detail).includes("timeZone"));
    expect(event).toMatchObject({ districtId, entityType: "DistrictSettings", detail: { before: { timeZone: "America/Chicago" }, after: { timeZone: "America/Denver" } } });
  });

  it.each([["UTC"], ["CST"], ["Etc/GMT+6"], ["America/Atlantis"], [""]])("refuses %j beside the field and keeps the zone", async (zone) => {
    const result = await setZone(zone);
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(result && !result.ok && result.error.fieldErrors?.timeZone?.length).toBeTruthy();
    expect(await zoneOf(districtId)).toBe("America/Denver");
  });

  it("is refused to a coordinator (not found, nothing saved)", async () => {
    signInAs(coordinator.ctx);
    expect(await setZone("America/New_York")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await zoneOf(districtId)).toBe("America/Denver");
  });
});

describe("the district's session limits (decision 025)", () => {
  const setLimits = (sessionIdleMinutes: string, sessionAbsoluteHours: string) => updateSessionLimits(null, formOf({ sessionIdleMinutes, sessionAbsoluteHours }));
  const limitsOf = (id: string) => asOwner((tx) => tx.district.findUniqueOrThrow({ where: { id }, select: { sessionIdleMinutes: true, sessionAbsoluteHours: true } }));

  it("lets an administrator set them (1440 minutes is allowed), audited, other districts untouched", async () => {
    signInAs(admin.ctx);
    expect(await setLimits("1440", "12")).toMatchObject({ ok: true });
    expect(await limitsOf(districtId)).toEqual({ sessionIdleMinutes: 1440, sessionAbsoluteHours: 12 });
    expect(await limitsOf(otherDistrictId)).toEqual({ sessionIdleMinutes: 480, sessionAbsoluteHours: 168 });
    const [event] = (await events(admin.userId, "update")).filter((e) => JSON.stringify(e.detail).includes("sessionIdleMinutes"));
    expect(event).toMatchObject({ detail: { before: { sessionIdleMinutes: 480, sessionAbsoluteHours: 168 }, after: { sessionIdleMinutes: 1440, sessionAbsoluteHours: 12 } } });
  });

  it.each([["4", "12", "sessionIdleMinutes"], ["1441", "12", "sessionIdleMinutes"], ["60", "0", "sessionAbsoluteHours"], ["60", "721", "sessionAbsoluteHours"], ["sixty", "12", "sessionIdleMinutes"]])(
    "refuses %s minutes / %s hours beside the field, saving nothing",
    async (idle, absolute, field) => {
      signInAs(admin.ctx);
      const result = await setLimits(idle, absolute);
      expect(result && !result.ok && result.error.fieldErrors?.[field]?.[0]).toMatch(/whole number from/);
      expect(await limitsOf(districtId)).toEqual({ sessionIdleMinutes: 1440, sessionAbsoluteHours: 12 });
    },
  );

  it("is refused to a coordinator (not found, nothing saved)", async () => {
    signInAs(coordinator.ctx);
    expect(await setLimits("30", "1")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await limitsOf(districtId)).toEqual({ sessionIdleMinutes: 1440, sessionAbsoluteHours: 12 });
  });
});

describe("the district's two-factor requirement (decision 033)", () => {
  const requiredIn = async (id: string) => (await asOwner((tx) => tx.district.findUniqueOrThrow({ where: { id }, select: { requireTwoFactor: true } }))).requireTwoFactor;

  it("an administrator turns it on and off, audited before/after, other districts untouched; a coordinator may not", async () => {
    signInAs(admin.ctx);
    expect(await updateTwoFactorRequirement(null, formOf({ requireTwoFactor: "on" }))).toMatchObject({ ok: true, message: expect.stringContaining("required of everyone") });
    expect(await requiredIn(districtId)).toBe(true);
    expect(await requiredIn(otherDistrictId)).toBe(false);
    const [event] = (await events(admin.userId, "update")).filter((e) => JSON.stringify(e.detail).includes("requireTwoFactor"));
    expect(event).toMatchObject({ detail: { before: { requireTwoFactor: false }, after: { requireTwoFactor: true } } });
    signInAs(coordinator.ctx);
    expect(await updateTwoFactorRequirement(null, formOf({}))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await requiredIn(districtId)).toBe(true);
    signInAs(admin.ctx);
    expect(await updateTwoFactorRequirement(null, formOf({}))).toMatchObject({ ok: true, message: expect.stringContaining("administrators only") });
    expect(await requiredIn(districtId)).toBe(false);
    expect(await updateTwoFactorRequirement(null, formOf({ requireTwoFactor: "yes" }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });
});
