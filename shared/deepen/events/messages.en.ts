/** Deepen (events) strings, English. */
export const eventsEn = {
  'deepen.events.name': 'Events',
} as const;
