import { expect } from 'chai';
import { buildIntroView, EMBED_LIMITS } from '../../../shared/services/intro-view.js';
import { toProfileData } from '../../../shared/services/profile-data.js';

const profile = (extra: Record<string, unknown> = {}) =>
  toProfileData({
    guildId: 'g',
    userId: '111111111111111111',
    displayName: 'Hanako',
    leaveYear: 2020,
    industry: 'it',
    lifeStages: ['parenting', 'caregiving'],
    interests: ['hiking', 'photos'],
    greeting: 'Hello everyone',
    departmentThen: 'Sales',
    introducedAt: new Date('2026-01-02T03:04:05Z'),
    visibility: { industry: 'staff' },
    ...extra,
  });

describe('intro view model', () => {
  it('shows alumni every filled field with localized labels and values', () => {
    const view = buildIntroView(profile(), { locale: 'ja', audience: 'alumni' });
    expect(view.title).to.equal('Hanako さんの自己紹介');
    expect(view.description).to.equal('Hello everyone');
    expect(view.fields.map((f) => [f.name, f.value])).to.deep.equal([
      ['退職年', '2020年'],
      ['在籍時の部署', 'Sales'],
      ['現在の業界', 'IT・通信'],
      ['ライフステージ', '子育て中、介護中'],
      ['興味・関心', 'hiking、photos'],
    ]);
  });

  it('shows staff only the fields opened to staff, and never the greeting by default', () => {
    const view = buildIntroView(profile(), { locale: 'en', audience: 'staff' });
    expect(view.fields.map((f) => f.name)).to.deep.equal(['Industry now']);
    expect(view.description).to.equal(null);
  });

  it('keeps every text within Discord embed limits', () => {
    const long = 'x'.repeat(5000);
    const view = buildIntroView(
      profile({ displayName: long, greeting: long, departmentThen: long, roleNow: long, interests: [long] }),
      { locale: 'en', audience: 'alumni' },
    );
    expect(view.title.length).to.be.at.most(EMBED_LIMITS.title);
    expect(view.description?.length ?? 0).to.be.at.most(EMBED_LIMITS.description);
    for (const field of view.fields) expect(field.value.length).to.be.at.most(EMBED_LIMITS.fieldValue);
    const total =
      view.title.length +
      (view.description?.length ?? 0) +
      view.footer.length +
      view.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).to.be.at.most(EMBED_LIMITS.total);
  });

  it('makes mentions typed by the member inert', () => {
    const view = buildIntroView(profile({ greeting: 'hi @everyone <@&123>' }), {
      locale: 'en',
      audience: 'alumni',
    });
    expect(view.description).not.to.match(/@everyone|<@&/);
  });
});
