/**
 * Helpers for the voice, channel and rate-profile tests: wait for N client events, capture the
 * Discord error discord.js throws, call the REST API as the bot without discord.js's queue.
 */
import { DiscordAPIError, type Client, type ClientEvents } from 'discord.js';
import type { DiscordEmulator } from '../../../sandbox/discord/index.js';

/** Resolves once the client has emitted `count` matching `event`s (counting starts now). */
export function events<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  count: number,
  filter: (...args: ClientEvents[E]) => boolean = () => true,
): Promise<ClientEvents[E][]> {
  return new Promise((resolve) => {
    const seen: ClientEvents[E][] = [];
    const listener = (...args: ClientEvents[E]) => {
      if (!filter(...args)) return;
      seen.push(args);
      if (seen.length < count) return;
      client.off(event, listener);
      resolve(seen);
    };
    client.on(event, listener);
  });
}

/** The DiscordAPIError a discord.js call rejects with; fails if it resolves or rejects otherwise. */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected a Discord API error');
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One request as the bot, straight to the emulator (no discord.js queue, so 429s show). */
export async function botFetch(
  emu: DiscordEmulator,
  method: string,
  path: string,
  body?: unknown,
  token = emu.botToken,
): Promise<RawResponse> {
  const res = await fetch(`${emu.restBase}/v10${path}`, {
    method,
    headers: { Authorization: `Bot ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
