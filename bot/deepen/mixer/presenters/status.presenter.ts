/** `/mixer status`: one paragraph on where a running mixer is. */
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import type { Translator } from '../../../../shared/i18n/index.js';
import { discordTime } from './control.presenter.js';

export function statusText(tr: Translator, run: MixerRunView): string {
  return tr('deepen.mixer.status', {
    lobby: `<#${run.lobbyChannelId}>`,
    round: run.state.currentRound + 1,
    rounds: run.strategies.length,
    phase: tr(`deepen.mixer.phase.${run.phase}`),
    people: run.state.participants.length,
    end: run.roundEndsAt ? discordTime(run.roundEndsAt) : '—',
    moved: `${run.moves.done}/${run.moves.total}`,
  });
}
