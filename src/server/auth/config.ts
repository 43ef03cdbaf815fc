import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { verifyCredentials, ZSignInInput } from "./credentials";

export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}
export class TemporaryUsedSignIn extends CredentialsSignin {
  code = "temporary_used";
}
export class TemporaryExpiredSignIn extends CredentialsSignin {
  code = "temporary_expired";
}
export class PasswordOffSignIn extends CredentialsSignin {
  code = "password_off";
}

/** The caller's address as the nearest proxy reports it. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}

/**
 * The JWT outlives every district's absolute lifetime (at most 30 days,
 * SESSION_BOUNDS): the UserSession row it names enforces idle and absolute
 * limits per district (decision 025).
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = ZSignInInput.safeParse({ email: raw?.email, password: raw?.password });
        if (!parsed.success) return null;
        const result = await verifyCredentials(parsed.data, { ip: await clientIp(), userAgent: (await headers()).get("user-agent") ?? "" });
        if (result.ok) return { id: result.user.id, sessionVersion: result.user.sessionVersion, membershipVersions: result.user.membershipVersions, sessionId: result.user.sessionId };
        if (result.reason === "rate_limited") throw new RateLimitedSignIn();
        if (result.reason === "temporary_used") throw new TemporaryUsedSignIn();
        if (result.reason === "temporary_expired") throw new TemporaryExpiredSignIn();
        if (result.reason === "password_off") throw new PasswordOffSignIn();
        return null;
      },
    }),
  ],
  callbacks: {
    // The token carries only ids and versions: names, roles and schools are
    // read from the database on every request so that changes apply at once.
    // mv holds each membership's version at sign-in, so a district can end
    // the sessions in it without touching the person's others (decision 009).
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as { sessionVersion?: number; membershipVersions?: Record<string, number>; sessionId?: string };
        token.uid = user.id;
        token.sv = signedIn.sessionVersion;
        token.mv = signedIn.membershipVersions;
        token.sid = signedIn.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        uid: token.uid as string | undefined,
        sv: token.sv as number | undefined,
        mv: token.mv as Record<string, number> | undefined,
        sid: token.sid as string | undefined,
      };
    },
  },
});
