import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_PLANLESS_STUDENT } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn, openRecordSection } from "./support";

const SPECIALIST = "specialist@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";

const daysFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

test("a specialist writes a plan with a goal, the coordinator approves it from their home, the assistant sees it on theirs", async ({ page, browser }) => {
  test.slow();
  // The specialist opens a caseload student who has no plan yet (found by local id: names stay out of URLs).
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(DEMO_PLANLESS_STUDENT.localId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const studentLink = page.getByRole("row").filter({ hasText: DEMO_PLANLESS_STUDENT.localId }).getByRole("link");
  const listName = (await studentLink.textContent())!.trim();
  await studentLink.click();
  await openRecordSection(page, "Plans");
  const plans = page.getByRole("region", { name: "Plans", exact: true });
  await expect(plans).toContainText("No current plans.");
  await expectNoSeriousA11yViolations(page);

  await plans.getByRole("link", { name: "New plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New plan" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: new RegExp(DEMO_PLANLESS_STUDENT.localId) })).toBeChecked();
  await page.getByLabel(/^Area\b/).selectOption("READING");
  await page.getByLabel(/^From the library\b/).selectOption({ label: "Read Naturally" });
  // The intervention's recommended dosage fills the blank fields.
  await expect(page.getByLabel(/^Minutes per session\b/)).toHaveValue("30");
  await expect(page.getByLabel(/^Sessions per week\b/)).toHaveValue("5");
  await page.getByLabel(/^Sessions per week\b/).fill("4");
  await page.getByRole("checkbox", { name: "Jordan Lee (Assistant)" }).check();
  for (const day of ["Monday", "Tuesday", "Thursday", "Friday"]) await page.getByRole("checkbox", { name: day, exact: true }).check();
  await page.getByLabel(/^Start time\b/).fill("10:15");
  await page.getByLabel(/^Notes\b/).fill("Fluency work after the winter break.");
  await page.getByRole("button", { name: "Create draft plan" }).click();
  // Forgot the review date: told so, and nothing typed is lost.
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(page.getByLabel(/^Review date\b/)).toHaveAccessibleDescription(/Enter the review date\./);
  await expect(page.getByLabel(/^From the library\b/)).toHaveValue(/.+/);
  await expect(page.getByRole("checkbox", { name: "Jordan Lee (Assistant)" })).toBeChecked();
  await expect(page.getByLabel(/^Sessions per week\b/)).toHaveValue("4");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^Review date\b/).fill(daysFromToday(70));
  await page.getByRole("button", { name: "Create draft plan" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Reading plan: Read Naturally" })).toBeVisible();
  await expect(page.getByText("Draft: not yet submitted for approval.")).toBeVisible();
  expect(page.url()).toMatch(/\/plans\/[0-9a-f-]{36}$/);
  const planUrl = new URL(page.url()).pathname;
  await expectNoSeriousA11yViolations(page);

  // The goal: ORF from the median of three baseline probes.
  const goals = page.getByRole("region", { name: "Goals", exact: true });
  await goals.getByLabel(/^Measure\b/).selectOption({ label: "ORF words correct per minute (WCPM)" });
  for (const [row, score, ago] of [[1, "38", 3], [2, "45", 2], [3, "41", 1]] as const) {
    await goals.getByLabel(`Probe ${row} score`).fill(score);
    await goals.getByLabel(`Probe ${row} date`).fill(daysFromToday(-ago));
  }
  await goals.getByLabel(/^Target score\b/).fill("72");
  await goals.getByLabel(/^Target date\b/).fill(daysFromToday(98));
  await goals.getByRole("button", { name: "Add goal" }).click();
  await expect(goals.getByText(/will read 72 words correct per minute \(from 41\)/).first()).toBeVisible();

  // Editing the goal happens on its own page, then back to the plan.
  await goals.getByRole("link", { name: /^Edit goal/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit goal" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^Target score\b/).fill("75");
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();
  await page.getByRole("link", { name: "Back to the plan" }).click();
  await expect(goals.getByText(/will read 75 words correct per minute \(from 41\)/).first()).toBeVisible();

  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByRole("region", { name: "Approval", exact: true }).getByRole("status")).toHaveText("Submitted for approval.");
  await expect(page.getByText(/Draft, submitted for approval on/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The coordinator approves it from their home.
  const coordinator = await signedIn(browser, COORDINATOR);
  const awaiting = coordinator.getByRole("region", { name: /^Plans awaiting approval \(/ });
  await expect(awaiting).toBeVisible();
  await expectNoSeriousA11yViolations(coordinator);
  await awaiting.getByRole("link", { name: listName, exact: true }).click();
  await expect(coordinator).toHaveURL(new RegExp(`${planUrl}$`));
  await expect(coordinator.getByRole("region", { name: "Goals", exact: true })).toContainText("75 words correct per minute (from 41)");
  await expectNoSeriousA11yViolations(coordinator);
  // The demo student may be outside the intervention's grades (issue 13): the coordinator then says why the team approves it.
  const fitReason = coordinator.getByLabel(/^Why approve it though it does not fit the intervention/);
  if (await fitReason.count()) await fitReason.fill("The team chose it for her fluency needs; reviewed at the next data meeting.");
  await coordinator.getByRole("button", { name: "Approve plan" }).click();
  await expect(coordinator.getByRole("region", { name: "Approval", exact: true }).getByRole("status")).toHaveText("Approved: the plan is active.");
  await expect(coordinator.getByText(/Active: approved by Casey Morgan on/)).toBeVisible();
  await expectNoSeriousA11yViolations(coordinator);
  await coordinator.context().close();

  // The assistant who delivers it finds it on their home and opens it: what to deliver, nothing more.
  const assistant = await signedIn(browser, ASSISTANT);
  // The demo year gives Jordan more plans than the home lists by name (10): the new one is counted there and opens from its address.
  await expect(assistant.getByRole("heading", { name: /^Plans you deliver \(\d+\)/ })).toBeVisible();
  await expectNoSeriousA11yViolations(assistant);
  await assistant.goto(planUrl);
  await expect(assistant.getByRole("heading", { level: 1, name: "Reading plan: Read Naturally" })).toBeVisible();
  await expect(assistant.getByRole("region", { name: "What every session includes", exact: true }).getByRole("listitem").first()).toBeVisible();
  await expect(assistant.getByRole("region", { name: "Goals", exact: true })).toContainText("(from 41)");
  await expect(assistant.getByRole("link", { name: "Edit plan" })).toHaveCount(0);
  await expect(assistant.getByRole("region", { name: "Approval", exact: true })).toHaveCount(0);
  await expect(assistant.getByRole("region", { name: "End the plan", exact: true })).toHaveCount(0);
  await expect(assistant.getByRole("region", { name: "History", exact: true })).toHaveCount(0);
  await expect(assistant.getByText("Fluency work after the winter break.")).toHaveCount(0);
  await expectNoSeriousA11yViolations(assistant);
  await assistant.context().close();

  // Back to the specialist: a change of dosage to the active plan is a dated phase, with what changed and why.
  await page.goto(planUrl);
  await page.getByRole("link", { name: "Edit plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit reading plan" })).toBeVisible();
  await page.getByLabel(/^Sessions per week\b/).fill("5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel(/^What changed and why\b/)).toHaveAccessibleDescription(/Say what changed and why/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^What changed and why\b/).fill("Slow start: a fifth session a week.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const phases = page.getByRole("table", { name: "Phases of the plan" });
  await expect(phases.getByRole("row")).toHaveCount(3);
  await expect(phases.getByRole("row").nth(2)).toContainText("30 min × 5 a week, individual");
  await expect(phases.getByRole("row").nth(2)).toContainText("Slow start: a fifth session a week.");
  await expectNoSeriousA11yViolations(page);

  // The plans list, filtered on the server.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plans" }).click();
  await page.getByLabel(/^Status\b/).selectOption("ACTIVE");
  await page.getByLabel(/^Area\b/).selectOption("READING");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/status=ACTIVE&area=READING/);
  // The demo year fills more than a page of active reading plans (ordered by review date), so the rows are checked, not the new plan.
  const listed = page.getByRole("table", { name: "Plans" });
  await expect(listed.getByRole("row").nth(1)).toContainText("Reading");
  await expect(listed.getByRole("row").nth(1)).toContainText("Active");
  await expect(listed).not.toContainText("Draft");
  await expect(listed).not.toContainText("Math");
  await expectNoSeriousA11yViolations(page);
});
