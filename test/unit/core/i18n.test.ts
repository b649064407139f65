import { expect } from 'chai';
import { AREAS } from '../../../shared/i18n/catalogues.js';
import { catalogue, placeholders, t, type MessageKey } from '../../../shared/i18n/index.js';

type Area = keyof typeof AREAS;
const areas = Object.keys(AREAS) as Area[];
const entries = (area: Area, locale: 'ja' | 'en') =>
  Object.entries(AREAS[area][locale]) as [string, string][];

describe('i18n catalogues', () => {
  for (const area of areas) {
    describe(`area "${area}"`, () => {
      it('holds the same keys in Japanese and English', () => {
        const ja = entries(area, 'ja').map(([k]) => k);
        const en = entries(area, 'en').map(([k]) => k);
        expect(ja.sort()).to.deep.equal(en.sort());
      });

      it('uses the same placeholders in both languages', () => {
        const ja = new Map(entries(area, 'ja'));
        for (const [key, value] of entries(area, 'en'))
          expect(placeholders(ja.get(key) ?? ''), key).to.deep.equal(placeholders(value));
      });

      it('has no empty value', () => {
        for (const locale of ['ja', 'en'] as const)
          for (const [key, value] of entries(area, locale))
            expect(value.trim(), `${locale} ${key}`).to.not.equal('');
      });

      it('is included in the merged catalogues (listed in shared/i18n/catalogues.ts)', () => {
        for (const locale of ['ja', 'en'] as const)
          for (const [key, value] of entries(area, locale))
            expect(catalogue(locale)[key as MessageKey], `${locale} ${key}`).to.equal(value);
      });
    });
  }

  it('defines no key in two areas', () => {
    const seen = new Map<string, string>();
    for (const area of areas) {
      for (const [key] of entries(area, 'en')) {
        expect(seen.get(key), `${key} in ${area}`).to.equal(undefined);
        seen.set(key, area);
      }
    }
  });

  it('holds the same keys and placeholders across the merged catalogues', () => {
    const ja = catalogue('ja');
    const en = catalogue('en');
    expect(Object.keys(ja).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[])
      expect(placeholders(ja[key]), key).to.deep.equal(placeholders(en[key]));
  });

  it('rejects an unknown key at compile time (the directives fail the type check if it were accepted)', () => {
    // @ts-expect-error a misspelled key is not a MessageKey
    const misspelled: MessageKey = 'bot.about.titel';
    // @ts-expect-error t() takes message keys only
    expect(() => t('en', 'web.nav.nope')).to.throw('missing translation key');
    expect(misspelled).to.equal('bot.about.titel');
  });
});
