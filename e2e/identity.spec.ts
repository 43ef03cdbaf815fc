// Issue 20, parts 1 and 2 (decision 025): a person changes their password and
// their other browser is signed out; "Where you are signed in" lists sessions
// and ends one; an administrator resets a password to a one-time temporary
// one that must be changed at the next sign-in. Accounts no other spec signs
// in with, since their passwords change here.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, PHONE, signIn } from "./support";

const MORGAN = "coordinator.middle@maplevalley.example";
const TAYLOR = "coordinator.high@maplevalley.example";
const NEW_PASSWORD = "copper kettles by the window";

/** Signs in and waits longer than the shared helper: argon2id on a loaded machine. */
async function signInAs(page: Page, email: string, password: string) {
  await signIn(page, email, password, { expectSuccess: false });
  await expect(page).not.toHaveURL(/\/sign-in(\?|#|$)/, { timeout: 30_000 });
}

/** Whether the page is signed out: /account sends it to sign in. */
async function expectSignedOut(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in$/);
}

test("a person sees where they are signed in, signs one browser out, then changes their password and the other browser is signed out", async ({ browser }) => {
  test.slow();
  const desk = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext(PHONE)).newPage();
  await signInAs(desk, MORGAN, DEMO_PASSWORD);
  await signInAs(phone, MORGAN, DEMO_PASSWORD);

  await phone.goto("/account");
  await phone.getByRole("link", { name: "Password and sessions" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Password and sessions" })).toBeVisible();
  const sessions = phone.getByRole("region", { name: "Where you are signed in" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This browser" })).toHaveCount(1);
  await expect(sessions.first()).toContainText(/IP address \S+/);
  await expectNoHorizontalOverflow(phone);
  await expectNoSeriousA11yViolations(phone);

  // Sign the desk out from the phone.
  await sessions.filter({ hasNotText: "This browser" }).getByRole("button", { name: /^Sign out of / }).click();
  await expect(phone.getByRole("status")).toContainText("That session was signed out.");
  await expect(sessions).toHaveCount(1);
  await expectSignedOut(desk);

  // Back at the desk; the phone changes the password.
  await signInAs(desk, MORGAN, DEMO_PASSWORD);
  await phone.reload();
  await phone.getByLabel(/^Current password/).fill(DEMO_PASSWORD);
  await phone.getByLabel(/^New password \(/).fill("password1234");
  await phone.getByLabel(/^New password again/).fill("password1234");
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByText(/common or breached passwords/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(phone);
  await phone.getByLabel(/^Current password/).fill(DEMO_PASSWORD);
  await phone.getByLabel(/^New password \(/).fill(NEW_PASSWORD);
  await phone.getByLabel(/^New password again/).fill(NEW_PASSWORD);
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByRole("status")).toContainText("Your password was changed.");
  await expect(phone.getByRole("status")).toContainText("Your 1 other session was signed out.");
  await expectSignedOut(desk);
  await signIn(desk, MORGAN, DEMO_PASSWORD, { expectSuccess: false });
  await expect(desk.getByText("The email or password is not right.")).toBeVisible({ timeout: 30_000 });
  await signInAs(desk, MORGAN, NEW_PASSWORD);
});

test("an administrator resets a password; the temporary one works once and must be changed", async ({ page, browser }) => {
  test.slow();
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.goto("/admin/staff");
  await page.getByRole("link", { name: "Taylor Nguyen" }).click();
  const reset = page.getByRole("region", { name: "Reset password" });
  await reset.getByRole("button", { name: "Reset password" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("was reset and they were signed out everywhere");
  const temporary = /temporary password in person or by phone: ([a-z0-9-]+)/.exec((await status.textContent()) ?? "")?.[1];
  expect(temporary).toBeTruthy();
  await expectNoSeriousA11yViolations(page);

  const taylor = await (await browser.newContext(PHONE)).newPage();
  await signIn(taylor, TAYLOR, temporary!, { expectSuccess: false });
  await expect(taylor).toHaveURL(/\/change-password$/, { timeout: 30_000 });
  await expect(taylor.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  // Nothing else opens meanwhile.
  await taylor.goto("/");
  await expect(taylor).toHaveURL(/\/change-password$/);
  await expectNoHorizontalOverflow(taylor);
  await expectNoSeriousA11yViolations(taylor);
  await taylor.getByLabel(/^New password \(/).fill(NEW_PASSWORD);
  await taylor.getByLabel(/^New password again/).fill(NEW_PASSWORD);
  await taylor.getByRole("button", { name: "Set my password" }).click();
  await expect(taylor).toHaveURL(/\/$/);

  // The temporary password was used: a second sign-in with it is refused.
  const again = await (await browser.newContext()).newPage();
  await signIn(again, TAYLOR, temporary!, { expectSuccess: false });
  await expect(again.getByText("The email or password is not right.")).toBeVisible({ timeout: 30_000 });
});

test("the district's session limits are on the settings page", async ({ page }) => {
  await signIn(page, "admin@riverbend.example", DEMO_PASSWORD);
  await page.goto("/admin/settings");
  const limits = page.getByRole("region", { name: "Signing in: session limits" });
  await expect(limits.getByLabel(/^Idle timeout/)).toHaveValue("120");
  await expect(limits.getByLabel(/^Absolute lifetime/)).toHaveValue("72");
  await limits.getByLabel(/^Idle timeout/).fill("2000");
  await limits.getByRole("button", { name: "Save session limits" }).click();
  await expect(limits.getByText("Enter a whole number from 5 to 1440.").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
