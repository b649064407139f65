import { GatewayDispatchEvents, type APIInvite } from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import { DiscordApiError, Errors } from '../errors.js';
import { serializeInvite, serializeUser } from './serialize.js';
import type { DiscordState } from './state.js';
import type { InviteRecord } from './types.js';

export interface CreateInviteInput {
  code?: string;
  inviterId?: string | null;
  maxUses?: number;
  /** Seconds; Discord's default is 86400, 0 = never. */
  maxAge?: number;
  temporary?: boolean;
}

/** "Maximum number of invites reached (1000)" (discord-api-docs, JSON error codes). */
export const MAX_GUILD_INVITES = 1000;

/** 400 30016, Discord's wording. */
export const maxInvitesError = () =>
  new DiscordApiError(400, 30016, `Maximum number of invites reached (${MAX_GUILD_INVITES})`);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomCode(): string {
  return [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * Guild invites with use counts. A used-up invite is deleted (INVITE_DELETE); an expired one
 * (max_age after created_at on `state.clock`) disappears from every read without an event.
 */
export class InviteStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the live invite or throws 404 10006 Unknown Invite. */
  get(code: string): InviteRecord {
    const invite = this.s.data.invites.get(code);
    if (!invite || this.expired(invite)) throw Errors.unknownInvite();
    return invite;
  }

  list(guildId: string): InviteRecord[] {
    this.s.guilds.get(guildId);
    return [...this.s.data.invites.values()].filter((i) => i.guildId === guildId && !this.expired(i));
  }

  listForChannel(channelId: string): InviteRecord[] {
    return [...this.s.data.invites.values()].filter((i) => i.channelId === channelId && !this.expired(i));
  }

  /** The API shape; `metadata` adds uses, max_uses, max_age, temporary, created_at. */
  toApi(invite: InviteRecord, metadata = true): APIInvite {
    return serializeInvite(
      invite,
      this.s.guilds.get(invite.guildId),
      this.s.channels.get(invite.channelId),
      invite.inviterId ? this.s.users.find(invite.inviterId) : undefined,
      metadata,
    );
  }

  /** Creates an invite to a guild channel and emits INVITE_CREATE; 400 30016 past 1000 live invites in the guild. */
  create(channelId: string, input: CreateInviteInput = {}): InviteRecord {
    const channel = this.s.channels.get(channelId);
    if (!channel.guildId) throw Errors.missingAccess();
    if (this.list(channel.guildId).length >= MAX_GUILD_INVITES) throw maxInvitesError();
    const invite: InviteRecord = {
      code: input.code ?? randomCode(),
      guildId: channel.guildId,
      channelId,
      inviterId: input.inviterId ?? null,
      uses: 0,
      maxUses: input.maxUses ?? 0,
      maxAge: input.maxAge ?? 86400,
      temporary: input.temporary ?? false,
      createdAt: this.s.clock.date().toISOString(),
    };
    this.s.data.invites.set(invite.code, invite);
    const inviter = invite.inviterId ? this.s.users.find(invite.inviterId) : undefined;
    this.s.emit(
      GatewayDispatchEvents.InviteCreate,
      {
        channel_id: channelId,
        guild_id: invite.guildId,
        code: invite.code,
        created_at: invite.createdAt,
        ...(inviter ? { inviter: serializeUser(inviter) } : {}),
        max_age: invite.maxAge,
        max_uses: invite.maxUses,
        temporary: invite.temporary,
        uses: 0,
        expires_at:
          invite.maxAge > 0
            ? new Date(Date.parse(invite.createdAt) + invite.maxAge * 1000).toISOString()
            : null,
      },
      invite.guildId,
    );
    return invite;
  }

  /** Counts one use; an invite that reaches max_uses is deleted (INVITE_DELETE). */
  use(code: string): InviteRecord {
    const invite = this.get(code);
    invite.uses += 1;
    if (invite.maxUses > 0 && invite.uses >= invite.maxUses) this.delete(code);
    return invite;
  }

  /** Deletes an invite and emits INVITE_DELETE. */
  delete(code: string): InviteRecord {
    const invite = this.s.data.invites.get(code);
    if (!invite) throw Errors.unknownInvite();
    this.s.data.invites.delete(code);
    this.s.emit(
      GatewayDispatchEvents.InviteDelete,
      { channel_id: invite.channelId, guild_id: invite.guildId, code },
      invite.guildId,
    );
    return invite;
  }

  private expired(invite: InviteRecord): boolean {
    return invite.maxAge > 0 && Date.parse(invite.createdAt) + invite.maxAge * 1000 <= this.s.clock.now();
  }
}
