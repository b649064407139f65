import mongoose from 'mongoose';

/**
 * Creates the indexes of every model registered with mongoose (each slice's models register
 * themselves when imported, so there is no central model list) and waits for them. mongoose
 * builds indexes once per process on first connection; call this after connecting to another
 * database (tests switch databases per suite) and at start-up, so unique rules hold from the first write.
 */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
}
