/** Insights strings, English. */
export const insightsEn = {
  'insights.name': 'Insights',
} as const;
