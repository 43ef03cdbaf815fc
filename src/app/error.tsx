"use client";

/** Unexpected server errors: Next.js logs them with this digest, which staff can quote. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto mt-16 max-w-lg p-6">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">Nothing you were doing has been lost. Try again; if it happens again, give your administrator this reference:</p>
      <p className="mt-2 font-mono text-lg">{error.digest ?? "no reference"}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-blue-800 px-4 py-2 font-medium text-white">
        Try again
      </button>
    </main>
  );
}
