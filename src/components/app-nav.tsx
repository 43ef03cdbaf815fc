"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

type Item = { href: string; label: string; setup?: true };

function Links({ items, currentHref, className }: { items: Item[]; currentHref: string | undefined; className: string }) {
  return (
    <ul className={className}>
      {items.map((item) => {
        const current = item.href === currentHref;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-2 font-medium ${current ? "bg-blue-800 text-white" : "text-slate-900 hover:bg-slate-200"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The district's set-up pages (administrators), under their own label after the daily work. */
function SetupLinks({ items, currentHref, id, className }: { items: Item[]; currentHref: string | undefined; id: string; className: string }) {
  if (!items.length) return null;
  return (
    <div role="group" aria-labelledby={id} className="mt-2 border-t border-slate-300 pt-2">
      <p id={id} className="px-3 text-sm font-semibold text-slate-700">
        District set-up
      </p>
      <Links items={items} currentHref={currentHref} className={className} />
    </div>
  );
}

/**
 * The main menu. On a wide screen, a row of links; on a phone (below the md
 * breakpoint) the links fold behind a "Menu" button: a native <details>
 * disclosure, so it opens by keyboard and without JavaScript, and screen
 * readers announce it as expanded or collapsed. Only one of the two is
 * displayed at a time (the other is display:none, out of the accessibility
 * tree). The menu closes after a link is followed. An administrator's
 * set-up pages (schools, staff, imports, settings...) come last under their
 * own label, apart from the daily work.
 */
export function AppNav({ items }: { items: Item[] }) {
  const daily = items.filter((i) => !i.setup);
  const setup = items.filter((i) => i.setup);
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  // The most specific item containing the page is current (/sessions/oversight is not also Today).
  const within = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  const currentHref = items.filter((i) => within(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <nav aria-label="Main">
      <details ref={menu} className="md:hidden">
        <summary className="inline-flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-slate-600 px-4 py-2 font-medium [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true">☰</span> Menu
        </summary>
        <Links items={daily} currentHref={currentHref} className="mt-2 grid gap-1" />
        <SetupLinks items={setup} currentHref={currentHref} id="setup-menu-phone" className="mt-2 grid gap-1" />
      </details>
      <div className="hidden md:block">
        <Links items={daily} currentHref={currentHref} className="flex flex-wrap gap-1" />
        <SetupLinks items={setup} currentHref={currentHref} id="setup-menu" className="flex flex-wrap items-center gap-1" />
      </div>
    </nav>
  );
}
