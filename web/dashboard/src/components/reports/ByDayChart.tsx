// New conversations by day: a uPlot line chart (npm `uplot`, imported here dynamically so that only this page
// loads it), with a table of the same numbers a toggle away for screen readers and keyboards.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { byDayCsv } from '../../lib/reports';
import { downloadCsv } from '../../lib/csv';
import type { ReportOverview } from '../../../../shared/types';
import 'uplot/dist/uPlot.min.css';

export function ByDayChart({ o }: { o: ReportOverview }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const [failed, setFailed] = useState('');
  const total = o.by_day.reduce((n, d) => n + d.count, 0);

  useEffect(() => {
    if (asTable || !box.current) return;
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | null = null;
    let gone = false;
    const el = box.current;
    const observer = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: 220 }));
    import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      // The x axis is the day's index (not uPlot's time axis, which would tick hours): labels are the local dates.
      const xs = o.by_day.map((_, i) => i);
      const label = (i: number) => o.by_day[Math.round(i)]?.date.slice(5) ?? '';
      const accent = getComputedStyle(el).getPropertyValue('--c-accent').trim() || '#4f46e5';
      plot = new UPlot({
        width: el.clientWidth || 600,
        height: 220,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: false }, y: { range: (_u: unknown, _min: number, max: number) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
        series: [{}, { label: 'New conversations', stroke: accent, width: 2, fill: accent + '22', points: { show: o.by_day.length <= 45 } }],
        axes: [
          { incrs: [1, 2, 7, 14, 28, 56, 91], space: 48, values: (_u: unknown, splits: number[]) => splits.map(label) },
          { size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
        ],
      }, [xs, o.by_day.map((d) => d.count)], el);
      observer.observe(el);
    }).catch((e) => setFailed(String(e)));
    return () => { gone = true; observer.disconnect(); plot?.destroy(); };
  }, [o, asTable]);

  return (
    <section class="reports-section" aria-labelledby={`${id}-h`}>
      <div class="reports-section-head">
        <h2 id={`${id}-h`}>Conversations by day</h2>
        <button type="button" class="btn btn-sm" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>{asTable ? 'Show chart' : 'Show as table'}</button>
        <button type="button" class="btn btn-sm" onClick={() => downloadCsv(`conversations-by-day-${o.period.from}.csv`, byDayCsv(o))}>Download CSV</button>
      </div>
      {asTable || failed ? (
        <div class="table-scroll">
          <table class="table">
            <caption class="sr-only">New conversations by day</caption>
            <thead><tr><th scope="col">Date</th><th scope="col" class="num">New conversations</th></tr></thead>
            <tbody>{o.by_day.map((d) => <tr key={d.date}><td>{d.date}</td><td class="num">{d.count}</td></tr>)}</tbody>
          </table>
        </div>
      ) : (
        <div class="report-chart" ref={box} role="img" data-testid="by-day-chart"
          aria-label={`Line chart of new conversations per day: ${total} in ${o.by_day.length} days. Use "Show as table" for the numbers.`} />
      )}
    </section>
  );
}
