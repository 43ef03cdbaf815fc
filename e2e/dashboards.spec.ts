import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { schoolYearLabel, schoolYearOf } from "../src/domain/screening";
import { DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, mainMenuLink, signIn } from "./support";

// Issue 18's outcome dashboards on the demo (prisma/seed/dashboards.ts): an
// administrator reads the headlines on their home, opens each dashboard,
// filters to a school and a subgroup, reads a chart's table and downloads its
// CSV; last year's screening shows movement between windows; the equity view
// flags the English learners' Tier 3 placement and suppresses small groups; a
// coordinator sees only their school and is told when a link names another;
// a specialist gets 404. Axe on every page visited.

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const LAST_YEAR = schoolYearOf(new Date().toISOString().slice(0, 10)) - 1;

async function downloadCsv(page: Page, linkName: string | RegExp) {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  return readFile(await (await download).path(), "utf8");
}

test("an administrator reads the dashboards, filters to a school and a subgroup, and downloads a chart's table", async ({ page }) => {
  // A long journey (three dashboards, an axe scan on each view) on a shared two-core machine.
  test.setTimeout(360_000);
  await signIn(page, ADMIN, DEMO_PASSWORD);
  // The home's headlines, with the way in.
  await expect(page.getByRole("heading", { name: "Outcomes this school year" })).toBeVisible();
  await expect(page.getByText(/English learners, placed in tier 3: \d+\.\d\d/)).toBeVisible();
  await (await mainMenuLink(page, "Dashboards")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboards");
  await expectNoSeriousA11yViolations(page);

  // MTSS health: tiers per area against 80/15/5, each chart with its table, CSV and freshness.
  await page.getByRole("link", { name: "MTSS health" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("MTSS health");
  const tiers = page.getByRole("table", { name: "Students per tier per area" });
  await expect(tiers.getByRole("row", { name: /^Reading/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Students per tier per area against the 80\/15\/5 reference/ })).toBeVisible();
  await expect(page.getByText(/Live figures, read from the records on|Figures as of/).first()).toBeVisible();
  // The district view: one row per school (not every school x grade x area, issue 18), each a link to its grades.
  const bySchool = page.getByRole("table", { name: "Tiers by school", exact: true });
  await expect(bySchool.getByRole("row", { name: new RegExp(DEMO_SCHOOLS.mapleElementary.name) })).toHaveCount(1);
  await expect(bySchool.getByRole("row", { name: new RegExp(DEMO_SCHOOLS.cedarMiddle.name) })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Tiers by school and grade" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("School", { exact: true }).selectOption({ label: DEMO_SCHOOLS.mapleElementary.name });
  await page.getByLabel(/^Subgroup\b/).selectOption({ label: "English learners" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/subgroup=englishLearner/);
  expect(new URL(page.url()).searchParams.get("school")).toBe(DEMO_SCHOOLS.mapleElementary.id);
  await expect(page.getByText(`${DEMO_SCHOOLS.mapleElementary.name}, English learners,`)).toBeVisible();
  const byGrade = page.getByRole("table", { name: "Tiers by school and grade" });
  const gradeRows = byGrade.getByRole("row");
  const count = (await gradeRows.count()) - 1;
  expect(count).toBeGreaterThan(0);
  await expect(gradeRows.filter({ hasText: DEMO_SCHOOLS.mapleElementary.name })).toHaveCount(count);
  const csv = await downloadCsv(page, /^Download this table as CSV.*Tiers by school and grade$/);
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe('"School","Grade","Area","Students","Tier 1 %","Tier 2 %","Tier 3 %","Tier 2/3 with no active plan"');
  expect(lines).toHaveLength(count + 1);
  await expectNoSeriousA11yViolations(page);

  // Last school year: fall, winter and spring screening, and the movement between them.
  await page.goto("/dashboards/health");
  await page.getByLabel(/^School year\b/).selectOption({ label: schoolYearLabel(LAST_YEAR) });
  await page.getByRole("button", { name: "Show" }).click();
  const screening = page.getByRole("table", { name: "Screening results per window" });
  for (const season of ["Fall", "Winter", "Spring"]) await expect(screening.getByRole("row").filter({ hasText: season }).first()).toBeVisible();
  const movement = page.getByRole("table", { name: "Movement between windows" });
  await expect(movement.getByRole("row").filter({ hasText: "Fall to Winter, Reading" }).filter({ hasText: "High risk" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Equity: English learners' Tier 3 placement is flagged; small groups say only "fewer than 10".
  await page.goto("/dashboards/equity");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Equity");
  const tier3 = page.getByRole("table", { name: "Placed in Tier 3: risk and risk ratio per subgroup" });
  await expect(tier3.getByRole("row", { name: /^English learners/ })).toContainText("at or above the threshold");
  await expect(tier3.getByText("fewer than 10").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^Subgroup\b/).selectOption({ label: "English learners" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(tier3.getByRole("row")).toHaveCount(3);
  const equityCsv = await downloadCsv(page, /^Download this table as CSV.*Placed in Tier 3$/);
  expect(equityCsv).toContain('"Placed in Tier 3","English learners"');
  expect(equityCsv).toContain('"At or above the threshold"');
  await expectNoSeriousA11yViolations(page);
});

test("a coordinator sees only their school and is told when a link names another", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await (await mainMenuLink(page, "Dashboards")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboards");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/dashboards/health");
  await expect(page.getByLabel("School", { exact: true })).toHaveCount(0);
  const rows = page.getByRole("table", { name: "Tiers by school and grade" }).getByRole("row");
  const count = (await rows.count()) - 1;
  expect(count).toBeGreaterThan(0);
  await expect(rows.filter({ hasText: DEMO_SCHOOLS.mapleElementary.name })).toHaveCount(count);
  await expect(page.getByText(DEMO_SCHOOLS.cedarMiddle.name)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/dashboards/equity?school=${DEMO_SCHOOLS.cedarMiddle.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "not one of yours" })).toHaveText("That school is not one we know, or not one of yours: choose one from the list.");
  await expectNoSeriousA11yViolations(page);
});

test("a specialist has no dashboards", async ({ page }) => {
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  const response = await page.goto("/dashboards/health");
  expect(response?.status()).toBe(404);
});
