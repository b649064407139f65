import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import { fieldLabelKey, VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';
import { introEmbed } from '../../../bot/know/presenters/intro.presenter.js';
import { EMBED_LIMITS, embedLength } from '../../../bot/core/embed-limits.js';
import { profileFixture } from './profile-fixture.js';

const en = translator('en');
const names = (embed: ReturnType<typeof introEmbed>) => (embed.data.fields ?? []).map((f) => f.name);

describe('intro presenter', () => {
  it('GIVEN the longest profile Discord and the services allow THEN every part fits the embed limits and 6000 in total', () => {
    const long = (n: number) => 'あ'.repeat(n);
    const profile = profileFixture({
      displayName: long(80),
      greeting: long(1000),
      departmentThen: long(200),
      roleNow: long(200),
      interests: Array.from({ length: 20 }, (_, i) => `${i}${long(49)}`),
      skills: Array.from({ length: 20 }, (_, i) => `${i}${long(49)}`),
      needs: Array.from({ length: 20 }, (_, i) => `${i}${long(49)}`),
      lifeStages: [
        'parenting',
        'caregiving',
        'studying',
        'careerBreak',
        'sideBusiness',
        'founder',
        'relocated',
      ],
      ageBand: '30s',
    });
    const embed = introEmbed(en, profile, { audience: 'alumni' });
    expect(embed.data.title!.length).to.be.at.most(EMBED_LIMITS.title);
    expect(embed.data.description!.length).to.be.at.most(EMBED_LIMITS.description);
    for (const field of embed.data.fields ?? [])
      expect(field.value.length).to.be.at.most(EMBED_LIMITS.fieldValue);
    expect(embed.data.fields!.length).to.be.at.most(EMBED_LIMITS.fields);
    expect(embedLength(embed)).to.be.at.most(EMBED_LIMITS.total);
  });

  it('GIVEN alumni as audience THEN every filled field is shown', () => {
    const embed = introEmbed(en, profileFixture(), { audience: 'alumni' });
    const expected = [
      'leaveYear',
      'tenureBand',
      'joinedAsNewGraduate',
      'departmentThen',
      'roleNow',
      'industry',
      'region',
      'lifeStages',
      'interests',
    ] as const;
    expect(names(embed)).to.deep.equal(expected.map((f) => en(fieldLabelKey(f))));
    expect(embed.data.description).to.include('Hello everyone!');
  });

  it('GIVEN company staff as audience THEN only the fields shared with staff are shown', () => {
    const visibility = { ...profileFixture().visibility, industry: 'staff' as const };
    const profile = profileFixture({ visibility });
    const staff = introEmbed(en, profile, { audience: 'staff' });
    const alumni = introEmbed(en, profile, { audience: 'alumni' });
    expect(staff.data.fields).to.have.length(1);
    expect(staff.data.fields![0]!.value).to.equal(en('connect.attr.industry.it'));
    expect(staff.data.description).to.not.include('Hello everyone!');
    expect(alumni.data.fields!.length).to.be.greaterThan(1);
  });

  it('GIVEN the owner looking at their own profile THEN the fields staff can see are marked', () => {
    const visibility = Object.fromEntries(
      VISIBILITY_FIELDS.map((f) => [f, f === 'region' ? 'staff' : 'alumni']),
    );
    const embed = introEmbed(en, profileFixture({ visibility: visibility as never }), {
      audience: 'alumni',
      markStaffVisible: true,
    });
    const marked = (embed.data.fields ?? []).filter((f) =>
      f.name.includes(en('bot.connect.intro.staffVisible')),
    );
    expect(marked.map((f) => f.value)).to.deep.equal([en('connect.attr.region.kanto')]);
  });

  it('GIVEN @everyone in a greeting THEN it is made inert', () => {
    const embed = introEmbed(en, profileFixture({ greeting: 'hi @everyone' }), { audience: 'alumni' });
    expect(embed.data.description).to.include('@\u200beveryone');
  });

  it('GIVEN empty optional fields THEN they are left out rather than shown empty', () => {
    const embed = introEmbed(en, profileFixture({ roleNow: null, interests: [], leaveYear: null }), {
      audience: 'alumni',
    });
    for (const field of embed.data.fields ?? []) expect(field.value.trim()).to.not.equal('');
    expect(embed.data.fields!.some((f) => f.value === '2019')).to.equal(false);
  });
});
