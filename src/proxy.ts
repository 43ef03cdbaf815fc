import { NextResponse, type NextRequest } from "next/server";
import { queryHoldsNul } from "./domain/input-text";
import { contentSecurityPolicy, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./server/security-headers";

/**
 * Runs before every page, route handler and server action (the policy itself:
 * src/server/security-headers.ts). A fresh nonce per request: Next.js reads
 * it from the request's Content-Security-Policy header and puts it on every
 * script it renders, so no inline script runs without it.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: isHttps(request) });

  // A NUL in the query string is refused here, for every page and route at
  // once: PostgreSQL cannot compare text with it (src/domain/input-text.ts).
  if (queryHoldsNul(request.nextUrl.searchParams)) {
    const refused = new NextResponse("This address holds a character that is not allowed (NUL, %00). Remove it from the address and try again.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
    refused.headers.set("Content-Security-Policy", policy);
    for (const [key, value] of Object.entries(SECURITY_HEADERS)) refused.headers.set(key, value);
    return refused;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [key, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(key, value);
  if (isHttps(request)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** Served over HTTPS, directly or behind a proxy that terminates TLS (browsers ignore HSTS over plain HTTP anyway). */
function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export const config = {
  matcher: [
    // Not for static build files and images: they run no script and are cached.
    { source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png).*)" },
  ],
};
