import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import {
  getProfile,
  saveIntro,
  setIntroMessage,
  setVisibility,
  updateAttributes,
} from '../../../shared/know/profile.service.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import { memberEventTotals } from '../../../shared/connect/member-events.service.js';
import { DomainError } from '../../../shared/errors.js';

const guildId = '900000000000000006';
const userId = '100000000000000301';
const fields = {
  name: 'Hanako',
  career: 'Sales 2015-2020',
  currentWork: 'PM',
  interests: 'hiking, photos',
  greeting: 'Hi!',
};

describe('profile service (mongoose on the store)', () => {
  useMongoose('profiles');
  before(() => ensureIndexes());

  it("saves the intro into the joined member's profile and counts the first intro once", async () => {
    await recordJoin({ guildId, userId });
    const first = await saveIntro({ guildId, userId, fields });
    expect(first.firstIntro).to.equal(true);
    expect(first.profile).to.include({
      displayName: 'Hanako',
      departmentThen: 'Sales 2015-2020',
      roleNow: 'PM',
      greeting: 'Hi!',
    });
    expect(first.profile.interests).to.deep.equal(['hiking', 'photos']);
    const edit = await saveIntro({ guildId, userId, fields: { ...fields, greeting: 'Hello again' } });
    expect(edit.firstIntro).to.equal(false);
    expect(edit.profile.introducedAt?.getTime()).to.equal(first.profile.introducedAt?.getTime());
    expect(await Profile.countDocuments({ guildId, userId })).to.equal(1);
    expect((await memberEventTotals(guildId)).intro).to.equal(1);
  });

  it('stores a name of 80 emoji (the limit counts characters, not UTF-16 units)', async () => {
    const { profile } = await saveIntro({ guildId, userId, fields: { ...fields, name: '🌸'.repeat(80) } });
    expect([...(profile.displayName ?? '')]).to.have.length(80);
  });

  it('stores nothing when the intro is invalid', async () => {
    const error = await saveIntro({ guildId, userId, fields: { ...fields, career: '' } }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DomainError);
    expect(await getProfile(guildId, userId)).to.equal(null);
  });

  it('merges attributes without touching the intro text', async () => {
    await saveIntro({ guildId, userId, fields });
    await updateAttributes({ guildId, userId, attributes: { leaveYear: 2020, industry: 'it' } });
    const profile = await updateAttributes({
      guildId,
      userId,
      attributes: { region: 'kansai', lifeStages: ['parenting', 'caregiving'] },
    });
    expect(profile).to.include({ leaveYear: 2020, industry: 'it', region: 'kansai', displayName: 'Hanako' });
    expect(profile.lifeStages).to.deep.equal(['parenting', 'caregiving']);
  });

  it('keeps every field alumni-only until the member opens it to staff', async () => {
    await saveIntro({ guildId, userId, fields });
    const profile = await setVisibility({ guildId, userId, visibility: { interests: 'staff' } });
    expect(profile.visibility.interests).to.equal('staff');
    expect(profile.visibility.greeting).to.equal('alumni');
    const error = await setVisibility({ guildId, userId, visibility: { password: 'staff' } }).catch(
      (e: unknown) => e,
    );
    expect((error as DomainError).code).to.equal('INVALID_INPUT');
  });

  it('remembers the posted intro message, and refuses it for a member without a profile', async () => {
    await saveIntro({ guildId, userId, fields });
    const profile = await setIntroMessage({
      guildId,
      userId,
      channelId: '200000000000000001',
      messageId: '300000000000000001',
    });
    expect(profile).to.include({
      introChannelId: '200000000000000001',
      introMessageId: '300000000000000001',
    });
    const error = await setIntroMessage({
      guildId,
      userId: '100000000000000999',
      channelId: 'c',
      messageId: 'm',
    }).catch((e: unknown) => e);
    expect((error as DomainError).code).to.equal('NOT_FOUND');
  });
});
