import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';

const EN = { locale: 'en-US' } as const;

describe("Deepen: organisers' own prompts per theme, and the rooms' new-prompt button", function () {
  this.timeout(60_000);
  useMongoose('mixer_prompts');
  let w: MixerWorld;

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 6 });
  });
  afterEach(async () => {
    await w.stop();
  });

  const slash = (name: string, options: Record<string, string>) =>
    w.drivers.runSlashCommand(w.guildId, w.lobbyId, w.organiserId, name, options, EN).waitForReply();

  it('adds, lists and removes prompts, shows an added prompt in a mixed room first, and never repeats one to a group', async () => {
    const added = await slash('mixer prompts add', {
      theme: 'home-time',
      text: 'What did you cook last weekend?',
    });
    const id = /id (custom-[0-9a-f]+)/.exec(added.content ?? '')?.[1];
    expect(id, added.content).to.be.a('string');
    expect((await slash('mixer prompts add', { theme: 'home-time', text: '   ' })).content).to.include(
      'The prompt is empty',
    );
    // Deferred (ephemeral, type 5) before the database is read, then the reply edited in.
    const listing = w.drivers.runSlashCommand(
      w.guildId,
      w.lobbyId,
      w.organiserId,
      'mixer prompts list',
      { theme: 'home-time' },
      EN,
    );
    expect((await listing.waitForReply()).content).to.include('What did you cook last weekend?');
    const [callback] = listing.responses();
    expect(callback?.kind).to.equal('callback');
    expect(callback?.callbackType, 'deferred first').to.equal(5);

    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 5, theme: 'home-time' });
    const run = await untilPhase(w, runId, 'talking', 0);
    const room = run.rooms[0]!;
    const first = w.drivers
      .messagesIn(room)
      .find((m) => customIdsOf(m).some((c) => c.startsWith('mixroom:prompt:')))!;
    expect(first.embeds?.[0]?.description).to.equal('What did you cook last weekend?');

    const shown = new Set([first.embeds?.[0]?.description]);
    for (let i = 0; i < 3; i++) {
      const reply = await w.drivers
        .clickButton(first.id, `mixroom:prompt:${runId}:0:0`, w.alumni[0]!, EN)
        .waitForReply();
      const text = reply.embeds?.[0]?.description;
      expect(shown.has(text), `repeated: ${text}`).to.equal(false);
      shown.add(text);
    }

    expect((await slash('mixer prompts remove', { id: id! })).content).to.include('removed');
    expect((await slash('mixer prompts remove', { id: id! })).content).to.include('No prompt of yours');
    expect((await slash('mixer prompts list', { theme: 'home-time' })).content).to.include(
      'no prompts of yours',
    );
  });
});
