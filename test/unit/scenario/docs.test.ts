import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withGeneratedSections } from '../../../src/docs/readme.js';

describe('README generated sections', () => {
  it('are what the schema, the commands and the seed run produce now (run `npm run docs` to refresh)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(await withGeneratedSections(readme));
  });
});
