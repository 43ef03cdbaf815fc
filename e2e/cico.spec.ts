import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, PHONE, signIn } from "./support";

// Daily behaviour report cards (issue 15) on a 360 px phone: the specialist
// who delivers two demo students' Check-In/Check-Out plans rates a day of a
// card, period by period, and the goal graph shows the day's percentage; a
// coordinator starts a card for a student on another behaviour plan.
test.use(PHONE);

const SPECIALIST = "specialist@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
/** A Maple Valley Elementary student on a Good Behavior Game plan and no card (demo ids are the local id's number in hex). */
const QUINN = { id: `5d000000-0000-4000-8000-${(100169).toString(16).padStart(12, "0")}`, name: "Quinn Lopez" };

/** "Dec 5, 2026": the district's today (America/Chicago) as the app's tables write a day. */
const todayMedium = () => new Date().toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "America/Chicago" });

async function expectPhoneFit(page: Page) {
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
}

test("staff rate a day of a CICO card on a phone, and the goal graph shows the day's percentage", async ({ page }) => {
  test.slow();
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto("/behavior/cards");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Daily report cards");
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("2 cards to rate.");
  await expectPhoneFit(page);

  const card = page.getByRole("region").filter({ has: page.getByRole("link", { name: /^Open the card/ }) }).first();
  const percent = card.locator("p[aria-live]");
  await expect(percent).toHaveText("No periods rated yet. Daily goal 80%.");

  // Two taps for a usual period: the first is open already; "All met".
  await card.getByRole("button", { name: "All met (2), Morning meeting" }).click();
  await expect(percent).toHaveText("So far: 100% (6 of 6 points; goal 80%).");
  // The next period opens by itself.
  await card.getByRole("button", { name: "All met (2), Reading" }).click();
  await expect(percent).toHaveText("So far: 100% (12 of 12 points; goal 80%).");

  // A correction: Reading, "Be safe" was a 1.
  await card.locator("summary", { hasText: "Reading" }).click();
  const reading = card.getByRole("form", { name: /^Reading,/ });
  await reading.getByRole("group", { name: /^Be safe/ }).getByRole("button", { name: "1" }).click();
  await expect(percent).toHaveText("So far: 92% (11 of 12 points; goal 80%).");
  await expect(reading.getByRole("group", { name: /^Be safe/ }).getByRole("button", { name: "1" })).toHaveAttribute("aria-pressed", "true");

  // Math, one expectation at a time.
  const math = card.getByRole("form", { name: /^Math,/ });
  await math.getByRole("group", { name: /^Be safe/ }).getByRole("button", { name: "0" }).click();
  await expect(percent).toHaveText("So far: 79% (11 of 14 points; goal 80%).");
  await math.getByRole("group", { name: /^Be respectful/ }).getByRole("button", { name: "1" }).click();
  await expect(percent).toHaveText("So far: 75% (12 of 16 points; goal 80%).");
  await math.getByRole("group", { name: /^Be responsible/ }).getByRole("button", { name: "2" }).click();
  await expect(percent).toHaveText("So far: 78% (14 of 18 points; goal 80%).");

  await card.getByRole("button", { name: "Check in" }).click();
  await expect(card.getByRole("button", { name: "✓ Checked in" })).toHaveAttribute("aria-pressed", "true");
  await expectPhoneFit(page);

  // The card's page: the day in its recent days, the rules.
  await card.getByRole("link", { name: /^Open the card/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Daily report card:");
  const days = page.getByRole("table", { name: "The card's recent days" });
  await expect(days.getByRole("row").filter({ hasText: todayMedium() })).toContainText("14 of 18");
  await expect(days.getByRole("row").filter({ hasText: todayMedium() })).toContainText("78%");
  await expect(page.getByRole("region", { name: "What the days say", exact: true })).toContainText("Below the daily goal on 3 of the last 5 days");
  await expectPhoneFit(page);

  // The goal graph: today's percentage is a probe of the plan's goal.
  await page.getByRole("link", { name: /^Goal graph/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CICO percent of points earned");
  const probes = page.getByRole("table", { name: /^Probes of this goal/ });
  await expect(probes.getByRole("row").filter({ hasText: todayMedium() })).toContainText("78");
  await expectPhoneFit(page);
});

test("a coordinator starts a card from the student's behaviour section; a bad setup is refused beside its field", async ({ page }) => {
  test.slow();
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto(`/students/${QUINN.id}?section=behavior`);
  const behaviour = page.getByRole("region", { name: "Behaviour", exact: true });
  await behaviour.getByRole("link", { name: "Start a daily report card" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start a daily report card");
  await expectPhoneFit(page);

  // Two expectations are too few.
  await page.getByLabel("Expectation 3").fill("");
  await page.getByLabel(/^Baseline\b/).fill("45");
  await page.getByRole("button", { name: "Start the card" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(page.getByText("A card has 3 to 5 expectations; this one has 2.")).toBeVisible();
  await expectPhoneFit(page);

  await page.getByLabel("Expectation 3").fill("Be a good friend");
  await page.getByRole("button", { name: "Start the card" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Daily report card: ${QUINN.name}`);
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Card started.");
  await expect(page.getByRole("region", { name: "Setup", exact: true })).toContainText("Be safe, Be respectful, Be a good friend");
  await expectPhoneFit(page);

  await page.goto(`/students/${QUINN.id}?section=behavior`);
  await expect(page.getByRole("region", { name: "Behaviour", exact: true })).toContainText("Daily goal 80%");
  await expectPhoneFit(page);
});
