// Rules of the second factor that need no I/O (decision 033): who must have
// one, the grace a person gets when the requirement starts, the TOTP window
// and the recovery codes' shape. The code parser itself is in identity.ts.
import type { ActionState } from "./action-state";
import { RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, TWO_FACTOR_GRACE_DAYS } from "./identity";

/** Seconds per TOTP step (RFC 6238 and every authenticator app's default). */
export const TOTP_PERIOD = 30;
/** Steps accepted on either side of now: one, for a phone clock that is a little off (RFC 6238 §5.2). */
export const TOTP_WINDOW_STEPS = 1;
/** Minutes between the password and the code: an unanswered second step ends after this. */
export const SECOND_FACTOR_PENDING_MINUTES = 10;
/** Minutes a sign-in may spend setting up a required second factor (installing an app takes longer than typing a code). */
export const ENROL_PENDING_MINUTES = 30;

/** The TOTP time step of a moment (RFC 6238: floor(unix seconds / 30)). */
export function timeStepOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
}

/** Whether a step lies in the accepted window around now. */
export function inWindow(step: number, now: Date): boolean {
  return Math.abs(step - timeStepOf(now)) <= TOTP_WINDOW_STEPS;
}

export interface RequirementMembership {
  role: string;
  /** The district's "everyone needs a second factor" setting. */
  districtRequires: boolean;
}

/** Administrators always need a second factor; everyone does in a district whose setting says so. */
export function twoFactorRequired(memberships: readonly RequirementMembership[]): boolean {
  return memberships.some((m) => m.role === "ADMIN" || m.districtRequires);
}

/**
 * What a successful password sign-in leads to:
 * - "code": enrolled, the session waits for a code;
 * - "enrol": required, not enrolled and the grace is over: the session waits for enrolment;
 * - "grace": required, not enrolled, still in the grace (graceUntil says until when; it starts now when unset);
 * - "none": nothing more is asked.
 */
export type SecondFactorStep = { step: "code" } | { step: "enrol" } | { step: "grace"; graceUntil: Date; started: boolean } | { step: "none" };

export function secondFactorStep(input: { enrolled: boolean; required: boolean; graceUntil: Date | null; now: Date }): SecondFactorStep {
  if (input.enrolled) return { step: "code" };
  if (!input.required) return { step: "none" };
  if (!input.graceUntil) return { step: "grace", graceUntil: new Date(input.now.getTime() + TWO_FACTOR_GRACE_DAYS * 86_400_000), started: true };
  if (input.graceUntil > input.now) return { step: "grace", graceUntil: input.graceUntil, started: false };
  return { step: "enrol" };
}

/**
 * Ten recovery codes from random bytes (one byte per character: 256 is a
 * multiple of the alphabet's 32 letters, so every character is uniform; 50 bits each).
 */
export function recoveryCodesFrom(bytes: Uint8Array): string[] {
  if (bytes.length < RECOVERY_CODE_COUNT * 10) throw new Error(`recoveryCodesFrom needs ${RECOVERY_CODE_COUNT * 10} random bytes`);
  return Array.from({ length: RECOVERY_CODE_COUNT }, (_, i) =>
    Array.from(bytes.subarray(i * 10, i * 10 + 10), (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join(""),
  );
}

/** The secret as people type it into an app that cannot scan: groups of four. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** What the enrolment and recovery-code forms get back: the new recovery codes are in the answer only, shown once. */
export type TwoFactorActionState = ActionState | { ok: true; message?: string; recoveryCodes: string[] };
