/**
 * The prompt each room gets: fitted to what its group shares, in the guild's language, never one
 * a member of the group already heard in this mixer. The choice is stored with the run.
 */
import type { Locale } from '../../i18n/index.js';
import { pickPrompt, type PickedPrompt } from '../prompts/index.js';
import { listCustomPrompts } from './custom-prompt.service.js';
import { getRun, stateOf, updateRun, type MixerRunView } from './mixer-run.service.js';
import { sharedAttributes } from './participants.js';

/**
 * Picks the next prompt for room `room` in round `round` and stores it (`turn` counts the "new
 * prompt" presses). Returns the prompt and the room's group.
 */
export async function nextPrompt(runId: string, round: number, room: number): Promise<PickedPrompt> {
  const first = await getRun(runId);
  const custom = await listCustomPrompts(first.guildId, first.theme);
  let picked: PickedPrompt | null = null;
  // Two presses at once: the second write finds the version moved on, reads again and picks
  // the next prompt, so neither id is lost and neither prompt repeats.
  await updateRun(runId, (run) => {
    picked = pick(run, round, room, custom);
    const own = run.prompts.find((p) => p.round === round && p.room === room);
    const prompts = own
      ? run.prompts.map((p) => (p === own ? { ...p, promptIds: [...p.promptIds, picked!.id] } : p))
      : [...run.prompts, { round, room, promptIds: [picked.id], messageId: null }];
    return { prompts };
  });
  return picked!;
}

function pick(
  run: MixerRunView,
  round: number,
  room: number,
  custom: Awaited<ReturnType<typeof listCustomPrompts>>,
): PickedPrompt {
  const state = stateOf(run);
  const groups = state.rounds[round] ?? [];
  const g = (run.roomOfGroup[round] ?? []).indexOf(room);
  const members = g >= 0 ? (groups[g] ?? []) : [];
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  const people = members.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  // Everything any member of this group has been shown in this mixer, oldest first.
  const used: string[] = [];
  for (const entry of run.prompts) {
    const g2 = (run.roomOfGroup[entry.round] ?? []).indexOf(entry.room);
    const earlier = g2 >= 0 ? (state.rounds[entry.round]?.[g2] ?? []) : [];
    if (entry.round === round && entry.room === room) used.push(...entry.promptIds);
    else if (earlier.some((id) => members.includes(id))) used.push(...entry.promptIds);
  }
  const own = run.prompts.find((p) => p.round === round && p.room === room);
  const strategy = run.strategies[round];
  const shared = strategy?.kind === 'mixed' ? [] : sharedAttributes(people, run.locale as Locale);
  return pickPrompt({
    theme: run.theme,
    locale: run.locale as Locale,
    shared,
    used,
    custom,
    seed: `${run.runId}:${round}:${room}`,
    turn: own?.promptIds.length ?? 0,
  });
}

/** Records the message a room's first prompt of a round went into (so a restart does not post it twice). */
export async function markPromptPosted(
  runId: string,
  round: number,
  room: number,
  messageId: string,
): Promise<void> {
  await updateRun(runId, (run) => ({
    prompts: run.prompts.map((p) => (p.round === round && p.room === room ? { ...p, messageId } : p)),
  }));
}
