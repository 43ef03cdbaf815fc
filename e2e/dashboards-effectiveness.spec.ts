import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, PHONE, signIn } from "./support";

// Issue 18's intervention effectiveness and delivery dashboards (decision 029)
// on the demo (prisma/seed/year.ts): an administrator finds them on their home
// and the dashboards' index, reads that LLI does not work though delivered and
// that Fusion was not delivered as planned, filters to a school, reads a
// chart's table and downloads its CSV; planned against delivered minutes per
// month and school; a coordinator on a phone sees only their school and is
// told when a link names another. Axe on every page visited.

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const ELEMENTARY = DEMO_SCHOOLS.mapleElementary;

async function downloadCsv(page: Page, linkName: RegExp) {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  return readFile(await (await download).path(), "utf8");
}

async function filterToSchool(page: Page, name: string) {
  await page.getByLabel("School", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`${name}, `).first()).toBeVisible();
}

test("an administrator reads intervention effectiveness and delivery, filters to a school and downloads a table", async ({ page }) => {
  // Two dashboards, an axe scan on each view, on a shared two-core machine.
  test.setTimeout(300_000);
  await signIn(page, ADMIN, DEMO_PASSWORD);
  // The home links to both; so does the dashboards' index.
  await expect(page.getByRole("heading", { name: "Outcomes this school year" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Delivery", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Intervention effectiveness", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intervention effectiveness");
  await page.goto("/dashboards");
  await expect(page.getByRole("link", { name: "Delivery", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Intervention effectiveness", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intervention effectiveness");

  // The district: one intervention does not work though delivered, one was not delivered as planned.
  const table = page.getByRole("table", { name: "Goals met or on track per intervention", exact: true });
  await expect(table.getByRole("row", { name: /^Leveled Literacy Intervention \(LLI\)/ })).toContainText("Not working, though delivered");
  await expect(table.getByRole("row", { name: /^Fusion \(Whole Number Foundations Level 1\)/ })).toContainText("Not delivered as planned");
  await expect(table.getByRole("row").filter({ hasText: "Works when delivered" }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /^Share of goals met or on track per intervention, delivered at or above the thresholds and below: / })).toBeVisible();
  await expect(page.getByRole("table", { name: "Median ROI against median goal ROI" }).getByRole("row").filter({ hasText: "ORF words correct per minute" }).first()).toBeVisible();
  await expect(page.getByText(/Live figures, read from the records on|Figures as of/).first()).toBeVisible();
  // The district view: each intervention's schools counted by verdict, and one row per school (its interventions
  // together), each a link to that school's own view; not every intervention x school (issue 18).
  await expect(table.getByRole("columnheader", { name: "Schools by verdict" })).toBeVisible();
  const bySchoolRows = page.getByRole("table", { name: "Goals met or on track per school", exact: true });
  await expect(bySchoolRows.getByRole("row", { name: new RegExp(ELEMENTARY.name) })).toHaveCount(1);
  await expect(bySchoolRows.getByRole("row", { name: new RegExp(DEMO_SCHOOLS.cedarMiddle.name) })).toHaveCount(1);
  await expect(bySchoolRows.getByRole("link", { name: new RegExp(ELEMENTARY.name) })).toHaveAttribute("href", new RegExp(`school=${ELEMENTARY.id}`));
  await expect(page.getByRole("table", { name: "Goals met or on track per intervention and school" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // One school: every row of the per-school table is of it, and its CSV has the same rows.
  await filterToSchool(page, ELEMENTARY.name);
  expect(new URL(page.url()).searchParams.get("school")).toBe(ELEMENTARY.id);
  const bySchool = page.getByRole("table", { name: "Goals met or on track per intervention and school" }).getByRole("row");
  const count = (await bySchool.count()) - 1;
  expect(count).toBeGreaterThan(0);
  await expect(bySchool.filter({ hasText: ELEMENTARY.name })).toHaveCount(count);
  const csv = await downloadCsv(page, /^Download this table as CSV.*Goals met or on track per intervention and school$/);
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^"Intervention","Area","School","Plans","Students","Verdict","All goals: goals",/);
  expect(lines).toHaveLength(count + 1);
  expect(lines.slice(1).every((l) => l.includes(`"${ELEMENTARY.name}"`))).toBe(true);
  await expectNoSeriousA11yViolations(page);

  // Delivery: planned against delivered minutes per month, per school and month, and today's gaps.
  await page.goto("/dashboards/delivery");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delivery");
  const months = page.getByRole("table", { name: "Planned and delivered minutes per month", exact: true }).getByRole("row");
  expect(await months.count()).toBeGreaterThan(1);
  await expect(page.getByRole("img", { name: /^Planned and delivered minutes per month: / })).toBeVisible();
  await expect(page.getByRole("table", { name: "Plans with no session for two weeks, and probes overdue" }).getByRole("row", { name: new RegExp(ELEMENTARY.name) })).toBeVisible();
  // The district view: one row per school (its months together), each a link to that school's months.
  const schools = page.getByRole("table", { name: "Planned and delivered minutes per school", exact: true });
  await expect(schools.getByRole("row", { name: new RegExp(ELEMENTARY.name) })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Planned and delivered minutes per school and month" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await schools.getByRole("link", { name: new RegExp(ELEMENTARY.name) }).click();
  await expect(page).toHaveURL(new RegExp(`school=${ELEMENTARY.id}`));
  const perSchool = page.getByRole("table", { name: "Planned and delivered minutes per school and month" }).getByRole("row");
  const monthsOfSchool = (await perSchool.count()) - 1;
  expect(monthsOfSchool).toBeGreaterThan(0);
  await expect(perSchool.filter({ hasText: ELEMENTARY.name })).toHaveCount(monthsOfSchool);
  const minutes = await downloadCsv(page, /^Download this table as CSV.*Planned and delivered minutes per school and month$/);
  const rows = minutes.trimEnd().split("\r\n");
  expect(rows[0]).toBe('"School","Month","Plans","Planned minutes","Delivered minutes","Delivered %"');
  expect(rows).toHaveLength(monthsOfSchool + 1);
  await expectNoSeriousA11yViolations(page);
});

test.describe("on a phone", () => {
  test.use(PHONE);

  test("a coordinator sees only their school on both dashboards and is told when a link names another", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, COORDINATOR, DEMO_PASSWORD);
    for (const path of ["/dashboards/effectiveness", "/dashboards/delivery"]) {
      await page.goto(path);
      // One school: no school to choose, and no other school's name anywhere.
      await expect(page.getByLabel("School", { exact: true })).toHaveCount(0);
      await expect(page.getByText(DEMO_SCHOOLS.cedarMiddle.name)).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
    }
    const perSchool = page.getByRole("table", { name: "Planned and delivered minutes per school and month" }).getByRole("row");
    await expect(perSchool.filter({ hasText: ELEMENTARY.name })).toHaveCount((await perSchool.count()) - 1);
    await page.goto(`/dashboards/effectiveness?school=${DEMO_SCHOOLS.cedarMiddle.id}`);
    await expect(page.getByRole("alert").filter({ hasText: "not one of yours" })).toHaveText("That school is not one we know, or not one of yours: choose one from the list.");
    await expectNoSeriousA11yViolations(page);
  });
});
