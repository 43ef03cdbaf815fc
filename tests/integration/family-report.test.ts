// The family progress report (issue 19, docs/decisions/032-family-progress-report.md):
// who may produce it (staff who see the student's plan; anyone else gets 404
// with a denied event), every view, print and PDF audited as a disclosure
// naming the channel, the guardian and the language, the guardian's language
// (Spanish from its catalogue; a language with no catalogue falls back to
// English and says so), the PDF's real text, and the intervention's at-home
// text edited in the library.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as pdfRoute } from "@/app/(app)/plans/[planId]/family-report/[studentId]/report.pdf/route";
import type { Ctx } from "@/server/auth/session";
import { recordFamilyReportPrint } from "@/server/family-report/actions";
import { getFamilyReport, type TFamilyReportTarget } from "@/server/family-report/report";
import { updateIntervention } from "@/server/interventions/actions";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { getGoalGraph } from "@/server/progress/graph";
import { makeDistrict, makeGoal, makeGuardian, makeIntervention, makePlan, makeProbe, makeSchool, makeStudent } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
const school = { north: "", south: "" };
let studentId: string;
let otherStudentId: string; // a classmate not on the plan
let planId: string;
let draftPlanId: string;
let goalId: string;
let interventionId: string;
const guardian = { mother: "", uncle: "", stranger: "" };
let admin: Person;
let coordinator: Person;
let southCoordinator: Person;
let specialist: Person;
let assistant: Person; // delivers the plan
let otherAssistant: Person; // delivers nothing of this student's
let otherAdmin: Person;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const person = (name: string, role: Ctx["role"], schoolIds: string[] = [], d = () => districtId) => asOwner((tx) => makePerson(tx, { districtId: d(), role, name, schoolIds }));
const eventsOf = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));
const target = (over: Partial<TFamilyReportTarget> = {}): TFamilyReportTarget => ({ unverifiedPlanId: planId, unverifiedStudentId: studentId, ...over });
const pdfText = (bytes: Uint8Array) => {
  const out = spawnSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(bytes) });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString().replace(/\s+/g, " ");
};
const pdf = (query = "") =>
  pdfRoute(new Request(`http://test/plans/${planId}/family-report/${studentId}/report.pdf${query}`), { params: Promise.resolve({ planId, studentId }) });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T15:00:00Z") });
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    school.north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    school.south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    studentId = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Anaïs", legalLastName: "Okafor", preferredName: "Ana", localId: "LS-0099", grade: "G2" })).id;
    otherStudentId = (await makeStudent(tx, { districtId, schoolId: school.north, legalFirstName: "Ben", legalLastName: "Ruiz", localId: "LS-0100", grade: "G2" })).id;
  });
  admin = await person("Ada Admin", "ADMIN");
  coordinator = await person("Cora Coordinator", "COORDINATOR", [school.north]);
  southCoordinator = await person("Sol South", "COORDINATOR", [school.south]);
  specialist = await person("Sam Patel", "SPECIALIST", [school.north]);
  assistant = await person("Jordan Lee", "ASSISTANT", [school.north]);
  otherAssistant = await person("Oli Other", "ASSISTANT", [school.north]);
  otherAdmin = await person("Otto Other", "ADMIN", [], () => otherDistrictId);

  await asOwner(async (tx) => {
    await ensureDefaultMeasures(tx, districtId);
    const orf = await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } });
    interventionId = (
      await makeIntervention(tx, {
        districtId,
        name: "Read Naturally",
        atHome: "Listen to your child read the same short passage two or three times.",
        atHomeEs: "Escuche a su hijo leer el mismo texto corto dos o tres veces.",
      })
    ).id;
    planId = (
      await makePlan(tx, {
        districtId,
        schoolId: school.north,
        createdByUserId: specialist.userId,
        studentIds: [studentId],
        interventionistMembershipIds: [assistant.membershipId],
        interventionId,
        sessionsPerWeek: 3,
        minutesPerSession: 30,
        groupSize: 4,
        startDate: day("2026-09-21"),
        reviewDate: day("2026-12-18"),
      })
    ).id;
    draftPlanId = (await makePlan(tx, { districtId, schoolId: school.north, createdByUserId: specialist.userId, studentIds: [studentId], status: "DRAFT" })).id;
    goalId = (
      await makeGoal(tx, { districtId, planId, studentId, measureId: orf.id, createdByUserId: specialist.userId, baselineValue: 41, baselineDate: day("2026-09-18"), targetValue: 72, targetDate: day("2027-03-12") })
    ).id;
    const scores = [42, 44, 45, 47, 48, 50, 52, 53];
    for (const [i, score] of scores.entries()) {
      await makeProbe(tx, { districtId, studentId, measureId: orf.id, goalId, givenByUserId: assistant.userId, date: new Date(day("2026-09-25").getTime() + i * 7 * 86_400_000), score });
    }
    guardian.mother = (await makeGuardian(tx, { districtId, studentId, name: "Grace Okafor", relationship: "Mother", preferredLanguage: "Spanish", position: 0 })).id;
    guardian.uncle = (await makeGuardian(tx, { districtId, studentId, name: "Tunde Okafor", relationship: "Uncle", preferredLanguage: "Vietnamese", position: 1 })).id;
    guardian.stranger = (await makeGuardian(tx, { districtId, studentId: otherStudentId, name: "Rita Ruiz", relationship: "Mother", preferredLanguage: "Spanish" })).id;
  });
}, 120_000);

afterAll(() => {
  vi.useRealTimers();
});

beforeEach(() => signInAs(coordinator.ctx));

describe("the report", () => {
  it("is written in the first guardian's language, Spanish, from the goal graph's own numbers", async () => {
    const r = await getFamilyReport(coordinator.ctx, target(), "screen");
    expect(r.language).toEqual({ locale: "es", fallbackFrom: null });
    expect(r.recipientId).toBe(guardian.mother);
    expect(r.text.lang).toBe("es");
    expect(r.text.greeting).toBe("Estimado/a Grace Okafor:");
    expect(r.text.school).toEqual([
      "Ana recibe ayuda adicional en lectura. El programa se llama Read Naturally.",
      "3 veces por semana, 30 minutos cada vez, en un grupo pequeño de 4 alumnos.",
      "La ayuda la da Jordan Lee.",
      "Esta ayuda empezó el 21 de septiembre de 2026.",
      "El equipo de la escuela volverá a revisar el progreso el 18 de diciembre de 2026.",
    ]);
    expect(r.text.atHome).toEqual({ text: "Escuche a su hijo leer el mismo texto corto dos o tres veces.", lang: "es", note: null });
    expect(r.text.notices).toEqual([]);
    const [g] = r.text.goals;
    expect(g!.sentence).toBe("La meta es que para el 12 de marzo de 2027, Ana pueda leer 72 palabras correctamente en un minuto.");
    expect(g!.facts[1]).toEqual(["Última revisión", "53 palabras por minuto el 13 de noviembre de 2026"]);
    expect(g!.checkCount).toBe("8 revisiones hasta ahora.");

    // The same graph and decision support as the goal's page.
    const page = await getGoalGraph(coordinator.ctx, goalId);
    expect(r.graphs).toEqual([page.graph]);
    const rec = page.recommendation;
    expect(rec.trend.sufficient).toBe(true);
    const onPace = rec.numbers.trendSlopePerWeek! >= rec.aimline.slopePerWeek;
    expect(g!.trend[0]).toBe(onPace ? "Ana está mejorando al ritmo necesario para llegar a la meta, o más rápido." : "Ana está mejorando, pero más despacio de lo necesario para llegar a la meta.");
  });

  it("falls back to English for a guardian whose language has no catalogue, and says so", async () => {
    const r = await getFamilyReport(coordinator.ctx, target({ unverifiedGuardianId: guardian.uncle }), "screen");
    expect(r.language).toEqual({ locale: "en", fallbackFrom: "Vietnamese" });
    expect(r.text.lang).toBe("en");
    expect(r.text.greeting).toBe("Dear Tunde Okafor,");
    expect(r.text.notices).toEqual(["This report is in English because we do not have reports in Vietnamese yet. You can ask the school for an interpreter. It is free."]);
    expect(r.text.atHome.text).toBe("Listen to your child read the same short passage two or three times.");
  });

  it("refuses a guardian who is not the student's, and a draft plan, with 404", async () => {
    await expect(getFamilyReport(coordinator.ctx, target({ unverifiedGuardianId: guardian.stranger }), "screen")).rejects.toMatchObject(NOT_FOUND);
    await expect(getFamilyReport(coordinator.ctx, target({ unverifiedGuardianId: "not-a-uuid" }), "screen")).rejects.toMatchObject(NOT_FOUND);
    await expect(getFamilyReport(coordinator.ctx, target({ unverifiedPlanId: draftPlanId }), "screen")).rejects.toMatchObject(NOT_FOUND);
    await expect(getFamilyReport(coordinator.ctx, target({ unverifiedStudentId: otherStudentId }), "screen")).rejects.toMatchObject(NOT_FOUND);
    await expect(getFamilyReport(coordinator.ctx, target({ unverifiedPlanId: "00000000-0000-4000-8000-000000000000" }), "screen")).rejects.toMatchObject(NOT_FOUND);
  });
});

describe("who may produce it", () => {
  it.each([
    ["the district administrator", () => admin],
    ["the school's coordinator", () => coordinator],
    ["a specialist of the school", () => specialist],
    ["the assistant who delivers the plan", () => assistant],
  ])("%s may", async (_, who) => {
    const r = await getFamilyReport(who().ctx, target(), "screen");
    expect(r.text.goals).toHaveLength(1);
  });

  it.each([
    ["another school's coordinator", () => southCoordinator],
    ["an assistant who does not deliver the plan", () => otherAssistant],
    ["another district's administrator", () => otherAdmin],
  ])("%s gets 404, a denied event and no disclosure", async (_, who) => {
    await expect(getFamilyReport(who().ctx, target(), "screen")).rejects.toMatchObject(NOT_FOUND);
    const denied = await eventsOf(who().userId, "denied");
    expect(denied.at(-1)).toMatchObject({ entityType: "FamilyReport", detail: { attempted: "plan.view" } });
    signInAs(who().ctx);
    await expect(pdf()).rejects.toMatchObject(NOT_FOUND);
    const print = await recordFamilyReportPrint({ unverifiedPlanId: planId, unverifiedStudentId: studentId });
    expect(print).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await eventsOf(who().userId, "disclose")).toEqual([]);
  });
});

describe("audited as a disclosure", () => {
  it("records the page view, the print and the PDF, each with its channel, recipient and language", async () => {
    const u = specialist;
    signInAs(u.ctx);
    const earlier = (await eventsOf(u.userId, "disclose")).length;
    await getFamilyReport(u.ctx, target(), "screen");
    expect(await recordFamilyReportPrint({ unverifiedPlanId: planId, unverifiedStudentId: studentId, unverifiedGuardianId: guardian.uncle })).toEqual({ ok: true, data: { recorded: true } });
    const res = await pdf();
    expect(res.status).toBe(200);
    const events = (await eventsOf(u.userId, "disclose")).slice(earlier);
    expect(events.map((e) => ({ entityType: e.entityType, entityId: e.entityId, studentId: e.studentId, detail: e.detail }))).toEqual([
      { entityType: "FamilyReport", entityId: planId, studentId, detail: { page: "family progress report", channel: "screen", recipient: { guardianId: guardian.mother, relationship: "Mother" }, language: "es" } },
      {
        entityType: "FamilyReport",
        entityId: planId,
        studentId,
        detail: { page: "family progress report", channel: "print", recipient: { guardianId: guardian.uncle, relationship: "Uncle" }, language: "en", fallbackFrom: "Vietnamese" },
      },
      { entityType: "FamilyReport", entityId: planId, studentId, detail: { page: "family progress report", channel: "pdf", recipient: { guardianId: guardian.mother, relationship: "Mother" }, language: "es" } },
    ]);
    // Nothing else is written as a plain view of the report.
    expect((await eventsOf(u.userId, "view")).filter((e) => e.entityType === "FamilyReport")).toEqual([]);
  });

  it("refuses a malformed print request without recording it", async () => {
    const u = coordinator;
    const before = (await eventsOf(u.userId, "disclose")).length;
    expect(await recordFamilyReportPrint({ unverifiedPlanId: planId, unverifiedStudentId: studentId, extra: "x" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await eventsOf(u.userId, "disclose")).toHaveLength(before);
  });
});

describe("the PDF", () => {
  it("is real Spanish text with the graph's labels, named by local id, language and day", async () => {
    const res = await pdf();
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="family-report-LS-0099-es-2026-12-01.pdf"');
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const expected of [
      "Cómo le va a Ana Okafor",
      "Lo que hace la escuela",
      "3 veces por semana, 30 minutos cada vez",
      "Cómo va el progreso",
      "La meta es que para el 12 de marzo de 2027, Ana pueda leer 72 palabras correctamente en un minuto.",
      "Gráfica de las revisiones de Ana",
      "Lo que puede hacer en casa",
      "Escuche a su hijo leer el mismo texto corto",
      "¿Preguntas?",
      "Informe de progreso para la familia de Ana Okafor",
    ]) {
      expect(text).toContain(expected);
    }
    // Each page's footer, numbered in Spanish.
    expect(text).toMatch(/Página 1 de \d/);
    // The graph's month labels are Spanish too ("oct 2026", "nov 2026").
    expect(text).toMatch(/\bnov(\.|) (de )?2026/);
    expect(text).not.toContain("How Ana");
  });

  it("is English, saying why, for the guardian whose language has no catalogue", async () => {
    const res = await pdf(`?guardian=${guardian.uncle}`);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="family-report-LS-0099-en-2026-12-01.pdf"');
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("How Ana Okafor is doing");
    expect(text).toContain("we do not have reports in Vietnamese yet");
    expect(text).toContain("3 times a week for 30 minutes, in a small group of 4 students.");
  });
});

describe("the library's at-home text", () => {
  it("is edited with the intervention, and the next report shows it", async () => {
    signInAs(admin.ctx);
    const before = await asOwner((tx) => tx.intervention.findUniqueOrThrow({ where: { id: interventionId }, include: { components: { where: { retiredAt: null }, orderBy: { position: "asc" } } } }));
    const form = formOf({
      unverifiedInterventionId: interventionId,
      version: String(before.version),
      name: before.name,
      area: before.area,
      tiers: before.tiers,
      description: before.description,
      atHome: "Read together for ten minutes every day.",
      atHomeEs: "",
      evidenceLevel: before.evidenceLevel,
      sourceUrl: "",
      minutesPerSession: "30",
      sessionsPerWeek: "3",
      weeks: "12",
      groupSizeMin: "1",
      groupSizeMax: "5",
      gradeMin: "",
      gradeMax: "",
      components: before.components.map((c) => c.label).join("\n"),
    });
    const result = await updateIntervention({ ok: false } as never, form);
    expect(result).toMatchObject({ ok: true });
    const r = await getFamilyReport(coordinator.ctx, target(), "screen");
    expect(r.text.atHome).toEqual({ text: "Read together for ten minutes every day.", lang: "en", note: "Esta parte está en inglés porque todavía no se ha traducido." });
    expect(r.text.notices).toEqual(["Algunas partes de este informe están en inglés porque todavía no se han traducido."]);
  });

  it("refuses text that is too long, saving nothing", async () => {
    signInAs(admin.ctx);
    const before = await asOwner((tx) => tx.intervention.findUniqueOrThrow({ where: { id: interventionId } }));
    const form = formOf({
      unverifiedInterventionId: interventionId,
      version: String(before.version),
      name: before.name,
      area: before.area,
      tiers: before.tiers,
      description: before.description,
      atHome: "x".repeat(1001),
      atHomeEs: "Lean juntos.",
      evidenceLevel: before.evidenceLevel,
      components: "Warm-up review",
    });
    const result = await updateIntervention({ ok: false } as never, form);
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { atHome: ["Use at most 1000 characters."] } } });
    const after = await asOwner((tx) => tx.intervention.findUniqueOrThrow({ where: { id: interventionId } }));
    expect(after).toMatchObject({ atHome: before.atHome, atHomeEs: before.atHomeEs, version: before.version });
  });
});
