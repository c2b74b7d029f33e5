// The published JSON Schema of scenario files, generated from the zod schema the loader uses so
// editors and the loader can never disagree. `npm run schema` rewrites schema/scenario.schema.json;
// a test fails when the committed file is stale.
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

export function scenarioJsonSchema(): object {
  const s = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...s,
    $id: 'https://vrrplab.dev/schema/scenario.schema.json',
    title: 'vrrplab scenario',
    description: 'A deployment of keepalived/VRRP nodes, a timeline of faults, and expectations about where the virtual IPs go.',
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
