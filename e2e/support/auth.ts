import { expect, type BrowserContext, type Page } from "@playwright/test";
import { completeSecondFactor } from "./totp";

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;

// One sign-in per account per worker (decision 042): the first signIn() of an
// account goes through the form and keeps the browser's cookies; later ones
// in the same worker put those cookies into the test's fresh context and open
// the home page, which is where the form lands. That saves the sign-in page,
// argon2id and, for an enrolled account, a wait of up to 30 s for an unused
// two-factor time step. Kept in this worker's memory only (never on disk),
// and per worker, so a test can only spoil the copy of the worker it runs in
// (signing out, a password change): the next test then finds itself at
// /sign-in and signs in through the form again.
const signedIn = new Map<string, Cookies>();

/**
 * Signs in as the account: through the form at /sign-in (labels starting
 * "Email" and "Password", button "Sign in"), or with the session an earlier
 * test of this worker signed in with (above). Either way the page ends where
 * the form lands. By default waits until the app has left /sign-in and
 * completes the two-factor code step of an enrolled account (./totp.ts); pass
 * { expectSuccess: false } to test a refused sign-in (always the form), and
 * { fresh: true } where the test is about signing in or out itself.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  { expectSuccess = true, fresh = false }: { expectSuccess?: boolean; fresh?: boolean } = {},
): Promise<void> {
  const reusable = expectSuccess && !fresh;
  const key = `${email}\n${password}`;
  const kept = reusable ? signedIn.get(key) : undefined;
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto("/");
    if (new URL(page.url()).pathname === "/") return;
    // Ended since (signed out, password changed): the form, as the first time.
    signedIn.delete(key);
  }
  await page.goto("/sign-in");
  // Labels may carry a suffix such as "(required)".
  await page.getByLabel(/^Email\b/).fill(email);
  await page.getByLabel(/^Password\b/).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  if (!expectSuccess) return;
  // argon2id on a busy machine can take longer than the default 10 s.
  await expect(page).not.toHaveURL(/\/sign-in(\?|#|$)/, { timeout: 30_000 });
  if (/\/two-factor$/.test(new URL(page.url()).pathname)) await completeSecondFactor(page, email);
  // Only a session that lands at home is kept: one that lands on a step
  // (invitations, choosing a district, a new password) is not yet what a later
  // test means by signed in.
  if (reusable && new URL(page.url()).pathname === "/") signedIn.set(key, await page.context().cookies());
}
