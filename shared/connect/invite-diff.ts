/**
 * Which invite did a new member use? Discord does not say, so we compare invite use counts
 * before and after the join. Pure: the adapter supplies both snapshots.
 */

export interface InviteUses {
  uses: number;
  /** 0 = unlimited. An invite that reaches its limit is deleted by Discord and vanishes. */
  maxUses: number;
}

/** code → uses, as fetched from Discord. */
export type InviteSnapshot = Record<string, InviteUses>;

export type InviteDiff =
  /** Exactly one invite was used once: this join came through `code`. */
  | { kind: 'matched'; code: string }
  /** Several invites moved (joins raced each other): we do not guess. */
  | { kind: 'ambiguous'; codes: string[] }
  /** Nothing moved: vanity URL, Discovery, an invite created and used up between snapshots… */
  | { kind: 'none' };

/**
 * Compares two snapshots. Candidates are invites whose uses went up, invites that appeared
 * with uses > 0, and invites that vanished exactly one use short of their max_uses.
 * One candidate with one extra use is a match; anything else with movement is ambiguous.
 */
export function diffInviteUses(before: InviteSnapshot, after: InviteSnapshot): InviteDiff {
  const moved = movedUses(before, after);
  const codes = [...moved.keys()].sort();
  if (codes.length === 0) return { kind: 'none' };
  if (codes.length === 1 && moved.get(codes[0] as string) === 1)
    return { kind: 'matched', code: codes[0] as string };
  return { kind: 'ambiguous', codes };
}

/** Extra uses per invite between two snapshots (new invites count from 0, used-up ones count 1). */
export function movedUses(before: InviteSnapshot, after: InviteSnapshot): Map<string, number> {
  const moved = new Map<string, number>();
  for (const [code, now] of Object.entries(after)) {
    const delta = now.uses - (before[code]?.uses ?? 0);
    if (delta > 0) moved.set(code, delta);
  }
  for (const [code, was] of Object.entries(before)) {
    if (!(code in after) && was.maxUses > 0 && was.maxUses - was.uses === 1) moved.set(code, 1);
  }
  return moved;
}
