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
  const answer = await ssoHandlers[method](req);
  // A copy: a redirect Response's headers may be immutable.
  const response = new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: new Headers(answer.headers) });
  if (req.nextUrl.pathname.startsWith(`${SSO_BASE_PATH}/callback/`)) {
    response.headers.append("Set-Cookie", `${SSO_DISTRICT_COOKIE}=; Path=${SSO_BASE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`);
    response.headers.append("Set-Cookie", `${DISTRICT_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  }
  return response;
}

export const GET = (req: NextRequest) => handle(req, "GET");
export const POST = (req: NextRequest) => handle(req, "POST");
