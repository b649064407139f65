/**
 * People acting through the control API carry what their Discord client would send: their own
 * language unless the call names one (the Discord view never names one).
 */
import { expect } from 'chai';
import { startViewWorld, type ViewWorld } from './view-world.js';

describe('emulator control API: people act in their own language', () => {
  let w: ViewWorld;

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  const slash = async (userId: string, extra: Record<string, string> = {}) => {
    const next = w.nextInteraction();
    const res = await w.control('POST', '/interactions/slash', {
      guildId: w.guildId,
      channelId: w.channel('general'),
      userId,
      name: 'profile',
      options: { field: 'industry' },
      ...extra,
    });
    expect(res.status).to.equal(200);
    return next;
  };

  it('sends the person’s own locale with an interaction when the call names none', async () => {
    const joined = await w.control('POST', `/guilds/${w.guildId}/members`, {
      username: 'hanako',
      locale: 'ja',
    });
    expect((await slash(joined.body.user.id)).locale).to.equal('ja');
  });

  it('lets the call name another locale, and falls back to the guild’s for a person without one', async () => {
    const [member] = w.seeded.members;
    expect((await slash(member!.id, { locale: 'fr' })).locale).to.equal('fr');
    expect((await slash(member!.id)).locale).to.equal(w.emu.state.guilds.get(w.guildId).preferredLocale);
  });

  it('uses the person’s locale in the DM with the bot too', async () => {
    const user = await w.control('POST', '/users', { username: 'dm.person', locale: 'ja' });
    await w.asBot('POST', '/applications/' + w.emu.application.id + '/commands', {
      name: 'hello',
      description: 'Hi',
      contexts: [0, 1],
    });
    const next = w.nextInteraction();
    await w.control('POST', '/interactions/slash', { userId: user.body.id, name: 'hello' });
    const interaction = await next;
    expect(interaction.locale).to.equal('ja');
    expect(interaction.guild_id).to.equal(undefined);
  });
});
