/**
 * Starting a mixer: who is in the lobby, the checks (permissions, people), the plan stored, the
 * control message posted and the driver started. `startMixer` is the entry point for scheduled
 * events (bot/deepen/events) as well as the confirm button.
 */
import { PermissionFlagsBits, type Client, type Guild } from 'discord.js';
import { groupSizes } from '../../../../shared/deepen/grouping/index.js';
import type { RoundStrategy } from '../../../../shared/deepen/grouping/index.js';
import { parseStrategies } from '../../../../shared/deepen/mixer/strategies.js';
import type { MixerRunView, PlanPreview } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale, type MessageKey } from '../../../../shared/i18n/index.js';
import type { BotContext } from '../../../context.js';
import { UserError } from '../../../core/user-error.js';
import { drive } from './driver.js';
import { postControl } from './posts.js';

export interface StartMixerInput {
  guildId: string;
  lobbyChannelId: string;
  organiserId: string;
  /** 3–6 (default 4). */
  groupSize?: number;
  /** 1–6 (default: as many strategies as given, else 3). */
  rounds?: number;
  /** 1–60 (default 10). */
  minutesPerRound?: number;
  /** One per round, as strategies or words ("industry", "mixed", "業界"), or text such as "industry, mixed" (the last one repeats). */
  strategies?: readonly RoundStrategy[] | readonly string[] | string;
  /** A theme id (see listThemes); unknown ids fall back to icebreaker. */
  theme?: string;
  /** Facilitators: in the lobby but not grouped (the organiser is always one). */
  exclude?: readonly string[];
  /** Set when a scheduled event starts the mixer; carried into every attendance row. */
  eventId?: string | null;
}

/**
 * What the bot needs for a mixer, checked before anything is created (names what is missing).
 * In the guild: Manage Channels and Manage Roles to create the rooms with their overwrites, and
 * every permission those overwrites allow — Discord lets a bot allow only permissions it has in
 * the guild (discord-api-docs, Permissions › Permission Overwrites / Modify Channel Permissions:
 * "Only permissions your bot has in the guild or parent channel ... can be allowed/denied").
 * In the lobby: Move Members, to move people out of it.
 */
const NEEDED_IN_GUILD: readonly { flag: bigint; key: MessageKey }[] = [
  { flag: PermissionFlagsBits.ManageChannels, key: 'bot.permission.ManageChannels' },
  { flag: PermissionFlagsBits.MoveMembers, key: 'bot.permission.MoveMembers' },
  { flag: PermissionFlagsBits.ManageRoles, key: 'bot.permission.ManageRoles' },
  { flag: PermissionFlagsBits.ViewChannel, key: 'bot.permission.ViewChannel' },
  { flag: PermissionFlagsBits.Connect, key: 'deepen.mixer.permission.Connect' },
  { flag: PermissionFlagsBits.SendMessages, key: 'bot.permission.SendMessages' },
  { flag: PermissionFlagsBits.EmbedLinks, key: 'bot.permission.EmbedLinks' },
  { flag: PermissionFlagsBits.ReadMessageHistory, key: 'deepen.mixer.permission.ReadMessageHistory' },
];
const NEEDED_IN_LOBBY: readonly { flag: bigint; key: MessageKey }[] = [
  { flag: PermissionFlagsBits.MoveMembers, key: 'bot.permission.MoveMembers' },
];

export function checkBotPermissions(guild: Guild, lobbyChannelId: string, locale: Locale): void {
  const me = guild.members.me;
  const lobby = guild.channels.cache.get(lobbyChannelId);
  const inLobby = lobby && me ? lobby.permissionsFor(me) : me?.permissions;
  const missing = new Set<MessageKey>([
    ...NEEDED_IN_GUILD.filter((p) => !me?.permissions.has(p.flag)).map((p) => p.key),
    ...NEEDED_IN_LOBBY.filter((p) => !inLobby?.has(p.flag)).map((p) => p.key),
  ]);
  if (missing.size === 0) return;
  const tr = translator(locale);
  throw new UserError('deepen.mixer.error.missingPermissions', {
    permissions: [...missing].map((key) => tr(key)).join(', '),
  });
}

/** Discord's cap of channels in a guild (threads not counted; 30013 beyond it). */
export const GUILD_CHANNEL_CAP = 500;

/** Refuses a plan whose rooms and category would not fit under the guild's channel cap. */
export function checkGuildRoom(guild: Guild, people: number, groupSize: number): void {
  let rooms: number;
  try {
    rooms = groupSizes(people, groupSize).length;
  } catch {
    return; // too few people or a bad size: the plan itself refuses, with its own message
  }
  const used = guild.channels.cache.filter((c) => !c.isThread()).size;
  const free = Math.max(0, GUILD_CHANNEL_CAP - used);
  if (rooms + 1 > free)
    throw new UserError('deepen.mixer.error.guildChannelCap', { needed: rooms + 1, free });
}

/** The people in the lobby who take part: not bots, not the organiser, not facilitators. */
export function lobbyParticipants(
  guild: Guild,
  lobbyChannelId: string,
  organiserId: string,
  exclude: readonly string[],
): string[] {
  const out = new Set([organiserId, ...exclude]);
  return guild.voiceStates.cache
    .filter((v) => v.channelId === lobbyChannelId && !v.member?.user.bot && !out.has(v.id))
    .map((v) => v.id)
    .sort();
}

function normalise(input: StartMixerInput): {
  strategies: RoundStrategy[];
  groupSize: number;
  minutes: number;
} {
  const raw = input.strategies;
  // Words ("industry", "mixed", "業界") as text or a list go through the same parser.
  const words =
    typeof raw === 'string'
      ? raw
      : raw?.every((s) => typeof s === 'string')
        ? (raw as readonly string[]).join(',')
        : undefined;
  const given = words === undefined ? (raw as readonly RoundStrategy[] | undefined) : undefined;
  const rounds = input.rounds ?? given?.length ?? (words ? words.split(',').length : 3);
  const strategies =
    given && given.length > 0
      ? Array.from({ length: rounds }, (_, i) => given[i] ?? given[given.length - 1]!)
      : parseStrategies(words, rounds);
  return { strategies, groupSize: input.groupSize ?? 4, minutes: input.minutesPerRound ?? 10 };
}

/** Plans a mixer and stores it (a preview, or running at once). Throws localized refusals. */
export async function planMixer(
  ctx: BotContext,
  client: Client,
  input: StartMixerInput,
  status: 'preview' | 'running',
): Promise<{ run: MixerRunView; preview: PlanPreview }> {
  const guild = client.guilds.cache.get(input.guildId);
  if (!guild) throw new UserError('bot.error.guildOnly');
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  checkBotPermissions(guild, input.lobbyChannelId, settings.locale);
  const { strategies, groupSize, minutes } = normalise(input);
  const exclude = [...(input.exclude ?? [])];
  const participantIds = lobbyParticipants(guild, input.lobbyChannelId, input.organiserId, exclude);
  checkGuildRoom(guild, participantIds.length, groupSize);
  // No cap on people from the rooms' overwrites: rooms open to the mixer's role (room-role.ts).
  return ctx.services.mixer.runs.createRun({
    guildId: guild.id,
    lobbyChannelId: input.lobbyChannelId,
    organiserId: input.organiserId,
    participantIds,
    facilitators: exclude,
    groupSize,
    minutesPerRound: minutes,
    strategies,
    theme: input.theme,
    locale: settings.locale,
    eventId: input.eventId ?? null,
    now: ctx.services.clock.now(),
    status,
  });
}

/** Posts the control message and lets the driver run (in the background). */
export async function launch(ctx: BotContext, client: Client, run: MixerRunView): Promise<void> {
  const guild = client.guilds.cache.get(run.guildId);
  if (!guild) return;
  await postControl(ctx, guild, run);
  void drive(ctx, client, run.runId);
}

/**
 * Starts a mixer now, without a preview (scheduled events call this when the event starts).
 * @returns the run id
 * @throws UserError / DomainError with a localized reason (too few people, a mixer already
 *   running in the lobby, a missing permission named, bad sizes)
 */
export async function startMixer(ctx: BotContext, client: Client, input: StartMixerInput): Promise<string> {
  const { run } = await planMixer(ctx, client, input, 'running');
  await launch(ctx, client, run);
  return run.runId;
}

/**
 * `startMixer` in the shape scheduled events call it (bot/deepen/events' MixerStarter):
 * `mixerStarter(ctx, guild.client)(request)` resolves with `{ mixerId }` (the run id).
 */
export function mixerStarter(ctx: BotContext, client: Client) {
  return async (request: StartMixerInput): Promise<{ mixerId: string }> => ({
    mixerId: await startMixer(ctx, client, request),
  });
}
