import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../../../shared/i18n/index.js';

const viewsDir = fileURLToPath(new URL('../../../web/views/', import.meta.url));

function ejsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? ejsFiles(join(dir, entry.name))
      : entry.name.endsWith('.ejs')
        ? [join(dir, entry.name)]
        : [],
  );
}

// EJS is not type-checked, so the message keys the views name are checked here instead: every
// quoted key inside a t(...) call must exist (the views' dynamic keys come from typed view models).
describe('dashboard views', () => {
  it('name only message keys that exist in the catalogue', () => {
    const known = new Set(Object.keys(catalogue('en')));
    const used = new Set<string>();
    for (const file of ejsFiles(viewsDir)) {
      for (const call of readFileSync(file, 'utf8').matchAll(/\bt\(([^)]*)\)/g)) {
        for (const key of (call[1] as string).matchAll(/'([a-zA-Z0-9_.]+)'/g)) used.add(key[1] as string);
      }
    }
    expect(used.size).to.be.greaterThan(50);
    expect([...used].filter((key) => !known.has(key))).to.deep.equal([]);
  });
});
