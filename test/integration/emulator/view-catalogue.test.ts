/**
 * The Discord view's own words: Japanese and English have the same keys, no empty text, the same
 * placeholders, and every key the client scripts use exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { VIEW_MESSAGES } from '../../../sandbox/discord/view/catalogue.js';

const ASSETS = new URL('../../../sandbox/discord/view/assets/', import.meta.url);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Discord view catalogue (ja / en)', () => {
  const { en, ja } = VIEW_MESSAGES;

  it('has exactly the same keys in Japanese and English', () => {
    expect(Object.keys(ja).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).to.not.equal('');
      expect(ja[key].trim(), key).to.not.equal('');
      expect(placeholders(ja[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  it('writes the Japanese chrome in Japanese', () => {
    const japanese = Object.values(ja).filter((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text));
    expect(japanese.length / Object.keys(ja).length).to.be.above(0.8);
  });

  it('knows every key the client scripts ask for', () => {
    const used = new Set<string>();
    for (const file of readdirSync(ASSETS).filter((f) => f.endsWith('.js')))
      for (const [, key] of readFileSync(new URL(file, ASSETS), 'utf8').matchAll(/\bt\('([\w.]+)'/g))
        used.add(key!);
    expect(used.size).to.be.above(40);
    expect([...used].filter((key) => !(key in en))).to.deep.equal([]);
  });
});
