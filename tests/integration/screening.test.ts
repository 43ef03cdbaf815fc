// Universal screening on a real database (issue 17): the entry grid (checks,
// stale cells, re-entry audited), files (upload, mapping, dry run equals
// apply, all or nothing, unknown students of other schools), tier suggestions
// confirmed in bulk through the ordinary tier decision, the CSV export
// (audited, formulas neutralised), windows, who may do what, and RLS.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { schoolYearOf } from "@/domain/screening";
import { withTenant } from "@/server/db/tenant";
import { drainInlineJobs } from "@/server/jobs/queue";
import {
  applyScreeningImport,
  confirmScreeningTiers,
  saveScreeningMapping,
  saveScreeningMeasures,
  saveScreeningScores,
  saveScreeningWindows,
  uploadScreeningFile,
} from "@/server/screening/actions";
import { exportScreeningCsv, getScreeningGrid, getScreeningImport, getScreeningSuggestions, planImport } from "@/server/screening/queries";
import { cellFieldName } from "@/server/screening/schemas";
import { makeDistrict, makeMeasure, makeSchool, makeStudent, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, redirectOf, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const today = new Date().toISOString().slice(0, 10);
const Y = schoolYearOf(today);
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
const measure = { orf: "", math: "", notScreener: "" };
const win = { fall: "", winter: "" };
let otherWindow: string;
const students: Record<"ana" | "ben" | "cal" | "dee" | "southie" | "formula", { id: string; localId: string }> = {} as never;
let admin: Person;
let coordinator: Person;
let specialist: Person;
let assistant: Person;
let southCoordinator: Person;
let otherAdmin: Person;

const scoresOf = (studentId: string) => asOwner((tx) => tx.screeningScore.findMany({ where: { studentId }, orderBy: { measureId: "asc" } }));
const allScores = () => asOwner((tx) => tx.screeningScore.findMany({ where: { districtId }, orderBy: { id: "asc" } }));
const audits = (userId: string, action?: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, ...(action ? { action } : {}) }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Screenville" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South" })).id;
    measure.orf = (await makeMeasure(tx, { districtId, key: "orf_wcpm", name: "ORF", screeningArea: "READING" })).id;
    measure.math = (await makeMeasure(tx, { districtId, key: "math_composite", name: "Math composite", minValue: 0, maxValue: 100, screeningArea: "MATH" })).id;
    measure.notScreener = (await makeMeasure(tx, { districtId, key: "maze", name: "Maze" })).id;
    await tx.benchmark.createMany({
      data: [
        { districtId, measureId: measure.orf, grade: "G3", season: "WINTER", benchmark: 97, riskCut: 79 },
        { districtId, measureId: measure.math, grade: "G3", season: "WINTER", benchmark: 45, riskCut: 30 },
        { districtId, measureId: measure.orf, grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 },
      ],
    });
    win.fall = (await tx.screeningWindow.create({ data: { districtId, schoolYear: Y, season: "FALL", startDate: d(`${Y}-09-01`), endDate: d(`${Y}-09-12`) } })).id;
    win.winter = (await tx.screeningWindow.create({ data: { districtId, schoolYear: Y, season: "WINTER", startDate: d(`${Y + 1}-01-11`), endDate: d(`${Y + 1}-01-29`) } })).id;
    const otherOrf = (await makeMeasure(tx, { districtId: otherDistrictId, key: "orf_wcpm", screeningArea: "READING" })).id;
    otherWindow = (await tx.screeningWindow.create({ data: { districtId: otherDistrictId, schoolYear: Y, season: "FALL", startDate: d(`${Y}-09-01`), endDate: d(`${Y}-09-12`) } })).id;
    const otherSchool = (await makeSchool(tx, { districtId: otherDistrictId })).id;
    const otherStudent = await makeStudent(tx, { districtId: otherDistrictId, schoolId: otherSchool, localId: "EL-1" });
    await tx.screeningScore.create({ data: { districtId: otherDistrictId, studentId: otherStudent.id, measureId: otherOrf, windowId: otherWindow, grade: "G3", score: 50, source: "GRID", enteredByUserId: (await makeUser(tx, {})).id } });
    const mk = async (localId: string, last: string, schoolId = school.north) => ({ id: (await makeStudent(tx, { districtId, schoolId, localId, legalLastName: last, legalFirstName: "Kid", grade: "G3" })).id, localId });
    students.ana = await mk("SV-001", "Anders");
    students.ben = await mk("SV-002", "Brook");
    students.cal = await mk("SV-003", "Cole");
    students.dee = await mk("SV-004", "Dale");
    students.formula = await mk("SV-005", "=HYPERLINK(\"http://x\")");
    students.southie = await mk("SV-900", "Southie", school.south);
  });
  admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN" }));
  coordinator = await asOwner((tx) => makePerson(tx, { districtId, role: "COORDINATOR", schoolIds: [school.north] }));
  specialist = await asOwner((tx) => makePerson(tx, { districtId, role: "SPECIALIST", schoolIds: [school.north] }));
  assistant = await asOwner((tx) => makePerson(tx, { districtId, role: "ASSISTANT", schoolIds: [school.north] }));
  southCoordinator = await asOwner((tx) => makePerson(tx, { districtId, role: "COORDINATOR", schoolIds: [school.south] }));
  otherAdmin = await asOwner((tx) => makePerson(tx, { districtId: otherDistrictId, role: "ADMIN" }));
  // Ben is in Tier 2 for reading, Cal in Tier 3.
  await asOwner(async (tx) => {
    await tx.studentTier.createMany({
      data: [
        { districtId, studentId: students.ben.id, area: "READING", tier: "TIER_2", effectiveDate: d(`${Y}-09-15`), reason: "Fall screening: below benchmark", decidedByUserId: coordinator.userId },
        { districtId, studentId: students.cal.id, area: "READING", tier: "TIER_3", effectiveDate: d(`${Y}-09-15`), reason: "Fall screening: well below benchmark", decidedByUserId: coordinator.userId },
      ],
    });
  });
});

beforeEach(() => signInAs(coordinator.ctx));

const grid = (cells: Record<string, [studentId: string, measureId: string, value: string, was?: string]>, over: Record<string, string> = {}) => {
  const fields: Record<string, string> = { unverifiedWindowId: win.fall, unverifiedSchoolId: school.north, grade: "G3", ...over };
  for (const [studentId, measureId, value, was = ""] of Object.values(cells)) {
    fields[cellFieldName("score", studentId, measureId)] = value;
    fields[cellFieldName("was", studentId, measureId)] = was;
  }
  return saveScreeningScores(null, formOf(fields));
};

describe("the entry grid", () => {
  it("shows a school's grade with each student's scores and logs each student as viewed", async () => {
    const page = await getScreeningGrid(coordinator.ctx, { window: win.fall, school: school.north, grade: "G3", page: 1 });
    expect(page.rows.map((r) => r.localId).sort()).toEqual(["SV-001", "SV-002", "SV-003", "SV-004", "SV-005"]);
    expect(page.screeners.map((s) => s.name)).toEqual(["ORF", "Math composite"]); // by area (reading first), then name
    const views = (await audits(coordinator.userId, "view")).filter((e) => (e.detail as { page?: string }).page === "screening-grid");
    expect(new Set(views.map((v) => v.studentId))).toEqual(new Set([students.ana.id, students.ben.id, students.cal.id, students.dee.id, students.formula.id]));
  });

  it("saves nothing when any cell is wrong, and says which", async () => {
    const result = await grid({ a: [students.ana.id, measure.orf, "70"], b: [students.ben.id, measure.math, "101"], c: [students.cal.id, measure.orf, "x"] });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "Nothing was saved: 2 scores have problems." } });
    const errors = (result as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors;
    expect(errors[cellFieldName("score", students.ben.id, measure.math)]).toEqual(["Math composite scores are from 0 to 100."]);
    expect(await scoresOf(students.ana.id)).toEqual([]);
  });

  it("saves, then updates on re-entry with a new version and an audit event naming the previous score", async () => {
    expect(await grid({ a: [students.ana.id, measure.orf, "70"] })).toEqual({ ok: true, message: expect.stringMatching(/^1 score saved for Fall /) });
    expect(await grid({ a: [students.ana.id, measure.orf, "72", "70"] })).toMatchObject({ ok: true });
    const [row] = await scoresOf(students.ana.id);
    expect(row).toMatchObject({ score: 72, version: 2, grade: "G3", source: "GRID", enteredByUserId: coordinator.userId });
    const updates = await audits(coordinator.userId, "update");
    expect(updates.at(-1)).toMatchObject({ entityType: "ScreeningScore", studentId: students.ana.id, detail: { scores: [{ score: 72, previous: 70 }] } });
  });

  it("refuses to overwrite a score someone saved after the page was opened", async () => {
    const result = await grid({ a: [students.ana.id, measure.orf, "90", "70"] }); // the page showed 70; 72 is saved
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { [cellFieldName("score", students.ana.id, measure.orf)]: [expect.stringMatching(/Someone saved 72/)] } } });
    expect((await scoresOf(students.ana.id))[0]!.score).toBe(72);
  });

  it("refuses a student of another school, an assistant, and another district's window as not found", async () => {
    expect(await grid({ s: [students.southie.id, measure.orf, "50"] })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await grid({ a: [students.ana.id, measure.orf, "50"] }, { unverifiedSchoolId: school.south })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await grid({ a: [students.ana.id, measure.orf, "50"] }, { unverifiedWindowId: otherWindow })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(assistant.ctx);
    expect(await grid({ a: [students.ana.id, measure.orf, "50"] })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await scoresOf(students.southie.id)).length).toBe(0);
    expect((await audits(assistant.userId, "denied")).length).toBe(1);
  });
});

/** Uploads a file as the signed-in person and returns the new import's id. */
async function upload(text: string, windowId: string | null = win.winter, name = "winter.csv") {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/csv" }));
  if (windowId) form.append("unverifiedWindowId", windowId);
  const to = await redirectOf(uploadScreeningFile(null, form));
  return to.replace("/screening/imports/", "");
}
const mapColumns = (importId: string, columns: string[], windowId = win.winter) =>
  saveScreeningMapping(null, formOf({ unverifiedImportId: importId, unverifiedWindowId: windowId, ...Object.fromEntries(columns.map((c, i) => [`col:${i}`, c])) }));
/** Queues the apply, waits for its background job (decision 021), and answers as the action did when it applied in the request. */
const apply = async (importId: string) => {
  const queued = await applyScreeningImport(null, formOf({ unverifiedImportId: importId }));
  if (!queued?.ok) return queued;
  await drainInlineJobs();
  const job = await asOwner((tx) => tx.backgroundJob.findFirstOrThrow({ where: { entityId: importId, kind: "screening.apply" }, orderBy: { createdAt: "desc" } }));
  if (job.status !== "DONE") return { ok: false, error: { code: "INVALID_INPUT", message: job.errorMessage ?? "" } };
  const r = job.result as { created: number; updated: number; unchanged: number };
  const n = (k: number, one: string) => `${k} ${k === 1 ? one : `${one}s`}`;
  return { ok: true, message: `Applied: ${n(r.created, "new score")}, ${n(r.updated, "score")} updated, ${r.unchanged} unchanged.` };
};

describe("a file of scores", () => {
  it("proposes a mapping from the headers, and the dry run equals what applying writes", async () => {
    const id = await upload("Student ID,Last Name,DORF,Math Composite\nSV-001,Anders,70,44\nSV-002,Brook,100,50\nSV-003,Cole,60,20\n");
    const page = await getScreeningImport(coordinator.ctx, id);
    expect(page.proposed).toEqual(["localId", "ignore", `measure:${measure.orf}`, `measure:${measure.math}`]);
    expect(await mapColumns(id, ["localId", "ignore", `measure:${measure.orf}`, `measure:${measure.math}`])).toMatchObject({ ok: true });
    const row = await asOwner((tx) => tx.screeningImport.findUniqueOrThrow({ where: { id } }));
    const dry = await withTenant(districtId, (tx) => planImport(tx, coordinator.ctx, row));
    expect(dry.plan!.errors).toBe(0);
    const before = await allScores();
    expect(await apply(id)).toEqual({ ok: true, message: "Applied: 6 new scores, 0 scores updated, 0 unchanged." });
    const after = await allScores();
    const written = after.filter((a) => !before.some((b) => b.id === a.id && b.version === a.version));
    const key = (r: { studentId: string; measureId: string; windowId: string; score: number }) => `${r.studentId}/${r.measureId}/${r.windowId}/${r.score}`;
    expect(written.map(key).sort()).toEqual(dry.plan!.writes.map(key).sort());
    expect(written.every((w) => w.source === "FILE" && w.importId === id)).toBe(true);
    const applied = await asOwner((tx) => tx.screeningImport.findUniqueOrThrow({ where: { id } }));
    expect(applied).toMatchObject({ status: "APPLIED", content: null, summary: { created: 6, updated: 0, unchanged: 0 } });
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("recognises the default screeners' export names", async () => {
    const id = await upload("Student Number,Benchmark Period,ORF,Math Composite,Grade\nSV-004,Winter,90,40,3\n");
    expect((await getScreeningImport(coordinator.ctx, id)).proposed).toEqual(["localId", "window", `measure:${measure.orf}`, `measure:${measure.math}`, "grade"]);
  });

  it("blocks the whole file on any error: unknown student, a student of another school, a score out of range, an unknown window", async () => {
    const before = await allScores();
    const id = await upload("id,period,ORF,Math\nSV-004,winter,50,50\nNOPE-1,winter,50,50\nSV-900,winter,50,50\nSV-001,winter,50,150\nSV-002,summer,50,50\n");
    await mapColumns(id, ["localId", "window", `measure:${measure.orf}`, `measure:${measure.math}`]);
    const page = await getScreeningImport(coordinator.ctx, id);
    const errors = page.report!.plan!.problems.filter((p) => p.severity === "error");
    expect(errors.map((e) => [e.line, e.column, e.value, e.message])).toEqual([
      [3, "id", "NOPE-1", "No student of your schools has this local id."],
      [4, "id", "SV-900", "No student of your schools has this local id."],
      [5, "Math", "150", "Math composite scores are from 0 to 100."],
      [6, "period", "summer", expect.stringMatching(/no screening window by this name/)],
    ]);
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", message: "Nothing was saved: the dry run finds 4 errors. Correct the file and upload it again." } });
    expect(await allScores()).toEqual(before);
  });

  it("applies all or nothing: a student archived after the dry run makes the apply refuse every row", async () => {
    const id = await upload("id,ORF\nSV-004,91\nSV-001,92\n");
    await mapColumns(id, ["localId", `measure:${measure.orf}`]);
    expect((await getScreeningImport(coordinator.ctx, id)).report!.plan!.errors).toBe(0);
    await asOwner((tx) => tx.student.update({ where: { id: students.ana.id }, data: { archivedAt: new Date() } }));
    const before = await allScores();
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await allScores()).toEqual(before);
    await asOwner((tx) => tx.student.update({ where: { id: students.ana.id }, data: { archivedAt: null } }));
  });

  it("matches rows only to students of the uploader's schools", async () => {
    signInAs(southCoordinator.ctx);
    const id = await upload("id,ORF\nSV-001,50\nSV-900,50\n");
    await mapColumns(id, ["localId", `measure:${measure.orf}`]);
    const plan = (await getScreeningImport(southCoordinator.ctx, id)).report!.plan!;
    expect(plan.problems.filter((p) => p.severity === "error").map((p) => [p.line, p.value, p.message])).toEqual([[2, "SV-001", "No student of your schools has this local id."]]);
    expect(plan.writes.map((w) => w.studentId)).toEqual([students.southie.id]);
  });

  it("refuses a file whose encoding is not certain, with its line and a plain message, and keeps nothing (decision 019)", async () => {
    const form = new FormData();
    // "Renée" saved as Mac Roman: 0x8E reads as "Ž" in Windows-1252, a capital inside a word, so it is not guessed.
    form.append("file", new File([new Uint8Array([0x69, 0x64, 0x0a, 0x52, 0x65, 0x6e, 0x8e, 0x65, 0x0a])], "macroman.csv"));
    const result = await uploadScreeningFile(null, form);
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { file: [expect.stringMatching(/^Line 2: .*CSV UTF-8/)] } } });
  });

  it("says on the file's page when a Windows-1252 file was converted, and says nothing for UTF-8 (decision 019)", async () => {
    // "id,Note\nSV-004,Renée\n" as Excel's plain CSV saves it: é is 0xE9, a letter inside a word, so certainly Windows-1252.
    const bytes = new Uint8Array([...Buffer.from("id,ORF,Name\nSV-004,91,Ren"), 0xe9, ...Buffer.from("e\n")]);
    const form = new FormData();
    form.append("file", new File([bytes], "excel.csv", { type: "text/csv" }));
    form.append("unverifiedWindowId", win.winter);
    const id = (await redirectOf(uploadScreeningFile(null, form))).replace("/screening/imports/", "");
    const page = await getScreeningImport(coordinator.ctx, id);
    expect(page.row.encodingNote).toMatch(/^Line 2: The file is not UTF-8: .*Windows-1252/);
    expect(page.sample[0]).toEqual(["SV-004", "91", "Renée"]);
    const utf8 = await upload("id,ORF,Name\nSV-004,91,Renée\n");
    expect((await getScreeningImport(coordinator.ctx, utf8)).row.encodingNote).toBeNull();
  });

  it("keeps one person's upload from everyone else, and a mapping to a measure that is not a screener is refused", async () => {
    const id = await upload("id,ORF\nSV-004,91\n");
    expect(await mapColumns(id, ["localId", `measure:${measure.notScreener}`])).toMatchObject({ ok: false, error: { fieldErrors: { "col:1": ["Choose from the list."] } } });
    signInAs(admin.ctx);
    expect(await mapColumns(id, ["localId", `measure:${measure.orf}`])).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await expect(getScreeningImport(admin.ctx, id)).rejects.toMatchObject(NOT_FOUND);
    signInAs(otherAdmin.ctx);
    expect(await apply(id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("tier suggestions after a window", () => {
  it("lists students whose risk level suggests another tier, and confirms them as ordinary tier decisions", async () => {
    // Winter scores from the first file: Ana ORF 70 (high risk, Tier 1), Ben 100 (at benchmark, Tier 2), Cal 60 (high risk, Tier 3 = same);
    // math: Ana 44 (some risk), Ben 50 (at), Cal 20 (high risk, Tier 1).
    const page = await getScreeningSuggestions(coordinator.ctx, { window: win.winter, school: school.north, page: 1 });
    const got = page.rows.map((r) => [r.localId, r.area, r.currentTier, r.suggestedTier]);
    expect(got).toEqual(
      expect.arrayContaining([
        ["SV-001", "READING", "TIER_1", "TIER_3"],
        ["SV-001", "MATH", "TIER_1", "TIER_2"],
        ["SV-002", "READING", "TIER_2", "TIER_1"],
        ["SV-003", "MATH", "TIER_1", "TIER_3"],
      ]),
    );
    expect(got.some(([id, area]) => id === "SV-003" && area === "READING")).toBe(false);

    const result = await confirmScreeningTiers(null, formOf({ unverifiedWindowId: win.winter, decisions: [`${students.ana.id}:READING`, `${students.ben.id}:READING`] }));
    expect(result).toEqual({ ok: true, message: expect.stringMatching(/^2 tier decisions recorded from the Winter /) });
    const tiers = await asOwner((tx) => tx.studentTier.findMany({ where: { studentId: { in: [students.ana.id, students.ben.id] }, decidedByUserId: coordinator.userId, reason: { startsWith: "Winter" } }, orderBy: { reason: "asc" } }));
    expect(tiers.map((t) => [t.studentId, t.area, t.tier, t.reason, t.effectiveDate.toISOString().slice(0, 10)])).toEqual([
      [students.ben.id, "READING", "TIER_1", "Winter screening: at or above benchmark", today],
      [students.ana.id, "READING", "TIER_3", "Winter screening: high risk", today],
    ]);
    const created = await audits(coordinator.userId, "create");
    expect(created.filter((e) => e.entityType === "StudentTier" && (e.detail as { source?: string }).source === "screening")).toHaveLength(2);
    // Confirmed: they leave the list; confirming again records nothing.
    const again = await getScreeningSuggestions(coordinator.ctx, { window: win.winter, school: school.north, page: 1 });
    expect(again.rows.some((r) => r.studentId === students.ana.id && r.area === "READING")).toBe(false);
    expect(await confirmScreeningTiers(null, formOf({ unverifiedWindowId: win.winter, decisions: [`${students.ana.id}:READING`] }))).toMatchObject({ ok: true, message: expect.stringMatching(/^0 tier decisions.*1 no longer differed/) });
  });

  it("refuses the whole set when one student is outside the person's schools, and a specialist (no tier.set)", async () => {
    const before = await asOwner((tx) => tx.studentTier.count());
    const result = await confirmScreeningTiers(null, formOf({ unverifiedWindowId: win.winter, decisions: [`${students.cal.id}:MATH`, `${students.southie.id}:MATH`] }));
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    signInAs(specialist.ctx);
    expect(await confirmScreeningTiers(null, formOf({ unverifiedWindowId: win.winter, decisions: [`${students.cal.id}:MATH`] }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await expect(getScreeningSuggestions(specialist.ctx, { page: 1 })).rejects.toMatchObject(NOT_FOUND);
    expect(await asOwner((tx) => tx.studentTier.count())).toBe(before);
  });
});

describe("the CSV export", () => {
  it("holds the window's scores at the person's schools, neutralises formulas and is audited", async () => {
    await grid({ f: [students.formula.id, measure.orf, "99"] });
    const file = await exportScreeningCsv(coordinator.ctx, { window: win.fall });
    const lines = file.csv.trim().split("\r\n");
    expect(lines[0]).toBe('"local_id","last_name","first_name","school","grade","window","measure_key","measure","score","risk_level","entered_on"');
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://x"")"`))).toBe(true);
    expect(lines.some((l) => l.startsWith('"SV-001"') && l.includes('"72","some_risk"'))).toBe(true);
    expect(file.csv).not.toContain("SV-900");
    expect((await audits(coordinator.userId, "export")).at(-1)).toMatchObject({ entityType: "ScreeningScore", detail: { windowId: win.fall, rows: file.rows } });
    await expect(exportScreeningCsv(specialist.ctx, { window: win.fall })).rejects.toMatchObject(NOT_FOUND);
    await expect(exportScreeningCsv(coordinator.ctx, { window: win.fall, school: school.south })).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("windows and screeners (administrators)", () => {
  const windows = (fields: Record<string, string>) =>
    saveScreeningWindows(null, formOf({ schoolYear: String(Y), "FALL-start": `${Y}-09-01`, "FALL-end": `${Y}-09-12`, "WINTER-start": `${Y + 1}-01-11`, "WINTER-end": `${Y + 1}-01-29`, "SPRING-start": "", "SPRING-end": "", ...fields }));

  it("saves a year's windows, refusing overlaps, and never removes a window with scores", async () => {
    signInAs(admin.ctx);
    expect(await windows({ "SPRING-start": `${Y + 1}-05-03`, "SPRING-end": `${Y + 1}-05-21` })).toMatchObject({ ok: true });
    expect(await asOwner((tx) => tx.screeningWindow.count({ where: { districtId, schoolYear: Y } }))).toBe(3);
    expect(await windows({ "WINTER-start": `${Y}-09-10` })).toMatchObject({ ok: false, error: { fieldErrors: { "WINTER-start": [expect.stringMatching(/after the fall window ends/)] } } });
    expect(await windows({ "FALL-start": "", "FALL-end": "" })).toMatchObject({ ok: false, error: { fieldErrors: { "FALL-start": [expect.stringMatching(/has scores/)] } } });
    expect(await windows({})).toMatchObject({ ok: true }); // spring has no scores: removed
    expect(await asOwner((tx) => tx.screeningWindow.count({ where: { districtId, schoolYear: Y } }))).toBe(2);
    signInAs(coordinator.ctx);
    expect(await windows({})).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("sets which measures screen which area", async () => {
    signInAs(admin.ctx);
    expect(await saveScreeningMeasures(null, formOf({ [`area:${measure.notScreener}`]: "READING" }))).toEqual({ ok: true, message: "1 measure updated." });
    expect(await saveScreeningMeasures(null, formOf({ [`area:${measure.notScreener}`]: "" }))).toMatchObject({ ok: true });
    expect((await asOwner((tx) => tx.measure.findUniqueOrThrow({ where: { id: measure.notScreener } }))).screeningArea).toBeNull();
    signInAs(otherAdmin.ctx);
    expect(await saveScreeningMeasures(null, formOf({ [`area:${measure.orf}`]: "" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("row-level security", () => {
  it("keeps another district's windows, scores and imports out of reach, even without a where clause", async () => {
    const seen = await withTenant(otherDistrictId, async (tx) => ({
      windows: await tx.screeningWindow.findMany(),
      scores: await tx.screeningScore.findMany(),
      imports: await tx.screeningImport.findMany(),
      raw: await tx.$executeRaw`UPDATE "ScreeningScore" SET "score" = 0 WHERE "districtId" = ${districtId}::uuid`,
    }));
    expect(seen.windows.map((w) => w.id)).toEqual([otherWindow]);
    expect(seen.scores.every((s) => s.districtId === otherDistrictId)).toBe(true);
    expect(seen.imports).toEqual([]);
    expect(seen.raw).toBe(0);
    await expect(
      withTenant(otherDistrictId, (tx) => tx.screeningScore.create({ data: { districtId, studentId: students.dee.id, measureId: measure.orf, windowId: win.fall, grade: "G3", score: 1, source: "GRID", enteredByUserId: otherAdmin.userId } })),
    ).rejects.toThrow();
  });
});
