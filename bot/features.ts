/**
 * The bot's slices, in product order (a slice may use the ones before it). A new slice adds its
 * descriptor here (one of the three central files a slice edits).
 */
import type { BotFeature } from './core/feature.js';
import { coreFeature } from './core/index.js';
import { connectFeature } from './connect/index.js';
import { knowFeature } from './know/index.js';
import { deepenFeature } from './deepen/index.js';
import { insightsFeature } from './insights/index.js';

export const BOT_FEATURES: readonly BotFeature[] = [
  coreFeature,
  connectFeature,
  knowFeature,
  deepenFeature,
  insightsFeature,
];

/** Every slash command of every slice (deploy-commands registers these). */
export const ALL_COMMANDS = BOT_FEATURES.flatMap((f) => f.commands ?? []);
/** Every component family of every slice. */
export const ALL_COMPONENTS = BOT_FEATURES.flatMap((f) => f.components ?? []);
/** Every gateway event handler of every slice. */
export const ALL_EVENTS = BOT_FEATURES.flatMap((f) => f.events ?? []);
