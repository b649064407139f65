/**
 * Autocomplete through the real bot on the Discord emulator: a person types into an option
 * registered with `autocomplete: true`, the emulator sends an APPLICATION_COMMAND_AUTOCOMPLETE
 * interaction, discord.js hands it to the command's `autocomplete`, and its type 8 answer comes
 * back as the choices the Discord client would list.
 */
import { expect } from 'chai';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { useMongoose } from '../../support/database.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { startEventsWorld, type EventsWorld } from '../../support/events-world.js';
import { answerSurveyAndPost, INTRO_TEXT, joinAndGetDm, submitIntro } from '../../support/flow.js';
import { at, createEvent } from '../deepen/events/helpers.js';

describe('Autocomplete: /relay nominate member: offers members without an intro (real bot)', () => {
  useMongoose('autocomplete_relay');
  let w: ConnectWorld;

  before(async () => {
    w = await startConnectWorld();
  });
  after(async () => {
    await w.stop();
  });

  it('suggests only the members without an intro whose name contains what was typed, and the pick nominates', async () => {
    const { userId: mei, dm } = await joinAndGetDm(w, 'Mei');
    const survey = await submitIntro(w, mei, dm, { ...INTRO_TEXT, name: 'Mei' });
    const { post } = await answerSurveyAndPost(w, mei, survey);
    await post.waitForFollowUp(1);
    await w.until(
      () => Profile.exists({ guildId: w.guildId, userId: mei, introducedAt: { $ne: null } }),
      "Mei's intro recorded",
    );
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { userId: kenta } = await joinAndGetDm(w, 'Kenta');
    await joinAndGetDm(w, 'Aya');
    const owner = w.seeded.owner.id;
    const type = (typed: string) =>
      w.drivers
        .typeInOption(w.guildId, w.channels.general, owner, 'relay nominate', 'member', typed, {}, EN)
        .waitForChoices();

    const ke = await type('KE');
    expect(ke.map((c) => c.value)).to.have.members([ken, kenta]);
    expect(ke.find((c) => c.value === ken)!.name).to.match(/^Ken \(@Ken-\d+\)$/);
    // Mei has introduced herself: never a candidate, whatever is typed.
    expect(await type('mei')).to.deep.equal([]);
    expect((await type('')).map((c) => c.value))
      .to.include.members([ken, kenta])
      .and.not.include(mei);

    // The picked choice's value is what the command then gets: an id the bot accepts.
    const reply = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, owner, 'relay nominate', { member: ke[0]!.value }, EN)
      .waitForReply();
    expect(reply.content).to.include('No baton is waiting');
  });
});

describe('Autocomplete: /event info event: offers upcoming events by title (real bot)', () => {
  useMongoose('autocomplete_events');
  let w: EventsWorld;
  const zone = 'Asia/Tokyo';

  before(async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
  });
  after(async () => {
    await w.stop();
  });

  it('lists the matching occurrences with their wall-clock time, and the value opens the event', async () => {
    await createEvent(w, { title: 'Career chat', when: '2027-01-22 21:00' });
    await createEvent(w, { title: 'Picnic', when: '2027-01-23 12:00' });
    const choices = await w.drivers
      .typeInOption(
        w.guildId,
        w.channels.general,
        w.organiserId,
        'event info',
        'event',
        'car',
        {},
        {
          locale: 'en-US',
        },
      )
      .waitForChoices();
    expect(choices).to.have.length(1);
    expect(choices[0]!.name).to.equal('2027-01-22 21:00 · Career chat');
    const all = await w.drivers
      .typeInOption(w.guildId, w.channels.general, w.organiserId, 'event info', 'event', '')
      .waitForChoices();
    expect(all.map((c) => c.name.split(' · ')[1])).to.deep.equal(['Career chat', 'Picnic']);

    const info = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.organiserId, 'event info', {
        event: choices[0]!.value as string,
      })
      .waitForReply();
    expect(JSON.stringify(info.embeds ?? [])).to.include('Career chat');
  });
});
