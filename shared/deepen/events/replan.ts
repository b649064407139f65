/**
 * A series' repeat changed from one occurrence on: which existing occurrences move to which new
 * dates, which go, which dates are new. Pure, unit-tested.
 *
 * Existing occurrences keep their RSVPs, Discord event and announcement wherever they can: one on a
 * date the new rule keeps stays there; the others move, in date order, to a new date left within
 * `MAX_SHIFT_DAYS` of their own (weekly Saturday → weekly Sunday moves each one a day). Never
 * further: a "yes" for 6 February is not a "yes" for 21 January. What is left over is removed (its
 * "yes" holders are told) or created. An occurrence removed by an earlier change of repeat comes
 * back on its own date only.
 */

/** How far an occurrence may move and keep its RSVPs (a weekday shift within the same week or so). */
export const MAX_SHIFT_DAYS = 3;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export interface ReplanCandidate {
  id: string;
  localDate: string;
  /** False for one an earlier change of repeat removed (cancelled): it can only come back on its date. */
  scheduled: boolean;
}

export interface ReplanPairing {
  /** Existing scheduled occurrences and the date each takes (the same or another). */
  keep: { id: string; date: string }[];
  /** Removed ones brought back on their own date. */
  revive: { id: string; date: string }[];
  /** Dates that need a new occurrence. */
  create: string[];
  /** Scheduled occurrences the new rule has no date for. */
  remove: string[];
}

export function pairReplan(candidates: readonly ReplanCandidate[], wanted: readonly string[]): ReplanPairing {
  const byDate = (a: { localDate: string }, b: { localDate: string }) =>
    a.localDate.localeCompare(b.localDate);
  const open = new Set(wanted);
  const out: ReplanPairing = { keep: [], revive: [], create: [], remove: [] };
  const scheduled = candidates.filter((c) => c.scheduled).sort(byDate);
  const leftover: ReplanCandidate[] = [];
  for (const c of scheduled) {
    if (open.delete(c.localDate)) out.keep.push({ id: c.id, date: c.localDate });
    else leftover.push(c);
  }
  for (const c of candidates.filter((d) => !d.scheduled))
    if (open.delete(c.localDate)) out.revive.push({ id: c.id, date: c.localDate });
  const dates = [...open].sort();
  for (const c of leftover) {
    const near = dates.find((d) => Math.abs(dayNumber(d) - dayNumber(c.localDate)) <= MAX_SHIFT_DAYS);
    if (near === undefined) out.remove.push(c.id);
    else {
      out.keep.push({ id: c.id, date: near });
      dates.splice(dates.indexOf(near), 1);
    }
  }
  out.create.push(...dates);
  return out;
}
