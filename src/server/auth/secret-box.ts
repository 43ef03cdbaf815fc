import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Seals secrets the server must read back (TOTP secrets, and an identity
 * provider's client secret) with AES-256-GCM (decision 025). The key comes from
 * the environment: AUTH_ENCRYPTION_KEY (32 bytes, base64), or else one derived
 * from AUTH_SECRET with HKDF, so a deployment has one secret to keep. A sealed
 * value is "v1.<iv>.<tag>.<ciphertext>" in base64url; the authentication tag
 * makes a changed value or a wrong key fail instead of decrypting to garbage.
 */
export class SecretUnreadableError extends Error {
  constructor() {
    super("A stored secret does not decrypt with the current key (AUTH_ENCRYPTION_KEY or AUTH_SECRET changed, or the value was altered).");
  }
}

function key(): Buffer {
  const explicit = process.env.AUTH_ENCRYPTION_KEY;
  if (explicit) {
    const bytes = Buffer.from(explicit, "base64");
    if (bytes.length !== 32) throw new Error("AUTH_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32).");
    return bytes;
  }
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("Set AUTH_ENCRYPTION_KEY or AUTH_SECRET: stored secrets are encrypted with a key from the environment.");
  return Buffer.from(hkdfSync("sha256", secret, "mtss-secret-box", "aes-256-gcm v1", 32));
}

/** `purpose` is bound into the ciphertext, so a value sealed for one use cannot be passed off as another. */
export function seal(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function unseal(sealed: string, purpose: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError();
  }
}
