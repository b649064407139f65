/**
 * The emulator's event feed: every gateway dispatch the state emits and every answer the bot gives
 * to an interaction, as small notices (event name and ids, never message text) over Server-Sent
 * Events at `/_emulator/events`. The Discord view re-reads what a notice touches; scripts can
 * follow the sandbox with `curl -N`. Ephemeral answers are announced with the id of the one person
 * who may see them, so a client shows them to that person only.
 */
import type { ServerResponse } from 'node:http';
import { MessageFlags } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import {
  interactionsOf,
  type InteractionRecord,
  type InteractionResponseEntry,
} from '../rest/interactions.js';
import type { DiscordState } from '../state/state.js';

/** What the feed says about one change. */
export interface FeedNotice {
  event: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  messageId?: string;
  interactionId?: string;
  /** INTERACTION_RESPONSE: what the bot did ('callback', 'followup', 'edit', 'delete'). */
  kind?: string;
  callbackType?: number;
  ephemeral?: boolean;
  modal?: boolean;
}

const KEEP_ALIVE_MS = 15_000;

type Data = Record<string, unknown> & {
  id?: string;
  channel_id?: string;
  user_id?: string;
  guild_id?: string;
  user?: { id?: string };
  author?: { id?: string };
  member?: { user?: { id?: string } };
};

const CHANNEL_EVENTS = new Set(['CHANNEL_CREATE', 'CHANNEL_UPDATE', 'CHANNEL_DELETE']);

/** The notice for a gateway dispatch: its name and the ids it concerns. */
export function noticeForDispatch(event: string, data: unknown, guildId?: string): FeedNotice {
  const d = (data ?? {}) as Data;
  const notice: FeedNotice = { event };
  const guild = guildId ?? (typeof d.guild_id === 'string' ? d.guild_id : undefined);
  if (guild) notice.guildId = guild;
  const channelId = CHANNEL_EVENTS.has(event) ? d.id : d.channel_id;
  if (typeof channelId === 'string') notice.channelId = channelId;
  const userId = d.user_id ?? d.user?.id ?? d.author?.id ?? d.member?.user?.id;
  if (typeof userId === 'string') notice.userId = userId;
  if (event.startsWith('MESSAGE_') && typeof d.id === 'string') notice.messageId = d.id;
  if (event === 'INTERACTION_CREATE' && typeof d.id === 'string') notice.interactionId = d.id;
  return notice;
}

/** The notice for something the bot did with an interaction. */
export function noticeForResponse(record: InteractionRecord, entry: InteractionResponseEntry): FeedNotice {
  const flags = entry.message?.flags ?? 0;
  return {
    event: 'INTERACTION_RESPONSE',
    ...(record.guildId ? { guildId: record.guildId } : {}),
    channelId: record.channelId,
    userId: record.userId,
    interactionId: record.id,
    ...(entry.message ? { messageId: entry.message.id } : {}),
    kind: entry.kind,
    ...(entry.callbackType !== undefined ? { callbackType: entry.callbackType } : {}),
    ephemeral: Boolean(flags & MessageFlags.Ephemeral),
    modal: Boolean(entry.modal),
  };
}

/** The SSE clients of one emulator; it listens to the state only while someone is connected. */
export class EventFeed {
  private readonly clients = new Set<ServerResponse>();
  private stopListening?: () => void;

  constructor(private readonly state: DiscordState) {}

  /** How many clients are connected. */
  get size(): number {
    return this.clients.size;
  }

  /** Streams notices to `res` (its status and headers are already sent) until it closes. */
  attach(res: ServerResponse): void {
    this.clients.add(res);
    if (this.clients.size === 1) this.listen();
    // A quick reconnect after a restart of the view; HELLO tells the client to re-read everything.
    res.write(`retry: 1000\ndata: ${JSON.stringify({ event: 'HELLO' })}\n\n`);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    res.on('close', () => {
      clearInterval(keepAlive);
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopListening?.();
    });
  }

  /** Sends a notice to every client. */
  publish(notice: FeedNotice): void {
    const frame = `data: ${JSON.stringify(notice)}\n\n`;
    for (const res of this.clients) if (!res.destroyed) res.write(frame);
  }

  private listen(): void {
    const offDispatch = this.state.onDispatch((event, data, guildId) =>
      this.publish(noticeForDispatch(event, data, guildId)),
    );
    const store = interactionsOf(this.state);
    const onResponse = (record: InteractionRecord, entry: InteractionResponseEntry) =>
      this.publish(noticeForResponse(record, entry));
    store.on('response', onResponse);
    this.stopListening = () => {
      offDispatch();
      store.off('response', onResponse);
      this.stopListening = undefined;
    };
  }
}

const feeds = new WeakMap<DiscordState, EventFeed>();

/** The event feed of an emulator (one per state). */
export function feedOf(emu: Pick<EmulatorContext, 'state'>): EventFeed {
  let feed = feeds.get(emu.state);
  if (!feed) feeds.set(emu.state, (feed = new EventFeed(emu.state)));
  return feed;
}

/** Response headers of the feed: an event stream nobody caches or sniffs. */
export const FEED_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'keep-alive',
};
