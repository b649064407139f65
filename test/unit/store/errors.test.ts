import { expect } from 'chai';
import { ObjectId } from 'bson';
import { ErrorCodes, StoreError, notSupported, toStoreError } from '../../../sandbox/store/errors.js';
import { duplicateKeyError, renderValue } from '../../../sandbox/store/storage/dup-key.js';

describe('store error shapes', () => {
  it('replies with ok 0, errmsg, code and codeName', () => {
    const reply = new StoreError(ErrorCodes.CommandNotFound, "no such command: 'nope'").toReply();
    expect(reply).to.deep.equal({
      ok: 0,
      errmsg: "no such command: 'nope'",
      code: 59,
      codeName: 'CommandNotFound',
    });
  });

  it('builds the E11000 duplicate key error like mongod', () => {
    const error = duplicateKeyError('app.users', 'email_1', { email: 1 }, ['a@x']);
    expect(error.toReply()).to.deep.equal({
      ok: 0,
      errmsg: 'E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@x" }',
      code: 11000,
      codeName: 'DuplicateKey',
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x' },
    });
    expect(error.toWriteError(3)).to.include({ index: 3, code: 11000 });
  });

  it('renders ObjectIds, nulls and compound keys in the dup key text', () => {
    const id = new ObjectId('64b000000000000000000001');
    expect(renderValue({ _id: id })).to.equal("{ _id: ObjectId('64b000000000000000000001') }");
    const error = duplicateKeyError('d.c', 'a_1_b_1', { a: 1, b: 1 }, [undefined, 2]);
    expect(error.message).to.match(/dup key: \{ a: null, b: 2 \}$/);
    expect(error.extra['keyValue']).to.deep.equal({ a: null, b: 2 });
  });

  it('marks deliberately unsupported features with NotImplemented (238) and says what to use instead', () => {
    const error = notSupported('$where');
    expect(error.code).to.equal(238);
    expect(error.message).to.contain('embedded MongoDB-compatible store');
    expect(error.message).to.contain('real MongoDB');
  });

  it('turns foreign exceptions into BadValue errors', () => {
    expect(toStoreError(new Error('boom')).toReply()).to.include({ ok: 0, code: 2, errmsg: 'boom' });
  });
});
