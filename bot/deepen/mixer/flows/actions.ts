/**
 * What an organiser can do to a running mixer, from the control message or a slash command:
 * next round, +2 minutes, broadcast to every room, end. Each answers with a localized line.
 */
import type { Client, Guild } from 'discord.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale, type Translator } from '../../../../shared/i18n/index.js';
import type { BotContext } from '../../../context.js';
import { UserError } from '../../../core/user-error.js';
import { discordTime } from '../presenters/control.presenter.js';
import { drive } from './driver.js';
import { scheduleTicks } from './jobs.js';
import { postInRooms, refreshControl } from './posts.js';

export const EXTEND_MS = 2 * 60_000;
/** Discord's message content limit leaves room for the "from the organiser" line. */
export const BROADCAST_MAX = 1500;

export async function nextRound(
  ctx: BotContext,
  client: Client,
  run: MixerRunView,
  tr: Translator,
): Promise<string> {
  if (run.phase !== 'talking') throw new UserError('deepen.mixer.error.notTalking');
  // Stored first (as an end request is): the worker holding the run's lease ends the round at its
  // next step even when this drive cannot take the lease (another worker applying voice changes).
  const round = run.state.currentRound;
  if (!(await ctx.services.mixer.runs.requestNextRound(run.runId, round)))
    throw new UserError('deepen.mixer.error.notTalking');
  void drive(ctx, client, run.runId, { kind: 'end-round', round, early: true });
  return run.state.currentRound + 1 < run.strategies.length
    ? tr('deepen.mixer.action.next')
    : tr('deepen.mixer.action.last');
}

export async function extend(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  tr: Translator,
): Promise<string> {
  const extended = await ctx.services.mixer.runs.extendRound(run.runId, EXTEND_MS);
  await scheduleTicks(ctx.agenda, extended);
  const end = extended.roundEndsAt!;
  const rooms = translator(run.locale as Locale);
  await postInRooms(
    guild,
    extended,
    rooms('deepen.mixer.room.extended', { end: `${discordTime(end, 't')} (${discordTime(end)})` }),
  );
  await refreshControl(guild, extended);
  return tr('deepen.mixer.action.extended', { end: discordTime(end) });
}

export async function broadcast(
  guild: Guild,
  run: MixerRunView,
  text: string,
  tr: Translator,
): Promise<string> {
  const message = text.trim();
  if (!message) throw new UserError('deepen.mixer.error.emptyBroadcast');
  if ([...message].length > BROADCAST_MAX)
    throw new UserError('deepen.mixer.error.longBroadcast', { max: BROADCAST_MAX });
  const rooms = translator(run.locale as Locale);
  await postInRooms(guild, run, `${rooms('deepen.mixer.room.broadcast')}\n${message}`);
  return tr('deepen.mixer.action.broadcast', { rooms: run.rooms.length });
}

export async function endMixer(
  ctx: BotContext,
  client: Client,
  run: MixerRunView,
  tr: Translator,
): Promise<string> {
  // Stored first: whichever worker holds the run's lease ends it at its next step.
  await ctx.services.mixer.runs.requestEnd(run.runId);
  void drive(ctx, client, run.runId, { kind: 'end' });
  return tr('deepen.mixer.action.ending');
}
