/**
 * The view's static files: the hand-written ES modules, the stylesheet and icons in ./assets/,
 * and `messages.js`, the chrome's catalogue generated from catalogue.ts so the browser needs no
 * build. Only names found in the folder at start-up are served, so a path can never leave it;
 * each is read when asked for, so an edit to the view shows on reload.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEW_MESSAGES } from './catalogue.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  contentType: string;
  data: Buffer;
}

const DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** The servable files of `dir` (default: the view's assets); `get(name)` reads one, or undefined. */
export function viewAssets(dir = DIR): { names: string[]; get(name: string): Asset | undefined } {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const contentType = TYPES[extname(name)];
    if (contentType) files.set(name, contentType);
  }
  const catalogue = Buffer.from(`export default ${JSON.stringify(VIEW_MESSAGES)};\n`);
  return {
    names: [...files.keys(), 'messages.js'],
    get(name) {
      if (name === 'messages.js') return { contentType: TYPES['.js']!, data: catalogue };
      const contentType = files.get(name);
      return contentType ? { contentType, data: readFileSync(join(dir, name)) } : undefined;
    },
  };
}
