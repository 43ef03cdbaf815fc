// Issue 12, defect 1 (decision 009): a district invites someone another
// district already knows; until they accept, it sees only "invited" and the
// name its administrator typed; they answer at their next sign-in, on a phone too.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_DISTRICTS, DEMO_INVITATIONS, DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

const AVERY = DEMO_INVITATIONS[0]!;

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test("Maple Valley invites Riverbend's interventionist, who accepts on a phone at sign-in and then works in Maple Valley", async ({ page, browser }) => {
  // Two people, four pages and five axe scans: a long journey, like the other phone journeys.
  test.slow();
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.goto("/admin/staff");
  const row = page.getByRole("row").filter({ hasText: AVERY.email });
  await expect(row).toContainText(AVERY.invitedName);
  await expect(row).toContainText("Invited (not yet accepted)");
  await expect(row).toContainText(DEMO_SCHOOLS.cedarMiddle.name);
  // An invitation is not a staff member yet: nothing to open.
  await expect(row.getByRole("link")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const avery = await phone.newPage();
  await signIn(avery, AVERY.email, DEMO_PASSWORD);
  await expect(avery).toHaveURL(/\/invitations$/);
  await expect(avery.getByRole("heading", { level: 1, name: "You are invited" })).toBeVisible();
  const card = avery.getByRole("listitem").filter({ has: avery.getByRole("heading", { name: DEMO_DISTRICTS.maple.name }) });
  await expect(card).toContainText("Specialist");
  await expect(card).toContainText(DEMO_SCHOOLS.cedarMiddle.name);
  await expectNoHorizontalScroll(avery);
  await expectNoSeriousA11yViolations(avery);

  await card.getByRole("button", { name: `Accept the invitation of ${DEMO_DISTRICTS.maple.name}` }).click();
  // Now in two districts: Avery chooses where to work.
  await expect(avery).toHaveURL(/\/choose-district$/);
  await expectNoHorizontalScroll(avery);
  await expectNoSeriousA11yViolations(avery);
  await avery.getByRole("button", { name: DEMO_DISTRICTS.maple.name }).click();
  await expect(avery.getByRole("banner")).toContainText(DEMO_DISTRICTS.maple.name);
  await expect(avery.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(avery);
  await expectNoSeriousA11yViolations(avery);
  await phone.close();

  // Accepted: Maple Valley now lists Avery as active staff, under Avery's own name.
  await page.reload();
  const member = page.getByRole("row").filter({ hasText: AVERY.email });
  await expect(member).toContainText("Active");
  await expect(member.getByRole("link", { name: "Avery Santos" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
