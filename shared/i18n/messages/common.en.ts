/** Strings every surface uses: the product name and generic errors. */
export const commonEn = {
  'app.name': 'Tsunagu',
  'app.tagline': 'Keeping your alumni network connected',
  'error.generic': 'Something went wrong. Please try again in a moment.',
  'error.forbidden': 'You do not have permission to do that.',
  'error.notFound': 'Not found.',
  'error.invalidInput': 'Please check your input: {reason}',
  'error.rateLimited':
    'Too many requests. Please try again in {seconds, plural, one {# second} other {# seconds}}.',
} as const;
