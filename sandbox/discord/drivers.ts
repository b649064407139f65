/**
 * Drivers act as people do (join, type a slash command, click, pick, submit a modal, voice, chat,
 * close DMs) and inspectors show what the bot did. Tests use them in-process; control-api.ts
 * serves the same calls over HTTP.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { EmulatorContext } from './context.js';
import { commandsOf } from './rest/applications.js';
import {
  findEphemeral,
  interactionsOf,
  newInteractionToken,
  type InteractionRecord,
  type InteractionResponseEntry,
} from './rest/interactions.js';
import { snowflake } from './snowflake.js';
import { basePermissions, channelPermissions } from './state/permissions.js';
import { serializeUser } from './state/serialize.js';
import type { DiscordState } from './state/state.js';
import type { CreateUserInput } from './state/users.js';

/** A driver was asked to do something a person could not do in the Discord client. */
export class DriverError extends Error {
  override name = 'DriverError';
}

export interface ActOptions {
  /** The person's client locale (default: the user's locale, else the guild's, else en-US). */
  locale?: string;
}

/** Slash-command option values by name; a `subcommand` may be named as "group sub" in the command name. */
export type SlashOptions = Record<string, string | number | boolean>;

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** What a test holds after acting: waits for and reads the bot's answers to that interaction. */
export class InteractionHandle {
  constructor(
    private readonly drivers: Drivers,
    readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** Everything the bot did with this interaction so far, in order. */
  responses(): InteractionResponseEntry[] {
    return [...this.record.responses];
  }

  /** Resolves with the initial callback (any type). */
  waitForCallback(timeoutMs = 5000): Promise<InteractionResponseEntry> {
    return this.waitForEntry((e) => e.kind === 'callback', timeoutMs, 'a callback');
  }

  /**
   * Resolves with the first visible answer message: a type 4 reply, a type 7 update, or the edit
   * or follow-up that replaces a deferred "thinking…" message.
   */
  async waitForReply(timeoutMs = 5000): Promise<APIMessage> {
    const entry = await this.waitForEntry(
      (e) =>
        (e.kind === 'callback' && (e.callbackType === 4 || e.callbackType === 7) && !!e.message) ||
        ((e.kind === 'edit' || e.kind === 'followup') && !!e.message),
      timeoutMs,
      'a reply',
    );
    return entry.message!;
  }

  /** Resolves with the n-th (1-based) follow-up message. */
  async waitForFollowUp(n = 1, timeoutMs = 5000): Promise<APIMessage> {
    const entry = await this.waitForEntry(
      (e, i, all) =>
        e.kind === 'followup' && all.slice(0, i + 1).filter((x) => x.kind === 'followup').length === n,
      timeoutMs,
      `follow-up #${n}`,
    );
    return entry.message!;
  }

  /** Resolves with the modal the bot showed (callback type 9). */
  async waitForModal(timeoutMs = 5000): Promise<APIModalInteractionResponseCallbackData> {
    const entry = await this.waitForEntry((e) => e.kind === 'callback' && !!e.modal, timeoutMs, 'a modal');
    return entry.modal!;
  }

  private waitForEntry(
    match: (e: InteractionResponseEntry, i: number, all: InteractionResponseEntry[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<InteractionResponseEntry> {
    return this.drivers.waitFor(
      () => this.record.responses.find((e, i, all) => match(e, i, all)),
      timeoutMs,
      `interaction ${this.id}: ${what}`,
    );
  }
}

/** People and inspectors for one emulator. */
export class Drivers {
  constructor(private readonly emu: EmulatorContext) {}

  private get state() {
    return this.emu.state;
  }

  // ── people ────────────────────────────────────────────────────────────────

  /** Creates a user (a person who is not in any guild yet). */
  createUser(input: CreateUserInput) {
    return this.state.users.create(input);
  }

  /** A person joins a guild, optionally through an invite (its uses go up). Emits GUILD_MEMBER_ADD. */
  memberJoin(
    guildId: string,
    user: string | CreateUserInput,
    options: { inviteCode?: string } = {},
  ): APIGuildMember {
    const userId =
      typeof user === 'string'
        ? user
        : (this.state.users.find(user.id ?? '')?.id ?? this.state.users.create(user).id);
    this.state.users.get(userId);
    if (options.inviteCode) {
      const invite = this.state.invites.get(options.inviteCode);
      if (invite.guildId !== guildId)
        throw new DriverError(`Invite ${options.inviteCode} belongs to another guild`);
      this.state.invites.use(options.inviteCode);
    }
    return this.state.members.toApi(this.state.members.add(guildId, userId));
  }

  /** A person leaves the guild. Emits GUILD_MEMBER_REMOVE. */
  memberLeave(guildId: string, userId: string): void {
    this.state.members.remove(guildId, userId);
  }

  /**
   * A person types a registered slash command. `name` may include a subcommand ("event create").
   * `guildId` null = in the DM with the bot. Returns a handle to await the bot's answer.
   */
  runSlashCommand(
    guildId: string | null,
    channelId: string | null,
    userId: string,
    name: string,
    options: SlashOptions = {},
    act: ActOptions = {},
  ): InteractionHandle {
    const [commandName, ...path] = name.trim().split(/\s+/);
    const app = this.emu.application.id;
    const command = commandsOf(this.state).findByName(app, commandName!, guildId ?? undefined);
    if (!command)
      throw new DriverError(
        `No slash command /${commandName} is registered${guildId ? ` in guild ${guildId}` : ''}`,
      );
    const where = this.place(guildId, channelId, userId);
    if (
      !guildId &&
      (command.dm_permission === false ||
        (command.contexts && !command.contexts.includes(InteractionContextType.BotDM)))
    ) {
      throw new DriverError(`/${commandName} is not available in DMs`);
    }
    if (guildId && command.contexts && !command.contexts.includes(InteractionContextType.Guild)) {
      throw new DriverError(`/${commandName} is not available in guilds`);
    }
    if (guildId && command.default_member_permissions !== null) {
      const needed = BigInt(command.default_member_permissions!);
      if ((permissionsFor(this.state, guildId, userId, where.channelId) & needed) !== needed) {
        throw new DriverError(`User ${userId} cannot see /${commandName}: it needs permissions ${needed}`);
      }
    }
    const resolved: APIInteractionDataResolved = {};
    const built = this.buildOptions(command.options ?? [], path, options, guildId, resolved);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(built.length ? { options: built } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.dispatch(InteractionType.ApplicationCommand, data, where, userId, act);
  }

  /** A person uses a user context-menu command ("Apps → name") on `targetId`. */
  runUserCommand(
    guildId: string,
    channelId: string,
    userId: string,
    name: string,
    targetId: string,
    act: ActOptions = {},
  ): InteractionHandle {
    const app = this.emu.application.id;
    const command = commandsOf(this.state).findByName(app, name, guildId, ApplicationCommandType.User);
    if (!command) throw new DriverError(`No user command "${name}" is registered in guild ${guildId}`);
    const where = this.place(guildId, channelId, userId);
    const resolved: APIInteractionDataResolved = {};
    this.resolveUser(targetId, guildId, resolved);
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.User,
      target_id: targetId,
      resolved,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.dispatch(InteractionType.ApplicationCommand, data, where, userId, act);
  }

  /** A person clicks a button on a message (the bot's or an ephemeral reply). */
  clickButton(messageId: string, customId: string, userId: string, act: ActOptions = {}): InteractionHandle {
    const { message, component } = this.findComponent(messageId, customId);
    if (component.type !== ComponentType.Button) throw new DriverError(`${customId} is not a button`);
    const data = { custom_id: customId, component_type: ComponentType.Button };
    return this.dispatchOnMessage(message, data, userId, act);
  }

  /** A person picks values in a string or user select menu. */
  selectValues(
    messageId: string,
    customId: string,
    userId: string,
    values: string[],
    act: ActOptions = {},
  ): InteractionHandle {
    const { message, component } = this.findComponent(messageId, customId);
    const min = (component.min_values as number | undefined) ?? 1;
    const max = (component.max_values as number | undefined) ?? 1;
    if (values.length < min || values.length > max)
      throw new DriverError(`${customId} takes ${min}..${max} values, got ${values.length}`);
    const guildId = this.state.channels.get(message.channel_id).guildId ?? null;
    const resolved: APIInteractionDataResolved = {};
    if (component.type === ComponentType.StringSelect) {
      const allowed = new Set(
        ((component.options as { value: string }[] | undefined) ?? []).map((o) => o.value),
      );
      const bad = values.filter((v) => !allowed.has(v));
      if (bad.length) throw new DriverError(`${customId} has no option(s) ${bad.join(', ')}`);
    } else if (component.type === ComponentType.UserSelect) {
      for (const id of values) this.resolveUser(id, guildId, resolved);
    } else if (component.type === ComponentType.RoleSelect) {
      for (const id of values) this.resolveRole(id, guildId, resolved);
    } else if (component.type === ComponentType.ChannelSelect) {
      for (const id of values) this.resolveChannel(id, resolved);
    } else if (component.type === ComponentType.MentionableSelect) {
      for (const id of values) {
        if (this.state.users.find(id)) this.resolveUser(id, guildId, resolved);
        else this.resolveRole(id, guildId, resolved);
      }
    } else {
      throw new DriverError(
        `${customId} is a component of type ${String(component.type)}, not a supported select`,
      );
    }
    const data = {
      custom_id: customId,
      component_type: component.type,
      values,
      ...(Object.keys(resolved).length ? { resolved } : {}),
    };
    return this.dispatchOnMessage(message, data, userId, act);
  }

  /**
   * A person fills in and submits the modal the bot showed in answer to `handle`.
   * `fields` maps text-input custom ids to values; required fields must be present.
   */
  submitModal(
    handle: InteractionHandle,
    customId: string | undefined,
    fields: Record<string, string>,
    act: ActOptions = {},
  ): InteractionHandle {
    const modal = handle.record.responses.find((e) => e.modal)?.modal;
    if (!modal) throw new DriverError(`The bot showed no modal for interaction ${handle.id}`);
    if (customId !== undefined && modal.custom_id !== customId)
      throw new DriverError(`The modal is ${modal.custom_id}, not ${customId}`);
    const components = modal.components.map((row) =>
      this.fillModalRow(row as unknown as Record<string, unknown>, fields),
    );
    const unknown = Object.keys(fields).filter(
      (k) => !JSON.stringify(components).includes(`"custom_id":${JSON.stringify(k)}`),
    );
    if (unknown.length) throw new DriverError(`The modal has no field(s) ${unknown.join(', ')}`);
    const source = handle.record;
    const where = { guildId: source.guildId ?? null, channelId: source.channelId };
    const message = source.sourceMessageId ? this.findMessage(source.sourceMessageId) : undefined;
    const data = { custom_id: modal.custom_id, components };
    return this.dispatch(InteractionType.ModalSubmit, data, where, source.userId, act, message, source.id);
  }

  voiceJoin(guildId: string, userId: string, channelId: string) {
    return this.state.voice.join(guildId, userId, channelId);
  }

  voiceMove(guildId: string, userId: string, channelId: string) {
    return this.state.voice.move(guildId, userId, channelId);
  }

  voiceLeave(guildId: string, userId: string): void {
    this.state.voice.leave(guildId, userId);
  }

  /** A person posts a message in a channel (members only). Emits MESSAGE_CREATE. */
  sendMessage(channelId: string, userId: string, content: string): APIMessage {
    const channel = this.state.channels.get(channelId);
    if (channel.guildId) this.state.members.get(channel.guildId, userId);
    return this.state.messages.create(channelId, { authorId: userId, content });
  }

  /** The person turns off DMs from the bot: its DM sends then fail with 403 50007. */
  closeDms(userId: string, closed = true): void {
    this.state.users.setDmsClosed(userId, closed);
  }

  // ── inspectors ────────────────────────────────────────────────────────────

  /** Messages of a channel, oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return this.state.messages.list(channelId).reverse();
  }

  /** What the bot sent a user by DM, oldest first. */
  dmsTo(userId: string): APIMessage[] {
    const dm = this.state.channels.findDm(userId);
    return dm ? this.messagesIn(dm.id).filter((m) => m.author.id === this.emu.botUser.id) : [];
  }

  /** The member's role ids (without @everyone). */
  memberRoles(guildId: string, userId: string): string[] {
    return [...this.state.members.get(guildId, userId).roles];
  }

  /** Everything the bot did with an interaction. */
  interactionResponses(interactionId: string): InteractionResponseEntry[] {
    const record = interactionsOf(this.state).find(interactionId);
    if (!record) throw new DriverError(`Unknown interaction ${interactionId}`);
    return [...record.responses];
  }

  /**
   * Resolves with the first truthy value of `probe`, re-checked after every gateway dispatch,
   * interaction response and every 20 ms; rejects after `timeoutMs`.
   */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const store = interactionsOf(this.state);
      const check = () => {
        let value: T | undefined | null | false;
        try {
          value = probe();
        } catch (error) {
          return finish(() => reject(error as Error));
        }
        if (value) finish(() => resolve(value as T));
      };
      const unsubscribe = this.state.onDispatch(() => queueMicrotask(check));
      store.on('response', check);
      const interval = setInterval(check, 20);
      const timer = setTimeout(
        () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))),
        timeoutMs,
      );
      let done = false;
      function finish(settle: () => void) {
        if (done) return;
        done = true;
        unsubscribe();
        store.off('response', check);
        clearInterval(interval);
        clearTimeout(timer);
        settle();
      }
      check();
    });
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private place(
    guildId: string | null,
    channelId: string | null,
    userId: string,
  ): { guildId: string | null; channelId: string } {
    if (!guildId) {
      if (this.state.users.get(userId).dmsClosed) throw new DriverError(`User ${userId} has DMs closed`);
      return { guildId: null, channelId: channelId ?? this.state.channels.openDm(userId).id };
    }
    this.state.members.get(guildId, userId);
    if (!channelId) throw new DriverError('A guild interaction needs a channel');
    const channel = this.state.channels.get(channelId);
    if (channel.guildId !== guildId) throw new DriverError(`Channel ${channelId} is not in guild ${guildId}`);
    return { guildId, channelId };
  }

  private buildOptions(
    defs: APIApplicationCommandOption[],
    path: string[],
    values: SlashOptions,
    guildId: string | null,
    resolved: APIInteractionDataResolved,
  ): APIApplicationCommandInteractionDataOption[] {
    const [next, ...rest] = path;
    if (next !== undefined) {
      const sub = defs.find(
        (d) =>
          d.name === next &&
          (d.type === ApplicationCommandOptionType.Subcommand ||
            d.type === ApplicationCommandOptionType.SubcommandGroup),
      );
      if (!sub) throw new DriverError(`No subcommand ${next}`);
      const inner = this.buildOptions(
        (sub as { options?: APIApplicationCommandOption[] }).options ?? [],
        rest,
        values,
        guildId,
        resolved,
      );
      return [
        { type: sub.type, name: sub.name, options: inner } as APIApplicationCommandInteractionDataOption,
      ];
    }
    if (
      defs.some(
        (d) =>
          d.type === ApplicationCommandOptionType.Subcommand ||
          d.type === ApplicationCommandOptionType.SubcommandGroup,
      )
    ) {
      throw new DriverError('This command needs a subcommand: name it as "command sub"');
    }
    const unknown = Object.keys(values).filter((k) => !defs.some((d) => d.name === k));
    if (unknown.length) throw new DriverError(`Unknown option(s): ${unknown.join(', ')}`);
    const out: APIApplicationCommandInteractionDataOption[] = [];
    for (const def of defs) {
      const value = values[def.name];
      if (value === undefined) {
        if ((def as { required?: boolean }).required) throw new DriverError(`Option ${def.name} is required`);
        continue;
      }
      const choices = (def as { choices?: { value: unknown }[] }).choices;
      if (choices?.length && !choices.some((c) => c.value === value))
        throw new DriverError(`${String(value)} is not a choice of ${def.name}`);
      const id = String(value);
      if (def.type === ApplicationCommandOptionType.User) this.resolveUser(id, guildId, resolved);
      if (def.type === ApplicationCommandOptionType.Role) this.resolveRole(id, guildId, resolved);
      if (def.type === ApplicationCommandOptionType.Channel) this.resolveChannel(id, resolved);
      if (def.type === ApplicationCommandOptionType.Mentionable) {
        if (this.state.users.find(id)) this.resolveUser(id, guildId, resolved);
        else this.resolveRole(id, guildId, resolved);
      }
      out.push({ type: def.type, name: def.name, value } as APIApplicationCommandInteractionDataOption);
    }
    return out;
  }

  private resolveUser(userId: string, guildId: string | null, resolved: APIInteractionDataResolved): void {
    const user = this.state.users.get(userId);
    resolved.users = { ...resolved.users, [userId]: this.publicUser(user) };
    const member = guildId ? this.state.members.find(guildId, userId) : undefined;
    if (guildId && member) {
      const { user: _user, ...partial } = this.state.members.toApi(member);
      const permissions = permissionsFor(this.state, guildId, userId).toString();
      resolved.members = { ...resolved.members, [userId]: { ...partial, permissions } as never };
    }
  }

  private resolveRole(roleId: string, guildId: string | null, resolved: APIInteractionDataResolved): void {
    if (!guildId) throw new DriverError('Roles exist only in guilds');
    resolved.roles = { ...resolved.roles, [roleId]: { ...this.state.roles.get(guildId, roleId) } };
  }

  private resolveChannel(channelId: string, resolved: APIInteractionDataResolved): void {
    const channel = this.state.channels.get(channelId);
    const api = this.state.channels.toApi(channel) as unknown as Record<string, unknown>;
    const permissions = channel.guildId
      ? permissionsFor(this.state, channel.guildId, this.emu.botUser.id, channel.id).toString()
      : '0';
    resolved.channels = {
      ...resolved.channels,
      [channelId]: {
        id: channel.id,
        name: channel.name,
        type: channel.type,
        permissions,
        parent_id: api.parent_id,
      } as never,
    };
  }

  private publicUser(user: ReturnType<typeof this.state.users.get>) {
    return serializeUser(user);
  }

  private findMessage(messageId: string): APIMessage {
    const ephemeral = findEphemeral(this.state, messageId);
    if (ephemeral) return ephemeral;
    for (const bucket of this.state.data.messages.values()) {
      const message = bucket.get(messageId);
      if (message) return message;
    }
    throw new DriverError(`Unknown message ${messageId}`);
  }

  private findComponent(
    messageId: string,
    customId: string,
  ): { message: APIMessage; component: Record<string, unknown> } {
    const message = this.findMessage(messageId);
    const found = searchComponents(message.components ?? [], customId);
    if (!found) throw new DriverError(`Message ${messageId} has no component ${customId}`);
    if (found.disabled) throw new DriverError(`Component ${customId} is disabled`);
    return { message, component: found };
  }

  private dispatchOnMessage(
    message: APIMessage,
    data: object,
    userId: string,
    act: ActOptions,
  ): InteractionHandle {
    const channel = this.state.channels.get(message.channel_id);
    const where = { guildId: channel.guildId ?? null, channelId: channel.id };
    if (where.guildId) this.state.members.get(where.guildId, userId);
    return this.dispatch(InteractionType.MessageComponent, data, where, userId, act, message);
  }

  private fillModalRow(
    row: Record<string, unknown>,
    fields: Record<string, string>,
  ): Record<string, unknown> {
    const fill = (input: Record<string, unknown>) => {
      const id = input.custom_id as string;
      const value = fields[id] ?? '';
      if (input.required !== false && value === '') throw new DriverError(`Modal field ${id} is required`);
      const maxLength = (input.max_length as number | undefined) ?? 4000;
      const minLength = (input.min_length as number | undefined) ?? 0;
      if (value.length > maxLength || (value !== '' && value.length < minLength)) {
        throw new DriverError(`Modal field ${id} takes ${minLength}..${maxLength} characters`);
      }
      return { type: ComponentType.TextInput, id: input.id, custom_id: id, value };
    };
    if (row.type === ComponentType.ActionRow) {
      return {
        type: ComponentType.ActionRow,
        id: row.id,
        components: (row.components as Record<string, unknown>[]).map(fill),
      };
    }
    if (row.type === ComponentType.Label)
      return {
        type: ComponentType.Label,
        id: row.id,
        component: fill(row.component as Record<string, unknown>),
      };
    if (row.type === ComponentType.TextDisplay) return { type: ComponentType.TextDisplay, id: row.id };
    throw new DriverError(
      `Modal component type ${String(row.type)} is not supported by the emulator's drivers`,
    );
  }

  /** Builds the INTERACTION_CREATE payload discord.js needs, records it, and dispatches it. */
  private dispatch(
    type: InteractionType,
    data: object,
    where: { guildId: string | null; channelId: string },
    userId: string,
    act: ActOptions,
    message?: APIMessage,
    triggeringInteractionId?: string,
  ): InteractionHandle {
    const state = this.state;
    const user = this.publicUser(state.users.get(userId));
    const guild = where.guildId ? state.guilds.get(where.guildId) : undefined;
    const channel = state.channels.get(where.channelId);
    const locale = act.locale ?? user.locale ?? guild?.preferredLocale ?? 'en-US';
    const id = snowflake();
    const token = newInteractionToken();
    const appPermissions = guild
      ? permissionsFor(state, guild.id, this.emu.botUser.id, channel.id)
      : DM_APP_PERMISSIONS;
    let who: object;
    if (guild) {
      const member = state.members.toApi(state.members.get(guild.id, userId));
      who = {
        member: { ...member, permissions: permissionsFor(state, guild.id, userId, channel.id).toString() },
      };
    } else {
      who = { user };
    }
    const channelPayload =
      channel.type === ChannelType.DM
        ? {
            id: channel.id,
            type: ChannelType.DM,
            last_message_id: channel.lastMessageId,
            flags: 0,
            recipients: [user],
          }
        : {
            ...state.channels.toApi(channel),
            permissions: permissionsFor(state, guild!.id, userId, channel.id).toString(),
          };
    const payload = {
      id,
      application_id: this.emu.application.id,
      type,
      data,
      ...(guild
        ? {
            guild_id: guild.id,
            guild: { id: guild.id, locale: guild.preferredLocale, features: [...guild.features] },
          }
        : {}),
      channel: channelPayload,
      channel_id: channel.id,
      ...who,
      token,
      version: 1,
      app_permissions: appPermissions.toString(),
      locale,
      ...(guild ? { guild_locale: guild.preferredLocale } : {}),
      entitlements: [],
      authorizing_integration_owners: { '0': guild ? guild.id : '0' },
      context: guild ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      ...(message ? { message } : {}),
    } as unknown as APIInteraction;
    const record = interactionsOf(state).add({
      id,
      token,
      applicationId: this.emu.application.id,
      type,
      payload,
      guildId: guild?.id,
      channelId: channel.id,
      userId,
      createdAt: Date.now(),
      sourceMessageId: message?.id,
      triggeringInteractionId,
    });
    state.emit(GatewayDispatchEvents.InteractionCreate, payload, guild?.id);
    return new InteractionHandle(this, record);
  }
}

/** A member's permissions in a channel (or guild-wide without one), as Discord computes them. */
export function permissionsFor(
  state: DiscordState,
  guildId: string,
  userId: string,
  channelId?: string,
): bigint {
  const guild = state.guilds.get(guildId);
  return channelId
    ? channelPermissions(guild, state.channels.get(channelId), userId)
    : basePermissions(guild, userId);
}

/** What a bot may do in a DM with a user: read, write, embed, attach, react (no moderation). */
const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

function searchComponents(list: unknown[], customId: string): Record<string, unknown> | undefined {
  for (const raw of list) {
    const c = raw as Record<string, unknown>;
    if (c.custom_id === customId) return c;
    for (const key of ['components', 'component', 'accessory']) {
      const inner = c[key];
      const found = Array.isArray(inner)
        ? searchComponents(inner, customId)
        : inner
          ? searchComponents([inner], customId)
          : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

const driversByContext = new WeakMap<EmulatorContext, Drivers>();

/** The drivers of an emulator (one instance per context). */
export function driversFor(emu: EmulatorContext): Drivers {
  let drivers = driversByContext.get(emu);
  if (!drivers) driversByContext.set(emu, (drivers = new Drivers(emu)));
  return drivers;
}
