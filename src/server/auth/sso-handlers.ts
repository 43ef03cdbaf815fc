import "server-only";
import type { NextRequest } from "next/server";
import { DISTRICT_COOKIE } from "./session";
import { SSO_DISTRICT_COOKIE } from "./sso";
import { SSO_BASE_PATH, ssoHandlers } from "./sso-config";

/**
 * The provider's answer ends the sign-in it started: the sealed district
 * cookie is spent, and, as after a password sign-in, no district choice of an
 * earlier person carries over (the new session opens the SSO district only).
 */
async function handle(req: NextRequest, method: "GET" | "POST"): Promise<Response> {
  const answer = await ssoHandlers[method](asBrowserSawIt(req));
  // A copy: a redirect Response's headers may be immutable.
  const response = new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: new Headers(answer.headers) });
  if (req.nextUrl.pathname.startsWith(`${SSO_BASE_PATH}/callback/`)) {
    response.headers.append("Set-Cookie", `${SSO_DISTRICT_COOKIE}=; Path=${SSO_BASE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`);
    response.headers.append("Set-Cookie", `${DISTRICT_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  }
  return response;
}

/**
 * A route handler's request URL is not the one the browser used: next start
 * reports its own address, and NextRequest turns every loopback host
 * (127.0.0.1, [::1]) into "localhost". The sign-in started in a server action,
 * where Auth.js takes the origin from the Host and X-Forwarded-* headers, and
 * the redirect URI of both must be the same; so without AUTH_URL (which
 * next-auth applies itself) the handler gets a plain Request with the URL
 * built from the same headers.
 */
function asBrowserSawIt(req: NextRequest): NextRequest {
  if (process.env.AUTH_URL ?? process.env.NEXTAUTH_URL) return req;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return req;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || req.nextUrl.protocol.replace(":", "");
  const url = `${proto}://${host}${req.nextUrl.pathname}${req.nextUrl.search}`;
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: req.headers, body: req.body, duplex: "half" };
  // ssoConfig reads only headers from it (no NextRequest API), and Auth.js wants a Request.
  return new Request(url, init) as NextRequest;
}

export const GET = (req: NextRequest) => handle(req, "GET");
export const POST = (req: NextRequest) => handle(req, "POST");
