import type { Router } from 'express';
import type { JobQueue } from '../../shared/db/job-queue.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { GuildReads } from './reads.js';
import type { MemberNameLookup } from './member-names.js';
import type { HealthLookup } from '../types.js';

/** What a slice's guild routes receive from the composition root. */
export interface GuildPageDeps {
  reads: GuildReads;
  /** Names people by intro name, else Discord name (web/core/member-names.ts). */
  names: MemberNameLookup;
  healthLookup: HealthLookup;
  /** Rows per page of long lists (default 25). */
  pageSize?: number;
  now?: () => number;
  /** The worker's job queue (shared/db/job-queue.ts); absent, Discord actions answer 503. */
  jobs?: JobQueue;
}

/** One entry of the guild navigation. */
export interface NavEntry {
  /** The page key (`guildPageLocals(res, key, …)` marks it current). */
  key: string;
  /** Path below /guilds/:guildId ('' for the overview). */
  path: string;
  labelKey: MessageKey;
}

/**
 * A web slice's contract: its navigation entries, the reads its pages use, and its routes
 * (mounted under /guilds/:guildId after requireGuildAccess). web/features.ts lists the slices.
 */
export interface WebFeature {
  name: string;
  nav?: readonly NavEntry[];
  reads?: Partial<GuildReads>;
  guildRoutes?(deps: GuildPageDeps): Router;
}
