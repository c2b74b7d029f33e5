import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withScenarioReference } from '../../../sim/scenario/docs.js';

describe('README scenario reference', () => {
  it('is the reference generated from the schema (run `npm run docs` after changing sim/scenario/schema.ts)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withScenarioReference(readme));
  });
});
