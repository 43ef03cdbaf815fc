import "server-only";
import { getDb } from "./client";

/**
 * Why the connected role could read across districts, or null when it cannot:
 * a superuser or BYPASSRLS role ignores policies, and a table's owner can
 * switch them off.
 */
export async function checkDatabaseRole(): Promise<string | null> {
  const db = await getDb();
  const [role] = await db.$queryRaw<{ name: string; rolsuper: boolean; rolbypassrls: boolean; owned: bigint }[]>`
    select current_user as name, r.rolsuper, r.rolbypassrls,
           (select count(*) from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as owned
    from pg_roles r where r.rolname = current_user`;
  if (!role) return "the database role could not be read";
  if (role.rolsuper) return `database role "${role.name}" is a superuser, so row-level security does not apply to it`;
  if (role.rolbypassrls) return `database role "${role.name}" has BYPASSRLS`;
  if (Number(role.owned) > 0) return `database role "${role.name}" owns ${role.owned} table(s); connect as a role that owns none (see .env.example)`;
  return null;
}

export async function exitUnlessDatabaseRoleIsSafe(): Promise<void> {
  const problem = await checkDatabaseRole();
  if (!problem) return;
  console.error(`Refusing to start: ${problem}.`);
  process.exit(1);
}
