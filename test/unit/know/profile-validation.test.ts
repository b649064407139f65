import { expect } from 'chai';
import { DomainError, localizeError } from '../../../shared/errors.js';
import {
  splitTags,
  validateAttributes,
  validateIntroInput,
} from '../../../shared/know/profile-validation.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('intro validation', () => {
  const good = {
    name: '  山田 花子 ',
    career: '2015〜2022 営業部',
    currentWork: '',
    interests: '登山、写真, coffee',
    greeting: 'よろしく',
  };

  it('trims fields, splits interests and turns empty optional fields into null', () => {
    expect(validateIntroInput(good)).to.deep.equal({
      displayName: '山田 花子',
      departmentThen: '2015〜2022 営業部',
      roleNow: null,
      interests: ['登山', '写真', 'coffee'],
      greeting: 'よろしく',
    });
  });

  it('rejects an empty required field after trimming', () => {
    const error = errorOf(() => validateIntroInput({ ...good, name: '   ' }));
    expect(error.code).to.equal('INVALID_INPUT');
    expect(error.i18nKey).to.equal('connect.error.fieldRequired');
    expect(localizeError('en', error)).to.equal('Please fill in "Name (as shown)".');
  });

  it('reports every over-long field with its limit', () => {
    const error = errorOf(() =>
      validateIntroInput({ ...good, name: 'x'.repeat(81), greeting: 'y'.repeat(1001) }),
    );
    expect(error.issues.map((i) => [i.field, i.vars.max])).to.deep.equal([
      ['name', 80],
      ['greeting', 1000],
    ]);
    expect(localizeError('ja', error)).to.contain('80');
  });

  it('counts characters, not UTF-16 units, so 80 emoji fit the name', () => {
    expect(validateIntroInput({ ...good, name: '😀'.repeat(80) }).displayName).to.have.length(160);
  });

  it('folds line breaks in the one-line name', () => {
    expect(validateIntroInput({ ...good, name: 'Hana\nko' }).displayName).to.equal('Hana ko');
  });

  it('splits tags on Japanese and Latin separators and drops duplicates', () => {
    expect(splitTags('登山・写真、登山,  Coffee ; coffee')).to.deep.equal(['登山', '写真', 'Coffee']);
  });
});

describe('attribute validation', () => {
  const now = new Date('2026-05-01T00:00:00Z');

  it('accepts values from the lists and converts yes/no and year strings', () => {
    expect(
      validateAttributes(
        {
          leaveYear: '2020',
          tenureBand: '3to5',
          joinedAsNewGraduate: 'yes',
          industry: 'it',
          region: 'kansai',
          lifeStages: ['parenting'],
        },
        now,
      ),
    ).to.deep.equal({
      leaveYear: 2020,
      tenureBand: '3to5',
      joinedAsNewGraduate: true,
      industry: 'it',
      region: 'kansai',
      lifeStages: ['parenting'],
    });
  });

  it('rejects a leave year in the future or before 1980', () => {
    expect(errorOf(() => validateAttributes({ leaveYear: 2027 }, now)).i18nKey).to.equal(
      'connect.error.leaveYearRange',
    );
    expect(errorOf(() => validateAttributes({ leaveYear: 1979 }, now)).vars).to.deep.equal({
      min: 1980,
      max: 2026,
    });
  });

  it('rejects values outside the lists, each reported', () => {
    const error = errorOf(() =>
      validateAttributes({ industry: 'piracy', region: 'atlantis', lifeStages: ['retired?'] }, now),
    );
    expect(error.issues.map((i) => i.field)).to.deep.equal(['industry', 'region', 'lifeStages']);
  });

  it('lets null clear a value', () => {
    expect(validateAttributes({ industry: null, leaveYear: null }, now)).to.deep.equal({
      industry: null,
      leaveYear: null,
    });
  });
});
