/**
 * Rate-limit profiles: named sets of buckets modelled on what Discord documents, what its staff
 * announced, and what bot authors observed. Each bucket names its source, so a figure is never
 * taken for more than it is. Discord warns that its limits change without notice (docs,
 * topics/rate-limits): a profile is a realistic pace to design against, not a contract.
 */
import type { BucketLimit } from './rate-limit-windows.js';
import type { DiscordState } from './state/state.js';

/** What a bucket may look at to decide whether a request counts against it. */
export interface RateLimitRequest {
  /** `METHOD /pattern` as registered on the router. */
  routeKey: string;
  params: Record<string, string>;
  body: unknown;
  /** Who authenticated: only bot requests count against the global limit. */
  auth: 'bot' | 'bearer' | 'none';
  state: DiscordState;
}

export interface ProfileBucket extends BucketLimit {
  /** Stable name; its hash is sent as `X-RateLimit-Bucket`. */
  name: string;
  /** Route keys (`METHOD /pattern`) the bucket covers. */
  routes: string[];
  /** Path parameter whose value separates windows: 'guildId' = one window per guild. */
  per: string;
  /** Only requests for which this returns true count (default: every request on the routes). */
  applies?: (req: RateLimitRequest) => boolean;
  /** Where the figure comes from: documented / Discord staff / observed / assumed. */
  source: string;
}

export interface RateLimitProfile {
  name: string;
  /** Requests per window across every route, bot-authenticated requests only. */
  global?: BucketLimit & { source: string };
  buckets: ProfileBucket[];
}

export type RateLimitProfileName = 'realistic' | 'off';

/** A PATCH /channels/:id that changes the name or the topic (pre-change state is compared). */
function changesNameOrTopic({ body, params, state }: RateLimitRequest): boolean {
  if (!body || typeof body !== 'object') return false;
  const channel = state.channels.find(params.channelId ?? '');
  if (!channel) return false;
  const patch = body as { name?: unknown; topic?: unknown };
  return (
    (typeof patch.name === 'string' && patch.name !== channel.name) ||
    (patch.topic !== undefined && (patch.topic ?? null) !== channel.topic)
  );
}

/** What a voice-mixer bot meets on Discord. */
export const REALISTIC_PROFILE: RateLimitProfile = {
  name: 'realistic',
  global: {
    limit: 50,
    windowMs: 1000,
    source: 'documented: docs topics/rate-limits "Global Rate Limit", 50 requests per second per bot',
  },
  buckets: [
    {
      name: 'guild-member-modify',
      routes: ['PATCH /guilds/:guildId/members/:userId'],
      per: 'guildId',
      // Observed only. 10 rather than 5 per window: ten simultaneous member edits "just barely"
      // fit (discord-api-docs#2204); a 10 s reset matches mutes for a full 10-person lobby
      // sometimes waiting 10+ s (automuteus#126). Sustained pace 1 edit/s, the slow end of the
      // 5–10 per 5 s bot authors report, so a bot paced for this is paced for Discord.
      limit: 10,
      windowMs: 10_000,
      source: 'observed: one bucket per guild for every member edit and voice move, ~10 per 10 s',
    },
    {
      name: 'guild-member-role',
      routes: [
        'PUT /guilds/:guildId/members/:userId/roles/:roleId',
        'DELETE /guilds/:guildId/members/:userId/roles/:roleId',
      ],
      per: 'guildId',
      // Observed: X-RateLimit-Limit 10 on PUT .../members/{user}/roles/{role}, a fixed window
      // (discord-api-docs#7680, 2025). The window's length is not published: assumed 10 s, the
      // pace of member edits, so granting a mixer's role to 200 people takes minutes, as it may.
      limit: 10,
      windowMs: 10_000,
      source:
        'observed: limit 10 per guild on member role add/remove (discord-api-docs#7680); window assumed 10 s',
    },
    {
      name: 'guild-channel-create',
      routes: ['POST /guilds/:guildId/channels'],
      per: 'guildId',
      // Discord publishes no figure; creation slowing under bursts is reported (e.g.
      // Discord.Net#1770). Assumed 5 per 5 s so a burst of breakout rooms has to be paced.
      limit: 5,
      windowMs: 5000,
      source: 'assumed: channel creation slows under bursts; no published figure (5 per 5 s per guild)',
    },
    {
      name: 'channel-permission-edit',
      routes: [
        'PUT /channels/:channelId/permissions/:overwriteId',
        'DELETE /channels/:channelId/permissions/:overwriteId',
      ],
      // The channel id is the route's major parameter (docs, topics/rate-limits), so each channel
      // has its own window. Discord publishes no figure; other edits of a channel were observed at
      // 10 per 15 s (discord-api-docs#2208); assumed the same for its overwrites, so a mixer
      // letting a late joiner into every room spends one request per room, each in its own window.
      per: 'channelId',
      limit: 10,
      windowMs: 15_000,
      source:
        'assumed: per channel like other channel edits, 10 per 15 s (observed on Modify Channel, discord-api-docs#2208)',
    },
    {
      name: 'channel-name-topic',
      routes: ['PATCH /channels/:channelId'],
      per: 'channelId',
      applies: changesNameOrTopic,
      limit: 2,
      windowMs: 10 * 60_000,
      source:
        'Discord staff: name/topic edits 2 per 10 minutes per channel (announcement 2020-05-29, quoted in discord-api-docs#2190)',
    },
  ],
};

/** The profile for a name; 'off' is none. */
export function profileNamed(name: RateLimitProfileName): RateLimitProfile | undefined {
  return name === 'realistic' ? REALISTIC_PROFILE : undefined;
}
