import { expect } from 'chai';
import {
  catalogue,
  format,
  hasBrokenPlural,
  placeholders,
  t,
  type MessageKey,
} from '../../../shared/i18n/index.js';

const CHAIN = 'Chain #{number} · {length, plural, one {# introduction} other {# introductions}}';

describe('i18n plurals (Intl.PluralRules)', () => {
  it('GIVEN English THEN picks "one" for 1 and "other" for 0, 2 and 1,001', () => {
    expect(format('en', CHAIN, { number: 40, length: 1 })).to.equal('Chain #40 · 1 introduction');
    expect(format('en', CHAIN, { number: 40, length: 0 })).to.equal('Chain #40 · 0 introductions');
    expect(format('en', CHAIN, { number: 40, length: 2 })).to.equal('Chain #40 · 2 introductions');
    expect(format('en', CHAIN, { number: 40, length: '1,001' })).to.equal('Chain #40 · 1,001 introductions');
  });

  it('GIVEN Japanese THEN every number is "other" (Japanese has no plural forms)', () => {
    expect(new Intl.PluralRules('ja').resolvedOptions().pluralCategories).to.deep.equal(['other']);
    expect(format('ja', CHAIN, { number: 40, length: 1 })).to.equal('Chain #40 · 1 introductions');
  });

  it('GIVEN a "#" that is text inside a branch THEN only the standalone # becomes the number', () => {
    const tpl =
      "{length, plural, one {Chain #{number}: # introduction in #general} other {Chain #{number}: # introductions, '#' {n}}}";
    expect(format('en', tpl, { length: 1, number: 40 })).to.equal('Chain #40: 1 introduction in #general');
    expect(format('en', tpl, { length: 3, number: 40, n: 'x' })).to.equal('Chain #40: 3 introductions, # x');
  });

  it('GIVEN a number THEN # shows it formatted for the language', () => {
    const tpl = '{count, plural, one {# member} other {# members}}';
    expect(format('en', tpl, { count: 1001 })).to.equal('1,001 members');
    expect(format('en', tpl, { count: 1 })).to.equal('1 member');
    expect(format('ja', '{count, plural, other {#人}}', { count: 12345 })).to.equal('12,345人');
    expect(format('en', tpl, { count: '1,001' })).to.equal('1,001 members');
  });

  it('GIVEN an exact =0 branch and placeholders inside branches THEN fills both', () => {
    const tpl = '{count, plural, =0 {nobody yet} one {{who} alone} other {{who} and # others}}';
    expect(format('en', tpl, { count: 0, who: 'Aiko' })).to.equal('nobody yet');
    expect(format('en', tpl, { count: 1, who: 'Aiko' })).to.equal('Aiko alone');
    expect(format('en', tpl, { count: 3, who: 'Aiko' })).to.equal('Aiko and 3 others');
  });

  it('GIVEN a block without "other" or an unbalanced one THEN leaves it as written and reports it', () => {
    expect(format('en', '{n, plural, one {x}}', { n: 1 })).to.equal('{n, plural, one {x}}');
    expect(hasBrokenPlural('{n, plural, one {x}}')).to.equal(true);
    expect(hasBrokenPlural('{n, plural, one {x} other {y}')).to.equal(true);
    expect(hasBrokenPlural(CHAIN)).to.equal(false);
  });

  it('counts a plural block as its var, so an English block and a Japanese {count} name the same vars', () => {
    expect(placeholders(CHAIN)).to.deep.equal(['length', 'number']);
    expect(placeholders('バトン #{number}・{length} 人')).to.deep.equal(['length', 'number']);
  });

  it('speaks both languages in the catalogues: "1 introduction" / "2 introductions", and 1 人 / 2 人', () => {
    const key: MessageKey = 'bot.connect.relay.status.chain';
    expect(t('en', key, { number: 40, length: 1 })).to.equal('Chain #40 · 1 introduction');
    expect(t('en', key, { number: 40, length: 2 })).to.equal('Chain #40 · 2 introductions');
    expect(t('ja', key, { number: 40, length: 1 })).to.include('1 人');
    expect(t('ja', key, { number: 40, length: 2 })).to.include('2 人');
    expect(t('en', 'web.relay.summary.people', { count: 1 })).to.equal('1 person');
    expect(t('en', 'error.rateLimited', { seconds: 1 })).to.include('in 1 second.');
    expect(t('ja', 'error.rateLimited', { seconds: 1 })).to.include('1 秒後');
  });

  it('has only well-formed plural blocks in every catalogue', () => {
    for (const locale of ['ja', 'en'] as const)
      for (const [key, value] of Object.entries(catalogue(locale)))
        expect(hasBrokenPlural(value), `${locale} ${key}`).to.equal(false);
  });

  it('writes no English count before a plural noun without a plural block ("1 introductions")', () => {
    // `{max}`/`{min}` are fixed limits above one ("at most {max} characters"); any other number
    // before a plural noun can be 1.
    const pluralNoun =
      /^(people|persons|introductions|chains|members|joins|uses|invites|hand-backs|days|hours|minutes|seconds|weeks|times|messages|groups|rounds|rooms|pairs|strategies|occurrences|prompts|nominations|batons)$/;
    const offenders = Object.entries(catalogue('en')).filter(([, value]) =>
      [...value.matchAll(/\{(\w+)\} ([A-Za-z-]+)/g)].some(
        ([, name, word]) => name !== 'max' && name !== 'min' && pluralNoun.test(word as string),
      ),
    );
    expect(offenders.map(([key]) => key)).to.deep.equal([]);
  });
});
