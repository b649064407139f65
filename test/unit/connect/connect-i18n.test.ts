import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogue, placeholders, type MessageKey } from '../../../shared/i18n/index.js';
import {
  attributeOptions,
  fieldLabelKey,
  VISIBILITY_FIELDS,
} from '../../../shared/kernel/profile-attributes.js';
import { INTRO_FIELDS, introFieldKeys } from '../../../shared/know/profile-validation.js';

const sliceDirs = ['kernel', 'connect', 'know'].map((slice) =>
  fileURLToPath(new URL(`../../../shared/${slice}/`, import.meta.url)),
);

function expectKeyInBothLanguages(key: string): void {
  const k = key as MessageKey;
  expect(catalogue('ja'), `ja is missing ${key}`).to.have.property(key);
  expect(catalogue('en'), `en is missing ${key}`).to.have.property(key);
  expect(placeholders(catalogue('ja')[k]), key).to.deep.equal(placeholders(catalogue('en')[k]));
}

describe('Connect & Know translations', () => {
  it('label every attribute value in Japanese and English', () => {
    for (const kind of ['tenureBand', 'industry', 'region', 'lifeStage', 'ageBand'] as const) {
      for (const option of attributeOptions(kind)) expectKeyInBothLanguages(option.labelKey);
    }
  });

  it('label every profile field and intro input in both languages', () => {
    for (const field of [...VISIBILITY_FIELDS, 'displayName' as const])
      expectKeyInBothLanguages(fieldLabelKey(field));
    for (const field of INTRO_FIELDS) {
      const keys = introFieldKeys(field.id);
      expectKeyInBothLanguages(keys.labelKey);
      expectKeyInBothLanguages(keys.placeholderKey);
    }
  });

  it('translate every message key the services use', () => {
    const keys = new Set<string>();
    for (const dir of sliceDirs)
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('messages.'))) {
        for (const match of readFileSync(dir + file, 'utf8').matchAll(/'(connect\.[A-Za-z0-9_.]+)'/g)) {
          keys.add(match[1] as string);
        }
      }
    expect(keys.size).to.be.greaterThan(30);
    for (const key of keys) expectKeyInBothLanguages(key);
  });

  it('fit select menus: at most 25 options per attribute list', () => {
    for (const kind of ['tenureBand', 'industry', 'region', 'lifeStage', 'ageBand'] as const) {
      expect(attributeOptions(kind).length, kind).to.be.at.most(25);
    }
  });
});
