/** The component-family shape (declared beside the context it receives, so the two form no import cycle). */
export type { ComponentFamily, ComponentRegistry } from '../context.js';
