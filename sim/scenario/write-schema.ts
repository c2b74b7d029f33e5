// npm run schema: regenerate schema/scenario.schema.json and schema/report-lines.schema.json (atomically).
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../src/keepalived/atomic.js';
import { scenarioJsonSchemaText } from './json-schema.js';
import { reportLinesJsonSchemaText } from './report-lines.js';

for (const [name, text] of [['scenario.schema.json', scenarioJsonSchemaText()], ['report-lines.schema.json', reportLinesJsonSchemaText()]] as const) {
  const target = new URL(`../../schema/${name}`, import.meta.url);
  writeFileAtomic(fileURLToPath(target), text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
