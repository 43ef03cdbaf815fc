/**
 * The browser's rules for this app (OWASP ASVS 5.0 V3), sent by src/proxy.ts
 * on every response. No "server-only" import: the proxy imports it.
 *
 * - Scripts: only those carrying this request's nonce, and what they load
 *   ('strict-dynamic'); no inline handlers, no eval (development excepted:
 *   React's dev tools need eval).
 * - Styles: 'self' plus inline. React and Recharts set style attributes
 *   (positions, colours of charts), which a nonce cannot cover; CSS cannot
 *   run script, and the script rules above are what stop injected markup.
 * - Nothing may frame the app (frame-ancestors 'none': clickjacking), forms
 *   post only to this origin, no plugins, no <base> rewriting.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, https = false }: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Two years, subdomains too: the value the HSTS preload list asks for. Sent only over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  // Nothing here uses these powers; a script that got in could not either.
  "Permissions-Policy":
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};
