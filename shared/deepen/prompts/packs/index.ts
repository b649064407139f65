/** Every theme pack, in the order of `THEME_IDS` (a test checks the two agree). */
import type { ThemePack } from '../types.js';
import { icebreaker } from './icebreaker.js';
import { workStyle } from './work-style.js';
import { homeTime } from './home-time.js';
import { career } from './career.js';
import { alumniMemories } from './alumni-memories.js';
import { learning } from './learning.js';
import { local } from './local.js';

export const THEME_PACKS: readonly ThemePack[] = [
  icebreaker,
  workStyle,
  homeTime,
  career,
  alumniMemories,
  learning,
  local,
];
