// Emailing the family progress report (issue 19, docs/decisions/038-family-report-email.md),
// against a real SMTP server on 127.0.0.1 (smtp-server): the administrator's
// settings (the password sealed, never shown back or audited), the message
// and its PDF attachment arriving, in the guardian's language, signed in with
// the stored password; the disclosure recorded once sent; a bad address, an
// unreachable server and a district without email refused with a clear
// message and nothing recorded; people who may not see the report denied.
import { spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { emailFamilyReport } from "@/server/family-report/actions";
import { getFamilyReport } from "@/server/family-report/report";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { getSmtpSettings } from "@/server/settings/smtp";
import { removeSmtpSettings, saveSmtpSettings } from "@/server/settings/smtp-actions";
import { makeDistrict, makeGoal, makeGuardian, makeIntervention, makePlan, makeProbe, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The SMTP password is sealed with a key from the environment.
process.env.AUTH_SECRET ??= "smtp-test-secret-0123456789abcdef0123456789";

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let closedPort: number;

let districtId: string;
let schoolId: string;
let otherSchoolId: string;
let studentId: string;
let planId: string;
let guardianId: string;
let admin: Person;
let coordinator: Person;
let otherCoordinator: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const person = (name: string, role: Ctx["role"], schoolIds: string[] = []) => asOwner((tx) => makePerson(tx, { districtId, role, name, schoolIds }));
const emailForm = (email: string) => formOf({ unverifiedPlanId: planId, unverifiedStudentId: studentId, unverifiedGuardianId: guardianId, email });
const disclosures = () => asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, action: "disclose", entityType: "FamilyReport" }, orderBy: { createdAt: "asc" } }));
const settingsForm = (over: Record<string, string> = {}) =>
  formOf({ host: "127.0.0.1", port: String(smtpPort), security: "NONE", username: "reports", password: "s3cret-Smtp!", fromAddress: "reports@lakeside.k12.test", ...over });

/** The attachment's bytes: the base64 part after its Content-Disposition header. */
function attachmentOf(raw: string): { filename: string; bytes: Buffer } {
  const match = /Content-Disposition: attachment;\s*filename=("?)([^";\r\n]+)\1[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  if (!match) throw new Error("no attachment in the message");
  return { filename: match[2]!, bytes: Buffer.from(match[3]!.replace(/\s+/g, ""), "base64") };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    // A relay on the district's network: no TLS on this test server; sign-in over plain text allowed only here.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "reports" && auth.password === "s3cret-Smtp!") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  // A port nothing listens on: a server found closed, then released.
  const probe = new SMTPServer({ authOptional: true });
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(resolve));

  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    otherSchoolId = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    studentId = (await makeStudent(tx, { districtId, schoolId, legalFirstName: "Ana", legalLastName: "Okafor", localId: "LS-0199", grade: "G2" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [schoolId]);
  otherCoordinator = await person("Sol South", "COORDINATOR", [otherSchoolId]);
  await asOwner(async (tx) => {
    await ensureDefaultMeasures(tx, districtId);
    const orf = await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } });
    const interventionId = (await makeIntervention(tx, { districtId, name: "Read Naturally", atHome: "Listen to your child read.", atHomeEs: "Escuche a su hijo leer." })).id;
    planId = (
      await makePlan(tx, { districtId, schoolId, createdByUserId: coordinator.userId, studentIds: [studentId], interventionId, sessionsPerWeek: 3, minutesPerSession: 30, startDate: day("2026-09-21"), reviewDate: day("2027-01-18") })
    ).id;
    const goalId = (await makeGoal(tx, { districtId, planId, studentId, measureId: orf.id, createdByUserId: coordinator.userId, baselineValue: 41, baselineDate: day("2026-09-18"), targetValue: 72, targetDate: day("2027-03-12") })).id;
    for (const [i, score] of [42, 44, 45, 47, 48, 50].entries()) {
      await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId, givenByUserId: coordinator.userId, date: new Date(day("2026-09-25").getTime() + i * 7 * 86_400_000), score });
    }
    guardianId = (await makeGuardian(tx, { districtId, studentId, name: "Grace Okafor", relationship: "Mother", preferredLanguage: "Spanish", email: "grace.okafor@example.org" })).id;
  });
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  signInAs(coordinator.ctx);
});

describe("before the district sets up email", () => {
  it("the report says email is not set up, and emailing is refused with that message, nothing recorded", async () => {
    const report = await getFamilyReport(coordinator.ctx, { unverifiedPlanId: planId, unverifiedStudentId: studentId }, "screen");
    expect(report.emailConfigured).toBe(false);
    expect(report.guardians[0]?.email).toBe("grace.okafor@example.org");
    const before = (await disclosures()).length;
    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    expect(result && !result.ok && result.error.message).toMatch(/Email is not set up for this district/);
    expect(await disclosures()).toHaveLength(before);
    expect(received).toHaveLength(0);
  });
});

describe("the administrator's SMTP settings", () => {
  it("are refused to a coordinator, with a denied event", async () => {
    signInAs(coordinator.ctx);
    const result = await saveSmtpSettings(null, settingsForm());
    expect(result).toMatchObject({ ok: false });
    expect(await asOwner((tx) => tx.districtSmtp.count({ where: { districtId } }))).toBe(0);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "denied", entityType: "DistrictSmtp" } }))).toBe(1);
  });

  it("refuse a port out of range and a from address that is not one, saving nothing", async () => {
    signInAs(admin.ctx);
    const result = await saveSmtpSettings(null, settingsForm({ port: "70000", fromAddress: "reports at lakeside" }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { port: ["Ports run from 1 to 65535."], fromAddress: [expect.stringMatching(/address emails are sent from/)] } } });
    // The password typed is never sent back.
    expect(result && !result.ok && "values" in result ? (result.values as Record<string, unknown>).password : undefined).toBeUndefined();
    expect(await asOwner((tx) => tx.districtSmtp.count({ where: { districtId } }))).toBe(0);
  });

  it("are saved with the password sealed, never shown back or written to the audit trail", async () => {
    signInAs(admin.ctx);
    expect(await saveSmtpSettings(null, settingsForm())).toMatchObject({ ok: true });
    const row = await asOwner((tx) => tx.districtSmtp.findUniqueOrThrow({ where: { districtId } }));
    expect(row.password).toMatch(/^v1\./);
    expect(row.password).not.toContain("s3cret");
    const view = await getSmtpSettings(admin.ctx);
    expect(view).toMatchObject({ host: "127.0.0.1", port: smtpPort, security: "NONE", username: "reports", hasPassword: true, fromAddress: "reports@lakeside.k12.test" });
    expect(JSON.stringify(view)).not.toContain("s3cret");
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, entityType: "DistrictSmtp", actorUserId: admin.userId } }));
    expect(events.map((e) => e.action)).toEqual(["create"]);
    expect(JSON.stringify(events)).not.toContain("s3cret");
    expect(JSON.stringify(events)).not.toContain(row.password!);
    // Saved again without a password: the stored one is kept.
    expect(await saveSmtpSettings(null, settingsForm({ password: "" }))).toMatchObject({ ok: true });
    expect((await asOwner((tx) => tx.districtSmtp.findUniqueOrThrow({ where: { districtId } }))).password).toBe(row.password);
  });
});

describe("emailing the report", () => {
  it("sends the PDF to the guardian in Spanish through the district's server, signed in, and records the disclosure", async () => {
    const report = await getFamilyReport(coordinator.ctx, { unverifiedPlanId: planId, unverifiedStudentId: studentId }, "screen");
    expect(report.emailConfigured).toBe(true);
    const before = (await disclosures()).length;

    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("grace.okafor@example.org") });

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail).toMatchObject({ from: "reports@lakeside.k12.test", to: ["grace.okafor@example.org"], user: "reports" });
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m); // "Cómo le va a Ana: …", encoded
    expect(mail.raw).toContain("Content-Language: es");
    const attachment = attachmentOf(mail.raw);
    expect(attachment.filename).toBe("family-report-LS-0199-es-" + report.today + ".pdf");
    expect(attachment.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = spawnSync("pdftotext", ["-layout", "-", "-"], { input: attachment.bytes }).stdout.toString().replace(/\s+/g, " ");
    expect(text).toContain("Cómo le va a Ana");
    expect(text).toContain("Estimado/a Grace Okafor:");

    const events = await disclosures();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actorUserId: coordinator.userId,
      studentId,
      entityId: planId,
      detail: { channel: "email", emailedTo: "grace.okafor@example.org", recipient: { guardianId, relationship: "Mother" }, language: "es" },
    });
  });

  it("refuses an address that is not one, with a clear message; nothing sent or recorded", async () => {
    const before = (await disclosures()).length;
    for (const bad of ["grace.okafor", "grace okafor@example.org", "a@b@example.org", ""]) {
      const result = await emailFamilyReport(null, emailForm(bad));
      expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { email: [expect.stringMatching(/Enter the guardian's email address/)] } } });
    }
    expect(received).toHaveLength(0);
    expect(await disclosures()).toHaveLength(before);
  });

  it("says the server could not be reached when it cannot be, and records no disclosure", async () => {
    signInAs(admin.ctx);
    expect(await saveSmtpSettings(null, settingsForm({ port: String(closedPort), password: "" }))).toMatchObject({ ok: true });
    signInAs(coordinator.ctx);
    const before = (await disclosures()).length;
    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    expect(result && !result.ok && result.error.message).toBe(
      `The district's email server (127.0.0.1:${closedPort}) could not be reached. The report was not sent and no disclosure was recorded. Try again later, or ask an administrator to check the email settings.`,
    );
    expect(await disclosures()).toHaveLength(before);
    // The address typed is kept in the form for another try.
    expect(result && !result.ok && "values" in result ? (result.values as Record<string, unknown>).email : undefined).toBe("grace.okafor@example.org");
  });

  it("says the server refused the sign-in when the password is wrong, and records no disclosure", async () => {
    signInAs(admin.ctx);
    expect(await saveSmtpSettings(null, settingsForm({ password: "wrong" }))).toMatchObject({ ok: true });
    signInAs(coordinator.ctx);
    const before = (await disclosures()).length;
    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result && !result.ok && result.error.message).toMatch(/refused the app's sign-in/);
    expect(received).toHaveLength(0);
    expect(await disclosures()).toHaveLength(before);
    signInAs(admin.ctx);
    expect(await saveSmtpSettings(null, settingsForm())).toMatchObject({ ok: true });
  });

  it("is denied to a coordinator of another school: nothing sent, a denied event", async () => {
    signInAs(otherCoordinator.ctx);
    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result).toMatchObject({ ok: false });
    expect(received).toHaveLength(0);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: otherCoordinator.userId, action: "denied" } }))).toBeGreaterThan(0);
  });

  it("stops when the administrator removes the settings", async () => {
    signInAs(admin.ctx);
    expect(await removeSmtpSettings(null, formOf({}))).toMatchObject({ ok: true });
    expect(await getSmtpSettings(admin.ctx)).toBeNull();
    signInAs(coordinator.ctx);
    const result = await emailFamilyReport(null, emailForm("grace.okafor@example.org"));
    expect(result && !result.ok && result.error.message).toMatch(/Email is not set up/);
    expect(received).toHaveLength(0);
  });
});
