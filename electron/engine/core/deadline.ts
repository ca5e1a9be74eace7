/**
 * One overall deadline for an audit, and the per-stage timeout derived from it:
 * a stage gets its own limit (like Thunderbird's 10 s) but never more than what is
 * left of the whole, so every step times out by itself at the deadline.
 */
export class Deadline {
  private readonly end: number;

  constructor(
    totalMs: number,
    private readonly stageMs: number,
  ) {
    this.end = performance.now() + totalMs;
  }

  remaining(): number {
    return Math.max(0, this.end - performance.now());
  }

  /** Timeout for the next stage: the stage limit, capped by what is left (at least 1 ms). */
  stage(limitMs = this.stageMs): number {
    return Math.max(1, Math.min(limitMs, this.stageMs, this.remaining()));
  }
}
