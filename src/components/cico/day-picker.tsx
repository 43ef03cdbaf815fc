/** Which day to rate (a GET form, so it works without JavaScript): today or a recent day. */
export function DayPicker({ action, day, today, earliest }: { action: string; day: string; today: string; earliest: string }) {
  return (
    <form method="get" action={action} className="mb-3 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="rating-day" className="block font-medium text-slate-900">
          Day
        </label>
        <input id="rating-day" type="date" name="day" defaultValue={day} min={earliest} max={today} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900" />
      </div>
      <button type="submit" className="min-h-11 rounded-md border border-slate-600 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100">
        Show
      </button>
    </form>
  );
}
