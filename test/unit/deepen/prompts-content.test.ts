import { expect } from 'chai';
import {
  ATTRIBUTE_PLACEHOLDER,
  FITTED_PROMPTS,
  MAX_VALUE_LENGTH,
  PROMPT_ATTRIBUTES,
  PROMPT_MAX_LENGTH,
  THEME_IDS,
  THEME_PACKS,
  listThemes,
  type PromptDef,
} from '../../../shared/deepen/prompts/index.js';
import { LOCALES, placeholders } from '../../../shared/i18n/index.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const allPrompts: PromptDef[] = [...THEME_PACKS.flatMap((pack) => pack.prompts), ...FITTED_PROMPTS];

describe('mixer prompt packs (content)', () => {
  it('offers 6 to 8 themes, in THEME_IDS order', () => {
    expect(THEME_PACKS.map((pack) => pack.id)).to.deep.equal([...THEME_IDS]);
    expect(THEME_PACKS.length).to.be.within(6, 8);
  });

  it('gives every theme a name and a description in Japanese and English', () => {
    for (const pack of THEME_PACKS) {
      for (const locale of LOCALES) {
        expect(pack.name[locale].trim(), `${pack.id} name ${locale}`).to.not.equal('');
        expect(pack.description[locale].trim(), `${pack.id} description ${locale}`).to.not.equal('');
      }
      expect(pack.name.ja).to.match(JAPANESE);
      expect(pack.name.en).to.not.match(JAPANESE);
    }
  });

  it('holds at least 12 prompts per theme, without placeholders', () => {
    for (const pack of THEME_PACKS) {
      expect(pack.prompts.length, pack.id).to.be.at.least(12);
      for (const prompt of pack.prompts) {
        expect(prompt.id.startsWith(`${pack.id}.`), prompt.id).to.equal(true);
        expect(placeholders(prompt.text.ja), prompt.id).to.deep.equal([]);
        expect(placeholders(prompt.text.en), prompt.id).to.deep.equal([]);
      }
    }
  });

  it('writes every prompt in Japanese and English with the same placeholders', () => {
    for (const prompt of allPrompts) {
      expect(prompt.text.ja, prompt.id).to.match(JAPANESE);
      expect(prompt.text.en.trim(), prompt.id).to.not.equal('');
      expect(prompt.text.en, prompt.id).to.not.match(JAPANESE);
      expect(placeholders(prompt.text.ja), prompt.id).to.deep.equal(placeholders(prompt.text.en));
    }
  });

  it('uses unique, readable prompt ids', () => {
    const ids = allPrompts.map((prompt) => prompt.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(id).to.match(/^[a-z][a-zA-Z-]*(\.[a-zA-Z]+)*\.\d{2}$/);
  });

  it('has at least 4 fitted prompts per attribute, each using only its own placeholder', () => {
    for (const attribute of PROMPT_ATTRIBUTES) {
      const own = FITTED_PROMPTS.filter((p) => p.attribute === attribute);
      expect(own.length, attribute).to.be.at.least(4);
      const name = ATTRIBUTE_PLACEHOLDER[attribute];
      for (const prompt of own) {
        const used = new Set(placeholders(prompt.text.en));
        expect([...used], prompt.id).to.deep.equal(name && prompt.when === undefined ? [name] : []);
      }
    }
  });

  it('has at least 4 prompts for parenting, caregiving, new graduates and mid-career joiners', () => {
    const count = (attribute: string, when: string) =>
      FITTED_PROMPTS.filter((p) => p.attribute === attribute && p.when === when).length;
    expect(count('lifeStage', 'parenting')).to.be.at.least(4);
    expect(count('lifeStage', 'caregiving')).to.be.at.least(4);
    expect(count('newGraduate', 'true')).to.be.at.least(4);
    expect(count('newGraduate', 'false')).to.be.at.least(4);
  });

  it(`keeps every prompt within ${PROMPT_MAX_LENGTH} characters even with the longest shared value`, () => {
    const longest = 'あ'.repeat(MAX_VALUE_LENGTH);
    for (const prompt of allPrompts) {
      for (const locale of LOCALES) {
        const filled = prompt.text[locale].replace(/\{\w+\}/g, longest);
        expect(filled.length, `${prompt.id} ${locale}`).to.be.at.most(PROMPT_MAX_LENGTH);
      }
    }
  });

  it("fits Discord's choice limits: at most 25 themes, names and values of 1 to 100 characters", () => {
    for (const locale of LOCALES) {
      const choices = listThemes(locale);
      expect(choices.length).to.be.within(1, 25);
      expect(new Set(choices.map((c) => c.value)).size).to.equal(choices.length);
      for (const choice of choices) {
        expect(choice.name.length, choice.value).to.be.within(1, 100);
        expect(choice.value.length).to.be.within(1, 100);
      }
    }
  });

  it('keeps theme descriptions within 100 characters (a select-menu option description)', () => {
    for (const pack of THEME_PACKS) {
      for (const locale of LOCALES) expect(pack.description[locale].length, pack.id).to.be.at.most(100);
    }
  });
});
