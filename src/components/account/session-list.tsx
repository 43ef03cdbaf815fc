"use client";
import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { endSession } from "@/server/account/actions";

export interface SessionItem {
  id: string;
  device: string;
  ip: string;
  started: string;
  lastActive: string;
  current: boolean;
}

/** "Where you are signed in": one card per session (a list, not a table, so it fits 360 px). */
export function SessionList({ sessions }: { sessions: SessionItem[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(endSession, null);
  return (
    <>
      <FormMessage state={state} />
      <ul className="mb-4 space-y-3">
        {sessions.map((s) => (
          <li key={s.id} className="rounded-lg border border-slate-300 bg-white p-3">
            <p className="font-medium">
              {s.device}
              {s.current ? <span className="ml-2 rounded bg-blue-100 px-2 py-0.5 text-sm text-blue-900">This browser</span> : null}
            </p>
            <p className="text-slate-700">IP address {s.ip}</p>
            <p className="text-slate-700">Signed in {s.started}; last active {s.lastActive}</p>
            <form action={action} className="mt-2">
              <input type="hidden" name="unverifiedSessionId" value={s.id} />
              <button type="submit" disabled={pending} className="min-h-11 rounded-md border border-slate-600 px-3 py-1 font-medium hover:bg-slate-100 disabled:opacity-60" aria-label={s.current ? "Sign out of this browser" : `Sign out of ${s.device}, last active ${s.lastActive}`}>
                Sign out
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
