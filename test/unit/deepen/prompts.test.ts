import { expect } from 'chai';
import {
  BUILT_IN_PROMPT_IDS,
  MAX_VALUE_LENGTH,
  PROMPT_ATTRIBUTES,
  PromptPoolError,
  isThemeId,
  pickPrompt,
  resolveTheme,
  themeName,
  type PickedPrompt,
  type PickPromptInput,
  type SharedAttribute,
} from '../../../shared/deepen/prompts/index.js';
import { LOCALES } from '../../../shared/i18n/index.js';

const mixed = (over: Partial<PickPromptInput> = {}): PickPromptInput => ({
  theme: 'work-style',
  locale: 'ja',
  shared: [],
  used: new Set(),
  seed: 'run-1:group-1',
  ...over,
});

const industryIt: SharedAttribute = { attribute: 'industry', value: 'IT・通信', key: 'it' };
const parenting: SharedAttribute = { attribute: 'lifeStage', value: '子育て中', key: 'parenting' };

/** Presses "new prompt" until the pool runs out; returns every prompt shown before that. */
function drawUntilExhausted(input: PickPromptInput): PickedPrompt[] {
  const used: string[] = [];
  const shown: PickedPrompt[] = [];
  for (let turn = 0; turn < 200; turn++) {
    const picked = pickPrompt({ ...input, used, turn });
    if (picked.exhausted) return shown;
    shown.push(picked);
    used.push(picked.id);
  }
  throw new Error('pool never ran out');
}

describe('pickPrompt', () => {
  it('gives a mixed group a prompt from the theme', () => {
    const picked = pickPrompt(mixed());
    expect(picked.source).to.equal('theme');
    expect(picked.id).to.match(/^work-style\./);
    expect(picked.theme).to.equal('work-style');
    expect(picked.exhausted).to.equal(false);
    expect(picked.text).to.equal(resolveTheme('work-style').prompts.find((p) => p.id === picked.id)?.text.ja);
  });

  it('never repeats a prompt for a group until its whole pool is used', () => {
    const shown = drawUntilExhausted(mixed({ shared: [industryIt] }));
    const ids = shown.map((p) => p.id);
    expect(new Set(ids).size).to.equal(ids.length);
    const industryPrompts = [...BUILT_IN_PROMPT_IDS].filter((id) => id.startsWith('fit.industry.'));
    expect(ids.length).to.equal(resolveTheme('work-style').prompts.length + industryPrompts.length);
  });

  it('GIVEN an exhausted pool THEN says so and recycles the least recently shown prompt', () => {
    const shown = drawUntilExhausted(mixed());
    const used = shown.map((p) => p.id);
    const recycled = pickPrompt(mixed({ used: new Set(used) }));
    expect(recycled.exhausted).to.equal(true);
    expect(recycled.id).to.equal(used[0]);

    const reshownFirst = [...used, used[0] as string];
    expect(pickPrompt(mixed({ used: reshownFirst })).id).to.equal(used[1]);
  });

  it('picks the same prompt for the same seed and input', () => {
    const input = mixed({ shared: [industryIt], used: new Set(['fit.industry.01']), turn: 2 });
    expect(pickPrompt(input)).to.deep.equal(pickPrompt({ ...input }));
  });

  it('spreads different seeds (groups) over different first prompts', () => {
    const firsts = new Set(
      Array.from({ length: 20 }, (_, i) => pickPrompt(mixed({ seed: `run-1:group-${i}` })).id),
    );
    expect(firsts.size).to.be.at.least(5);
  });

  it("GIVEN a group sharing an industry THEN round 1's prompt is fitted and filled with it", () => {
    const picked = pickPrompt(mixed({ shared: [industryIt] }));
    expect(picked.source).to.equal('fitted');
    expect(picked.attribute).to.equal('industry');
    expect(picked.text).to.contain('IT・通信');
  });

  it('alternates fitted and theme prompts on "new prompt" presses', () => {
    const sources = [0, 1, 2, 3].map((turn) => pickPrompt(mixed({ shared: [industryIt], turn })).source);
    expect(sources).to.deep.equal(['fitted', 'theme', 'fitted', 'theme']);
  });

  it('rotates fitted turns through the shares, strongest (life stage) first', () => {
    const shared = [industryIt, parenting];
    expect(pickPrompt(mixed({ shared, turn: 0 })).attribute).to.equal('lifeStage');
    expect(pickPrompt(mixed({ shared, turn: 2 })).attribute).to.equal('industry');
  });

  it('GIVEN parents THEN picks parenting prompts before generic life-stage ones', () => {
    const shown = drawUntilExhausted(mixed({ shared: [parenting] })).filter((p) => p.source === 'fitted');
    const firstGeneric = shown.findIndex((p) => p.id.startsWith('fit.lifeStage.'));
    const lastParenting = shown.map((p) => p.id.startsWith('fit.parenting.')).lastIndexOf(true);
    expect(shown[0]?.id).to.match(/^fit\.parenting\./);
    expect(lastParenting).to.be.below(firstGeneric);
  });

  it('GIVEN carers THEN picks a caregiving prompt and never a parenting one', () => {
    const carers: SharedAttribute = { attribute: 'lifeStage', value: '介護中', key: 'caregiving' };
    const shown = drawUntilExhausted(mixed({ shared: [carers] }));
    expect(shown[0]?.id).to.match(/^fit\.caregiving\./);
    expect(shown.some((p) => p.id.startsWith('fit.parenting.'))).to.equal(false);
  });

  it('fits new-graduate prompts by default and mid-career ones for key "false"', () => {
    const graduates = pickPrompt(mixed({ shared: [{ attribute: 'newGraduate', value: '新卒入社' }] }));
    const midCareer = pickPrompt(
      mixed({ shared: [{ attribute: 'newGraduate', value: '中途入社', key: 'false' }] }),
    );
    expect(graduates.id).to.match(/^fit\.newGraduate\./);
    expect(midCareer.id).to.match(/^fit\.midCareer\./);
  });

  it('GIVEN a leave year shown as "2021年" THEN writes 2021年 once', () => {
    const picked = pickPrompt(mixed({ shared: [{ attribute: 'leaveYear', value: '2021年' }] }));
    expect(picked.text).to.contain('2021年').and.not.contain('年年');
  });

  it('GIVEN a share that says nothing (industry "other", blank value) THEN uses the theme', () => {
    const shared: SharedAttribute[] = [
      { attribute: 'industry', value: 'その他', key: 'other' },
      { attribute: 'region', value: '  ' },
    ];
    expect(pickPrompt(mixed({ shared })).source).to.equal('theme');
  });

  it('GIVEN all fitted prompts used THEN falls back to the theme without calling it exhausted', () => {
    const used = new Set([...BUILT_IN_PROMPT_IDS].filter((id) => id.startsWith('fit.industry.')));
    const picked = pickPrompt(mixed({ shared: [industryIt], used }));
    expect(picked.source).to.equal('theme');
    expect(picked.exhausted).to.equal(false);
  });

  it("includes the organiser's prompts, first on the theme side and in their order", () => {
    const custom = [
      { id: 'c-1', text: '最近の推し活を教えてください。' },
      { id: 'c-2', text: '社内報の思い出は？' },
    ];
    expect(pickPrompt(mixed({ custom })).id).to.equal('c-1');
    expect(pickPrompt(mixed({ custom, used: new Set(['c-1']) })).id).to.equal('c-2');
    const shown = drawUntilExhausted(mixed({ custom, shared: [industryIt] }));
    expect(shown.filter((p) => p.source === 'custom').map((p) => p.id)).to.deep.equal(['c-1', 'c-2']);
    expect(shown[1]).to.include({ id: 'c-1', text: custom[0]?.text });
  });

  it('rejects a custom prompt pool with a built-in or duplicate id or a blank text', () => {
    const bad = [
      [{ id: 'icebreaker.01', text: 'x' }],
      [
        { id: 'c-1', text: 'x' },
        { id: 'c-1', text: 'y' },
      ],
      [{ id: 'c-1', text: '  ' }],
    ];
    for (const custom of bad) expect(() => pickPrompt(mixed({ custom }))).to.throw(PromptPoolError);
  });

  it('leaves no {placeholder} in any prompt, for every attribute and both languages', () => {
    for (const locale of LOCALES) {
      for (const attribute of PROMPT_ATTRIBUTES) {
        const shared = [{ attribute, value: attribute === 'leaveYear' ? '2019' : `value-${attribute}` }];
        for (const picked of drawUntilExhausted(mixed({ locale, shared }))) {
          expect(picked.text, `${locale} ${picked.id}`).to.not.match(/[{}]/);
        }
      }
    }
  });

  it(`cuts a shared value longer than ${MAX_VALUE_LENGTH} characters`, () => {
    const interest: SharedAttribute = { attribute: 'interests', value: 'x'.repeat(100) };
    const picked = pickPrompt(mixed({ locale: 'en', shared: [interest] }));
    expect(picked.text)
      .to.contain(`${'x'.repeat(MAX_VALUE_LENGTH - 1)}…`)
      .and.not.contain('x'.repeat(MAX_VALUE_LENGTH));
  });

  it('GIVEN an unknown theme THEN falls back to icebreaker and says so', () => {
    const picked = pickPrompt(mixed({ theme: 'no-such-theme' }));
    expect(picked.theme).to.equal('icebreaker');
    expect(picked.id).to.match(/^icebreaker\./);
    expect(isThemeId('no-such-theme')).to.equal(false);
    expect(themeName('no-such-theme', 'en')).to.equal(themeName('icebreaker', 'en'));
  });

  it('names themes in the asked language', () => {
    expect(themeName('home-time', 'ja')).to.equal('おうち時間の楽しみ方');
    expect(themeName('home-time', 'en')).to.equal('Fun at home');
  });

  it('rejects a negative or fractional turn', () => {
    expect(() => pickPrompt(mixed({ turn: -1 }))).to.throw(RangeError);
    expect(() => pickPrompt(mixed({ turn: 1.5 }))).to.throw(RangeError);
  });
});
