/** What every control route shares: its handler shape and the checks on a JSON body's fields. */
import { DriverError, type Drivers } from '../drivers.js';
import type { HttpMethod, RouteRequest } from '../router.js';

export type Body = Record<string, unknown>;
export type Handler = (req: RouteRequest, d: Drivers, body: Body) => unknown;
/** A control route: method, path under /_emulator, handler. */
export type ControlRoute = [HttpMethod, string, Handler];

/** A required, non-empty string field; a person's mistake is a 400 with the field's name. */
export function str(b: Body, key: string): string {
  const v = b[key];
  if (typeof v !== 'string' || !v) throw new DriverError(`"${key}" (string) is required`);
  return v;
}

/** An optional string field (anything else counts as absent). */
export function optStr(b: Body, key: string): string | undefined {
  return typeof b[key] === 'string' ? (b[key] as string) : undefined;
}

/** An optional list of strings; anything but an array of strings is refused. */
export function optStrings(b: Body, key: string): string[] | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x))
    throw new DriverError(`"${key}" must be a list of strings`);
  return v as string[];
}
