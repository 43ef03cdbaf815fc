import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { startProvider, type TestProvider } from "../tests/support/oidc";
import { expectNoSeriousA11yViolations, signIn } from "./support";

// Single sign-on (issue 20, decision 034): an administrator configures the
// district's provider (a real OpenID Connect provider, oidc-provider, started
// here on 127.0.0.1) and a coordinator signs in through it. The provider's
// login and consent answer at once for the account named in nextAccount.
const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";

let idp: TestProvider;

test.beforeAll(async ({ baseURL }) => {
  idp = await startProvider({ appOrigin: baseURL! });
});
test.afterAll(async () => {
  await idp?.close();
});

test("an administrator configures single sign-on for the district's provider and a coordinator signs in through it", async ({ page, browser }) => {
  test.slow();
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/settings");
  const sso = page.getByRole("region", { name: "Signing in: single sign-on" });
  await expect(sso.getByText("/api/auth/sso/callback/oidc")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // An issuer nobody answers at: a clear message, nothing saved.
  await sso.getByLabel(/^Provider name/).fill("Maple Valley Accounts");
  await sso.getByLabel(/^Issuer URL/).fill("http://127.0.0.1:9");
  await sso.getByLabel(/^Client id/).fill(idp.clientId);
  await sso.getByLabel(/^Client secret/).fill(idp.clientSecret);
  await sso.getByLabel(/^Allowed email domains/).fill("maplevalley.example");
  await sso.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(sso.getByText(/The issuer could not be reached/)).toBeVisible();
  // What was sent stays as it was, password sign-in included (other journeys sign in to Maple Valley with passwords meanwhile).
  await expect(sso.getByLabel(/may still sign in with a password/i)).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  try {
    await sso.getByLabel(/^Issuer URL/).fill(idp.issuer);
    await sso.getByLabel(/^Client secret/).fill(idp.clientSecret);
    await sso.getByRole("button", { name: "Save single sign-on" }).click();
    await expect(sso.getByRole("status")).toContainText("Single sign-on was saved");
    await expect(sso.getByLabel(/^Issuer URL/)).toHaveValue(idp.issuer);
    await expect(sso.getByLabel(/^Client secret/)).toHaveValue("");
    await expectNoSeriousA11yViolations(page);

    // The coordinator, in a browser of their own, signs in with their work email.
    const context = await browser.newContext();
    const coordinator = await context.newPage();
    idp.accounts.set("coordinator-at-idp", { email: COORDINATOR, email_verified: true });
    idp.nextAccount.id = "coordinator-at-idp";
    await coordinator.goto("/sign-in");
    await expectNoSeriousA11yViolations(coordinator);
    await coordinator.getByLabel(/^Work email/).fill(COORDINATOR);
    await coordinator.getByRole("button", { name: "Sign in with single sign-on" }).click();
    await expect(coordinator).not.toHaveURL(/\/sign-in/);
    await expect(coordinator.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);
    await coordinator.goto("/account/security");
    await expect(coordinator.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);

    // Someone the provider knows but the district does not: refused with a clear message.
    await context.clearCookies();
    idp.accounts.set("stranger-at-idp", { email: "stranger@maplevalley.example", email_verified: true });
    idp.nextAccount.id = "stranger-at-idp";
    await coordinator.goto("/sign-in");
    await coordinator.getByLabel(/^Work email/).fill("stranger@maplevalley.example");
    await coordinator.getByRole("button", { name: "Sign in with single sign-on" }).click();
    await expect(coordinator).toHaveURL(/\/sign-in\?sso=unknown/);
    await expect(coordinator.getByRole("alert").filter({ hasText: "No staff account in this district matches" })).toBeVisible();
    await expectNoSeriousA11yViolations(coordinator);
    await context.close();

  } finally {
    // Other journeys sign in to Maple Valley with passwords: the district goes back to how the demo has it, also after a failure.
    await page.goto("/admin/settings");
    await page.getByRole("button", { name: "Remove single sign-on" }).click();
    await expect(page.getByText("Single sign-on was removed")).toBeVisible();
  }
});
