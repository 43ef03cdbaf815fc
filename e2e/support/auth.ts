import { expect, type Page } from "@playwright/test";
import { completeSecondFactor } from "./totp";

/**
 * Signs in through the form at /sign-in (labels starting "Email" and "Password",
 * button "Sign in"). By default waits until the app has left /sign-in, and
 * completes the two-factor code step of an enrolled account (./totp.ts); pass
 * { expectSuccess: false } to test a refused sign-in.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  { expectSuccess = true }: { expectSuccess?: boolean } = {},
): Promise<void> {
  await page.goto("/sign-in");
  // Labels may carry a suffix such as "(required)".
  await page.getByLabel(/^Email\b/).fill(email);
  await page.getByLabel(/^Password\b/).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (!expectSuccess) return;
  // argon2id on a busy machine can take longer than the default 10 s.
  await expect(page).not.toHaveURL(/\/sign-in(\?|#|$)/, { timeout: 30_000 });
  if (/\/two-factor$/.test(new URL(page.url()).pathname)) await completeSecondFactor(page, email);
}
