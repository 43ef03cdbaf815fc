// Benchmarks: the administrators' grid and file upload (validation, nothing
// saved on any error, stale forms, audit), the CSV download, who may use them,
// benchmarkFor for the graphs, and the demo seed's ORF norms.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveBenchmarks, uploadBenchmarks } from "@/server/benchmarks/actions";
import { benchmarkFor, exportBenchmarksCsv, getBenchmarksPage } from "@/server/benchmarks/queries";
import { cellField } from "@/server/benchmarks/schemas";
import { withTenant } from "@/server/db/tenant";
import { ORF_BENCHMARKS, seedBenchmarks } from "../../prisma/seed/benchmarks";
import { makeDistrict, makeMeasure, makeSchool } from "../factories";
import { appDb, asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const measure = { orf: "", incidents: "", dbr: "", archived: "", other: "" };
let admin: Person;
let coordinator: Person;
let otherAdmin: Person;

const HEADER = "measure_key,grade,season,benchmark,risk_cut";
const csvFile = (text: string, name = "benchmarks.csv") => {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/csv" }));
  return form;
};
const upload = (...lines: string[]) => uploadBenchmarks(null, csvFile([HEADER, ...lines].join("\n")));

const rowsOf = (measureId: string) =>
  asOwner(async (tx) =>
    (await tx.benchmark.findMany({ where: { measureId }, orderBy: [{ grade: "asc" }, { season: "asc" }] })).map((b) => ({
      grade: b.grade,
      season: b.season,
      benchmark: b.benchmark,
      riskCut: b.riskCut,
    })),
  );
const allBenchmarks = () => asOwner((tx) => tx.benchmark.findMany({ orderBy: { id: "asc" } }));
const audits = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));
const versionOf = async (measureId: string) => (await getBenchmarksPage(admin.ctx, measureId)).chosen!.version;

/** The grid as posted: every cell blank except those given as { "G3-WINTER": ["97", "79"] }. */
async function saveGrid(measureId: string, cells: Record<string, readonly string[]>, opts: { version?: string; extra?: Record<string, string> } = {}) {
  const fields: Record<string, string> = { unverifiedMeasureId: measureId, version: opts.version ?? (await versionOf(measureId)), ...opts.extra };
  for (const [key, [benchmark = "", riskCut = ""]] of Object.entries(cells)) {
    const [grade, season] = key.split("-") as [never, never];
    fields[cellField("benchmark", grade, season)] = benchmark;
    fields[cellField("riskCut", grade, season)] = riskCut;
  }
  return saveBenchmarks(null, formOf(fields));
}

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Hillview" })).id;
    measure.orf = (await makeMeasure(tx, { districtId, key: "orf_wcpm", name: "ORF words correct per minute" })).id;
    measure.incidents = (await makeMeasure(tx, { districtId, key: "incidents", name: "Incidents per day", unit: "count", direction: "LOWER", phrase: "have {n} incidents" })).id;
    measure.dbr = (await makeMeasure(tx, { districtId, key: "dbr", name: "DBR engagement", unit: "rating 0-10", minValue: 0, maxValue: 10, decimals: 1, phrase: "be rated {n}" })).id;
    measure.archived = (await makeMeasure(tx, { districtId, key: "old_orf", name: "Old ORF", archivedAt: new Date() })).id;
    measure.other = (await makeMeasure(tx, { districtId: otherDistrictId, key: "hill_orf", name: "Hillview ORF" })).id;
    await tx.benchmark.create({ data: { districtId: otherDistrictId, measureId: measure.other, grade: "G3", season: "FALL", benchmark: 70, riskCut: 50 } });
  });
  const schoolId = await asOwner(async (tx) => (await makeSchool(tx, { districtId })).id);
  admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN" }));
  coordinator = await asOwner((tx) => makePerson(tx, { districtId, role: "COORDINATOR", schoolIds: [schoolId] }));
  otherAdmin = await asOwner((tx) => makePerson(tx, { districtId: otherDistrictId, role: "ADMIN" }));
});

beforeEach(() => signInAs(admin.ctx));

describe("the benchmarks page", () => {
  it("lists the district's measures in use and shows ORF's table first", async () => {
    const page = await getBenchmarksPage(admin.ctx, undefined);
    expect(page.measures.map((m) => m.name)).toEqual(["DBR engagement", "Incidents per day", "ORF words correct per minute"]);
    expect(page.chosen).toMatchObject({ id: measure.orf, key: "orf_wcpm", measure: { direction: "higher", min: 0 }, rows: [] });
  });

  it.each([
    ["another district's measure", () => measure.other],
    ["an archived measure", () => measure.archived],
    ["an unknown id", () => "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", () => "orf_wcpm"],
  ])("is not found for %s, with a denied event", async (_label, id) => {
    const before = (await audits(admin.userId, "denied")).length;
    await expect(getBenchmarksPage(admin.ctx, id())).rejects.toMatchObject(NOT_FOUND);
    const events = await audits(admin.userId, "denied");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ entityType: "Measure", detail: { attempted: "benchmark.manage" } });
  });
});

describe("saveBenchmarks (the grid)", () => {
  it("saves the filled cells, audited with the counts; benchmarkFor then finds them", async () => {
    const state = await saveGrid(measure.orf, { "G3-FALL": ["83", "59"], "G3-WINTER": ["97", "79"], "G2-SPRING": ["100"] });
    expect(state).toEqual({ ok: true, message: "ORF words correct per minute: 3 cells saved." });
    expect(await rowsOf(measure.orf)).toEqual([
      { grade: "G2", season: "SPRING", benchmark: 100, riskCut: null },
      { grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 },
      { grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 },
    ]);
    expect((await audits(admin.userId, "update")).at(-1)).toMatchObject({
      entityType: "Benchmark",
      entityId: measure.orf,
      detail: { measureKey: "orf_wcpm", source: "table", cells: 3, cleared: 0 },
    });
    const found = await withTenant(districtId, (tx) => benchmarkFor(tx, districtId, { measureId: measure.orf, grade: "G3", season: "WINTER" }), appDb());
    expect(found).toEqual({ benchmark: 97, riskCut: 79 });
    const none = await withTenant(districtId, (tx) => benchmarkFor(tx, districtId, { measureId: measure.orf, grade: "G3", season: "SPRING" }), appDb());
    expect(none).toBeNull();
  });

  it("changes cells and clears the ones left blank", async () => {
    const state = await saveGrid(measure.orf, { "G3-FALL": ["85", "60"], "G3-WINTER": ["97", "79"] });
    expect(state).toEqual({ ok: true, message: "ORF words correct per minute: 2 cells saved, 1 cleared." });
    expect(await rowsOf(measure.orf)).toEqual([
      { grade: "G3", season: "FALL", benchmark: 85, riskCut: 60 },
      { grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 },
    ]);
  });

  it("refuses a form opened before the table changed (CONFLICT, nothing saved)", async () => {
    const stale = await versionOf(measure.orf);
    expect(await saveGrid(measure.orf, { "G3-FALL": ["85", "60"], "G3-WINTER": ["97", "79"], "G4-FALL": ["94"] })).toMatchObject({ ok: true });
    const before = await rowsOf(measure.orf);
    const state = await saveGrid(measure.orf, { "G3-FALL": ["1"] }, { version: stale });
    expect(state).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("changed after you opened this page") } });
    expect(await rowsOf(measure.orf)).toEqual(before);
  });

  it.each([
    ["a score above the measure's range", () => measure.dbr, { "G3-FALL": ["11"] }, "benchmark-G3-FALL", "Grade 3, fall: the benchmark must be from 0 to 10."],
    ["a negative risk cut", () => measure.dbr, { "G3-FALL": ["5", "-1"] }, "riskCut-G3-FALL", "Grade 3, fall: the risk cut must be from 0 to 10."],
    ["text that is not a number", () => measure.orf, { "KG-WINTER": ["lots"] }, "benchmark-KG-WINTER", "Kindergarten, winter: the benchmark must be a number."],
    ["a risk cut without a benchmark", () => measure.orf, { "G5-SPRING": ["", "100"] }, "benchmark-G5-SPRING", "Grade 5, spring: a risk cut needs a benchmark."],
    ["a risk cut above the benchmark when higher is better", () => measure.orf, { "G1-WINTER": ["29", "30"] }, "riskCut-G1-WINTER", "Grade 1, winter: the risk cut must be below the benchmark (29), since higher scores are better."],
    ["a risk cut below the benchmark when lower is better", () => measure.incidents, { "PK-FALL": ["2", "1"] }, "riskCut-PK-FALL", "Pre-K, fall: the risk cut must be above the benchmark (2), since lower scores are better."],
    ["text too long to be a number", () => measure.orf, { "G12-SPRING": ["1".repeat(21)] }, "benchmark-G12-SPRING", "Grade 12, spring benchmark: enter a number."],
  ])("refuses %s with a message naming the cell, and saves none of the cells", async (_label, id, cells, field, message) => {
    const before = await allBenchmarks();
    const state = await saveGrid(id(), { ...cells, "G8-SPRING": ["151", "124"] });
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
    expect(await allBenchmarks()).toEqual(before);
  });

  it("counts the cells with problems and hands back what was typed", async () => {
    const state = await saveGrid(measure.orf, { "G3-FALL": ["x"], "G4-FALL": ["50", "60"], "G5-FALL": ["121", "87"] });
    expect(state).toMatchObject({ ok: false, error: { message: "Nothing was saved: 2 cells have problems." }, values: { "benchmark-G3-FALL": "x", "riskCut-G4-FALL": "60" } });
    expect(Object.keys(state && !state.ok ? state.error.fieldErrors! : {}).sort()).toEqual(["benchmark-G3-FALL", "riskCut-G4-FALL"]);
  });

  it("refuses unknown form fields", async () => {
    const state = await saveGrid(measure.orf, {}, { extra: { districtId: otherDistrictId } });
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } } });
  });

  it.each([
    ["another district's measure", () => measure.other],
    ["an archived measure", () => measure.archived],
    ["a malformed id", () => "not-a-uuid"],
  ])("answers NOT_FOUND for %s with a denied event, and saves nothing", async (_label, id) => {
    const before = await allBenchmarks();
    const denied = (await audits(admin.userId, "denied")).length;
    expect(await saveGrid(id(), { "G3-FALL": ["1"] }, { version: "x" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await allBenchmarks()).toEqual(before);
    expect(await audits(admin.userId, "denied")).toHaveLength(denied + 1);
  });
});

describe("uploadBenchmarks (a CSV file)", () => {
  it("sets every row's cell in one go, leaves cells it does not name, and audits the row count", async () => {
    const before = await rowsOf(measure.orf);
    expect(before.find((r) => r.grade === "G4")).toEqual({ grade: "G4", season: "FALL", benchmark: 94, riskCut: null });
    const state = await upload("orf_wcpm,3,fall,83,59", "orf_wcpm,G3,spring,112,91", "incidents,KG,winter,1,4", "dbr,PK,fall,7.5,");
    expect(state).toEqual({ ok: true, message: "4 benchmarks loaded from benchmarks.csv." });
    expect(await rowsOf(measure.orf)).toEqual([
      { grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 },
      { grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 },
      { grade: "G3", season: "SPRING", benchmark: 112, riskCut: 91 },
      { grade: "G4", season: "FALL", benchmark: 94, riskCut: null },
    ]);
    expect(await rowsOf(measure.incidents)).toEqual([{ grade: "KG", season: "WINTER", benchmark: 1, riskCut: 4 }]);
    expect(await rowsOf(measure.dbr)).toEqual([{ grade: "PK", season: "FALL", benchmark: 7.5, riskCut: null }]);
    expect((await audits(admin.userId, "update")).at(-1)).toMatchObject({
      entityType: "Benchmark",
      entityId: null,
      detail: { source: "csv", rows: 4, measureKeys: ["dbr", "incidents", "orf_wcpm"] },
    });
  });

  it("leaves another district's benchmarks alone, and does not know its measure keys", async () => {
    const hill = await rowsOf(measure.other);
    const state = await upload("hill_orf,3,fall,1,0");
    expect(state).toMatchObject({ ok: false, error: { fieldErrors: { file: ["Row 2: there is no measure with the key “hill_orf”."] } } });
    expect(await upload("orf_wcpm,3,fall,80,55")).toMatchObject({ ok: true });
    expect(await rowsOf(measure.other)).toEqual(hill);
    expect(hill).toEqual([{ grade: "G3", season: "FALL", benchmark: 70, riskCut: 50 }]);
  });

  it.each([
    ["an unknown measure key", ["orf,3,fall,80,55"], ["Row 3: there is no measure with the key “orf”."]],
    ["an archived measure's key", ["old_orf,3,fall,80,55"], ["Row 3: there is no measure with the key “old_orf”."]],
    ["a grade and season given twice", ["orf_wcpm,4,fall,90,70", "orf_wcpm,G4,Fall,91,71"], ["Row 4: it repeats orf_wcpm, grade 4, fall from row 3."]],
    ["values outside the measure's range", ["dbr,3,fall,12,2"], ["Row 3: the benchmark must be from 0 to 10."]],
    ["a risk cut on the wrong side", ["incidents,3,fall,3,2"], ["Row 3: the risk cut must be above the benchmark (3), since lower scores are better."]],
  ])("refuses a file with %s (row numbers with the header as row 1), saving none of its good rows", async (_label, bad, problems) => {
    const before = await allBenchmarks();
    const state = await upload("orf_wcpm,5,fall,121,87", ...bad);
    expect(state).toEqual({ ok: false, error: { code: "INVALID_INPUT", message: "Nothing was saved: the file has problems. Correct them and upload it again.", fieldErrors: { file: problems } } });
    expect(await allBenchmarks()).toEqual(before);
  });

  it("shows the first 20 problems and counts the rest", async () => {
    const bad = Array.from({ length: 25 }, (_, i) => `orf_wcpm,${(i % 12) + 1},summer,80,`);
    const state = await upload(...bad);
    const shown = state && !state.ok ? state.error.fieldErrors!.file! : [];
    expect(shown).toHaveLength(21);
    expect(shown[0]).toBe("Row 2: “summer” is not a season (use fall, winter or spring).");
    expect(shown[19]).toMatch(/^Row 21: /);
    expect(shown[20]).toBe("… and 5 more problems.");
  });

  it.each([
    ["no file", () => formOf({}), "Choose a CSV file to upload."],
    ["an empty file", () => csvFile(""), "Choose a CSV file to upload (the one chosen is empty)."],
    ["a file over 200 KB", () => csvFile(`${HEADER}\n${"orf_wcpm,3,fall,83,59\n".repeat(10_000)}`), "The file is larger than 200 KB. Upload the benchmarks in smaller files."],
  ])("refuses %s", async (_label, form, message) => {
    const before = await allBenchmarks();
    expect(await uploadBenchmarks(null, form())).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { file: [message] } } });
    expect(await allBenchmarks()).toEqual(before);
  });

  it("refuses a file whose header is not the benchmark columns", async () => {
    const state = await uploadBenchmarks(null, csvFile("student,score\nMaya,40"));
    expect(state).toMatchObject({
      ok: false,
      error: { fieldErrors: { file: expect.arrayContaining(["The column measure_key is missing.", "The column “student” is not one we know."]) } },
    });
  });
});

describe("exportBenchmarksCsv", () => {
  it("downloads a measure's table in the upload format, audited as an export, and uploading it back changes nothing", async () => {
    const file = await exportBenchmarksCsv(admin.ctx, measure.orf);
    expect(file.filename).toBe("benchmarks-orf_wcpm.csv");
    expect(file.csv).toBe(`"measure_key","grade","season","benchmark","risk_cut"\r\n"orf_wcpm","3","fall","80","55"\r\n"orf_wcpm","3","winter","97","79"\r\n"orf_wcpm","3","spring","112","91"\r\n"orf_wcpm","4","fall","94",""\r\n`);
    expect((await audits(admin.userId, "export")).at(-1)).toMatchObject({ entityType: "Benchmark", entityId: measure.orf, detail: { measureKey: "orf_wcpm", rows: 4 } });
    const before = await rowsOf(measure.orf);
    expect(await uploadBenchmarks(null, csvFile(file.csv))).toMatchObject({ ok: true });
    expect(await rowsOf(measure.orf)).toEqual(before);
  });

  it("is not found for another district's measure (denied event, no export event)", async () => {
    const exports = (await audits(admin.userId, "export")).length;
    await expect(exportBenchmarksCsv(admin.ctx, measure.other)).rejects.toMatchObject(NOT_FOUND);
    expect(await audits(admin.userId, "export")).toHaveLength(exports);
    expect((await audits(admin.userId, "denied")).at(-1)).toMatchObject({ entityType: "Measure", entityId: measure.other });
  });
});

describe("only administrators", () => {
  it("a coordinator gets not found for the page, the download, the grid and the upload, each with a denied event, and nothing changes", async () => {
    const before = await allBenchmarks();
    await expect(getBenchmarksPage(coordinator.ctx, undefined)).rejects.toMatchObject(NOT_FOUND);
    await expect(exportBenchmarksCsv(coordinator.ctx, measure.orf)).rejects.toMatchObject(NOT_FOUND);
    const version = await versionOf(measure.orf);
    signInAs(coordinator.ctx);
    expect(await saveGrid(measure.orf, { "G3-FALL": ["1"] }, { version })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await upload("orf_wcpm,3,fall,1,0")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await allBenchmarks()).toEqual(before);
    expect(await audits(coordinator.userId, "export")).toEqual([]);
    expect((await audits(coordinator.userId, "denied")).map((e) => e.detail)).toEqual(Array(4).fill({ attempted: "benchmark.manage" }));
  });

  it("another district's administrator works on their own district only", async () => {
    signInAs(otherAdmin.ctx);
    const ours = await asOwner((tx) => tx.benchmark.findMany({ where: { districtId }, orderBy: { id: "asc" } }));
    expect(await upload("hill_orf,3,winter,90,70")).toMatchObject({ ok: true });
    expect(await upload("orf_wcpm,3,winter,90,70")).toMatchObject({ ok: false, error: { fieldErrors: { file: ["Row 2: there is no measure with the key “orf_wcpm”."] } } });
    expect(await rowsOf(measure.other)).toEqual([
      { grade: "G3", season: "FALL", benchmark: 70, riskCut: 50 },
      { grade: "G3", season: "WINTER", benchmark: 90, riskCut: 70 },
    ]);
    expect(await asOwner((tx) => tx.benchmark.findMany({ where: { districtId }, orderBy: { id: "asc" } }))).toEqual(ours);
  });
});

describe("seedBenchmarks (the demo's ORF norms)", () => {
  it("adds the default measures and the ORF benchmarks to a district without them, once, and keeps later edits", async () => {
    const fresh = await asOwner((tx) => makeDistrict(tx, { name: "Seedville" }));
    const seed = () => withTenant(fresh.id, (tx) => seedBenchmarks(tx, fresh.id), appDb());
    expect(await seed()).toBe(23); // grades 1-8 x 3 seasons, less grade 1 fall
    const orf = await asOwner((tx) => tx.measure.findUniqueOrThrow({ where: { districtId_key: { districtId: fresh.id, key: "orf_wcpm" } } }));
    const rows = await rowsOf(orf.id);
    expect(rows).toHaveLength(23);
    expect(rows.find((r) => r.grade === "G3" && r.season === "WINTER")).toEqual({ grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 });
    expect(rows.some((r) => r.grade === "G1" && r.season === "FALL")).toBe(false);
    for (const [grade, norms] of Object.entries(ORF_BENCHMARKS)) for (const [, [benchmark, risk]] of Object.entries(norms!)) expect(risk, grade).toBeLessThan(benchmark);

    await asOwner((tx) => tx.benchmark.deleteMany({ where: { measureId: orf.id, grade: "G8" } }));
    expect(await seed()).toBe(0);
    expect(await rowsOf(orf.id)).toHaveLength(20);
  });
});
