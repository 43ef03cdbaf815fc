import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory.
  // react-pdf (the referral packet's PDF) loads its own font metrics and yoga's WASM at run time: left to Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "@prisma/schema-engine-wasm", "@react-pdf/renderer"],
  poweredByHeader: false,
  // Screening score files may be up to 4 MB (src/domain/screening-file.ts); the default limit of a server action's body is 1 MB.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
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
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
