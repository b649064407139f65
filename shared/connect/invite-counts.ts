/**
 * Counting people, not uses. Discord's `uses` goes up every time someone joins through a link,
 * so a member who leaves and comes back through the same link is two uses but one person. Pure:
 * the reads fetch the rows, these functions decide who is credited and who counts.
 */

/** An invite as the counts need it. */
export interface CountedInvite {
  code: string;
  kind: 'discord' | 'cohort' | 'personal';
  label: string | null;
  /** Discord's count (last snapshot). */
  uses: number;
  /** Joins Tsunagu saw move this invite (pinned or not): lists a person whose joins were all ambiguous. */
  seenJoins: number;
  /** Discord's inviter: the bot for the invites Tsunagu creates. */
  inviterId: string | null;
  /** Who asked Tsunagu for the invite (cohort or personal). */
  createdBy: string | null;
  inviterErased: boolean;
}

/** A join pinned on one invite. */
export interface CountedJoin {
  /** The row's id: stands for the person once their user id was erased. */
  id: string;
  userId: string | null;
  code: string;
  /** The same person came in through the same invite before. */
  repeat: boolean;
}

/** Where a brought-in member is now (absent when their data was erased). */
export interface MemberState {
  leftAt: Date | null;
  introducedAt: Date | null;
}

/**
 * Who is credited with an invite's joins: the person who asked Tsunagu for it, else Discord's
 * inviter; nobody once that person's data was erased.
 */
export function creditOf(
  invite: Pick<CountedInvite, 'createdBy' | 'inviterId' | 'inviterErased'>,
): string | null {
  if (invite.inviterErased) return null;
  return invite.createdBy ?? invite.inviterId;
}

/** The distinct people among joins: repeats dropped, each erased row its own person. */
export function distinctPeople(joins: readonly CountedJoin[]): string[] {
  const people = new Set<string>();
  for (const join of joins) if (!join.repeat) people.add(join.userId ?? `row:${join.id}`);
  return [...people];
}

/** One source of a connector's members: a cohort label, their personal link, or other invites. */
export interface ConnectorSource {
  kind: CountedInvite['kind'];
  label: string | null;
  people: number;
}

export interface ConnectorRow {
  inviterId: string;
  /** Members brought in: distinct people pinned on their invites. */
  joins: number;
  /** Of those, still in the server. */
  stayed: number;
  /** Of those, introduced themselves. */
  introduced: number;
  /** Discord's uses of their invites (counts returns and joins that could not be pinned). */
  uses: number;
  codes: string[];
  /** Cohort labels (and their personal link) the members came through, most first. */
  sources: ConnectorSource[];
}

/**
 * Ranks the people who bring others in: by members who stayed, then who introduced themselves,
 * then all brought in, then Discord's uses. A person is listed once Tsunagu saw a join through
 * one of their invites.
 */
export function rankConnectors(
  invites: readonly CountedInvite[],
  joins: readonly CountedJoin[],
  members: ReadonlyMap<string, MemberState>,
): ConnectorRow[] {
  const joinsByCode = groupBy(joins, (j) => j.code);
  const rows = new Map<string, ConnectorRow & { people: Set<string>; seen: number }>();
  for (const invite of invites) {
    const inviterId = creditOf(invite);
    if (!inviterId) continue;
    const row = rows.get(inviterId) ?? {
      inviterId,
      joins: 0,
      stayed: 0,
      introduced: 0,
      uses: 0,
      codes: [],
      sources: [],
      people: new Set<string>(),
      seen: 0,
    };
    row.uses += invite.uses;
    row.seen += invite.seenJoins;
    row.codes.push(invite.code);
    // A member back through their own link did not bring themself in.
    const people = distinctPeople(joinsByCode.get(invite.code) ?? []).filter(
      (p) => p !== inviterId && !row.people.has(p),
    );
    people.forEach((p) => row.people.add(p));
    if (people.length > 0) addSource(row.sources, invite, people.length);
    rows.set(inviterId, row);
  }
  const ranked: ConnectorRow[] = [];
  for (const { people, seen, ...row } of rows.values()) {
    row.joins = people.size;
    for (const person of people) {
      const state = members.get(person);
      if (state && state.leftAt === null) row.stayed += 1;
      if (state?.introducedAt) row.introduced += 1;
    }
    row.sources.sort((a, b) => b.people - a.people || (a.label ?? '').localeCompare(b.label ?? ''));
    // Uses from before Tsunagu watched do not list anyone; a join it saw (even unpinned) does.
    if (row.joins > 0 || seen > 0) ranked.push(row);
  }
  return ranked.sort(
    (a, b) =>
      b.stayed - a.stayed ||
      b.introduced - a.introduced ||
      b.joins - a.joins ||
      b.uses - a.uses ||
      a.inviterId.localeCompare(b.inviterId),
  );
}

function addSource(sources: ConnectorSource[], invite: CountedInvite, people: number): void {
  const label = invite.kind === 'personal' ? null : invite.label;
  const kind = label === null && invite.kind === 'cohort' ? 'discord' : invite.kind;
  const found = sources.find((s) => s.label === label && s.kind === kind);
  if (found) found.people += people;
  else sources.push({ kind, label, people });
}

/** People per cohort label: a person who came through two links of one cohort counts once. */
export function cohortPeople(
  invites: readonly CountedInvite[],
  joins: readonly CountedJoin[],
): Map<string, number> {
  const labelOf = new Map(invites.filter((i) => i.label !== null).map((i) => [i.code, i.label as string]));
  const byLabel = groupBy(
    joins.filter((j) => labelOf.has(j.code)),
    (j) => labelOf.get(j.code) as string,
  );
  return new Map([...byLabel].map(([label, rows]) => [label, distinctPeople(rows).length]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
