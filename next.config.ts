import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory.
  // react-pdf (the referral packet's PDF) loads its own font metrics and yoga's WASM at run time: left to Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "@prisma/schema-engine-wasm", "@react-pdf/renderer"],
  poweredByHeader: false,
  experimental: {
    // Roster uploads (OneRoster zips) go through a server action; a whole
    // district's export is tens of MB. Each upload checks its own, finer limits
    // (screening files 4 MB: src/domain/screening-file.ts; rosters:
    // src/server/imports/upload.ts, decision 018).
    serverActions: { bodySizeLimit: "100mb" },
  },
  async headers() {
    return [
      {
        source: "/((?!_next/static).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // same-origin, not no-referrer: with no-referrer Chromium sends Origin: null on
          // a plain form POST and Next.js rejects the server action (forms must work without JS).
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Content-Security-Policy, Permissions-Policy and HSTS: src/proxy.ts (a nonce per request).
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
