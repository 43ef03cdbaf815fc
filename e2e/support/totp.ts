import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET } from "../../prisma/seed/demo-data";

// Two-factor in the end-to-end tests (decision 033). An account enrolled by a
// spec (two-factor.spec.ts enrols the Riverbend administrator) keeps asking
// for a code in every later spec, in either worker: the spec records the
// secret here, per server port, and signIn() completes the code step with it.
// A code is refused when its time step was used before (replay protection),
// so each sign-in claims a step no other sign-in of the run used, across both
// workers, by creating a file for it (an atomic create); when the step is
// taken it waits for the next one.

const PERIOD_MS = 30_000;
const dir = path.join(os.tmpdir(), `mtss-e2e-totp-${process.env.E2E_PORT || 3100}`);
const fileOf = (email: string, suffix: string) => path.join(dir, `${email.replace(/[^a-z0-9.@-]/gi, "_")}.${suffix}`);

/** Records the authenticator secret of an account the spec just enrolled. */
export function rememberTotpSecret(email: string, secret: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(fileOf(email, "secret"), secret, { mode: 0o600 });
}

/** The secret of an enrolled account: recorded by a spec in this run, or the demo's printed one. */
export function totpSecretOf(email: string): string | undefined {
  const file = fileOf(email, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  return email === DEMO_TOTP_EMAIL ? DEMO_TOTP_SECRET : undefined;
}

/**
 * A code for a time step no other sign-in of this run used. A step with less
 * than 5 seconds left is skipped: the code must still be current when the
 * server checks it on a busy machine.
 */
export async function freshTotpCode(email: string, secret: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / PERIOD_MS);
    const left = (step + 1) * PERIOD_MS - now;
    if (left > 5_000) {
      try {
        writeFileSync(fileOf(email, `step-${step}`), "", { flag: "wx" });
        return generate({ secret, epoch: Math.floor(now / 1000) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, PERIOD_MS) + 250));
  }
}

/** On the code page after the password: enters a fresh code and waits until the app opens. */
export async function completeSecondFactor(page: Page, email: string): Promise<void> {
  const secret = totpSecretOf(email);
  if (!secret) throw new Error(`${email} asks for a two-factor code, but no spec recorded its secret`);
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel(/^Code\b/).fill(await freshTotpCode(email, secret));
    await page.getByRole("button", { name: "Verify" }).click();
    try {
      await expect(page).not.toHaveURL(/\/two-factor$/, { timeout: 20_000 });
      return;
    } catch (error) {
      // A step another worker claimed just after this one can win the race; then the next step's code is used.
      if (attempt >= 2 || !(await page.getByText("already used").isVisible())) throw error;
    }
  }
}
