import type { UserFlags } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import type { DiscordState } from './state.js';
import type { UserRecord } from './types.js';

export interface CreateUserInput {
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
  locale?: string;
  email?: string | null;
  avatar?: string | null;
}

/** Users: people and bots. */
export class UserStore {
  constructor(private readonly s: DiscordState) {}

  /** Creates a user (no event: Discord announces users only through members, messages, etc.). */
  create(input: CreateUserInput): UserRecord {
    const user: UserRecord = {
      id: input.id ?? snowflake(),
      username: input.username,
      discriminator: input.bot ? '0001' : '0',
      global_name: input.globalName ?? null,
      avatar: input.avatar ?? null,
      ...(input.bot ? { bot: true } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.email !== undefined ? { email: input.email, verified: true } : {}),
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
    };
    this.s.data.users.set(user.id, user);
    return user;
  }

  /** Returns the user or throws 404 10013 Unknown User. */
  get(id: string): UserRecord {
    const user = this.s.data.users.get(id);
    if (!user) throw Errors.unknownUser();
    return user;
  }

  find(id: string): UserRecord | undefined {
    return this.s.data.users.get(id);
  }

  list(): UserRecord[] {
    return [...this.s.data.users.values()];
  }

  /** A closed DM makes the bot's DM sends fail with 403 50007, as when a person blocks DMs. */
  setDmsClosed(id: string, closed: boolean): void {
    this.get(id).dmsClosed = closed;
  }
}
