import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, mainMenuLink, PHONE, signIn } from "./support";

// A classroom teacher (issue 17, decision 020) on a 360 px phone: Pat Kim
// sees her homeroom (prisma/seed/classes.ts) and nothing else, opens a student
// of her class and is refused one of another school, rates the day's report
// card of her student (the card the rating screen lists last: e2e/cico.spec.ts
// rates the first), and corrects a fall screening score in her class's grid
// (e2e/screening.spec.ts touches only winter scores).
test.use(PHONE);

const TEACHER = "teacher@maplevalley.example";

async function expectPhoneFit(page: Page) {
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
}

test("a teacher sees only her class, rates a card and enters a screening score in the class grid", async ({ page }) => {
  test.slow();
  await signIn(page, TEACHER, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Pat Kim");
  const homeClasses = page.getByRole("table", { name: "Classes you teach" });
  await expect(homeClasses.getByRole("row")).toHaveCount(2);
  await expectPhoneFit(page);

  // My classes -> the roster.
  await (await mainMenuLink(page, "My classes")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My classes");
  await expectPhoneFit(page);
  await page.getByRole("table", { name: "Classes you teach" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("homeroom");
  const roster = page.getByRole("list", { name: "Students of the class" });
  await expect(roster.getByRole("listitem").first()).toContainText("Accommodations");
  await expect(roster.getByText("On a daily report card").first()).toBeVisible();
  await expectPhoneFit(page);

  // A student of her class opens; one of another school does not exist for her.
  const first = roster.locator("h3 a").first();
  const name = (await first.textContent())!;
  const [last] = name.split(",");
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(last!.trim());
  await expectPhoneFit(page);
  const refused = await page.goto(`/students/${DEMO_STUDENTS.noah.id}`);
  expect(refused?.status()).toBe(404);
  await expect(page.getByText(DEMO_STUDENTS.noah.last)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  for (const path of ["/students", "/plans", "/screening", "/screening/grid"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }

  // Today's report card of her student.
  await page.goto("/");
  await (await mainMenuLink(page, "Report cards")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Daily report cards");
  const card = page.getByRole("region").filter({ has: page.getByRole("link", { name: /^Open the card/ }) }).last();
  const percent = card.locator("p[aria-live]");
  await expect(percent).toHaveText("No periods rated yet. Daily goal 80%.");
  await card.getByRole("button", { name: /^All met \(2\), / }).first().click();
  await expect(percent).toHaveText(/^So far: 100% /);
  await expectPhoneFit(page);

  // The class grid: the fall window (the last closed), one score corrected.
  await page.goto("/");
  await page.getByRole("link", { name: "Enter screening scores" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter screening scores by class");
  await expectPhoneFit(page);
  await page.getByRole("table", { name: "Classes you teach" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Screening scores:");
  const input = page.getByRole("table").getByRole("textbox").first();
  const was = await input.inputValue();
  const next = was === "" ? "50" : String(Number(was) > 0 ? Number(was) - 1 : Number(was) + 1);
  await input.fill(next);
  await page.getByRole("button", { name: "Save scores" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("1 score saved");
  await expect(page.getByRole("table").getByRole("textbox").first()).toHaveValue(next);
  await expectPhoneFit(page);
});
