/**
 * Who attended which mixer or event, as the funnel and the trends read it. The deepen slice owns
 * the records (mixer attendance, event occurrences); insights reads them through this interface,
 * so the funnel's "first mixer or event" step never guesses.
 */
export interface Attendance {
  userId: string;
  at: Date;
  /** One id per occasion: a mixer run inside an event counts once, as the event. */
  occasion: string;
}

export interface AttendanceSource {
  attendances(guildId: string, range?: { from?: Date; to?: Date }): Promise<Attendance[]>;
}
