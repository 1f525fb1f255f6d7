// New conversations by hour of the week (local hours of the workspace, Monday first): a CSS grid whose cells are
// shaded in four steps, and a real table underneath for screen readers (each cell says its day, hour and count).
import { useId } from 'preact/hooks';
import { WEEKDAYS, heatLevel, heatmapCsv } from '../../lib/reports';
import { downloadCsv } from '../../lib/csv';
import type { ReportOverview } from '../../../../shared/types';

export function Heatmap({ o }: { o: ReportOverview }) {
  const id = useId();
  const max = Math.max(0, ...o.heatmap.flat());
  return (
    <section class="reports-section" aria-labelledby={`${id}-h`}>
      <div class="reports-section-head">
        <h2 id={`${id}-h`}>By hour of the week</h2>
        <button type="button" class="btn btn-sm" onClick={() => downloadCsv(`conversations-by-hour-${o.period.from}.csv`, heatmapCsv(o))}>Download CSV</button>
      </div>
      <div class="heatmap-scroll">
        <table class="heatmap" data-testid="heatmap">
          <caption class="sr-only">New conversations by day of the week and local hour ({o.period.timezone})</caption>
          <thead>
            <tr><td />{Array.from({ length: 24 }, (_, h) => <th key={h} scope="col"><span aria-hidden="true">{h % 3 === 0 ? h : ''}</span><span class="sr-only">{h}:00</span></th>)}</tr>
          </thead>
          <tbody>
            {o.heatmap.map((row, d) => (
              <tr key={d}>
                <th scope="row"><abbr title={WEEKDAYS[d]}>{WEEKDAYS[d].slice(0, 3)}</abbr></th>
                {row.map((n, h) => <td key={h} class={`heat heat-${heatLevel(n, max)}`} title={`${WEEKDAYS[d]} ${h}:00 – ${n}`}><span class="sr-only">{n}</span></td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="heatmap-legend muted small" aria-hidden="true">Fewer <span class="heat heat-0" /><span class="heat heat-1" /><span class="heat heat-2" /><span class="heat heat-3" /><span class="heat heat-4" /> More</p>
    </section>
  );
}
