import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, mainMenuLink, PHONE_WIDTH, signIn } from "./support";

const COORDINATOR = "coordinator@maplevalley.example";
const REASON = "Not closing the gap: add a session a week";

test("a coordinator builds a meeting from the needs-review list, changes a plan (a new phase on the graph), adds an action item, and the recap lists both", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await (await mainMenuLink(page, "Meetings")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meetings");
  // The demo's past meetings left an overdue action item for the coordinator's school.
  await expect(page.getByRole("region", { name: "Overdue action items" })).toContainText("Find a Tier 3 slot in the schedule");
  await expectNoSeriousA11yViolations(page);

  // Schedule today's meeting (the coordinator's one school is chosen already).
  await page.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Problem-solving meeting, /);
  await expectNoSeriousA11yViolations(page);

  // The agenda, from the goals that need review: one student who is not in another journey's story.
  const review = page.getByRole("group", { name: "Goals that need review" });
  const option = review.locator("label").filter({ hasNotText: /Maya|Leonie/ }).first();
  const label = (await option.textContent())?.trim() ?? "";
  await option.getByRole("checkbox").check();
  await page.getByRole("form", { name: "Goals that need review" }).getByRole("button", { name: "Add to the agenda" }).click();
  const agenda = page.getByRole("region", { name: "Agenda" }).getByRole("listitem").first().getByRole("link");
  await expect(agenda).toBeVisible();
  const name = (await agenda.textContent())!.trim();
  expect(label).toContain(name.split(" ").at(-1)!);
  await agenda.click();

  // The student's turn: graph, decision support and dosage on one screen.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("img", { name: /^Progress graph of / }).first()).toBeVisible();
  await expect(page.getByTestId("recommendation").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Change the plan: a session a week more.
  await page.locator("summary").filter({ hasText: /^Change / }).first().click();
  const sessions = page.getByLabel(/^Sessions a week/).first();
  const before = Number(await sessions.inputValue());
  await sessions.fill(String(Math.min(before + 1, 7)));
  await page.getByLabel(/^What changes and why/).first().fill(REASON);
  await page.getByRole("button", { name: /^Confirm: change / }).first().click();
  await expect(page.getByText(/Applied: .* moves to .*\(was \d+ sessions? a week\)/)).toBeVisible();

  // The plan has a new phase, drawn as a phase line on the goal graph and listed under it.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: `: ${REASON}` }).first()).toContainText(/Phase \d+: /);
  await expect(page.getByRole("img", { name: /^Progress graph of / }).first()).toHaveAccessibleName(/plan changes? on/);

  // An action item: an owner and a due date not before the meeting.
  const items = page.getByRole("region", { name: "Action items" });
  await items.getByLabel(/^What is to be done/).fill("Send the family the new schedule");
  await items.getByLabel(/^Owner/).selectOption({ index: 1 });
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await items.getByLabel(/^Due/).fill(due);
  await items.getByRole("button", { name: "Add the action item" }).click();
  await expect(items.getByText(/Send the family the new schedule, by /)).toBeVisible();

  // Phones: the turn fits 360 px.
  await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
  await expectNoHorizontalOverflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The recap for this student, written from the decisions.
  await page.getByRole("link", { name: "Recap for this student" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Recap: problem-solving meeting of /);
  const recap = page.getByRole("region", { name });
  await expect(recap).toContainText(/moves to .* sessions? a week .*\(was \d+ sessions? a week\)/);
  await expect(recap).toContainText("Send the family the new schedule");
  await expectNoSeriousA11yViolations(page);
});
