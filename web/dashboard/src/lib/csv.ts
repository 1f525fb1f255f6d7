// CSV for the reports' tables (issue 16): RFC 4180 quoting, CRLF lines, and no formula injection: a text cell
// that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
// apostrophe. Made in the browser from the tables already shown, so a download is exactly what the page shows,
// costs no second request and needs no second encoder on the server (the REST API serves the same rows as JSON).
import { saveBlob } from './download';

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Starts a download of `text` as `name` (text/csv, UTF-8 with a BOM so that spreadsheets read accents right). */
export function downloadCsv(name: string, text: string): void {
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), name);
}
