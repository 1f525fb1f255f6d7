import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { addDays, change, customPeriodError, dateInZone, daysBetween, heatLevel, presetPeriod, tableCsv } from './reports';

describe('csv', () => {
  it('quotes what needs quoting and escapes quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3.5)).toBe('-3.5');
  });
  it('defuses formulas in text cells', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
  });
  it('writes CRLF lines with a header', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
  });
  it('names unassigned rows and gives minutes', () => {
    const csv = tableCsv([{ agent_id: null, name: null, conversations: 2, replies: 0, first_response_median_ms: 90_000,
      resolution_median_ms: null, csat_average: 4.25, csat_count: 4 }], 'agent');
    expect(csv.split('\r\n')[1]).toBe('Unassigned,2,0,1.5,,4.25,4');
  });
});

describe('periods', () => {
  it('reads today in the workspace zone', () => {
    const t = Date.UTC(2026, 2, 29, 23, 30); // 01:30 CEST on the 30th in Berlin, 16:30 on the 29th in Los Angeles
    expect(dateInZone(t, 'Europe/Berlin')).toBe('2026-03-30');
    expect(dateInZone(t, 'America/Los_Angeles')).toBe('2026-03-29');
    expect(dateInZone(t, 'Not/AZone')).toBe('2026-03-29');
  });
  it('makes presets ending today', () => {
    expect(presetPeriod('today', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(presetPeriod('7d', '2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-02' });
    expect(presetPeriod('30d', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-03-02' });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });
  it('checks a custom period', () => {
    expect(customPeriodError('2026-01-01', '2026-01-01')).toBe('');
    expect(customPeriodError('', '2026-01-01')).toMatch(/first day/);
    expect(customPeriodError('2026-01-05', '2026-01-01')).toMatch(/before/);
    expect(customPeriodError('2024-01-01', '2024-12-31')).toBe('');
    expect(customPeriodError('2024-01-01', '2025-01-01')).toMatch(/366/);
  });
});

describe('change', () => {
  it('says the change against the previous period', () => {
    expect(change(5, 4)?.text).toBe('+25 %');
    expect(change(3, 4)).toMatchObject({ text: '−25 %', direction: 'down' });
    expect(change(4, 4)?.direction).toBe('same');
    expect(change(2, 0)?.text).toBe('new');
    expect(change(null, 3)).toBeNull();
  });
  it('shades the heatmap in four steps', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(10, 10)).toBe(4);
    expect(heatLevel(6, 10)).toBe(3);
  });
});
