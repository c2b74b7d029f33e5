// npm run schema: regenerate schema/scenario.schema.json and schema/report-lines.schema.json (atomically).
import { renameSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from './json-schema.js';
import { reportLinesJsonSchemaText } from './report-lines.js';

for (const [name, text] of [['scenario.schema.json', scenarioJsonSchemaText()], ['report-lines.schema.json', reportLinesJsonSchemaText()]] as const) {
  const target = new URL(`../../schema/${name}`, import.meta.url);
  const tmp = new URL(`../../schema/.${name}.tmp`, import.meta.url);
  writeFileSync(tmp, text);
  renameSync(tmp, target);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
