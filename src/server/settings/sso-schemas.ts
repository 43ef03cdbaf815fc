import "server-only";
import { z } from "zod";
import { parseDomains } from "@/domain/sso";

/** Loopback hosts may be served over plain http (a provider on the same machine, as in the tests); every other issuer must be https. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const ZIssuer = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL, for example https://accounts.google.com.")
  .max(500, "The issuer URL is too long.")
  .refine((value) => URL.canParse(value), "Enter the issuer as a full URL, for example https://accounts.google.com.")
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }, "The issuer must start with https://.")
  // Kept exactly as typed: the discovery document's issuer must equal it (OpenID Connect Discovery 4.3).
  .refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash), "The issuer has no ?query or #fragment.");

export const ZSsoSettingsInput = z
  .object({
    label: z.string().trim().min(1, "Enter the provider's name for the sign-in button, for example Google Workspace.").max(60, "Keep the name to 60 characters."),
    issuer: ZIssuer,
    clientId: z.string().trim().min(1, "Enter the client id your identity provider gave you.").max(255, "The client id is too long."),
    // Empty keeps the stored secret; required when there is none (checked with the stored row).
    clientSecret: z.string().max(1024, "The client secret is too long.").optional().default(""),
    allowedDomains: z
      .string()
      .max(2000, "Too many domains.")
      .transform((text, ctx) => {
        const { domains, invalid } = parseDomains(text);
        if (invalid.length > 0) ctx.addIssue({ code: "custom", message: `Not a domain: ${invalid.slice(0, 3).join(", ")}. Enter domains like maplevalley.k12.us, one per line.` });
        else if (domains.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one email domain, like maplevalley.k12.us." });
        return domains;
      }),
    // A checkbox: present when ticked.
    passwordSignIn: z.literal("on").optional(),
  })
  .strict();
export type TSsoSettingsInput = z.output<typeof ZSsoSettingsInput>;
