// Checks the Playwright set-up itself (web server, browser, axe helper).
// Remove once the role journeys cover /sign-in.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

test("the sign-in page renders and passes axe", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
