import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "./support/csp";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, PHONE, signIn } from "./support";

// Issue 19, the family progress report: on a 360 px phone a specialist opens
// Maya's record (her mother reads Spanish: prisma/seed/family-languages.ts),
// follows the report link of her Tier 3 reading plan, reads the report in
// Spanish with the goal graph, prints it (the menu and the controls are left
// out) and downloads the PDF, whose text pdftotext reads back in Spanish.
// Axe on every page visited; no sideways scrolling.

const SPECIALIST = "specialist@maplevalley.example";
const { maya } = DEMO_STUDENTS;
// Maya's Tier 3 reading plan (prisma/seed/plans.ts, a fixed id).
const MAYA_PLAN_ID = "9a000000-0000-4000-8000-000000000001";
const MAYA_PLAN = "Repeated reading with corrective feedback";

const pdfText = (path: string) => {
  const out = spawnSync("pdftotext", ["-layout", path, "-"]);
  expect(out.status, out.stderr.toString()).toBe(0);
  return out.stdout.toString().replace(/\s+/g, " ");
};

test("a Spanish-speaking guardian's report is in Spanish with the graph, on a phone, and so is its PDF", async ({ browser }) => {
  test.slow();
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto(`/students/${maya.id}?section=plans`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${maya.first} ${maya.last}`);
  await page.getByRole("link", { name: `Family progress report on ${MAYA_PLAN}` }).first().click();
  await expect(page).toHaveURL(new RegExp(`/plans/${MAYA_PLAN_ID}/family-report/${maya.id}$`));

  // The staff's controls stay English; the report is Spanish.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Family progress report");
  await expect(page.getByText(/^Written for the family in Spanish\./)).toBeVisible();
  const report = page.locator("article[lang=es]");
  await expect(report.getByRole("heading", { level: 2 })).toHaveText(`Cómo le va a ${maya.first} ${maya.last}`);
  await expect(report.getByRole("heading", { level: 3 })).toHaveText(["Lo que hace la escuela", "Cómo va el progreso", "Lo que puede hacer en casa", "¿Preguntas?", "Palabras de este informe"]);
  await expect(report).toContainText(`${maya.first} recibe ayuda adicional en lectura. El programa se llama ${MAYA_PLAN}.`);
  await expect(report).toContainText(/\d+ veces por semana, \d+ minutos cada vez/);
  await expect(report.getByRole("heading", { level: 4 }).first()).toHaveText("Meta: lectura en voz alta (palabras leídas correctamente en un minuto)");
  await expect(report).toContainText(new RegExp(`La meta es que para el \\d+ de \\w+ de \\d{4}, ${maya.first} pueda leer \\d+ palabras correctamente en un minuto\\.`));
  // The goal graph, drawn on the server, named in Spanish; its checks in a table.
  const graph = report.getByRole("img", { name: /^Gráfica de lectura en voz alta/ });
  await expect(graph).toBeVisible();
  await expect(report.getByRole("table", { name: /^Las últimas \d+ revisiones$/ })).toBeVisible();
  await expect(report).toContainText("Elija una página corta que le guste a su hijo.");
  await expect(report).not.toContainText("The goal is");
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  // Printed, the menu and the controls are left out and the graph stays.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Download PDF" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(graph).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^family-report-${maya.localId}-es-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(path);
  for (const expected of [
    `Cómo le va a ${maya.first} ${maya.last}`,
    "Lo que hace la escuela",
    `${maya.first} recibe ayuda adicional en lectura.`,
    "Cómo va el progreso",
    `Gráfica de las revisiones de ${maya.first}`,
    "Cada punto es una revisión.",
    "Lo que puede hacer en casa",
    "Elija una página corta que le guste a su hijo.",
    "¿Preguntas?",
    "Página 1 de",
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).not.toContain("What the school is doing");
  await context.close();
});
