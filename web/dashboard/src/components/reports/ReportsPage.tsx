// Reports (issue 16, item 1): the team's numbers for a period in the workspace's time zone, each beside its change
// against the period before; conversations by day (a uPlot chart, loaded only here) and by hour of the week; the
// per-agent and per-team tables; CSAT; the live panel. Every table downloads as CSV (made in the browser from what
// is shown, lib/csv.ts). Loaded by App.tsx with a dynamic import, so the rest of the dashboard does not carry it.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { PRESETS, addDays, customPeriodError, dateInZone, presetPeriod, summaryCsv, type Preset } from '../../lib/reports';
import { downloadCsv } from '../../lib/csv';
import type { ReportLive, ReportOverview } from '../../../../shared/types';
import { Skeleton } from '../ui';
import { ByDayChart } from './ByDayChart';
import { CsatSection } from './CsatSection';
import { Heatmap } from './Heatmap';
import { LivePanel } from './LivePanel';
import { ReportTable } from './ReportTable';
import { SummaryTiles } from './SummaryTiles';
import './reports.css';
import { periodQuery, type PeriodQuery } from './period';

export default function ReportsPage() {
  const id = useId();
  const [tz, setTz] = useState<string | null>(null);
  const [preset, setPreset] = useState<Preset>('7d');
  const [custom, setCustom] = useState({ first: '', last: '' });
  const [customError, setCustomError] = useState('');
  const [businessHours, setBusinessHours] = useState(false);
  const [period, setPeriod] = useState<PeriodQuery | null>(null);
  const [overview, setOverview] = useState<ReportOverview | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);

  // The workspace's zone comes with the live numbers; the presets end "today" there.
  const onLive = (l: ReportLive) => { if (!tz) setTz(l.timezone || 'UTC'); };
  useEffect(() => {
    if (!tz || preset === 'custom') return;
    setPeriod({ ...presetPeriod(preset, dateInZone(Date.now(), tz)), businessHours });
  }, [tz, preset, businessHours]);

  useEffect(() => {
    if (!period) return;
    const ctl = new AbortController();
    setOverview(null);
    setError('');
    api<ReportOverview>('GET', `/api/v1/reports/overview?${periodQuery(period)}`, undefined, ctl.signal)
      .then(setOverview)
      .catch((e) => { if (!ctl.signal.aborted) setError(errorMessage(e)); });
    return () => ctl.abort();
  }, [period, reload]);

  const applyCustom = (e: Event) => {
    e.preventDefault();
    const err = customPeriodError(custom.first, custom.last);
    setCustomError(err);
    if (!err) setPeriod({ from: custom.first, to: addDays(custom.last, 1), businessHours });
  };

  return (
    <div class="reports-page">
      <header class="reports-head">
        <h1 id={`${id}-h`}>Reports</h1>
        <div class="reports-controls">
          <div class="segmented" role="radiogroup" aria-label="Period">
            {PRESETS.map((p) => (
              <button key={p.id} type="button" role="radio" aria-checked={preset === p.id} class={`seg ${preset === p.id ? 'active' : ''}`}
                onClick={() => { setPreset(p.id); if (p.id === 'custom' && period) setCustom({ first: period.from, last: addDays(period.to, -1) }); }}>
                {p.label}
              </button>
            ))}
          </div>
          <label class="check">
            <input type="checkbox" checked={businessHours} onChange={(e) => {
              const on = (e.target as HTMLInputElement).checked;
              setBusinessHours(on);
              if (preset === 'custom' && period) setPeriod({ ...period, businessHours: on });
            }} />
            Business hours only
          </label>
        </div>
        {preset === 'custom' && (
          <form class="reports-custom" onSubmit={applyCustom} noValidate>
            <label class="field"><span>First day</span>
              <input type="date" value={custom.first} aria-invalid={!!customError} onInput={(e) => setCustom({ ...custom, first: e.currentTarget.value })} /></label>
            <label class="field"><span>Last day</span>
              <input type="date" value={custom.last} aria-invalid={!!customError} onInput={(e) => setCustom({ ...custom, last: e.currentTarget.value })} /></label>
            <button type="submit" class="btn btn-primary">Show</button>
            {customError && <p class="form-error" role="alert">{customError}</p>}
          </form>
        )}
      </header>

      <LivePanel onLive={onLive} />

      {error ? (
        <p class="form-error" role="alert">Could not load the report: {error}{' '}
          <button type="button" class="btn btn-sm" onClick={() => setReload((n) => n + 1)}>Retry</button></p>
      ) : !overview || !period ? (
        <div role="status" aria-label="Loading the report"><Skeleton lines={5} /></div>
      ) : (
        <>
          <section aria-labelledby={`${id}-sum`} class="reports-section">
            <div class="reports-section-head">
              <h2 id={`${id}-sum`}>{overview.period.from === addDays(overview.period.to, -1) ? overview.period.from
                : `${overview.period.from} – ${addDays(overview.period.to, -1)}`} <small class="muted">({overview.period.timezone})</small></h2>
              <button type="button" class="btn btn-sm" onClick={() => downloadCsv(`summary-${overview.period.from}.csv`, summaryCsv(overview))}>Download CSV</button>
            </div>
            {overview.current.truncated && <p class="muted small">Times are of the first 200,000 conversations of the period.</p>}
            <SummaryTiles o={overview} />
          </section>
          <ByDayChart o={overview} />
          <Heatmap o={overview} />
          <CsatSection o={overview} period={period} />
          <ReportTable kind="agent" period={period} />
          <ReportTable kind="team" period={period} />
        </>
      )}
    </div>
  );
}
