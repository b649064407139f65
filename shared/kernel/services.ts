/**
 * The services every slice reads: guild settings and a member's data rights. Built once per
 * process by the composition root (`createKernelServices`) and handed to the handlers.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import * as settings from './guild-settings.service.js';
import { createPersonalData, profilePart, type PersonalDataPart } from './personal-data.service.js';

/** What service factories may depend on; each composition root builds one. */
export interface ServiceDeps {
  clock: Clock;
  logger: Logger;
}

/**
 * The kernel's services: guild settings, and export/erasure of a member's data over the profile
 * and the personal-data parts of every slice in use (from their descriptors).
 */
export function createKernelServices(_deps: ServiceDeps, parts: readonly PersonalDataPart[] = []) {
  return { settings, personalData: createPersonalData([profilePart, ...parts]) };
}
export type KernelServices = ReturnType<typeof createKernelServices>;
