/**
 * Shared set-up for the control-API and Discord-view tests: an emulator with a seeded guild
 * (coloured roles, an invite, slash commands with Japanese names), the control API over HTTP,
 * and a stand-in bot that answers interactions through the REST API as discord.js would.
 */
import { GatewayDispatchEvents, type APIInteraction, type APIPingInteraction } from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

export interface ViewWorld {
  emu: DiscordEmulator;
  seeded: SeededGuild;
  guildId: string;
  /** The seeded guild's channel ids by name. */
  channel: (name: string) => string;
  /** Calls the control API; `body` as JSON. */
  control: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;
  /** Calls the REST API as the bot. */
  asBot: (method: string, path: string, body?: unknown) => Promise<Reply>;
  /** Answers an interaction (callback), as the bot would within its 3 seconds. */
  answer: (interaction: { id: string; token: string }, body: unknown) => Promise<Reply>;
  /** Resolves with the next INTERACTION_CREATE the bot receives. */
  nextInteraction: () => Promise<PersonInteraction>;
}

/** What a person's action sends the bot (never a ping). */
export type PersonInteraction = Exclude<APIInteraction, APIPingInteraction>;

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Two slash commands: /setup channels (Japanese names, a channel option) and /profile (choices). */
export const COMMANDS = [
  {
    name: 'setup',
    description: 'Set up Tsunagu',
    name_localizations: { ja: 'セットアップ' },
    description_localizations: { ja: 'つなぐを設定する' },
    options: [
      {
        type: 1,
        name: 'channels',
        description: 'Choose the channels',
        name_localizations: { ja: 'チャンネル' },
        description_localizations: { ja: 'チャンネルを選ぶ' },
        options: [
          {
            type: 7,
            name: 'welcome',
            description: 'Welcome channel',
            name_localizations: { ja: 'ウェルカム' },
            required: true,
            channel_types: [0],
          },
        ],
      },
    ],
  },
  {
    name: 'profile',
    description: 'Show a profile',
    options: [
      {
        type: 3,
        name: 'field',
        description: 'Which field',
        required: true,
        choices: [{ name: 'Industry', value: 'industry', name_localizations: { ja: '業界' } }],
      },
      { type: 6, name: 'member', description: 'Whose' },
    ],
  },
];

/** Starts the world; `stop` with `world.emu.stop()`. */
export async function startViewWorld(): Promise<ViewWorld> {
  const emu = await startDiscordEmulator({ logger: silentLogger() });
  const seeded = seedGuild(emu.state, {
    name: 'Acme アルムナイ',
    memberCount: 3,
    roles: [
      { name: 'Alumni', color: 0x5865f2 },
      { name: 'Organiser', color: 0xe67e22 },
    ],
  });
  const guildId = seeded.guild.id;
  const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));
  const control: ViewWorld['control'] = async (method, path, body, headers = {}) =>
    reply(
      await fetch(`${emu.baseUrl}/_emulator${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: json(body),
      }),
    );
  const asBot: ViewWorld['asBot'] = async (method, path, body) =>
    reply(
      await fetch(`${emu.restBase}/v10${path}`, {
        method,
        headers: { Authorization: `Bot ${emu.botToken}`, 'Content-Type': 'application/json' },
        body: json(body),
      }),
    );
  await asBot('PUT', `/applications/${emu.application.id}/guilds/${guildId}/commands`, COMMANDS);
  return {
    emu,
    seeded,
    guildId,
    channel: (name) => {
      const found = seeded.channels[name];
      if (!found) throw new Error(`no channel ${name}`);
      return found.id;
    },
    control,
    asBot,
    answer: (interaction, body) =>
      asBot('POST', `/interactions/${interaction.id}/${interaction.token}/callback`, body),
    nextInteraction: () =>
      new Promise((resolve) => {
        const off = emu.state.onDispatch((event, data) => {
          if (event !== GatewayDispatchEvents.InteractionCreate) return;
          off();
          resolve(data as PersonInteraction);
        });
      }),
  };
}
