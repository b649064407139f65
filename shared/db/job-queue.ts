/**
 * How the dashboard asks the worker to act in Discord: it never holds a discord.js Client, so it
 * enqueues an agenda job (stored in MongoDB, locked, run once by whichever worker picks it up) and
 * the page shows the outcome the job writes into the domain document. Only job names the worker
 * defines may be enqueued; the data holds plain ids and values.
 */
export interface JobQueue {
  now(name: string, data: Record<string, unknown>): Promise<void>;
}
