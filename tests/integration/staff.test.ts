// Staff administration: the server actions as a browser would call them
// (FormData in, ActionState out), with the session replaced by a chosen Ctx.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { verifyPassword } from "@/server/auth/password";
import { createStaff, updateStaff } from "@/server/staff/actions";
import { getStaffForEdit, listStaff } from "@/server/staff/queries";
import { FAKE_PASSWORD_HASH, makeDistrict, makeMembershipSchool, makeSchool } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "correct horse battery";

let districtId: string;
let otherDistrictId: string;
let schoolIds: { north: string; south: string; closed: string; otherDistrict: string };
let admin: Ctx;
let coordinator: Ctx;
let otherDistrictMembershipId: string;

const create = (fields: Record<string, string | string[] | undefined>) =>
  createStaff(null, formOf({ name: "Dana Reyes", email: "dana.reyes@example.test", role: "SPECIALIST", password: PASSWORD, ...fields }));

const update = (membershipId: string, fields: Record<string, string | string[] | undefined>) =>
  updateStaff(null, formOf({ unverifiedMembershipId: membershipId, role: "SPECIALIST", ...fields }));

/** Everything an action could have written, to show that a refused one wrote nothing. */
const snapshot = () =>
  asOwner(async (tx) => ({
    users: await tx.user.count(),
    memberships: await tx.membership.count(),
    membershipSchools: await tx.membershipSchool.count(),
    invitations: await tx.invitation.count(),
    invitationSchools: await tx.invitationSchool.count(),
    audit: await tx.auditEvent.count({ where: { action: { not: "denied" } } }),
  }));

const membershipOf = (email: string) =>
  asOwner((tx) =>
    tx.membership.findFirstOrThrow({
      where: { districtId, user: { email } },
      include: { user: true, schools: { select: { schoolId: true } } },
    }),
  );

/** The invitation this district holds for an email (decision 009: adding staff invites). */
const invitationOf = (email: string) =>
  asOwner((tx) =>
    tx.invitation.findFirstOrThrow({
      where: { districtId, user: { email } },
      include: { user: true, schools: { select: { schoolId: true } } },
    }),
  );

const INVITED = (name: string) =>
  `${name} was invited. They accept at their next sign-in: with the initial password you set if this email is new to the app, ` +
  "otherwise with the password they already use. Until then they are listed as invited.";

const addPerson = (email: string, role: Ctx["role"] = "SPECIALIST", inDistrict = districtId) =>
  asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, email, name: email.split("@")[0] }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    const district = await makeDistrict(tx, { name: "Lakeside" });
    const other = await makeDistrict(tx, { name: "Hillview" });
    districtId = district.id;
    otherDistrictId = other.id;
    schoolIds = {
      north: (await makeSchool(tx, { districtId, name: "North Elementary" })).id,
      south: (await makeSchool(tx, { districtId, name: "South Middle" })).id,
      closed: (await makeSchool(tx, { districtId, name: "Old Annex", archivedAt: new Date() })).id,
      otherDistrict: (await makeSchool(tx, { districtId: other.id, name: "Hillview High" })).id,
    };
  });
  admin = (await addPerson("admin@example.test", "ADMIN")).ctx;
  coordinator = (await addPerson("coordinator@example.test", "COORDINATOR")).ctx;
  otherDistrictMembershipId = (await addPerson("elsewhere@example.test", "ADMIN", otherDistrictId)).membershipId;
});

beforeEach(() => {
  signInAs(admin);
});

describe("createStaff", () => {
  it("creates an account and an invitation with schools (no membership until accepted), and audits it without the password", async () => {
    const result = await create({ email: "  Dana.Reyes@Example.TEST ", unverifiedSchoolIds: [schoolIds.north, schoolIds.south] });
    expect(result).toEqual({ ok: true, message: INVITED("Dana Reyes") });

    const m = await invitationOf("dana.reyes@example.test");
    expect(m.role).toBe("SPECIALIST");
    expect(m.declinedAt).toBeNull();
    expect(m.invitedName).toBe("Dana Reyes");
    expect(m.user.name).toBe("Dana Reyes");
    expect(m.schools.map((s) => s.schoolId).sort()).toEqual([schoolIds.north, schoolIds.south].sort());
    expect(await verifyPassword(m.user.passwordHash, PASSWORD)).toBe(true);
    expect(await asOwner((tx) => tx.membership.count({ where: { userId: m.userId } }))).toBe(0);

    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: m.id } }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ districtId, actorUserId: admin.userId, action: "create", entityType: "Invitation" });
    const detail = JSON.stringify(events[0]!.detail);
    expect(detail).not.toContain(PASSWORD);
    expect(detail).not.toContain(m.user.passwordHash);
    expect(detail.toLowerCase()).not.toContain("password");
  });

  it("with no school checked, gives access to all schools (no school rows)", async () => {
    expect(await create({ name: "Ari Lund", email: "ari@example.test", role: "ASSISTANT" })).toMatchObject({ ok: true });
    const m = await invitationOf("ari@example.test");
    expect(m.role).toBe("ASSISTANT");
    expect(m.schools).toEqual([]);
  });

  it("invites someone another district already knows without touching their name or password, or saying so", async () => {
    const { userId } = await addPerson("known@example.test", "COORDINATOR", otherDistrictId);
    const result = await create({ name: "A Different Name", email: "Known@example.test", password: "a brand new password" });
    expect(result).toEqual({ ok: true, message: INVITED("A Different Name") });
    const m = await invitationOf("known@example.test");
    expect(m.userId).toBe(userId);
    expect(m.invitedName).toBe("A Different Name");
    expect(m.user.name).toBe("known");
    expect(m.user.passwordHash).toBe(FAKE_PASSWORD_HASH);
    expect(await asOwner((tx) => tx.membership.count({ where: { userId, districtId } }))).toBe(0);
    const event = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: m.id, action: "create" } }));
    expect(JSON.stringify(event.detail)).not.toMatch(/existing|"known"/);
  });

  it("refuses someone already on this district's staff, with an error on email", async () => {
    await addPerson("twice@example.test");
    const before = await snapshot();
    const result = await create({ email: "TWICE@example.test" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { email: ["This person is already on your staff."] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("saves nothing when the input is invalid, and names every bad field", async () => {
    const before = await snapshot();
    const result = await create({ name: " ", email: "not-an-email", role: "PRINCIPAL", password: "too short" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { password: ["Use at least 12 characters."] } } });
    const fieldErrors = result?.ok === false ? result.error.fieldErrors : undefined;
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects unknown form fields", async () => {
    const result = await create({ email: "extra@example.test", districtId: otherDistrictId });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: expect.any(Array) } } });
  });

  it.each([
    ["an archived school", () => schoolIds.closed],
    ["another district's school", () => schoolIds.otherDistrict],
    ["an unknown school", () => crypto.randomUUID()],
    ["a malformed id", () => "north"],
  ])("refuses %s with an error on schools, and saves nothing", async (_label, schoolId) => {
    const before = await snapshot();
    const result = await create({ email: "schools@example.test", unverifiedSchoolIds: [schoolIds.north, schoolId()] });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { unverifiedSchoolIds: [expect.any(String)] } } });
    expect(await snapshot()).toEqual(before);
  });

  it("is refused to a coordinator as not found, with a denied audit event", async () => {
    signInAs(coordinator);
    const before = await snapshot();
    const result = await create({ email: "sneaky@example.test" });
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: coordinator.userId, action: "denied" } }));
    expect(denied).toEqual([expect.objectContaining({ districtId, entityType: "Membership", detail: { attempted: "staff.manage" } })]);
  });
});

describe("updateStaff", () => {
  it("changes role and schools and audits before and after", async () => {
    const { membershipId } = await addPerson("mover@example.test", "ASSISTANT");
    await asOwner((tx) => makeMembershipSchool(tx, { districtId, membershipId, schoolId: schoolIds.north }));

    expect(await update(membershipId, { role: "COORDINATOR", unverifiedSchoolIds: [schoolIds.south] })).toEqual({ ok: true, message: "Saved." });

    const m = await membershipOf("mover@example.test");
    expect(m.role).toBe("COORDINATOR");
    expect(m.schools).toEqual([{ schoolId: schoolIds.south }]);
    // Their sessions in this district end (decision 009); the account's version is untouched.
    expect(m.sessionVersion).toBe(2);
    expect(m.user.sessionVersion).toBe(1);
    const event = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: membershipId, action: "update" } }));
    expect(event).toMatchObject({ districtId, actorUserId: admin.userId, entityType: "Membership" });
    expect(event.detail).toEqual({
      before: { role: "ASSISTANT", schoolIds: [schoolIds.north], status: "active" },
      after: { role: "COORDINATOR", schoolIds: [schoolIds.south], status: "active" },
    });
  });

  it("deactivation ends open sessions in this district (the membership's sessionVersion + 1); reactivation clears it", async () => {
    const { membershipId } = await addPerson("leaver@example.test");

    expect(await update(membershipId, { deactivated: "on" })).toMatchObject({ ok: true });
    let m = await membershipOf("leaver@example.test");
    expect(m.deactivatedAt).toBeInstanceOf(Date);
    expect(m.sessionVersion).toBe(2);
    expect(m.user.sessionVersion).toBe(1);
    const deactivatedAt = m.deactivatedAt;

    // Saving again while deactivated keeps the original date and does not bump again.
    expect(await update(membershipId, { deactivated: "on" })).toMatchObject({ ok: true });
    m = await membershipOf("leaver@example.test");
    expect(m.deactivatedAt).toEqual(deactivatedAt);
    expect(m.sessionVersion).toBe(2);

    expect(await update(membershipId, {})).toMatchObject({ ok: true });
    m = await membershipOf("leaver@example.test");
    expect(m.deactivatedAt).toBeNull();
    expect(m.sessionVersion).toBe(2);
    expect(m.user.sessionVersion).toBe(1);

    const statuses = await asOwner((tx) =>
      tx.auditEvent.findMany({ where: { entityId: membershipId, action: "update" }, select: { detail: true } }),
    );
    // Sorted: events of the same millisecond have no order.
    expect(statuses.map((e) => (e.detail as { after: { status: string } }).after.status).sort()).toEqual(["active", "deactivated", "deactivated"]);
  });

  it("refuses an administrator's own deactivation or demotion, with a clear message", async () => {
    const before = await snapshot();
    expect(await update(admin.membershipId, { role: "ADMIN", deactivated: "on" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { deactivated: ["You cannot deactivate yourself. Ask another administrator to do it."] } },
    });
    expect(await update(admin.membershipId, { role: "COORDINATOR" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { role: ["You cannot remove your own Administrator role. Ask another administrator to do it."] } },
    });
    expect(await snapshot()).toEqual(before);
    const self = await membershipOf("admin@example.test");
    expect(self).toMatchObject({ role: "ADMIN", deactivatedAt: null });
  });

  it("refuses schools that are not open schools of the district", async () => {
    const { membershipId } = await addPerson("stays@example.test");
    const result = await update(membershipId, { unverifiedSchoolIds: [schoolIds.otherDistrict] });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { unverifiedSchoolIds: [expect.any(String)] } } });
    expect((await membershipOf("stays@example.test")).schools).toEqual([]);
  });

  it.each([
    ["another district's membership", () => otherDistrictMembershipId],
    ["an unknown id", () => crypto.randomUUID()],
    ["a malformed id", () => "../../etc"],
  ])("answers NOT_FOUND for %s, writes a denied event and changes nothing", async (_label, id) => {
    const target = id();
    const before = await snapshot();
    const result = await update(target, { role: "ASSISTANT", deactivated: "on" });
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: "We could not find that record." } });
    expect(await snapshot()).toEqual(before);
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", entityId: target } }));
    expect(denied).toEqual([expect.objectContaining({ districtId, actorUserId: admin.userId, entityType: "Membership", detail: { attempted: "staff.manage" } })]);
    const other = await asOwner((tx) => tx.membership.findUniqueOrThrow({ where: { id: otherDistrictMembershipId } }));
    expect(other).toMatchObject({ role: "ADMIN", deactivatedAt: null });
  });
});

describe("staff pages", () => {
  it("lists the district's staff and invitations by name, with their schools and status", async () => {
    const staff = await listStaff(admin);
    const names = staff.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(staff.map((m) => m.email)).not.toContain("elsewhere@example.test");
    const dana = staff.find((m) => m.email === "dana.reyes@example.test");
    expect(dana).toMatchObject({ kind: "invitation", status: "invited", schools: ["North Elementary", "South Middle"] });
    expect(staff.find((m) => m.email === "admin@example.test")).toMatchObject({ kind: "member", id: admin.membershipId, status: "active" });
  });

  it("gives the edit page the membership and only open schools", async () => {
    const { membershipId } = await addPerson("editme@example.test");
    const page = await getStaffForEdit(admin, membershipId);
    expect(page).toMatchObject({ id: membershipId, email: "editme@example.test", role: "SPECIALIST", schoolIds: [], deactivated: false, isSelf: false });
    expect(page.schools.map((s) => s.name)).toEqual(["North Elementary", "South Middle"]);
    expect((await getStaffForEdit(admin, admin.membershipId)).isSelf).toBe(true);
  });

  it("404s the edit page for another district's membership, and audits the attempt", async () => {
    const denied = () => asOwner((tx) => tx.auditEvent.count({ where: { action: "denied", entityId: otherDistrictMembershipId, districtId } }));
    const before = await denied();
    await expect(getStaffForEdit(admin, otherDistrictMembershipId)).rejects.toMatchObject(NOT_FOUND);
    expect(await denied()).toBe(before + 1);
  });

  it("404s the staff list for a coordinator", async () => {
    await expect(listStaff(coordinator)).rejects.toMatchObject(NOT_FOUND);
  });
});
