import { describe, expect, it } from 'vitest';
import { eraseConfirmed, filenameFromDisposition } from './download';

describe('filenameFromDisposition', () => {
  it('reads quoted and bare names', () => {
    expect(filenameFromDisposition('attachment; filename="contact-7-export.zip"')).toBe('contact-7-export.zip');
    expect(filenameFromDisposition('attachment; filename=report.csv')).toBe('report.csv');
  });
  it('drops folders and refuses nothing or dots', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment; filename=".."')).toBeNull();
  });
});

describe('eraseConfirmed', () => {
  it('takes the name or the word erase, ignoring case and spaces', () => {
    expect(eraseConfirmed('erase', 'Anna Berg')).toBe(true);
    expect(eraseConfirmed('  ERASE ', 'Anna Berg')).toBe(true);
    expect(eraseConfirmed('anna  berg', 'Anna Berg')).toBe(true);
    expect(eraseConfirmed('Anna', 'Anna Berg')).toBe(false);
    expect(eraseConfirmed('', '')).toBe(false);
  });
});
