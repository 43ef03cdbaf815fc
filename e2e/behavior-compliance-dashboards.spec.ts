import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, mainMenuLink, signIn } from "./support";

// Issue 18's behaviour and compliance dashboards and the equity rules in
// settings (decision 030) on the demo: an administrator finds both on their
// home and the dashboards' index, opens each, filters to a school, reads a
// table and downloads its CSV; Maple Valley Elementary's incidents per 100
// students per school day fell against last year's (prisma/seed/behavior.ts:
// PBIS this year); the settings refuse an impossible equity rule and save
// nothing; a coordinator is told when a link names another school. Axe on
// every page visited.

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";

async function downloadCsv(page: Page, linkName: string | RegExp) {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  return readFile(await (await download).path(), "utf8");
}

test("an administrator reads the behaviour and compliance dashboards, filters to a school and downloads their tables", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Behaviour", exact: true })).toBeVisible();
  await expect(page.getByText(/incidents per 100 students per school day, against \d+\.\d\d in the same months of the year before/)).toBeVisible();
  await (await mainMenuLink(page, "Dashboards")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboards");
  await expectNoSeriousA11yViolations(page);

  // Behaviour: the district, then Maple Valley Elementary.
  await page.getByRole("main").getByRole("link", { name: "Behaviour", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Behaviour");
  await expect(page.getByRole("img", { name: /Incidents per 100 students per school day per month, this school year against the last/ })).toBeVisible();
  await expect(page.getByText(/Live figures, read from the records on|Figures as of/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("School", { exact: true }).selectOption({ label: DEMO_SCHOOLS.mapleElementary.name });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`school=${DEMO_SCHOOLS.mapleElementary.id}`));
  const rates = page.getByRole("table", { name: "Incidents per 100 students per school day, per month, against the same month of the year before" });
  await expect(rates.getByRole("row", { name: /^Sep \d{4}/ })).toBeVisible();
  // The elementary school started PBIS this year: its rate so far is below the same months' last year.
  const headline = await page.getByRole("region", { name: "How often" }).textContent();
  const [, rate, before] = headline!.match(/: (\d+\.\d\d) per 100 students per school day, against (\d+\.\d\d) in the same months/)!;
  expect(Number(rate)).toBeLessThan(Number(before));
  await expect(page.getByRole("table", { name: "Which behaviours" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Check-in/check-out students meeting their daily goal, per month" })).toBeVisible();
  const csv = await downloadCsv(page, /^Download this table as CSV.*Incidents per 100 students per school day, per month$/);
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    '"Month","Incidents","School days","Per 100 students per school day","Same month last year: incidents","Last year: school days","Last year: per 100 students per school day","Change","Students"',
  );
  expect(lines.length).toBe((await rates.getByRole("row").count()));
  await expectNoSeriousA11yViolations(page);

  // Compliance: deadlines per school, then one school's.
  await page.goto("/dashboards/compliance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance");
  const byKind = page.getByRole("table", { name: "Deadlines by kind and by how soon they fall due" });
  await expect(byKind.getByRole("row", { name: /^Annual review/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("School", { exact: true }).selectOption({ label: DEMO_SCHOOLS.mapleElementary.name });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`${DEMO_SCHOOLS.mapleElementary.name}, deadlines as of`)).toBeVisible();
  await expect(page.getByRole("table", { name: /^Deadlines per school/ }).getByText(DEMO_SCHOOLS.cedarMiddle.name)).toHaveCount(0);
  const deadlines = await downloadCsv(page, /^Download this table as CSV.*Deadlines per school$/);
  expect(deadlines.split("\r\n")[0]).toContain('"School","Annual review: Overdue"');
  expect(deadlines).not.toContain(DEMO_SCHOOLS.cedarMiddle.name);
  await expectNoSeriousA11yViolations(page);

  // The equity rules in settings: an impossible cell size is refused with a message, nothing saved.
  await page.goto("/admin/settings");
  const equity = page.getByRole("region", { name: "Equity dashboard" });
  await expect(equity.getByLabel("Risk ratio threshold")).toHaveValue("3.0");
  await expectNoSeriousA11yViolations(page);
  await equity.getByLabel("Minimum cell size").fill("3");
  await equity.getByRole("button", { name: "Save equity rules" }).click();
  await expect(equity.getByText("Enter a whole number from 5 to 30.").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/dashboards/equity");
  await expect(page.getByText(/A ratio of 3\.0 or more is highlighted/)).toBeVisible();
});

test("a coordinator is told when a behaviour or compliance link names another school", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/dashboards/behavior");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Behaviour");
  await expect(page.getByLabel("School", { exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/dashboards/compliance?school=${DEMO_SCHOOLS.cedarMiddle.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "not one of yours" })).toHaveText("That school is not one we know, or not one of yours: choose one from the list.");
  await expectNoSeriousA11yViolations(page);
});
