// Issue 14 item 4: YAML alias failures are input errors at file:line:col, not exit 70.
import { describe, expect, it } from 'vitest';
import { InputError, formatInputError } from '../../../src/cli/errors.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';

function error(text: string): string {
  try { loadScenarioText(text, 's.yaml'); } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  throw new Error('expected an input error');
}

describe('YAML aliases in a scenario', () => {
  it('an alias to no anchor is an input error where the alias stands', () => {
    expect(error('name: *a\n')).toBe('s.yaml:1:7: invalid YAML: alias *a names no anchor defined before it; expected &a earlier in the file');
  });
  it('an alias used before its anchor is the same error', () => {
    expect(error('name: *a\nduration: &a 10s\n')).toMatch(/^s\.yaml:1:7: invalid YAML: alias \*a/);
  });
  it('more than 100 alias uses is refused (the alias-bomb limit stays)', () => {
    expect(error(`a: &a [1]\nb: [${Array.from({ length: 120 }, () => '*a').join(', ')}]\n`)).toMatch(/^s\.yaml:2:5: invalid YAML: aliases expand to more than 100 nodes/);
  });
  it('an exponential alias bomb is refused quickly', () => {
    const lines = ['a0: &a0 [x, x]'];
    for (let i = 1; i < 20; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    expect(error(`${lines.join('\n')}\n`)).toMatch(/aliases expand to more than 100 nodes/);
  });
});
