// Issue 12, defect 1: an administrator who adds the email of a person another
// district already knows must not attach that account, learn whose it is,
// receive its sign-ins or end its sessions elsewhere (decision 009). Everything
// here runs the real session module (Auth.js and next/headers replaced by
// tests/support/session.ts) on the real database.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/domain/permissions";
import { getAuditLog } from "@/server/audit/queries";
import { verifyCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { getContext, getSessionState } from "@/server/auth/session";
import { answerInvitation } from "@/server/invitations/actions";
import { listMyInvitations, pendingInvitationCount } from "@/server/invitations/queries";
import { createStaff, updateStaff, withdrawInvitation } from "@/server/staff/actions";
import { listStaff } from "@/server/staff/queries";
import { makeDistrict, makeMembership, makeMembershipSchool, makeSchool, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { DISTRICT_COOKIE, formOf, redirectOf, redirectTarget, request, resetSession, signInToken } from "../support/session";

vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "correct horse battery staple";
const TEMPORARY = "a temporary password 2026";

const A = { id: "", name: "Ashford District", north: "", south: "" };
const B = { id: "", name: "Brookfield District", school: "" };

let hash: string;
let adminA: { id: string; email: string; sessionVersion: number };
let adminB: { id: string; email: string; sessionVersion: number };

const newIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0]).join(".")}`;
const newEmail = (label: string) => `${label}.${randomBytes(4).toString("hex")}@example.test`;

/** A person with a password and memberships given as [districtId, role]. */
async function personIn(name: string, memberships: [string, Role][]) {
  return asOwner(async (tx) => {
    const user = await makeUser(tx, { name, email: newEmail(name.split(" ")[0]!.toLowerCase()), passwordHash: hash });
    const ids: Record<string, string> = {};
    for (const [districtId, role] of memberships) ids[districtId] = (await makeMembership(tx, { districtId, userId: user.id, role })).id;
    return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, memberships: ids };
  });
}

/** Signs the person in for real (verifyCredentials) and makes the next calls carry their token. */
async function signInAs(email: string, cookie?: string) {
  const result = await verifyCredentials({ email, password: email.startsWith("new.") ? TEMPORARY : PASSWORD }, newIp());
  if (!result.ok) throw new Error(`sign-in of ${email} failed: ${result.reason}`);
  resetSession();
  signInToken(result.user, result.user.membershipVersions);
  if (cookie) request.cookies.set(DISTRICT_COOKIE, cookie);
  return result.user;
}

const asAdminOf = (district: "A" | "B") => {
  resetSession();
  signInToken(district === "A" ? adminA : adminB);
};

const invite = (fields: Record<string, string | string[]>) =>
  createStaff(null, formOf({ name: "Typed Name", role: "SPECIALIST", password: TEMPORARY, ...fields }));

const acceptInvitation = (_prev: null, form: FormData) => {
  form.append("answer", "accept");
  return answerInvitation(null, form);
};
const declineInvitation = (_prev: null, form: FormData) => {
  form.append("answer", "decline");
  return answerInvitation(null, form);
};

/** Runs an action that may end in redirect(): its result, or where it redirected. */
async function settle<T>(p: Promise<T>): Promise<T | { redirectedTo: string }> {
  try {
    return await p;
  } catch (error) {
    const to = redirectTarget(error);
    if (to === undefined) throw error;
    return { redirectedTo: to };
  }
}

const auditIn = (districtId: string, where: Record<string, unknown> = {}) =>
  asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, ...where }, orderBy: { createdAt: "asc" } }));

const membershipsOf = (userId: string) => asOwner((tx) => tx.membership.findMany({ where: { userId }, include: { schools: true } }));

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  await asOwner(async (tx) => {
    A.id = (await makeDistrict(tx, { name: A.name })).id;
    B.id = (await makeDistrict(tx, { name: B.name })).id;
    A.north = (await makeSchool(tx, { districtId: A.id, name: "North Elementary" })).id;
    A.south = (await makeSchool(tx, { districtId: A.id, name: "South Middle" })).id;
    B.school = (await makeSchool(tx, { districtId: B.id, name: "Brook High" })).id;
  });
  adminA = await personIn("Ada Admin", [[A.id, "ADMIN"]]);
  adminB = await personIn("Bo Admin", [[B.id, "ADMIN"]]);
});

beforeEach(() => resetSession());

describe("adding an email that already has an account elsewhere", () => {
  it("creates an invitation, not a membership, and answers exactly as for a new email", async () => {
    const known = await personIn("Kim Known", [[B.id, "COORDINATOR"]]);
    asAdminOf("A");
    const forKnown = await invite({ email: known.email.toUpperCase(), unverifiedSchoolIds: [A.north] });
    const forNew = await invite({ email: newEmail("new.person"), unverifiedSchoolIds: [A.north] });

    expect(forKnown).toEqual(forNew);
    expect(forKnown).toMatchObject({ ok: true });
    const message = forKnown && forKnown.ok ? (forKnown.message ?? "") : "";
    expect(message).toContain("Typed Name");
    expect(message).not.toContain("Kim Known");
    expect(message).not.toMatch(/already had an account/i);

    // No membership in A: nothing of A is open to them and nothing of them to A.
    expect((await membershipsOf(known.id)).map((m) => m.districtId)).toEqual([B.id]);
    const invitation = await asOwner((tx) => tx.invitation.findFirstOrThrow({ where: { districtId: A.id, userId: known.id }, include: { schools: true } }));
    expect(invitation).toMatchObject({ role: "SPECIALIST", invitedName: "Typed Name", declinedAt: null });
    expect(invitation.schools.map((s) => s.schoolId)).toEqual([A.north]);
    // The account keeps its own name and password.
    const user = await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: known.id } }));
    expect(user).toMatchObject({ name: "Kim Known", passwordHash: hash });

    // A's audit event says what the administrator did, not whether the account existed.
    const [event] = await auditIn(A.id, { entityType: "Invitation", entityId: invitation.id });
    expect(event).toMatchObject({ action: "create", actorUserId: adminA.id });
    expect(JSON.stringify(event!.detail)).not.toMatch(/existing|Kim Known/i);
  });

  it("shows the invitation in the inviting district's staff list as invited, with the typed name only", async () => {
    const known = await personIn("Lou Private", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ name: "Louise P.", email: known.email, role: "ASSISTANT" })).toMatchObject({ ok: true });
    const ctx = await getContext();
    const row = (await listStaff(ctx)).find((r) => r.email === known.email);
    expect(row).toMatchObject({ kind: "invitation", name: "Louise P.", role: "ASSISTANT", status: "invited", schools: [] });
    expect(JSON.stringify(await listStaff(ctx))).not.toContain("Lou Private");
  });

  it("refuses a second invitation of the same email, and someone already on the staff, saving nothing", async () => {
    const known = await personIn("Ned Twice", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ email: known.email })).toMatchObject({ ok: true });
    const again = await invite({ email: known.email });
    expect(again).toMatchObject({ ok: false, error: { fieldErrors: { email: ["This email already has an invitation from your district."] } } });
    expect(await invite({ email: adminA.email })).toMatchObject({
      ok: false,
      error: { fieldErrors: { email: ["This person is already on your staff."] } },
    });
    expect(await asOwner((tx) => tx.invitation.count({ where: { userId: known.id } }))).toBe(1);
  });
});

describe("sign-ins of an invited person", () => {
  it("are never filed in the inviting district until the invitation is accepted", async () => {
    const known = await personIn("Sid Signs", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ email: known.email })).toMatchObject({ ok: true });

    const ip = newIp();
    expect(await verifyCredentials({ email: known.email, password: PASSWORD }, ip)).toMatchObject({ ok: true });
    expect(await verifyCredentials({ email: known.email, password: "wrong password" }, ip)).toMatchObject({ ok: false });
    expect((await asOwner((tx) => tx.auditEvent.findMany({ where: { ip } }))).map((e) => [e.districtId, e.action])).toEqual([
      [B.id, "sign_in"],
      [B.id, "sign_in_failed"],
    ]);
    expect(await auditIn(A.id, { actorUserId: known.id })).toEqual([]);
    // Nor of anyone foreign to A.
    const foreign = await personIn("Fen Foreign", [[B.id, "ASSISTANT"]]);
    const foreignIp = newIp();
    await verifyCredentials({ email: foreign.email, password: PASSWORD }, foreignIp);
    await verifyCredentials({ email: foreign.email, password: "wrong password" }, foreignIp);
    expect((await asOwner((tx) => tx.auditEvent.findMany({ where: { ip: foreignIp } }))).map((e) => e.districtId)).toEqual([B.id, B.id]);

    // Once accepted, A's log has their sign-ins like everyone else's.
    await signInAs(known.email);
    const [invitation] = await listMyInvitations(known.id);
    expect(await settle(acceptInvitation(null, formOf({ unverifiedInvitationId: invitation!.id })))).toEqual({ redirectedTo: "/" });
    const after = newIp();
    await verifyCredentials({ email: known.email, password: "wrong password" }, after);
    expect((await asOwner((tx) => tx.auditEvent.findMany({ where: { ip: after } }))).map((e) => e.districtId).sort()).toEqual([A.id, B.id].sort());
  });

  it("a brand-new person (invited, no district yet) signs in with the temporary password and is asked about the invitation", async () => {
    asAdminOf("A");
    const email = newEmail("new.fresh");
    expect(await invite({ name: "Fay Fresh", email, role: "ASSISTANT" })).toMatchObject({ ok: true });
    const user = await signInAs(email);
    expect(await auditIn(A.id, { actorUserId: user.id })).toEqual([]);
    expect(await getSessionState()).toEqual({ status: "invited", userId: user.id, name: "Fay Fresh" });
    expect(await redirectOf(getContext())).toBe("/invitations");
    expect(await pendingInvitationCount(user.id)).toBe(1);
  });
});

describe("answering an invitation", () => {
  it("lists the inviting district, role and schools; accepting makes an active membership with them", async () => {
    const known = await personIn("Ana Accepts", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ email: known.email, role: "COORDINATOR", unverifiedSchoolIds: [A.south, A.north] })).toMatchObject({ ok: true });

    await signInAs(known.email, B.id);
    // Still working in B, with only B to choose.
    expect(await getSessionState()).toMatchObject({ status: "ready", ctx: { districtId: B.id, districts: [{ id: B.id }] } });
    const invitations = await listMyInvitations(known.id);
    expect(invitations).toEqual([
      { id: expect.any(String), districtName: A.name, role: "COORDINATOR", schools: ["North Elementary", "South Middle"], invitedAt: expect.any(Date) },
    ]);

    expect(await settle(acceptInvitation(null, formOf({ unverifiedInvitationId: invitations[0]!.id })))).toEqual({ redirectedTo: "/" });
    const inA = (await membershipsOf(known.id)).find((m) => m.districtId === A.id);
    expect(inA).toMatchObject({ role: "COORDINATOR", deactivatedAt: null });
    expect(inA!.schools.map((s) => s.schoolId).sort()).toEqual([A.north, A.south].sort());
    expect(await asOwner((tx) => tx.invitation.count({ where: { userId: known.id } }))).toBe(0);
    expect(await auditIn(A.id, { actorUserId: known.id, entityType: "Membership" })).toMatchObject([{ action: "create", entityId: inA!.id }]);

    // The same session may now choose A, and A lists them as active under their own name.
    request.cookies.set(DISTRICT_COOKIE, A.id);
    expect(await getSessionState()).toMatchObject({ status: "ready", ctx: { districtId: A.id, role: "COORDINATOR" } });
    asAdminOf("A");
    const row = (await listStaff(await getContext())).find((r) => r.email === known.email);
    expect(row).toMatchObject({ kind: "member", id: inA!.id, name: "Ana Accepts", status: "active" });
  });

  it("declining keeps them out; the district sees 'declined' and no name; a re-invitation asks again", async () => {
    const known = await personIn("Dez Declines", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ name: "Dez D.", email: known.email })).toMatchObject({ ok: true });
    await signInAs(known.email);
    const [invitation] = await listMyInvitations(known.id);
    expect(await settle(declineInvitation(null, formOf({ unverifiedInvitationId: invitation!.id })))).toEqual({ redirectedTo: "/" });
    expect((await membershipsOf(known.id)).map((m) => m.districtId)).toEqual([B.id]);
    expect(await listMyInvitations(known.id)).toEqual([]);

    asAdminOf("A");
    const ctx = await getContext();
    expect((await listStaff(ctx)).find((r) => r.email === known.email)).toMatchObject({ kind: "invitation", name: "Dez D.", status: "declined" });
    // A's audit log shows the answer without the account's name.
    const log = await getAuditLog(ctx, {});
    expect(JSON.stringify(log)).not.toContain("Dez Declines");

    expect(await invite({ name: "Dez D.", email: known.email, role: "ASSISTANT" })).toMatchObject({ ok: true });
    expect(await listMyInvitations(known.id)).toMatchObject([{ districtName: A.name, role: "ASSISTANT" }]);
  });

  it("answers NOT_FOUND for someone else's invitation, a malformed id or an answered one, and changes nothing", async () => {
    const invited = await personIn("Ivy Invited", [[B.id, "SPECIALIST"]]);
    const stranger = await personIn("Sam Stranger", [[B.id, "ASSISTANT"]]);
    asAdminOf("A");
    expect(await invite({ email: invited.email })).toMatchObject({ ok: true });
    const [invitation] = await listMyInvitations(invited.id);

    await signInAs(stranger.email);
    for (const id of [invitation!.id, "not-an-id", crypto.randomUUID()]) {
      expect(await acceptInvitation(null, formOf({ unverifiedInvitationId: id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await declineInvitation(null, formOf({ unverifiedInvitationId: id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    expect(await acceptInvitation(null, formOf({ unverifiedInvitationId: invitation!.id, districtId: A.id }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await answerInvitation(null, formOf({ unverifiedInvitationId: invitation!.id, answer: "maybe" }))).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { answer: ["Choose Accept or Decline."] } },
    });
    expect((await membershipsOf(stranger.id)).map((m) => m.districtId)).toEqual([B.id]);
    expect(await asOwner((tx) => tx.invitation.findUniqueOrThrow({ where: { id: invitation!.id } }))).toMatchObject({ declinedAt: null });
    const denied = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: stranger.id, action: "denied" } }));
    expect(denied.length).toBe(6);
    expect(denied.every((e) => e.entityType === "Invitation")).toBe(true);

    // Answered once, an invitation cannot be answered again (another tab, a replayed form).
    await signInAs(invited.email);
    expect(await settle(declineInvitation(null, formOf({ unverifiedInvitationId: invitation!.id })))).toEqual({ redirectedTo: "/" });
    expect(await acceptInvitation(null, formOf({ unverifiedInvitationId: invitation!.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await membershipsOf(invited.id)).map((m) => m.districtId)).toEqual([B.id]);
  });

  it("sends a signed-out caller to sign in", async () => {
    expect(await redirectOf(acceptInvitation(null, formOf({ unverifiedInvitationId: crypto.randomUUID() })))).toBe("/sign-in");
  });
});

describe("withdrawing an invitation", () => {
  it("removes it for the district's administrator only; another district's gets NOT_FOUND and a denied event", async () => {
    const known = await personIn("Wes Withdrawn", [[B.id, "SPECIALIST"]]);
    asAdminOf("A");
    expect(await invite({ name: "Wes W.", email: known.email })).toMatchObject({ ok: true });
    const [invitation] = await listMyInvitations(known.id);

    asAdminOf("B");
    expect(await withdrawInvitation(null, formOf({ unverifiedInvitationId: invitation!.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await auditIn(B.id, { action: "denied", actorUserId: adminB.id, entityId: invitation!.id })).toHaveLength(1);
    expect(await listMyInvitations(known.id)).toHaveLength(1);

    asAdminOf("A");
    expect(await withdrawInvitation(null, formOf({ unverifiedInvitationId: invitation!.id }))).toEqual({ ok: true, message: "The invitation of Wes W. was withdrawn." });
    expect(await listMyInvitations(known.id)).toEqual([]);
    expect((await listStaff(await getContext())).some((r) => r.email === known.email)).toBe(false);
    expect(await auditIn(A.id, { entityId: invitation!.id, action: "update" })).toMatchObject([{ actorUserId: adminA.id, detail: { withdrawn: true } }]);
    // Nothing of theirs was touched.
    expect((await membershipsOf(known.id)).map((m) => m.districtId)).toEqual([B.id]);
  });
});

describe("sessions end per district", () => {
  async function twoDistricts(name: string) {
    const person = await personIn(name, [
      [A.id, "SPECIALIST"],
      [B.id, "COORDINATOR"],
    ]);
    await asOwner((tx) => makeMembershipSchool(tx, { districtId: A.id, membershipId: person.memberships[A.id]!, schoolId: A.north }));
    return person;
  }

  async function stateWith(token: { id: string; sessionVersion: number; membershipVersions: Record<string, number> }, cookie: string) {
    resetSession();
    signInToken(token, token.membershipVersions);
    request.cookies.set(DISTRICT_COOKIE, cookie);
    return getSessionState();
  }

  it.each([
    ["deactivation", { role: "SPECIALIST", deactivated: "on" }],
    ["a role change", { role: "ASSISTANT", unverifiedSchoolIds: [] as string[] }],
    ["a school change", { role: "SPECIALIST", unverifiedSchoolIds: [] as string[] }],
  ])("%s in A ends the person's sessions in A only; their work in B continues", async (_label, fields) => {
    const person = await twoDistricts(`Tess ${randomBytes(2).toString("hex")}`);
    const token = await signInAs(person.email, A.id);
    expect(await getSessionState()).toMatchObject({ status: "ready", ctx: { districtId: A.id } });

    asAdminOf("A");
    const form: Record<string, string | string[]> = { unverifiedMembershipId: person.memberships[A.id]!, unverifiedSchoolIds: [A.north], ...fields };
    expect(await updateStaff(null, formOf(form))).toEqual({ ok: true, message: "Saved." });

    // The global version is untouched: nothing the district does reaches the account.
    expect((await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: person.id } }))).sessionVersion).toBe(person.sessionVersion);
    // The old token no longer opens A, and B is the only district it may choose ...
    expect(await stateWith(token, A.id)).toMatchObject({ status: "choose-district", districts: [{ id: B.id, name: B.name }] });
    // ... where it keeps working.
    expect(await stateWith(token, B.id)).toMatchObject({ status: "ready", ctx: { districtId: B.id, role: "COORDINATOR" } });
  });

  it("a new sign-in opens A again once the membership is active; saving with no change ends nothing", async () => {
    const person = await twoDistricts("Rey Returns");
    const first = await signInAs(person.email, A.id);
    asAdminOf("A");
    const membershipId = person.memberships[A.id]!;
    expect(await updateStaff(null, formOf({ unverifiedMembershipId: membershipId, role: "SPECIALIST", unverifiedSchoolIds: [A.north] }))).toMatchObject({ ok: true });
    expect(await stateWith(first, A.id)).toMatchObject({ status: "ready", ctx: { districtId: A.id } });

    asAdminOf("A");
    expect(await updateStaff(null, formOf({ unverifiedMembershipId: membershipId, role: "SPECIALIST", deactivated: "on" }))).toMatchObject({ ok: true });
    asAdminOf("A");
    expect(await updateStaff(null, formOf({ unverifiedMembershipId: membershipId, role: "SPECIALIST" }))).toMatchObject({ ok: true });
    // Reactivated, but the session that was open at deactivation stays ended in A.
    expect((await stateWith(first, A.id)).status).toBe("choose-district");
    const second = await signInAs(person.email, A.id);
    expect(await stateWith(second, A.id)).toMatchObject({ status: "ready", ctx: { districtId: A.id, schoolIds: [] } });
  });

  it("a person whose only district ends their session is signed out", async () => {
    const solo = await personIn("Uma Only", [[A.id, "SPECIALIST"]]);
    const token = await signInAs(solo.email);
    asAdminOf("A");
    expect(await updateStaff(null, formOf({ unverifiedMembershipId: solo.memberships[A.id]!, role: "ASSISTANT" }))).toMatchObject({ ok: true });
    expect(await stateWith(token, "")).toEqual({ status: "signed-out" });
  });
});
