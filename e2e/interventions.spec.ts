import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";

test("a coordinator adds an intervention with components and a measure, finds it in the filtered list and opens it", async ({ page }) => {
  // Its own name, so other specs and re-runs on the same database do not meet it.
  const name = `Paired phonics practice ${Date.now()}`;
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interventions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Interventions" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sound Partners", exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Add an intervention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add an intervention" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Name\b/).fill(name);
  await page.getByLabel(/^Area\b/).selectOption("WRITING");
  await page.getByRole("radio", { name: /^Promising/ }).check();
  await page.getByLabel(/^Source link\b/).fill("https://charts.intensiveintervention.org/chart/academic-intervention-chart/13666");
  await page.getByLabel(/^Minutes per session\b/).fill("30");
  await page.getByLabel(/^Sessions per week\b/).fill("3");
  await page.getByLabel(/^Smallest group\b/).fill("4");
  await page.getByLabel(/^Largest group\b/).fill("2");
  await page.getByLabel(/^Components every session includes\b/).fill("Model the strategy\nGuided practice\nIndependent writing");
  await page.getByRole("checkbox", { name: /^Written expression/ }).check();
  await page.getByRole("button", { name: "Add intervention" }).click();

  // No tier chosen and the group sizes the wrong way round: refused, with the typed values kept.
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(page.getByText("Choose at least one tier the intervention suits.")).toBeVisible();
  await expect(page.getByText("The largest group size cannot be smaller than the smallest.")).toBeVisible();
  await expect(page.getByLabel(/^Name\b/)).toHaveValue(name);
  await expect(page.getByLabel(/^Components every session includes\b/)).toHaveValue("Model the strategy\nGuided practice\nIndependent writing");
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("checkbox", { name: /^Tier 2/ }).check();
  await page.getByLabel(/^Largest group\b/).fill("6");
  await page.getByRole("button", { name: "Add intervention" }).click();
  await expect(page).toHaveURL(/\/interventions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.getByRole("link", { name: "All interventions" }).click();
  await page.getByLabel(/^Area\b/).selectOption("WRITING");
  await page.getByLabel(/^Tier\b/).selectOption("TIER_2");
  await page.getByLabel(/^Evidence level\b/).selectOption("PROMISING");
  await page.getByRole("button", { name: "Show interventions" }).click();
  await expect(page).toHaveURL(/area=WRITING/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row).toContainText("30 min × 3 a week, groups of 4–6");
  await expect(page.getByRole("link", { name: "Sound Partners", exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const components = page.getByRole("region", { name: "Components every session includes", exact: true });
  await expect(components.getByRole("listitem")).toHaveText(["Model the strategy", "Guided practice", "Independent writing"]);
  await expect(page.getByRole("region", { name: "Measures that fit it", exact: true })).toContainText("Written expression");
  await expect(page.getByRole("region", { name: "About", exact: true })).toContainText("Promising");
  await expect(page.getByRole("button", { name: "Retire intervention" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a specialist reads the library but cannot change it; an assistant has no library", async ({ page, browser }) => {
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interventions" }).click();
  await expect(page.getByRole("link", { name: "Add an intervention" })).toHaveCount(0);
  await page.getByRole("link", { name: "Number Rockets", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Number Rockets" })).toBeVisible();
  await expect(page.getByRole("region", { name: "About", exact: true })).toContainText("Strong");
  await expect(page.getByRole("link", { name: "Edit intervention" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retire intervention" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const assistant = await (await browser.newContext()).newPage();
  await signIn(assistant, ASSISTANT, DEMO_PASSWORD);
  await expect(assistant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interventions" })).toHaveCount(0);
  const response = await assistant.goto("/interventions");
  expect(response?.status()).toBe(404);
  await expectNoSeriousA11yViolations(assistant);
  await assistant.context().close();
});
