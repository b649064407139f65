import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { APIGuild, APIGuildMember, APIUser } from 'discord-api-types/v10';
import type { Logger } from '../../shared/logger.js';
import { TtlCache } from './ttl-cache.js';

/** Names for user ids of one guild; ids it cannot name are left out (callers fall back to the id). */
export type MemberNameLookup = (guildId: string, userIds: readonly string[]) => Promise<Map<string, string>>;

/** A person as Discord knows them, for the dashboard's names. */
export interface DiscordPerson {
  /** Server nickname, else global display name, else username. */
  displayName: string;
  username: string;
  /** False when the user exists but is no longer a member of the guild. */
  inGuild: boolean;
}

/** What Discord names (a plain name, when a caller only knows that much, counts as a present member). */
export type DiscordPeopleLookup = (
  guildId: string,
  userIds: readonly string[],
) => Promise<ReadonlyMap<string, DiscordPerson | string>>;

/**
 * The names of a page, keyed by user id: the name to show (intro name, else Discord display
 * name), plus what tells people apart: the Discord username and who left the server. It is a
 * Map of names, so presenters that only read names keep working; web/core/format.ts's
 * personNamer reads the rest.
 */
export class PeopleNames extends Map<string, string> {
  /** Discord username by user id, when Discord named them. */
  readonly usernames = new Map<string, string>();
  /** Ids Discord knows as users but not as members of the guild any more. */
  readonly left = new Set<string>();
}

const PAGE = 1000;
/** Ids missing from the cached list that one page may look up one by one (joined or left since). */
const MAX_SINGLE_LOOKUPS = 50;
/** Single lookups in flight at once: a cold page must not fire 50–100 requests together. */
const SINGLE_CONCURRENCY = 5;

/** The member list's entry for one user. */
function fromMember(m: APIGuildMember): DiscordPerson {
  return {
    displayName: m.nick ?? m.user.global_name ?? m.user.username,
    username: m.user.username,
    inGuild: true,
  };
}

/** One guild's member list as last read: people by id, and how many of them are bots. */
interface RosterList {
  people: Map<string, DiscordPerson>;
  bots: number;
  /** True when the list stopped at maxMembers. */
  truncated: boolean;
}

/** The guild's members on Discord, read once per minute for names and the member count. */
export interface DiscordRoster {
  people: DiscordPeopleLookup;
  /**
   * THE member count of the dashboard: people in the guild now, bots not counted (the bot
   * itself included), from Discord's member list. Above maxMembers, where the list is cut,
   * Discord's approximate member count less the bots seen; null only when Discord gives none.
   */
  humans(guildId: string): Promise<number | null>;
}

/**
 * People from Discord, read with the bot token. Lists the guild's members (1,000 per request,
 * at most `maxMembers`) and caches the list per guild briefly, so a page costs at most one
 * round of requests instead of one per person; pages asking at the same moment share one
 * load. An id the cached list lacks (someone who joined a minute ago, or left) is asked for
 * on its own: as a member, else as a user, who then has left. Answers already cached are
 * used for every such id, and the per-page budget of lookups goes to ids not asked yet, so
 * each view names more of them. Needs the Server Members intent (as the bot's welcome does).
 */
export function createDiscordRoster(
  rest: REST,
  options: { ttlMs?: number; maxMembers?: number; now?: () => number } = {},
): DiscordRoster {
  const maxMembers = options.maxMembers ?? 5000;
  const ttlMs = options.ttlMs ?? 60_000;
  const lists = sharing(new TtlCache<RosterList>(ttlMs, 100, options.now));
  // People asked for one by one are mostly those who left, which rarely changes: kept longer.
  const singles = sharing(new TtlCache<DiscordPerson | null>(ttlMs * 5, 2000, options.now));
  const counts = sharing(new TtlCache<number | null>(ttlMs, 100, options.now));

  async function listPeople(guildId: string): Promise<RosterList> {
    const people = new Map<string, DiscordPerson>();
    let bots = 0;
    let after = '0';
    let truncated = false;
    for (;;) {
      const query = new URLSearchParams({ limit: String(PAGE), after });
      const page = (await rest.get(Routes.guildMembers(guildId), { query })) as APIGuildMember[];
      for (const m of page) {
        people.set(m.user.id, fromMember(m));
        if (m.user.bot) bots++;
      }
      if (page.length < PAGE) break;
      if (people.size >= maxMembers) {
        truncated = true;
        break;
      }
      after = page[page.length - 1]!.user.id;
    }
    return { people, bots, truncated };
  }

  /** Discord's approximate member count (Get Guild `with_counts`, discord-api-docs resources/guild). */
  async function approximateMembers(guildId: string): Promise<number | null> {
    const query = new URLSearchParams({ with_counts: 'true' });
    const guild = (await rest.get(Routes.guild(guildId), { query })) as APIGuild;
    return guild.approximate_member_count ?? null;
  }

  async function lookUpOne(guildId: string, userId: string): Promise<DiscordPerson | null> {
    const member = await absent(
      () => rest.get(Routes.guildMember(guildId, userId)) as Promise<APIGuildMember>,
      RESTJSONErrorCodes.UnknownMember,
    );
    if (member) return fromMember(member);
    const user = await absent(
      () => rest.get(Routes.user(userId)) as Promise<APIUser>,
      RESTJSONErrorCodes.UnknownUser,
    );
    if (!user) return null;
    return { displayName: user.global_name ?? user.username, username: user.username, inGuild: false };
  }

  const roster = (guildId: string) => lists.load(guildId, () => listPeople(guildId));

  const people: DiscordPeopleLookup = async (guildId, userIds) => {
    const all = (await roster(guildId)).people;
    const found = new Map<string, DiscordPerson>();
    const unasked: string[] = [];
    for (const id of userIds) {
      const person = all.get(id) ?? singles.cache.get(`${guildId}:${id}`);
      if (person) found.set(id, person);
      else if (person === undefined) unasked.push(id);
    }
    // Only a list truncated at maxMembers can miss present members who did not just join.
    const batch = unasked.slice(0, MAX_SINGLE_LOOKUPS);
    await inTurn(batch, SINGLE_CONCURRENCY, async (id) => {
      const person = await singles.load(`${guildId}:${id}`, () => lookUpOne(guildId, id));
      if (person) found.set(id, person);
    });
    return found;
  };
  return {
    people,
    async humans(guildId) {
      const list = await roster(guildId);
      if (!list.truncated) return list.people.size - list.bots;
      const approximate = await counts.load(guildId, () => approximateMembers(guildId));
      return approximate === null ? null : Math.max(approximate - list.bots, list.people.size - list.bots);
    },
  };
}

/** A cache whose loads are shared: callers asking for a key while it loads wait for that load. */
function sharing<V>(cache: TtlCache<V>) {
  const loading = new Map<string, Promise<V>>();
  return {
    cache,
    load(key: string, load: () => Promise<V>): Promise<V> {
      const hit = cache.get(key);
      if (hit !== undefined) return Promise.resolve(hit);
      const running = loading.get(key);
      if (running) return running;
      const started = cache.getOrLoad(key, load).finally(() => loading.delete(key));
      loading.set(key, started);
      return started;
    },
  };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inTurn<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `call()`, or null when Discord answers with the error code that means "no such thing". */
async function absent<T>(call: () => Promise<T>, code: number): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === code || error.status === 404)) return null;
    throw error;
  }
}

/**
 * How the dashboard names people: the name from their Tsunagu intro first (what they chose for
 * the community), else their name on Discord; the Discord username beside it (two members may
 * share a display name, never a username), and whether they left the server. When Discord
 * cannot be asked (outage, intent off) the page still renders with intro names, and the
 * failure is logged rather than hidden.
 */
export function combinedMemberNames(deps: {
  introNames: MemberNameLookup;
  discordNames?: DiscordPeopleLookup;
  logger: Logger;
}): MemberNameLookup {
  return async (guildId, userIds) => {
    const ids = [...new Set(userIds)];
    const names = new PeopleNames();
    if (ids.length === 0) return names;
    const [intro, discord] = await Promise.all([
      deps.introNames(guildId, ids),
      deps.discordNames
        ? deps.discordNames(guildId, ids).catch((error: unknown) => {
            deps.logger.warn({ err: error, guildId }, 'could not read member names from Discord');
            return new Map<string, DiscordPerson | string>();
          })
        : new Map<string, DiscordPerson | string>(),
    ]);
    for (const id of ids) {
      const person = discord.get(id);
      const fromDiscord = typeof person === 'string' ? person : person?.displayName;
      const name = intro.get(id) ?? fromDiscord;
      if (name !== undefined) names.set(id, name);
      if (typeof person === 'object') {
        names.usernames.set(id, person.username);
        if (!person.inGuild) names.left.add(id);
      }
    }
    return names;
  };
}
