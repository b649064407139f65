/** The dashboard overview's Connect & Know card. */
export const overviewEn = {
  'web.connect.heading': 'Connect & Know',
  'web.connect.joined': 'Members',
  'web.connect.introduced': 'Introduced',
  'web.connect.introducedShare': 'Introduced share',
  'web.connect.hint':
    'Members: people in the server now, bots not counted (Discord’s member list, up to a minute old). Introduced: those of them who have introduced themselves.',
  'web.connect.latest.heading': 'Latest introductions',
  'web.connect.latest.empty': 'No introductions yet.',
  'web.connect.latest.item': '{name} ({date})',
  'web.connect.batons.heading': 'Batons waiting for an intro',
  'web.connect.batons.empty': 'No baton is waiting for an introduction.',
  'web.connect.batons.item': 'Chain #{chain}: {from} → {nominee} (nominated {date})',
  'web.connect.batons.awaiting': 'Batons waiting for the next nomination: {count}',
  'web.connect.seeAll': 'See all →',
} as const;
