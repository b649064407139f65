/**
 * The emulator's state model. Every mutation goes through a store method, and every store
 * method that Discord would announce emits the gateway dispatch through `emit`, so REST routes,
 * drivers and the control API all produce the same events without repeating themselves.
 */
import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import { EmulatorClock } from '../clock.js';
import { ChannelStore } from './channels.js';
import { GuildStore } from './guilds.js';
import { InviteStore } from './invites.js';
import { MemberStore } from './members.js';
import { MessageStore } from './messages.js';
import { permissionsOf } from './permissions.js';
import { RoleStore } from './roles.js';
import { ScheduledEventStore } from './scheduled-events.js';
import type { ChannelRecord, GuildRecord, InviteRecord, OAuthTokenRecord, UserRecord } from './types.js';
import { UserStore } from './users.js';
import { VoiceStore } from './voice.js';

/** Receives every event the state emits; the gateway filters by intents and sends it. */
export type DispatchSink = (event: GatewayDispatchEvents, data: unknown, guildId?: string) => void;

export class DiscordState {
  /**
   * What the time-driven parts (scheduled events, invite expiry) take as "now"; tests call
   * `clock.advance(ms)`. Declared first: stores register tick listeners when they are built.
   */
  readonly clock = new EmulatorClock();

  /** Raw maps; prefer the store methods, which validate and emit events. */
  readonly data = {
    users: new Map<string, UserRecord>(),
    guilds: new Map<string, GuildRecord>(),
    channels: new Map<string, ChannelRecord>(),
    /** Channel id → (message id → message), insertion-ordered (oldest first). */
    messages: new Map<string, Map<string, APIMessage>>(),
    invites: new Map<string, InviteRecord>(),
    /** Attachment id → uploaded bytes, served at `/attachments/:id/:filename`. */
    attachments: new Map<string, { filename: string; contentType: string; data: Buffer }>(),
    /** OAuth2 access token → record (filled by oauth2.ts). */
    oauthTokens: new Map<string, OAuthTokenRecord>(),
  };

  readonly users = new UserStore(this);
  readonly guilds = new GuildStore(this);
  readonly roles = new RoleStore(this);
  readonly members = new MemberStore(this);
  readonly channels = new ChannelStore(this);
  readonly messages = new MessageStore(this);
  readonly voice = new VoiceStore(this);
  readonly invites = new InviteStore(this);
  readonly scheduledEvents = new ScheduledEventStore(this);
  /** Permission checks: `has`, `hasIn` (channel), `outranksRole`, `outranksMember`. */
  readonly permissions = permissionsOf(this);

  /** The bot's user id; set by startDiscordEmulator. The gateway only sends a guild's events if the bot is a member. */
  botUserId?: string;

  private sinks: DispatchSink[] = [];

  /** Subscribes to every dispatch (the gateway does; tests and inspectors may too). Returns an unsubscribe. */
  onDispatch(sink: DispatchSink): () => void {
    this.sinks.push(sink);
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
    };
  }

  /** Emits a gateway dispatch; `guildId` lets the gateway route it to sessions that see that guild. */
  emit(event: GatewayDispatchEvents, data: unknown, guildId?: string): void {
    for (const sink of this.sinks) sink(event, data, guildId);
  }
}
