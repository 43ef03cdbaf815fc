import "server-only";
import nodemailer from "nodemailer";
import { familyReportFileName, renderFamilyReportPdf } from "@/server/pdf/family-report";
import { unseal, SecretUnreadableError } from "@/server/auth/secret-box";
import type { Tx } from "@/server/db/tenant";
import { AppError, logUnexpected } from "@/server/errors";
import { SMTP_PASSWORD_PURPOSE, type SmtpSecurity } from "@/server/settings/smtp-schemas";
import type { FamilyReport } from "./report";

export const EMAIL_NOT_SET_UP = "Email is not set up for this district, so the report cannot be emailed. An administrator can set it up under Settings; meanwhile print the report or download the PDF.";

export interface SmtpServer {
  host: string;
  port: number;
  security: SmtpSecurity;
  auth: { user: string; pass: string } | null;
  from: string;
}

/**
 * The district's SMTP server with its password unsealed, or null when email
 * is not set up. A password the current key cannot open is the
 * administrator's to re-enter, said plainly.
 */
export async function smtpServerIn(tx: Tx, districtId: string): Promise<SmtpServer | null> {
  const row = await tx.districtSmtp.findUnique({ where: { districtId } });
  if (!row) return null;
  let auth: SmtpServer["auth"] = null;
  if (row.username) {
    try {
      auth = { user: row.username, pass: row.password ? unseal(row.password, SMTP_PASSWORD_PURPOSE) : "" };
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new AppError("UNAVAILABLE", "Email is set up, but its stored password no longer decrypts with the server's key. An administrator must enter the SMTP password again under Settings. Nothing was sent.");
    }
  }
  return { host: row.host, port: row.port, security: row.security as SmtpSecurity, auth, from: row.fromAddress };
}

// Bounded waits: a server that does not answer is reported in seconds, not
// after the browser gives up (nodemailer's defaults are minutes).
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends the report's PDF to one address through the district's server, in
 * the report's language. Throws an AppError that says what went wrong (the
 * server unreachable, its sign-in refused, the address refused); anything
 * else is logged with a reference id. Nothing is retried: the person sees
 * the failure and can try again.
 */
export async function sendFamilyReport(server: SmtpServer, report: FamilyReport, to: string): Promise<void> {
  const pdf = await renderFamilyReportPdf(report);
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    // TLS from the first byte; or a required STARTTLS upgrade (never silently in the clear); or none, for a relay on the district's own network.
    secure: server.security === "TLS",
    requireTLS: server.security === "STARTTLS",
    ignoreTLS: server.security === "NONE",
    ...(server.auth ? { auth: server.auth } : {}),
    ...TIMEOUTS,
    // Never write the message (a student's report) or the credentials to the log.
    logger: false,
    debug: false,
  });
  try {
    await transport.sendMail({
      from: server.from,
      to,
      subject: report.text.email.subject,
      text: `${report.text.greeting}\n\n${report.text.email.body}\n`,
      attachments: [{ filename: familyReportFileName(report), content: pdf, contentType: "application/pdf" }],
      headers: { "Content-Language": report.text.lang },
    });
  } catch (error) {
    throw sendFailure(error, server, to);
  } finally {
    transport.close();
  }
}

const UNREACHABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET"]);

/** A send failure as the person sending should read it. */
export function sendFailure(error: unknown, server: Pick<SmtpServer, "host" | "port">, to: string): AppError {
  const code = (error as { code?: string } | null)?.code ?? "";
  const where = `${server.host}:${server.port}`;
  const nothing = "The report was not sent and no disclosure was recorded.";
  if (UNREACHABLE.has(code)) return new AppError("UNAVAILABLE", `The district's email server (${where}) could not be reached. ${nothing} Try again later, or ask an administrator to check the email settings.`);
  if (code === "ETLS") return new AppError("UNAVAILABLE", `The district's email server (${where}) did not offer a secure connection as the email settings require. ${nothing} An administrator should check the encryption setting.`);
  if (code === "EAUTH" || code === "ENOAUTH") return new AppError("UNAVAILABLE", `The district's email server (${where}) refused the app's sign-in. ${nothing} An administrator should check the user name and password in the email settings.`);
  if (code === "EENVELOPE") return new AppError("INVALID_INPUT", `The email server refused the address ${to}. ${nothing}`, { email: [`The email server refused ${to}. Check the address.`] });
  const ref = logUnexpected(error, "sendFamilyReport");
  return new AppError("UNAVAILABLE", `The email could not be sent (reference ${ref}). ${nothing}`);
}
