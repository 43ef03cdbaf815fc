// OneRoster import end to end through the server actions (decision 018):
// the dry run writes nothing and predicts exactly what the apply writes; the
// apply is all or nothing; importing the same files again writes nothing; a
// delta applies its changes; archiving waits for the administrator; the new
// tables are closed to other districts (RLS); only administrators import.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Findings } from "@/domain/oneroster/findings";
import type { PlanCounts } from "@/domain/oneroster/plan";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { applyImport, reviewImport, startImport } from "@/server/imports/actions";
import { exportImportReport, getImport, listImports } from "@/server/imports/queries";
import { drainInlineJobs } from "@/server/jobs/queue";
import type { ImportReport } from "@/server/imports/service";
import { membersOf, UPLOAD_LIMITS } from "@/server/imports/upload";
import { makeDistrict } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { fixtureFiles, fixtureText, HAVE_ONEROSTER_FIXTURES, zipOf } from "../support/oneroster";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const FULL = "catalyst_v1p2_full_dataset";
const PASSWORD = "import-initial-password-2026";
const ROSTER_TABLES = ["School", "Student", "RosterStaff", "AcademicSession", "SchoolClass", "ClassEnrollment", "Invitation", "InvitationSchool", "User"] as const;

let districtId: string;
let otherDistrictId: string;
let admin: Ctx;
let coordinator: Ctx;
let otherAdmin: Ctx;

function uploadForm(files: Record<string, Buffer>): FormData {
  const form = new FormData();
  for (const [name, data] of Object.entries(files)) form.append("files", new File([new Uint8Array(data)], name));
  return form;
}

/** Uploads and runs the dry run; returns the run's id. */
async function dryRun(files: Record<string, Buffer>, who: Ctx = admin): Promise<string> {
  signInAs(who);
  const to = await redirectOf(startImport(null, uploadForm(files)));
  const id = /^\/admin\/imports\/([0-9a-f-]{36})$/.exec(to)?.[1];
  if (!id) throw new Error(`unexpected redirect ${to}`);
  // The dry run is a background job (decision 021): here it runs in this process.
  await drainInlineJobs();
  return id;
}
const reportOf = async (id: string) => (await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }))).report as unknown as ImportReport;
/** Queues the apply, waits for its job, and answers as the action did when it applied in the request. */
const apply = async (id: string, fields: Record<string, string> = {}) => {
  signInAs(admin);
  const queued = await applyImport(null, formOf({ unverifiedImportId: id, password: PASSWORD, ...fields }));
  if (!queued?.ok) return queued;
  await drainInlineJobs();
  const job = await asOwner((tx) => tx.backgroundJob.findFirstOrThrow({ where: { entityId: id, kind: "oneroster.apply" }, orderBy: { createdAt: "desc" } }));
  return job.status === "DONE" ? { ok: true } : { ok: false, error: { code: "CONFLICT", message: job.errorMessage ?? "" } };
};

/** Rows per roster table of the district (User: all, since invitations create accounts). */
async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ROSTER_TABLES) {
    const where = t === "User" ? "" : `WHERE "districtId" = '${districtId}'`;
    out[t] = Number((await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}" ${where}`))[0]?.n);
  }
  return out;
}
/** A digest of every roster row of the district: equal means nothing was written. */
async function digest(): Promise<string> {
  const parts: string[] = [];
  for (const t of ROSTER_TABLES.filter((t) => t !== "User")) {
    parts.push((await ownerSql<{ d: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "${t}" x WHERE "districtId" = '${districtId}'`))[0]?.d ?? "");
  }
  return parts.join(",");
}

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Gotham Unified" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Metropolis" })).id;
    admin = (await makePerson(tx, { districtId, role: "ADMIN", email: "admin@gotham.test" })).ctx;
    coordinator = (await makePerson(tx, { districtId, role: "COORDINATOR", email: "coord@gotham.test" })).ctx;
    otherAdmin = (await makePerson(tx, { districtId: otherDistrictId, role: "ADMIN", email: "admin@metropolis.test" })).ctx;
  });
});

describe.skipIf(!HAVE_ONEROSTER_FIXTURES).sequential("importing the Catalyst OneRoster 1.2 zip", () => {
  let firstRun: string;

  it("the dry run writes no roster row and reports the plan", async () => {
    const before = await rowCounts();
    firstRun = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL)) });
    expect(await rowCounts()).toEqual(before);
    const report = await reportOf(firstRun);
    expect(report.errors).toBe(0);
    expect(report.counts.students.create).toBe(3);
    expect(report.counts.classes.create).toBe(1);
    // The site administrator as Coordinator and the two teachers as Teacher (the proposed mapping, issue 17).
    expect(report.counts.invitations.create).toBe(3);
    expect(report.mapping).toMatchObject({ teacher: "TEACHER", siteAdministrator: "COORDINATOR" });
    expect(report.findings.some((f) => f.file === "users.csv" && f.line === 2 && f.column === "dateLastModified")).toBe(true);
    const run = await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id: firstRun } }));
    expect(run.status).toBe("READY");
    const queued = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: firstRun, action: "create" } }));
    expect(queued).toMatchObject({ actorUserId: admin.userId, detail: { dryRun: true, queued: true } });
    // The job audits its dry run as the administrator who asked.
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: firstRun, action: "update", detail: { path: ["dryRun"], equals: true } } }));
    expect(audit).toMatchObject({ actorUserId: admin.userId, detail: { dryRun: true, counts: { students: { create: 3 } } } });
  }, 90_000);

  it("the role mapping is confirmed on the dry run and changes the plan", async () => {
    signInAs(admin);
    const result = await reviewImport(null, formOf({ unverifiedImportId: firstRun, mapping: ["siteAdministrator:ROSTER", "teacher:ROSTER"] }));
    expect(result).toMatchObject({ ok: true });
    await drainInlineJobs();
    expect((await reportOf(firstRun)).counts.invitations.create).toBe(0);
    await reviewImport(null, formOf({ unverifiedImportId: firstRun, mapping: ["siteAdministrator:COORDINATOR", "teacher:ROSTER"] }));
    await drainInlineJobs();
    expect((await reportOf(firstRun)).counts.invitations.create).toBe(1);
  });

  it("applying without the initial password for new staff is refused and writes nothing", async () => {
    const before = await digest();
    signInAs(admin);
    const result = await applyImport(null, formOf({ unverifiedImportId: firstRun }));
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { password: [expect.stringMatching(/initial password/)] } } });
    expect(await digest()).toBe(before);
  });

  it("apply writes exactly what the dry run said, and the students and classes are there", async () => {
    const planned = (await reportOf(firstRun)).counts;
    const before = await rowCounts();
    const result = await apply(firstRun);
    expect(result).toMatchObject({ ok: true });
    const after = await rowCounts();
    const delta = (t: string) => (after[t] ?? 0) - (before[t] ?? 0);
    expect(delta("School")).toBe(planned.schools.create);
    expect(delta("Student")).toBe(planned.students.create);
    expect(delta("RosterStaff")).toBe(planned.staff.create);
    expect(delta("AcademicSession")).toBe(planned.sessions.create);
    expect(delta("SchoolClass")).toBe(planned.classes.create);
    expect(delta("ClassEnrollment")).toBe(planned.enrollments.create);
    expect(delta("Invitation")).toBe(planned.invitations.create);
    const students = await asOwner((tx) => tx.student.findMany({ where: { districtId }, orderBy: { legalFirstName: "asc" }, select: { legalFirstName: true, sourcedId: true, grade: true, dateOfBirth: true } }));
    expect(students).toEqual([
      { legalFirstName: "Anna", sourcedId: "usr-222-567891", grade: "G11", dateOfBirth: null },
      { legalFirstName: "Mary", sourcedId: "usr-222-66778899", grade: "G12", dateOfBirth: null },
      { legalFirstName: "mmichel", sourcedId: "usr-222-1234561232", grade: "G12", dateOfBirth: null },
    ]);
    const cls = await asOwner((tx) => tx.schoolClass.findFirstOrThrow({ where: { districtId }, include: { enrollments: { include: { student: true, staff: true } }, term: true } }));
    expect(cls).toMatchObject({ sourcedId: "cls-222-123456", title: "Introduction to Physics", classCode: "Phys 100 - 1", periods: "1", term: { sourcedId: "as-trm-222-1234" } });
    expect(cls.enrollments.map((e) => e.student?.legalFirstName ?? `${e.staff?.givenName} (${e.role})`).sort()).toEqual(["John (TEACHER)", "mmichel"]);
    // The site administrator is invited (decision 009), not made a member.
    const invitation = await asOwner((tx) => tx.invitation.findFirstOrThrow({ where: { districtId }, include: { user: true } }));
    expect(invitation).toMatchObject({ role: "COORDINATOR", invitedName: "Thomas Jones", user: { email: "thomas.jones@testemail.com" } });
    const run = await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id: firstRun }, include: { files: true } }));
    expect(run).toMatchObject({ status: "APPLIED", appliedByUserId: admin.userId, files: [] });
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: firstRun, action: "update", detail: { path: ["applied"], equals: true } } }));
    expect((audit.detail as unknown as { counts: PlanCounts }).counts.students.create).toBe(3);
  });

  it("the same zip again plans nothing and writes nothing", async () => {
    const before = await digest();
    const again = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL)) });
    // The proposed mapping would now invite the two teachers kept on rosters by the first apply: confirm its mapping again.
    expect((await reportOf(again)).counts.invitations.create).toBe(2);
    await reviewImport(null, formOf({ unverifiedImportId: again, mapping: ["siteAdministrator:COORDINATOR", "teacher:ROSTER"] }));
    await drainInlineJobs();
    const report = await reportOf(again);
    for (const group of Object.values(report.counts)) for (const n of Object.values(group)) expect(n).toBe(0);
    expect(await apply(again)).toMatchObject({ ok: true });
    expect(await digest()).toBe(before);
  });

  it("with the proposed mapping, the roster's teachers are invited as Teacher and linked to their roster records", async () => {
    const run = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL)) });
    expect((await reportOf(run)).counts.invitations.create).toBe(2);
    expect(await apply(run)).toMatchObject({ ok: true });
    const invited = await asOwner((tx) => tx.invitation.findMany({ where: { districtId, role: "TEACHER" }, include: { user: true }, orderBy: { invitedName: "asc" } }));
    expect(invited.map((i) => [i.invitedName, i.user.email])).toEqual([
      ["Jim Smith", "jim.smith@myschool.com"],
      ["John Doe", "john.doe@myschool.com"],
    ]);
    const staff = await asOwner((tx) => tx.rosterStaff.findMany({ where: { districtId, email: { in: ["jim.smith@myschool.com", "john.doe@myschool.com"] } } }));
    expect(staff.map((s) => s.userId).sort()).toEqual(invited.map((i) => i.userId).sort());
    // Invited once: the next dry run plans no invitation.
    const next = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL)) });
    expect((await reportOf(next)).counts.invitations.create).toBe(0);
  });

  it("a student missing from a full import is archived only once the administrator confirms", async () => {
    const users = fixtureText(FULL, "users.csv")
      .split("\n")
      .filter((l) => !l.startsWith("usr-222-567891,"))
      .join("\n");
    const files = fixtureFiles(FULL, { "users.csv": users });
    const first = await dryRun({ "catalyst.zip": await zipOf(files) });
    expect((await reportOf(first)).archive).toEqual([expect.objectContaining({ name: "Anna Brown", localId: "anna.brown" })]);
    expect(await apply(first)).toMatchObject({ ok: true });
    const anna = () => asOwner((tx) => tx.student.findFirstOrThrow({ where: { districtId, sourcedId: "usr-222-567891" } }));
    expect((await anna()).archivedAt).toBeNull();
    const second = await dryRun({ "catalyst.zip": await zipOf(files) });
    expect(await apply(second, { confirmArchive: "on" })).toMatchObject({ ok: true });
    expect((await anna()).archivedAt).not.toBeNull();
    // Back in the roster: restored.
    const third = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL)) });
    expect((await reportOf(third)).counts.students.update).toBe(1);
    expect(await apply(third)).toMatchObject({ ok: true });
    expect((await anna()).archivedAt).toBeNull();
  });

  it("a delta file applies its changes: a new grade, a deleted enrollment, demographics", async () => {
    const manifest = ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.2", "file.users,delta", "file.enrollments,delta", "file.demographics,delta"].join("\n");
    const header = fixtureText(FULL, "users.csv").split("\n")[0];
    const mary = "usr-222-66778899,active,2024-09-01,TRUE,mary.jones,,Mary,Jones,Jane,mary.jones,mary.jones@myschool.com,,,,11,,,MJ,,,org-sch-222-456,";
    const enrollments = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\nenr-s-222-12345-987655,tobedeleted,2024-09-01,cls-222-123456,org-sch-222-456,usr-222-1234561232,student,false,,\n";
    const demographics =
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus\nusr-222-567891,active,2024-09-01,2008-03-14,female,false,true,false,false,false,false,true,,,,\n";
    const id = await dryRun({
      "manifest.csv": Buffer.from(manifest),
      "users.csv": Buffer.from(`${header}\n${mary}\n`),
      "enrollments.csv": Buffer.from(enrollments),
      "demographics.csv": Buffer.from(demographics),
    });
    const report = await reportOf(id);
    expect(report.errors).toBe(0);
    expect(report.mode).toBe("delta");
    expect(report.counts.students).toEqual({ create: 0, update: 2, archive: 0 });
    expect(report.counts.enrollments.remove).toBe(1);
    expect(await apply(id)).toMatchObject({ ok: true });
    const students = await asOwner((tx) => tx.student.findMany({ where: { districtId }, select: { sourcedId: true, grade: true, dateOfBirth: true, races: true, hispanicLatino: true, gender: true } }));
    expect(students.find((s) => s.sourcedId === "usr-222-66778899")?.grade).toBe("G11");
    expect(students.find((s) => s.sourcedId === "usr-222-567891")).toMatchObject({ dateOfBirth: new Date("2008-03-14T00:00:00Z"), races: ["ASIAN"], hispanicLatino: true, gender: "FEMALE" });
    expect(await asOwner((tx) => tx.classEnrollment.count({ where: { districtId, sourcedId: "enr-s-222-12345-987655" } }))).toBe(0);
  });

  it("apply is all or nothing: a failure half-way leaves no row written, and the run is marked failed", async () => {
    const users = fixtureText(FULL, "users.csv").replace("usr-222-567891,active,15/06/2023,TRUE,anna.brown", "usr-222-999,active,2024-01-01,TRUE,zed.new,,Zed,New,,zed.new,,,,,09,,,,,,org-sch-222-456,\nusr-222-567891,active,15/06/2023,TRUE,anna.brown");
    const classes = fixtureText(FULL, "classes.csv").replace("cls-222-123478,tobedeleted", "cls-222-777,active,2024-01-01,Doomed Class,10,,,scheduled,,org-sch-222-456,as-trm-222-1234,,,\ncls-222-123478,tobedeleted");
    const roles = `${fixtureText(FULL, "roles.csv")}\nrol-999,active,2025-01-01,usr-222-999,primary,student,,,org-sch-222-456`;
    const id = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL, { "users.csv": users, "classes.csv": classes, "roles.csv": roles })) });
    const report = await reportOf(id);
    expect(report.counts.students.create).toBe(1);
    expect(report.counts.classes.create).toBe(1);
    // The database refuses the class (written after the students): the whole apply must roll back.
    await ownerSql(`ALTER TABLE "SchoolClass" ADD CONSTRAINT test_no_doom CHECK ("title" <> 'Doomed Class')`);
    const before = await digest();
    try {
      const result = await apply(id);
      expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    } finally {
      await ownerSql(`ALTER TABLE "SchoolClass" DROP CONSTRAINT test_no_doom`);
    }
    expect(await digest()).toBe(before);
    expect(await asOwner((tx) => tx.student.count({ where: { districtId, sourcedId: "usr-222-999" } }))).toBe(0);
    expect((await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }))).status).toBe("FAILED");
    // The job records the failure with a reference id (logged with the error), and keeps no secret.
    const job = await asOwner((tx) => tx.backgroundJob.findFirstOrThrow({ where: { entityId: id, kind: "oneroster.apply" } }));
    expect(job).toMatchObject({ status: "FAILED", errorRef: expect.stringMatching(/^[0-9a-f]{8}$/), secret: null });
    expect(job.errorMessage).toContain(job.errorRef);
  });

  it("an apply whose plan changed since the dry run is refused and shows the new plan", async () => {
    const id = await dryRun({ "catalyst.zip": await zipOf(fixtureFiles(FULL, { "users.csv": fixtureText(FULL, "users.csv").replace(",Anna,Brown,", ",Annabel,Brown,") })) });
    // (Earlier tests left Mary in grade 11 and Anna with demographics, which this full file also changes back.)
    const planned = (await reportOf(id)).counts.students.update;
    expect(planned).toBeGreaterThanOrEqual(1);
    await asOwner((tx) => tx.student.updateMany({ where: { districtId, sourcedId: "usr-222-567891" }, data: { legalFirstName: "Annabel" } }));
    const before = await digest();
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/changed since this dry run/) } });
    expect(await digest()).toBe(before);
    expect((await reportOf(id)).counts.students.update).toBe(planned - 1);
  });

  it("the history, the report page and the download are audited", async () => {
    signInAs(admin);
    const runs = await listImports(admin);
    expect(runs.length).toBeGreaterThan(3);
    expect(runs[0]?.createdBy).toBe(admin.name);
    const page = await getImport(admin, firstRun);
    expect(page.report.counts.students.create).toBe(3);
    const file = await exportImportReport(admin, firstRun);
    expect(JSON.parse(file.body)).toMatchObject({ importId: firstRun, counts: { students: { create: 3 } } });
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { entityId: firstRun, actorUserId: admin.userId }, select: { action: true } }));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["view", "export"]));
  });
});

describe.skipIf(!HAVE_ONEROSTER_FIXTURES)("an import with errors", () => {
  it("is blocked: it cannot be applied and writes nothing", async () => {
    const id = await dryRun({ "oat.zip": await zipOf(fixtureFiles("oat_sa_OneRosterv1p1BaseCSV")) });
    const run = await asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }));
    expect(run.status).toBe("BLOCKED");
    expect(run.errorCount).toBeGreaterThan(0);
    const before = await digest();
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await digest()).toBe(before);
  });
});

describe("uploads", () => {
  it("a zip member whose name leaves the folder is refused; stray members are reported; sizes are limited", async () => {
    const zip = await zipOf({ "xx/evil.csv": Buffer.from("a,b\n"), "manifest.csv": Buffer.from("propertyName,value\n"), "photo.jpg": Buffer.from("x".repeat(5000)) });
    // yazl refuses to write "../": rename the member in place, as a hostile tool would.
    const hostile = Buffer.from(zip.toString("latin1").replaceAll("xx/evil.csv", "../evil.csv"), "latin1");
    const findings = new Findings();
    const { members, close } = await membersOf([{ name: "up.zip", data: hostile }], findings, { ...UPLOAD_LIMITS, memberBytes: 4096 });
    close();
    expect(members.map((m) => m.name)).toEqual(["manifest.csv"]);
    expect(findings.list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "error", value: "../evil.csv", message: expect.stringMatching(/outside/) }),
        expect.objectContaining({ severity: "error", file: "photo.jpg", message: expect.stringMatching(/larger than/) }),
      ]),
    );
  });

  it("a damaged zip is a finding, not a crash", async () => {
    const findings = new Findings();
    const { members } = await membersOf([{ name: "broken.zip", data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }], findings);
    expect(members).toEqual([]);
    expect(findings.list[0]).toMatchObject({ severity: "error", file: "broken.zip" });
  });
});

describe("who may import", () => {
  it("a coordinator is refused with a denied event; nothing is written", async () => {
    const before = await asOwner((tx) => tx.importRun.count());
    signInAs(coordinator);
    const result = await startImport(null, uploadForm({ "manifest.csv": Buffer.from("propertyName,value\n") }));
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await asOwner((tx) => tx.importRun.count())).toBe(before);
    expect(await asOwner((tx) => tx.auditEvent.count({ where: { actorUserId: coordinator.userId, action: "denied" } }))).toBeGreaterThan(0);
    await expect(listImports(coordinator)).rejects.toMatchObject(NOT_FOUND);
  });

  it("another district's administrator cannot see, review or apply this district's import", async () => {
    const run = await asOwner((tx) => tx.importRun.findFirstOrThrow({ where: { districtId } }));
    await expect(getImport(otherAdmin, run.id)).rejects.toMatchObject(NOT_FOUND);
    signInAs(otherAdmin);
    expect(await applyImport(null, formOf({ unverifiedImportId: run.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await reviewImport(null, formOf({ unverifiedImportId: run.id, mapping: [] }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("row-level security: the roster tables of one district are invisible and unwritable from another", async () => {
    await asOwner(async (tx) => {
      const school = await tx.school.create({ data: { districtId, name: `RLS School ${Date.now()}`, level: "OTHER" } });
      await tx.schoolClass.create({ data: { districtId, sourcedId: `rls-${Date.now()}`, schoolId: school.id, title: "RLS class" } });
    });
    for (const model of ["importRun", "schoolClass", "classEnrollment", "rosterStaff", "academicSession", "importFile"] as const) {
      const other = await withTenant(otherDistrictId, (tx) => (tx[model] as unknown as { count: (a: object) => Promise<number> }).count({ where: { districtId } }));
      expect(other, model).toBe(0);
    }
    expect(await withTenant(districtId, (tx) => tx.schoolClass.count())).toBeGreaterThan(0);
    await expect(withTenant(otherDistrictId, (tx) => tx.academicSession.create({ data: { districtId, sourcedId: "intruder", title: "x", type: "term" } }))).rejects.toThrow();
  });
});
