"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, moves focus to the new page's main heading
 * (the h1 in <main>), as a full page load would start a screen reader or
 * keyboard user at the top: without it focus stays on the link that was
 * followed, which may no longer exist. Not on the first render (the browser
 * starts at the top, where the skip link is the first tab stop), and only
 * when the path changes: a list that writes its filters into the address
 * (the student list) keeps focus where the person is.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLHeadingElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.setAttribute("data-route-focus", "");
    heading.focus();
  }, [pathname]);
  return null;
}
