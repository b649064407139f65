import { expect } from 'chai';
import type { Db } from 'mongodb';
import { createAgenda } from '../../../shared/db/agenda.js';
import { redactUri } from '../../../shared/db/connect.js';

describe('agenda factory', () => {
  const fakeDb = {} as Db;

  it('refuses a poll interval that is not a positive number of milliseconds', () => {
    expect(() => createAgenda({ db: fakeDb, processEveryMs: Number.NaN })).to.throw(/processEveryMs/);
    expect(() => createAgenda({ db: fakeDb, processEveryMs: 0 })).to.throw(/processEveryMs/);
  });

  it('passes a numeric poll interval through to agenda unchanged', () => {
    const agenda = createAgenda({ db: fakeDb, processEveryMs: 100 });
    expect(agenda.attrs.processEvery).to.equal(100);
  });
});

describe('redactUri', () => {
  it('hides the password of a connection string', () => {
    expect(redactUri('mongodb+srv://alice:s3cret@cluster.example.net/db')).to.equal(
      'mongodb+srv://alice:***@cluster.example.net/db',
    );
  });

  it('leaves a URI without credentials alone', () => {
    expect(redactUri('mongodb://127.0.0.1:27017')).to.equal('mongodb://127.0.0.1:27017');
  });
});
