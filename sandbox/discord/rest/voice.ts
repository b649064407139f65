/** Voice states: GET /guilds/:g/voice-states/@me and /:userId. */
import { DiscordApiError } from '../errors.js';
import type { Router } from '../router.js';
import { serializeVoiceState } from '../state/serialize.js';
import { guildForBot } from './access.js';

export function registerVoiceRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/voice-states/:userId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    const userId = params.userId === '@me' ? emu.botUser.id : params.userId!;
    const state = emu.state.voice.find(guild.id, userId);
    if (!state) throw new DiscordApiError(404, 10065, 'Unknown Voice State');
    const member = emu.state.members.find(guild.id, userId);
    return { body: serializeVoiceState(state, member ? emu.state.members.toApi(member) : undefined) };
  });
}
