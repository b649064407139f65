import { combineFeatures, type BotFeature } from '../core/feature.js';
import { mixerPart } from './mixer/part.js';
import { eventsPart } from './events/part.js';

/** Deepen (深める): themed small-group voice mixers and the scheduled events that hold them. */
export const deepenFeature: BotFeature = combineFeatures('deepen', [mixerPart, eventsPart]);
