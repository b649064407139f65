/** `/mixer status`: one paragraph on where a running mixer is. */
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import type { Translator } from '../../../../shared/i18n/index.js';
import { discordTime, unmovedCount, unmovedLine } from './control.presenter.js';

export function statusText(tr: Translator, run: MixerRunView): string {
  const unmoved = unmovedLine(tr, run);
  return tr('deepen.mixer.status', {
    lobby: `<#${run.lobbyChannelId}>`,
    round: run.state.currentRound + 1,
    rounds: run.strategies.length,
    phase: tr(`deepen.mixer.phase.${run.phase}`),
    people: run.state.participants.length,
    end: run.roundEndsAt ? discordTime(run.roundEndsAt) : '—',
    // Moved as the control message counts them: the moves done less those that left people out.
    moved: `${run.moves.done - unmovedCount(run)}/${run.moves.total}${unmoved ? ` (${unmoved})` : ''}`,
  });
}
