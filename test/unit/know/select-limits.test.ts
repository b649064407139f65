/**
 * The nomination picker relies on Discord's string select limits (discord-api-docs,
 * interactions/message-components.md, String Select: at most 25 options, labels and values up to
 * 100 characters): the emulator refuses what Discord refuses (it validates with discord-api-spec's
 * schemas), so a prompt that broke them would fail every test rather than pass silently.
 */
import { expect } from 'chai';
import { validateMessageCreate } from '../../../sandbox/discord/validation.js';
import { nominatePrompt } from '../../../bot/know/presenters/relay.presenter.js';
import { translator } from '../../../shared/i18n/index.js';

const select = (options: { label: string; value: string }[]) => ({
  content: 'pick',
  components: [{ type: 1, components: [{ type: 3, custom_id: 'relay:nominate:1', options }] }],
});
const refused = (body: unknown) => {
  try {
    validateMessageCreate(body);
    return null;
  } catch (error) {
    return (error as { code?: number }).code ?? 'error';
  }
};

describe('string select limits the nomination picker relies on', () => {
  it('GIVEN 26 options or a 101-character label THEN the emulator answers 50035 as Discord does', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `m${i}`, value: String(i) }));
    expect(refused(select(options))).to.equal(50035);
    expect(refused(select([{ label: 'x'.repeat(101), value: '1' }]))).to.equal(50035);
    expect(refused(select(options.slice(0, 25)))).to.equal(null);
  });

  it('GIVEN the biggest prompt the bot builds THEN Discord would accept it', () => {
    const candidates = Array.from({ length: 25 }, (_, i) => ({
      userId: `1000000000000000${i + 10}`,
      label: 'ž'.repeat(200),
    }));
    const prompt = nominatePrompt(translator('ja'), {
      guildId: '1',
      candidates,
      total: 80,
      offset: 25,
      holderId: '100000000000000099',
    });
    const body = { content: prompt.content, components: prompt.components.map((row) => row.toJSON()) };
    expect(refused(body)).to.equal(null);
  });
});
