import Link from "next/link";

interface Props {
  /** Names the list, e.g. "Pages of students with no caseload member". */
  label: string;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}

/** Previous / next links with where you are, as text. */
export function Pagination({ label, page, pageCount, hrefFor }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-6">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className="text-blue-800 underline">
          Previous page
        </Link>
      ) : null}
      <p>
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} className="text-blue-800 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
