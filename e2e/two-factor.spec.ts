// Issue 20, part 3 (decision 033): an administrator sets up two-factor
// authentication (QR code, first code, ten recovery codes shown once), then
// signs in with a code from the app, and once with a recovery code, which
// does not work a second time. The Riverbend administrator stays enrolled for
// the rest of the run: signIn() completes the code step with the secret
// recorded here (e2e/support/totp.ts).
import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, freshTotpCode, PHONE, rememberTotpSecret, signIn } from "./support";

const DANA = "admin@riverbend.example";

test("an administrator enrols in two-factor and signs in with a code, then with a recovery code once", async ({ browser }) => {
  test.slow();
  const page = await (await browser.newContext()).newPage();
  // Through the form (it signs out below).
  await signIn(page, DANA, DEMO_PASSWORD, { fresh: true });
  // Required of administrators: the grace's banner until it is set up.
  const banner = page.getByText(/Your account needs two-factor authentication by/);
  await expect(banner).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Set it up now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Two-factor authentication" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const qr = page.getByRole("img", { name: /QR code/ });
  await expect(qr).toBeVisible();
  await expect(qr.locator("svg")).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  // Nothing of the secret in the address bar.
  expect(page.url()).not.toMatch(/secret|otpauth/i);
  const secret = ((await page.getByText(/^Key:/).textContent()) ?? "").replace(/^Key:/, "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // Bad input gets a clear message; a code from the app turns it on.
  await page.getByLabel(/^Code from the app/).fill("12a456");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText(/has 6 digits and no letters/).first()).toBeVisible();
  // Recorded first: a spec in the other worker may sign in as Dana as soon as it is on.
  rememberTotpSecret(DANA, secret);
  await page.getByLabel(/^Code from the app/).fill(await freshTotpCode(DANA, secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const codes = page.getByRole("status").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.nth(4).textContent())!.trim();
  expect(recovery).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "I saved my recovery codes" }).click();
  await expect(page.getByText(/On since .*You have 10 unused recovery codes/)).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The password alone opens nothing: the code page, on a phone too.
  const phone = await (await browser.newContext(PHONE)).newPage();
  await signIn(phone, DANA, DEMO_PASSWORD, { expectSuccess: false });
  await expect(phone).toHaveURL(/\/two-factor$/, { timeout: 30_000 });
  await expect(phone.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectNoHorizontalOverflow(phone);
  await expectNoSeriousA11yViolations(phone);
  await phone.goto("/students");
  await expect(phone).toHaveURL(/\/two-factor$/);
  await phone.getByLabel(/^Code\b/).fill("12345");
  await phone.getByRole("button", { name: "Verify" }).click();
  await expect(phone.getByText("The code from your authenticator app has 6 digits; this one has 5.")).toBeVisible();
  // A code of a step long past is refused.
  await phone.getByLabel(/^Code\b/).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 300 }));
  await phone.getByRole("button", { name: "Verify" }).click();
  await expect(phone.getByText(/That code is not right/)).toBeVisible();
  await expectNoSeriousA11yViolations(phone);
  await phone.getByLabel(/^Code\b/).fill(await freshTotpCode(DANA, secret));
  await phone.getByRole("button", { name: "Verify" }).click();
  await expect(phone).not.toHaveURL(/\/two-factor$/, { timeout: 30_000 });
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(phone);

  // A recovery code signs in once; the second time it is refused.
  for (const [round, expected] of [[1, "in"], [2, "refused"]] as const) {
    const other = await (await browser.newContext()).newPage();
    await signIn(other, DANA, DEMO_PASSWORD, { expectSuccess: false });
    await expect(other).toHaveURL(/\/two-factor$/, { timeout: 30_000 });
    await other.getByLabel(/^Code\b/).fill(recovery.toLowerCase());
    await other.getByRole("button", { name: "Verify" }).click();
    if (expected === "in") await expect(other, `round ${round}`).not.toHaveURL(/\/two-factor$/, { timeout: 30_000 });
    else {
      await expect(other.getByText(/already used once/)).toBeVisible();
      await expectNoSeriousA11yViolations(other);
    }
    await other.context().close();
  }
});
