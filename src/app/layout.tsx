import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { RouteFocus } from "@/components/route-focus";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MTSS case management", template: "%s · MTSS case management" },
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP
  // nonce (src/proxy.ts); a page prerendered at build time would have none.
  await connection();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        {/* Zod (client-side form checks) probes whether eval works by calling
            Function(""), which the policy forbids and reports as a violation.
            Telling it up front to run without eval, before any bundle loads,
            avoids the probe; the text is constant and carries the nonce. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          Skip to main content
        </a>
        {children}
        <RouteFocus />
      </body>
    </html>
  );
}
