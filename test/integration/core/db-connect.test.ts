import { expect } from 'chai';
import mongoose from 'mongoose';
import { connectMongoose, DatabaseUnreachableError } from '../../../shared/db/connect.js';

describe('connecting to MongoDB at start-up', () => {
  afterEach(async () => {
    await mongoose.disconnect();
  });

  it('GIVEN a closed port THEN fails with one readable line naming the (redacted) URI and what to check', async () => {
    let error: unknown;
    try {
      // Port 9 (discard) has no listener here.
      await connectMongoose('mongodb://app:hunter2@127.0.0.1:9/tsunagu', undefined, {
        serverSelectionTimeoutMS: 200,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DatabaseUnreachableError);
    const message = (error as Error).message;
    expect(message).to.not.include('\n');
    expect(message).to.include('mongodb://app:***@127.0.0.1:9/tsunagu');
    expect(message).to.not.include('hunter2');
    expect(message).to.include('ECONNREFUSED');
    expect(message).to.include('MONGODB_URI');
  });
});
