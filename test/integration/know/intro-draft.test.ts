/**
 * A refused intro modal keeps what the member typed: the answer says what to fix and its button
 * re-opens the modal filled with the draft (kept server-side under a short key, for 30 minutes).
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { useMongoose } from '../../support/database.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { customIds, INTRO_TEXT, joinAndGetDm } from '../../support/flow.js';
import { saveDraft, takeDraft } from '../../../shared/know/intro-draft.service.js';
import { introModal } from '../../../bot/know/presenters/intro-modal.presenter.js';
import { translator } from '../../../shared/i18n/index.js';
import { profileFixture } from '../../unit/know/profile-fixture.js';

/** The text inputs of a modal, by custom id. */
function valuesOf(modal: { components?: unknown[] }): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const c = node as {
      type?: number;
      custom_id?: string;
      value?: string;
      component?: unknown;
      components?: unknown[];
    };
    if (c.type === 4 && c.custom_id) out[c.custom_id] = c.value;
    walk(c.component);
    for (const child of c.components ?? []) walk(child);
  };
  for (const row of modal.components ?? []) walk(row);
  return out;
}

describe('Know: the intro modal re-opens filled after a validation error (real discord.js through the emulator)', () => {
  useMongoose('know_intro_draft');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  async function refusedIntro() {
    const { userId, dm } = await joinAndGetDm(w, 'Aiko');
    const click = w.drivers.clickButton(dm.id, `intro:start:${w.guildId}`, userId, EN);
    await click.waitForModal();
    // Only spaces in the name: Discord lets it through, the service refuses it after trimming.
    const typed = { ...INTRO_TEXT, name: '   ', greeting: 'A long greeting I do not want to type twice.' };
    const answer = await w.drivers.submitModal(click, `intro:modal:${w.guildId}`, typed, EN).waitForReply();
    return { userId, answer, typed };
  }

  it('answers what to fix with a button that re-opens the modal with what was typed', async () => {
    const { userId, answer, typed } = await refusedIntro();
    expect(answer.flags! & 64).to.equal(64);
    expect(answer.content).to.include('Please fill in "Name (as shown)"');
    const [retryId] = customIds(answer);
    expect(retryId).to.match(new RegExp(`^intro:retry:${w.guildId}:[\\w-]{8}$`));
    expect(await Profile.exists({ guildId: w.guildId, userId, introducedAt: { $ne: null } })).to.equal(null);

    const retry = w.drivers.clickButton(answer.id, retryId!, userId, EN);
    const modal = await retry.waitForModal();
    expect(valuesOf(modal)).to.include({
      career: typed.career,
      currentWork: typed.currentWork,
      interests: typed.interests,
      greeting: typed.greeting,
    });

    const survey = await w.drivers
      .submitModal(retry, `intro:modal:${w.guildId}`, { ...typed, name: 'Aiko Tanaka' }, EN)
      .waitForReply();
    expect(customIds(survey)).to.include(`intro:post:${w.guildId}`);
    const db = mongoose.connection.db as unknown as Db;
    expect(await db.collection('introdrafts').countDocuments({}), 'the draft is gone once saved').to.equal(0);
  });

  it('keeps a draft for its owner only, and for 30 minutes', async () => {
    const { userId, answer } = await refusedIntro();
    const [retryId] = customIds(answer);
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const stranger = await w.drivers.clickButton(answer.id, retryId!, ken, EN).waitForReply();
    expect(stranger.content).to.include('no longer kept');

    w.clock.advanceDays(1);
    const late = await w.drivers.clickButton(answer.id, retryId!, userId, EN).waitForReply();
    expect(late.content).to.include('no longer kept');
    // Expired at the app's clock: the draft (what the member typed) is deleted, not just ignored.
    const db = mongoose.connection.db as unknown as Db;
    expect(await db.collection('introdrafts').countDocuments({ userId })).to.equal(0);
  });

  it('keeps a field the member emptied empty in the draft, so the retry does not refill it', async () => {
    const key = await saveDraft({
      guildId: w.guildId,
      userId: w.memberId,
      fields: { ...INTRO_TEXT, name: '   ', interests: '' },
      now: w.clock.now,
    });
    const draft = await takeDraft({ key, guildId: w.guildId, userId: w.memberId, now: w.clock.now });
    expect(draft).to.include({ interests: '', career: INTRO_TEXT.career });
    // The stored intro had interests; the draft's empty value wins in the re-opened modal.
    const modal = introModal(translator('en'), {
      guildId: w.guildId,
      profile: profileFixture({ interests: ['hiking'] }),
      edit: true,
      draft: draft!,
    });
    expect(valuesOf(modal.toJSON())).to.include({ interests: undefined, career: INTRO_TEXT.career });
  });
});
