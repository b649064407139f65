/** Posting into the mixer's channels: the control message, each room's prompt, warnings and broadcasts. */
import type { Guild } from 'discord.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { BotContext } from '../../../context.js';
import { controlMessage } from '../presenters/control.presenter.js';
import { promptMessage } from '../presenters/room.presenter.js';

/** Posts the control message in the lobby's text chat (voice channels have one) and stores its id. */
export async function postControl(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<MixerRunView> {
  const lobby = guild.channels.cache.get(run.lobbyChannelId);
  if (!lobby?.isSendable()) return run;
  const message = await lobby.send(controlMessage(run));
  return ctx.services.mixer.runs.saveStep(run.runId, {
    controlChannelId: lobby.id,
    controlMessageId: message.id,
  });
}

/** Edits the control message (best effort: a deleted message is not an error of the mixer). */
export async function refreshControl(guild: Guild, run: MixerRunView, progress?: string): Promise<void> {
  if (!run.controlChannelId || !run.controlMessageId) return;
  const channel = guild.channels.cache.get(run.controlChannelId);
  if (!channel?.isTextBased()) return;
  const { content, embeds, components } = controlMessage(run, progress);
  await channel.messages.edit(run.controlMessageId, { content, embeds, components }).catch(() => undefined);
}

/** Posts `content` in every room's text chat (and the lobby when `lobby` is set). */
export async function postInRooms(
  guild: Guild,
  run: MixerRunView,
  content: string,
  lobby = false,
): Promise<void> {
  const ids = [...run.rooms, ...(lobby ? [run.lobbyChannelId] : [])];
  await Promise.all(
    ids.map(async (id) => {
      const channel = guild.channels.cache.get(id);
      if (channel?.isSendable())
        await channel.send({ content, allowedMentions: { parse: [] } }).catch(() => undefined);
    }),
  );
}

/** The one-minute warning in every room. */
export async function warnRooms(guild: Guild, run: MixerRunView): Promise<void> {
  const tr = translator(run.locale as Locale);
  await postInRooms(guild, run, tr('deepen.mixer.room.oneMinute'));
}

/**
 * Posts the round's prompt in each room that has a group, once: a restart finds the stored
 * message id and skips the room.
 */
export async function postRoundPrompts(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<void> {
  const svc = ctx.services.mixer;
  const round = run.state.currentRound;
  const groups = run.state.rounds[round] ?? [];
  const rooms = run.roomOfGroup[round] ?? [];
  for (let g = 0; g < groups.length; g++) {
    const members = groups[g] ?? [];
    const room = rooms[g];
    if (room === undefined || members.length === 0) continue;
    const stored = run.prompts.find((p) => p.round === round && p.room === room);
    if (stored?.messageId) continue;
    const channel = guild.channels.cache.get(run.rooms[room] ?? '');
    if (!channel?.isSendable()) continue;
    const prompt = await svc.prompts.nextPrompt(run.runId, round, room);
    const message = await channel.send(promptMessage(run, round, room, prompt, members));
    await svc.prompts.markPromptPosted(run.runId, round, room, message.id);
  }
}
