/** The slash-command shape (declared beside the context it receives, so the two form no import cycle). */
export type { Command, CommandRegistry } from '../context.js';
