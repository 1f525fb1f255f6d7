// Now: open conversations, those waiting without an agent, the longest wait and the agents online; refreshed
// every 15 s while the page is shown (and not while the tab is hidden).
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { durationText } from '../../lib/reports';
import type { ReportLive } from '../../../../shared/types';

const REFRESH_MS = 15_000;

export function LivePanel({ onLive }: { onLive: (l: ReportLive) => void }) {
  const id = useId();
  const [live, setLive] = useState<ReportLive | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = () => {
      if (document.visibilityState === 'hidden') { timer = setTimeout(tick, REFRESH_MS); return; }
      api<ReportLive>('GET', '/api/v1/reports/live')
        .then((l) => { if (stopped) return; setLive(l); setError(''); onLive(l); })
        .catch((e) => { if (!stopped) setError(errorMessage(e)); })
        .finally(() => { if (!stopped) timer = setTimeout(tick, REFRESH_MS); });
    };
    tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, []);

  return (
    <section class="live-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}><span class="live-dot" aria-hidden="true" /> Live</h2>
      {error && !live ? <p class="form-error" role="alert">Could not load the live numbers: {error}</p> : (
        <dl class="live-numbers" aria-busy={!live}>
          <div><dt>Open</dt><dd data-testid="live-open">{live ? live.open : '…'}</dd></div>
          <div><dt>Waiting, unassigned</dt><dd>{live ? live.waiting_unassigned : '…'}</dd></div>
          <div><dt>Longest wait</dt><dd>{live ? durationText(live.longest_wait_ms) : '…'}</dd></div>
          <div><dt>Agents online</dt><dd>{live ? live.agents_online : '…'}</dd></div>
        </dl>
      )}
    </section>
  );
}
