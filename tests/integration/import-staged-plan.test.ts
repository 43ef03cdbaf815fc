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
