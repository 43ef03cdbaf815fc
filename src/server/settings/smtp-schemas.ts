import "server-only";
import { z } from "zod";

export const SMTP_SECURITY = ["TLS", "STARTTLS", "NONE"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** What sealed SMTP passwords are bound to (src/server/auth/secret-box.ts): one cannot be passed off as another secret. */
export const SMTP_PASSWORD_PURPOSE = "smtp-password";

/** An email address as the mail servers take it: one address, no display name, no spaces or angle brackets. */
export const ZEmailAddress = (message: string) => z.string().trim().max(254, "The email address is too long.").pipe(z.email(message));

export const ZSmtpSettingsInput = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, "Enter the SMTP server's host name, for example smtp.office365.com.")
      .max(253, "The host name is too long.")
      .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "Enter a host name like smtp.maplevalley.k12.us (letters, digits, dots and hyphens), without http:// or a port."),
    port: z.coerce.number({ message: "Enter the port as a number, for example 587." }).int("Enter the port as a whole number.").min(1, "Ports run from 1 to 65535.").max(65535, "Ports run from 1 to 65535."),
    security: z.enum(SMTP_SECURITY, { message: "Choose how the connection is encrypted." }),
    username: z.string().trim().max(255, "The user name is too long.").optional().default(""),
    // Empty keeps the stored password (or, with no user name, there is none).
    password: z.string().max(1024, "The password is too long.").optional().default(""),
    fromAddress: ZEmailAddress("Enter the address emails are sent from, like reports@maplevalley.k12.us."),
  })
  .strict();
export type TSmtpSettingsInput = z.output<typeof ZSmtpSettingsInput>;
