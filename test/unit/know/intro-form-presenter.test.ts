import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import { introForm, OTHER_DECADE } from '../../../bot/know/presenters/intro-form.presenter.js';
import { introModal } from '../../../bot/know/presenters/intro-modal.presenter.js';
import { INTRO_FIELDS } from '../../../shared/know/profile-validation.js';
import { profileFixture } from './profile-fixture.js';

const en = translator('en');
const now = new Date('2026-06-01T00:00:00Z');
type Json = {
  components: { components: { custom_id?: string; options?: { value: string; default?: boolean }[] }[] }[];
};
const json = (form: ReturnType<typeof introForm>) =>
  ({ components: form.components.map((c) => c.toJSON()) }) as unknown as Json;
const select = (form: ReturnType<typeof introForm>, id: string) =>
  json(form)
    .components.flatMap((row) => row.components)
    .find((c) => c.custom_id === id);

describe('intro survey presenter', () => {
  it('GIVEN 47 possible leave years THEN page 1 asks for the decade first (a menu holds at most 25 options)', () => {
    const form = introForm(en, { guildId: '1', profile: profileFixture({ leaveYear: null }), page: 1, now });
    const decades = select(form, 'intro:decade:1');
    expect(decades?.options?.map((o) => o.value)).to.deep.equal(['2020', '2010', '2000', '1990', '1980']);
  });

  it('GIVEN a chosen decade THEN the year menu lists its years, the saved one selected, plus "another decade"', () => {
    const form = introForm(en, {
      guildId: '1',
      profile: profileFixture({ leaveYear: 2019 }),
      page: 1,
      decade: 2010,
      now,
    });
    const years = select(form, 'intro:attr:1:leaveYear');
    expect(years?.options?.map((o) => o.value)).to.deep.equal([
      ...Array.from({ length: 10 }, (_, i) => String(2019 - i)),
      OTHER_DECADE,
    ]);
    expect(years?.options?.find((o) => o.default)?.value).to.equal('2019');
  });

  it("GIVEN either page THEN it stays within Discord's five rows and 25 options per menu", () => {
    for (const page of [1, 2] as const) {
      const form = introForm(en, { guildId: '1', profile: profileFixture(), page, decade: 2020, now });
      expect(form.components.length).to.be.at.most(5);
      for (const row of json(form).components)
        for (const c of row.components) expect(c.options?.length ?? 0).to.be.at.most(25);
    }
  });

  it('GIVEN an already posted intro THEN the button says "Update my post"', () => {
    const form = introForm(en, {
      guildId: '1',
      profile: profileFixture({ introMessageId: '5' }),
      page: 2,
      now,
    });
    expect(JSON.stringify(form.components.map((c) => c.toJSON()))).to.include(en('bot.connect.intro.update'));
  });

  it("builds the modal from the domain's five intro fields with their maximum lengths", () => {
    const modal = introModal(en, { guildId: '1', profile: null, edit: false }).toJSON();
    const inputs = (
      modal.components as unknown as { component: { custom_id: string; max_length: number } }[]
    ).map((c) => c.component);
    expect(inputs.map((i) => [i.custom_id, i.max_length])).to.deep.equal(
      INTRO_FIELDS.map((f) => [f.id, f.maxLength]),
    );
  });
});
