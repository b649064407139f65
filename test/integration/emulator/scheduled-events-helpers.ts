/**
 * Set-up for the scheduled-event tests: an emulator, a seeded guild and a REAL discord.js Client
 * with the partials and intents a test asks for, plus helpers to read Discord errors and to set
 * the bot's permissions.
 */
import { Client, DiscordAPIError, Events, GatewayIntentBits, type Partials } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

export interface EventsWorld {
  emu: DiscordEmulator;
  seeded: SeededGuild;
  client: Client;
  guildId: string;
  /** An ISO instant `ms` after the emulator's clock (which tests move forward). */
  at(ms: number): string;
  /** Replaces the bot role's permissions. */
  setBotPermissions(permissions: bigint): void;
  stop(): Promise<void>;
}

export const EVENT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.GuildScheduledEvents,
];

/** Starts the emulator and logs a Client in; resolves once it is ready. */
export async function startEventsWorld(
  options: { emulator?: DiscordEmulatorOptions; partials?: Partials[]; intents?: GatewayIntentBits[] } = {},
): Promise<EventsWorld> {
  const emu = await startDiscordEmulator({ logger: silentLogger(), clockTickMs: 0, ...options.emulator });
  const seeded = seedGuild(emu.state, { name: 'Alumni', memberCount: 6 });
  const client = new Client({
    intents: options.intents ?? EVENT_INTENTS,
    partials: options.partials ?? [],
    rest: { api: emu.restBase },
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(emu.botToken);
  await ready;
  const guildId = seeded.guild.id;
  return {
    emu,
    seeded,
    client,
    guildId,
    at: (ms) => new Date(emu.state.clock.now() + ms).toISOString(),
    setBotPermissions: (permissions) => emu.state.roles.update(guildId, seeded.botRole!.id, { permissions }),
    async stop() {
      await client.destroy();
      await emu.stop();
    },
  };
}

/** The DiscordAPIError a promise rejects with (fails the test if it resolves or throws something else). */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

/** Resolves once the client has received (and handled) a gateway packet of type `t`. */
export function rawPacket(client: Client, t: string): Promise<{ t: string; d: unknown }> {
  return new Promise((resolve) => {
    const listener = (packet: { t: string; d: unknown }) => {
      if (packet.t !== t) return;
      client.off(Events.Raw, listener);
      // discord.js handles the packet right after emitting `raw`, in the same tick.
      setImmediate(() => resolve(packet));
    };
    client.on(Events.Raw, listener);
  });
}
