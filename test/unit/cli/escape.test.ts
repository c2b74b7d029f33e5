// Issue 14 item 10: an error line never carries raw control characters to the terminal.
import { describe, expect, it } from 'vitest';
import { InputError, escapeControls, formatInputError, safeJson } from '../../../src/cli/errors.js';
import { formatWarning } from '../../../src/model/format.js';
import { formatFinding } from '../../../src/lint/finding.js';

describe('error-line escaping', () => {
  const raw = 'a\u001b[31mred\rCR\u0000NUL\u2028LS\u202eRLO\u007fDEL\u0085NEL';
  const want = 'a\\x1b[31mred\\x0dCR\\x00NUL\\u{2028}LS\\u{202e}RLO\\x7fDEL\\x85NEL';
  it('escapes ESC, CR, NUL, U+2028, bidi overrides, DEL and C1 in input errors, file names included', () => {
    expect(formatInputError(new InputError(`bad '${raw}'`, { file: `f${raw}`, line: 1, col: 2 }))).toBe(`f${want}:1:2: bad '${want}'`);
  });
  it('escapes warnings and lint findings too', () => {
    expect(formatWarning({ severity: 'warning', message: raw })).toBe(`warning: ${want}`);
    expect(formatFinding({ severity: 'error', code: 'x', message: raw, fix: raw })).toBe(`error: ${want} (fix: ${want})`);
  });
  it('JSON output keeps the value and shows no character a terminal acts on', () => {
    const json = safeJson({ name: raw }, 1);
    expect(JSON.parse(json)).toEqual({ name: raw });
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  });

  it('leaves printable text as it is', () => {
    expect(escapeControls('naïve – “quoted” 日本')).toBe('naïve – “quoted” 日本');
  });
});
