import "server-only";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import type { SmtpSecurity } from "./smtp-schemas";

/** What the settings form shows of the district's SMTP server: never the password, only whether one is stored. */
export interface SmtpSettingsView {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  hasPassword: boolean;
  fromAddress: string;
  updatedAt: Date;
}

export async function getSmtpSettings(ctx: Ctx): Promise<SmtpSettingsView | null> {
  await authorizePage(ctx, "settings.manage", { entityType: "DistrictSmtp" });
  return withTenant(ctx.districtId, async (tx) => {
    const row = await tx.districtSmtp.findUnique({ where: { districtId: ctx.districtId } });
    return row
      ? { host: row.host, port: row.port, security: row.security as SmtpSecurity, username: row.username, hasPassword: row.password !== null, fromAddress: row.fromAddress, updatedAt: row.updatedAt }
      : null;
  });
}

/** Whether the district has an SMTP server set up (the family report offers email only then). */
export async function smtpConfiguredIn(tx: Tx, districtId: string): Promise<boolean> {
  return (await tx.districtSmtp.count({ where: { districtId } })) > 0;
}
