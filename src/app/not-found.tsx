import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto mt-16 max-w-lg p-6">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">This page does not exist, or you do not have access to it.</p>
      <p className="mt-4">
        <Link href="/" className="text-blue-800 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
