import { KeyedQueue } from '../../keyed-queue.js';
/** The mixer services of the Deepen step, built once per process. */
import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../../kernel/services.js';
import * as runs from './mixer-run.service.js';
import * as finish from './mixer-finish.service.js';
import * as feedback from './mixer-feedback.service.js';
import * as prompts from './mixer-prompt.service.js';
import * as customPrompts from './custom-prompt.service.js';
import { MovePacer } from './move-pacer.js';

/**
 * `workerId` names this process in a run's lease; `moves` is the process's one queue of member
 * moves per guild; `serial` keeps the steps of one run in order inside this process.
 */
export function createMixerServices(_deps: ServiceDeps) {
  return {
    runs,
    finish,
    feedback,
    prompts,
    customPrompts,
    workerId: randomUUID(),
    /** How long this worker's lease on a run lasts and how often a running step renews it. */
    lease: runs.leaseTiming(),
    moves: new MovePacer(),
    // The steps of one mixer run one after another in this process.
    serial: new KeyedQueue(),
  };
}
export type MixerServices = ReturnType<typeof createMixerServices>;
