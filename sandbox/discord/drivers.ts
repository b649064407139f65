/**
 * Drivers act as people do (join, type a slash command or into its autocomplete option, click, pick, submit a modal, voice, chat,
 * close DMs) and inspectors show what the bot did. Tests use them in-process; control-api.ts
 * serves the same calls over HTTP. This is the public entry: the work is done in drivers/*.
 */
import type { APIGuildMember, APIMessage } from 'discord-api-types/v10';
import type { EmulatorContext } from './context.js';
import type { InteractionRecord, InteractionResponseEntry } from './rest/interactions.js';
import type { CreateUserInput } from './state/users.js';
import { InteractionHandle } from './drivers/handle.js';
import * as inspect from './drivers/inspectors.js';
import * as act from './drivers/interactions.js';
import * as complete from './drivers/autocomplete.js';
import * as people from './drivers/people.js';
import type { ActOptions, SlashOptions } from './drivers/types.js';

export { DriverError, type ActOptions, type SlashOptions } from './drivers/types.js';
export { InteractionHandle } from './drivers/handle.js';
export { permissionsFor } from './drivers/permissions.js';

/** People and inspectors for one emulator. */
export class Drivers {
  constructor(private readonly emu: EmulatorContext) {}

  private get state() {
    return this.emu.state;
  }

  // ── people ────────────────────────────────────────────────────────────────

  /** Creates a user (a person who is not in any guild yet). */
  createUser(input: CreateUserInput) {
    return people.createUser(this.emu, input);
  }

  /** A person joins a guild, optionally through an invite (its uses go up). Emits GUILD_MEMBER_ADD. */
  memberJoin(
    guildId: string,
    user: string | CreateUserInput,
    options: { inviteCode?: string } = {},
  ): APIGuildMember {
    return people.memberJoin(this.emu, guildId, user, options);
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
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(act.runSlashCommand(this.emu, guildId, channelId, userId, name, options, acting));
  }

  /**
   * A person types `typed` into the autocomplete option `option` of `/name` ("relay nominate"),
   * `options` being the others filled so far: the bot gets an autocomplete interaction (type 4).
   * `await handle.waitForChoices()` gives the bot's suggestions.
   */
  typeInOption(
    guildId: string | null,
    channelId: string | null,
    userId: string,
    name: string,
    option: string,
    typed: string,
    options: SlashOptions = {},
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(
      complete.typeInOption(this.emu, guildId, channelId, userId, name, option, typed, options, acting),
    );
  }

  /** A person uses a user context-menu command ("Apps → name") on `targetId`. */
  runUserCommand(
    guildId: string,
    channelId: string,
    userId: string,
    name: string,
    targetId: string,
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(act.runUserCommand(this.emu, guildId, channelId, userId, name, targetId, acting));
  }

  /** A person clicks a button on a message (the bot's or an ephemeral reply). */
  clickButton(
    messageId: string,
    customId: string,
    userId: string,
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(act.clickButton(this.emu, messageId, customId, userId, acting));
  }

  /** A person picks values in a string or user select menu. */
  selectValues(
    messageId: string,
    customId: string,
    userId: string,
    values: string[],
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(act.selectValues(this.emu, messageId, customId, userId, values, acting));
  }

  /**
   * A person fills in and submits the modal the bot showed in answer to `handle`.
   * `fields` maps text-input custom ids to values; required fields must be present.
   */
  submitModal(
    handle: InteractionHandle,
    customId: string | undefined,
    fields: Record<string, string>,
    acting: ActOptions = {},
  ): InteractionHandle {
    return this.handle(act.submitModal(this.emu, handle.record, customId, fields, acting));
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
    return people.sendMessage(this.emu, channelId, userId, content);
  }

  /** The person turns off DMs from the bot: its DM sends then fail with 403 50007. */
  closeDms(userId: string, closed = true): void {
    this.state.users.setDmsClosed(userId, closed);
  }

  // ── inspectors ────────────────────────────────────────────────────────────

  /** Messages of a channel, oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return inspect.messagesIn(this.emu, channelId);
  }

  /** What the bot sent a user by DM, oldest first. */
  dmsTo(userId: string): APIMessage[] {
    return inspect.dmsTo(this.emu, userId);
  }

  /** The member's role ids (without @everyone). */
  memberRoles(guildId: string, userId: string): string[] {
    return [...this.state.members.get(guildId, userId).roles];
  }

  /** Everything the bot did with an interaction. */
  interactionResponses(interactionId: string): InteractionResponseEntry[] {
    return inspect.interactionResponses(this.emu, interactionId);
  }

  /**
   * Resolves with the first truthy value of `probe`, re-checked after every gateway dispatch,
   * interaction response and every 20 ms; rejects after `timeoutMs`.
   */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return inspect.waitFor(this.emu, probe, timeoutMs, what);
  }

  private handle(record: InteractionRecord): InteractionHandle {
    return new InteractionHandle(this, record);
  }
}

const driversByContext = new WeakMap<EmulatorContext, Drivers>();

/** The drivers of an emulator (one instance per context). */
export function driversFor(emu: EmulatorContext): Drivers {
  let drivers = driversByContext.get(emu);
  if (!drivers) driversByContext.set(emu, (drivers = new Drivers(emu)));
  return drivers;
}
