import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../../sim/scenario/json-schema.js';

describe('schema/scenario.schema.json', () => {
  it('is the schema generated from the loader (run `npm run schema` after changing sim/scenario/schema.ts)', () => {
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });
});
