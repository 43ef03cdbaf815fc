import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

// Behaviour support (issue 15) on a phone-sized screen: an assistant records
// an incident; a specialist links ABC records to an FBA, completes it and
// writes a BIP, which the assistant then sees on the student.
test.use({ viewport: { width: 360, height: 740 } });

const ASSISTANT = "assistant@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const maya = DEMO_STUDENTS.maya;
const RUN = Date.now().toString(36);

const yesterday = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

async function expectPhoneFit(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
}

test("an assistant records an incident on a phone; a missing behaviour is refused beside its field", async ({ page }) => {
  await signIn(page, ASSISTANT, DEMO_PASSWORD);
  await page.goto(`/students/${maya.id}?section=behavior`);
  const section = page.getByRole("region", { name: "Behaviour", exact: true });
  await expectPhoneFit(page);
  await section.getByRole("link", { name: "Record an incident" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record an incident");
  await expect(page.getByRole("checkbox", { name: `${maya.first} ${maya.last}` })).toBeChecked();
  await page.getByLabel(/^Time\b/).fill("12:35");
  await page.getByLabel(/^Location\b/).selectOption({ label: "Cafeteria" });
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(page.getByLabel(/^Problem behaviour\b/)).toHaveAccessibleDescription(/Choose the problem behaviour\./);
  await expectPhoneFit(page);

  await page.getByLabel(/^Problem behaviour\b/).selectOption({ label: "Disruption" });
  await page.getByLabel(/^Perceived motivation\b/).selectOption({ label: "Obtain peer attention" });
  await page.getByRole("checkbox", { name: "Peers" }).check();
  await page.getByLabel(/^Action taken\b/).selectOption({ label: "Conference with student" });
  await page.getByLabel(/^Notes\b/).fill(`Threw food at the next table (${RUN}).`);
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page.getByRole("status")).toHaveText("Incident recorded.");
  await expectPhoneFit(page);

  await page.goto(`/students/${maya.id}?section=behavior`);
  const list = page.getByRole("table", { name: "The student's incidents, newest first" });
  await expect(list.getByRole("row").filter({ hasText: "Disruption" }).filter({ hasText: "Cafeteria" }).first()).toBeVisible();
  await list.getByRole("row").filter({ hasText: "12:35" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Incident:");
  await expect(page.getByText(`Threw food at the next table (${RUN}).`).first()).toBeVisible();
  await expectPhoneFit(page);
});

test("a specialist links ABC records to an FBA, completes it and writes a BIP; the assistant sees the BIP, not the FBA", async ({ page, browser }) => {
  test.slow();
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto(`/behavior/abc/new?student=${maya.id}`);
  await page.getByLabel(/^Time\b/).fill("13:10");
  await page.getByLabel(/^Setting\b/).fill(`Writing block ${RUN}`);
  await page.getByLabel(/^Antecedent: just before\b/).selectOption({ label: "Task or demand given" });
  await page.getByLabel(/^Behaviour: what the student did\b/).fill("Put her head down and pushed the paper away");
  await page.getByLabel(/^Consequence: right after\b/).selectOption({ label: "Task removed, delayed or reduced" });
  await page.getByLabel(/^Intensity\b/).selectOption("2");
  await page.getByRole("button", { name: "Save ABC record" }).click();
  await expect(page.getByRole("status")).toHaveText("ABC record saved.");
  await expectPhoneFit(page);

  await page.goto(`/students/${maya.id}?section=behavior`);
  await page.getByRole("region", { name: "Behaviour", exact: true }).getByRole("link", { name: "Start an FBA" }).click();
  await page.getByLabel(/^Target behaviour\b/).fill(`Puts her head down and refuses written work (${RUN})`);
  await page.getByRole("button", { name: "Start FBA" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("FBA:");
  await expectPhoneFit(page);

  await page.getByRole("checkbox", { name: new RegExp(`Writing block ${RUN}`) }).check();
  await page.getByRole("radio", { name: "Escape or avoid a task or activity" }).check();
  await page.getByLabel(/^Hypothesis statement\b/).fill("When asked to write, Maya puts her head down in order to escape the writing task.");
  await page.getByLabel(/^Team\b/).fill("Sam Patel, class teacher, Jordan Lee");
  await page.getByRole("checkbox", { name: /The FBA is complete/ }).check();
  await page.getByLabel(/^Date completed\b/).fill(yesterday());
  await page.getByRole("button", { name: "Save FBA" }).click();
  await expect(page.getByRole("status")).toHaveText("FBA completed. You can now write a BIP from it.");
  await page.reload();
  const summary = page.getByRole("region", { name: "What the linked data say", exact: true });
  await expect(summary.getByRole("table", { name: "Antecedents" })).toContainText("Task or demand given");
  await expectPhoneFit(page);

  await page.getByRole("link", { name: "Write a BIP from this FBA" }).click();
  await page.getByLabel(/^Replacement behaviour\b/).fill(`Asks for a break with the card (${RUN})`);
  await page.getByLabel(/^Prevention strategies\b/).fill("Short writing chunks; sentence starters");
  await page.getByLabel(/^What to teach\b/).fill("The break card, practised daily");
  await page.getByLabel(/^Reinforcement\b/).fill("A sticker per finished chunk");
  await page.getByLabel(/^How to respond to the behaviour\b/).fill("Quiet prompt to the break card");
  await page.getByLabel(/^Review date\b/).fill("2027-03-01");
  await page.getByLabel(/^Who implements it\b/).fill("Class teacher and Jordan Lee");
  await page.getByRole("button", { name: "Save BIP" }).click();
  // No crisis steps: refused beside the field.
  await expect(page.getByLabel(/^Crisis or safety plan: steps\b/)).toHaveAccessibleDescription(/A crisis or safety plan needs at least one step/);
  await expectPhoneFit(page);
  await page.getByLabel(/^Crisis or safety plan: steps\b/).fill(`Move the group away\nCall the office (${RUN})`);
  await page.getByRole("button", { name: "Save BIP" }).click();
  await expect(page).toHaveURL(new RegExp(`/students/${maya.id}`));
  await expect(page.getByRole("heading", { name: /^Behaviour intervention plan \(version \d+/ })).toBeVisible();

  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const assistantPage = await context.newPage();
  await signIn(assistantPage, ASSISTANT, DEMO_PASSWORD);
  await assistantPage.goto(`/students/${maya.id}?section=behavior`);
  const section = assistantPage.getByRole("region", { name: "Behaviour", exact: true });
  await expect(section).toContainText(`Asks for a break with the card (${RUN})`);
  await expect(section.getByRole("listitem").filter({ hasText: `Call the office (${RUN})` })).toBeVisible();
  await expect(section).not.toContainText("Functional behaviour assessments");
  await expect(section).not.toContainText("in order to escape the writing task");
  await expectPhoneFit(assistantPage);
  await context.close();
});
