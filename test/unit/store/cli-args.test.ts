import { expect } from 'chai';
import { parseStoreArgs } from '../../../sandbox/store/cli-args.js';

describe('store command line (npm run db)', () => {
  it('reads the data directory, reset and the compaction size besides the port', () => {
    expect(parseStoreArgs(['--data-dir', '.data/store', '--reset', '27018'], {})).to.deep.equal({
      port: 27018,
      dataDir: '.data/store',
      reset: true,
    });
    expect(
      parseStoreArgs(['--data-dir=/tmp/x', '--compact-after-bytes', '4096'], { PORT: '0' }),
    ).to.deep.equal({
      port: 0,
      dataDir: '/tmp/x',
      reset: false,
      compactAfterBytes: 4096,
    });
  });

  it('takes an all-digit data directory as the directory, not as the port', () => {
    expect(parseStoreArgs(['--data-dir', '2026'], {})).to.include({ port: 27017, dataDir: '2026' });
  });

  it('refuses unknown or incomplete arguments instead of silently running in memory', () => {
    expect(() => parseStoreArgs(['--datadir', 'x'], {})).to.throw(/unknown argument '--datadir'/);
    expect(() => parseStoreArgs(['--data-dir'], {})).to.throw(/--data-dir needs a value/);
    expect(() => parseStoreArgs(['--reset'], {})).to.throw(/--reset needs --data-dir/);
    expect(() => parseStoreArgs(['--compact-after-bytes', 'lots', '--data-dir', 'x'], {})).to.throw(
      /invalid/,
    );
  });
});
