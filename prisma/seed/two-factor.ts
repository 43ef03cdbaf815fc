// Demo data of two-factor authentication (decision 033). Riley Brooks (the
// Cedar Ridge Middle specialist) has it on with a key printed in the README,
// so anyone trying the demo can add it to an authenticator app and see the
// code step; two of her ten recovery codes are printed too, one already used
// in October. The administrators are not enrolled: their 14-day grace starts
// at their first sign-in (the banner), so the demo and the end-to-end tests
// keep signing in with the password alone until then. The secret is sealed
// with the key from the environment (AUTH_ENCRYPTION_KEY or AUTH_SECRET, as
// `npm run dev`, `npm start` and the e2e server set); without one the
// enrolment is left out, with a note. Idempotent: only when she has none.
import type { AppDb } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { seal } from "@/server/auth/secret-box";
import { DEMO_RECOVERY_CODES, DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET } from "./demo-data";

export async function seedTwoFactor(db: AppDb): Promise<number> {
  const user = await db.user.findUnique({ where: { email: DEMO_TOTP_EMAIL }, select: { id: true, totpEnabledAt: true } });
  if (!user || user.totpEnabledAt) return 0;
  if (!process.env.AUTH_ENCRYPTION_KEY && !process.env.AUTH_SECRET) {
    console.warn(`[seed] two-factor: no AUTH_ENCRYPTION_KEY or AUTH_SECRET in the environment, so ${DEMO_TOTP_EMAIL} is not enrolled (npm run dev and npm start set one).`);
    return 0;
  }
  const hashes = await Promise.all(DEMO_RECOVERY_CODES.map((code) => hashPassword(code)));
  const enabledAt = new Date("2026-09-08T14:20:00Z");
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { totpSecret: seal(DEMO_TOTP_SECRET, "totp-secret"), totpEnabledAt: enabledAt, totpLastTimeStep: null }, select: { id: true } }),
    db.recoveryCode.deleteMany({ where: { userId: user.id } }),
    db.recoveryCode.createMany({
      data: hashes.map((codeHash, i) => ({ userId: user.id, codeHash, createdAt: enabledAt, usedAt: i === 0 ? new Date("2026-10-21T12:55:00Z") : null })),
    }),
  ]);
  return 1;
}
