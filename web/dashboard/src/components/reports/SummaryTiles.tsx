// The period's numbers as tiles, each with its change against the previous period (said in words for screen
// readers). Response and resolution times going down is good: their change is coloured the other way round.
import { change, csatText, durationText, type Change } from '../../lib/reports';
import type { ReportOverview } from '../../../../shared/types';

function Delta({ c, lowerIsBetter = false }: { c: Change | null; lowerIsBetter?: boolean }) {
  if (!c) return null;
  const good = c.direction === 'same' ? 'same' : (c.direction === 'down') === lowerIsBetter ? 'good' : 'bad';
  return <span class={`delta delta-${good}`}><span aria-hidden="true">{c.text}</span><span class="sr-only">{c.label}</span></span>;
}

interface Tile { label: string; value: string; c: Change | null; lowerIsBetter?: boolean; hint?: string }

export function SummaryTiles({ o }: { o: ReportOverview }) {
  const c = o.current, p = o.previous;
  const tiles: Tile[] = [
    { label: 'New conversations', value: String(c.conversations.new), c: change(c.conversations.new, p.conversations.new) },
    { label: 'Resolved', value: String(c.conversations.resolved), c: change(c.conversations.resolved, p.conversations.resolved) },
    { label: 'Missed (no agent reply)', value: String(c.conversations.missed), c: change(c.conversations.missed, p.conversations.missed), lowerIsBetter: true },
    { label: 'First response, median', value: durationText(c.first_response.median_ms), c: change(c.first_response.median_ms, p.first_response.median_ms), lowerIsBetter: true,
      hint: `p90 ${durationText(c.first_response.p90_ms)}` },
    { label: 'Resolution, median', value: durationText(c.resolution.median_ms), c: change(c.resolution.median_ms, p.resolution.median_ms), lowerIsBetter: true,
      hint: `p90 ${durationText(c.resolution.p90_ms)}` },
    { label: 'Messages', value: String(c.messages.visitor + c.messages.agent + c.messages.bot),
      c: change(c.messages.visitor + c.messages.agent + c.messages.bot, p.messages.visitor + p.messages.agent + p.messages.bot),
      hint: `visitors ${c.messages.visitor} · agents ${c.messages.agent} · bot ${c.messages.bot}` },
    { label: 'CSAT average', value: csatText(c.csat.average), c: change(c.csat.average === null ? null : Number(c.csat.average.toFixed(1)), p.csat.average === null ? null : Number(p.csat.average.toFixed(1))),
      hint: c.csat.count === 1 ? '1 rating' : `${c.csat.count} ratings` },
    { label: 'Bot: resolved alone', value: String(c.bot.resolved_alone), c: change(c.bot.resolved_alone, p.bot.resolved_alone),
      hint: `${c.bot.handed_off} handed off of ${c.bot.handled}` },
  ];
  return (
    <dl class="stat-tiles report-tiles">
      {tiles.map((t) => (
        <div key={t.label} class="stat-tile">
          <dt>{t.label}</dt>
          <dd><span class="tile-value">{t.value}</span> <Delta c={t.c} lowerIsBetter={t.lowerIsBetter} />
            {t.hint && <span class="tile-hint">{t.hint}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
