import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILES, withGeneratedSections } from '../../../src/docs/readme.js';

describe('README generated sections', () => {
  it('are what the schema, the commands and the seed run produce now (run `npm run docs` to refresh)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(await withGeneratedSections(readme));
  });

  it.each(GENERATED_FILES.filter((f) => f.path !== 'README.md').map((f) => [f.path, f] as const))(
    '%s is what src/vrrp/transitions.ts generates now (run `npm run docs` to refresh)',
    async (path, f) => {
      const current = readFileSync(path, 'utf8');
      expect(current).toBe(await f.render(current));
    },
  );
});
