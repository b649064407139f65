import session, { type Store } from 'express-session';
import MongoStore from 'connect-mongo';
import type { MongoClient } from 'mongodb';
import type { RequestHandler } from 'express';

export const SESSION_COLLECTION = 'web_sessions';

export interface SessionOptions {
  client: MongoClient;
  dbName?: string;
  secret: string;
  secure: boolean;
  idleMs: number;
  /** Overrides the MongoDB store (unit tests). */
  store?: Store;
}

/** The session cookie's name; `__Host-` binds it to our exact origin when served over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-tsunagu.sid' : 'tsunagu.sid';
}

/**
 * Sessions stored in MongoDB (connect-mongo, TTL index on `expires`) so every web process
 * shares them. Rolling: each response pushes the expiry `idleMs` ahead (idle timeout); the
 * absolute lifetime is enforced by sessionLifetime(). Only sessions that hold something are
 * saved (a login, an OAuth state or a CSRF token), so health checks and assets create none.
 */
export function sessionMiddleware(options: SessionOptions): RequestHandler {
  const store =
    options.store ??
    MongoStore.create({
      client: options.client,
      ...(options.dbName ? { dbName: options.dbName } : {}),
      collectionName: SESSION_COLLECTION,
      stringify: false,
      autoRemove: 'native',
      ttl: Math.ceil(options.idleMs / 1000),
      // Rolling sessions would otherwise write to the database on every request.
      touchAfter: 60,
    });
  return session({
    name: sessionCookieName(options.secure),
    secret: options.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: options.idleMs, path: '/' },
  });
}
