/**
 * The emulator's clock. Discord changes some things by itself as time passes (scheduled events
 * start, end and get cancelled; invites expire); tests cannot wait minutes or hours for that, so
 * those parts of the state read the time from here and tests move it forward with `advance()`.
 *
 * Time flows in real time from a shifted origin: `now()` is `Date.now()` plus every `advance()`.
 * Each `advance()`/`set()` runs the tick listeners at once, so what Discord would have done by
 * then has been done (and dispatched) when `advance()` returns. `start()` also ticks in real
 * time, so the sandbox behaves the same when nobody advances the clock.
 *
 * Snowflakes and message timestamps stay on the real clock (their order must match real time).
 */
export type TickListener = (now: number) => void;

export class EmulatorClock {
  private offsetMs = 0;
  private listeners = new Set<TickListener>();
  private timer: NodeJS.Timeout | undefined;

  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** `now()` as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Moves time forward by `ms` and runs the tick listeners; returns the new `now()`. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(${ms}): time only moves forward`);
    this.offsetMs += ms;
    this.tick();
    return this.now();
  }

  /** Jumps to an instant (forward or back) and runs the tick listeners. */
  set(at: Date | number): number {
    this.offsetMs = (typeof at === 'number' ? at : at.getTime()) - Date.now();
    this.tick();
    return this.now();
  }

  /** Registers a listener run on every tick; returns an unsubscribe. */
  onTick(listener: TickListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs every listener with the current time. */
  tick(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }

  /**
   * Ticks every `intervalMs` of real time (the timer does not keep the process alive). A listener
   * that throws goes to `onError`: a timer callback has nobody else to report to.
   */
  start(intervalMs: number, onError: (error: unknown) => void = () => {}): void {
    this.stop();
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        onError(error);
      }
    }, intervalMs).unref();
  }

  /** Stops the real-time ticking started by `start()`. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
