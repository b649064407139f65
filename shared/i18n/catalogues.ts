/**
 * The catalogue list: every area's strings, English and Japanese. A new slice adds its two
 * imports and one entry to each list below (this is one of the three central files a slice edits).
 */
import { commonEn } from './messages/common.en.js';
import { commonJa } from './messages/common.ja.js';
import { botEn } from './messages/bot.en.js';
import { botJa } from './messages/bot.ja.js';
import { webEn } from './messages/web.en.js';
import { webJa } from './messages/web.ja.js';
import { overviewEn } from './messages/overview.en.js';
import { overviewJa } from './messages/overview.ja.js';
import { kernelEn } from '../kernel/messages.en.js';
import { kernelJa } from '../kernel/messages.ja.js';
import { connectEn } from '../connect/messages.en.js';
import { connectJa } from '../connect/messages.ja.js';
import { knowEn } from '../know/messages.en.js';
import { knowJa } from '../know/messages.ja.js';
import { mixerEn } from '../deepen/mixer/messages.en.js';
import { mixerJa } from '../deepen/mixer/messages.ja.js';
import { eventsEn } from '../deepen/events/messages.en.js';
import { eventsJa } from '../deepen/events/messages.ja.js';
import { insightsEn } from '../insights/messages.en.js';
import { insightsJa } from '../insights/messages.ja.js';
import { commandsEn } from './messages/commands.en.js';
import { commandsJa } from './messages/commands.ja.js';

/** Every area by name, in both languages (tests check no key is defined by two areas). */
export const AREAS = {
  common: { en: commonEn, ja: commonJa },
  bot: { en: botEn, ja: botJa },
  web: { en: webEn, ja: webJa },
  overview: { en: overviewEn, ja: overviewJa },
  kernel: { en: kernelEn, ja: kernelJa },
  connect: { en: connectEn, ja: connectJa },
  know: { en: knowEn, ja: knowJa },
  mixer: { en: mixerEn, ja: mixerJa },
  events: { en: eventsEn, ja: eventsJa },
  insights: { en: insightsEn, ja: insightsJa },
  commands: { en: commandsEn, ja: commandsJa },
} as const;

export const ENGLISH = {
  ...commonEn,
  ...botEn,
  ...webEn,
  ...overviewEn,
  ...kernelEn,
  ...connectEn,
  ...knowEn,
  ...mixerEn,
  ...eventsEn,
  ...insightsEn,
  ...commandsEn,
};

export const JAPANESE: { readonly [K in keyof typeof ENGLISH]: string } = {
  ...commonJa,
  ...botJa,
  ...webJa,
  ...overviewJa,
  ...kernelJa,
  ...connectJa,
  ...knowJa,
  ...mixerJa,
  ...eventsJa,
  ...insightsJa,
  ...commandsJa,
};
