// npm run schema: regenerate schema/scenario.schema.json (atomically).
import { renameSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from './json-schema.js';

const target = new URL('../../schema/scenario.schema.json', import.meta.url);
const tmp = new URL('../../schema/.scenario.schema.json.tmp', import.meta.url);
writeFileSync(tmp, scenarioJsonSchemaText());
renameSync(tmp, target);
process.stdout.write(`wrote ${target.pathname}\n`);
