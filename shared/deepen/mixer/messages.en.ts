/** Deepen (mixer) strings, English. */
export const mixerEn = {
  'deepen.mixer.name': 'Voice mixer',
} as const;
