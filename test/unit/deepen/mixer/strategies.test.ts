import { expect } from 'chai';
import { parseStrategies } from '../../../../shared/deepen/mixer/strategies.js';
import { isDomainError } from '../../../../shared/errors.js';

describe('mixer strategies typed by organisers', () => {
  it('reads one per round and repeats the last for the remaining rounds', () => {
    expect(parseStrategies('industry, mixed', 3)).to.deep.equal([
      { kind: 'shared', attribute: 'industry' },
      { kind: 'mixed' },
      { kind: 'mixed' },
    ]);
  });

  it('reads Japanese words and arrows (業界→年代→ミックス)', () => {
    expect(parseStrategies('業界→年代→ミックス', 3)).to.deep.equal([
      { kind: 'shared', attribute: 'industry' },
      { kind: 'shared', attribute: 'ageBand' },
      { kind: 'mixed' },
    ]);
  });

  it('defaults to mixed rounds when nothing is given', () => {
    expect(parseStrategies('', 2)).to.deep.equal([{ kind: 'mixed' }, { kind: 'mixed' }]);
  });

  it('names an unknown word, and refuses more strategies than rounds', () => {
    try {
      parseStrategies('industry, shoe-size', 2);
      expect.fail('should refuse');
    } catch (error) {
      expect(isDomainError(error) && error.i18nKey).to.equal('deepen.mixer.error.unknownStrategy');
      expect(isDomainError(error) && error.vars.word).to.equal('shoe-size');
    }
    expect(() => parseStrategies('industry mixed region', 2)).to.throw(/tooManyStrategies/);
  });
});
