// The dashboard's place in the workspace event log (protocol.md, "Resume").
//
// Frames carry a growing `offset`. A replay and live frames may overlap, and a live frame may even
// arrive before replayed ones, so a frame is dropped only when its offset was already applied.
// The cursor sent as `after_offset` is the highest offset up to which *everything* was applied:
// it moves on contiguous offsets and jumps to `resume.done`'s offset (the server's word that all
// events up to it were sent). Resuming from it never skips an event; it may resend some, which
// `accept` drops.
export class ResumeCursor {
  /** Everything with offset <= floor was applied. */
  private floor: number;
  /** Applied offsets above the floor (gaps below them not yet filled). */
  private above = new Set<number>();
  epoch: string | null;

  constructor(floor = 0, epoch: string | null = null) {
    this.floor = floor;
    this.epoch = epoch;
  }

  /** The `after_offset` to resume from. */
  get cursor(): number {
    return this.floor;
  }

  /** The highest offset applied (for display and tests). */
  get highest(): number {
    let h = this.floor;
    for (const o of this.above) if (o > h) h = o;
    return h;
  }

  /** True when the frame with this offset is new and must be applied; records it. */
  accept(offset: number | undefined | null): boolean {
    if (offset == null) return true; // frames without offset (typing, read, presence) are never logged
    if (offset <= this.floor || this.above.has(offset)) return false;
    this.above.add(offset);
    this.advance();
    return true;
  }

  /** `resume.done` says every event up to `offset` was sent: the floor may jump over gaps. */
  done(offset: number): void {
    if (offset > this.floor) {
      this.floor = offset;
      for (const o of this.above) if (o <= offset) this.above.delete(o);
    }
    this.advance();
  }

  /**
   * Called with `welcome`. Returns 'resume' with the cursor to send, or 'reload' when the cursor is
   * useless (first connection, or a cursor from another database): then lists are reloaded over REST
   * and the cursor restarts at the server's newest offset.
   */
  onWelcome(epoch: string, serverOffset: number, hasState: boolean): { action: 'resume' | 'reload'; after: number } {
    if (!hasState || this.epoch !== epoch) {
      this.reset(epoch, serverOffset);
      return { action: 'reload', after: serverOffset };
    }
    return { action: 'resume', after: this.floor };
  }

  reset(epoch: string | null, floor: number): void {
    this.epoch = epoch;
    this.floor = floor;
    this.above.clear();
  }

  private advance(): void {
    while (this.above.has(this.floor + 1)) {
      this.above.delete(this.floor + 1);
      this.floor++;
    }
  }
}
