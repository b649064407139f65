/**
 * Shared set-up for the emulator core tests: an emulator with a seeded guild and a REAL
 * discord.js Client logged in against it.
 */
import { Client, Events, GatewayIntentBits, type ClientEvents } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type SeededGuild,
  type SeedGuildOptions,
} from '../../../sandbox/discord/index.js';

export interface CoreWorld {
  emu: DiscordEmulator;
  seeded: SeededGuild;
  client: Client;
  stop(): Promise<void>;
}

export const TSUNAGU_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildInvites,
  GatewayIntentBits.GuildScheduledEvents,
  GatewayIntentBits.DirectMessages,
];

/** Starts an emulator, seeds a guild and logs a discord.js Client in; resolves once the client is ready. */
export async function startCoreWorld(
  options: { emulator?: DiscordEmulatorOptions; seed?: SeedGuildOptions; intents?: GatewayIntentBits[] } = {},
): Promise<CoreWorld> {
  const emu = await startDiscordEmulator({ logger: silentLogger(), ...options.emulator });
  const seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 8, ...options.seed });
  const client = new Client({ intents: options.intents ?? TSUNAGU_INTENTS, rest: { api: emu.restBase } });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(emu.botToken);
  await ready;
  return {
    emu,
    seeded,
    client,
    async stop() {
      await client.destroy();
      await emu.stop();
    },
  };
}

/** Resolves with the arguments of the next `event` the client emits that passes `filter`. */
export function nextEvent<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  filter: (...args: ClientEvents[E]) => boolean = () => true,
): Promise<ClientEvents[E]> {
  return new Promise((resolve) => {
    const listener = (...args: ClientEvents[E]) => {
      if (!filter(...args)) return;
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}
