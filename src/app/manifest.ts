import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): a phone can add the app to its home screen with its own name and icon. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "MTSS case management",
    short_name: "MTSS",
    description: "Students, tiers, intervention plans, sessions and progress for a district's Multi-Tiered System of Supports.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#1e40af",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    ],
  };
}
