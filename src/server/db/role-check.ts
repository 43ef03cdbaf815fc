import "server-only";
import { getDb } from "./client";

/**
 * Why the connected role could read across districts, or null when it cannot:
 * a superuser or BYPASSRLS role ignores policies, and a table's owner can
 * switch them off.
 */
export async function checkDatabaseRole(): Promise<string | null> {
  const db = await getDb();
  // pg_has_role(..., 'MEMBER'): a role that can SET ROLE to a superuser, or
  // is a member of a table's owner, has those powers too.
  const [role] = await db.$queryRaw<{ name: string; rolsuper: boolean; rolbypassrls: boolean; privilegedVia: string | null; owned: bigint }[]>`
    select current_user as name, r.rolsuper, r.rolbypassrls,
           (select string_agg(p.rolname, ', ') from pg_roles p
             where (p.rolsuper or p.rolbypassrls) and p.rolname <> current_user and pg_has_role(current_user, p.oid, 'MEMBER')) as "privilegedVia",
           (select count(*) from pg_tables t
             where t.schemaname = 'public' and pg_has_role(current_user, t.tableowner, 'MEMBER')) as owned
    from pg_roles r where r.rolname = current_user`;
  if (!role) return "the database role could not be read";
  if (role.rolsuper) return `database role "${role.name}" is a superuser, so row-level security does not apply to it`;
  if (role.rolbypassrls) return `database role "${role.name}" has BYPASSRLS`;
  if (role.privilegedVia) return `database role "${role.name}" is a member of ${role.privilegedVia}, which can bypass row-level security`;
  if (Number(role.owned) > 0) return `database role "${role.name}" owns (or is a member of the owner of) ${role.owned} table(s); connect as a role that owns none (see .env.example)`;
  return null;
}

export async function exitUnlessDatabaseRoleIsSafe(): Promise<void> {
  const problem = await checkDatabaseRole();
  if (!problem) return;
  console.error(`Refusing to start: ${problem}.`);
  process.exit(1);
}
