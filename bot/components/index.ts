import type { ComponentFamily } from './types.js';
import { aboutComponents } from './about.js';
import { introComponents } from './intro.js';
import { relayComponents } from './relay.js';
import { profileComponents } from './profile.js';
import { rolePanelComponents } from './rolepanel.js';

/**
 * Every component family (buttons, selects, modals), explicitly: add one by writing
 * `components/<family>.ts` exporting a `ComponentFamily` with a unique prefix and listing it here.
 */
export const componentFamilies: readonly ComponentFamily[] = [
  aboutComponents,
  introComponents,
  relayComponents,
  profileComponents,
  rolePanelComponents,
];
