/* global setTimeout, clearTimeout */
/**
 * Everything the view does as the acting member, through the control API and so through the
 * people drivers: the bot gets the same gateway events and interactions a Discord client causes.
 * After an interaction the view waits for the bot's first answer: a modal opens, silence within
 * Discord's 3 seconds is "this interaction failed".
 */
import { call, get, post, seg } from './api.js';
import { t } from './i18n.js';
import { openModal } from './modal.js';
import { currentChannelId, view } from './state.js';
import { toast } from './toast.js';

/** Interactions waiting for the bot's first answer, by id. */
const waiting = new Map();

/** The feed says the bot answered an interaction (app.js passes every notice here). */
export function noticeAnswer(notice) {
  if (notice.event === 'INTERACTION_RESPONSE' && notice.kind === 'callback')
    waiting.get(notice.interactionId)?.();
}

/**
 * Waits for the bot's first answer to an interaction, as the Discord client does: its modal
 * opens; no answer within the emulator's response window (Discord: 3 s) is "this interaction
 * failed". The feed tells when the answer comes; the interaction itself says what it was.
 */
export async function follow(interaction) {
  try {
    const record = await firstAnswer(interaction.id);
    if (record.acknowledged === null) return toast(t('interaction.failed'));
    const modal = record.responses.find((r) => r.kind === 'callback')?.modal;
    if (modal) openModal(modal, (fields) => submitModal(interaction.id, fields));
  } catch (error) {
    toast(errorText(error));
  }
}

/**
 * The interaction once the bot has answered it, or once the response window has passed
 * (`acknowledged` still null). The feed tells when the answer comes.
 */
async function firstAnswer(interactionId) {
  const answered = new Promise((resolve) => {
    const timer = setTimeout(resolve, view.interactionResponseMs + 300);
    waiting.set(interactionId, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    // The bot may have answered before the feed's notice could be awaited.
    const record = await get(`/interactions/${seg(interactionId)}`);
    if (record.acknowledged !== null) return record;
    await answered;
    return await get(`/interactions/${seg(interactionId)}`);
  } finally {
    waiting.delete(interactionId);
  }
}

async function submitModal(interactionId, fields) {
  const submitted = await post(`/interactions/${seg(interactionId)}/modal`, { fields });
  void follow(submitted);
}

/** Runs an action, showing its error instead of throwing (for click handlers). */
export async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    toast(errorText(error));
    return undefined;
  }
}

/**
 * The words of an error for a notice: the view's own sentence around the emulator's reason (which,
 * like Discord's API messages, is English and shown as it is).
 */
export const errorText = (error) =>
  t('action.refused', { reason: error instanceof Error ? error.message : String(error) });

/** The acting member presses a button on a message. */
export function clickButton(message, component) {
  return attempt(async () =>
    follow(
      await post('/interactions/button', {
        messageId: message.id,
        customId: component.custom_id,
        userId: view.actorId,
      }),
    ),
  );
}

/** The acting member picks values in a select menu on a message. */
export function pickValues(message, component, values) {
  return attempt(async () =>
    follow(
      await post('/interactions/select', {
        messageId: message.id,
        customId: component.custom_id,
        userId: view.actorId,
        values,
      }),
    ),
  );
}

/** Runs a slash command where the member is (errors go back to the picker, which shows them). */
export async function runSlash(path, options) {
  const inGuild = view.place === 'guild';
  const interaction = await post('/interactions/slash', {
    guildId: inGuild ? view.guildId : undefined,
    channelId: currentChannelId() ?? undefined,
    userId: view.actorId,
    name: path,
    options,
  });
  void follow(interaction);
}

/**
 * The acting member types into an autocomplete option: resolves with the bot's choices, or
 * rejects when it gives none within the response window (the client: "Loading options failed").
 */
export async function suggest(path, option, typed, options) {
  const inGuild = view.place === 'guild';
  const interaction = await post('/interactions/autocomplete', {
    guildId: inGuild ? view.guildId : undefined,
    channelId: currentChannelId() ?? undefined,
    userId: view.actorId,
    name: path,
    option,
    value: typed,
    options,
  });
  const record = await firstAnswer(interaction.id);
  const choices = record.responses.find((r) => r.kind === 'callback')?.choices;
  if (!choices) throw new Error(t('slash.suggestionsFailed'));
  return choices;
}

/** The acting member posts in the open channel (or their DM with the bot). */
export const sendMessage = (content) =>
  post(`/channels/${seg(currentChannelId())}/messages`, { userId: view.actorId, content });

/** The acting member connects to (or moves to) a voice channel. */
export function joinVoice(channelId) {
  return attempt(() => post('/voice/join', { guildId: view.guildId, userId: view.actorId, channelId }));
}

/** The acting member disconnects from voice. */
export function leaveVoice() {
  return attempt(() => post('/voice/leave', { guildId: view.guildId, userId: view.actorId }));
}

/** The acting member leaves the open guild. */
export function leaveServer() {
  return attempt(() => call('DELETE', `/guilds/${seg(view.guildId)}/members/${seg(view.actorId)}`));
}

/** The acting person joins the open guild, through an invite if one is given. */
export function joinServer(inviteCode) {
  return attempt(() =>
    post(`/guilds/${seg(view.guildId)}/members`, {
      userId: view.actorId,
      inviteCode: inviteCode || undefined,
    }),
  );
}

/** The acting person refuses (or accepts again) the bot's DMs. */
export function setDmsClosed(closed) {
  return attempt(() => call('PUT', `/users/${seg(view.actorId)}/dms`, { closed }));
}

/** A new person joins the open guild (through an invite, if one is chosen); resolves with their id. */
export async function createPerson({ username, globalName, locale, inviteCode }) {
  const member = await post(`/guilds/${seg(view.guildId)}/members`, {
    username,
    globalName: globalName || undefined,
    locale,
    inviteCode: inviteCode || undefined,
  });
  return member.user.id;
}
