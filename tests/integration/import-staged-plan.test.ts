// The staged enrollment planner (src/server/imports/staged.ts, decision 047)
// against the in-memory one (buildPlan, the specification): on every OneRoster
// fixture, into an empty district and into one that already holds an import,
// plus a variant of the enrollments file with every kind of finding (more than
// a message's listed places of one of them), updates, a tobedeleted row and a
// row left out of a bulk file, the dry-run reports must be identical: the same
// counts, findings in the same order, the same errors, warnings and omitted.
// Then the staged apply must leave what the specification planner sees as
// nothing left to do.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { analyse, executePlan } from "@/server/imports/service";
import type { UploadedFile } from "@/server/imports/upload";
import { noProgress } from "@/server/jobs/progress";
import { makeDistrict } from "../factories";
import { asOwner, ownerSql } from "../support/db";
import { fixtureFiles, fixtureText, HAVE_ONEROSTER_FIXTURES, ONEROSTER_FIXTURES } from "../support/oneroster";

const FULL = "catalyst_v1p2_full_dataset";
const FIXTURES = HAVE_ONEROSTER_FIXTURES ? readdirSync(ONEROSTER_FIXTURES).filter((d) => statSync(path.join(ONEROSTER_FIXTURES, d)).isDirectory()).sort() : [];
const TX_MS = 120_000;

let districtId: string;

const upload = (files: Record<string, Buffer>): UploadedFile[] => Object.entries(files).map(([name, data]) => ({ name, data: new Uint8Array(data) }));
const reportWith = (files: UploadedFile[], planner: "staged" | "memory") =>
  withTenant(districtId, async (tx) => (await analyse(tx, districtId, files, {}, noProgress, { planner })).report, undefined, TX_MS);

async function expectSameReport(files: UploadedFile[]) {
  const memory = await reportWith(files, "memory");
  const staged = await reportWith(files, "staged");
  expect(staged).toEqual(memory);
  return staged;
}

/** The full fixture's enrollments with changes and every kind of enrollment finding. */
function variantEnrollments(): string {
  const lines = fixtureText(FULL, "enrollments.csv").trimEnd().split("\n");
  const header = lines[0] as string;
  const rows = lines.slice(1).filter((l) => !l.startsWith("enr-s-222-12345-985321,")); // left out of a bulk file, in a class the file deletes: goes with its class
  const changed = rows.map((l) =>
    l.startsWith("enr-t-222-12345-123456,")
      ? "enr-t-222-12345-123456,active,,cls-222-123456,org-sch-222-456,usr-222-123456,teacher,true,2022-03-15,2022-06-30" // an update
      : l.startsWith("enr-s-222-12345-987655,")
        ? "enr-s-222-12345-987655,tobedeleted,,cls-222-123456,org-sch-222-456,usr-222-1234561232,student,false,," // removed
        : l,
  );
  const extra = [
    "enr-x-dup,active,,cls-222-123456,org-sch-222-456,usr-222-123456,teacher,false,,", // the same person in the same class again
    "enr-x-school,active,,cls-222-123456,org-sch-999,usr-222-66778899,student,false,,", // not the class's school; a create
    "enr-x-user,active,,cls-222-123456,org-sch-222-456,usr-nobody,student,false,,", // a person in no file
    "enr-x-staff,active,,cls-222-123456,org-sch-222-456,usr-222-66778899,teacher,false,,", // a student as teacher
    // More of one message than a report lists: 200 listed, the rest counted.
    ...Array.from({ length: 230 }, (_, i) => `enr-x-class-${i},active,,cls-nowhere-${i},org-sch-222-456,usr-222-987654,student,false,,`),
  ];
  return [header, ...changed, ...extra].join("\n") + "\n";
}

/**
 * The full fixture's enrollments with duplicate sourcedIds (found in SQL over
 * the staged rows by the staged planner, by a map in the collector by the
 * specification): a duplicate's other findings are skipped, those made before
 * its sourcedId is read (a row's width) are kept; the first of a sourcedId may
 * itself have failed its checks; more of one message than a report lists.
 */
function duplicateEnrollments(): string {
  const lines = fixtureText(FULL, "enrollments.csv").trimEnd().split("\n");
  const extra = [
    "enr-t-222-12345-123456,active,,cls-222-123456,org-sch-222-456,usr-222-987654,student,maybe,2022-13-01,", // a duplicate with bad cells: only the duplicate is reported
    "enr-x-bad,bogus,,cls-222-123456,org-sch-222-456,usr-222-987654,student,false,,", // fails its status check, and is still the first of its sourcedId
    ",active,,cls-222-123456,org-sch-222-456,usr-222-987654,student,false,,", // no sourcedId
    "enr-x-bad,active,,cls-222-123456,org-sch-222-456,usr-222-987654,student,false,,,,extra", // a duplicate of a failed row, with an extra field (warned: read before the sourcedId)
    "enr-s-222-12345-987654,tobedeleted,not-a-date,cls-222-123456,org-sch-222-456,usr-222-987654,administrator,false,,", // a duplicate, its warnings skipped
    "enr-x-bad,active,,cls-222-123456,org-sch-222-456,usr-222-987654,student,false,,", // a third of one sourcedId: names the first line
    "enr-x-ok,active,,cls-222-123456,org-sch-222-456,usr-222-987654,aide,false,2022-02-30,", // not a duplicate: its own warnings stay, in their place
    "enr-x-many,active,,cls-222-123456,org-sch-222-456,usr-222-66778899,student,false,,",
    ...Array.from({ length: 205 }, (_, i) => `enr-x-many,active,,cls-222-123456,org-sch-222-456,usr-222-66778899,student,false,2022-01-0${i % 9 + 1},bad-${i}`),
  ];
  return [...lines, ...extra].join("\n") + "\n"; // the fixture is lines 1-7 (header and 6 rows): the extra rows begin on line 8
}

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Staged Planner Unified" })).id;
  });
});

describe.skipIf(!HAVE_ONEROSTER_FIXTURES).sequential("the staged enrollment plan agrees with buildPlan", () => {
  it("finds five fixtures", () => {
    expect(FIXTURES).toHaveLength(5);
  });

  it("on every fixture, into an empty district", async () => {
    for (const fixture of FIXTURES) await expectSameReport(upload(fixtureFiles(fixture)));
  });

  it("on duplicate sourcedIds in enrollments.csv (checked in SQL by the staged planner)", async () => {
    const report = await expectSameReport(upload(fixtureFiles(FULL, { "enrollments.csv": duplicateEnrollments() })));
    const duplicates = report.findings.filter((f) => f.file === "enrollments.csv" && f.message.startsWith("The sourcedId is also on line"));
    expect(duplicates.length).toBe(204); // 4 of their own messages, then 200 listed of enr-x-many's 205
    expect(duplicates.slice(0, 4).map((f) => [f.line, f.value, f.message])).toEqual([
      [8, "enr-t-222-12345-123456", "The sourcedId is also on line 2: each row needs its own."],
      [11, "enr-x-bad", "The sourcedId is also on line 9: each row needs its own."],
      [12, "enr-s-222-12345-987654", "The sourcedId is also on line 3: each row needs its own."],
      [13, "enr-x-bad", "The sourcedId is also on line 9: each row needs its own."],
    ]);
    expect(report.omitted).toBeGreaterThanOrEqual(5);
    expect(report.findings.some((f) => f.line === 11 && f.message.includes("the extra fields were ignored"))).toBe(true);
    expect(report.findings.some((f) => f.line === 14 && f.column === "beginDate")).toBe(true);
    expect(report.findings.some((f) => f.line === 8 && f.column !== "sourcedId")).toBe(false);
    // A CSV error after them (an unclosed quote): the reader's finding comes after the rows' findings, as it was made.
    const broken = await expectSameReport(upload(fixtureFiles(FULL, { "enrollments.csv": `${duplicateEnrollments()}enr-x-bad,active,,"cls-222-123456\n` })));
    expect(broken.findings.filter((f) => f.file === "enrollments.csv").length).toBeGreaterThan(duplicates.length);
  });

  it("on every fixture and on a variant with every finding, into a district that holds an import; the staged apply leaves nothing to do", async () => {
    await withTenant(
      districtId,
      async (tx) => {
        const { plan, report } = await analyse(tx, districtId, upload(fixtureFiles(FULL)), {}, noProgress);
        expect(report.errors).toBe(0);
        await executePlan(tx, plan, { districtId, archive: true, passwordHash: "not-a-real-hash" });
      },
      undefined,
      TX_MS,
    );
    const enrolled = async () => Number((await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM "ClassEnrollment" WHERE "districtId" = $1`, [districtId]))[0]?.n);
    expect(await enrolled()).toBeGreaterThan(0);
    for (const fixture of FIXTURES) await expectSameReport(upload(fixtureFiles(fixture)));

    const variant = upload(fixtureFiles(FULL, { "enrollments.csv": variantEnrollments() }));
    const report = await expectSameReport(variant);
    expect(report.counts.enrollments).toEqual({ create: 1, update: 1, remove: 1 });
    expect(report.omitted).toBe(30);
    const messages = new Set(report.findings.filter((f) => f.file === "enrollments.csv").map((f) => f.message));
    for (const m of ["The same person is enrolled in this class twice", "Not the school of the class", "This person is not in users.csv", "The roster makes this person a student", "This class is not in classes.csv"]) {
      expect([...messages].some((x) => x.startsWith(m)), m).toBe(true);
    }

    // The variant has errors (it could not be applied through the app); without them it applies, through the staged writes.
    const clean = variantEnrollments()
      .split("\n")
      .filter((l) => !/^enr-x-(user|class-)/.test(l))
      .join("\n");
    const cleanFiles = upload(fixtureFiles(FULL, { "enrollments.csv": clean }));
    const before = await enrolled();
    await withTenant(
      districtId,
      async (tx) => {
        const { plan, report: r } = await analyse(tx, districtId, cleanFiles, {}, noProgress);
        expect(r.errors).toBe(0);
        expect(r.counts.enrollments).toEqual({ create: 1, update: 1, remove: 1 });
        await executePlan(tx, plan, { districtId, archive: true, passwordHash: "not-a-real-hash" });
      },
      undefined,
      TX_MS,
    );
    expect(await enrolled()).toBe(before); // one created, one removed
    const [updated] = await ownerSql<{ primary: boolean; end: string }>(`SELECT "primary", "endDate"::text AS end FROM "ClassEnrollment" WHERE "districtId" = $1 AND "sourcedId" = 'enr-t-222-12345-123456'`, [districtId]);
    expect(updated).toEqual({ primary: true, end: "2022-06-30" });
    // The specification planner sees nothing left to do, and agrees with the staged one.
    const again = await expectSameReport(cleanFiles);
    expect(again.counts.enrollments).toEqual({ create: 0, update: 0, remove: 0 });
  });
});
