import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { catalogue, placeholders, type Catalogue } from '../../shared/i18n/index.js';

const dir = new URL('../../shared/i18n/', import.meta.url);
const areas = readdirSync(new URL('ja/', dir))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

async function load(locale: 'ja' | 'en', area: string): Promise<Catalogue> {
  const module = (await import(new URL(`${locale}/${area}.ts`, dir).href)) as Record<string, Catalogue>;
  const exported = Object.values(module);
  expect(exported, `${locale}/${area}.ts exports one catalogue`).to.have.length(1);
  return exported[0] as Catalogue;
}

describe('i18n catalogues', () => {
  it('has the same area files in Japanese and English', () => {
    const en = readdirSync(new URL('en/', dir)).filter((f) => f.endsWith('.ts'));
    expect(en.sort()).to.deep.equal(areas.map((a) => `${a}.ts`).sort());
  });

  for (const area of areas) {
    describe(`area "${area}"`, () => {
      it('holds the same keys in Japanese and English', async () => {
        const [ja, en] = await Promise.all([load('ja', area), load('en', area)]);
        expect(Object.keys(ja).sort()).to.deep.equal(Object.keys(en).sort());
      });

      it('uses the same placeholders in both languages', async () => {
        const [ja, en] = await Promise.all([load('ja', area), load('en', area)]);
        for (const key of Object.keys(en)) {
          expect(placeholders(ja[key] ?? ''), key).to.deep.equal(placeholders(en[key] ?? ''));
        }
      });

      it('has no empty value', async () => {
        for (const locale of ['ja', 'en'] as const) {
          for (const [key, value] of Object.entries(await load(locale, area))) {
            expect(value.trim(), `${locale} ${key}`).to.not.equal('');
          }
        }
      });

      it('is included in the merged catalogues (imported and spread in index.ts)', async () => {
        for (const locale of ['ja', 'en'] as const) {
          const own = await load(locale, area);
          for (const [key, value] of Object.entries(own))
            expect(catalogue(locale)[key], `${locale} ${key}`).to.equal(value);
        }
      });
    });
  }

  it('defines no key in two areas', async () => {
    const seen = new Map<string, string>();
    for (const area of areas) {
      for (const key of Object.keys(await load('en', area))) {
        expect(seen.get(key), `${key} in ${area}`).to.equal(undefined);
        seen.set(key, area);
      }
    }
  });

  it('holds the same keys and placeholders across the merged catalogues', () => {
    const ja = catalogue('ja');
    const en = catalogue('en');
    expect(Object.keys(ja).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of Object.keys(en))
      expect(placeholders(ja[key] ?? ''), key).to.deep.equal(placeholders(en[key] ?? ''));
  });
});
