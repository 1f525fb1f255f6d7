// Runs the proactive rules of a session on the host page (a lazy chunk: loaded only when the session has rules).
// It watches the page (URL, referrer, time on it; SPA navigations restart the clock) and, when the best rule that
// matches now is found, asks the server for its message. The server decides (caps, its own conditions) and the
// message then arrives like any other, which shows the teaser.
import type { HostPage } from '../../../shared/bridge';
import type { WidgetProactiveRule } from '../../../shared/types';
import { bestRule, nextCheck, type PageContext } from './match';

/** The server's answer to "show this rule": sent; not now on this page (try others); or never again here. */
export type ShowOutcome = 'sent' | 'skip' | 'stop';

export class ProactiveRunner {
  private tried = new Set<number>();  // asked for on this page (refused ones may match on the next page)
  private done = new Set<number>();   // sent, or shown before: never again
  private since = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private busy = false;
  private stopped = false;
  private page: HostPage = { url: '' };

  constructor(
    private rules: WidgetProactiveRule[],
    private visits: number,
    private show: (ruleId: number) => Promise<ShowOutcome>,
    private now: () => number = Date.now,
  ) {}

  /** A page of the host site (the first one, or an SPA navigation): its clock starts now. */
  setPage(p: HostPage): void {
    this.page = p;
    this.since = this.now();
    this.tried = new Set(this.done);
    this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private context(): PageContext {
    return { url: this.page.url || '', referrer: this.page.referrer || '', seconds: (this.now() - this.since) / 1000, visits: this.visits };
  }

  private check(): void {
    clearTimeout(this.timer);
    this.timer = 0;
    if (this.stopped || this.busy) return;
    const ctx = this.context();
    const rule = bestRule(this.rules, ctx, this.tried);
    if (rule) {
      this.tried.add(rule.id);
      this.busy = true;
      const page = this.page;
      this.show(rule.id).then((outcome) => {
        this.busy = false;
        if (outcome === 'stop') return this.stop();
        if (outcome === 'sent') this.done.add(rule.id);
        if (page === this.page) this.check();
      }, () => { this.busy = false; });
      return;
    }
    const at = nextCheck(this.rules, ctx, this.tried);
    // A few ms late rather than early: the time condition must hold when the timer fires.
    if (at !== null) this.timer = setTimeout(() => this.check(), Math.max(0, (at - ctx.seconds) * 1000) + 20);
  }
}
